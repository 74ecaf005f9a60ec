"""The plan as data: pydantic models of a yearly provincial plan and its consistency checks.

Field-level rules (types, ranges, known metrics, well-formed comparisons) are pydantic
validators, so pydantic reports them at their exact place. Rules across items (unique ids,
parts adding up to stated totals) are in :func:`gnbv.core.plan.checks.plan_problems`, which
returns every problem with its place instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from gnbv.core.models import StrictModel
from gnbv.core.plan.metrics import METRICS, MetricSpec, ScopeKind
from gnbv.errors import RuleError

Loc = tuple[str | int, ...]


class LegalBasis(StrictModel):
    ref: str
    date: dt.date | None = None
    text_vi: str
    label_en: str


class PlanIdentity(StrictModel):
    province: str
    year: int = Field(ge=2000, le=2100)
    title_vi: str
    label_en: str
    document_vi: str
    """The document's number and date as printed (the seed is a draft: "Số: /KH-UBND")."""
    standard: str
    legal_bases: list[LegalBasis] = Field(min_length=1)
    lead_agency_vi: str
    source_text: str
    """Where the plan's text is kept, so every number can be traced."""


class Scope(StrictModel):
    kind: ScopeKind
    name: str | None = None
    """The district's name, for ``kind: district``."""

    @model_validator(mode="after")
    def _name_only_for_district(self) -> Scope:
        if self.kind == "district" and not self.name:
            raise RuleError("a district scope needs a name", "rule_district_name")
        if self.kind != "district" and self.name is not None:
            raise RuleError(
                f"a {self.kind} scope takes no name", "rule_scope_no_name", kind=self.kind
            )
        return self


class StatedFigure(StrictModel):
    """A level the plan states, e.g. 12,558 poor households = 2.63 % at end-2023."""

    id: str
    metric: Literal[
        "poverty_rate",
        "near_poverty_rate",
        "poor_and_near_poor_rate",
        "meritorious_poor_or_near_poor_households",
    ]
    scope: Scope
    households: int | None = Field(default=None, ge=0)
    rate: float | None = Field(default=None, ge=0, le=100)
    text_vi: str
    label_en: str


class StatedChange(StrictModel):
    """A change from the year before that the plan states, e.g. -5,388 households = -1.18 pp."""

    id: str
    metric: Literal["poverty_rate", "near_poverty_rate"]
    scope: Scope
    households: int | None = None
    points: float | None = None
    """Change of the rate in percentage points (negative = fell)."""
    planned_points: float | None = None
    """The change the previous year's plan asked for, where the text gives it."""
    text_vi: str
    label_en: str


class StatedFact(StrictModel):
    id: str
    value: int
    text_vi: str
    label_en: str


class Baseline(StrictModel):
    year: int
    text_vi: str
    figures: list[StatedFigure]
    changes_from_previous_year: list[StatedChange] = Field(default_factory=list)
    facts: list[StatedFact] = Field(default_factory=list)


class Areas(StrictModel):
    districts: list[str] | None = None
    """The plan's district-level units (huyện, thị xã, thành phố) in the plan year; a census
    district that is none of them is named in a warning. Null: the plan does not list them."""
    poor_districts: list[str] = Field(default_factory=list)
    dbkk_communes: list[str] | None = None
    """Extremely difficult communes of the year; null = the plan does not list them and the
    census column ``special_difficulty_commune`` says which they are."""


class Conventions(StrictModel):
    range_met_at: Literal["lower_bound", "upper_bound"] = "lower_bound"
    """A target stated as a range ("giảm 5–6%") is met when this bound is reached."""


Op = Literal["<=", "<", ">=", ">", "=="]


class Target(StrictModel):
    id: str = Field(pattern=r"^[A-Z][0-9]+[a-z]?$")
    group: Literal["main", "deprivation"]
    text_vi: str
    label_en: str
    metric: str
    scope: Scope = Scope(kind="province")
    measure: Literal["level", "reduction_points"] = "level"
    """``level``: the metric's value at year-end is compared; ``reduction_points``: the fall of
    the rate from the baseline, in percentage points, is compared."""
    op: Op
    value: float | None = None
    range: tuple[float, float] | None = None
    """A range as the plan states it ("5–6"); the plan's ``conventions`` pick the bound."""
    baseline_rate: float | None = None
    """The scope's rate at the baseline year as the plan states it; null when it does not."""
    note_vi: str | None = None
    note_en: str | None = None

    @field_validator("metric")
    @classmethod
    def _metric_known(cls, metric: str) -> str:
        if metric not in METRICS:
            known = ", ".join(sorted(METRICS))
            raise RuleError(
                f"unknown metric {metric!r}; known metrics: {known}",
                "rule_unknown_metric",
                metric=metric,
                known=known,
            )
        return metric

    @model_validator(mode="after")
    def _comparison_well_formed(self) -> Target:
        spec = METRICS[self.metric]
        if (self.value is None) == (self.range is None):
            raise RuleError("give exactly one of value or range", "rule_value_or_range")
        if self.range is not None:
            low, high = self.range
            if low > high:
                raise RuleError(
                    f"range [{low}, {high}] is reversed", "rule_range_reversed", low=low, high=high
                )
            if self.op not in (">=", "<="):
                raise RuleError("a range is compared with >= or <=", "rule_range_op")
        bounds = [self.value] if self.value is not None else list(self.range or ())
        for bound in bounds:
            if bound < 0 or (spec.unit == "percent" and self.measure == "level" and bound > 100):
                raise RuleError(
                    f"{bound} is outside what a {spec.unit} value can be",
                    "rule_bound",
                    bound=bound,
                    unit=spec.unit,
                )
        if self.measure == "reduction_points":
            if not spec.is_poverty_rate:
                raise RuleError(
                    f"{self.metric} cannot be targeted as a reduction in points",
                    "rule_reduction_metric",
                    metric=self.metric,
                )
            if self.op not in (">=", ">"):
                raise RuleError(
                    "a reduction is compared with >= or > (at least / more than)",
                    "rule_reduction_op",
                )
        elif self.baseline_rate is not None and not spec.is_poverty_rate:
            raise RuleError("baseline_rate is for poverty-rate targets", "rule_baseline_rate")
        return self

    @property
    def spec(self) -> MetricSpec:
        return METRICS[self.metric]

    def threshold(self, conventions: Conventions) -> float:
        """The value the comparison is made against, after the range convention."""
        if self.value is not None:
            return self.value
        assert self.range is not None
        return self.range[0] if conventions.range_met_at == "lower_bound" else self.range[1]


CapitalType = Literal["investment", "recurrent"]
CAPITAL_TYPES: tuple[CapitalType, ...] = ("investment", "recurrent")


class BudgetLine(StrictModel):
    capital_type: CapitalType
    amount_mvnd: int = Field(ge=0)
    text_vi: str


class BudgetSource(StrictModel):
    id: str = Field(pattern=r"^[a-z_]+$")
    name_vi: str
    label_en: str
    stated_total_mvnd: int = Field(ge=0)
    lines: list[BudgetLine] = Field(min_length=1)


class Budget(StrictModel):
    unit: Literal["million_vnd"]
    stated_total_mvnd: int = Field(ge=0)
    decision_vi: str
    """The decision that allocated the funds."""
    text_vi: str
    sources: list[BudgetSource] = Field(min_length=1)


class SubProject(StrictModel):
    code: str = Field(pattern=r"^DA\d\.\d$")
    name_vi: str
    label_en: str
    named_in_plan: bool = True
    """False where the plan only counts the sub-project; the name then comes from QĐ 90."""


class Work(StrictModel):
    id: str
    status: Literal["carried_over", "new"]
    kind: Literal["road", "health_station"]
    communes: list[str] = Field(min_length=1)
    text_vi: str
    label_en: str


class StatedWorkCounts(StrictModel):
    carried_over: int = Field(ge=0)
    new: int = Field(ge=0)


class Project(StrictModel):
    code: str = Field(pattern=r"^DA\d$")
    name_vi: str
    label_en: str
    stated_subproject_count: int | None = Field(default=None, ge=0)
    subprojects: list[SubProject] = Field(default_factory=list)
    stated_work_counts: StatedWorkCounts | None = None
    works: list[Work] = Field(default_factory=list)


class Deadline(StrictModel):
    id: str | None = None
    """A name the programme's checks look for (``allocation_reports``)."""
    date: dt.date
    who_vi: str
    what_vi: str
    label_en: str


class DisbursementDeadline(StrictModel):
    """By when funds must be disbursed: data, since the law and its extensions change."""

    funds: Literal["plan_year", "carried_over"]
    capital_type: CapitalType | None = None
    """None: both capital types."""
    date: dt.date
    basis_vi: str
    label_en: str


class Programme(StrictModel):
    """What the programme's own progress is measured against (the progress workbook)."""

    period_start: dt.date
    """When the year's funds are there to be spent: pace is measured from it."""
    disbursement_deadlines: list[DisbursementDeadline] = Field(min_length=1)
    works_deadline: dt.date
    """The works carried over are to be completed and accepted by then."""

    def deadline_for(self, funds: str, capital_type: str) -> DisbursementDeadline | None:
        for deadline in self.disbursement_deadlines:
            if deadline.funds == funds and deadline.capital_type in (None, capital_type):
                return deadline
        return None


class Plan(StrictModel):
    schema_version: Literal[1]
    plan: PlanIdentity
    baseline: Baseline
    areas: Areas
    conventions: Conventions = Conventions()
    targets: list[Target] = Field(min_length=1)
    budget: Budget
    projects: list[Project] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    programme: Programme | None = None
    """Deadlines and dates of the programme's progress; None: progress cannot be paced."""

    def target(self, target_id: str) -> Target:
        for target in self.targets:
            if target.id == target_id:
                return target
        raise KeyError(target_id)

    def project_codes(self) -> dict[str, str]:
        """Every project and sub-project code of the plan, with its Vietnamese name."""
        codes: dict[str, str] = {}
        for project in self.projects:
            codes[project.code] = project.name_vi
            for sub in project.subprojects:
                codes[sub.code] = sub.name_vi
        return codes

    def deadline(self, deadline_id: str) -> Deadline | None:
        return next((d for d in self.deadlines if d.id == deadline_id), None)

    def district_names(self) -> list[str]:
        """Every district the plan names: its list of units, poor districts, target scopes."""
        names = list(self.areas.districts or [])
        names += self.areas.poor_districts
        names += [t.scope.name for t in self.targets if t.scope.kind == "district" and t.scope.name]
        return list(dict.fromkeys(names))

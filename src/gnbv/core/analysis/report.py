"""The result of ``gnbv check``: one object that feeds the tables, the JSON and the exit code.

Everything here is plain Python (ints, floats, strings), so renderers and ``json`` never meet
numpy or pandas types. Rates are in percent, unrounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gnbv.core.analysis.targets import TargetResult, target_dict
from gnbv.core.analysis.transition_tables import summary_rows
from gnbv.core.analysis.transitions import Transitions
from gnbv.core.contract.units import units_of_part
from gnbv.core.plan.model import Plan
from gnbv.core.plan.standards import Standard

SCHEMA_VERSION = 1


def _pct(numerator: int, denominator: int) -> float | None:
    return 100.0 * numerator / denominator if denominator else None


@dataclass(frozen=True)
class ClassCounts:
    total: int
    poor: int
    near_poor: int
    middle: int
    non_poor: int

    @property
    def poverty_rate(self) -> float | None:
        return _pct(self.poor, self.total)

    @property
    def near_poverty_rate(self) -> float | None:
        return _pct(self.near_poor, self.total)

    @property
    def poor_and_near_poor_rate(self) -> float | None:
        return _pct(self.poor + self.near_poor, self.total)

    def counts(self) -> dict[str, int]:
        return {
            "total": self.total,
            "poor": self.poor,
            "near_poor": self.near_poor,
            "middle": self.middle,
            "non_poor": self.non_poor,
        }

    def rates(self) -> dict[str, float | None]:
        return {
            "poverty_rate": self.poverty_rate,
            "near_poverty_rate": self.near_poverty_rate,
            "poor_and_near_poor_rate": self.poor_and_near_poor_rate,
        }


@dataclass(frozen=True)
class UnitCounts:
    district: str
    commune: str | None
    counts: ClassCounts
    persons: ClassCounts | None = None
    """Members (nhân khẩu) of the households, by class."""

    def to_dict(self) -> dict[str, Any]:
        """A district (``name``), or a commune (its ``district`` and ``name``)."""
        named: dict[str, Any] = (
            {"name": self.district}
            if self.commune is None
            else {"district": self.district, "name": self.commune}
        )
        return {
            **named,
            "households": self.counts.total,
            **{k: v for k, v in self.counts.counts().items() if k != "total"},
            **self.counts.rates(),
            "persons": self.persons.counts() if self.persons else None,
        }


@dataclass(frozen=True)
class GroupCounts:
    id: str
    counts: ClassCounts | None
    no_data_reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts
        return {
            "id": self.id,
            "households": counts.total if counts else None,
            "poor": counts.poor if counts else None,
            "near_poor": counts.near_poor if counts else None,
            "poverty_rate": counts.poverty_rate if counts else None,
            "near_poverty_rate": counts.near_poverty_rate if counts else None,
            "no_data_reason": self.no_data_reason,
        }


@dataclass(frozen=True)
class DeprivationRow:
    code: str
    column: str
    name_vi: str
    name_en: str
    poor_deprived: int
    near_poor_deprived: int
    poor: int
    near_poor: int

    @property
    def share_of_poor_and_near_poor(self) -> float | None:
        return _pct(self.poor_deprived + self.near_poor_deprived, self.poor + self.near_poor)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "column": self.column,
            "name_vi": self.name_vi,
            "name_en": self.name_en,
            "poor_deprived": self.poor_deprived,
            "near_poor_deprived": self.near_poor_deprived,
            "poor_share": _pct(self.poor_deprived, self.poor),
            "near_poor_share": _pct(self.near_poor_deprived, self.near_poor),
            "poor_and_near_poor_share": self.share_of_poor_and_near_poor,
        }


@dataclass(frozen=True)
class DeprivationUnit:
    """A district's (or, with ``district`` None, the province's) poor and near-poor
    households and how many of each are deprived in each indicator (keyed by column)."""

    district: str | None
    poor: int
    near_poor: int
    poor_deprived: dict[str, int]
    near_poor_deprived: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "district": self.district,
            "poor": self.poor,
            "near_poor": self.near_poor,
            "poor_deprived": self.poor_deprived,
            "near_poor_deprived": self.near_poor_deprived,
        }


@dataclass(frozen=True)
class CoverageRow:
    metric: str
    numerator: int | None
    denominator: int | None
    value: float | None
    no_data_reason: str | None
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
            "no_data_reason": self.no_data_reason,
            "note": self.note,
        }


@dataclass(frozen=True)
class InputSummary:
    file: str
    rows: int
    valid_rows: int
    invalid_rows: int
    invalid_by_reason: dict[str, int]
    problems: list[dict[str, Any]]
    """The first problems (row, household_id, column, reason); never cell values."""
    problems_total: int
    columns_absent: list[str]
    """Optional census columns the file does not have (targets needing them: no data)."""
    max_invalid_percent: float
    source: dict[str, Any] = field(default_factory=dict)
    """How the file was read: format, encoding, delimiter, sheet, sha256."""
    values_shown: bool = False
    skipped_rows: list[tuple[int, str]] = field(default_factory=list)
    """Rows skipped, not households and not problems: row number and why (``totals_row``, a
    form's "Tổng cộng"; ``repeated_header``, another file's header joined under the first;
    ``no_household``, its notes and signatures under the table)."""

    @property
    def decisions(self) -> list[dict[str, Any]]:
        """What the reader decided about the file (header row, separators, ticks)."""
        return list(self.source.get("decisions", []))

    @property
    def invalid_percent(self) -> float:
        return 100.0 * self.invalid_rows / self.rows if self.rows else 0.0

    @property
    def quality_gate_passed(self) -> bool:
        """At most the allowed share set aside, and at least one household to count."""
        return self.valid_rows > 0 and self.invalid_percent <= self.max_invalid_percent

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.source.get("format"),
            "encoding": self.source.get("encoding"),
            "delimiter": self.source.get("delimiter"),
            "sheet": self.source.get("sheet"),
            "sha256": self.source.get("sha256"),
            "rows": self.rows,
            "valid_rows": self.valid_rows,
            "invalid_rows": self.invalid_rows,
            "invalid_percent": self.invalid_percent,
            "max_invalid_percent": self.max_invalid_percent,
            "quality_gate": "passed" if self.quality_gate_passed else "failed",
            "invalid_by_reason": self.invalid_by_reason,
            "columns_absent": self.columns_absent,
            "problems": self.problems,
            "problems_total": self.problems_total,
            "problems_left_out": self.problems_total - len(self.problems),
            "decisions": self.decisions,
            "skipped_rows": [{"row": row, "reason": why} for row, why in self.skipped_rows],
        }


@dataclass(frozen=True)
class ReportWarning:
    """Something a reader of the report must know: the English text (in the JSON), and its
    key and values in the label catalogue, for the user's language."""

    text: str
    key: str
    params: dict[str, Any]

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class ClassProfile:
    """One class of one unit (or all its households) as forms 12 and 13 break it down."""

    households: int
    persons: int
    kinh: tuple[int, int] | None
    """Households and persons not of an ethnic minority; None: no ``ethnic_minority``."""
    ethnic_minority: tuple[int, int] | None
    meritorious: int | None
    """Households with a person of merit; None: no ``meritorious`` column."""
    no_labour: int | None
    """Households with no member able to work; None: no ``able_workers`` column."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "households": self.households,
            "persons": self.persons,
            "kinh": list(self.kinh) if self.kinh else None,
            "ethnic_minority": list(self.ethnic_minority) if self.ethnic_minority else None,
            "meritorious": self.meritorious,
            "no_labour": self.no_labour,
        }


@dataclass(frozen=True)
class UnitProfile:
    district: str | None
    """None for the province."""
    commune: str | None
    everyone: ClassProfile
    poor: ClassProfile
    near_poor: ClassProfile

    def to_dict(self) -> dict[str, Any]:
        return {
            "district": self.district,
            "commune": self.commune,
            "all": self.everyone.to_dict(),
            "poor": self.poor.to_dict(),
            "near_poor": self.near_poor.to_dict(),
        }


@dataclass
class CheckReport:
    plan_file: str
    plan: Plan
    standard: Standard
    input: InputSummary
    baseline_input: InputSummary | None
    households: ClassCounts
    districts: list[UnitCounts]
    communes: list[UnitCounts]
    groups: list[GroupCounts]
    deprivations: list[DeprivationRow]
    coverage: list[CoverageRow]
    targets: list[TargetResult]
    exit_code: int
    warnings: list[ReportWarning] = field(default_factory=list)
    persons: ClassCounts | None = None
    """Members (nhân khẩu) of the valid households, by class."""
    areas: list[UnitCounts] = field(default_factory=list)
    """Urban and rural (``district`` holds ``urban`` or ``rural``)."""
    meritorious: ClassCounts | None = None
    """Households with a person of meritorious service, by class; None: column absent."""
    deprivations_by_district: list[DeprivationUnit] = field(default_factory=list)
    """Each district's deprivations among its poor and near-poor, then the province's."""
    transitions: Transitions | None = None
    """Household transitions since the baseline (census or status_prev), when known."""
    profiles: list[UnitProfile] = field(default_factory=list)
    """The province, each district and each commune as forms 12 and 13 break them down."""
    whole_province: bool = True
    """The census has households of every district the plan lists (else its totals are the
    file's, a district office's say, not the province's)."""

    @property
    def status(self) -> str:
        if not self.input.quality_gate_passed or (
            self.baseline_input is not None and not self.baseline_input.quality_gate_passed
        ):
            return "quality_gate_failed"
        if any(result.status == "not_met" for result in self.targets):
            return "targets_not_met"
        return "ok"

    @property
    def part_of_province(self) -> str:
        """The districts of a census of part of the province ("Sơn Động"); "" for a census
        of the whole province."""
        return "" if self.whole_province else ", ".join(unit.district for unit in self.districts)

    @property
    def units_of_part(self) -> list[str]:
        """The units a census of part of the province is of (:func:`units_of_part`); none
        for the whole province."""
        if self.whole_province:
            return []
        districts = [unit.district for unit in self.districts]
        return units_of_part(districts, [str(unit.commune) for unit in self.communes])

    def target_counts(self) -> dict[str, int]:
        counts = {"met": 0, "not_met": 0, "no_data": 0}
        for result in self.targets:
            counts[result.status] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "status": self.status,
            "exit_code": self.exit_code,
            "plan": {
                "file": self.plan_file,
                "province": self.plan.plan.province,
                "year": self.plan.plan.year,
                "standard": self.standard.id,
            },
            "input": self.input.to_dict(),
            "baseline_input": self.baseline_input.to_dict() if self.baseline_input else None,
            "households": self.households.counts(),
            "persons": self.persons.counts() if self.persons else None,
            "rates": self.households.rates(),
            "districts": [unit.to_dict() for unit in self.districts],
            "communes": [unit.to_dict() for unit in self.communes],
            "groups": [group.to_dict() for group in self.groups],
            "deprivations": [row.to_dict() for row in self.deprivations],
            "deprivations_by_district": [unit.to_dict() for unit in self.deprivations_by_district],
            "profiles": [profile.to_dict() for profile in self.profiles],
            "coverage": [row.to_dict() for row in self.coverage],
            "targets": [target_dict(result) for result in self.targets],
            "target_counts": self.target_counts(),
            "transitions": None
            if self.transitions is None
            else {
                "source": self.transitions.source,
                "rows": summary_rows(self.transitions),
            },
            "warnings": [warning.text for warning in self.warnings],
        }

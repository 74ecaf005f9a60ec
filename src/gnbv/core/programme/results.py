"""What the progress workbook says about the programme: disbursement rates by source, capital
type, project and unit, the pace against each deadline, the plan year's allocation reconciled
with the plan's budget, the works, and the three programme targets (T6, T7, T10).

Rates are sums over sums, exact fractions, in percent. A line whose amount is blank is left
out of the rates and counted apart (``unknown_lines``); nothing unknown is ever 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from gnbv.core.analysis.cube import Cube
from gnbv.core.analysis.indicators import MetricValue
from gnbv.core.analysis.targets import TargetResult, evaluate_target
from gnbv.core.contract.units import district_named_in, unit_key
from gnbv.core.plan.model import Plan
from gnbv.core.programme.pace import Disbursement, Pace, disbursement, pace
from gnbv.core.programme.progress_contract import AllocationLine, Progress

THOUSAND = 1000
"""Programme amounts are counted in thousand VND where a metric needs whole numbers."""


@dataclass(frozen=True)
class FlowRow:
    """One line of a disbursement table: a scope, its money and its pace."""

    key: dict[str, str | int]
    funds: str
    """``plan_year``, ``carried_over`` or ``all``."""
    flow: Disbursement
    pace: Pace | None


@dataclass(frozen=True)
class WorkState:
    work_id: str
    text: str
    carried_over: bool
    status: str | None
    """As reported, or None when the workbook does not list the work."""
    completed_on: dt.date | None
    state: str
    """``done``, ``done_late``, ``not_done`` (past the deadline), ``in_time`` (not yet due),
    ``not_reported``."""


@dataclass(frozen=True)
class ReportState:
    unit: str
    submitted_on: dt.date | None
    state: str
    """``on_time``, ``late``, ``missing``."""


@dataclass(frozen=True)
class AllocationCheck:
    """The plan year's allocation of one source and capital type against the plan's budget."""

    source: str
    capital_type: str
    planned: int
    allocated: Fraction
    unknown_lines: int = 0
    """Lines whose allocation is blank: the check waits for them (``complete`` is False)."""

    @property
    def complete(self) -> bool:
        return self.unknown_lines == 0

    @property
    def ok(self) -> bool:
        """Not a mismatch: equal, or not all known yet."""
        return not self.complete or self.allocated == self.planned

    @property
    def difference(self) -> Fraction:
        return self.allocated - self.planned


@dataclass
class ProgrammeReport:
    progress: Progress
    by_funds: list[FlowRow] = field(default_factory=list)
    by_source: list[FlowRow] = field(default_factory=list)
    by_project: list[FlowRow] = field(default_factory=list)
    by_unit: list[FlowRow] = field(default_factory=list)
    reconciliation: list[AllocationCheck] = field(default_factory=list)
    works: list[WorkState] = field(default_factory=list)
    reports: list[ReportState] = field(default_factory=list)
    metrics: dict[str, MetricValue] = field(default_factory=dict)

    @property
    def reconciled(self) -> bool:
        return all(check.ok for check in self.reconciliation)


def _group(
    lines: list[AllocationLine], key: Callable[[AllocationLine], tuple[str | int, ...]]
) -> dict[tuple[str | int, ...], list[AllocationLine]]:
    groups: dict[tuple[str | int, ...], list[AllocationLine]] = {}
    for line in lines:
        groups.setdefault(key(line), []).append(line)
    return dict(sorted(groups.items(), key=lambda item: tuple(str(k) for k in item[0])))


def _deadline(plan: Plan, funds: str, capital_type: str | None) -> dt.date | None:
    if plan.programme is None:
        return None
    if capital_type is None:  # a scope of both capital types: the later deadline
        dates = [
            d.date
            for d in plan.programme.disbursement_deadlines
            if d.funds == funds or funds == "all"
        ]
        return max(dates) if dates else None
    found = plan.programme.deadline_for(funds, capital_type)
    return found.date if found is not None else None


def _row(
    plan: Plan,
    progress: Progress,
    key: dict[str, str | int],
    funds: str,
    lines: list[AllocationLine],
    capital_type: str | None = None,
) -> FlowRow:
    flow = disbursement(lines)
    deadline = _deadline(plan, funds, capital_type)
    paced = None
    if deadline is not None and plan.programme is not None:
        paced = pace(flow, plan.programme.period_start, deadline, progress.as_of)
    return FlowRow(key, funds, flow, paced)


def _reconcile(plan: Plan, plan_year: list[AllocationLine]) -> list[AllocationCheck]:
    """The plan year's allocation by source and capital type against the plan's budget."""
    checks = []
    for source in plan.budget.sources:
        for line in source.lines:
            allocated = sum(
                (
                    item.allocated or Fraction(0)
                    for item in plan_year
                    if item.source == source.id and item.capital_type == line.capital_type
                ),
                Fraction(0),
            )
            unknown = sum(
                1
                for item in plan_year
                if item.source == source.id
                and item.capital_type == line.capital_type
                and item.allocated is None
            )
            planned = line.amount_mvnd
            checks.append(
                AllocationCheck(source.id, line.capital_type, planned, allocated, unknown)
            )
    return checks


def _works(plan: Plan, progress: Progress) -> list[WorkState]:
    reported = {line.work_id: line for line in progress.works}
    deadline = plan.programme.works_deadline if plan.programme else None
    states = []
    for project in plan.projects:
        for work in project.works:
            line = reported.get(work.id)
            carried = work.status == "carried_over"
            if line is None:
                state = "not_reported"
            elif line.status in ("completed", "handed_over"):
                late = (
                    deadline is not None
                    and line.completed_on is not None
                    and line.completed_on > deadline
                )
                state = "done_late" if late else "done"
            elif deadline is not None and progress.as_of > deadline and carried:
                state = "not_done"
            else:
                state = "in_time"
            states.append(
                WorkState(
                    work.id,
                    work.text_vi,
                    carried,
                    line.status if line else None,
                    line.completed_on if line else None,
                    state,
                )
            )
    return states


def _reports(plan: Plan, progress: Progress) -> list[ReportState]:
    deadline = plan.deadline("allocation_reports")
    submitted = {unit_key(report.unit): report for report in progress.allocation_reports}
    states = []
    for district in plan.areas.districts or []:
        report = submitted.get(unit_key(district))
        if report is None or report.submitted_on is None:
            states.append(ReportState(district, None, "missing"))
        elif deadline is not None and report.submitted_on > deadline.date:
            states.append(ReportState(district, report.submitted_on, "late"))
        else:
            states.append(ReportState(district, report.submitted_on, "on_time"))
    return states


def _share(numerator: int, denominator: int, empty: str, code: str) -> MetricValue:
    """A target of the workbook's; with nothing to divide by, no data and why (``code``: not
    the census's "nobody in scope", which would send the reader to the census)."""
    if denominator == 0:
        return MetricValue(numerator, denominator, None, empty, no_data_code=code)
    return MetricValue(numerator, denominator, Fraction(100 * numerator, denominator))


def programme_metrics(progress: Progress) -> dict[str, MetricValue]:
    """T6, T7, T10 from the workbook. T6 counts thousand VND (whole numbers); its gap is
    shown in million VND."""
    plan_year = [line for line in progress.allocations if line.funds_year == progress.plan_year]
    flow = disbursement(plan_year)
    funded = [line for line in progress.livelihood if line.allocated and line.allocated > 0]
    completed = sum(1 for line in funded if line.status == "completed")
    officials = sum(line.officials for line in progress.training)
    trained = sum(line.trained for line in progress.training)
    return {
        "funds_disbursed_share": _share(
            round(flow.disbursed * THOUSAND),
            round(flow.allocated * THOUSAND),
            "no allocation of the plan year's funds with both amounts known",
            "no_known_allocation",
        ),
        "funded_livelihood_projects_completed_share": _share(
            completed, len(funded), "no livelihood project given funds", "no_funded_project"
        ),
        "officials_trained_share": _share(
            trained, officials, "no official counted", "no_official_counted"
        ),
    }


def programme_report(plan: Plan, progress: Progress) -> ProgrammeReport:
    lines = progress.allocations
    plan_year = [line for line in lines if line.funds_year == plan.plan.year]
    carried = [line for line in lines if line.funds_year < plan.plan.year]
    report = ProgrammeReport(progress)
    for funds, part in (("plan_year", plan_year), ("carried_over", carried), ("all", lines)):
        report.by_funds.append(_row(plan, progress, {}, funds, part))
    for (source, capital), part in _group(
        plan_year, lambda line: (line.source, line.capital_type)
    ).items():
        key: dict[str, str | int] = {"source": source, "capital_type": capital}
        report.by_source.append(_row(plan, progress, key, "plan_year", part, str(capital)))
    for (funds_year, source, capital), part in _group(
        carried, lambda line: (line.funds_year, line.source, line.capital_type)
    ).items():
        key = {"funds_year": funds_year, "source": source, "capital_type": capital}
        report.by_source.append(_row(plan, progress, key, "carried_over", part, str(capital)))
    for (project,), part in _group(plan_year, lambda line: (line.project,)).items():
        report.by_project.append(_row(plan, progress, {"project": project}, "plan_year", part))
    for (unit,), part in _group(lines, lambda line: (line.unit or "—",)).items():
        report.by_unit.append(_row(plan, progress, {"unit": unit}, "all", part))
    report.reconciliation = _reconcile(plan, plan_year)
    report.works = _works(plan, progress)
    report.reports = _reports(plan, progress)
    report.metrics = programme_metrics(progress)
    return report


@dataclass
class ProgressCheck:
    """``gnbv progress check``: the programme's report and its targets, one result object
    for the tables, the JSON and the exit code."""

    plan: Plan
    file: str
    report: ProgrammeReport
    targets: list[TargetResult]
    max_invalid_percent: float | None
    """Largest share of rows set aside before the check fails; None where no gate applies
    (``gnbv budget --progress`` shows the workbook beside the budget, it does not judge it)."""

    @property
    def district(self) -> str | None:
        """The district whose office reports, as the workbook's reporting unit says ("Phòng
        Lao động - TB&XH huyện Sơn Động"); None for the province's."""
        unit = self.report.progress.unit or ""
        return district_named_in(unit, self.plan.district_names())

    @property
    def invalid_percent(self) -> float:
        rows = self.report.progress.rows
        return 100.0 * self.report.progress.rows_set_aside / rows if rows else 0.0

    @property
    def quality_gate_passed(self) -> bool:
        limit = self.max_invalid_percent
        return limit is None or self.invalid_percent <= limit

    @property
    def status(self) -> str:
        if not self.quality_gate_passed:
            return "quality_gate_failed"
        if not self.report.reconciled:
            return "mismatch"
        if any(result.status == "not_met" for result in self.targets):
            return "targets_not_met"
        return "ok"

    def exit_code(self, exit_zero: bool = False) -> int:
        return {
            "quality_gate_failed": 3,
            "mismatch": 2,
            "targets_not_met": 0 if exit_zero else 1,
            "ok": 0,
        }[self.status]


def programme_targets(plan: Plan, report: ProgrammeReport) -> list[TargetResult]:
    """The plan's targets measured outside the census, from the progress workbook."""
    import pandas as pd

    empty = Cube(pd.DataFrame())
    return [
        evaluate_target(target, plan, empty, None, report.metrics)
        for target in plan.targets
        if target.spec.source != "census"
    ]

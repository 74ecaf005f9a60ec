"""What a run leaves in the monthly history: its targets and its disbursement lines, taken
from the result objects of ``check`` and ``progress check``. Stored by
:mod:`gnbv.io.history`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from gnbv.core.analysis.targets import TargetResult
from gnbv.core.programme.results import FlowRow, ProgressCheck


@dataclass(frozen=True)
class TargetFigure:
    target_id: str
    metric: str
    actual: float | None
    status: str
    gap_points: float | None
    gap_count: float | None
    unit: str = "percent"
    """``percent``, ``points`` (a reduction) or ``households`` (a count)."""


@dataclass(frozen=True)
class FlowFigure:
    scope: str
    """What the line covers, e.g. ``plan_year``, ``plan_year central investment``, ``DA1.1``."""
    allocated_mvnd: float | None
    disbursed_mvnd: float | None
    rate: float | None
    deadline: str | None
    projected_rate: float | None
    on_track: bool | None


@dataclass(frozen=True)
class Run:
    command: str
    province: str
    plan_year: int
    as_of: dt.date
    inputs: dict[str, str]
    """Input files and their SHA-256."""
    targets: list[TargetFigure]
    flows: list[FlowFigure]


@dataclass(frozen=True)
class Series:
    """One target's or one disbursement line's figures, date by date."""

    name: str
    points: list[tuple[str, float | None, str]]
    """(as-of date, value, status or pace)."""
    unit: str = "percent"
    plan_year: int | None = None
    """The plan the figures were measured against: T1 of the 2024 plan and T1 of the 2025
    plan are two series (their targets differ)."""


def target_figures(results: list[TargetResult]) -> list[TargetFigure]:
    return [
        TargetFigure(
            result.target.id,
            result.target.metric,
            None if result.actual is None else float(result.actual),
            result.status,
            None if result.gap_points is None else float(result.gap_points),
            None if result.gap_count is None else result.gap_count / result.target.spec.count_scale,
            "points" if result.target.measure == "reduction_points" else result.target.spec.unit,
        )
        for result in results
    ]


def _scope(row: FlowRow) -> str:
    words = [str(value) for value in row.key.values()]
    return " ".join([row.funds, *words])


def flow_figures(check: ProgressCheck) -> list[FlowFigure]:
    report = check.report
    rows = [*report.by_funds, *report.by_source, *report.by_project]
    return [
        FlowFigure(
            _scope(row),
            float(row.flow.allocated),
            float(row.flow.disbursed),
            None if row.flow.rate is None else float(row.flow.rate),
            row.pace.deadline.isoformat() if row.pace else None,
            None
            if row.pace is None or row.pace.projected_rate is None
            else float(row.pace.projected_rate),
            row.pace.on_track if row.pace else None,
        )
        for row in rows
    ]


def progress_run(check: ProgressCheck, command: str, inputs: dict[str, str]) -> Run:
    return Run(
        command,
        check.plan.plan.province,
        check.plan.plan.year,
        check.report.progress.as_of,
        inputs,
        target_figures(check.targets),
        flow_figures(check),
    )


def check_run(
    targets: list[TargetResult],
    province: str,
    plan_year: int,
    as_of: dt.date,
    inputs: dict[str, str],
    progress: ProgressCheck | None = None,
) -> Run:
    flows = flow_figures(progress) if progress is not None else []
    return Run("check", province, plan_year, as_of, inputs, target_figures(targets), flows)


def history_document(targets: list[Series], lines: list[Series]) -> dict[str, Any]:
    """The history as JSON: the latest plan year's series (``targets``, ``disbursement``),
    and each earlier plan year's the same way (``earlier_plan_years``, latest first): a
    target of one plan is not a point of another's."""
    years = sorted({s.plan_year for s in [*targets, *lines]}, key=lambda y: -(y or 0))

    def of(year: int | None) -> dict[str, Any]:
        def points(series: list[Series]) -> dict[str, Any]:
            return {s.name: [list(p) for p in s.points] for s in series if s.plan_year == year}

        return {"plan_year": year, "targets": points(targets), "disbursement": points(lines)}

    latest, *earlier = years or [None]
    return {"schema_version": 1, **of(latest), "earlier_plan_years": [of(y) for y in earlier]}

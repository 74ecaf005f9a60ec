"""Evaluate each target of a plan: baseline, target, actual, gap, status.

Sign convention: ``gap_points`` is the shortfall, how many points the actual value must still
move in the good direction to meet the target; zero or negative means met (a strict target,
"trên 90%", also needs the value to pass the bound). ``gap_count`` is the same shortfall in
households (or persons, children, workers, as the metric counts): for a poverty rate, how
many households must leave poverty; for a coverage share, how many more must be covered.
Exact fractions are used for the comparisons, so 1.8 % is 1.8 % and not 1.7999999.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from gnbv.core.analysis.cube import Cube
from gnbv.core.analysis.indicators import (
    MetricValue,
    absent_districts,
    compute_metric,
    scope_mask,
    status_prev_rate,
)
from gnbv.core.contract.units import unit_key
from gnbv.core.plan.metrics import METRICS
from gnbv.core.plan.model import Op, Plan, Target

if TYPE_CHECKING:
    import pandas as pd

Status = Literal["met", "not_met", "no_data"]
BaselineSource = Literal["plan", "baseline_census", "status_prev"]


@dataclass(frozen=True)
class TargetResult:
    target: Target
    status: Status
    threshold: Fraction
    """What the plan asks: a level, or a reduction in points."""
    actual: Fraction | None
    """The level reached, or the reduction achieved in points."""
    baseline: Fraction | None
    baseline_source: BaselineSource | None
    actual_rate: Fraction | None
    """For reduction targets: the rate at year-end."""
    target_rate: Fraction | None
    """For reduction targets: the rate that meets the target (baseline - reduction)."""
    gap_points: Fraction | None
    gap_count: int | None
    numerator: int | None
    denominator: int | None
    no_data_reason: str | None
    note: str | None
    no_data_code: str | None = None
    """outside_census, column_absent, nobody, scope_unknown, no_baseline (for translation)."""
    no_data_detail: str | None = None
    reachable: bool = True
    """False when the target cannot be met in its scope (a rate below 0 %, a share above
    100 %): ``gap_count`` is then None and ``note`` says why."""


def compare(actual: Fraction, op: Op, threshold: Fraction) -> bool:
    return {
        "<=": actual <= threshold,
        "<": actual < threshold,
        ">=": actual >= threshold,
        ">": actual > threshold,
        "==": actual == threshold,
    }[op]


def _fraction(value: float) -> Fraction:
    # Through str() so that 1.8 from YAML is exactly 18/10.
    return Fraction(str(value))


def households_to_leave(numerator: int, denominator: int, rate: Fraction, strict: bool) -> int:
    """Fewest households that must leave the class so that numerator/denominator meets rate.

    ``strict`` asks for < rate instead of <= rate.
    """
    allowed = rate * denominator / 100  # households the rate allows
    if strict:
        excess = numerator - allowed
        return max(0, math.floor(excess) + 1) if excess >= 0 else 0
    return max(0, math.ceil(numerator - allowed))


def more_to_cover(numerator: int, denominator: int, share: Fraction, strict: bool) -> int:
    """Fewest more units to cover so that numerator/denominator meets share (> when strict)."""
    needed = share * denominator / 100
    if strict:
        missing = needed - numerator
        count = math.floor(missing) + 1 if missing >= 0 else 0
    else:
        count = max(0, math.ceil(needed - numerator))
    return count


def _baseline(
    target: Target,
    cube: Cube,
    mask: np.ndarray,
    baseline_cube: Cube | None,
    plan: Plan,
) -> tuple[Fraction | None, BaselineSource | None, str | None]:
    """The baseline rate of a reduction target, from the first source that gives one for this
    target's scope: the plan, the previous census (``--baseline``), ``status_prev``."""
    if target.baseline_rate is not None:
        return _fraction(target.baseline_rate), "plan", None
    reasons = ["the plan states none"]
    if baseline_cube is not None:
        previous_mask, reason = scope_mask(baseline_cube.frame, target.scope, plan.areas)
        if previous_mask is not None:
            value = _measured(target, baseline_cube, previous_mask, plan)
            if value.value is not None:
                return value.value, "baseline_census", None
            reason = value.no_data_reason or ""
        reasons.append(f"the --baseline census cannot tell it ({reason})")
    else:
        reasons.append("no --baseline census")
    value = status_prev_rate(cube, mask, target.metric)
    if value.value is not None:
        return value.value, "status_prev", None
    reasons.append(value.no_data_reason or "no status_prev")
    return None, None, "no baseline: " + ", ".join(reasons)


def _unreachable_note(target_rate: Fraction) -> str:
    return (
        f"cannot be met in this scope: it needs a rate of {float(target_rate):.2f} %, "
        "and no rate is below 0 %"
    )


def evaluate_target(
    target: Target,
    plan: Plan,
    cube: Cube,
    baseline_cube: Cube | None = None,
    outside: dict[str, MetricValue] | None = None,
) -> TargetResult:
    """``outside``: values of the metrics measured outside the census (the programme's
    progress workbook), by metric; without one of them its target is no data."""
    threshold = _fraction(target.threshold(plan.conventions))
    stated = _fraction(target.baseline_rate) if target.baseline_rate is not None else None
    empty = TargetResult(
        target=target,
        status="no_data",
        threshold=threshold,
        actual=None,
        baseline=stated,
        baseline_source="plan" if stated is not None else None,
        actual_rate=None,
        target_rate=None,
        gap_points=None,
        gap_count=None,
        numerator=None,
        denominator=None,
        no_data_reason=None,
        note=None,
    )
    mask, reason = scope_mask(cube.frame, target.scope, plan.areas)
    if mask is None:  # the census cannot tell which households the scope holds
        column = (
            "special_difficulty_commune"
            if target.scope.kind == "dbkk_communes"
            else "ethnic_minority"
        )
        return replace(
            empty, no_data_reason=reason, no_data_code="scope_unknown", no_data_detail=column
        )
    if outside is not None and target.metric in outside and target.scope.kind == "province":
        value = outside[target.metric]
    else:
        value = _of_one_commune(target, cube, mask) or _measured(target, cube, mask, plan)
    if value.value is None or value.numerator is None or value.denominator is None:
        return replace(
            empty,
            no_data_reason=value.no_data_reason or "no data",
            no_data_code=value.no_data_code,
            no_data_detail=value.no_data_detail,
        )
    measured = replace(
        empty, numerator=value.numerator, denominator=value.denominator, note=value.note
    )
    counts = _Counts(value.value, value.numerator, value.denominator)
    if target.measure == "reduction_points":
        baseline, source, why = _baseline(target, cube, mask, baseline_cube, plan)
        if baseline is None:
            return replace(
                measured, actual_rate=value.value, no_data_reason=why, no_data_code="no_baseline"
            )
        return _reduction_result(measured, counts, baseline, source)
    return _level_result(measured, counts)


def _measured(target: Target, cube: Cube, mask: np.ndarray, plan: Plan) -> MetricValue:
    """The target's metric in its scope. A scope over the province (the province, its ĐBKK
    communes, its ethnic-minority households) is measured only from a census of every
    district the plan lists: a district office's own file, or a province's with a district
    not yet in, would give its figure as the province's."""
    over_province = target.scope.kind != "district" and METRICS[target.metric].source == "census"
    # A census with no valid household at all has nobody to count: said so, as for any scope.
    counted = len(cube.frame) > 0 and cube.frame["n"].sum() > 0
    absent = absent_districts(cube.frame, plan.areas) if over_province and counted else []
    if absent:
        listed = len(plan.areas.districts or [])
        return MetricValue(
            None,
            None,
            None,
            f"the census holds households of {listed - len(absent)} of the plan's {listed} "
            f"districts (none of {', '.join(absent)}): a figure of the whole province needs "
            "them all",
            no_data_code="districts_absent",
            no_data_detail=", ".join(absent),
        )
    return compute_metric(target.metric, cube, mask)


def _of_one_commune(target: Target, cube: Cube, mask: np.ndarray) -> MetricValue | None:
    """No data for a district's target measured from the census of one of its communes (a
    commune's own file: its figure is no district's; every district-level unit has several
    communes). The previous census a baseline comes from is the current one's to vouch
    for."""
    if target.scope.kind != "district" or METRICS[target.metric].source != "census":
        return None
    only = _only_commune(cube.frame, mask)
    if only is None:
        return None
    return MetricValue(
        None,
        None,
        None,
        f"the census holds households of one commune of the district ({only}): a "
        "district's figure needs its communes",
        no_data_code="one_commune",
        no_data_detail=only,
    )


def _only_commune(frame: pd.DataFrame, mask: np.ndarray) -> str | None:
    """The commune a census holds of a district when it holds one only: a commune's own
    file, whose figure is no district's (every district-level unit has several communes)."""
    communes = frame.loc[mask & (frame["n"] > 0).to_numpy(), "commune"].astype("str")
    keys = set(communes.map(unit_key))
    return str(communes.iloc[0]) if len(keys) == 1 else None


@dataclass(frozen=True)
class _Counts:
    """A metric's value in the target's scope, with the counts it is the ratio of."""

    rate: Fraction
    numerator: int
    denominator: int


def _reduction_result(
    measured: TargetResult, counts: _Counts, baseline: Fraction, source: BaselineSource | None
) -> TargetResult:
    """A reduction in points ("giảm 1,8 điểm %"): achieved = baseline - the rate now; the gap
    in households is how many must leave the class to reach baseline - threshold."""
    target, threshold = measured.target, measured.threshold
    achieved = baseline - counts.rate
    target_rate = baseline - threshold
    met = compare(achieved, target.op, threshold)
    gap_count: int | None = 0
    note = measured.note
    if not met:
        strict = target.op in ("<", ">")
        gap_count = households_to_leave(counts.numerator, counts.denominator, target_rate, strict)
        if gap_count > counts.numerator:
            # Not even lifting every poor household out would do: say so, never a count
            # larger than the households there are.
            gap_count, note = None, _unreachable_note(target_rate)
    return replace(
        measured,
        status="met" if met else "not_met",
        actual=achieved,
        baseline=baseline,
        baseline_source=source,
        actual_rate=counts.rate,
        target_rate=target_rate,
        gap_points=threshold - achieved,
        gap_count=gap_count,
        reachable=gap_count is not None,
        note=note,
    )


def _level_result(measured: TargetResult, counts: _Counts) -> TargetResult:
    """A level to reach or stay under (a rate, a share, a count of households): the gap in
    points, and in households to leave (lower is better) or to cover (higher is better)."""
    target, threshold = measured.target, measured.threshold
    met = compare(counts.rate, target.op, threshold)
    strict = target.op in ("<", ">")
    gap_points: Fraction | None
    if target.spec.unit == "households":
        gap_points = None
        gap_count = 0 if met else abs(counts.numerator - int(threshold))
        possible = gap_count
    elif target.spec.better == "lower":
        gap_points = counts.rate - threshold
        gap_count = (
            0
            if met
            else households_to_leave(counts.numerator, counts.denominator, threshold, strict)
        )
        possible = counts.numerator
    else:
        gap_points = threshold - counts.rate
        gap_count = (
            0 if met else more_to_cover(counts.numerator, counts.denominator, threshold, strict)
        )
        possible = counts.denominator - counts.numerator
    reachable = gap_count <= possible  # "< 0 %" or "> 100 %": no count of households would do
    return replace(
        measured,
        status="met" if met else "not_met",
        actual=counts.rate,
        gap_points=gap_points,
        gap_count=gap_count if reachable else None,
        reachable=reachable,
        note=measured.note if reachable else "cannot be met in this scope, whatever the count",
    )


def evaluate_targets(
    plan: Plan,
    cube: Cube,
    baseline_cube: Cube | None = None,
    outside: dict[str, MetricValue] | None = None,
) -> list[TargetResult]:
    return [evaluate_target(target, plan, cube, baseline_cube, outside) for target in plan.targets]


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _scaled(count: int | None, scale: int) -> int | float | None:
    """A gap in the metric's unit: thousand VND become million VND (1,234.5)."""
    if count is None or scale == 1:
        return count
    return count / scale


def _number(value: Fraction | None, counted: bool) -> int | float | None:
    """A count as an integer, anything else as a float (None stays None)."""
    if value is None:
        return None
    if counted and value.denominator == 1:
        return int(value)
    return float(value)


def target_dict(result: TargetResult) -> dict[str, Any]:
    """A target's result for JSON: exact fractions as floats, a count of households as an
    integer."""
    target = result.target
    spec = target.spec
    # A count of households is an integer, in JSON too (T5: 0, not 0.0).
    counted = spec.unit == "households" and target.measure == "level"
    return {
        "id": target.id,
        "group": target.group,
        "text_vi": target.text_vi,
        "label_en": target.label_en,
        "metric": target.metric,
        "scope": target.scope.model_dump(exclude_none=True),
        "measure": target.measure,
        "op": target.op,
        "better": spec.better,
        "unit": "points" if target.measure == "reduction_points" else spec.unit,
        "baseline": _float(result.baseline),
        "baseline_source": result.baseline_source,
        "target": _number(result.threshold, counted),
        "actual": _number(result.actual, counted),
        "actual_rate": _float(result.actual_rate),
        "target_rate": _float(result.target_rate),
        "gap_points": _float(result.gap_points),
        "gap_households": result.gap_count if spec.count_unit == "households" else None,
        "gap_count": _scaled(result.gap_count, spec.count_scale),
        "gap_unit": spec.count_unit,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "status": result.status,
        "reachable": result.reachable,
        "no_data_reason": result.no_data_reason,
        "no_data_code": result.no_data_code,
        "note": result.note,
    }

"""``analyse``: from a validated census and a plan to a :class:`CheckReport`. No I/O here."""

from __future__ import annotations

from typing import Any, Protocol

import pandas as pd

from gnbv.core.analysis.classify import classify
from gnbv.core.analysis.counts import (
    class_counts,
    coverage_rows,
    deprivation_rows,
    deprivations_by_district,
    group_counts,
    unit_counts,
    unit_profiles,
)
from gnbv.core.analysis.cube import START_CLASS, Cube, build_cube
from gnbv.core.analysis.indicators import MetricValue, absent_districts
from gnbv.core.analysis.report import CheckReport, InputSummary
from gnbv.core.analysis.report_warnings import (
    history_warnings,
    income_scale_warnings,
    matching_warnings,
    poor_list_warnings,
    unit_warnings,
)
from gnbv.core.analysis.targets import evaluate_targets
from gnbv.core.analysis.transitions import Transitions, compute_transitions, transitions_from_cube
from gnbv.core.contract.columns import COLUMN_SPECS
from gnbv.core.contract.units import UnitNames, match_units
from gnbv.core.plan.model import Plan
from gnbv.core.plan.standards import Standard
from gnbv.exit_codes import check_exit_code

PROBLEMS_IN_REPORT = 1000


class ValidHouseholds(Protocol):
    """A validated census as the report takes it (a ``CensusValidation`` of
    :mod:`gnbv.core.validation.batch`): its valid households, typed, and the file's columns."""

    valid: pd.DataFrame
    columns_present: list[str]


def classified(validation: ValidHouseholds, standard: Standard) -> pd.DataFrame:
    """The valid households with their ``class`` and ``deprivations`` columns added."""
    frame = validation.valid.copy()
    classes, deprivations = classify(frame, standard)
    frame["class"] = classes
    frame["deprivations"] = deprivations
    return frame


def summarise_counts(
    *,
    file: str,
    rows: int,
    invalid_rows: int,
    invalid_by_reason: dict[str, int],
    problems: pd.DataFrame,
    problems_total: int,
    columns_present: list[str],
    required: list[str],
    max_invalid_percent: float,
    source: dict[str, Any] | None = None,
    skipped: list[tuple[int, str]] | None = None,
) -> InputSummary:
    first = problems.head(PROBLEMS_IN_REPORT)
    optional_absent = [
        name
        for name in COLUMN_SPECS
        if name not in columns_present and name not in required and not name.startswith("dep_")
    ]
    return InputSummary(
        file=file,
        rows=rows,
        valid_rows=rows - invalid_rows,
        invalid_rows=invalid_rows,
        invalid_by_reason=dict(sorted(invalid_by_reason.items())),
        problems=[
            {
                str(key): (int(value) if key == "row" else str(value))
                for key, value in record.items()
            }
            for record in first.to_dict("records")
        ],
        problems_total=problems_total,
        columns_absent=optional_absent,
        max_invalid_percent=max_invalid_percent,
        source=dict(source or {"file": file}),
        values_shown="value" in problems.columns,
        skipped_rows=sorted(skipped or []),
    )


def census_cube(census: ValidHouseholds, standard: Standard) -> tuple[pd.DataFrame, Cube]:
    frame = classified(census, standard)
    return frame, build_cube(frame, standard, set(census.columns_present))


def unit_names(plan: Plan, frames: list[pd.DataFrame]) -> UnitNames:
    """Printed names of the units of ``frames`` (households, or sums with their count ``n``)."""
    parts = [
        pd.DataFrame(
            {
                "district": frame["district"].astype("str"),
                "commune": frame["commune"].astype("str"),
                "n": frame["n"].to_numpy() if "n" in frame.columns else 1,
            }
        )
        for frame in frames
    ]
    written = (
        pd.concat(parts, ignore_index=True)
        .groupby(["district", "commune"], sort=True)["n"]
        .sum()
        .reset_index()
    )
    return match_units(
        written, plan.district_names(), plan_lists_districts=plan.areas.districts is not None
    )


def with_start_class(frame: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each household's class in the previous census (blank: not in it)."""
    classes = pd.Series(previous["class"].astype("str").to_numpy(), index=previous["household_id"])
    return frame.assign(**{START_CLASS: frame["household_id"].map(classes).astype("object")})


def analyse(
    plan: Plan,
    standard: Standard,
    census: ValidHouseholds,
    input_summary: InputSummary,
    *,
    plan_file: str,
    baseline: ValidHouseholds | None = None,
    baseline_summary: InputSummary | None = None,
    exit_zero: bool = False,
    list_households: bool = False,
    programme: dict[str, MetricValue] | None = None,
) -> CheckReport:
    """The report of a census held in memory.

    With a baseline census households are matched one by one: the start of the period (the
    class, the units, the ethnic-minority flag) is the baseline census's, for every target and
    for the transitions. Otherwise transitions come from ``status_prev`` sums, unless
    ``list_households`` asks for them one by one (for the follow-up lists of ``compare``).
    """
    frame = classified(census, standard)
    baseline_frame = classified(baseline, standard) if baseline is not None else None
    names = unit_names(plan, [frame] if baseline_frame is None else [frame, baseline_frame])
    frame = names.apply(frame)
    if baseline_frame is not None:
        baseline_frame = names.apply(baseline_frame)
        frame = with_start_class(frame, baseline_frame)
    cube = build_cube(frame, standard, set(census.columns_present))
    baseline_cube = (
        build_cube(baseline_frame, standard, set(baseline.columns_present))
        if baseline_frame is not None and baseline is not None
        else None
    )
    transitions = None
    if baseline_frame is not None or (list_households and cube.has("status_prev")):
        transitions = compute_transitions(frame, baseline_frame)
    return report_from_cube(
        plan,
        standard,
        cube,
        input_summary,
        plan_file=plan_file,
        baseline_cube=baseline_cube,
        baseline_summary=baseline_summary,
        transitions=transitions,
        exit_zero=exit_zero,
        programme=programme,
    )


def report_from_cube(
    plan: Plan,
    standard: Standard,
    cube: Cube,
    input_summary: InputSummary,
    *,
    plan_file: str,
    baseline_cube: Cube | None = None,
    baseline_summary: InputSummary | None = None,
    transitions: Transitions | None = None,
    exit_zero: bool = False,
    programme: dict[str, MetricValue] | None = None,
) -> CheckReport:
    """Everything the report says, from the sums of household measures; ``programme``: the
    values of the programme's targets from its progress workbook (T6, T7, T10)."""
    names = unit_names(
        plan, [cube.frame] if baseline_cube is None else [cube.frame, baseline_cube.frame]
    )
    cube = cube.with_frame(names.apply(cube.frame))
    if baseline_cube is not None:
        baseline_cube = baseline_cube.with_frame(names.apply(baseline_cube.frame))
    frame = cube.frame
    targets = evaluate_targets(plan, cube, baseline_cube, programme)
    if transitions is None and baseline_cube is None and cube.has("status_prev"):
        transitions = transitions_from_cube(cube)
    exit_code = check_exit_code(
        quality_gate_passed=input_summary.quality_gate_passed
        and (baseline_summary is None or baseline_summary.quality_gate_passed),
        any_target_not_met=any(result.status == "not_met" for result in targets),
        exit_zero=exit_zero,
    )
    warnings = income_scale_warnings(standard, frame) + poor_list_warnings(standard, frame)
    if baseline_cube is not None:
        warnings += income_scale_warnings(standard, baseline_cube.frame, previous=True)
        warnings += poor_list_warnings(standard, baseline_cube.frame, previous=True)
    warnings += unit_warnings(plan, names, frame)
    if transitions is not None:
        warnings += history_warnings(transitions, cube) + matching_warnings(transitions)
    return CheckReport(
        plan_file=plan_file,
        plan=plan,
        standard=standard,
        input=input_summary,
        baseline_input=baseline_summary,
        households=class_counts(frame),
        persons=class_counts(frame, measure="persons"),
        areas=unit_counts(frame, ["area"]),
        meritorious=class_counts(frame, measure="merit_yes") if cube.has("meritorious") else None,
        deprivations_by_district=deprivations_by_district(frame, standard.deprivation_columns),
        districts=unit_counts(frame, ["district"]),
        communes=unit_counts(frame, ["district", "commune"]),
        groups=group_counts(plan, frame),
        deprivations=deprivation_rows(standard, frame),
        coverage=coverage_rows(cube),
        targets=targets,
        exit_code=int(exit_code),
        warnings=warnings,
        transitions=transitions,
        profiles=unit_profiles(frame),
        whole_province=not absent_districts(frame, plan.areas),
    )


CLASSIFICATION_COLUMNS = [
    "household_id",
    "district",
    "commune",
    "area",
    "income_per_capita",
    "deprivations",
    "class",
]


def classification_table(census: ValidHouseholds, standard: Standard) -> pd.DataFrame:
    """One row per valid household: id, district, commune, class, deprivation count."""
    frame = classified(census, standard)
    return frame[CLASSIFICATION_COLUMNS]

"""``analyse``: from a validated census and a plan to a :class:`CheckReport`. No I/O here."""

from __future__ import annotations

from typing import Any

import pandas as pd

from gnbv.core.census import CensusValidation
from gnbv.core.classify import classify
from gnbv.core.contract import COLUMN_SPECS
from gnbv.core.counts import (
    class_counts,
    coverage_rows,
    deprivation_rows,
    deprivations_by_district,
    group_counts,
    unit_counts,
    unit_profiles,
)
from gnbv.core.cube import START_CLASS, Cube, build_cube
from gnbv.core.indicators import MetricValue
from gnbv.core.measures import IMPLAUSIBLE_INCOME
from gnbv.core.plan import Plan
from gnbv.core.report import (
    CheckReport,
    InputSummary,
    ReportWarning,
)
from gnbv.core.standards import Standard
from gnbv.core.targets import evaluate_targets
from gnbv.core.transitions import Transitions, compute_transitions, transitions_from_cube
from gnbv.core.units import UnitNames, match_units, unit_key
from gnbv.exit_codes import check_exit_code

PROBLEMS_IN_REPORT = 1000


def classified(validation: CensusValidation, standard: Standard) -> pd.DataFrame:
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
    skipped: list[int] | None = None,
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


def summarise_input(
    validation: CensusValidation,
    file: str,
    max_invalid_percent: float,
    required: list[str],
    *,
    source: dict[str, Any] | None = None,
) -> InputSummary:
    return summarise_counts(
        file=file,
        rows=validation.rows,
        invalid_rows=validation.invalid_rows,
        invalid_by_reason=validation.invalid_by_reason(),
        problems=validation.problems,
        problems_total=len(validation.problems),
        columns_present=validation.columns_present,
        required=required,
        max_invalid_percent=max_invalid_percent,
        source=source,
        skipped=validation.skipped,
    )


def census_cube(census: CensusValidation, standard: Standard) -> tuple[pd.DataFrame, Cube]:
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
    census: CensusValidation,
    input_summary: InputSummary,
    *,
    plan_file: str,
    baseline: CensusValidation | None = None,
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


def _history_warnings(transitions: Transitions, cube: Cube) -> list[ReportWarning]:
    """Households that became poor (near-poor) whose history is unknown: tái nghèo would
    otherwise be silently zero."""
    warnings = []
    poor, near_poor = transitions.history_unknown()
    for count, column, what, fell_back in (
        (poor, "ever_poor_before", "poor", "tái nghèo"),
        (near_poor, "ever_near_poor_before", "near-poor", "tái cận nghèo"),
    ):
        if count:
            why = "blank" if cube.has(column) else "absent"
            warnings.append(
                ReportWarning(
                    f"{count} households became {what} with unknown history (column {column} "
                    f"{why}): counted apart, neither as fell back ({fell_back}) nor as newly "
                    f"{what}",
                    f"warn_history_{why}_{'poor' if what == 'poor' else 'near_poor'}",
                    {"count": count, "column": column},
                )
            )
    return warnings


FEW_MATCHED = 0.5
"""Below this share of the census's households found in the previous census, the two are
not matched as they should be: households that move or split are a few in a hundred."""


def _matching_warnings(transitions: Transitions) -> list[ReportWarning]:
    """Two reviews whose ids mostly do not meet (written another way: leading zeros lost by
    Excel, another code): every transition would then read as households leaving and
    arriving, none escaping or falling into poverty."""
    if transitions.source != "baseline_census":
        return []
    matched, households = transitions.matched()
    if not households or matched >= FEW_MATCHED * households:
        return []
    share = 100 * matched / households
    warning = ReportWarning(
        f"only {matched} of the census's {households} households are in the previous "
        f"census ({share:.1f} %): are the ids written the same way in both? The others "
        "count as arrived and departed, not as escaping or falling into poverty",
        "warn_few_matched",
        {"matched": matched, "households": households, "share": share},
    )
    zeros = transitions.matched_without_leading_zeros()
    if zeros:  # the likely cause, said with the fix
        warning = ReportWarning(
            f"{warning.text}; {zeros} more would match with the ids' leading zeros set "
            "aside: one file lost them (Excel takes such a code for a number: format the "
            "column as Text and export it again)",
            "warn_few_matched_zeros",
            {**warning.params, "zeros": zeros},
        )
    return [warning]


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
    warnings = income_scale_warnings(standard, frame)
    if baseline_cube is not None:
        warnings += income_scale_warnings(standard, baseline_cube.frame, previous=True)
    warnings += _unit_warnings(plan, names, frame)
    if transitions is not None:
        warnings += _history_warnings(transitions, cube) + _matching_warnings(transitions)
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
    )


def _unit_warnings(plan: Plan, names: UnitNames, frame: pd.DataFrame) -> list[ReportWarning]:
    """A district of the census the plan does not know, and a district target with no
    household in the census."""
    warnings = [
        ReportWarning(
            f"district {name!r} of the census is not a unit of the plan: its households count "
            "in the province, in no district's target",
            "warn_unknown_district",
            {"name": name},
        )
        for name in names.unknown_districts
    ]
    known_districts = {unit_key(name) for name in frame["district"].unique()}
    for target in plan.targets:
        name = target.scope.name or ""
        if target.scope.kind == "district" and unit_key(name) not in known_districts:
            warnings.append(
                ReportWarning(
                    f"target {target.id}: no household of district {name!r} in the census",
                    "warn_district_absent",
                    {"target": target.id, "name": name},
                )
            )
    return warnings


UNITS_NAMED = 5
"""Communes a warning names, at most (then "…")."""


def income_scale_warnings(
    standard: Standard, frame: pd.DataFrame, previous: bool = False
) -> list[ReportWarning]:
    """From sums by unit (a cube's frame), the communes where more than half of the
    households have an income below what anyone lives on (the standard's
    ``implausible_income_below``): typed in thousands of đồng (1.500 for 1.500.000) or in
    millions, nearly every household there is classified below the poverty line, and the
    rates are wrong without any row looking bad."""
    if IMPLAUSIBLE_INCOME not in frame.columns or standard.implausible_income_below is None:
        return []
    by_commune = frame.groupby(["district", "commune"], observed=True, sort=True)[
        ["n", IMPLAUSIBLE_INCOME]
    ].sum()
    low = by_commune[2 * by_commune[IMPLAUSIBLE_INCOME] > by_commune["n"]]
    if low.empty:
        return []
    named: dict[str, list[str]] = {}  # the first communes, by district
    for district, commune in list(low.index)[:UNITS_NAMED]:
        named.setdefault(str(district), []).append(str(commune))
    units = "; ".join(f"{district}: {', '.join(names)}" for district, names in named.items())
    units += "; …" if len(low) > UNITS_NAMED else ""
    params = {
        "communes": len(low),
        "units": units,
        "households": int(low[IMPLAUSIBLE_INCOME].sum()),
        "floor": standard.implausible_income_below,
    }
    text = (
        ("the previous census: " if previous else "")
        + f"incomes look typed in thousands (or millions) of đồng, not in đồng: in "
        f"{len(low)} commune(s) ({units}) more than half of the households, "
        f"{params['households']} in all, have an income below {params['floor']} đồng a "
        "person a month. Households are classified on the figures as written, so their "
        "classes and the poverty rates may be wrong: write incomes in đồng (1,500,000, not "
        "1,500) and run again"
    )
    key = "warn_income_scale_previous" if previous else "warn_income_scale"
    return [ReportWarning(text, key, params)]


CLASSIFICATION_COLUMNS = [
    "household_id",
    "district",
    "commune",
    "area",
    "income_per_capita",
    "deprivations",
    "class",
]


def classification_table(census: CensusValidation, standard: Standard) -> pd.DataFrame:
    """One row per valid household: id, district, commune, class, deprivation count."""
    frame = classified(census, standard)
    return frame[CLASSIFICATION_COLUMNS]

"""What a report warns its reader of: figures that may be wrong although no row was set
aside (incomes typed in thousands, two reviews whose ids do not meet, a history not known),
and units the plan and the census do not share. Each warning carries its English text (the
JSON) and its key and values for the reader's language."""

from __future__ import annotations

import pandas as pd

from gnbv.core.analysis.cube import Cube
from gnbv.core.analysis.measures import IMPLAUSIBLE_INCOME
from gnbv.core.analysis.report import ReportWarning
from gnbv.core.analysis.transitions import Transitions
from gnbv.core.contract.units import UnitNames, unit_key
from gnbv.core.plan.model import Plan
from gnbv.core.plan.standards import Standard


def unit_warnings(plan: Plan, names: UnitNames, frame: pd.DataFrame) -> list[ReportWarning]:
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
    warnings += [
        ReportWarning(
            f"district {written!r} of the census is read as the plan's {printed!r} (its marks "
            "missing or wrong)",
            "warn_district_unmarked",
            {"written": written, "printed": printed},
        )
        for written, printed in names.unmarked_districts.items()
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


POOR_LIST_LEAST = 10
"""Households a census must have before its share of poor households is looked at."""


def poor_list_warnings(
    standard: Standard, frame: pd.DataFrame, previous: bool = False
) -> list[ReportWarning]:
    """From sums by unit (a cube's frame): a census whose households are nearly all poor or
    near-poor (the standard's ``implausible_poor_share_above``) is most likely the list of
    them an office keeps, not its whole review: every rate, and every target on a rate, is
    then far off the area's, and nothing else in the file says so."""
    share_above = standard.implausible_poor_share_above
    households = int(frame["n"].sum()) if "n" in frame.columns else 0
    if share_above is None or households < POOR_LIST_LEAST:
        return []
    poor_or_near = int(frame.loc[frame["class"].isin(["poor", "near_poor"]), "n"].sum())
    percent = 100.0 * poor_or_near / households
    if percent < share_above:
        return []
    params = {"poor_or_near": poor_or_near, "households": households, "percent": percent}
    text = (
        ("the previous census: " if previous else "")
        + f"the census looks like a list of poor and near-poor households only: "
        f"{poor_or_near} of its {households} households ({percent:.1f} %) are poor or "
        "near-poor. A rate divides by every household of the area (the whole review, not its "
        "lists), so the rates and the targets on them are not the area's"
    )
    key = "warn_poor_list_previous" if previous else "warn_poor_list"
    return [ReportWarning(text, key, params)]


def history_warnings(transitions: Transitions, cube: Cube) -> list[ReportWarning]:
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


def matching_warnings(transitions: Transitions) -> list[ReportWarning]:
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

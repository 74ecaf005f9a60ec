"""Lists of households to act on: who they are, where, what class now and before, how far
from the poverty line, and which deprivations, so that an office plans support per household.

:func:`household_list` takes classified households (with the start of the period when it is
known) and returns the rows chosen by :class:`ListFilter`, sorted by unit. The list an office
asks for first, the households **nearest to leaving poverty**, is a filter: poor households
whose income is within a share of the line below it, or whose deprivations are exactly as many
as make them poor (one fewer and they would be near-poor).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gnbv.core.analysis.report import ReportWarning
from gnbv.core.contract.units import (
    alike_without_marks,
    bare_name,
    commune_kind,
    unit_key,
    unmarked,
)
from gnbv.core.plan.standards import Standard


@dataclass(frozen=True)
class ListFilter:
    """Which households to list; every field left empty lists them all."""

    districts: tuple[str, ...] = ()
    communes: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    transitions: tuple[str, ...] = ()
    """``escaped``, ``fell_back``, ``newly_poor``, ``new``, ``stayed_poor``, …: see
    :func:`transition_of`."""
    deprivations: tuple[str, ...] = ()
    """Deprivation columns the household must be deprived in (all of them)."""
    near_line_percent: float | None = None
    """Nearest to leaving poverty: poor, and income at least (100 − this) % of the line, or
    deprived in exactly as many indicators as make a household poor."""


@dataclass
class HouseholdList:
    rows: pd.DataFrame
    """household_id, district, commune, area, class, class_start, transition, income,
    poverty_line, income_to_line_percent, deprivations, then one yes/no column per indicator."""
    indicators: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    """The census's own columns gnbv does not use (name, village, phone), as written."""
    warnings: list[ReportWarning] = field(default_factory=list)
    """What whoever acts on the list must know (incomes typed in thousands)."""
    units_of_part: list[str] = field(default_factory=list)
    """The units of a census of part of the province (["Sơn Động"], or ["An Lạc"] for a
    commune's own file); none for the whole."""
    units_chosen: list[str] = field(default_factory=list)
    """The units ``--commune`` and ``--district`` chose, as the census names them ("Trần
    Phú" for "tran phu"): the list's heading and the place it is signed in."""


UNITS_LISTED = 20
"""Units a refusal names, at most."""


def _in_units(
    names: pd.Series, asked: tuple[str, ...], level: str, every: pd.Series | None = None
) -> tuple[np.ndarray, list[str]]:
    """Which rows are in the units ``asked`` (as a person types them: "huyện sơn động",
    or "Son Dong" without marks where that is one unit of ``names``). A name that is no unit
    of the census is refused, naming those it has: an empty list written without a word
    would read as "nobody to help there". With the rows, the units' names as the census
    writes them."""
    from gnbv.errors import UsageError

    every = names if every is None else every
    keys = every.map(unit_key)
    kinds = every.map(commune_kind)  # "Thị trấn An Châu" printed apart from "Xã An Châu"
    known = set(names.map(unit_key))
    chosen = np.zeros(len(every), dtype=bool)
    printed: list[str] = []
    for name in asked:
        key = unit_key(name)
        if key not in known:  # without its marks: the one unit written so, if it is one
            key = alike_without_marks(key, known) or key
        if key not in known:
            found = sorted({bare_name(str(n)) for n in names.unique()}, key=unmarked)
            units = ", ".join(found[:UNITS_LISTED]) + (", …" if len(found) > UNITS_LISTED else "")
            raise UsageError(
                f"no {level} {name!r} in the census (in the districts chosen); it has: {units}",
                hint=f"give one of them with --{level}",
                key=f"err_list_no_{level}",
                params={"name": name, "units": units},
            )
        same = (keys == key).to_numpy()
        same_kind = same & (kinds == commune_kind(name)).to_numpy()
        matched = same_kind if same_kind.any() else same
        chosen |= matched
        printed += sorted(set(every[matched].astype("str")) - set(printed))
    return chosen, printed


def transition_of(start: pd.Series, end: pd.Series) -> np.ndarray:
    """What happened to each household between the start and the end of the period."""
    start_text = start.astype("object").where(start.notna(), "")
    end_text = end.astype("str")
    was_poor, is_poor = start_text == "poor", end_text == "poor"
    was_near, is_near = start_text == "near_poor", end_text == "near_poor"
    choices = [
        (start_text == "", "new"),
        (was_poor & is_poor, "stayed_poor"),
        (was_poor & is_near, "escaped_to_near_poor"),
        (was_poor & ~is_poor & ~is_near, "escaped_above"),
        (was_near & is_poor, "near_poor_to_poor"),
        (~was_poor & ~was_near & is_poor, "became_poor"),
        (was_near & is_near, "stayed_near_poor"),
        (was_near & ~is_poor & ~is_near, "escaped_near_poverty"),
        (~was_poor & ~was_near & is_near, "became_near_poor"),
    ]
    return np.select(
        [condition.to_numpy(dtype=bool) for condition, _ in choices],
        [name for _, name in choices],
        default="stayed_above",
    )


FILTER_TRANSITIONS = {
    "escaped": ("escaped_to_near_poor", "escaped_above"),
    "newly-poor": ("near_poor_to_poor", "became_poor"),
    "stayed-poor": ("stayed_poor",),
    "new": ("new",),
}


def household_list(
    frame: pd.DataFrame,
    standard: Standard,
    start: pd.Series | None,
    chosen: ListFilter,
) -> HouseholdList:
    """The households of ``frame`` (classified: ``class``, ``deprivations``) that ``chosen``
    selects; ``start``: each one's class at the start of the period, or None if unknown."""
    indicators = standard.deprivation_columns
    line = np.where(
        (frame["area"] == "urban").to_numpy(),
        standard.income_lines["urban"].poverty_line,
        standard.income_lines["rural"].poverty_line,
    )
    income = frame["income_per_capita"].to_numpy(dtype=np.int64)
    classes = frame["class"].astype("str")
    starts = start if start is not None else pd.Series(pd.NA, index=frame.index, dtype="object")
    rows = pd.DataFrame(
        {
            "household_id": frame["household_id"].astype("str"),
            "district": frame["district"].astype("str"),
            "commune": frame["commune"].astype("str"),
            "area": frame["area"].astype("str"),
            "class": classes,
            "class_start": starts.astype("object"),
            "transition": transition_of(starts, classes) if start is not None else None,
            "income": income,
            "poverty_line": line,
            "income_to_line_percent": np.round(100.0 * income / line, 1),
            "deprivations": frame["deprivations"].to_numpy(dtype=np.int64),
            **{column: frame[column].to_numpy(dtype=bool) for column in indicators},
        },
        index=frame.index,
    )
    keep = np.ones(len(rows), dtype=bool)
    districts: list[str] = []
    communes: list[str] = []
    if chosen.districts:
        in_districts, districts = _in_units(rows["district"], chosen.districts, "district")
        keep &= in_districts
    if chosen.communes:
        in_communes, communes = _in_units(
            rows["commune"][keep], chosen.communes, "commune", rows["commune"]
        )
        keep &= in_communes
    if chosen.classes:
        keep &= rows["class"].isin(chosen.classes).to_numpy()
    if chosen.transitions and start is not None:
        names = [name for key in chosen.transitions for name in FILTER_TRANSITIONS.get(key, (key,))]
        keep &= rows["transition"].isin(names).to_numpy()
    for column in chosen.deprivations:
        keep &= rows[column].to_numpy(dtype=bool)
    if chosen.near_line_percent is not None:
        close = income >= line * (1 - chosen.near_line_percent / 100.0)
        one_away = rows["deprivations"].to_numpy() == standard.poor_min_deprivations
        keep &= (rows["class"] == "poor").to_numpy() & (close | one_away)
    picked = rows.loc[keep].sort_values(["district", "commune", "household_id"], kind="stable")
    listed = HouseholdList(picked.reset_index(drop=True), list(indicators))
    listed.units_chosen = [*communes, *districts]
    return listed

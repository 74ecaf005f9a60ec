"""Household transitions between two reviews (diễn biến hộ nghèo, hộ cận nghèo).

Households are matched by ``household_id``. The start state comes from the previous census
(classified under the same standard) or, without one, from the current file's ``status_prev``.
Per unit (district, commune, area) every household that counts is in exactly one category, and
the balance identity is checked in code for every unit:

    poor at end = poor at start - escaped (to near-poor, above near-poor) - poor that left
                  + near-poor that became poor + newly poor + fell back + poor that arrived

and the same for near-poor. Each row of the summary matches households across the whole of its
own unit: a household that moved between two communes of one district left the one commune and
arrived in the other, but in the district's row (and the province's) it is one household,
counted by what happened to it (escaped, fell back, ...). The identity holds for every row.

Ethnic-minority sub-counts follow the same rule with the group as the unit: a household counts
in the group at the start by its flag at the start of the period (the previous census, when one
is given) and at the end by its flag now; one whose flag changed left the group or joined it.

``ever_poor_before`` tells fell back (tái nghèo) from newly poor (phát sinh); where it is absent
or blank, a household that became poor is counted apart, as "history unknown", never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gnbv.core.analysis.cube import Cube

UNIT_KEYS = ["district", "commune", "area"]
SummaryCell = str | int | float | None
ABOVE = "above"
ABSENT = "absent"

# Each transition category: how the household's poverty counts change.
POOR_CATEGORIES = {
    "poor_start": "Hộ nghèo đầu kỳ",
    "poor_escaped_to_near_poor": "Thoát nghèo, trở thành hộ cận nghèo",
    "poor_escaped_above": "Thoát nghèo, vượt chuẩn cận nghèo",
    "poor_left": "Hộ nghèo giảm khác (chuyển đi, ...)",
    "poor_from_near_poor": "Hộ nghèo tăng do hộ cận nghèo trở thành hộ nghèo",
    "poor_fell_back": "Hộ tái nghèo",
    "poor_new": "Hộ nghèo phát sinh",
    "poor_history_unknown": "Trở thành hộ nghèo, chưa rõ đã từng nghèo (tái nghèo hay phát sinh)",
    "poor_arrived": "Hộ nghèo tăng khác (chuyển đến, tách hộ, ...)",
    "poor_end": "Hộ nghèo cuối kỳ",
}
NEAR_POOR_CATEGORIES = {
    "near_poor_start": "Hộ cận nghèo đầu kỳ",
    "near_poor_escaped": "Thoát cận nghèo",
    "near_poor_to_poor": "Hộ cận nghèo giảm do trở thành hộ nghèo",
    "near_poor_left": "Hộ cận nghèo giảm khác",
    "near_poor_from_poor": "Hộ nghèo trở thành hộ cận nghèo",
    "near_poor_fell_back": "Hộ tái cận nghèo",
    "near_poor_new": "Hộ cận nghèo phát sinh",
    "near_poor_history_unknown": (
        "Trở thành hộ cận nghèo, chưa rõ đã từng cận nghèo (tái cận nghèo hay phát sinh)"
    ),
    "near_poor_arrived": "Hộ cận nghèo tăng khác",
    "near_poor_end": "Hộ cận nghèo cuối kỳ",
}
CATEGORIES = {
    "households_start": "Tổng số hộ đầu kỳ",
    "households_end": "Tổng số hộ cuối kỳ",
    "departed": "Hộ chuyển đi, giảm",
    "arrived": "Hộ chuyển đến, mới",
    **POOR_CATEGORIES,
    **NEAR_POOR_CATEGORIES,
}
COUNT_COLUMNS = list(CATEGORIES)


def _state(classes: pd.Series) -> pd.Series:
    """poor / near_poor / above (middle and non-poor both count as above near-poor)."""
    text = classes.astype("str")
    return text.where(text.isin(["poor", "near_poor"]), ABOVE)


LEVEL_KEYS: dict[str, list[str]] = {
    "province": [],
    "area": ["area"],
    "district": ["area", "district"],
    "commune": ["area", "district", "commune"],
}
"""The units of each row of the review's summary: a district row is the district's part in one
area (urban or rural), as the official table groups them."""


@dataclass
class Transitions:
    """Per unit and in all, the counts of every category, each with its ethnic-minority count."""

    households: pd.DataFrame
    """One row per household seen in either review: id, units then and now, states, flags.
    Empty when the transitions come from ``status_prev`` sums (nobody moved: no matching)."""
    by_unit: pd.DataFrame
    """Index (district, commune, area); columns: every category and ``<category>_em``."""
    source: str
    """``baseline_census`` or ``status_prev``."""
    _counted: dict[tuple[str, ...], pd.DataFrame] = field(default_factory=dict, repr=False)

    def counts(self, keys: list[str]) -> pd.DataFrame:
        """Counts per unit of ``keys`` (none: one row, the province), households matched
        across the whole of each unit; the balance is checked for every row. Each level is
        counted once (the JSON, the tables and the warnings ask for the same ones)."""
        if tuple(keys) not in self._counted:
            self._counted[tuple(keys)] = self._count(keys)
        return self._counted[tuple(keys)]

    def _count(self, keys: list[str]) -> pd.DataFrame:
        if self.households.empty:
            if keys:
                counted = self.by_unit.groupby(level=keys, sort=True).sum()
            else:
                counted = self.by_unit.sum().to_frame().T
        else:
            table = categories(_unit_events(self.households, keys), keys)
            if keys:
                counted = table.groupby(keys, sort=True).sum()
            else:
                counted = table.sum().to_frame().T
        check_balance(counted)
        return counted

    def matched(self) -> tuple[int, int]:
        """Households of the current census found in the previous one, and households of
        the current census (from the province's counts: the balance holds there)."""
        province = self.counts([]).iloc[0]
        now = int(province["households_end"])
        return now - int(province["arrived"]), now

    def matched_without_leading_zeros(self) -> int:
        """Households of the census not found in the previous one that would be if the
        ids' leading zeros were set aside (``0012`` and ``12``: Excel drops them from a
        code it takes for a number)."""
        if self.households.empty:
            return 0
        ids = self.households["household_id"].astype("string")
        now = ids[self.households["state_start"] == ABSENT].str.lstrip("0")
        before = ids[self.households["state_end"] == ABSENT].str.lstrip("0")
        return int(now.isin(set(before)).sum())

    def history_unknown(self) -> tuple[int, int]:
        """Households that became poor / near-poor whose earlier history is unknown
        (``ever_poor_before`` / ``ever_near_poor_before`` absent or blank)."""
        province = self.counts([]).iloc[0]
        return int(province["poor_history_unknown"]), int(province["near_poor_history_unknown"])


def _flag(frame: pd.DataFrame, column: str) -> pd.Series:
    if column in frame.columns:
        return frame[column].fillna(False).astype(bool)
    return pd.Series(False, index=frame.index)


def _history(frame: pd.DataFrame, column: str) -> pd.Series:
    """True, False or unknown (<NA>): a blank cell or an absent column is not "never"."""
    if column in frame.columns:
        values = frame[column].astype("object")
        return values.where(values.notna(), None).astype("boolean")
    return pd.Series(pd.NA, index=frame.index, dtype="boolean")


def household_transitions(current: pd.DataFrame, previous: pd.DataFrame | None) -> pd.DataFrame:
    """One row per household of either review with its start and end state, unit and flags.

    ``current`` and ``previous`` are classified frames (``class`` column). Without
    ``previous``, the start state is the current file's ``status_prev`` (blank: arrived).
    """
    now = pd.DataFrame(
        {
            "household_id": current["household_id"],
            **{f"{key}_end": current[key] for key in UNIT_KEYS},
            "state_end": _state(current["class"]),
            "ethnic_minority_end": _flag(current, "ethnic_minority"),
            "ever_poor_before": _history(current, "ever_poor_before"),
            "ever_near_poor_before": _history(current, "ever_near_poor_before"),
            "deprivations_end": current["deprivations"],
        }
    )
    if previous is None:
        if "status_prev" not in current.columns:
            raise ValueError("no previous census and no status_prev column")
        prev_state = current["status_prev"].astype("object")
        now["state_start"] = np.where(
            prev_state.isna(), ABSENT, _state(prev_state.fillna("non_poor"))
        )
        for key in UNIT_KEYS:
            now[f"{key}_start"] = now[f"{key}_end"].astype("object").where(prev_state.notna())
        # One file: the flag now is all that is known of the start.
        now["ethnic_minority_start"] = now["ethnic_minority_end"]
        now["deprivations_start"] = pd.NA
        return now
    before = pd.DataFrame(
        {
            "household_id": previous["household_id"],
            **{f"{key}_start": previous[key] for key in UNIT_KEYS},
            "state_start": _state(previous["class"]),
            "ethnic_minority_start": _flag(previous, "ethnic_minority"),
            "deprivations_start": previous["deprivations"],
        }
    )
    both = now.merge(before, on="household_id", how="outer", indicator=True)
    both["state_end"] = both["state_end"].where(both["_merge"] != "right_only", ABSENT)
    both["state_start"] = both["state_start"].where(both["_merge"] != "left_only", ABSENT)
    for column in ("ethnic_minority_start", "ethnic_minority_end"):
        both[column] = both[column].astype("boolean").fillna(False).astype(bool)
    for column in ("ever_poor_before", "ever_near_poor_before"):
        both[column] = both[column].astype("boolean")
    return both.drop(columns=["_merge"])


def _unit_events(households: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per (household, unit of ``keys``) event: a matched household whose unit at
    this level changed is two events, a departure and an arrival; any other household is one."""
    matched = (households["state_start"] != ABSENT) & (households["state_end"] != ABSENT)
    same_unit = pd.Series(True, index=households.index)
    for key in keys:
        same_unit &= households[f"{key}_start"].astype("object") == households[f"{key}_end"].astype(
            "object"
        )
    crossing = matched & ~same_unit
    same = households.loc[~crossing].copy()
    for key in keys:
        same[key] = same[f"{key}_end"].where(same["state_end"] != ABSENT, same[f"{key}_start"])
    if not crossing.any():
        return same
    out = households.loc[crossing].copy()  # left the old unit
    for key in keys:
        out[key] = out[f"{key}_start"]
    out["state_end"] = ABSENT
    arrive = households.loc[crossing].copy()  # arrived in the new unit
    for key in keys:
        arrive[key] = arrive[f"{key}_end"]
    arrive["state_start"] = ABSENT
    return pd.concat([same, out, arrive], ignore_index=True)


def _flags(
    start: pd.Series, end: pd.Series, ever_poor: pd.Series, ever_near_poor: pd.Series
) -> dict[str, pd.Series]:
    """Every category as a yes/no per event; each event is in one category per class."""
    became_poor = (start == ABOVE) & (end == "poor")
    became_near = (start == ABOVE) & (end == "near_poor")
    poor_known, near_known = ever_poor.notna(), ever_near_poor.notna()
    fell_back = ever_poor.fillna(False).astype(bool)
    fell_back_near = ever_near_poor.fillna(False).astype(bool)
    return {
        "households_start": start != ABSENT,
        "households_end": end != ABSENT,
        "departed": (start != ABSENT) & (end == ABSENT),
        "arrived": (start == ABSENT) & (end != ABSENT),
        "poor_start": start == "poor",
        "poor_escaped_to_near_poor": (start == "poor") & (end == "near_poor"),
        "poor_escaped_above": (start == "poor") & (end == ABOVE),
        "poor_left": (start == "poor") & (end == ABSENT),
        "poor_from_near_poor": (start == "near_poor") & (end == "poor"),
        "poor_fell_back": became_poor & poor_known & fell_back,
        "poor_new": became_poor & poor_known & ~fell_back,
        "poor_history_unknown": became_poor & ~poor_known,
        "poor_arrived": (start == ABSENT) & (end == "poor"),
        "poor_end": end == "poor",
        "near_poor_start": start == "near_poor",
        "near_poor_escaped": (start == "near_poor") & (end == ABOVE),
        "near_poor_to_poor": (start == "near_poor") & (end == "poor"),
        "near_poor_left": (start == "near_poor") & (end == ABSENT),
        "near_poor_from_poor": (start == "poor") & (end == "near_poor"),
        "near_poor_fell_back": became_near & near_known & fell_back_near,
        "near_poor_new": became_near & near_known & ~fell_back_near,
        "near_poor_history_unknown": became_near & ~near_known,
        "near_poor_arrived": (start == ABSENT) & (end == "near_poor"),
        "near_poor_end": end == "near_poor",
    }


def categories(events: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Counts of every category per event, with the ethnic-minority counts, and the keys."""
    start, end = events["state_start"], events["state_end"]
    ever_poor, ever_near_poor = events["ever_poor_before"], events["ever_near_poor_before"]
    flags = _flags(start, end, ever_poor, ever_near_poor)
    # The ethnic-minority group is a unit of its own: in it at the start by the flag of the
    # start, at the end by the flag now.
    em_flags = _flags(
        start.where(events["ethnic_minority_start"].to_numpy(dtype=bool), ABSENT),
        end.where(events["ethnic_minority_end"].to_numpy(dtype=bool), ABSENT),
        ever_poor,
        ever_near_poor,
    )
    weight = events["n"].to_numpy(dtype=np.int64) if "n" in events.columns else 1
    columns = {
        name: flag.to_numpy(dtype=bool).astype("int64") * weight for name, flag in flags.items()
    }
    for name, flag in em_flags.items():
        columns[f"{name}_em"] = flag.to_numpy(dtype=bool).astype("int64") * weight
    table = pd.DataFrame(columns, index=events.index)
    for key in keys:
        table[key] = events[key].astype("str")
    return table


class BalanceError(AssertionError):
    """The balance identity does not hold: a bug in the counting, never a data problem."""


def check_balance(table: pd.DataFrame) -> None:
    for suffix in ("", "_em"):

        def col(name: str, suffix: str = suffix) -> pd.Series:
            return table[name + suffix]

        poor = (
            col("poor_start")
            - col("poor_escaped_to_near_poor")
            - col("poor_escaped_above")
            - col("poor_left")
            + col("poor_from_near_poor")
            + col("poor_fell_back")
            + col("poor_new")
            + col("poor_history_unknown")
            + col("poor_arrived")
        )
        near = (
            col("near_poor_start")
            - col("near_poor_escaped")
            - col("near_poor_to_poor")
            - col("near_poor_left")
            + col("near_poor_from_poor")
            + col("near_poor_fell_back")
            + col("near_poor_new")
            + col("near_poor_history_unknown")
            + col("near_poor_arrived")
        )
        households = col("households_start") - col("departed") + col("arrived")
        for name, computed, end in (
            ("poor", poor, col("poor_end")),
            ("near_poor", near, col("near_poor_end")),
            ("households", households, col("households_end")),
        ):
            wrong = computed != end
            if wrong.any():
                raise BalanceError(f"{name}{suffix} balance fails for {int(wrong.sum())} units")


def transitions_from_cube(cube: Cube) -> Transitions:
    """Transitions from ``status_prev``, from sums by key (no household list: one file, so
    every household is where it was)."""
    frame = cube.frame
    prev_state = frame["status_prev"].astype("object")
    ethnic = _flag(frame, "ethnic_minority")
    events = pd.DataFrame(
        {
            **{key: frame[key] for key in UNIT_KEYS},
            "state_start": np.where(
                prev_state.isna(), ABSENT, _state(prev_state.fillna("non_poor"))
            ),
            "state_end": _state(frame["class"]),
            "ethnic_minority_start": ethnic,
            "ethnic_minority_end": ethnic,
            "ever_poor_before": _history(frame, "ever_poor_before"),
            "ever_near_poor_before": _history(frame, "ever_near_poor_before"),
            "n": frame["n"],
        }
    )
    by_unit = categories(events, UNIT_KEYS).groupby(UNIT_KEYS, sort=True).sum()
    check_balance(by_unit)
    return Transitions(pd.DataFrame(), by_unit, "status_prev")


def compute_transitions(current: pd.DataFrame, previous: pd.DataFrame | None) -> Transitions:
    households = household_transitions(current, previous)
    table = categories(_unit_events(households, UNIT_KEYS), UNIT_KEYS)
    by_unit = table.groupby(UNIT_KEYS, sort=True).sum()
    check_balance(by_unit)
    return Transitions(
        households, by_unit, "baseline_census" if previous is not None else "status_prev"
    )

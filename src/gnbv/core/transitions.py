"""Household transitions between two reviews (diễn biến hộ nghèo, hộ cận nghèo).

Households are matched by ``household_id``. The start state comes from the previous census
(classified under the same standard) or, without one, from the current file's ``status_prev``.
Per unit (district, commune, area) every household that counts is in exactly one category, and
the balance identity is checked in code for every unit:

    poor at end = poor at start - escaped (to near-poor, above near-poor) - poor that left
                  + near-poor that became poor + newly poor + fell back + poor that arrived

and the same for near-poor. A household that moved between units leaves the old unit and
arrives in the new one, so the identity holds per unit too.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from gnbv.core.cube import Cube

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
    "poor_from_near_poor": "Hộ cận nghèo trở thành hộ nghèo",
    "poor_fell_back": "Hộ tái nghèo",
    "poor_new": "Hộ nghèo phát sinh",
    "poor_arrived": "Hộ nghèo tăng khác (chuyển đến, tách hộ, ...)",
    "poor_end": "Hộ nghèo cuối kỳ",
}
NEAR_POOR_CATEGORIES = {
    "near_poor_start": "Hộ cận nghèo đầu kỳ",
    "near_poor_escaped": "Thoát cận nghèo",
    "near_poor_to_poor": "Hộ cận nghèo trở thành hộ nghèo",
    "near_poor_left": "Hộ cận nghèo giảm khác",
    "near_poor_from_poor": "Hộ nghèo trở thành hộ cận nghèo",
    "near_poor_fell_back": "Hộ tái cận nghèo",
    "near_poor_new": "Hộ cận nghèo phát sinh",
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


@dataclass
class Transitions:
    """Per unit and in all, the counts of every category, each with its ethnic-minority count."""

    households: pd.DataFrame
    """One row per household seen in either review: id, units then and now, states, transition."""
    by_unit: pd.DataFrame
    """Index (district, commune, area); columns: every category and ``<category>_em``."""
    source: str
    """``baseline_census`` or ``status_prev``."""

    def totals(self, keys: list[str]) -> pd.DataFrame:
        return self.by_unit.groupby(level=keys, sort=True).sum()


def _flag(frame: pd.DataFrame, column: str) -> pd.Series:
    if column in frame.columns:
        return frame[column].fillna(False).astype(bool)
    return pd.Series(False, index=frame.index)


def household_transitions(current: pd.DataFrame, previous: pd.DataFrame | None) -> pd.DataFrame:
    """One row per household of either review with its start and end state and unit.

    ``current`` and ``previous`` are classified frames (``class`` column). Without
    ``previous``, the start state is the current file's ``status_prev`` (blank: arrived).
    """
    now = pd.DataFrame(
        {
            "household_id": current["household_id"],
            **{f"{key}_end": current[key] for key in UNIT_KEYS},
            "state_end": _state(current["class"]),
            "ethnic_minority": _flag(current, "ethnic_minority"),
            "ever_poor_before": _flag(current, "ever_poor_before"),
            "ever_near_poor_before": _flag(current, "ever_near_poor_before"),
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
    left_only = both["_merge"] == "right_only"
    both["state_end"] = both["state_end"].where(~left_only, ABSENT)
    both["state_start"] = both["state_start"].where(both["_merge"] != "left_only", ABSENT)
    # Departed households keep the ethnicity recorded last year.
    both["ethnic_minority"] = (
        both["ethnic_minority"]
        .where(~left_only, both["ethnic_minority_start"])
        .fillna(False)
        .astype(bool)
    )
    for column in ("ever_poor_before", "ever_near_poor_before"):
        both[column] = both[column].fillna(False).astype(bool)
    return both.drop(columns=["_merge", "ethnic_minority_start"])


def _unit_events(households: pd.DataFrame) -> pd.DataFrame:
    """One row per (household, unit) event: a matched household that moved is two events."""
    matched = (households["state_start"] != ABSENT) & (households["state_end"] != ABSENT)
    same_unit = pd.Series(True, index=households.index)
    for key in UNIT_KEYS:
        same_unit &= households[f"{key}_start"].astype("object") == households[f"{key}_end"].astype(
            "object"
        )
    crossing = matched & ~same_unit
    events = []
    same = households.loc[~crossing].copy()
    for key in UNIT_KEYS:
        same[key] = same[f"{key}_end"].where(same["state_end"] != ABSENT, same[f"{key}_start"])
    events.append(same)
    out = households.loc[crossing].copy()  # left the old unit
    for key in UNIT_KEYS:
        out[key] = out[f"{key}_start"]
    out["state_end"] = ABSENT
    events.append(out)
    arrive = households.loc[crossing].copy()  # arrived in the new unit
    for key in UNIT_KEYS:
        arrive[key] = arrive[f"{key}_end"]
    arrive["state_start"] = ABSENT
    events.append(arrive)
    return pd.concat(events, ignore_index=True)


def _categories(events: pd.DataFrame) -> pd.DataFrame:
    start, end = events["state_start"], events["state_end"]
    fell_back = events["ever_poor_before"]
    fell_back_near = events["ever_near_poor_before"]
    flags = {
        "households_start": start != ABSENT,
        "households_end": end != ABSENT,
        "departed": (start != ABSENT) & (end == ABSENT),
        "arrived": (start == ABSENT) & (end != ABSENT),
        "poor_start": start == "poor",
        "poor_escaped_to_near_poor": (start == "poor") & (end == "near_poor"),
        "poor_escaped_above": (start == "poor") & (end == ABOVE),
        "poor_left": (start == "poor") & (end == ABSENT),
        "poor_from_near_poor": (start == "near_poor") & (end == "poor"),
        "poor_fell_back": (start == ABOVE) & (end == "poor") & fell_back,
        "poor_new": (start == ABOVE) & (end == "poor") & ~fell_back,
        "poor_arrived": (start == ABSENT) & (end == "poor"),
        "poor_end": end == "poor",
        "near_poor_start": start == "near_poor",
        "near_poor_escaped": (start == "near_poor") & (end == ABOVE),
        "near_poor_to_poor": (start == "near_poor") & (end == "poor"),
        "near_poor_left": (start == "near_poor") & (end == ABSENT),
        "near_poor_from_poor": (start == "poor") & (end == "near_poor"),
        "near_poor_fell_back": (start == ABOVE) & (end == "near_poor") & fell_back_near,
        "near_poor_new": (start == ABOVE) & (end == "near_poor") & ~fell_back_near,
        "near_poor_arrived": (start == ABSENT) & (end == "near_poor"),
        "near_poor_end": end == "near_poor",
    }
    weight = events["n"].to_numpy(dtype=np.int64) if "n" in events.columns else 1
    table = pd.DataFrame({name: flag.astype("int64") * weight for name, flag in flags.items()})
    em = events["ethnic_minority"].astype("int64")
    for name in flags:
        table[f"{name}_em"] = table[name] * em
    for key in UNIT_KEYS:
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
    """Transitions from ``status_prev``, from sums by key (no household list)."""
    frame = cube.frame
    prev_state = frame["status_prev"].astype("object")
    events = pd.DataFrame(
        {
            **{key: frame[key] for key in UNIT_KEYS},
            "state_start": np.where(
                prev_state.isna(), ABSENT, _state(prev_state.fillna("non_poor"))
            ),
            "state_end": _state(frame["class"]),
            "ethnic_minority": _flag(frame, "ethnic_minority"),
            "ever_poor_before": _flag(frame, "ever_poor_before"),
            "ever_near_poor_before": _flag(frame, "ever_near_poor_before"),
            "n": frame["n"],
        }
    )
    by_unit = _categories(events).groupby(UNIT_KEYS, sort=True).sum()
    check_balance(by_unit)
    return Transitions(pd.DataFrame(), by_unit, "status_prev")


def compute_transitions(current: pd.DataFrame, previous: pd.DataFrame | None) -> Transitions:
    households = household_transitions(current, previous)
    table = _categories(_unit_events(households))
    by_unit = table.groupby(UNIT_KEYS, sort=True).sum()
    check_balance(by_unit)
    return Transitions(
        households, by_unit, "baseline_census" if previous is not None else "status_prev"
    )


FOLLOW_UP = {
    "escaped": ["poor_escaped_to_near_poor", "poor_escaped_above"],
    "fell-back": ["poor_fell_back"],
    "newly-poor": ["poor_from_near_poor", "poor_new"],
}


def follow_up_list(transitions: Transitions, which: str) -> pd.DataFrame:
    """The households behind a transition count, for the officers who visit them."""
    households = transitions.households
    events = _unit_events(households)
    table = _categories(events)
    chosen = np.zeros(len(table), dtype=bool)
    names = np.full(len(table), "", dtype=object)
    for category in FOLLOW_UP[which]:
        mask = table[category].to_numpy(dtype=bool)
        chosen |= mask
        names[mask] = category
    picked = events.loc[chosen]
    return (
        pd.DataFrame(
            {
                "household_id": picked["household_id"].to_numpy(),
                "district": picked["district"].to_numpy(),
                "commune": picked["commune"].to_numpy(),
                "transition": names[chosen],
                "class_start": picked["state_start"].to_numpy(),
                "class_end": picked["state_end"].to_numpy(),
                "deprivations_start": picked["deprivations_start"].to_numpy(),
                "deprivations_end": picked["deprivations_end"].to_numpy(),
            }
        )
        .sort_values(["district", "commune", "household_id"], kind="stable")
        .reset_index(drop=True)
    )


def _row(
    level: str,
    area: str,
    district: str | None,
    commune: str | None,
    counts: pd.Series | dict[Hashable, Any],
) -> dict[str, SummaryCell]:
    row: dict[str, SummaryCell] = {
        "level": level,
        "area": area,
        "district": district,
        "commune": commune,
    }
    row.update({str(name): int(value) for name, value in counts.items()})
    end = int(counts["households_end"])
    row["poverty_rate_end"] = 100.0 * int(counts["poor_end"]) / end if end else None
    row["near_poverty_rate_end"] = 100.0 * int(counts["near_poor_end"]) / end if end else None
    return row


def summary_rows(transitions: Transitions) -> list[dict[str, SummaryCell]]:
    """The review's summary table in the official order: province, then for urban and rural
    areas the area total, each district and its communes."""
    by_unit = transitions.by_unit
    rows = [_row("province", "all", None, None, by_unit.sum())]
    for area in ("urban", "rural"):
        part = by_unit[by_unit.index.get_level_values("area") == area]
        if part.empty:
            continue
        rows.append(_row("area", area, None, None, part.sum()))
        for district, district_part in part.groupby(level="district", sort=True):
            rows.append(_row("district", area, str(district), None, district_part.sum()))
            communes = district_part.index.get_level_values("commune")
            # Plain dicts from one integer array: a Series per commune (iterrows) costs a
            # tenth of a second on a province.
            names: list[Hashable] = list(district_part.columns)
            each = district_part.to_numpy(dtype=np.int64).tolist()
            for commune, counts in zip(communes, each, strict=True):
                cells = dict(zip(names, counts, strict=True))
                rows.append(_row("commune", area, str(district), str(commune), cells))
    return rows


def district_rows(transitions: Transitions) -> list[dict[str, SummaryCell]]:
    """Districts with both areas together, then the province: for the terminal."""
    totals = transitions.totals(["district"])
    rows = [_row("district", "all", str(name), None, counts) for name, counts in totals.iterrows()]
    rows.append(_row("province", "all", None, None, transitions.by_unit.sum()))
    return rows

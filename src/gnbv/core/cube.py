"""Additive measures of classified households, and their sums by key (the "cube").

Every indicator gnbv reports is a ratio of sums, so it can be computed from sums by key as
well as from one row per household. A census is turned into per-household measures
(``n`` = 1, deprivation flags, coverage parts counted only where known), which are summed by
the keys the report needs: district, commune, area, class, ``status_prev`` and the group
flags. Chunks of a large file are summed separately and their cubes added: memory does not
grow with the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

KEYS = [
    "district",
    "commune",
    "area",
    "class",
    "status_prev",
    "ethnic_minority",
    "special_difficulty_commune",
    "ever_poor_before",
    "ever_near_poor_before",
]
OPTIONAL_KEYS = KEYS[4:]
CLASS_ORDER = ["poor", "near_poor", "middle", "non_poor"]
START_CLASS = "start_class"
"""Key of the class at the start of the period taken from a previous census matched by id
(held in memory); without one the start is ``status_prev``. Not a census column: a file's
own column of that name never becomes a key."""


@dataclass
class Cube:
    """Sums of household measures by key; ``columns_present`` are the census's columns."""

    frame: pd.DataFrame
    columns_present: set[str] = field(default_factory=set)
    deprivation_columns: list[str] = field(default_factory=list)

    def has(self, column: str) -> bool:
        return column in self.columns_present

    def start_classes(self) -> pd.Series | None:
        """Each row's class at the start of the period (blank: not in last year's list), from
        the previous census when one was given, else from ``status_prev``; None: unknown."""
        if START_CLASS in self.frame.columns:
            return self.frame[START_CLASS].astype("object")
        if self.has("status_prev"):
            return self.frame["status_prev"].astype("object")
        return None

    def with_frame(self, frame: pd.DataFrame) -> Cube:
        """The same cube over ``frame`` (units renamed, say), summed again by key."""
        return Cube(sum_by_key(frame), set(self.columns_present), list(self.deprivation_columns))


def _known(frame: pd.DataFrame, *columns: str) -> np.ndarray:
    mask = np.ones(len(frame), dtype=bool)
    for column in columns:
        mask &= frame[column].notna().to_numpy()
    return mask


def _int(values: pd.Series, mask: np.ndarray) -> np.ndarray:
    return np.where(mask, values.fillna(0).to_numpy(dtype=np.int64), 0)


def measures(frame: pd.DataFrame, deprivation_columns: list[str]) -> pd.DataFrame:
    """Per household: the keys and the additive measures (classified, validated frame)."""
    out: dict[str, object] = {}
    for key in [*KEYS, START_CLASS]:
        if key in frame.columns:
            out[key] = frame[key]
    out["n"] = np.ones(len(frame), dtype=np.int64)
    for column in deprivation_columns:
        out[column] = frame[column].to_numpy(dtype=np.int64)
    columns = set(frame.columns)
    if "insured_members" in columns:
        known = _known(frame, "insured_members")
        out["ins_members"] = _int(frame["members"], known)
        out["ins_insured"] = _int(frame["insured_members"], known)
    if {"school_age_children", "children_in_school"} <= columns:
        known = _known(frame, "school_age_children", "children_in_school")
        out["sch_total"] = _int(frame["school_age_children"], known)
        out["sch_in"] = _int(frame["children_in_school"], known)
    if {"agri_support_need", "agri_supported"} <= columns:
        known = _known(frame, "agri_support_need", "agri_supported")
        out["agri_need"] = _int(frame["agri_support_need"], known)
        out["agri_sup"] = _int(frame["agri_supported"], known)
    if {"job_support_need", "job_supported"} <= columns:
        known = _known(frame, "job_support_need", "job_supported")
        out["job_need"] = _int(frame["job_support_need"], known)
        out["job_sup"] = _int(frame["job_supported"], known)
    if {"able_workers", "stable_job_workers"} <= columns:
        base = (frame["able_workers"] >= 1).fillna(False).to_numpy(dtype=bool) & _known(
            frame, "stable_job_workers"
        )
        out["stable_base"] = base.astype(np.int64)
        out["stable_yes"] = (
            base & (frame["stable_job_workers"] >= 1).fillna(False).to_numpy(dtype=bool)
        ).astype(np.int64)
    if "telecom_need" in columns and "dep_telecom" in columns:
        need = frame["telecom_need"].fillna(False).to_numpy(dtype=bool)
        out["tel_need"] = need.astype(np.int64)
        out["tel_need_ok"] = (need & ~frame["dep_telecom"].to_numpy(dtype=bool)).astype(np.int64)
    if {"housing_need", "housing_supported"} <= columns:
        # A blank housing_supported is unknown: that household is left out, as for every
        # coverage measure.
        need = frame["housing_need"].fillna(False).to_numpy(dtype=bool) & _known(
            frame, "housing_supported"
        )
        supported = frame["housing_supported"].fillna(False).to_numpy(dtype=bool)
        out["house_need"] = need.astype(np.int64)
        out["house_sup"] = (need & supported).astype(np.int64)
    if "meritorious" in columns:
        out["merit_yes"] = frame["meritorious"].fillna(False).to_numpy(dtype=np.int64)
        out["merit_unknown"] = frame["meritorious"].isna().to_numpy(dtype=np.int64)
    return pd.DataFrame(out, index=frame.index)


def sum_by_key(table: pd.DataFrame) -> pd.DataFrame:
    """Sums of the measures by the keys present (a missing value is a key of its own)."""
    keys = [key for key in [*KEYS, START_CLASS] if key in table.columns]
    grouped = table.groupby(keys, dropna=False, observed=True, sort=True).sum()
    return grouped.reset_index()


def build_cube(
    frame: pd.DataFrame, deprivation_columns: list[str], columns_present: set[str]
) -> Cube:
    return Cube(
        sum_by_key(measures(frame, deprivation_columns)),
        set(columns_present),
        list(deprivation_columns),
    )


def add_cubes(cubes: list[Cube]) -> Cube:
    """The cube of several chunks of one census."""
    frame = sum_by_key(pd.concat([cube.frame for cube in cubes], ignore_index=True))
    first = cubes[0]
    return Cube(frame, set(first.columns_present), list(first.deprivation_columns))

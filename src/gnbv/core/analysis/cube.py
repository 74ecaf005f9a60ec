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

import pandas as pd
import polars as pl

from gnbv.core.analysis.measures import Blanks, measure_expressions
from gnbv.core.plan.standards import Standard

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


def _summed_by_key(frame: pd.DataFrame, standard: Standard) -> pd.DataFrame:
    """The measures (:func:`gnbv.core.analysis.measures.measure_expressions`, the expressions the
    streaming query sums) of a classified, validated frame, summed by its keys in polars:
    one row per key, keys typed as in ``frame``."""
    keys = [key for key in [*KEYS, START_CLASS] if key in frame.columns]
    # The measures read only numbers and yes/no cells; text is a key or not read.
    values = [
        name
        for name in frame.columns
        if name not in keys
        and (pd.api.types.is_numeric_dtype(frame[name]) or pd.api.types.is_bool_dtype(frame[name]))
    ]
    blanks = Blanks({name for name in values if frame[name].isna().any()})
    expressions = measure_expressions(set(frame.columns), standard, blanks)
    table = pl.from_pandas(frame[keys + values].reset_index(drop=True))
    summed = (
        table.group_by(keys)
        .agg(pl.len().cast(pl.Int64).alias("n"), *(e.cast(pl.Int64).sum() for e in expressions))
        .to_pandas()
    )
    for key in keys:
        dtype = frame[key].dtype
        if isinstance(dtype, pd.CategoricalDtype):  # the categories in the frame's order
            summed[key] = pd.Categorical(summed[key].to_numpy(dtype=object), dtype=dtype)
        else:
            summed[key] = summed[key].astype(dtype)
    return summed


def sum_by_key(table: pd.DataFrame) -> pd.DataFrame:
    """Sums of the measures by the keys present (a missing value is a key of its own)."""
    keys = [key for key in [*KEYS, START_CLASS] if key in table.columns]
    grouped = table.groupby(keys, dropna=False, observed=True, sort=True).sum()
    return grouped.reset_index()


def build_cube(frame: pd.DataFrame, standard: Standard, columns_present: set[str]) -> Cube:
    return Cube(
        sum_by_key(_summed_by_key(frame, standard)),
        set(columns_present),
        list(standard.deprivation_columns),
    )


def add_cubes(cubes: list[Cube]) -> Cube:
    """The cube of several chunks of one census."""
    frame = sum_by_key(pd.concat([cube.frame for cube in cubes], ignore_index=True))
    first = cubes[0]
    return Cube(frame, set(first.columns_present), list(first.deprivation_columns))

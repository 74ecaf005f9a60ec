"""Classify households under a standard: poor, near_poor, middle, non_poor. Vectorised.

The rule itself is :func:`gnbv.core.analysis.measures.class_code`, the one implementation the
streaming
query uses too; this applies it to a census held in memory.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl

from gnbv.core.analysis.measures import class_code, deprivation_count
from gnbv.core.plan.standards import Standard

CLASSES = ("poor", "near_poor", "middle", "non_poor")
CLASS_DTYPE = pd.CategoricalDtype(list(CLASSES))


def classify(frame: pd.DataFrame, standard: Standard) -> tuple[pd.Series, np.ndarray]:
    """Each household's class and deprivation count.

    ``frame`` holds validated columns: ``area`` (rural/urban), ``income_per_capita`` (int) and
    the standard's deprivation columns (bool). Every row gets exactly one class.
    """
    columns = ["area", "income_per_capita", *standard.deprivation_columns]
    table = pl.from_pandas(frame[columns].reset_index(drop=True))
    result = table.select(class_code(standard), deprivation_count(standard.deprivation_columns))
    codes = result["class"].to_numpy().astype(np.int8)
    deprivations: np.ndarray = result["deprivations"].to_numpy().astype(np.int16)
    classes = pd.Series(pd.Categorical.from_codes(codes, dtype=CLASS_DTYPE), index=frame.index)
    return classes, deprivations

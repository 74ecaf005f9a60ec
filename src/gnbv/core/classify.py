"""Classify households under a standard: poor, near_poor, middle, non_poor. Vectorised."""

from __future__ import annotations

import numpy as np
import pandas as pd

from gnbv.core.standards import Standard

CLASSES = ("poor", "near_poor", "middle", "non_poor")
CLASS_DTYPE = pd.CategoricalDtype(list(CLASSES))


def count_deprivations(frame: pd.DataFrame, standard: Standard) -> np.ndarray:
    columns = standard.deprivation_columns
    counts: np.ndarray = frame[columns].to_numpy(dtype=np.int8).sum(axis=1, dtype=np.int16)
    return counts


def classify(frame: pd.DataFrame, standard: Standard) -> tuple[pd.Series, np.ndarray]:
    """Each household's class and deprivation count.

    ``frame`` holds validated columns: ``area`` (rural/urban), ``income_per_capita`` (int) and
    the standard's deprivation columns (bool). Every row gets exactly one class.
    """
    deprivations = count_deprivations(frame, standard)
    urban = (frame["area"] == "urban").to_numpy()
    rural_lines, urban_lines = standard.income_lines["rural"], standard.income_lines["urban"]
    line = np.where(urban, urban_lines.poverty_line, rural_lines.poverty_line)
    # No middle band (middle_upper null) means the band is empty: upper = line.
    upper = np.where(
        urban,
        urban_lines.middle_upper or urban_lines.poverty_line,
        rural_lines.middle_upper or rural_lines.poverty_line,
    )
    income = frame["income_per_capita"].to_numpy(dtype=np.int64)
    low_income = income <= line
    codes = np.where(
        low_income,
        np.where(deprivations >= standard.poor_min_deprivations, 0, 1),
        np.where(income <= upper, 2, 3),
    ).astype(np.int8)
    classes = pd.Series(pd.Categorical.from_codes(codes, dtype=CLASS_DTYPE), index=frame.index)
    return classes, deprivations

"""Indicators computed from classified households: counts, rates, coverage shares.

Rates are always summed counts divided by summed counts, never averages of rates. A metric
that cannot be computed (a column absent, no household in its scope) says why, and its value
is None: never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from gnbv.core.census import normalise_names
from gnbv.core.metrics import METRICS
from gnbv.core.plan import Areas, Scope

POOR_OR_NEAR = ("poor", "near_poor")


@dataclass(frozen=True)
class MetricValue:
    numerator: int | None
    denominator: int | None
    value: Fraction | None
    """Percent for rates and shares, a count for count metrics; None when not computable."""
    no_data_reason: str | None = None
    note: str | None = None


def _no_data(reason: str) -> MetricValue:
    return MetricValue(None, None, None, reason)


def _nfc(name: str) -> str:
    return str(normalise_names(pd.Series([name], dtype="str")).iloc[0])


def scope_mask(frame: pd.DataFrame, scope: Scope, areas: Areas) -> tuple[np.ndarray | None, str]:
    """Which households are in ``scope``, or None with the reason it cannot be told."""
    if scope.kind == "province":
        return np.ones(len(frame), dtype=bool), ""
    if scope.kind == "district":
        return (frame["district"] == _nfc(scope.name or "")).to_numpy(), ""
    if scope.kind == "dbkk_communes":
        if areas.dbkk_communes is not None:
            names = {_nfc(name) for name in areas.dbkk_communes}
            return frame["commune"].isin(names).to_numpy(), ""
        if "special_difficulty_commune" not in frame.columns:
            return None, (
                "column special_difficulty_commune is absent and the plan lists no ĐBKK communes"
            )
        return frame["special_difficulty_commune"].fillna(False).to_numpy(dtype=bool), ""
    if "ethnic_minority" not in frame.columns:
        return None, "column ethnic_minority is absent"
    return frame["ethnic_minority"].fillna(False).to_numpy(dtype=bool), ""


def _share(numerator: int, denominator: int, empty_reason: str) -> MetricValue:
    if denominator == 0:
        return MetricValue(numerator, denominator, None, empty_reason)
    return MetricValue(numerator, denominator, Fraction(100 * numerator, denominator))


def class_rate(classes: pd.Series, mask: np.ndarray, counted: tuple[str, ...]) -> MetricValue:
    in_scope = classes[mask]
    return _share(int(in_scope.isin(counted).sum()), len(in_scope), "no household in this scope")


RATE_CLASSES: dict[str, tuple[str, ...]] = {
    "poverty_rate": ("poor",),
    "near_poverty_rate": ("near_poor",),
    "poor_and_near_poor_rate": POOR_OR_NEAR,
}


PART_OF_TOTAL: dict[str, tuple[str, str, str]] = {
    # metric: (part column, total column, why there is no data when the total is 0)
    "health_insurance_share": (
        "insured_members",
        "members",
        "no poor or near-poor household in this scope",
    ),
    "right_age_schooling_share": (
        "children_in_school",
        "school_age_children",
        "no school-age child in poor or near-poor households",
    ),
    "agri_capacity_support_share": (
        "agri_supported",
        "agri_support_need",
        "nobody in need of agricultural support",
    ),
}


def _part_of_total(group: pd.DataFrame, part: str, total: str, empty_reason: str) -> MetricValue:
    """Σ part / Σ total over the households where both are known (blank = unknown)."""
    known = group[part].notna() & group[total].notna()
    return _share(
        int(group.loc[known, part].sum()), int(group.loc[known, total].sum()), empty_reason
    )


def compute_metric(metric: str, frame: pd.DataFrame, mask: np.ndarray) -> MetricValue:
    """The value of a census metric over the households of ``mask``."""
    spec = METRICS[metric]
    if spec.source != "census":
        return _no_data(f"measured outside the census ({spec.source.replace('_', ' ')})")
    absent = [column for column in spec.columns if column not in frame.columns]
    if absent:
        return _no_data(f"column {', '.join(absent)} absent from the census")
    classes = frame["class"]
    if metric in RATE_CLASSES:
        return class_rate(classes, mask, RATE_CLASSES[metric])
    target_group = mask & classes.isin(POOR_OR_NEAR).to_numpy()
    group = frame.loc[target_group]
    empty = "no poor or near-poor household in this scope"
    if metric == "meritorious_poor_or_near_poor_households":
        known = group["meritorious"].notna()
        count = int(group["meritorious"].fillna(False).sum())
        note = None if known.all() else f"{int((~known).sum())} households with unknown value"
        return MetricValue(count, len(group), Fraction(count), note=note)
    if metric == "hygienic_water_share":
        return _share(int((~group["dep_water"]).sum()), len(group), empty)
    if metric == "hygienic_latrine_share":
        return _share(int((~group["dep_sanitation"]).sum()), len(group), empty)
    if metric == "telecom_access_share":
        if "telecom_need" in group.columns:
            need = group["telecom_need"].fillna(False).to_numpy(dtype=bool)
            note = None
        else:
            need = np.ones(len(group), dtype=bool)
            note = "column telecom_need absent: every poor and near-poor household counted"
        value = _share(int((~group["dep_telecom"].to_numpy()[need]).sum()), int(need.sum()), empty)
        return MetricValue(
            value.numerator, value.denominator, value.value, value.no_data_reason, note
        )
    if metric in PART_OF_TOTAL:
        part, total, empty_reason = PART_OF_TOTAL[metric]
        return _part_of_total(group, part, total, empty_reason)
    if metric == "stable_employment_share":
        able = (group["able_workers"] >= 1).fillna(False) & group["stable_job_workers"].notna()
        stable = (group.loc[able, "stable_job_workers"] >= 1).sum()
        return _share(
            int(stable), int(able.sum()), "no poor or near-poor household with an able worker"
        )
    if metric == "job_connection_share":
        note = None
        population = mask & classes.isin(POOR_OR_NEAR).to_numpy()
        if "status_prev" in frame.columns:
            newly_escaped = (frame["status_prev"] == "poor").fillna(False).to_numpy() & (
                classes != "poor"
            ).to_numpy()
            population |= mask & newly_escaped
        else:
            note = "column status_prev absent: newly escaped households not counted"
        value = _part_of_total(
            frame.loc[population],
            "job_supported",
            "job_support_need",
            "no worker in need of job connection",
        )
        return MetricValue(
            value.numerator, value.denominator, value.value, value.no_data_reason, note
        )
    if metric == "housing_support_share":
        need = group["housing_need"].fillna(False).to_numpy(dtype=bool)
        supported = group["housing_supported"].fillna(False).to_numpy(dtype=bool) & need
        return _share(
            int(supported.sum()),
            int(need.sum()),
            "no poor or near-poor household with housing difficulty",
        )
    raise KeyError(f"no computation for census metric {metric!r}")


def status_prev_rate(frame: pd.DataFrame, mask: np.ndarray, metric: str) -> MetricValue:
    """A baseline rate from ``status_prev``, over households whose ``status_prev`` is known."""
    if "status_prev" not in frame.columns:
        return _no_data("column status_prev absent")
    previous = frame.loc[mask, "status_prev"].dropna()
    return _share(
        int(previous.isin(RATE_CLASSES[metric]).sum()),
        len(previous),
        "no household of this scope has a status_prev",
    )

"""Indicators computed from classified households: counts, rates, coverage shares.

Rates are always summed counts divided by summed counts, never averages of rates. A metric
that cannot be computed (a column absent, no household in its scope) says why, and its value
is None: never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

import numpy as np
import pandas as pd

from gnbv.core.analysis.cube import Cube
from gnbv.core.contract.units import unit_key
from gnbv.core.plan.metrics import METRICS
from gnbv.core.plan.model import Areas, Scope

POOR_OR_NEAR = ("poor", "near_poor")
SCOPE_DBKK_UNKNOWN = (
    "column special_difficulty_commune is absent and the plan lists no ĐBKK communes"
)
SCOPE_ETHNIC_UNKNOWN = "column ethnic_minority is absent"


@dataclass(frozen=True)
class MetricValue:
    numerator: int | None
    denominator: int | None
    value: Fraction | None
    """Percent for rates and shares, a count for count metrics; None when not computable."""
    no_data_reason: str | None = None
    note: str | None = None
    no_data_code: str | None = None
    """Why there is no value, for translation: outside_census, column_absent, nobody."""
    no_data_detail: str | None = None


def _no_data(reason: str, code: str, detail: str | None = None) -> MetricValue:
    return MetricValue(None, None, None, reason, no_data_code=code, no_data_detail=detail)


def _keys(names: pd.Series) -> pd.Series:
    """Each unit name's :func:`unit_key` (computed once per distinct name)."""
    text = names.astype("str")
    distinct = {name: unit_key(name) for name in text.unique()}
    return text.map(distinct)


def absent_districts(frame: pd.DataFrame, areas: Areas) -> list[str]:
    """The plan's districts with no household in the census (none when the plan lists no
    districts): a census of one district, or of a province with a district not yet in."""
    if not areas.districts:
        return []
    present = {unit_key(str(name)) for name in frame["district"].unique()}
    return [name for name in areas.districts if unit_key(name) not in present]


NO_HOUSEHOLD_IN_SCOPE = "no household in this scope"


def scope_mask(frame: pd.DataFrame, scope: Scope, areas: Areas) -> tuple[np.ndarray | None, str]:
    """Which households are in ``scope``, or None with the reason it cannot be told."""
    if scope.kind == "province":
        return np.ones(len(frame), dtype=bool), ""
    if scope.kind == "district":
        return (_keys(frame["district"]) == unit_key(scope.name or "")).to_numpy(), ""
    if scope.kind == "dbkk_communes":
        if areas.dbkk_communes is not None:
            names = {unit_key(name) for name in areas.dbkk_communes}
            return _keys(frame["commune"]).isin(names).to_numpy(), ""
        if "special_difficulty_commune" not in frame.columns:
            return None, SCOPE_DBKK_UNKNOWN
        return frame["special_difficulty_commune"].fillna(False).to_numpy(dtype=bool), ""
    if "ethnic_minority" not in frame.columns:
        return None, SCOPE_ETHNIC_UNKNOWN
    return frame["ethnic_minority"].fillna(False).to_numpy(dtype=bool), ""


def _share(numerator: int, denominator: int, empty_reason: str) -> MetricValue:
    if denominator == 0:
        return MetricValue(numerator, denominator, None, empty_reason, no_data_code="nobody")
    return MetricValue(numerator, denominator, Fraction(100 * numerator, denominator))


RATE_CLASSES: dict[str, tuple[str, ...]] = {
    "poverty_rate": ("poor",),
    "near_poverty_rate": ("near_poor",),
    "poor_and_near_poor_rate": POOR_OR_NEAR,
}

# metric: (numerator measure, denominator measure, why there is no data when it is 0);
# measured among the poor and near-poor households of the scope (census-format.md).
SUM_RATIOS: dict[str, tuple[str, str, str]] = {
    "health_insurance_share": (
        "ins_insured",
        "ins_members",
        "no poor or near-poor household in this scope",
    ),
    "right_age_schooling_share": (
        "sch_in",
        "sch_total",
        "no school-age child in poor or near-poor households",
    ),
    "agri_capacity_support_share": (
        "agri_sup",
        "agri_need",
        "nobody in need of agricultural support",
    ),
    "stable_employment_share": (
        "stable_yes",
        "stable_base",
        "no poor or near-poor household with an able worker",
    ),
    "housing_support_share": (
        "house_sup",
        "house_need",
        "no poor or near-poor household with housing difficulty",
    ),
}


def _sum(frame: pd.DataFrame, column: str, mask: np.ndarray) -> int:
    return int(frame[column].to_numpy()[mask].sum())


def class_rate(frame: pd.DataFrame, mask: np.ndarray, counted: tuple[str, ...]) -> MetricValue:
    in_class = frame["class"].isin(counted).to_numpy()
    return _share(_sum(frame, "n", mask & in_class), _sum(frame, "n", mask), NO_HOUSEHOLD_IN_SCOPE)


def compute_metric(metric: str, cube: Cube, mask: np.ndarray) -> MetricValue:
    """The value of a census metric over the cube rows of ``mask``."""
    spec = METRICS[metric]
    if spec.source != "census":
        return _no_data(
            f"measured outside the census ({spec.source.replace('_', ' ')})",
            "outside_census",
            spec.source,
        )
    absent = [column for column in spec.columns if not cube.has(column)]
    if absent:
        return _no_data(
            f"column {', '.join(absent)} absent from the census", "column_absent", ", ".join(absent)
        )
    frame = cube.frame
    if _sum(frame, "n", mask) == 0:
        # Nothing to measure: never 0, never met (a census with no valid household, say).
        return _no_data(NO_HOUSEHOLD_IN_SCOPE, "nobody")
    if metric in RATE_CLASSES:
        return class_rate(frame, mask, RATE_CLASSES[metric])
    group = mask & frame["class"].isin(POOR_OR_NEAR).to_numpy()
    empty = "no poor or near-poor household in this scope"
    if metric == "meritorious_poor_or_near_poor_households":
        count = _sum(frame, "merit_yes", group)
        unknown = _sum(frame, "merit_unknown", group)
        note = f"{unknown} households with unknown value" if unknown else None
        return MetricValue(count, _sum(frame, "n", group), Fraction(count), note=note)
    if metric in ("hygienic_water_share", "hygienic_latrine_share"):
        column = "dep_water" if metric == "hygienic_water_share" else "dep_sanitation"
        households = _sum(frame, "n", group)
        return _share(households - _sum(frame, column, group), households, empty)
    if metric == "telecom_access_share":
        return _telecom_access(cube, group, empty)
    start = cube.start_classes()
    if metric == "housing_support_share":
        # Support goes to the households on the year's list: poor or near-poor at the start
        # of the year or at its end (one that escaped thanks to its new house stays counted).
        if start is not None:
            group = group | (mask & start.isin(POOR_OR_NEAR).to_numpy(dtype=bool))
    if metric in SUM_RATIOS:
        numerator, denominator, empty_reason = SUM_RATIOS[metric]
        return _share(_sum(frame, numerator, group), _sum(frame, denominator, group), empty_reason)
    if metric == "job_connection_share":
        return _job_connection(frame, mask, group, start)
    raise KeyError(f"no computation for census metric {metric!r}")


def _telecom_access(cube: Cube, group: np.ndarray, empty: str) -> MetricValue:
    """Poor and near-poor households with the telecom access they need: of those that need
    it (``telecom_need``), or, without that column, of all of them (its deprivation)."""
    frame = cube.frame
    if cube.has("telecom_need"):
        return _share(_sum(frame, "tel_need_ok", group), _sum(frame, "tel_need", group), empty)
    households = _sum(frame, "n", group)
    value = _share(households - _sum(frame, "dep_telecom", group), households, empty)
    return replace(
        value, note="column telecom_need absent: every poor and near-poor household counted"
    )


def _job_connection(
    frame: pd.DataFrame, mask: np.ndarray, group: np.ndarray, start: pd.Series | None
) -> MetricValue:
    """Workers in need of job connection who had it, among the poor and near-poor
    households and those that escaped poverty since the start of the period."""
    if start is None:
        return _no_data(
            "the start of the period is unknown (no status_prev column, no --baseline)",
            "column_absent",
            "status_prev",
        )
    newly_escaped = (start == "poor").to_numpy(dtype=bool) & (frame["class"] != "poor").to_numpy()
    population = group | (mask & newly_escaped)
    return _share(
        _sum(frame, "job_sup", population),
        _sum(frame, "job_need", population),
        "no worker in need of job connection",
    )


def status_prev_rate(cube: Cube, mask: np.ndarray, metric: str) -> MetricValue:
    """A baseline rate from ``status_prev``, over households whose ``status_prev`` is known."""
    if not cube.has("status_prev"):
        return _no_data("column status_prev absent", "column_absent", "status_prev")
    frame = cube.frame
    known = mask & frame["status_prev"].notna().to_numpy()
    counted = known & frame["status_prev"].isin(RATE_CLASSES[metric]).fillna(False).to_numpy(
        dtype=bool
    )
    return _share(
        _sum(frame, "n", counted),
        _sum(frame, "n", known),
        "no household of this scope has a status_prev",
    )

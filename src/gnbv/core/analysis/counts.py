"""The report's counts by class: the province, each unit, each group the plan names, each
deprivation, from the sums of household measures (a cube's frame: one row per key with its
count ``n``). Small frames: a few thousand rows at most."""

from __future__ import annotations

import numpy as np
import pandas as pd

from gnbv.core.analysis.classify import CLASSES
from gnbv.core.analysis.cube import Cube
from gnbv.core.analysis.indicators import NO_HOUSEHOLD_IN_SCOPE, compute_metric, scope_mask
from gnbv.core.analysis.report import (
    ClassCounts,
    ClassProfile,
    CoverageRow,
    DeprivationRow,
    DeprivationUnit,
    GroupCounts,
    UnitCounts,
    UnitProfile,
)
from gnbv.core.plan.metrics import METRICS
from gnbv.core.plan.model import Plan, Scope
from gnbv.core.plan.standards import Standard

COVERAGE_METRICS = [
    key for key, spec in METRICS.items() if spec.source == "census" and spec.better == "higher"
]


def class_counts(
    frame: pd.DataFrame, mask: np.ndarray | None = None, measure: str = "n"
) -> ClassCounts:
    """Households by class (cube rows weighted by their count ``n``), or persons by class
    (``measure="persons"``)."""
    rows = frame if mask is None else frame.loc[mask]
    by_class = rows.groupby("class", observed=False)[measure].sum()
    counts = {name: int(by_class.get(name, 0)) for name in CLASSES}
    return ClassCounts(total=sum(counts.values()), **counts)


_PROFILE_MEASURES = ("n", "persons", "merit_yes", "no_labour")


_Key = tuple[str, str, str, str]
"""(district, commune, class: poor, near_poor or other, group: kinh, em or unknown)."""


def unit_profiles(frame: pd.DataFrame) -> list[UnitProfile]:
    """The province, then each district followed by its communes, each with all its
    households, its poor and its near-poor broken down as forms 12 and 13 ask."""
    if frame.empty:
        return []
    sums = _profile_sums(frame)
    has_em = "ethnic_minority" in frame.columns
    measures = {name for row in sums.values() for name in row}

    def profile(keys: list[_Key]) -> ClassProfile:
        def total(measure: str, group: str | None = None) -> int:
            return sum(sums[k].get(measure, 0) for k in keys if group is None or k[3] == group)

        return ClassProfile(
            total("n"),
            total("persons"),
            (total("n", "kinh"), total("persons", "kinh")) if has_em else None,
            (total("n", "em"), total("persons", "em")) if has_em else None,
            total("merit_yes") if "merit_yes" in measures else None,
            total("no_labour") if "no_labour" in measures else None,
        )

    # Each unit's keys, gathered once (a unit's keys searched among all of them, unit by
    # unit, took a twentieth of a second on a province).
    of_district: dict[str, list[_Key]] = {}
    of_commune: dict[tuple[str, str], list[_Key]] = {}
    for key in sums:
        of_district.setdefault(key[0], []).append(key)
        of_commune.setdefault((key[0], key[1]), []).append(key)

    def unit(district: str | None, commune: str | None, mine: list[_Key]) -> UnitProfile:
        poor = [key for key in mine if key[2] == "poor"]
        near = [key for key in mine if key[2] == "near_poor"]
        return UnitProfile(district, commune, profile(mine), profile(poor), profile(near))

    found = [unit(None, None, list(sums))]
    for district in sorted(of_district):
        found.append(unit(district, None, of_district[district]))
        for commune in sorted({key[1] for key in of_district[district]}):
            found.append(unit(district, commune, of_commune[(district, commune)]))
    return [profile for profile in found if profile.everyone.households > 0]


def _profile_sums(frame: pd.DataFrame) -> dict[_Key, dict[str, int]]:
    """The measures forms 12 and 13 need, summed once by :data:`_Key` (a few thousand keys
    at most)."""
    measures = [name for name in _PROFILE_MEASURES if name in frame.columns]
    klass = frame["class"].astype("str")
    em = (
        frame["ethnic_minority"].map({True: "em", False: "kinh"}).fillna("unknown")
        if "ethnic_minority" in frame.columns
        else pd.Series("unknown", index=frame.index)
    )
    small = (
        frame.assign(
            district=frame["district"].astype("str"),
            commune=frame["commune"].astype("str"),
            klass=klass.where(klass.isin(["poor", "near_poor"]), "other"),
            em=em.astype("str"),
        )
        .groupby(["district", "commune", "klass", "em"], sort=True)[measures]
        .sum()
    )
    sums: dict[_Key, dict[str, int]] = {}
    for key, row in small.to_dict("index").items():
        parts: tuple[object, ...] = key  # type: ignore[assignment]
        sums[(str(parts[0]), str(parts[1]), str(parts[2]), str(parts[3]))] = {
            str(name): int(value) for name, value in row.items()
        }
    return sums


def unit_counts(frame: pd.DataFrame, keys: list[str]) -> list[UnitCounts]:
    if frame.empty:
        return []
    tables = []
    for measure in ("n", "persons"):
        grouped = frame.groupby([*keys, "class"], observed=False, sort=True)[measure].sum()
        table = grouped.unstack("class").reindex(columns=list(CLASSES), fill_value=0)
        tables.append(table.fillna(0).astype("int64"))
    households, persons = tables
    kept = (households.sum(axis=1) > 0).to_numpy()
    units = []
    for key, row, people in zip(
        households.index[kept],
        households.to_numpy()[kept].tolist(),
        persons.to_numpy()[kept].tolist(),
        strict=True,
    ):
        district, commune = (key, None) if len(keys) == 1 else key
        counts = ClassCounts(int(sum(row)), *(int(value) for value in row))
        in_persons = ClassCounts(int(sum(people)), *(int(value) for value in people))
        units.append(
            UnitCounts(str(district), None if commune is None else str(commune), counts, in_persons)
        )
    return units


def deprivations_by_district(frame: pd.DataFrame, columns: list[str]) -> list[DeprivationUnit]:
    """Per district, then for the province: deprived poor and near-poor households per
    indicator (the review's forms 4 to 7)."""
    poor_or_near = frame[frame["class"].isin(CLASSES[:2])]
    measures = ["n", *columns]
    sums = poor_or_near.groupby(["district", "class"], observed=True, sort=True)[measures].sum()
    table = [  # (district, class, sums): one row per district and class, few
        (str(district), str(klass), values)
        for (district, klass), values in zip(
            sums.index, sums.to_numpy("int64").tolist(), strict=True
        )
    ]

    def summed(district: str | None, klass: str) -> dict[str, int]:
        rows = [values for d, k, values in table if k == klass and district in (None, d)]
        totals = [sum(column) for column in zip(*rows, strict=True)] or [0] * len(measures)
        return dict(zip(measures, totals, strict=True))

    units = []
    for district in [*sorted({row[0] for row in table}), None]:
        poor, near = summed(district, "poor"), summed(district, "near_poor")
        units.append(DeprivationUnit(district, poor.pop("n"), near.pop("n"), poor, near))
    return units


def group_counts(plan: Plan, frame: pd.DataFrame) -> list[GroupCounts]:
    """Classes among ethnic minority households, in ĐBKK communes (unknown when the census
    has no such column) and in each of the plan's poor districts."""
    groups = []
    for group_id, scope in (
        ("ethnic_minority", Scope(kind="ethnic_minority")),
        ("dbkk_communes", Scope(kind="dbkk_communes")),
    ):
        mask, reason = scope_mask(frame, scope, plan.areas)
        counts = class_counts(frame, mask) if mask is not None else None
        groups.append(GroupCounts(group_id, counts, reason or None))
    for district in plan.areas.poor_districts:
        mask, _ = scope_mask(frame, Scope(kind="district", name=district), plan.areas)
        assert mask is not None
        # A census with no household of the district (another district's own) has no
        # figures for it: no data, not "0 poor households".
        counts = class_counts(frame, mask) if mask.any() else None
        why = None if counts is not None else NO_HOUSEHOLD_IN_SCOPE
        groups.append(GroupCounts(f"poor_district:{district}", counts, why))
    return groups


def deprivation_rows(standard: Standard, frame: pd.DataFrame) -> list[DeprivationRow]:
    """Each indicator of the standard: poor and near-poor households deprived in it."""
    poor = (frame["class"] == "poor").to_numpy()
    near = (frame["class"] == "near_poor").to_numpy()
    households = frame["n"].to_numpy()
    return [
        DeprivationRow(
            indicator.code,
            indicator.column,
            indicator.name_vi,
            indicator.name_en,
            int(frame[indicator.column].to_numpy()[poor].sum()),
            int(frame[indicator.column].to_numpy()[near].sum()),
            int(households[poor].sum()),
            int(households[near].sum()),
        )
        for indicator in standard.indicators
    ]


def coverage_rows(cube: Cube) -> list[CoverageRow]:
    """The province's coverage indicators, whether or not the plan targets them."""
    everyone = np.ones(len(cube.frame), dtype=bool)
    rows = []
    for metric in COVERAGE_METRICS:
        value = compute_metric(metric, cube, everyone)
        share = None if value.value is None else float(value.value)
        rows.append(
            CoverageRow(
                metric, value.numerator, value.denominator, share, value.no_data_reason, value.note
            )
        )
    return rows

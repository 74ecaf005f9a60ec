"""The transitions as the review's tables: the summary in the official order (province,
areas, districts, communes), the districts for the terminal, and the households behind a
count of the province (``compare --list``)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd

from gnbv.core.analysis.transitions import LEVEL_KEYS, SummaryCell, Transitions, categories

FOLLOW_UP = {
    "escaped": ["poor_escaped_to_near_poor", "poor_escaped_above"],
    "fell-back": ["poor_fell_back"],
    "newly-poor": ["poor_from_near_poor", "poor_new", "poor_history_unknown"],
}


def follow_up_list(transitions: Transitions, which: str) -> pd.DataFrame:
    """The households behind a transition count of the province, for the officers who visit
    them: each household once, by what happened to it (one that moved inside the province
    too), with its unit now and, where it differs, then."""
    households = transitions.households
    table = categories(households, [])
    chosen = np.zeros(len(table), dtype=bool)
    names = np.full(len(table), "", dtype=object)
    for category in FOLLOW_UP[which]:
        mask = table[category].to_numpy(dtype=bool)
        chosen |= mask
        names[mask] = category
    picked = households.loc[chosen]
    return (
        pd.DataFrame(
            {
                "household_id": picked["household_id"].to_numpy(),
                "district": picked["district_end"].to_numpy(),
                "commune": picked["commune_end"].to_numpy(),
                "transition": names[chosen],
                "class_start": picked["state_start"].to_numpy(),
                "class_end": picked["state_end"].to_numpy(),
                "deprivations_start": picked["deprivations_start"].to_numpy(),
                "deprivations_end": picked["deprivations_end"].to_numpy(),
                "district_start": picked["district_start"].to_numpy(),
                "commune_start": picked["commune_start"].to_numpy(),
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
    areas the area total, each district and its communes. Each row matches households across
    its own unit (:meth:`Transitions.counts`)."""
    province = transitions.counts([])
    rows = [_row("province", "all", None, None, province.iloc[0])]
    by_area = transitions.counts(LEVEL_KEYS["area"])
    by_district = transitions.counts(LEVEL_KEYS["district"])
    by_commune = transitions.counts(LEVEL_KEYS["commune"])
    names: list[Hashable] = list(by_commune.columns)
    for area in ("urban", "rural"):
        if area not in by_area.index:
            continue
        area_counts = dict(zip(names, by_area.loc[[area]].to_numpy(dtype=np.int64)[0], strict=True))
        rows.append(_row("area", area, None, None, area_counts))
        districts = by_district.xs(area, level="area")
        communes = by_commune.xs(area, level="area")
        for district, counts in districts.iterrows():
            rows.append(_row("district", area, str(district), None, counts))
            part = communes.xs(district, level="district")
            # Plain dicts from one integer array: a Series per commune (iterrows) costs a
            # tenth of a second on a province.
            each = part.to_numpy(dtype=np.int64).tolist()
            for commune, cells in zip(part.index, each, strict=True):
                rows.append(
                    _row(
                        "commune",
                        area,
                        str(district),
                        str(commune),
                        dict(zip(names, cells, strict=True)),
                    )
                )
    return rows


def district_rows(transitions: Transitions) -> list[dict[str, SummaryCell]]:
    """Districts with both areas together, then the province: for the terminal."""
    totals = transitions.counts(["district"])
    rows = [_row("district", "all", str(name), None, counts) for name, counts in totals.iterrows()]
    rows.append(_row("province", "all", None, None, transitions.counts([]).iloc[0]))
    return rows

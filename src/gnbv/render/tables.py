"""The report's tables as plain rows with Vietnamese or English headers, for CSV.

Each column has a kind, so that a writer stores numbers as numbers with the right format:
``int`` counts, ``pct`` rates in percent (2.63 means 2.63 %), ``num`` points, ``text``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from gnbv.core.analysis.report import CheckReport
from gnbv.core.analysis.transition_tables import summary_rows
from gnbv.core.analysis.transitions import CATEGORIES
from gnbv.core.contract.columns import COLUMN_SPECS
from gnbv.render.labels import column_label, label, no_data_text, scope_text, total_row_name
from gnbv.render.labels.reasons import WORDS_REASONS
from gnbv.render.numbers import Lang

Kind = Literal["text", "int", "pct", "num"]
Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind


@dataclass(frozen=True)
class PlainTable:
    title: str
    columns: list[Column]
    rows: list[list[Cell]]


def csv_rows(table: PlainTable) -> list[list[str]]:
    """The table's cells as CSV text, header first: counts as integers, rates and points
    rounded to two decimals as the tables show them (full precision is in the JSON)."""

    def cell(value: Cell, kind: Kind) -> str:
        if value is None:
            return ""
        if isinstance(value, int) or (kind == "int" and isinstance(value, float)):
            return str(int(value))
        if kind in ("pct", "num") and isinstance(value, int | float):
            return f"{value:.2f}"
        return str(value)

    header = [column.header for column in table.columns]
    duplicated = {name for name in header if header.count(name) > 1}
    assert not duplicated, f"two columns share a header: {sorted(duplicated)}"
    body = [
        [cell(value, column.kind) for value, column in zip(row, table.columns, strict=True)]
        for row in table.rows
    ]
    return [header, *body]


def _f(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def targets_table(report: CheckReport, lang: Lang) -> PlainTable:
    columns = [
        Column(label("id", lang), "text"),
        Column(label("target_text", lang), "text"),
        Column(label("metric", lang), "text"),
        Column(label("scope", lang), "text"),
        Column(label("baseline", lang), "num"),
        Column(label("baseline_source", lang), "text"),
        Column(label("target", lang), "num"),
        Column(label("actual", lang), "num"),
        Column(label("gap", lang), "num"),
        Column(label("gap_count", lang), "int"),
        Column(label("status", lang), "text"),
        Column(label("no_data_reason", lang), "text"),
        Column(label("note", lang), "text"),
    ]
    rows: list[list[Cell]] = []
    for result in report.targets:
        target = result.target
        counted = target.spec.unit == "households" and target.measure == "level"
        source = result.baseline_source
        rows.append(
            [
                target.id,
                target.text_vi if lang == "vi" else target.label_en,
                target.spec.label_vi if lang == "vi" else target.spec.label_en,
                scope_text(target.scope, lang),
                _f(result.baseline),
                label(f"src_{source}", lang) if source else None,
                int(result.threshold) if counted else float(result.threshold),
                (int(result.actual) if counted else float(result.actual))
                if result.actual is not None
                else None,
                _f(result.gap_points),
                result.gap_count,
                label(f"status_{result.status}", lang),
                no_data_text(result, lang) if result.status == "no_data" else None,
                label("unreachable_why", lang) if not result.reachable else result.note,
            ]
        )
    return PlainTable(label("sheet_targets", lang), columns, rows)


_POOR_FLOW = [
    "poor_start",
    "poor_escaped_to_near_poor",
    "poor_escaped_above",
    "poor_left",
    "poor_from_near_poor",
    "poor_fell_back",
    "poor_new",
    "poor_arrived",
    "poor_end",
]
_NEAR_FLOW = [
    "near_poor_start",
    "near_poor_escaped",
    "near_poor_to_poor",
    "near_poor_left",
    "near_poor_from_poor",
    "near_poor_fell_back",
    "near_poor_new",
    "near_poor_arrived",
    "near_poor_end",
]


def _with_em(names: list[str], rate: str) -> list[str]:
    """Each count followed by its ethnic-minority count; the end rate after the end count."""
    columns: list[str] = []
    for name in names:
        columns.append(name)
        if name.endswith("_end"):
            columns.append(rate)
        columns.append(f"{name}_em")
    return columns


SUMMARY_COLUMNS = [
    "households_end",
    "households_end_em",
    *_with_em(_POOR_FLOW, "poverty_rate_end"),
    *_with_em(_NEAR_FLOW, "near_poverty_rate_end"),
]


def _summary_header(name: str, lang: Lang) -> str:
    if name in ("poverty_rate_end", "near_poverty_rate_end"):
        return label(name.removesuffix("_end"), lang)
    base = name.removesuffix("_em")
    text = CATEGORIES[base] if lang == "vi" else base.replace("_", " ")
    return f"{text} ({label('of_which_em', lang)})" if name.endswith("_em") else text


def summary_table(report: CheckReport, lang: Lang) -> PlainTable | None:
    if report.transitions is None:
        return None
    columns = [Column(label("unit", lang), "text"), Column(label("area", lang), "text")]
    columns += [
        Column(_summary_header(name, lang), "pct" if "rate" in name else "int")
        for name in SUMMARY_COLUMNS
    ]
    rows: list[list[Cell]] = []
    for row in summary_rows(report.transitions):
        level = str(row["level"])
        if level == "province":
            name = total_row_name(report, lang)
        elif level == "area":
            name = label(f"area_{row['area']}", lang)
        elif level == "district":
            name = f"  {row['district']}"
        else:
            name = f"    {row['commune']}"
        area = "" if row["area"] == "all" else label(f"area_{row['area']}", lang)
        rows.append([name, area, *(row[column] for column in SUMMARY_COLUMNS)])
    return PlainTable(label("sheet_summary", lang), columns, rows)


FOLLOW_UP_HEADERS = {
    "household_id": "form_household_id",
    "district": "district",
    "commune": "list_commune",
    "transition": "list_transition",
    "class_start": "list_class_start",
    "class_end": "list_class",
    "deprivations_start": "list_deprivations_start",
    "deprivations_end": "list_deprivations",
    "district_start": "list_district_start",
    "commune_start": "list_commune_start",
}


def follow_up_table(listing: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The households behind a transition count, headed and worded for a person."""
    out = listing.copy()
    out["transition"] = [label(f"flow_{name}", lang) for name in listing["transition"]]
    for column in ("class_start", "class_end"):
        out[column] = [label(f"class_{value}", lang) for value in listing[column]]
    for column in ("deprivations_start", "deprivations_end"):  # counts: 7, never 7.0
        out[column] = pd.to_numeric(listing[column], errors="coerce").astype("Int64")
    return out.rename(columns={key: label(name, lang) for key, name in FOLLOW_UP_HEADERS.items()})


CLASSIFICATION_HEADERS = {
    "household_id": "form_household_id",
    "district": "district",
    "commune": "list_commune",
    "area": "area",
    "income_per_capita": "list_income",
    "deprivations": "list_deprivations",
    "class": "list_class",
}


def classification_for_people(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """``gnbv classify``'s table with headers, areas and classes in words."""
    out = frame.copy()
    if len(frame):
        out["area"] = [label(f"area_short_{value}", lang) for value in frame["area"]]
        out["class"] = [label(f"class_{value}", lang) for value in frame["class"].astype("str")]
    return out.rename(
        columns={key: label(name, lang) for key, name in CLASSIFICATION_HEADERS.items()}
    )


@dataclass(frozen=True)
class RejectsWording:
    """The rejects file for a person: its columns headed in their words and each reason
    said in words, the reason codes kept in a column of their own (``reason_codes``).

    ``headings`` heads the columns ``row``, ``reasons``, ``reason_codes``, ``raw_line`` and
    the census's (by canonical name); ``reasons`` words each reason code.
    """

    headings: Mapping[str, str]
    reasons: Mapping[str, str]


REJECTS_HEADINGS = {
    "row": "rejects_row",
    "reasons": "rejects_reasons",
    "reason_codes": "rejects_reason_codes",
    "raw_line": "rejects_raw_line",
}


def rejects_wording(lang: Lang) -> RejectsWording:
    """The rejects file for a person: the census's columns under their own headers ("Mã hộ",
    which gnbv reads back), each reason in words beside its code."""
    headings = {key: label(name, lang) for key, name in REJECTS_HEADINGS.items()}
    headings |= {name: column_label(name, lang) for name in COLUMN_SPECS}
    reasons = {
        key.removeprefix("reason_"): label(key, lang)
        for key in WORDS_REASONS
        if key.startswith("reason_")
    }
    return RejectsWording(headings=headings, reasons=reasons)

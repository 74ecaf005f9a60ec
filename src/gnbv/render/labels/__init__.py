"""Every label gnbv shows a person, in Vietnamese (default) and English.

The catalogue is one dictionary of words, kept in parts by where they are shown: ``report``
(plan, budget, check), ``forms`` (the workbooks), ``progress`` (the progress workbook and
household lists), ``reasons`` (a row set aside), ``file_errors`` (a census file that cannot
be read), ``errors`` (other errors that stop a run), ``usage`` (options that do not agree)
and ``messages`` (a file's rules, warnings, messages on stderr). A key is in one part only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gnbv.render.labels.errors import WORDS_ERRORS
from gnbv.render.labels.file_errors import WORDS_FILE_ERRORS
from gnbv.render.labels.forms import WORDS_FORMS
from gnbv.render.labels.messages import WORDS_MESSAGES
from gnbv.render.labels.progress import WORDS_PROGRESS
from gnbv.render.labels.reasons import WORDS_REASONS
from gnbv.render.labels.report import WORDS_REPORT
from gnbv.render.labels.usage import WORDS_USAGE
from gnbv.render.numbers import Lang, fmt_int, fmt_num, fmt_pct

if TYPE_CHECKING:
    from gnbv.core.analysis.report import CheckReport, InputSummary, ReportWarning
    from gnbv.core.analysis.targets import TargetResult
    from gnbv.core.plan.model import Scope
    from gnbv.core.programme.progress_contract import Problem

CATALOGUE_PARTS = (
    WORDS_REPORT,
    WORDS_FORMS,
    WORDS_PROGRESS,
    WORDS_REASONS,
    WORDS_FILE_ERRORS,
    WORDS_ERRORS,
    WORDS_MESSAGES,
    WORDS_USAGE,
)
_LABELS: dict[str, tuple[str, str]] = {
    key: words for part in CATALOGUE_PARTS for key, words in part.items()
}


def has_label(key: str) -> bool:
    return key in _LABELS


def label(key: str, lang: Lang, **values: object) -> str:
    vi, en = _LABELS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text


def warning_text(warning: ReportWarning, lang: Lang) -> str:
    """A report's warning in the reader's words, its numbers written as the language writes
    them (on screen and in the printed forms alike)."""
    params = {
        name: fmt_int(value, lang)
        if isinstance(value, int) and not isinstance(value, bool)
        else fmt_num(value, lang, 1)
        if isinstance(value, float)
        else value
        for name, value in warning.params.items()
    }
    return label(warning.key, lang, **params)


def warning_sentence(warning: ReportWarning, lang: Lang) -> str:
    """A warning as a sentence of its own (a note under a printed form)."""
    text = warning_text(warning, lang)
    return text[:1].upper() + text[1:]


def total_row_name(report: CheckReport, lang: Lang) -> str:
    """The name of a table's total row: the province, or, for a census without some of the
    plan's districts (a district office's file), the file's total."""
    return label("scope_province" if report.whole_province else "census_total", lang)


NAMES_SHOWN = 3
"""Units a no-data reason names in a table cell, at most."""


def no_data_text(result: TargetResult, lang: Lang) -> str:
    """Why a target has no data, in the reader's language."""
    code, detail = result.no_data_code, result.no_data_detail or ""
    if code is None:
        return result.no_data_reason or ""
    if code == "outside_census":
        detail = label(f"source_{detail}", lang)
    if code == "districts_absent":  # the JSON lists them all; a table cell the first ones
        names = detail.split(", ")
        shown = ", ".join(names[:NAMES_SHOWN]) + (", …" if len(names) > NAMES_SHOWN else "")
        return label("nodata_districts_absent", lang, count=len(names), names=shown)
    return label(f"nodata_{code}", lang, detail=detail)


def problem_words(problem: Problem, lang: Lang) -> tuple[str, str, str, str]:
    """A row set aside in the progress workbook as its reader knows it: the sheet and the
    column by the template's names (``Giải ngân``, ``Giải ngân lũy kế (triệu đồng)``), the
    reason in words; in English, by their canonical names."""
    from gnbv.core.programme.progress_contract import COLUMNS, SHEET_NAMES

    sheet, column = problem.sheet, problem.column
    if lang == "vi":
        sheet = SHEET_NAMES.get(problem.sheet, (sheet,))[0]
        headers = dict(COLUMNS.get(problem.sheet, []))
        column = headers[column][0] if column in headers else column
    return sheet, str(problem.row), column, progress_reason(problem.reason, lang)


def skipped_progress_rows(skipped: list[tuple[str, int]], lang: Lang) -> str:
    """The rows without data a progress workbook's tables had under them, sheet by sheet:
    "Giải ngân: dòng 89–92; Tập huấn cán bộ: dòng 40–45"."""
    from gnbv.core.programme.progress_contract import SHEET_NAMES

    sheets: dict[str, list[int]] = {}
    for sheet, row in skipped:
        sheets.setdefault(sheet, []).append(row)
    where = "; ".join(
        label(
            "p_sheet_rows",
            lang,
            sheet=SHEET_NAMES.get(sheet, (sheet,))[0] if lang == "vi" else sheet,
            rows=rows_words(rows, lang),
        )
        for sheet, rows in sheets.items()
    )
    return label("p_read_no_data", lang, where=where)


def progress_reason(reason: str, lang: Lang) -> str:
    """Why a row of the progress workbook is set aside, in words (the reasons it shares with
    the census in the census's words)."""
    key = next((key for key in (f"p_reason_{reason}", f"reason_{reason}") if key in _LABELS), None)
    return label(key, lang) if key is not None else reason


def progress_json_labels(document: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The words for the codes of a progress check's JSON, as :func:`json_labels` gives them
    for a census check."""
    reasons = {str(problem["reason"]) for problem in document["input"]["problems"]}
    statuses = {str(target.get("status")) for target in document.get("targets", [])}
    return {
        "lang": lang,
        "status": {key: label(f"status_{key}", lang) for key in sorted(statuses) if key},
        "reasons": {key: progress_reason(key, lang) for key in sorted(reasons)},
    }


def scope_text(scope: Scope, lang: Lang) -> str:
    """Where a target is measured, as the tables say it: "Toàn tỉnh", "Huyện Sơn Động"."""
    if scope.kind == "district":
        return f"{label('scope_district', lang)} {scope.name}"
    return label(f"scope_{scope.kind}", lang)


OPERATOR_SIGNS = {"<=": "≤", ">=": "≥", "==": "=", "<": "<", ">": ">"}
"""A target's comparison as a reader writes it (the plan file's ``<=`` is ``≤``)."""


def target_value_text(result: TargetResult, lang: Lang) -> str:
    """What a target asks, as the tables and forms show it: "≤ 1,80%", "giảm ≥ 5,00"."""
    target = result.target
    if target.measure == "reduction_points":
        op = "≥" if target.op == ">=" else ">"
        return f"{label('reduction', lang)} {op} {fmt_num(float(result.threshold), lang)}"
    op = OPERATOR_SIGNS[target.op]
    if target.spec.unit == "households":
        return f"{op} {fmt_int(int(result.threshold), lang)}"
    return f"{op} {fmt_pct(float(result.threshold), lang)}"


def column_label(name: str, lang: Lang) -> str:
    """A census column as its users know it: the Vietnamese header (and the canonical name
    in English)."""
    from gnbv.core.contract.columns import COLUMN_SPECS

    spec = COLUMN_SPECS.get(name)
    if lang == "en" or spec is None or not spec.vietnamese:
        return name
    text = " ".join(ACRONYMS.get(word, word) for word in spec.vietnamese[0].split(" "))
    return text[0].upper() + text[1:]


ACRONYMS = {"đbkk": "ĐBKK", "bhyt": "BHYT"}
"""Words of the contract's headers (kept in lower case, as headers are matched) that are
written in capitals."""


def reading_notes(inp: InputSummary, lang: Lang) -> list[str]:
    """What the reader decided about the file, in words (nothing for a plain census)."""
    return reading_notes_of(inp.to_dict(), lang)


def reading_notes_of(inp: dict[str, Any], lang: Lang) -> list[str]:
    """:func:`reading_notes` from the report's JSON ``input`` block."""
    notes = []
    for decision in inp.get("decisions", []):
        code = decision["code"]
        if code == "workbook_named_otherwise":
            kind, suffix = f".{decision['kind']}", decision["suffix"]
            key = "read_workbook_named_otherwise" if suffix else "read_workbook_without_suffix"
            notes.append(label(key, lang, suffix=suffix, kind=kind))
        elif code == "web_page_named_as_workbook":
            notes.append(label("read_web_page_named_as_workbook", lang, suffix=decision["suffix"]))
        elif code == "text_named_as_workbook":
            notes.append(label("read_text_named_as_workbook", lang, suffix=decision["suffix"]))
        elif code == "header_row":
            rows = rows_words(decision["rows"], lang)
            notes.append(label("read_header_row", lang, rows=rows))
        elif code == "column_numbers_row":
            notes.append(label("read_column_numbers_row", lang, row=decision["row"]))
        elif code == "thousands_separator":
            notes.append(
                label(
                    "read_thousands_separator",
                    lang,
                    column=column_label(decision["column"], lang),
                    separator=decision["separator"],
                )
            )
        elif code == "units_in_cells":
            columns = ", ".join(column_label(name, lang) for name in decision["columns"])
            notes.append(label("read_units_in_cells", lang, columns=columns))
        elif code == "merged_cells":
            columns = ", ".join(column_label(name, lang) for name in decision["columns"])
            notes.append(label("read_merged_cells", lang, columns=columns))
        elif code == "header_cells_excel_error":
            cells = ", ".join(f"{cell['column']} ({cell['shown']})" for cell in decision["cells"])
            notes.append(label("read_header_cells_excel_error", lang, cells=cells))
        elif code == "ticks":
            columns = ", ".join(column_label(name, lang) for name in decision["columns"])
            notes.append(label("read_ticks", lang, count=len(decision["columns"]), columns=columns))
    skipped = inp.get("skipped_rows", [])
    for reason, key in (
        ("totals_row", "read_totals_rows"),
        ("repeated_header", "read_repeated_headers"),
        ("no_household", "read_no_household"),
    ):
        numbers = [row["row"] for row in skipped if row["reason"] == reason]
        if numbers:
            notes.append(label(key, lang, rows=rows_words(numbers, lang)))
    return notes


def rows_words(rows: list[int], lang: Lang) -> str:
    """``dòng 40–42, 45``; in English ``row 7`` for one row, ``rows 40–42, 45`` for more."""
    word = "dòng" if lang == "vi" else "row" if len(set(rows)) == 1 else "rows"
    return f"{word} {row_ranges(rows)}"


def row_ranges(rows: list[int]) -> str:
    """Row numbers as a person reads them: ``40–42, 45`` (a template's 300 blank rows in
    one range)."""
    spans: list[list[int]] = []
    for row in sorted(rows):
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def json_labels(document: dict[str, Any], lang: Lang, report: CheckReport) -> dict[str, Any]:
    """The words for the codes of a check's JSON, for a person who reads it: the JSON keeps
    its stable English codes and texts, and this block says them in ``lang`` (the warnings
    in their order, why each target with no data has none)."""
    reasons = {
        str(problem["reason"]) for problem in document.get("input", {}).get("problems", [])
    } | set(document.get("input", {}).get("invalid_by_reason", {}))
    statuses = {str(target.get("status")) for target in document.get("targets", [])}
    return {
        "lang": lang,
        "classes": {key: label(key, lang) for key in ("poor", "near_poor", "middle", "non_poor")},
        "status": {key: label(f"status_{key}", lang) for key in sorted(statuses) if key},
        "reasons": {key: label(f"reason_{key}", lang) for key in sorted(reasons)},
        "reading": reading_notes_of(document.get("input", {}), lang),
        "warnings": [warning_text(warning, lang) for warning in report.warnings],
        "no_data": {
            result.target.id: no_data_text(result, lang)
            for result in report.targets
            if result.status == "no_data"
        },
    }

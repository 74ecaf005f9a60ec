"""Read the programme's progress workbook as an office fills it in, or the same tables as
CSV files in one folder.

Each sheet is found by its Vietnamese or canonical name; its header row is found under any
title rows (the first row where two or more cells are headers the contract knows); a row of
column numbers ``(1) (2) …`` under it, blank rows and a totals row (``Tổng cộng``, ``Cộng``,
``Tổng số``) are skipped. Cells are returned as they are (numbers as numbers, dates as dates,
text as text; every cell of a CSV file is text), with their row numbers as Excel or the
file numbers them: :func:`gnbv.core.programme.progress.validate_progress`
decides what they mean.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from gnbv.core.programme.progress_contract import COLUMNS, OPTIONAL_COLUMNS, SHEET_NAMES, RawRow
from gnbv.errors import CensusReadError
from gnbv.read.merged import MergedCells, MergedRange
from gnbv.read.source import EXCEL_SUFFIXES
from gnbv.read.text import open_text_source
from gnbv.read.xlsx import damaged_sheet, open_workbook, sheet_values

T = TypeVar("T")
HEADER_SEARCH_ROWS = 30
PROGRESS_SUFFIXES = EXCEL_SUFFIXES
"""Workbooks (a CSV file is refused with a message: a folder of them is read)."""
TOTAL_WORDS = ("tổng cộng", "cộng", "tổng số", "total")


def _fold(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _header_positions(row: tuple[Any, ...], sheet: str) -> dict[int, str]:
    names = {
        _fold(alias): canonical
        for canonical, aliases in COLUMNS[sheet]
        for alias in (canonical, *aliases)
    }
    return {index: names[_fold(cell)] for index, cell in enumerate(row) if _fold(cell) in names}


def _numbers_row(row: tuple[Any, ...]) -> bool:
    cells = [_fold(cell) for cell in row if cell is not None and _fold(cell)]
    return bool(cells) and all(re.fullmatch(r"\(?\d+\)?", cell) for cell in cells)


def _read_sheet(
    rows: list[tuple[Any, ...]],
    sheet: str,
    path: Path,
    title: str,
    merged: list[MergedRange] | None = None,
) -> list[RawRow]:
    """The rows of one table under its header (found among the first rows), numbered as the
    sheet numbers them; blank, column-number and totals rows skipped; a cell merged over
    several rows (``merged``, a workbook's) given to each of them."""
    found_header = next(
        (
            (index, positions)
            for index, row in enumerate(rows[:HEADER_SEARCH_ROWS])
            if len(positions := _header_positions(row, sheet)) >= min(2, len(COLUMNS[sheet]))
        ),
        None,
    )
    if found_header is None:
        known = ", ".join(aliases[0] for _, aliases in COLUMNS[sheet])
        raise CensusReadError(
            f"{path}: sheet {title!r}: no header row found in its first {HEADER_SEARCH_ROWS} rows",
            hint=f"the sheet's columns are: {known} (gnbv progress template writes them)",
            key="err_progress_no_header",
            params={"path": path, "sheet": title, "rows": HEADER_SEARCH_ROWS, "columns": known},
        )
    header_index, positions = found_header
    _refuse_missing_columns(rows[header_index], positions, sheet, path, title)
    found: list[RawRow] = []
    filled = MergedCells(merged or [], header_index + 2)  # Excel's first row under the header
    for index in range(header_index + 1, len(rows)):
        written = rows[index]
        row = tuple(filled.fill(index + 1, list(written)))
        if all(cell is None or _fold(cell) == "" for cell in written):
            continue
        if _numbers_row(row):
            continue
        first_text = next((_fold(cell) for cell in row if isinstance(cell, str)), "")
        if first_text in TOTAL_WORDS:
            continue
        cells = {name: row[position] for position, name in positions.items() if position < len(row)}
        found.append((index + 1, cells))  # Excel's row number
    return found


def _refuse_missing_columns(
    header: tuple[Any, ...], positions: dict[int, str], sheet: str, path: Path, title: str
) -> None:
    """A sheet whose header lacks a column the contract does not call optional: refused,
    naming the template's header of each and the sheet's headers gnbv did not recognise (a
    column renamed: ``Đã giải ngân (đồng)`` for ``Giải ngân lũy kế (triệu đồng)``)."""
    optional = OPTIONAL_COLUMNS.get(sheet, frozenset())
    found = set(positions.values())
    missing = [
        aliases[0] for name, aliases in COLUMNS[sheet] if name not in found and name not in optional
    ]
    if not missing:
        return
    others = [
        str(cell).strip()
        for index, cell in enumerate(header)
        if index not in positions and _fold(cell) and not _numbers_row((cell,))
    ]
    columns = ", ".join(repr(name) for name in missing)
    unrecognised = ", ".join(repr(name) for name in others) or "—"
    raise CensusReadError(
        f"{path}: sheet {title!r}: no column {columns}",
        hint=f"add it, or give the column that holds it this header (columns not recognised:"
        f" {unrecognised})",
        key="err_progress_missing_columns",
        params={"path": path, "sheet": title, "columns": columns, "others": unrecognised},
    )


def read_progress(path: Path) -> dict[str, list[RawRow]]:
    """The rows of each sheet of the progress workbook at ``path`` (or of each CSV file of
    the folder at ``path``), by canonical sheet name."""
    if not path.exists():
        raise CensusReadError(
            f"{path}: no such file", hint="check the path", key="err_no_file", params={"path": path}
        )
    if path.is_dir():
        return _read_folder(path)
    if path.suffix.lower() not in PROGRESS_SUFFIXES:
        raise CensusReadError(
            f"{path}: the progress file must be an Excel workbook (.xlsx, .xls) or a folder of "
            "CSV files",
            hint="fill the workbook that gnbv progress template writes",
            key="err_progress_not_xlsx",
            params={"path": path},
        )
    return _read_workbook(path)


def _read_workbook(path: Path) -> dict[str, list[RawRow]]:
    """The workbook's sheets through calamine, as a census workbook is read (.xlsx, and the
    .xls of Excel 97-2003 an office may save it as)."""
    workbook = open_workbook(path)

    def read(sheet: str, title: str) -> list[RawRow]:
        try:
            rows, merged = sheet_values(path, workbook, title)
        except Exception as error:  # a damaged sheet inside a readable workbook
            raise damaged_sheet(path, title, error) from None
        return _read_sheet(rows, sheet, path, title, merged)

    return _tables(path, {_fold(title): title for title in workbook.sheet_names}, read)


def _read_folder(path: Path) -> dict[str, list[RawRow]]:
    """The same tables as CSV files in one folder, each named as its sheet (``Giải
    ngân.csv`` or ``disbursement.csv``), in any encoding and delimiter gnbv reads a census
    in; rows numbered as the file's lines."""
    files = {
        _fold(file.stem): file for file in sorted(path.iterdir()) if file.suffix.lower() == ".csv"
    }
    return _tables(
        path, files, lambda sheet, file: _read_sheet(_csv_rows(file), sheet, file, file.name)
    )


def _tables(
    path: Path, available: Mapping[str, T], read: Callable[[str, T], list[RawRow]]
) -> dict[str, list[RawRow]]:
    """Each table of the contract found among ``available`` (by its Vietnamese or canonical
    name, folded) and read; the report table must be there, any other may be absent."""
    sheets: dict[str, list[RawRow]] = {}
    for sheet, names in SHEET_NAMES.items():
        found = next((available[_fold(name)] for name in names if _fold(name) in available), None)
        if found is None:
            _refuse_without_report(path, sheet)
            continue
        sheets[sheet] = read(sheet, found)
    return sheets


def _csv_rows(path: Path) -> list[tuple[Any, ...]]:
    """A CSV file's rows, its cells as text (blank ones None, as a workbook gives them), in
    NFC (cp1258 writes tone marks apart: ``Bắc`` as ``Bă`` and a combining acute)."""
    text = open_text_source(path)
    written = text.read_all()
    written = unicodedata.normalize("NFC", written)
    rows = csv.reader(io.StringIO(written, newline=""), delimiter=text.delimiter)
    return [tuple(cell if cell.strip() else None for cell in row) for row in rows]


def _refuse_without_report(path: Path, sheet: str) -> None:
    """Every other sheet may be absent; the report sheet (province, year, date) may not."""
    if sheet == "report":
        names = SHEET_NAMES[sheet]
        raise CensusReadError(
            f"{path}: no sheet {names[0]!r} (or {names[1]!r})",
            hint="it says the province, the plan year and the date of the figures",
            key="err_progress_no_report",
            params={"path": path, "sheet": names[0]},
        )

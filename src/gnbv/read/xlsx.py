"""Excel workbooks (.xlsx), read with calamine: the sheet's header found under its title rows,
rows numbered as Excel numbers them, every cell as text."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa

from gnbv.core.contract.columns import COLUMN_SPECS
from gnbv.core.contract.conventions import conventions_of
from gnbv.core.contract.mapping import ColumnMapping
from gnbv.core.contract.not_households import with_totals_labels_as_ids
from gnbv.errors import CensusReadError
from gnbv.read.cells import as_excel_shows, blank, cell_text, is_number, texts
from gnbv.read.columns import beside_the_id, map_header, table_layout
from gnbv.read.layout import ROWS_LOOKED_AT, TableLayout
from gnbv.read.merged import MergedCells, MergedRange
from gnbv.read.ods import ods_marks
from gnbv.read.scan import file_sha256
from gnbv.read.sheets import refuse_other_sheet, refuse_several_censuses, sheet_title
from gnbv.read.source import (
    EXCEL_SUFFIXES,
    WORKBOOK_KIND_OF_SUFFIX,
    CensusBatch,
    CensusStream,
    file_described,
    named_as_workbook,
    workbook_kind,
)
from gnbv.read.web_page import WebPage, WebPageSheet, read_web_page
from gnbv.read.xls_errors import is_xls, xls_error_cells
from gnbv.read.xlsx_errors import SheetMarks, sheet_marks, with_errors_shown

XLSX_BATCH_ROWS = 5_000
"""Sheet rows handed over at a time (the progress bar moves, memory stays per batch)."""


def open_xlsx(
    path: Path, required: list[str], *, sheet: str | None, mapping: ColumnMapping | None
) -> CensusStream:
    """A workbook's sheet through calamine (a reader in Rust: a 50,000-row sheet in about a
    second, where openpyxl cell by cell took 13 s), its header found among the first rows."""
    digest = file_sha256(path)
    workbook, title, rows, merged_ranges, uncomputed, damaged = _open_sheet(path, sheet)
    try:
        head_values = list(islice(rows, ROWS_LOOKED_AT))
    except Exception as error:  # a damaged sheet inside a readable zip
        raise damaged(error) from None
    layout, renames = _header(path, workbook, title, head_values, required, sheet, mapping)
    _refuse_uncomputed(path, title, layout, renames, uncomputed)
    below_header = chain(head_values[layout.rows_before_data :], rows)
    merged = MergedCells(merged_ranges, layout.first_data_row)
    numbers_kept: list[dict[str, np.ndarray]] = []
    batches = _batches(below_header, layout, renames, merged, damaged, numbers_kept)
    page = isinstance(workbook, WebPage)  # the page's title, if any, is no sheet's name
    source = file_described(
        path, "html" if page else "xlsx", sha256=digest, sheet=None if page else title
    )
    # The whole column decides its conventions, wherever its cells are written so: the
    # sheet is parsed whole anyway, and its batches (Arrow text, a fraction of that) are
    # read first, then handed over.
    read = list(batches)
    frames = [
        _typed_text(batch.table, kept) for batch, kept in zip(read, numbers_kept, strict=True)
    ]
    written = layout.texts_of(renames)
    conventions = conventions_of(pl.concat(frames, how="vertical"), required, written)
    return CensusStream(
        source,
        iter(read),
        renames,
        parser="xlsx",
        layout=layout,
        conventions=conventions,
        merged_columns=merged.columns_named(layout.header, renames),
    )


def _refuse_uncomputed(
    path: Path,
    title: str,
    layout: TableLayout,
    renames: dict[str, str],
    uncomputed: list[tuple[int, int, str]],
) -> None:
    """A sheet whose census cells hold formulas without their values (a workbook a program
    wrote and no one opened in Excel) is refused: each would be read blank, a household's
    count or income missing, where Excel shows a figure."""
    read = {
        number
        for number, name in enumerate(layout.header)
        if name in renames and renames[name] in COLUMN_SPECS
    }
    cells = [
        (row, column, cell)
        for row, column, cell in uncomputed
        if row >= layout.first_data_row and column in read
    ]
    if not cells:
        return
    _, column, cell = min(cells)
    raise CensusReadError(
        f"{path}: sheet {title!r}: {len(cells)} cells of the census (the first {cell}, column "
        f"{layout.header[column]!r}) hold formulas whose values the file does not keep (written "
        "by a program, never computed): they would be read blank",
        hint="open the workbook in Excel (or LibreOffice), save it, and run again",
        key="err_xlsx_uncomputed",
        params={
            "path": path,
            "sheet": title,
            "count": len(cells),
            "cell": cell,
            "column": layout.header[column],
        },
    )


def _header(
    path: Path,
    workbook: Any,
    title: str,
    head_values: list[list[Any]],
    required: list[str],
    sheet: str | None,
    mapping: ColumnMapping | None,
) -> tuple[TableLayout, dict[str, str]]:
    """The sheet's layout and its columns' canonical names, found among its first rows; a
    sheet not named (``sheet`` None) with no census on it, or a workbook with a census on
    another sheet too, is refused with the sheet to name."""
    head = [texts(values) for values in head_values]
    layout = table_layout(
        path, [row if any(c.strip() for c in row) else [] for row in head], mapping
    )
    try:
        if not any(any(cell.strip() for cell in row) for row in head):
            raise CensusReadError(
                f"{path}: the sheet {title!r} is empty",
                hint="the first row must be the header",
                key="err_empty_sheet",
                params={"path": path, "sheet": title},
            )
        renames = map_header(path, layout.header, required, mapping, layout.header_errors)
    except CensusReadError as error:
        # No census on the first sheet: on another one (after a guide)?
        if sheet is None and error.key in (
            "err_empty_sheet",
            "err_missing_columns",
            "err_missing_columns_header_error",
        ):
            refuse_other_sheet(path, workbook, title, required, mapping)
        raise
    if sheet is None:
        refuse_several_censuses(path, workbook, title, required, mapping)
    return layout, renames


def _open_sheet(
    path: Path, sheet: str | None
) -> tuple[
    Any,
    str,
    Iterator[list[Any]],
    list[MergedRange],
    list[tuple[int, int, str]],
    Callable[[Exception], CensusReadError],
]:
    """The workbook, the sheet's name, its rows from Excel's row 1 (blank ones too, so that a
    row's number is its place + 1, as Excel numbers it), its merged cells, its formulas
    without a value, and the refusal of a sheet damaged inside."""

    workbook = open_workbook(path)
    names = workbook.sheet_names
    title = sheet_title(path, names, sheet)

    def damaged(error: Exception) -> CensusReadError:
        return damaged_sheet(path, title, error)

    try:
        worksheet = workbook.get_sheet_by_name(title)
        rows, merged, uncomputed = _rows_and_merged_cells(path, names.index(title), worksheet)
        return workbook, title, rows, merged, uncomputed, damaged
    except Exception as error:
        raise damaged(error) from None


def open_workbook(path: Path) -> Any:
    """The workbook through calamine (.xlsx, .xls), or its refusal (damaged, not one)."""
    from python_calamine import CalamineWorkbook, PasswordError

    if named_as_workbook(path) == "web_page":  # an "export to Excel" that is an HTML table
        return read_web_page(path)
    try:
        try:
            return CalamineWorkbook.from_path(str(path))
        except PasswordError:
            raise
        except Exception:
            # calamine reads by the name: an .xls saved under an .xlsx name (or the other
            # way), which Excel opens after a warning, or a workbook named .csv, is read by
            # its bytes
            kind = workbook_kind(path)
            if kind is None or WORKBOOK_KIND_OF_SUFFIX.get(path.suffix.lower()) == kind:
                raise
            with path.open("rb") as handle:
                return CalamineWorkbook.from_filelike(handle)
    except PasswordError:  # encrypted: opening it again in Excel keeps the password
        raise CensusReadError(
            f"{path}: the workbook is protected by a password (encrypted): it cannot be read",
            hint="open it in Excel, remove the password (File > Info > Protect Workbook > "
            "Encrypt with Password: leave it empty) and save it",
            key="err_xlsx_password",
            params={"path": path},
        ) from None
    except Exception as error:  # calamine raises several types on a damaged workbook
        if path.suffix.lower() not in EXCEL_SUFFIXES:
            raise _not_a_csv_file(path) from None
        raise CensusReadError(
            f"{path}: not a readable Excel workbook (damaged, or not a workbook; "
            f"{type(error).__name__})",
            hint="open it in Excel and save it again as .xlsx",
            key="err_bad_xlsx",
            params={"path": path},
        ) from None


def _not_a_csv_file(path: Path) -> CensusReadError:
    """The refusal of a file named as text whose bytes begin as a workbook's and that no
    workbook reader opens: not a CSV file, and what it may be."""
    zipped = workbook_kind(path) != "xls"
    return CensusReadError(
        f"{path}: this is a zip file (an .xlsx or .ods workbook?), not a CSV file"
        if zipped
        else f"{path}: this is an .xls workbook (Excel 97-2003), not a CSV file",
        hint="give the workbook its .xlsx (or .ods) name, or export CSV"
        if zipped
        else "give it its .xls name, or export CSV",
        key="err_zip" if zipped else "err_xls_named",
        params={"path": path},
    )


def damaged_sheet(path: Path, title: str, error: Exception) -> CensusReadError:
    """The refusal of a sheet damaged inside a readable workbook."""
    return CensusReadError(
        f"{path}: the sheet {title!r} cannot be read ({type(error).__name__})",
        hint="open it in Excel and save it again as .xlsx",
        key="err_bad_sheet",
        params={"path": path, "sheet": title},
    )


def _rows_and_merged_cells(
    path: Path, index: int, worksheet: Any
) -> tuple[Iterator[list[Any]], list[MergedRange], list[tuple[int, int, str]]]:
    """The rows of the workbook's sheet number ``index`` from its row 1 (blank ones too), a
    cell showing an error as the error it shows (:mod:`gnbv.read.xlsx_errors`,
    :mod:`gnbv.read.xls_errors`; calamine gives it blank), and its merged cells (calamine
    knows them for .xlsx and .xls, :func:`ods_marks` reads an .ods's). Calamine's rows
    start at the sheet's first used column (a form whose column A is a blank margin starts
    at B), its merged cells and errors at column A: they are counted here as the rows'
    cells are. Last, the formulas whose value the .xlsx does not hold (row, column as the
    rows' cells are counted, the cell's reference), for :func:`_refuse_uncomputed`."""
    shift = worksheet.start[1] if worksheet.start else 0
    marks = SheetMarks()
    if isinstance(worksheet, WebPageSheet):  # a page's cells are text: no error to find
        ranges = worksheet.merged_cell_ranges
    elif workbook_kind(path) == "ods":
        ranges, marks.errors = ods_marks(path, index)
    else:
        if is_xls(path):  # Excel 97-2003 keeps every formula's value
            marks.errors = xls_error_cells(path, worksheet.name)
        else:
            marks = sheet_marks(path, index)
        try:
            ranges = list(worksheet.merged_cell_ranges or [])
        except Exception:  # a format calamine reads merged cells of not
            ranges = []
    merged = [
        ((top, left - shift), (bottom, right - shift)) for (top, left), (bottom, right) in ranges
    ]
    rows: Iterator[list[Any]] = worksheet.iter_rows()
    shown = with_errors_shown(rows, marks.errors, shift) if marks.errors else rows
    uncomputed = [(row, column - shift, cell) for row, column, cell in marks.uncomputed]
    return shown, merged, uncomputed


def _batches(
    rows: Iterator[list[Any]],
    layout: TableLayout,
    renames: dict[str, str],
    merged: MergedCells,
    damaged: Callable[[Exception], CensusReadError],
    numbers_kept: list[dict[str, np.ndarray]],
) -> Iterator[CensusBatch]:
    """The rows below the header in batches of text cells, numbered as Excel numbers them,
    cells merged over several rows given to each; blank rows skipped (a row blank but for
    a merged cell over it too), a row with cells beyond the header's set aside. For each
    batch, ``numbers_kept`` is given where its integer columns' cells are numbers (not
    text) in the workbook."""
    positions = [layout.header.index(name) for name in renames]
    integers = {p for p in positions if COLUMN_SPECS[renames[layout.header[p]]].kind == "int"}
    width = len(layout.header)
    records: list[list[Any]] = []
    numbers: list[int] = []
    too_wide: list[int] = []
    beside = beside_the_id(layout.header, renames)  # where a totals row may be labelled

    def batch() -> CensusBatch:
        columns, kept = {}, {}
        for p in positions:
            name = renames[layout.header[p]]
            cells = [r[p] if p < len(r) else "" for r in records]
            columns[name] = pa.array(texts(cells), pa.string())
            if p in integers:
                kept[name] = np.fromiter(map(is_number, cells), dtype=bool, count=len(cells))
        for name, p in zip(beside, map(layout.header.index, beside), strict=True):
            columns[name] = pa.array(texts([r[p] if p < len(r) else "" for r in records]))
        table = pa.table(columns) if records else _empty_table(renames)
        if records and beside:
            table = with_totals_labels_as_ids(table, beside)
        numbers_kept.append(kept)
        return CensusBatch(table, np.array(numbers, dtype=np.int64), [(n, "") for n in too_wide], 0)

    given = False
    try:
        for number, written in enumerate(rows, start=layout.first_data_row):
            values = merged.fill(number, written)
            if not all(map(blank, written)):  # blank rows: skipped
                if len(values) > width and not all(map(blank, values[width:])):
                    too_wide.append(number)
                else:
                    records.append(values)
                    numbers.append(number)
            if len(records) >= XLSX_BATCH_ROWS:
                yield batch()
                given = True
                records, numbers, too_wide = [], [], []
    except Exception as error:
        raise damaged(error) from None
    if records or too_wide or not given:
        yield batch()


def _typed_text(table: pa.Table, numbers: dict[str, np.ndarray]) -> pl.DataFrame:
    """A batch's cells as the person typed them, for the conventions: a cell the workbook
    keeps as a number shows no separator of theirs (a formula's 666666.67 is not a decimal
    point that would make the column's 950.000 ambiguous), so it is left out (blank)."""
    frame = pl.DataFrame(table)
    blanked = [
        pl.when(pl.Series(mask)).then(None).otherwise(pl.col(name)).alias(name)
        for name, mask in numbers.items()
        if mask.any()
    ]
    return frame.with_columns(blanked) if blanked else frame


def _empty_table(renames: dict[str, str]) -> Any:
    return pa.table({name: pa.array([], pa.string()) for name in renames.values()})


def sheet_values(
    path: Path, workbook: Any, title: str
) -> tuple[list[tuple[Any, ...]], list[MergedRange]]:
    """A workbook's sheet's rows from its row 1 (blank ones too), each cell as a workbook
    keeps it (a number, a date, text; a blank one None; a whole number an int, as Excel
    shows it), and its merged cells counted as the rows' cells are."""
    worksheet = workbook.get_sheet_by_name(title)
    rows, merged, _ = _rows_and_merged_cells(path, workbook.sheet_names.index(title), worksheet)
    return [tuple(map(_value, row)) for row in rows], merged


def _value(cell: Any) -> Any:
    if cell == "" and cell.__class__ is str:
        return None
    if cell.__class__ is float:
        cell = as_excel_shows(cell)
        return int(cell) if cell.is_integer() else cell
    return cell


def sheet_rows(path: Path, sheet: str | None) -> tuple[list[list[str]], list[MergedRange]]:
    """A sheet's rows as text, from the top of the sheet (blank rows kept, as Excel numbers
    them), and its merged cells."""
    workbook = open_workbook(path)
    title = sheet_title(path, workbook.sheet_names, sheet)
    worksheet = workbook.get_sheet_by_name(title)
    # calamine gives the rows from the sheet's row 1, blank ones too, as open_xlsx reads them.
    rows, merged, _ = _rows_and_merged_cells(path, workbook.sheet_names.index(title), worksheet)
    return [[cell_text(value) for value in row] for row in rows], merged

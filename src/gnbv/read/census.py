"""Open a census file, whatever it is, and read it: the one entry point of the reader.

``open_census_stream`` looks at the file (format, encoding, header row) and hands it to the
reader for it; ``with_read_retries`` starts a read again in the mode a reader asks for;
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Literal, TypeVar

import pandas as pd

from gnbv.core.contract.columns import normalise_names
from gnbv.core.contract.headers import contract_column, header_lookup, normalise_header
from gnbv.core.contract.mapping import ColumnMapping
from gnbv.errors import CensusReadError
from gnbv.read.columns import table_layout
from gnbv.read.csv_arrow import stream_csv
from gnbv.read.csv_polars import stream_csv_polars
from gnbv.read.layout import ROWS_LOOKED_AT
from gnbv.read.merged import MergedCells, MergedRange
from gnbv.read.parquet import stream_parquet
from gnbv.read.source import (
    EXCEL_SUFFIXES,
    PARQUET_SUFFIXES,
    WORKBOOK_KIND_OF_SUFFIX,
    CensusStream,
    NeedArrowRead,
    NeedLargerBlocks,
    NeedTextColumn,
    NeedTextRead,
    ReadMode,
    log,
    looks_like_gzip,
    looks_like_parquet,
    looks_like_workbook,
    named_as_workbook,
    workbook_kind,
)
from gnbv.read.text import (
    open_text_source,
    sniff_plain_utf8,
)
from gnbv.read.xlsx import open_xlsx, sheet_rows


def open_census_stream(
    path: Path,
    required: list[str],
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
    mode: ReadMode | None = None,
) -> CensusStream:
    """The census in batches, so that memory does not grow with the number of rows.

    CSV (plain or gzip) is parsed block by block; Parquet is read in row groups; an .xlsx
    workbook is one batch (Excel sheets hold at most about a million rows). A file named as
    a workbook is read as what its bytes are (:func:`_kind_of`).
    """
    mode = mode or ReadMode(typed=False, polars=False)
    if not path.exists():
        raise CensusReadError(
            f"{path}: no such file", hint="check the path", key="err_no_file", params={"path": path}
        )
    if path.is_dir():
        raise CensusReadError(
            f"{path}: is a directory, not a census file", key="err_directory", params={"path": path}
        )
    if path.suffix.lower() in PARQUET_SUFFIXES or looks_like_parquet(path):
        return stream_parquet(path, required, mapping, min(mode.batch_rows, PARQUET_BATCH_ROWS))
    kind, name_hid = _kind_of(path)
    if kind == "workbook":
        stream = open_xlsx(path, required, sheet=sheet, mapping=mapping)
    else:
        _refuse_sheet_of_text(path, sheet, name_hid)
        stream = _open_text(path, required, encoding, delimiter, mapping, mode)
    if name_hid is not None:  # said first in the report: the file is not what its name says
        stream.source["decisions"].insert(0, name_hid)
    return stream


def _kind_of(path: Path) -> tuple[Literal["workbook", "text"], dict[str, str] | None]:
    """Whether a census file is a workbook or text, by its bytes rather than by its name,
    and what its name hid (a decision for the report): a text file, a web page (read as a
    sheet: :mod:`gnbv.read.web_page`), named as a workbook; a workbook named as another
    kind, or as a CSV file."""
    suffix = path.suffix.lower()
    named = named_as_workbook(path)
    if named == "web_page":
        return "workbook", {"code": "web_page_named_as_workbook", "suffix": suffix}
    if named == "text":
        return "text", {"code": "text_named_as_workbook", "suffix": suffix}
    if suffix not in EXCEL_SUFFIXES and not looks_like_workbook(path):
        return "text", None
    kind, said = workbook_kind(path), WORKBOOK_KIND_OF_SUFFIX.get(suffix)
    if kind is not None and said != kind:  # census.csv that is an .xlsx, an .xls named .xlsx
        return "workbook", {"code": "workbook_named_otherwise", "suffix": suffix, "kind": kind}
    return "workbook", None


def _refuse_sheet_of_text(path: Path, sheet: str | None, name_hid: dict[str, str] | None) -> None:
    """``--sheet`` given for a text file: refused, saying the file has no sheets."""
    if sheet is not None and name_hid is not None:
        raise CensusReadError(
            f"{path}: a text file (CSV) named {path.suffix}, with no sheets: --sheet is for "
            "Excel workbooks",
            hint="leave out --sheet for this file",
            key="err_sheet_text_named_workbook",
            params={"path": path, "suffix": path.suffix},
        )
    if sheet is not None:
        raise CensusReadError(
            f"{path}: --sheet is for Excel workbooks (.xlsx, .xls)",
            key="err_sheet_not_xlsx",
            params={"path": path},
        )


def _open_text(
    path: Path,
    required: list[str],
    encoding: str | None,
    delimiter: str | None,
    mapping: ColumnMapping | None,
    mode: ReadMode,
) -> CensusStream:
    """A CSV census (plain, in another encoding, gzip), through polars when it is plain
    UTF-8 with its header on row 1, else through Arrow's reader."""
    if mode.polars and not looks_like_gzip(path):
        head = sniff_plain_utf8(path, encoding=encoding, delimiter=delimiter)
        # Title rows above the header: Arrow's reader, which skips them and numbers the
        # rows below as the file does (such forms are small).
        layout = table_layout(path, head.head_rows, mapping) if head is not None else None
        if head is not None and layout is not None and layout.plain:
            return stream_csv_polars(path, head, layout, required, mapping=mapping, mode=mode)
    return stream_csv(
        path,
        required,
        encoding=encoding,
        delimiter=delimiter,
        mapping=mapping,
        mode=mode,
    )


PARQUET_BATCH_ROWS = 150_000
"""Rows of a Parquet file read at a time, at most."""
T = TypeVar("T")


def with_read_retries(attempt: Callable[[ReadMode], T], mode: ReadMode) -> T:
    """Run a read, and run it again in the mode each failure asks for (each said with
    ``--debug``)."""
    while True:
        try:
            return attempt(mode)
        except NeedTextColumn as need:  # that column as text, the others typed
            conventions = mode.conventions or need.conventions
            mode = replace(
                mode, text_columns=mode.text_columns | {need.name}, conventions=conventions
            )
            why = f"a cell of column {need.name!r} is not a plain value: that column as text"
        except NeedTextRead as need:  # a cell the typed read could not take
            mode = replace(mode, typed=False, conventions=mode.conventions or need.conventions)
            why = "cells the typed read could not take: every column as text"
        except NeedArrowRead:
            mode = replace(mode, polars=False)  # Arrow's reader numbers broken rows
            why = "what only Arrow's reader handles (broken rows with quotes, a parse error)"
        except NeedLargerBlocks:
            mode = replace(mode, block_size=mode.block_size * 16)
            why = "a row longer than a block, with no stray quote: larger blocks"
        log.debug("reading again: %s", why)


def read_other_columns(
    path: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
) -> pd.DataFrame:
    """The columns of a census that the contract does not name (a name, a village, a phone),
    as written, with the household id to join them by: for lists that offices act on.

    Read apart from the census (a CSV or an .xlsx sheet, whole, as text, its header found as
    the census's is); the first row of an id that is repeated is kept, as the validation
    keeps it. Empty when there is no other column, or for other formats.
    """
    merged_ranges: list[MergedRange] = []
    if looks_like_gzip(path) or path.suffix.lower() in PARQUET_SUFFIXES:
        return pd.DataFrame()
    if _kind_of(path)[0] == "workbook":
        rows, merged_ranges = sheet_rows(path, sheet)
    else:
        text = open_text_source(path, encoding=encoding, delimiter=delimiter)
        source = io.StringIO(text.read_all())
        rows = list(csv.reader(source, delimiter=text.delimiter))
    layout = table_layout(
        path, [row if any(c.strip() for c in row) else [] for row in rows[:ROWS_LOOKED_AT]], mapping
    )
    lookup = header_lookup() | {
        normalise_header(key): value for key, value in (mapping.columns if mapping else {}).items()
    }
    known = [contract_column(name, lookup) for name in layout.header]
    if "household_id" not in known or None not in known:
        return pd.DataFrame()
    ids = known.index("household_id")
    others = [number for number, canonical in enumerate(known) if canonical is None]
    merged = MergedCells(merged_ranges, layout.first_data_row)
    body = [
        merged.fill(number, row)
        for number, row in enumerate(rows[layout.rows_before_data :], layout.first_data_row)
        if any(c.strip() for c in row)
    ]

    def cell(row: list[str], number: int) -> str:
        return row[number] if number < len(row) else ""

    out = pd.DataFrame(
        {"household_id": [cell(row, ids) for row in body]}
        | {layout.header[number]: [cell(row, number) for row in body] for number in others},
        dtype="str",
    )
    out["household_id"] = normalise_names(out["household_id"])
    return out.drop_duplicates("household_id", keep="first").reset_index(drop=True)

"""Read a census file (CSV in any of the accepted encodings and delimiters, or .xlsx) into text
cells under canonical column names.

Every cell stays text ("" for blank): deciding what a bad cell is belongs to the validation in
``gnbv.core.census``, which reports it by row and column instead of failing the whole read.
Only the columns gnbv knows are kept, which is what makes large files fast. A row with more or
fewer fields than the header (or cut off by the end of the file) is set aside as
``wrong_field_count`` with its row number, not a reason to refuse the file.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from itertools import chain, islice
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

from gnbv.core.census import (
    COLUMN_SPECS,
    FIRST_DATA_ROW,
    header_lookup,
    normalise_header,
    normalise_names,
)
from gnbv.core.conventions import ColumnConventions, conventions_of, may_need_conventions
from gnbv.core.mapping import ColumnMapping
from gnbv.errors import CensusReadError
from gnbv.io.layout import ROWS_LOOKED_AT, TableLayout, find_layout
from gnbv.io.text_source import (
    BrokenLines,
    PlainUtf8Head,
    count_byte,
    file_identity,
    find_broken_lines,
    open_gzip_text_source,
    open_text_source,
    read_span,
    refuse_nul,
    scan_in_background,
    sniff_plain_utf8,
)

log = logging.getLogger("gnbv.read")
"""How the census is read, decision by decision (shown with ``--debug``)."""
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
PARQUET_SUFFIXES = (".parquet", ".pq")
STREAM_BLOCK = 1 << 20
"""Bytes of CSV Arrow parses at a time (small blocks keep both cores busy)."""
BATCH_ROWS = 200_000
"""Rows validated together (parsed blocks are gathered up to this many)."""
_LARGEST_BLOCK = 1 << 30
POLARS_CSV_SETTINGS = {
    # Polars' CSV source reads ahead in large chunks by default (about 460 MB resident on a
    # 10-million-row census, 2 cores); 4 MiB chunks, two read ahead, keep it near 260 MB at
    # the same speed (bench/README). Read when a query starts; the environment can override.
    "POLARS_CSV_CHUNK_SIZE": str(4 << 20),
    "POLARS_CSV_CHUNK_PREFETCH_LIMIT": "2",
}


_ROW_COLUMN = "row number"
_MAY_BE_SHORT = "may be a short row"
_SHORT = "short row"
"""Names no census column can have (they have no spaces)."""


@dataclass
class RawCensus:
    frame: pd.DataFrame
    row_numbers: np.ndarray
    unreadable: list[tuple[int, str]] = field(default_factory=list)
    source: dict[str, Any] = field(default_factory=dict)
    """file, format, encoding, delimiter, sheet, sha256: said in the report."""
    layout: TableLayout | None = None
    conventions: ColumnConventions = field(default_factory=ColumnConventions)


def _map_header(
    path: Path, header: list[str], required: list[str], mapping: ColumnMapping | None
) -> dict[str, str]:
    """Their header -> canonical name, for the columns gnbv knows."""
    lookup = header_lookup()
    theirs = {
        normalise_header(key): value for key, value in (mapping.columns if mapping else {}).items()
    }
    renames: dict[str, str] = {}
    seen: dict[str, str] = {}
    for number, name in enumerate(header, start=1):
        key = normalise_header(name)
        canonical = theirs.get(key) or lookup.get(key)
        if canonical is None:
            continue
        if canonical in seen:
            raise CensusReadError(
                f"{path}: columns {seen[canonical]!r} and {name!r} (column {number}) both mean "
                f"{canonical}",
                hint="keep one of them, or map one elsewhere with --columns",
                key="err_column_twice",
                params={
                    "path": path,
                    "first": seen[canonical],
                    "second": name,
                    "number": number,
                    "column": canonical,
                },
            )
        seen[canonical] = name
        renames[name] = canonical
    missing = [column for column in required if column not in seen]
    if missing:
        # Named as users know them (the Vietnamese header) and by the canonical name, with
        # the file's headers that almost match ("Thu nhap binh quan", a typo) suggested.
        named = [
            f"{COLUMN_SPECS[column].vietnamese[0].capitalize()} ({column})"
            if COLUMN_SPECS[column].vietnamese
            else column
            for column in missing
        ]
        unknown = [name for name in header if name not in renames]
        suggestions = _close_headers(unknown, missing)
        raise CensusReadError(
            f"{path}: missing required column{'s' if len(missing) > 1 else ''}: {', '.join(named)}",
            key="err_missing_columns",
            params={"path": path, "columns": ", ".join(named)},
            hint="add them, rename the headers (the README lists the accepted names), or map "
            "them with --columns FILE",
            suggestions=[{"found": found, "wanted": wanted} for found, wanted in suggestions],
        )
    return renames


def _plain(text: str) -> str:
    """A header without accents, case or spaces around: "Thu nhap binh quan" is close to
    "Thu nhập bình quân"."""
    decomposed = unicodedata.normalize("NFD", normalise_header(text).replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _close_headers(found: list[str], missing: list[str]) -> list[tuple[str, str]]:
    """For each header the file has and gnbv does not know, the accepted header of a missing
    column it almost is (accents, spaces, a typo), if any."""
    accepted = {
        _plain(alias): alias.capitalize() if alias != column else column
        for column in missing
        for alias in (column, *COLUMN_SPECS[column].vietnamese)
    }
    pairs = []
    for name in found:
        close = difflib.get_close_matches(_plain(name), list(accepted), n=1, cutoff=0.8)
        if close:
            pairs.append((name, accepted[close[0]]))
    return pairs


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if value.__class__ is float:
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


XLSX_BATCH_ROWS = 20_000
"""Sheet rows handed over at a time (the progress bar moves, memory stays per batch)."""


def _open_xlsx(
    path: Path, required: list[str], *, sheet: str | None, mapping: ColumnMapping | None
) -> CensusStream:
    """A workbook's sheet through calamine (a reader in Rust: a 50,000-row sheet in about a
    second, where openpyxl cell by cell took 13 s), its header found among the first rows."""
    from python_calamine import CalamineWorkbook

    digest = _file_sha256(path)
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        raise CensusReadError(
            f"{path}: this is a zip file (an .xlsx workbook?), not a CSV file",
            hint="give an .xlsx workbook its .xlsx name, or export CSV",
            key="err_zip",
            params={"path": path},
        )
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises several types on a damaged workbook
        raise CensusReadError(
            f"{path}: not a readable .xlsx workbook ({type(error).__name__})",
            hint="open it in Excel and save it again as .xlsx",
            key="err_bad_xlsx",
            params={"path": path},
        ) from None
    names = workbook.sheet_names
    if sheet is not None and sheet not in names:
        raise CensusReadError(
            f"{path}: no sheet {sheet!r}; sheets: {', '.join(names)}",
            key="err_no_sheet",
            params={"path": path, "sheet": sheet, "sheets": ", ".join(names)},
        )
    title = sheet if sheet is not None else names[0]

    def damaged(error: Exception) -> CensusReadError:
        return CensusReadError(
            f"{path}: the sheet {title!r} cannot be read ({type(error).__name__})",
            hint="open it in Excel and save it again as .xlsx",
            key="err_bad_sheet",
            params={"path": path, "sheet": title},
        )

    try:
        worksheet = workbook.get_sheet_by_name(title)
        # calamine gives the sheet's rows from Excel's row 1 (blank ones too), so a row's
        # number is its place + 1, as Excel numbers it.
        rows = worksheet.iter_rows()
        head_values = list(islice(rows, ROWS_LOOKED_AT))
    except Exception as error:  # a damaged sheet inside a readable zip
        raise damaged(error) from None
    head = [_texts(values) for values in head_values]
    if not any(any(cell.strip() for cell in row) for row in head):
        raise CensusReadError(
            f"{path}: the sheet {title!r} is empty",
            hint="the first row must be the header",
            key="err_empty_sheet",
            params={"path": path, "sheet": title},
        )
    layout = _layout([row if any(c.strip() for c in row) else [] for row in head], mapping)
    renames = _map_header(path, layout.header, required, mapping)
    positions = [layout.header.index(name) for name in renames]
    width = len(layout.header)

    def batches() -> Iterator[CensusBatch]:
        records: list[list[Any]] = []
        numbers: list[int] = []
        too_wide: list[int] = []

        def batch() -> CensusBatch:
            columns = {
                renames[layout.header[p]]: pa.array(
                    _texts([r[p] if p < len(r) else "" for r in records]), pa.string()
                )
                for p in positions
            }
            table = pa.table(columns) if records else _empty_table(renames)
            return CensusBatch(
                table, np.array(numbers, dtype=np.int64), [(n, "") for n in too_wide], 0
            )

        given = False
        try:
            number = layout.first_data_row
            for values in chain(head_values[layout.rows_before_data :], rows):
                if not all(map(_blank, values)):  # blank rows: skipped
                    if len(values) > width and not all(map(_blank, values[width:])):
                        too_wide.append(number)
                    else:
                        records.append(values)
                        numbers.append(number)
                number += 1
                if len(records) >= XLSX_BATCH_ROWS:
                    yield batch()
                    given = True
                    records, numbers, too_wide = [], [], []
        except Exception as error:
            raise damaged(error) from None
        if records or too_wide or not given:
            yield batch()

    source = {
        "file": str(path),
        "format": "xlsx",
        "encoding": None,
        "delimiter": None,
        "sheet": title,
        "sha256": digest,
    }
    # The whole column decides its conventions: the sheet's batches (Arrow text, compact)
    # are read first, then handed over.
    read = list(batches())
    frames = [pl.DataFrame(batch.table) for batch in read]
    conventions = conventions_of(pl.concat(frames, how="vertical"), required)
    return CensusStream(
        source,
        iter(read),
        list(renames.values()),
        parser="xlsx",
        layout=layout,
        conventions=conventions,
    )


def _blank(value: object) -> bool:
    return value is None or value == "" or (value.__class__ is str and not value.strip())


def _texts(values: list[Any]) -> list[str]:
    """Cells of a sheet as text (most are text already: only the others are converted)."""
    return [value if value.__class__ is str else _cell_text(value) for value in values]


def _empty_table(renames: dict[str, str]) -> Any:
    return pa.table({name: pa.array([], pa.string()) for name in renames.values()})


def _layout(rows: list[list[str]], mapping: ColumnMapping | None) -> TableLayout:
    """Where the table's header is (:func:`find_layout`), with the user's headers known."""
    lookup = header_lookup() | {
        normalise_header(key): value for key, value in (mapping.columns if mapping else {}).items()
    }
    return find_layout(rows, lookup)


def _looks_like_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


@dataclass
class CensusBatch:
    table: Any
    """A pyarrow Table of the known columns under canonical names."""
    row_numbers: np.ndarray
    unreadable: list[tuple[int, str]]
    bytes_read: int


class NeedSerialRead(Exception):
    """A row with the wrong number of fields was met by the parallel reader, which does not
    number rows: the caller starts again with ``serial=True``."""


@dataclass
class CensusStream:
    source: dict[str, Any]
    batches: Iterator[CensusBatch]
    columns: list[str] = field(default_factory=list)
    """The canonical names of the columns read."""
    parser: str = "arrow"
    """Which reader parses the file: "polars" (plain UTF-8 CSV), "arrow", "parquet", "xlsx"."""
    whole: PolarsScan | None = None
    """The same file as one polars query, for a reader that can take it so (plain UTF-8 CSV);
    ``batches`` and ``whole`` are two ways to read it: use one."""
    layout: TableLayout | None = None
    """Where the table's header was found (said in the report)."""
    conventions: ColumnConventions = field(default_factory=ColumnConventions)
    """How its columns write thousands and yes/no (said in the report)."""

    def __post_init__(self) -> None:
        # What the reader decided about the file, for the report.
        decided = self.layout.decisions() if self.layout is not None else []
        self.source["decisions"] = decided + self.conventions.decisions()
        log.debug(
            "%s: %s, encoding %s, delimiter %r, parser %s; %s",
            self.source.get("file"),
            self.source.get("format"),
            self.source.get("encoding"),
            self.source.get("delimiter"),
            self.parser,
            self.source["decisions"] or "header on row 1, no convention to decide",
        )


@dataclass
class PolarsScan:
    """A census file as one lazy polars query, read in one pass by polars' streaming engine.

    ``frame`` has the known columns under canonical names (typed as the batches would be),
    the row number of each row in ``row_column``, and boolean ``warnings`` columns: a row
    with one of them true may be misread. Whether one was is known only once the whole file
    has been read: :meth:`run` finds out, and asks for Arrow's reader if so.
    """

    frame: Any
    """A polars LazyFrame."""
    row_column: str
    warnings: list[str]
    chunk_rows: int
    """Rows handed over at a time (as many as a batch)."""
    _finish: Callable[[], None]
    _read_error: Callable[[Exception], Exception]
    _vouch: Callable[[int], None]
    """Given the rows read, raises NeedArrowRead if a row the warnings doubt was misread."""
    set_aside: list[str] = field(default_factory=list)
    """Boolean columns true on a row the reader knows is broken (a short line): such a row
    is the full validation's, and :meth:`batch_of` sets it aside as ``wrong_field_count``."""
    short_lines: _ShortLines | None = None

    def run(self, queries: list[Any], doubts: Any) -> list[Any]:
        """Run queries built on ``frame`` together (one read of the file), then check the
        whole file (NUL bytes) and put its SHA-256 in the stream's source.

        ``doubts`` is a query (built on the same read as the others) giving one row: the
        rows read (``rows``) and, under each warning's name, the rows it is true in. Raises
        NeedArrowRead if one of those rows was misread.
        """
        import polars as pl

        try:
            *results, counted = pl.collect_all([*queries, doubts], engine="streaming")
        except pl.exceptions.PolarsError as error:
            raise self._read_error(error) from None
        self._finish()
        counts = counted.row(0, named=True)
        if any(counts[name] for name in self.warnings):
            self._vouch(int(counts["rows"]))
        return results

    def batch_of(self, rows: Any) -> CensusBatch:
        """Rows of ``frame`` (a polars DataFrame) as a batch for the full validation (a row
        a warning doubts is validated as read: :meth:`run` finds out at the end whether it
        was misread)."""
        numbers = rows.get_column(self.row_column).to_numpy().astype(np.int64)
        columns = rows.drop(self.row_column, *self.warnings, *self.set_aside)
        if self.short_lines is None:
            return CensusBatch(columns, numbers, [], 0)
        short = rows.get_column(_SHORT).to_numpy()
        unreadable = self.short_lines.texts(numbers[short])
        return CensusBatch(
            columns.filter(~short), self.short_lines.renumbered(numbers[~short]), unreadable, 0
        )


class _ShortLines:
    """Rows of a polars read that skipped a file's blank lines and set its short ones aside,
    numbered and reported as Arrow's reader does: records, blank lines not counted."""

    def __init__(self, path: Path, lines: BrokenLines) -> None:
        self.path = path
        self.lines = lines
        self.blank_rows = lines.blank + 1  # as polars numbers them

    def renumbered(self, numbers: np.ndarray) -> np.ndarray:
        return numbers - np.searchsorted(self.blank_rows, numbers)

    def texts(self, numbers: np.ndarray) -> list[tuple[int, str]]:
        """The short rows, numbered, with their text as written."""
        spans = self.lines.short_spans[np.searchsorted(self.lines.short, numbers - 1)]
        renumbered = self.renumbered(numbers)
        return [
            (int(number), read_span(self.path, (int(start), int(end))))
            for number, (start, end) in zip(renumbered, spans, strict=True)
        ]


def _looks_like_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


def _stream_csv(
    path: Path,
    required: list[str],
    *,
    encoding: str | None,
    delimiter: str | None,
    mapping: ColumnMapping | None,
    mode: ReadMode,
) -> CensusStream:
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    serial, block_size, typed, check_utf8 = (
        mode.serial,
        mode.block_size,
        mode.typed,
        mode.check_utf8,
    )

    gzipped = _looks_like_gzip(path)
    if gzipped:
        text = open_gzip_text_source(path, encoding=encoding, delimiter=delimiter)
    else:
        text = open_text_source(path, encoding=encoding, delimiter=delimiter, check_utf8=check_utf8)
    layout = _layout(text.head_rows, mapping)
    if layout.plain:
        layout = replace(layout, header=text.header)  # as Arrow names the columns
    renames = _map_header(path, layout.header, required, mapping)
    names = list(renames)
    bad_rows: list[tuple[int, str]] = []

    unnumbered: list[bool] = []

    def on_bad_row(row: Any) -> str:
        # Raising here would come back as a parse error: note it and stop after the batch.
        if row.number is None:
            unnumbered.append(True)
        else:
            bad_rows.append((int(row.number), row.text))
        return "skip"

    def batches() -> Iterator[CensusBatch]:
        source: Any = (
            pa.input_stream(str(path), compression="gzip")
            if gzipped and text.utf8 is None
            else text.stream()
        )
        try:
            reader = pa_csv.open_csv(
                source,
                read_options=pa_csv.ReadOptions(
                    use_threads=not serial,
                    block_size=block_size,
                    # Title rows, a second header row, column numbers: skipped, the
                    # header's names given (Arrow still numbers rows from the file's top).
                    **(
                        {}
                        if layout.plain
                        else {"skip_rows": layout.rows_before_data, "column_names": layout.header}
                    ),
                ),
                parse_options=pa_csv.ParseOptions(
                    delimiter=text.delimiter,
                    newlines_in_values=True,
                    # The optimistic first attempt has no handler: a broken row stops it, and
                    # the careful attempt (encoding checked) sets such rows aside.
                    invalid_row_handler=on_bad_row if check_utf8 else None,
                ),
                convert_options=(
                    pa_csv.ConvertOptions(
                        include_columns=names,
                        column_types=_typed_column_types(renames),
                        true_values=TYPED_TRUE,
                        false_values=TYPED_FALSE,
                        null_values=[""],
                        strings_can_be_null=True,
                        quoted_strings_can_be_null=True,
                    )
                    if typed
                    else pa_csv.ConvertOptions(
                        include_columns=names,
                        column_types=dict.fromkeys(names, pa.string()),
                        strings_can_be_null=False,
                        quoted_strings_can_be_null=False,
                    )
                ),
            )
            next_row = layout.first_data_row
            reported = 0
            pending: list[Any] = []
            pending_rows = 0
            finished = False
            while not finished:
                try:
                    batch = reader.read_next_batch()
                    pending.append(batch)
                    pending_rows += batch.num_rows
                except StopIteration:
                    finished = True
                if unnumbered:
                    raise NeedSerialRead
                if not pending or (pending_rows < BATCH_ROWS and not finished):
                    continue
                table = pa.Table.from_batches(pending).rename_columns(
                    [renames[name] for name in pending[0].schema.names]
                )
                pending, pending_rows = [], 0
                skipped = sorted(number for number, _ in bad_rows[reported:])
                # The batch's rows are the next record numbers that were not skipped.
                span = np.arange(next_row, next_row + table.num_rows + len(skipped))
                numbers = np.setdiff1d(span, np.array(skipped, dtype=np.int64))[: table.num_rows]
                mine = [
                    (n, t) for n, t in bad_rows[reported:] if not len(numbers) or n <= numbers[-1]
                ]
                reported += len(mine)
                next_row = int(numbers[-1]) + 1 if len(numbers) else next_row + len(mine)
                yield CensusBatch(table, numbers, [(int(n), t) for n, t in mine], 0)
            if unnumbered:
                raise NeedSerialRead
            if reported < len(bad_rows):  # rows skipped after the last batch
                yield CensusBatch(
                    pa.table({name: pa.array([], pa.string()) for name in renames.values()}),
                    np.zeros(0, dtype=np.int64),
                    [(int(n), t) for n, t in bad_rows[reported:]],
                    0,
                )
        except pa.ArrowInvalid as error:
            if "straddling" in str(error) and block_size < _LARGEST_BLOCK:
                raise NeedLargerBlocks from None
            if not check_utf8:
                raise NeedEncodingCheck from None
            if typed and "conversion error" in str(error):
                raise NeedTextRead from None
            reason = str(error).split(":", 1)[0]
            raise CensusReadError(
                f"{path}: cannot be read as CSV: {reason}",
                hint="check the file is a CSV export of the census",
                key="err_bad_csv",
                params={"path": path, "reason": reason},
            ) from None

    source = {
        "file": str(path),
        "format": "csv.gz" if gzipped else "csv",
        "encoding": text.encoding,
        "delimiter": text.delimiter,
        "sheet": None,
        "sha256": text.sha256,
    }
    conventions = _csv_conventions(
        text.stream() if not gzipped or text.utf8 is not None else path,
        gzipped and text.utf8 is None,
        text.delimiter,
        layout,
        renames,
        text.head_rows,
        required,
        file_identity(path),
    )
    return CensusStream(
        source, batches(), list(renames.values()), layout=layout, conventions=conventions
    )


def _csv_conventions(
    source: Path | io.BytesIO,
    gzipped: bool,
    delimiter: str,
    layout: TableLayout,
    renames: dict[str, str],
    head_rows: list[list[str]],
    required: list[str],
    file_key: tuple[str, int, int] | None,
) -> ColumnConventions:
    """The columns' conventions, from the whole file when its first rows show a separator in
    a number or a tick (else none: a plain census is not read twice)."""
    positions = {layout.header.index(name): canonical for name, canonical in renames.items()}
    sample = head_rows[layout.rows_before_data :]
    cells = {name: [row[p] for row in sample if p < len(row)] for p, name in positions.items()}
    if not may_need_conventions(cells):
        return ColumnConventions()
    # Decided once per file: a read that starts again (another mode) does not look again.
    key = (file_key, tuple(positions.items()), layout.rows_before_data, delimiter)
    if file_key is not None and key in _CONVENTIONS:
        return _CONVENTIONS[key]
    options: dict[str, Any] = {
        "has_header": False,
        "skip_rows": layout.rows_before_data,
        "separator": delimiter,
        "schema": {f"c{number}": pl.String for number in range(len(layout.header))},
        "truncate_ragged_lines": True,
        "encoding": "utf8-lossy",
        "raise_if_empty": False,
    }
    frame = pl.read_csv(source, **options).lazy() if gzipped else pl.scan_csv(source, **options)
    selected = frame.select(pl.col(f"c{p}").alias(name) for p, name in positions.items())
    _CONVENTIONS[key] = conventions_of(selected, required)
    return _CONVENTIONS[key]


_CONVENTIONS: dict[tuple[Any, ...], ColumnConventions] = {}


@dataclass(frozen=True)
class ReadMode:
    """How the streaming reader parses; the engine changes it when an attempt says why."""

    typed: bool = True
    """Let Arrow type clean cells (fast); NeedTextRead switches it off."""
    check_utf8: bool = False
    """Careful mode: check the encoding before parsing and set broken rows aside;
    NeedEncodingCheck switches it on."""
    serial: bool = False
    """Parse in order so that broken rows are numbered; NeedSerialRead switches it on."""
    polars: bool = True
    """Parse plain UTF-8 CSV with polars (fastest); NeedArrowRead switches to Arrow's reader,
    which numbers and sets aside broken rows and reads every encoding."""
    block_size: int = field(default_factory=lambda: STREAM_BLOCK)
    """NeedLargerBlocks makes it larger."""
    quotes: bool = False
    """Parse quotes in a file whose start has none (NeedQuotedRead). Parsing without them
    saves about a tenth of polars' time; the whole file is checked for a '"' beside it."""
    text_columns: frozenset[str] = frozenset()
    """Columns (header names) polars reads as text on a typed read: each had a cell the
    typed read could not take (NeedTextColumn)."""
    broken_lines: BrokenLines | None = None
    """Blank and short lines of a file without quotes, found after a polars read could not
    vouch for its rows (NeedBrokenLinesSetAside): the next polars read skips the blank ones
    and sets the short ones aside, as Arrow's reader would."""


class NeedEncodingCheck(Exception):
    """The optimistic attempt failed (bytes that are not UTF-8, a broken row, ...): open the
    file again carefully, with the encoding checked and broken rows set aside."""


class NeedArrowRead(Exception):
    """The polars reader met what only Arrow's reader handles (a row that may be broken, bytes
    that are not UTF-8, a parse error): the caller starts again with Arrow's reader."""


class NeedQuotedRead(Exception):
    """The file was parsed without quotes, its start having none, but it has one further on:
    the caller reads it again with quotes."""


class NeedTextColumn(Exception):
    """Polars' typed read met a cell it could not take in one column: the caller reads the
    file again with that column as text (the others stay typed)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


TEXT_COLUMNS_TRIED = 3
"""Columns read as text one by one before the whole file is read as text (each costs the
read up to its cell)."""
_FAILED_COLUMN = re.compile(r"could not parse .* at column 'column_(\d+)'")


class NeedBrokenLinesSetAside(Exception):
    """Polars padded a short row (or read a blank line as a row); the lines that did so are
    known: the caller reads the file again with polars, those lines set aside."""

    def __init__(self, lines: BrokenLines) -> None:
        super().__init__(f"{len(lines.short)} short and {len(lines.blank)} blank lines")
        self.lines = lines


class NeedTextRead(Exception):
    """A cell did not convert on the typed fast path: the caller reads again as text."""


# Exact cells the typed fast path turns into booleans; any other cell sends the file to the
# text path, where the full rules apply (case, NFC, the user's mapping).
TYPED_TRUE = ["true", "True", "TRUE", "1", "yes", "Yes", "YES", "có", "Có", "CÓ", "x", "X"]
TYPED_FALSE = ["false", "False", "FALSE", "0", "no", "No", "NO", "không", "Không", "KHÔNG"]


def _typed_column_types(renames: dict[str, str]) -> dict[str, Any]:
    import pyarrow as pa

    kinds = {"int": pa.int64(), "bool": pa.bool_(), "id": pa.string()}
    dictionary = pa.dictionary(pa.int32(), pa.string())
    return {
        name: kinds.get(COLUMN_SPECS[canonical].kind, dictionary)
        for name, canonical in renames.items()
    }


class NeedLargerBlocks(Exception):
    """A field is larger than a parse block: the caller starts again with larger blocks."""


def _polars_types(
    renames: dict[str, str], typed: bool, as_text: Collection[str] = ()
) -> dict[str, Any]:
    import polars as pl

    kinds = {"int": pl.Int64, "bool": pl.Boolean} if typed else {}
    return {
        name: pl.String if name in as_text else kinds.get(COLUMN_SPECS[canonical].kind, pl.String)
        for name, canonical in renames.items()
    }


POLARS_BOOLEAN_CELLS = ("true", "false", "")
"""Cells (any case) polars reads as booleans: a yes/no column written otherwise ("có",
"1", "x") is read as text and typed by the fast lane."""


def _written_as_text(head: PlainUtf8Head, renames: dict[str, str]) -> set[str]:
    """The yes/no columns whose cells, at the start of the file, polars would not read as
    booleans."""
    text = set()
    for number, name in enumerate(head.header):
        if name in renames and COLUMN_SPECS[renames[name]].kind == "bool":
            cells = {row[number].casefold() for row in head.sample if number < len(row)}
            if not cells <= set(POLARS_BOOLEAN_CELLS):
                text.add(name)
    return text


def _stream_csv_polars(
    path: Path,
    head: PlainUtf8Head,
    required: list[str],
    *,
    mapping: ColumnMapping | None,
    typed: bool,
    quotes: bool,
    text_columns: frozenset[str] = frozenset(),
    broken_lines: BrokenLines | None = None,
) -> CensusStream:
    """Plain UTF-8 CSV through polars' multi-threaded parser, in batches of BATCH_ROWS rows,
    or (``whole``) as one query over the whole file.

    Polars pads a row with too few fields with blanks, where Arrow's reader sets it aside as
    ``wrong_field_count``. A short row always leaves the file's *last* column blank, so that
    column is read too. In batches, a blank in it sends the whole file to Arrow's reader
    (NeedArrowRead), which can tell the two apart; in the one query (``whole``), the rows are
    read on, and at the end the file's delimiters are counted. One short row (or a blank
    line, which polars reads as a row of blanks) and the lines are counted one by one: the
    file is read again (NeedBrokenLinesSetAside, ``broken_lines``) with the blank lines
    skipped and the short ones set aside, numbered as Arrow's reader numbers them; with a
    quote in the file, or too many broken lines, it goes to Arrow's reader. So does any parse
    error; a cell that does not convert on the typed pass gives NeedTextRead, as with Arrow.
    """
    import polars as pl

    renames = _map_header(path, head.header, required, mapping)
    # Header names may repeat (unknown columns): columns are named by position.
    by_position = {
        f"column_{number}": (renames.get(name), name) for number, name in enumerate(head.header)
    }
    wanted = [f"column_{number}" for number, name in enumerate(head.header) if name in renames]
    last = f"column_{len(head.header) - 1}"
    as_text = _written_as_text(head, renames) | text_columns if typed else set()
    types = _polars_types(renames, typed, as_text)
    overrides = {
        position: types.get(name, pl.String) for position, (_, name) in by_position.items()
    }
    scan_result = scan_in_background(path)
    # A file whose start has no '"' is parsed without quotes (faster); the scan looks for
    # one in the rest, and finish() asks for a quoted read if it finds one.
    quoted = quotes or head.quoted
    for name, value in POLARS_CSV_SETTINGS.items():
        os.environ.setdefault(name, value)

    def scan() -> pl.LazyFrame:
        return pl.scan_csv(
            path,
            has_header=True,
            separator=head.delimiter,
            quote_char='"' if quoted else None,
            new_columns=list(by_position),
            schema_overrides=overrides,
            infer_schema=False,
            encoding="utf8",
            truncate_ragged_lines=False,
            raise_if_empty=False,
        )

    canonical = {position: renames[by_position[position][1]] for position in wanted}

    def batches() -> Iterator[CensusBatch]:
        frame_query = scan().select([*wanted, *([last] if last not in wanted else [])])
        next_row = FIRST_DATA_ROW
        try:
            for batch in frame_query.collect_batches(chunk_size=BATCH_ROWS):
                if batch.get_column(last).null_count():
                    raise NeedArrowRead  # a blank last cell, or a row cut short?
                frame = batch.select(wanted).rename(canonical)
                numbers = np.arange(next_row, next_row + frame.height, dtype=np.int64)
                next_row += frame.height
                yield CensusBatch(frame, numbers, [], 0)
        except pl.exceptions.PolarsError as error:
            raise read_error(error) from None
        finish()

    def finish() -> None:
        refuse_nul(path, scan_result.result())
        if not quoted and scan_result.result().first_quote is not None:
            raise NeedQuotedRead  # what was read may hold quotes as text
        source["sha256"] = scan_result.result().sha256

    def vouch(rows: int) -> None:
        """Some rows have a blank last cell: were any of them cut short? Polars refuses a
        row with too many fields, so with no quote in the file (every delimiter then ends a
        field) the rows are whole if and only if the file holds exactly one delimiter fewer
        than the header's fields per line, header included."""
        if broken_lines is not None:
            if broken_lines.unchanged(path):
                return  # every line was counted: the broken ones were set aside
            raise NeedArrowRead
        if quoted:
            raise NeedArrowRead  # a delimiter inside quotes would spoil the count
        fields = len(head.header)
        if count_byte(path, head.delimiter) != (fields - 1) * (rows + 1):
            # Some lines are short or blank: which ones, counted line by line (a few
            # seconds on 10 million rows); polars then reads the file again without them.
            lines = find_broken_lines(path, head.delimiter, fields)
            if lines is None or not lines.unchanged(path):
                raise NeedArrowRead  # too many of them, or the file changed meanwhile
            raise NeedBrokenLinesSetAside(lines)

    def read_error(error: Exception) -> Exception:
        """What to try after polars failed on the file."""
        if not quoted and scan_result.result().first_quote is not None:
            return NeedQuotedRead()  # a quoted cell read as text may have split the row
        if not typed:
            return NeedArrowRead()
        # A cell the typed read could not take ("nhiều" in a count): that column as text,
        # the others typed. Polars names the column in its message; if it does not (another
        # failure, another wording), or after a few columns, the whole file as text.
        failed = _FAILED_COLUMN.search(str(error))
        if failed and len(text_columns) < TEXT_COLUMNS_TRIED:
            number = int(failed.group(1))
            if number < len(head.header) and head.header[number] not in text_columns:
                return NeedTextColumn(head.header[number])
        return NeedTextRead()

    numbered = scan().with_row_index(_ROW_COLUMN, offset=FIRST_DATA_ROW)
    set_aside: list[str] = []
    if broken_lines is not None:
        # Polars numbers a line as a row (line n is row n + 1), blank ones too.
        if len(broken_lines.blank):
            blank = pl.Series(broken_lines.blank + 1, dtype=pl.UInt32)
            numbered = numbered.filter(~pl.col(_ROW_COLUMN).is_in(blank.implode()))
        short = pl.Series(broken_lines.short + 1, dtype=pl.UInt32)
        numbered = numbered.with_columns(pl.col(_ROW_COLUMN).is_in(short.implode()).alias(_SHORT))
        set_aside = [_SHORT]
    whole = PolarsScan(
        numbered.select(
            _ROW_COLUMN,
            *(pl.col(position).alias(name) for position, name in canonical.items()),
            # A blank last cell, or a row cut short? (see above)
            pl.col(last).is_null().alias(_MAY_BE_SHORT),
            *set_aside,
        ),
        _ROW_COLUMN,
        [_MAY_BE_SHORT],
        BATCH_ROWS,
        finish,
        read_error,
        vouch,
        set_aside,
        _ShortLines(path, broken_lines) if broken_lines is not None else None,
    )

    source: dict[str, Any] = {
        "file": str(path),
        "format": "csv",
        "encoding": head.encoding,
        "delimiter": head.delimiter,
        "sheet": None,
        "sha256": None,
    }
    layout = TableLayout(head.header, (1,))  # polars reads only files whose header is first
    conventions = _csv_conventions(
        path, False, head.delimiter, layout, renames, head.head_rows, required, file_identity(path)
    )
    return CensusStream(
        source,
        batches(),
        list(renames.values()),
        parser="polars",
        whole=whole,
        layout=layout,
        conventions=conventions,
    )


def _stream_parquet(
    path: Path, required: list[str], mapping: ColumnMapping | None, batch_rows: int
) -> CensusStream:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several types on a damaged file
        raise CensusReadError(
            f"{path}: not a readable Parquet file ({type(error).__name__})",
            hint="write it again, or export CSV",
            key="err_bad_parquet",
            params={"path": path},
        ) from None
    renames = _map_header(path, parquet.schema_arrow.names, required, mapping)

    def batches() -> Iterator[CensusBatch]:
        next_row = FIRST_DATA_ROW
        for batch in parquet.iter_batches(batch_size=batch_rows, columns=list(renames)):
            table = pa.Table.from_batches([batch]).rename_columns(
                [renames[name] for name in batch.schema.names]
            )
            numbers = np.arange(next_row, next_row + table.num_rows, dtype=np.int64)
            next_row += table.num_rows
            yield CensusBatch(table, numbers, [], 0)

    digest = _file_sha256(path)
    source = {
        "file": str(path),
        "format": "parquet",
        "encoding": None,
        "delimiter": None,
        "sheet": None,
        "sha256": digest,
    }
    return CensusStream(source, batches(), list(renames.values()), parser="parquet")


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(8 << 20):
            digest.update(chunk)
    return digest.hexdigest()


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
    workbook is one batch (Excel sheets hold at most about a million rows).
    """
    mode = mode or ReadMode(typed=False, check_utf8=True, polars=False)
    if not path.exists():
        raise CensusReadError(
            f"{path}: no such file", hint="check the path", key="err_no_file", params={"path": path}
        )
    if path.is_dir():
        raise CensusReadError(
            f"{path}: is a directory, not a census file", key="err_directory", params={"path": path}
        )
    if path.suffix.lower() in PARQUET_SUFFIXES or _looks_like_parquet(path):
        return _stream_parquet(path, required, mapping, batch_rows=150_000)
    if path.suffix.lower() in EXCEL_SUFFIXES or _looks_like_zip(path):
        return _open_xlsx(path, required, sheet=sheet, mapping=mapping)
    if sheet is not None:
        raise CensusReadError(
            f"{path}: --sheet is for .xlsx workbooks",
            key="err_sheet_not_xlsx",
            params={"path": path},
        )
    if mode.polars and not _looks_like_gzip(path):
        head = sniff_plain_utf8(path, encoding=encoding, delimiter=delimiter)
        # Title rows above the header: Arrow's reader, which skips them and numbers the
        # rows below as the file does (such forms are small).
        if head is not None and _layout(head.head_rows, mapping).plain:
            return _stream_csv_polars(
                path,
                head,
                required,
                mapping=mapping,
                typed=mode.typed,
                quotes=mode.quotes,
                text_columns=mode.text_columns,
                broken_lines=mode.broken_lines,
            )
    return _stream_csv(
        path,
        required,
        encoding=encoding,
        delimiter=delimiter,
        mapping=mapping,
        mode=mode,
    )


def _looks_like_parquet(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PAR1"


T = TypeVar("T")


def with_read_retries(attempt: Callable[[ReadMode], T], mode: ReadMode) -> T:
    """Run a read, and run it again in the mode each failure asks for (each said with
    ``--debug``)."""
    while True:
        try:
            return attempt(mode)
        except NeedEncodingCheck:
            mode = replace(mode, check_utf8=True)  # careful: encoding checked, rows set aside
            why = "a byte or a row the fast attempt could not take: encoding checked"
        except NeedTextColumn as need:  # that column as text, the others typed
            mode = replace(mode, text_columns=mode.text_columns | {need.name})
            why = f"a cell of column {need.name!r} is not a plain value: that column as text"
        except NeedTextRead:
            mode = replace(mode, typed=False)  # a cell the fast path could not type
            why = "cells the typed read could not take: every column as text"
        except NeedBrokenLinesSetAside as need:
            mode = replace(mode, broken_lines=need.lines)  # polars again, those lines aside
            why = f"{need}: set aside, read again"
        except NeedArrowRead:
            mode = replace(mode, polars=False)  # Arrow's reader numbers broken rows
            why = "what only Arrow's reader handles (broken rows with quotes, a parse error)"
        except NeedQuotedRead:
            mode = replace(mode, quotes=True)  # a '"' past the start of the file
            why = "a quote past the start of the file: read with quotes"
        except NeedSerialRead:
            mode = replace(mode, serial=True)  # a broken row: read in order to number it
            why = "a broken row: read in order to number it"
        except NeedLargerBlocks:
            mode = replace(mode, block_size=mode.block_size * 16)
            why = "a field larger than a block: larger blocks"
        log.debug("reading again: %s", why)


def read_census(
    path: Path,
    required: list[str],
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
) -> RawCensus:
    """The whole census in memory: the stream's batches, as text, put together.

    For what must see every household at once (matching two reviews, ``classify``).
    Raises :class:`CensusReadError` (exit 2) for a missing or unreadable file, a header that
    names one column twice, or missing required columns (all listed at once).
    """
    import pyarrow as pa

    def attempt(mode: ReadMode) -> RawCensus:
        stream = open_census_stream(
            path,
            required,
            encoding=encoding,
            delimiter=delimiter,
            sheet=sheet,
            mapping=mapping,
            mode=mode,
        )
        batches = list(stream.batches)
        if batches:
            table = pa.concat_tables([batch.table for batch in batches], promote_options="default")
            frame: pd.DataFrame = table.to_pandas()
            numbers = np.concatenate([batch.row_numbers for batch in batches])
        else:
            frame = pd.DataFrame({name: pd.Series([], dtype="str") for name in stream.columns})
            numbers = np.zeros(0, dtype=np.int64)
        unreadable = [row for batch in batches for row in batch.unreadable]
        return RawCensus(
            frame, numbers, unreadable, stream.source, stream.layout, stream.conventions
        )

    # Arrow's reader: blank cells stay "" and broken rows keep their lines (rejects, compare).
    return with_read_retries(attempt, ReadMode(typed=False, check_utf8=True, polars=False))


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
    if path.suffix.lower() in EXCEL_SUFFIXES:
        rows = _sheet_rows(path, sheet)
    elif _looks_like_gzip(path) or path.suffix.lower() in PARQUET_SUFFIXES:
        return pd.DataFrame()
    else:
        text = open_text_source(path, encoding=encoding, delimiter=delimiter)
        source = io.StringIO(
            text.utf8.decode("utf-8") if text.utf8 is not None else path.read_text("utf-8-sig")
        )
        rows = list(csv.reader(source, delimiter=text.delimiter))
    layout = _layout(
        [row if any(c.strip() for c in row) else [] for row in rows[:ROWS_LOOKED_AT]], mapping
    )
    lookup = header_lookup() | {
        normalise_header(key): value for key, value in (mapping.columns if mapping else {}).items()
    }
    known = [lookup.get(normalise_header(name)) for name in layout.header]
    if "household_id" not in known or None not in known:
        return pd.DataFrame()
    ids = known.index("household_id")
    others = [number for number, canonical in enumerate(known) if canonical is None]
    body = [row for row in rows[layout.rows_before_data :] if any(c.strip() for c in row)]

    def cell(row: list[str], number: int) -> str:
        return row[number] if number < len(row) else ""

    out = pd.DataFrame(
        {"household_id": [cell(row, ids) for row in body]}
        | {layout.header[number]: [cell(row, number) for row in body] for number in others},
        dtype="str",
    )
    out["household_id"] = normalise_names(out["household_id"])
    return out.drop_duplicates("household_id", keep="first").reset_index(drop=True)


def _sheet_rows(path: Path, sheet: str | None) -> list[list[str]]:
    """A sheet's rows as text, from the top of the sheet (blank rows kept, as Excel numbers
    them)."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    worksheet = workbook.get_sheet_by_name(sheet or workbook.sheet_names[0])
    first = worksheet.start[0] if worksheet.start else 0
    return [[] for _ in range(first)] + [
        [_cell_text(value) for value in row] for row in worksheet.iter_rows()
    ]

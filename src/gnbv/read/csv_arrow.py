"""CSV through Arrow's reader: every encoding (converted to UTF-8), gzip, title rows above
the header, quotes anywhere; rows with the wrong number of fields set aside with their text
(numbered: it parses in order). The careful reader, and the one polars hands over to."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from gnbv.core.contract.mapping import ColumnMapping
from gnbv.core.contract.not_households import with_totals_labels_as_ids
from gnbv.errors import CensusReadError
from gnbv.read.column_types import (
    ARROW_FALSE,
    ARROW_TRUE,
    arrow_column_types,
    arrow_may_decide,
    arrow_text_at_start,
    arrow_text_columns,
    worded_by_mapping,
)
from gnbv.read.columns import beside_the_id, csv_conventions, map_header, table_layout
from gnbv.read.encoding import gzip_not_utf8
from gnbv.read.gzip_text import refuse_if_damaged
from gnbv.read.layout import TableLayout
from gnbv.read.lines import StrayQuote, open_quote_error
from gnbv.read.scan import file_identity
from gnbv.read.source import (
    LARGEST_BLOCK,
    CensusBatch,
    CensusStream,
    NeedLargerBlocks,
    NeedTextRead,
    ReadMode,
    file_described,
    looks_like_gzip,
    read_again_as_text,
    rows_in_a_batch,
)
from gnbv.read.text import (
    TextSource,
    open_gzip_text_source,
    open_text_source,
)

log = logging.getLogger("gnbv.read")


def stream_csv(
    path: Path,
    required: list[str],
    *,
    encoding: str | None,
    delimiter: str | None,
    mapping: ColumnMapping | None,
    mode: ReadMode,
) -> CensusStream:
    """A CSV through Arrow's reader, in batches. The careful reader: the encoding is chosen
    from the whole file before parsing (a text outside UTF-8 converted as it is read,
    :mod:`gnbv.read.streamed`), and it parses in order, so that a broken row is set
    aside with its number and text (its parallel parse does not number rows; in order is no
    slower here: the validation keeps the second core busy)."""
    gzipped = looks_like_gzip(path)
    if gzipped:
        text = open_gzip_text_source(path, encoding=encoding, delimiter=delimiter)
    else:
        text = open_text_source(path, encoding=encoding, delimiter=delimiter)
    layout = table_layout(path, text.head_rows, mapping)
    if layout.plain:
        layout = replace(layout, header=text.header)  # as Arrow names the columns
    renames = map_header(path, layout.header, required, mapping, layout.header_errors)
    # Cells the typed read cannot take at the start of the file ("5.650.000", "x"), and
    # columns the mapping words: read as text from the start rather than after a failed read.
    head = text.head_rows[layout.rows_before_data :]
    at_start = (
        arrow_text_at_start(head, layout, renames) | worded_by_mapping(renames, mapping)
        if mode.typed
        else frozenset()
    )
    named = ", ".join(sorted(mode.text_columns | at_start)) or "no column"
    log.debug("Arrow's read; read as text: %s", named if mode.typed else "every column")

    batches = _batches(path, text, gzipped, layout, renames, mode, at_start)
    described = file_described(
        path,
        "csv.gz" if gzipped else "csv",
        sha256=text.sha256,
        encoding=text.encoding,
        delimiter=text.delimiter,
    )
    conventions = csv_conventions(
        text.text,
        text.delimiter,
        layout,
        renames,
        text.head_rows,
        required,
        file_identity(path),
        look_anyway=mode.conventions,
        as_text=arrow_may_decide(renames, mode.text_columns | at_start) if mode.typed else None,
    )
    return CensusStream(described, batches, renames, layout=layout, conventions=conventions)


def _batches(
    path: Path,
    text: TextSource,
    gzipped: bool,
    layout: TableLayout,
    renames: dict[str, str],
    mode: ReadMode,
    at_start: frozenset[str],
) -> Iterator[CensusBatch]:
    """The file's rows in batches, numbered, its broken rows with them; a stray quote
    (:class:`StrayQuote`) stops the read. The columns ``at_start`` are read as text, as
    are those of ``mode``."""
    # The text as UTF-8: the file, or a gzip file or another encoding's converted as it is read
    raw = path.open("rb") if isinstance(text.text, Path) else text.text.open()
    counted = _CountedText(raw)
    stray = StrayQuote(path, text.delimiter, layout.header, text.text)
    bad_rows: list[tuple[int, str]] = []
    undecodable = _UndecodableRows()
    records = 0
    beside = beside_the_id(layout.header, renames)  # where a totals row may be labelled
    try:
        with undecodable.noting():  # Arrow's reader parses the first block as it opens
            as_text = replace(mode, text_columns=mode.text_columns | at_start)
            reader = _open_reader(
                counted, text.delimiter, layout, renames, beside, as_text, bad_rows
            )
        text_columns = arrow_text_columns(renames, as_text.text_columns, mode.typed)
        rows = rows_in_a_batch(mode.batch_rows, len(text_columns))
        numbered = _numbered(reader, layout.first_data_row, renames, beside, bad_rows, rows)
        for batch in undecodable.watching(numbered):
            if mode.typed and counted.hexadecimal:
                raise NeedTextRead  # the rules judge "0x10", not Arrow's typed read
            stray.refuse_swallowing(batch.unreadable)
            records += batch.table.num_rows + len(batch.unreadable)
            yield batch
        stray.refuse_rows_in_cells(records + layout.first_data_row - 1, *counted.counts())
    except pa.ArrowInvalid as error:
        if gzipped:
            refuse_if_damaged(path)
        if undecodable.seen:
            raise gzip_not_utf8(path) from None
        raise _read_error(error, path, mode, stray, layout.header) from None
    finally:
        counted.close()


class _UndecodableRows:
    """A broken row's text (the wrong number of fields) is decoded by pyarrow before it is
    handed to ``on_bad_row``; bytes there that are not UTF-8 (a compressed file's text is
    checked only at its start) fail inside pyarrow, where Python prints the error with a
    traceback ("Exception ignored in"), and Arrow stops with a parse error. While a batch is
    read, such a failure is noted instead (``seen``), and the file refused for what it is."""

    def __init__(self) -> None:
        self.seen = False

    def watching(self, batches: Iterator[CensusBatch]) -> Iterator[CensusBatch]:
        while True:
            with self.noting():
                batch = next(batches, None)
            if batch is None:
                return
            yield batch

    @contextmanager
    def noting(self) -> Iterator[None]:
        previous = sys.unraisablehook

        def note(unraisable: Any) -> None:
            if isinstance(unraisable.exc_value, UnicodeDecodeError):
                self.seen = True
            else:
                previous(unraisable)

        sys.unraisablehook = note
        try:
            yield
        finally:
            sys.unraisablehook = previous


HEXADECIMAL = re.compile(rb"(?<![0-9A-Za-z_.])0[xX][0-9A-Fa-f]")
"""A number written in hexadecimal ("0x10"): Arrow's typed read takes it (16), the rules do
not (not a number)."""


def _hexadecimal(text: bytes) -> bool:
    """Whether the text holds a number in hexadecimal: looked for with Arrow's search over
    the bytes as they are (Python's own, on text full of zeros, added a tenth to the read's
    time), then confirmed."""
    if b"x" not in text and b"X" not in text:
        return False
    offsets = pa.array([0, len(text)], pa.int64()).buffers()[1]
    as_one_value = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(text)])
    if not pc.match_substring_regex(as_one_value, rb"0[xX]")[0].as_py():
        return False
    return HEXADECIMAL.search(text) is not None


class _CountedText:
    """The text Arrow's reader parses, its line breaks and quotes counted as it is read
    (``bytes.count``: nothing measurable beside the parse), and whether it holds a number in
    hexadecimal (``hexadecimal``: a typed read must not be trusted then)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.line_breaks = 0
        self.quotes = 0
        self.last = self.tail = b"\n"
        self.hexadecimal = False
        self.closed = False

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        if data:
            self.line_breaks += data.count(b"\n")
            self.quotes += data.count(b'"')
            if not self.hexadecimal:
                across = self.tail + data[:3]  # "0x10" cut between two reads
                self.hexadecimal = any(map(_hexadecimal, (across, data)))
            self.last, self.tail = data[-1:], data[-2:]
        return data

    def counts(self) -> tuple[int, int]:
        """Lines read (a last one without a line break too) and quotes."""
        return self.line_breaks + (self.last != b"\n"), self.quotes

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def close(self) -> None:
        self.raw.close()
        self.closed = True


CONVERSION_ERROR = re.compile(
    r"In CSV column #(?P<number>\d+): .*conversion error.*invalid value '(?P<cell>.*)'", re.S
)
"""Arrow's words for a cell its typed read could not take, with the column's position."""


def _read_error(
    error: pa.ArrowInvalid, path: Path, mode: ReadMode, stray: StrayQuote, header: list[str]
) -> Exception:
    """What Arrow's parse error means: a row longer than a block (a stray quote made the
    lines after it one cell, refused; else a cell of megabytes, read again with larger
    blocks), a cell the typed read cannot take (its column read again as text, the others
    typed, as polars' reader does; after a few columns, every column as text), or a file
    that is not a CSV (the user's error)."""
    if "straddling" in str(error):
        quote = stray.located()
        if quote is None and mode.block_size < LARGEST_BLOCK:
            return NeedLargerBlocks()
        return open_quote_error(path, quote, stray.header)
    if "invalid UTF8" in str(error):  # further down than a compressed file's start (intact)
        return gzip_not_utf8(path)
    if mode.typed and "conversion error" in str(error):
        failed = CONVERSION_ERROR.search(str(error))
        position = int(failed["number"]) if failed is not None else len(header)
        name = header[position] if position < len(header) else None
        cell = failed["cell"] if failed is not None else None
        return read_again_as_text(name, cell, mode.text_columns)
    reason = str(error).split(":", 1)[0]
    return CensusReadError(
        f"{path}: cannot be read as CSV: {reason}",
        hint="check the file is a CSV export of the census",
        key="err_bad_csv",
        params={"path": path, "reason": reason},
    )


def _open_reader(
    source: Any,
    delimiter: str,
    layout: TableLayout,
    renames: dict[str, str],
    beside: list[str],
    mode: ReadMode,
    bad_rows: list[tuple[int, str]],
) -> Any:
    """Arrow's streaming reader, in order; a row with the wrong number of fields is added to
    ``bad_rows`` (number, text) and skipped. Typed (``mode.typed``), but for the columns
    named in ``mode.text_columns``."""
    import pyarrow.csv as pa_csv

    names = [*renames, *beside]  # the census's columns, and where a totals row is labelled

    # Arrow counts each line it skips as a row (a header cell on two lines: two rows)
    extra_lines = 0 if layout.plain else layout.line_breaks_above

    def on_bad_row(row: Any) -> str:
        bad_rows.append((int(row.number) - extra_lines, row.text))  # the file's row numbers
        return "skip"

    return pa_csv.open_csv(
        source,
        read_options=pa_csv.ReadOptions(
            use_threads=False,
            block_size=mode.block_size,
            # Title rows, a second header row, column numbers: skipped (as lines: a
            # header cell may hold a line break), the header's names given (Arrow still
            # numbers rows from the file's top).
            **(
                {}
                if layout.plain
                else {
                    "skip_rows": layout.rows_before_data + layout.line_breaks_above,
                    "column_names": layout.header,
                }
            ),
        ),
        parse_options=pa_csv.ParseOptions(
            delimiter=delimiter,
            newlines_in_values=True,
            invalid_row_handler=on_bad_row,
        ),
        convert_options=_convert_options(names, renames, beside, mode),
    )


def _convert_options(
    names: list[str], renames: dict[str, str], beside: list[str], mode: ReadMode
) -> Any:
    """Arrow's conversion of the cells: typed (but for ``mode.text_columns`` and the columns
    beside the census), or every cell as text, blanks kept as written."""
    import pyarrow.csv as pa_csv

    if not mode.typed:
        return pa_csv.ConvertOptions(
            include_columns=names,
            column_types=dict.fromkeys(names, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        )
    return pa_csv.ConvertOptions(
        include_columns=names,
        column_types=arrow_column_types(renames)
        | dict.fromkeys([*mode.text_columns, *beside], pa.string()),
        true_values=ARROW_TRUE,
        false_values=ARROW_FALSE,
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )


def _numbered(
    reader: Any,
    first_row: int,
    renames: dict[str, str],
    beside: list[str],
    bad_rows: list[tuple[int, str]],
    batch_rows: int,
) -> Iterator[CensusBatch]:
    """The reader's rows gathered into batches, each row numbered as the file numbers it
    (the rows skipped as broken come with the batch they fall in); a totals row labelled
    in a column ``beside`` the id has the label as its id."""
    next_row = first_row
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
        if not pending or (pending_rows < batch_rows and not finished):
            continue
        table = pa.Table.from_batches(pending).rename_columns(
            [renames.get(name, name) for name in pending[0].schema.names]
        )
        if beside:
            table = with_totals_labels_as_ids(table, beside)
        pending, pending_rows = [], 0
        skipped = sorted(number for number, _ in bad_rows[reported:])
        # The batch's rows are the next record numbers that were not skipped.
        span = np.arange(next_row, next_row + table.num_rows + len(skipped))
        numbers = np.setdiff1d(span, np.array(skipped, dtype=np.int64))[: table.num_rows]
        mine = [(n, t) for n, t in bad_rows[reported:] if not len(numbers) or n <= numbers[-1]]
        reported += len(mine)
        next_row = int(numbers[-1]) + 1 if len(numbers) else next_row + len(mine)
        yield CensusBatch(table, numbers, [(int(n), t) for n, t in mine], 0)
    if reported < len(bad_rows):  # rows skipped after the last batch
        yield CensusBatch(
            pa.table({name: pa.array([], pa.string()) for name in renames.values()}),
            np.zeros(0, dtype=np.int64),
            [(int(n), t) for n, t in bad_rows[reported:]],
            0,
        )

"""CSV through Arrow's reader: every encoding (converted to UTF-8), gzip, title rows above
the header, quotes anywhere; rows with the wrong number of fields set aside with their text
(numbered: it parses in order). The careful reader, and the one polars hands over to."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from gnbv.core.contract import COLUMN_SPECS, FALSE_WORDS, TRUE_WORDS
from gnbv.core.mapping import ColumnMapping
from gnbv.errors import CensusReadError
from gnbv.read import source as shared
from gnbv.read.columns import csv_conventions, map_header, table_layout
from gnbv.read.layout import TableLayout
from gnbv.read.lines import OpenQuote, find_open_quote, open_quote_error
from gnbv.read.scan import file_identity
from gnbv.read.source import (
    LARGEST_BLOCK,
    PLAIN_INTEGER,
    CensusBatch,
    CensusStream,
    NeedLargerBlocks,
    NeedTextRead,
    ReadMode,
    looks_like_gzip,
)
from gnbv.read.text import (
    TextSource,
    gzip_not_utf8,
    open_gzip_text_source,
    open_text_source,
)


def stream_csv(
    path: Path,
    required: list[str],
    *,
    encoding: str | None,
    delimiter: str | None,
    mapping: ColumnMapping | None,
    mode: ReadMode,
) -> CensusStream:
    """A CSV through Arrow's reader, in batches. The careful reader: the encoding is checked
    over the whole file before parsing, and it parses in order, so that a broken row is set
    aside with its number and text (its parallel parse does not number rows; in order is no
    slower here: the validation keeps the second core busy)."""
    block_size, typed = mode.block_size, mode.typed

    gzipped = looks_like_gzip(path)
    if gzipped:
        text = open_gzip_text_source(path, encoding=encoding, delimiter=delimiter)
    else:
        text = open_text_source(path, encoding=encoding, delimiter=delimiter)
    layout = table_layout(text.head_rows, mapping)
    if layout.plain:
        layout = replace(layout, header=text.header)  # as Arrow names the columns
    renames = map_header(path, layout.header, required, mapping)
    # Cells the typed read cannot take at the start of the file ("5.650.000", "x"): the file
    # is read as text from the start rather than after a failed read.
    typed = typed and _types_at_start(text.head_rows[layout.rows_before_data :], layout, renames)

    streamed = gzipped and text.utf8 is None  # a gzip file's UTF-8 text, decompressed by Arrow
    batches = _batches(path, text, streamed, layout, renames, typed, block_size)
    described = {
        "file": str(path),
        "format": "csv.gz" if gzipped else "csv",
        "encoding": text.encoding,
        "delimiter": text.delimiter,
        "sheet": None,
        "sha256": text.sha256,
    }
    conventions = csv_conventions(
        path if streamed else text.stream(),
        streamed,
        text.delimiter,
        layout,
        renames,
        text.head_rows,
        required,
        file_identity(path),
    )
    return CensusStream(
        described, batches, list(renames.values()), layout=layout, conventions=conventions
    )


def _batches(
    path: Path,
    text: TextSource,
    streamed: bool,
    layout: TableLayout,
    renames: dict[str, str],
    typed: bool,
    block_size: int,
) -> Iterator[CensusBatch]:
    """The file's rows in batches, numbered, its broken rows with them; a stray quote
    (:class:`_StrayQuote`) stops the read."""
    source: Any = pa.input_stream(str(path), compression="gzip") if streamed else text.stream()
    # Where a stray quote is: the file's text as UTF-8, in memory when it was converted, else
    # its bytes (a gzip file's UTF-8 text is read as a stream: not at hand).
    at_hand = None if streamed else text.utf8 if text.utf8 is not None else path
    stray = _StrayQuote(path, text.delimiter, layout.header, at_hand)
    bad_rows: list[tuple[int, str]] = []
    records = 0
    try:
        reader = _open_reader(source, text.delimiter, layout, renames, typed, block_size, bad_rows)
        for batch in _numbered(reader, layout.first_data_row, renames, bad_rows):
            stray.refuse_swallowing(batch.unreadable)
            records += batch.table.num_rows + len(batch.unreadable)
            yield batch
        stray.refuse_rows_in_cells(records + layout.first_data_row - 1)
    except pa.ArrowInvalid as error:
        raise _read_error(error, path, typed, stray, block_size) from None


def _read_error(
    error: pa.ArrowInvalid, path: Path, typed: bool, stray: _StrayQuote, block_size: int
) -> Exception:
    """What Arrow's parse error means: a row longer than a block (a stray quote made the
    lines after it one cell, refused; else a cell of megabytes, read again with larger
    blocks), a cell the typed read cannot take (read again as text), or a file that is not
    a CSV (the user's error)."""
    if "straddling" in str(error):
        quote = stray.located()
        if quote is None and block_size < LARGEST_BLOCK:
            return NeedLargerBlocks()
        return open_quote_error(path, quote, stray.header)
    if "invalid UTF8" in str(error):  # further down than a compressed file's start
        return gzip_not_utf8(path)
    if typed and "conversion error" in str(error):
        return NeedTextRead()
    reason = str(error).split(":", 1)[0]
    return CensusReadError(
        f"{path}: cannot be read as CSV: {reason}",
        hint="check the file is a CSV export of the census",
        key="err_bad_csv",
        params={"path": path, "reason": reason},
    )


class _StrayQuote:
    """A quote that opens a cell and is not closed on its line makes the rows after it part
    of that cell: Arrow's reader then sets them aside as one broken row (or, past a block,
    cannot go on). The file is refused, with the quote's line and column when its bytes can
    be read for them."""

    def __init__(
        self, path: Path, delimiter: str, header: list[str], text: Path | bytes | None
    ) -> None:
        self.path, self.delimiter, self.header = path, delimiter, header
        self.text = text
        """The file's text as UTF-8 (its path when it is the file itself), None if not at hand."""

    def refuse_swallowing(self, broken: list[tuple[int, str]]) -> None:
        """Raise if a broken row holds a line wholly inside a quoted cell with a whole row's
        delimiters (as :func:`find_open_quote` counts them)."""
        wanted = len(self.header) - 1
        for _, text in broken:
            inside = False
            for number, line in enumerate(text.split("\n")):
                began_inside = inside
                inside ^= line.count('"') % 2 == 1
                if number and began_inside and inside and line.count(self.delimiter) >= wanted:
                    raise self.error()

    def refuse_rows_in_cells(self, lines_read: int) -> None:
        """After the read of a file converted in memory (another encoding than UTF-8): a
        stray pair of quotes makes the rows between them one cell of a whole row, which no
        count of fields shows. More lines than the rows read and the lines above them (a
        cell holds a line break, or blank lines) and the file is searched for it."""
        text = self.text
        if not isinstance(text, bytes) or b'"' not in text:
            return  # a file read from its path was searched by polars' read
        lines = text.count(b"\n") + (not text.endswith(b"\n"))
        if lines > lines_read:
            quote = find_open_quote(text, self.delimiter, len(self.header))
            if quote is not None:
                raise open_quote_error(self.path, quote, self.header)

    def located(self) -> OpenQuote | None:
        """The stray quote, when the file's text is at hand and holds one."""
        if self.text is None:
            return None
        return find_open_quote(self.text, self.delimiter, len(self.header))

    def error(self) -> CensusReadError:
        return open_quote_error(self.path, self.located(), self.header)


def _as_typed(words: tuple[str, ...]) -> list[str]:
    """The contract's yes or no words as Arrow's typed read takes them: as written, capitalised
    and in capitals; any other cell sends the file to the text path, where the rules apply
    (any case, NFC, the user's mapping)."""
    return [
        form for word in words for form in dict.fromkeys((word, word.capitalize(), word.upper()))
    ]


TYPED_TRUE = _as_typed(TRUE_WORDS)
TYPED_FALSE = _as_typed(FALSE_WORDS)


def _types_at_start(rows: list[list[str]], layout: TableLayout, renames: dict[str, str]) -> bool:
    """Whether every integer and yes/no cell of these rows is one the typed read takes."""
    for position, name in enumerate(layout.header):
        kind = COLUMN_SPECS[renames[name]].kind if name in renames else None
        for row in rows:
            cell = row[position].strip() if position < len(row) else ""
            if not cell:
                continue
            if kind == "int" and not PLAIN_INTEGER.fullmatch(cell):
                return False
            if kind == "bool" and cell not in TYPED_TRUE and cell not in TYPED_FALSE:
                return False
    return True


def _typed_column_types(renames: dict[str, str]) -> dict[str, Any]:

    kinds = {"int": pa.int64(), "bool": pa.bool_(), "id": pa.string()}
    dictionary = pa.dictionary(pa.int32(), pa.string())
    return {
        name: kinds.get(COLUMN_SPECS[canonical].kind, dictionary)
        for name, canonical in renames.items()
    }


def _open_reader(
    source: Any,
    delimiter: str,
    layout: TableLayout,
    renames: dict[str, str],
    typed: bool,
    block_size: int,
    bad_rows: list[tuple[int, str]],
) -> Any:
    """Arrow's streaming reader, in order; a row with the wrong number of fields is added to
    ``bad_rows`` (number, text) and skipped."""
    import pyarrow.csv as pa_csv

    names = list(renames)

    def on_bad_row(row: Any) -> str:
        bad_rows.append((int(row.number), row.text))
        return "skip"

    return pa_csv.open_csv(
        source,
        read_options=pa_csv.ReadOptions(
            use_threads=False,
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
            delimiter=delimiter,
            newlines_in_values=True,
            invalid_row_handler=on_bad_row,
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


def _numbered(
    reader: Any, first_row: int, renames: dict[str, str], bad_rows: list[tuple[int, str]]
) -> Iterator[CensusBatch]:
    """The reader's rows gathered into batches, each row numbered as the file numbers it
    (the rows skipped as broken come with the batch they fall in)."""
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
        if not pending or (pending_rows < shared.BATCH_ROWS and not finished):
            continue
        table = pa.Table.from_batches(pending).rename_columns(
            [renames[name] for name in pending[0].schema.names]
        )
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

"""Plain UTF-8 CSV through polars' multi-threaded parser: the fast reader, as one query over
the whole file. It reads numbers and yes/no typed where it can, and says (a
``Need…`` exception) when a file needs another mode or Arrow's reader."""

from __future__ import annotations

import os
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from gnbv.core.contract.columns import COLUMN_SPECS, FIRST_DATA_ROW, WORD_KINDS
from gnbv.core.contract.conventions import (
    ColumnConventions,
    may_need_conventions,
)
from gnbv.core.contract.mapping import ColumnMapping
from gnbv.core.contract.not_households import totals_label_as_id
from gnbv.read.column_types import column_types, worded_by_mapping
from gnbv.read.columns import beside_the_id, csv_conventions, map_header
from gnbv.read.layout import TableLayout
from gnbv.read.lines import (
    BrokenLines,
    count_byte,
    find_broken_lines,
    find_open_quote,
    open_quote_error,
    read_span,
)
from gnbv.read.options import BATCH_ROWS
from gnbv.read.scan import Scan, file_identity, refuse_nul, scan_in_background
from gnbv.read.source import (
    FAILED_COLUMN,
    CensusBatch,
    CensusStream,
    NeedArrowRead,
    ReadMode,
    file_described,
    read_again_as_text,
)
from gnbv.read.text import PlainUtf8Head, rows_across

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
class PolarsScan:
    """A census file as one lazy polars query, read in one pass by polars' streaming engine.

    ``frame`` has the known columns under canonical names (typed as the batches would be),
    the row number of each row in ``row_column``, and boolean ``warnings`` columns: a row
    with one of them true may be misread. Whether one was is known only once the whole file
    has been read: :meth:`run` finds out, and asks for Arrow's reader if so.
    """

    frame: Any
    """A polars LazyFrame."""
    path: Path
    header: list[str]
    delimiter: str
    typed_columns: dict[str, str]
    """The columns read typed (polars' name by position: header name)."""
    text_columns: frozenset[str]
    scan: Future[Scan]
    """The background scan of the file's bytes (SHA-256, NUL bytes, quotes)."""
    source: dict[str, Any]
    broken_lines: BrokenLines | None = None
    """Blank and short lines set aside on this read (found after an earlier one)."""
    row_column: str = _ROW_COLUMN
    warnings: list[str] = field(default_factory=lambda: [_MAY_BE_SHORT])
    chunk_rows: int = BATCH_ROWS
    """Rows handed over at a time (as many as a batch: :attr:`ReadMode.batch_rows`)."""
    header_line_breaks: int = 0
    """Line breaks inside the header's cells (a header typed on two lines)."""

    @property
    def set_aside(self) -> list[str]:
        """Boolean columns true on a row the reader knows is broken (a short line): such a
        row is the full validation's, and :meth:`batch_of` sets it aside as
        ``wrong_field_count``."""
        return [_SHORT] if self.broken_lines is not None else []

    def run(self, queries: list[Any], doubts: Any) -> tuple[list[Any], BrokenLines | None]:
        """Run queries built on ``frame`` together (one read of the file), then check the
        whole file (NUL bytes) and put its SHA-256 in the stream's source.

        ``doubts`` is a query (built on the same read as the others) giving one row: the
        rows read (``rows``) and, under each warning's name, the rows it is true in. Gives
        the queries' results and the file's short and blank lines if it has any (a second
        pass sets them aside); raises NeedArrowRead if a row may have been misread.
        """
        try:
            *results, counted = pl.collect_all([*queries, doubts], engine="streaming")
        except pl.exceptions.PolarsError as error:
            raise self._read_error(error) from None
        refuse_nul(self.path, self.scan.result())
        self.source["sha256"] = self.scan.result().sha256
        counts = counted.row(0, named=True)
        stray = self._stray_quote(int(counts["rows"]))
        if stray is not None:
            raise stray
        if any(counts[name] for name in self.warnings):
            return results, self._broken_lines(int(counts["rows"]))
        return results, None

    def _read_error(self, error: Exception) -> Exception:
        """What to try after polars failed on the file: a number or yes/no cell the typed
        read could not take ("nhiều" in a count) is read again with that column as text (the
        others typed; after a few columns, every column as text); anything else (a row with
        too many fields, a quote not closed) goes to Arrow's reader, which sets such rows
        aside."""
        failed = FAILED_COLUMN.search(str(error))
        name = self.typed_columns.get(f"column_{failed['number']}") if failed else None
        if failed is None or name is None:
            return self._stray_quote(None) or NeedArrowRead()
        return read_again_as_text(name, failed["cell"], self.text_columns)

    def _stray_quote(self, rows: int | None) -> Exception | None:
        """The file refused if a stray quote made whole rows part of one cell: looked for
        in a file with quotes whose read failed (``rows`` None) or read fewer rows than it
        has lines (a cell holds a line break)."""
        if self.scan.result().first_quote is None:
            return None
        header_lines = 1 + self.header_line_breaks
        if rows is not None and count_byte(self.path, "\n") <= rows + header_lines:
            return None  # the header and every row on lines of their own
        quote = find_open_quote(self.path, self.delimiter, len(self.header))
        return open_quote_error(self.path, quote, self.header) if quote is not None else None

    def _broken_lines(self, rows: int) -> BrokenLines | None:
        """Some rows have a blank last cell: were any of them cut short? Polars refuses a
        row with too many fields, so with no quote in the file (every delimiter then ends a
        field) the rows are whole if and only if the file holds exactly one delimiter fewer
        than the header's fields per line, header included. If not, the lines that are not
        whole rows (a blank line, a short row), found by counting line by line (a few
        seconds on 10 million rows)."""
        if self.broken_lines is not None:
            if self.broken_lines.unchanged(self.path):
                return None  # every line was counted: the broken ones were set aside
            raise NeedArrowRead
        if self.scan.result().first_quote is not None:
            raise NeedArrowRead  # a delimiter inside quotes would spoil the count
        fields = len(self.header)
        if count_byte(self.path, self.delimiter) == (fields - 1) * (rows + 1):
            return None
        lines = find_broken_lines(self.path, self.delimiter, fields)
        if lines is None or not lines.unchanged(self.path):
            raise NeedArrowRead  # too many of them, or the file changed meanwhile
        return lines

    def doubts(self, frame: Any) -> Any:
        """The query :meth:`run` needs beside the others when no query counted the doubts:
        rows read, and the rows each warning is true in."""
        return frame.select(
            pl.len().alias("rows"), *(pl.col(name).sum().alias(name) for name in self.warnings)
        )

    def batch_of(self, rows: Any) -> CensusBatch:
        """Rows of ``frame`` (a polars DataFrame) as a batch for the full validation (a row
        a warning doubts is validated as read: :meth:`run` finds out at the end whether it
        was misread)."""
        numbers = rows.get_column(self.row_column).to_numpy().astype(np.int64)
        columns = rows.drop(self.row_column, *self.warnings, *self.set_aside)
        if self.broken_lines is None:
            return CensusBatch(columns, numbers, [], 0)
        short_lines = _ShortLines(self.path, self.broken_lines)
        short = rows.get_column(_SHORT).to_numpy()
        unreadable = short_lines.texts(numbers[short])
        return CensusBatch(
            columns.filter(~short), short_lines.renumbered(numbers[~short]), unreadable, 0
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


def _file_query(
    path: Path,
    head: PlainUtf8Head,
    renames: dict[str, str],
    overrides: dict[str, Any],
    broken_lines: BrokenLines | None,
) -> pl.LazyFrame:
    """The file as a lazy query: the known columns under canonical names, each row's number,
    whether its last cell is blank, and (``broken_lines``) whether it is a short line."""
    positions = {f"column_{number}": name for number, name in enumerate(head.header)}
    for name, value in POLARS_CSV_SETTINGS.items():
        os.environ.setdefault(name, value)
    numbered = pl.scan_csv(
        path,
        has_header=True,
        separator=head.delimiter,
        quote_char='"',  # costs nothing measurable on a file without quotes
        new_columns=list(positions),
        schema_overrides=overrides,
        infer_schema=False,
        encoding="utf8",
        truncate_ragged_lines=False,
        raise_if_empty=False,
    ).with_row_index(_ROW_COLUMN, offset=FIRST_DATA_ROW)
    set_aside = []
    if broken_lines is not None:
        # Polars numbers a line as a row (line n is row n + 1), blank ones too.
        if len(broken_lines.blank):
            blank = pl.Series(broken_lines.blank + 1, dtype=pl.UInt32)
            numbered = numbered.filter(~pl.col(_ROW_COLUMN).is_in(blank.implode()))
        short = pl.Series(broken_lines.short + 1, dtype=pl.UInt32)
        set_aside = [pl.col(_ROW_COLUMN).is_in(short.implode()).alias(_SHORT)]
    last = f"column_{len(head.header) - 1}"
    known = {position: renames[name] for position, name in positions.items() if name in renames}
    beside = set(beside_the_id(head.header, renames))
    labelled = [position for position, name in positions.items() if name in beside]
    frame = numbered.select(
        _ROW_COLUMN,
        *(
            (
                totals_label_as_id(position, labelled)
                if name == "household_id" and labelled
                else pl.col(position)
            ).alias(name)
            for position, name in known.items()
        ),
        pl.col(last).is_null().alias(_MAY_BE_SHORT),  # a blank last cell, or a row cut short?
        *set_aside,
    )
    return frame


def stream_csv_polars(
    path: Path,
    head: PlainUtf8Head,
    layout: TableLayout,
    required: list[str],
    *,
    mapping: ColumnMapping | None,
    mode: ReadMode,
) -> CensusStream:
    """Plain UTF-8 CSV through polars' multi-threaded parser, as one query over the whole
    file (``whole``).

    Polars pads a row with too few fields with blanks, where Arrow's reader sets it aside as
    ``wrong_field_count``. A short row always leaves the file's *last* column blank, so that
    column is read too: the rows are read on, and at the end the file's delimiters are
    counted. One short row (or a blank line, which polars reads as a row of blanks) and the
    lines are counted one by one (:meth:`PolarsScan.run` gives them): the engine's second
    pass reads the file with the blank lines skipped and the short ones set aside
    (``broken_lines``), numbered as Arrow's reader numbers them; with a quote in the file,
    or too many broken lines, it goes to Arrow's reader. So does any parse error; a cell that
    does not convert on the typed pass gives NeedTextColumn or NeedTextRead
    (:meth:`PolarsScan._read_error`).
    """
    typed, text_columns, broken_lines = mode.typed, mode.text_columns, mode.broken_lines
    renames = map_header(path, head.header, required, mapping, layout.header_errors)
    # Header names may repeat (unknown columns): columns are named by position.
    positions = {f"column_{number}": name for number, name in enumerate(head.header)}
    further_down = rows_across(path, head.delimiter, len(head.header)) if typed else []
    worded = worded_by_mapping(renames, mapping)
    types = column_types(head, renames, typed, text_columns | worded, further_down)
    overrides = {position: types.get(name, pl.String) for position, name in positions.items()}
    scan_result = scan_in_background(path)
    frame = _file_query(path, head, renames, overrides, broken_lines)
    # The SHA-256 is the background scan's, put in when the query has read the file.
    source = file_described(
        path, "csv", sha256=None, encoding=head.encoding, delimiter=head.delimiter
    )
    typed_columns = {
        position: name for position, name in positions.items() if overrides[position] != pl.String
    }
    whole = PolarsScan(
        frame,
        path,
        head.header,
        head.delimiter,
        typed_columns,
        text_columns,
        scan_result,
        source,
        broken_lines,
        chunk_rows=mode.batch_rows,
        header_line_breaks=layout.line_breaks_above,
    )
    layout = replace(layout, header=head.header)  # as polars names the columns
    return CensusStream(
        source,
        iter(()),  # read as one query (``whole``), never in batches
        renames,
        parser="polars",
        whole=whole,
        layout=layout,
        conventions=_conventions(path, head, layout, renames, required, further_down, mode, types),
        cells_seen=_cells_seen(head, renames, further_down),
    )


_KINDS_SEEN = (*WORD_KINDS, "int", "id")


def _cells_seen(
    head: PlainUtf8Head, renames: dict[str, str], further_down: list[list[str]]
) -> dict[str, list[str]]:
    """The distinct cells of the word, number and id columns in the file's first rows and
    the rows sampled across it."""
    rows = [*head.sample, *further_down]
    seen: dict[str, list[str]] = {}
    for number, name in enumerate(head.header):
        canonical = renames.get(name)
        if canonical is not None and COLUMN_SPECS[canonical].kind in _KINDS_SEEN:
            seen[canonical] = list(dict.fromkeys(row[number] for row in rows if number < len(row)))
    return seen


def _conventions(
    path: Path,
    head: PlainUtf8Head,
    layout: TableLayout,
    renames: dict[str, str],
    required: list[str],
    further_down: list[list[str]],
    mode: ReadMode,
    types: dict[str, pl.DataType],
) -> ColumnConventions:
    """How the file's columns write numbers and yes/no, looked at in the whole file when its
    first rows, cells sampled across it, or one a typed read failed on are written so that
    the whole column decides them ("950.000", "1.200.000 đ"); only the columns read as text
    (``types``: polars' type of each column, by header) and those they depend on."""
    as_text = [
        canonical for name, canonical in renames.items() if types.get(name, pl.String) == pl.String
    ]
    across = {
        canonical: [row[p] for row in further_down if p < len(row)]
        for p, name in enumerate(head.header)
        if (canonical := renames.get(name)) is not None
    }
    look = mode.conventions or may_need_conventions(across)
    return csv_conventions(
        path,
        head.delimiter,
        layout,
        renames,
        head.head_rows,
        required,
        file_identity(path),
        look,
        as_text,
    )

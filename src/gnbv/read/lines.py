"""A plain file's lines counted over its bytes with numpy, when a parse calls for them.

A polars read that may have taken a short line for a row: the delimiters counted
(:func:`count_byte`) and, if they do not add up, the short and blank lines found
(:func:`find_broken_lines`) for the engine's second pass to set aside. A read that went wrong
in a file with quotes: the stray quote that made rows part of one cell found
(:func:`find_open_quote`; :class:`StrayQuote` for Arrow's reader), and the file refused with
its line and column.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gnbv.errors import CensusReadError
from gnbv.read.scan import CHUNK, file_identity
from gnbv.read.streamed import Streamed

Text = Path | Streamed
"""A census's text as UTF-8 bytes: the file itself, or a gzip file's or another encoding's
read through a conversion."""


def _windows(text: Text) -> Iterator[tuple[int, Any]]:
    """A text's bytes a window at a time, as numpy arrays, with each window's offset."""
    import numpy as np

    if isinstance(text, Path):
        yield from _mapped_windows(text)
    else:
        with text.open() as handle:
            start = 0
            while chunk := handle.read(CHUNK):
                yield start, np.frombuffer(chunk, dtype=np.uint8)
                start += len(chunk)


def _mapped_windows(path: Path) -> Iterator[tuple[int, Any]]:
    """The file's bytes as numpy arrays over a window of it mapped in memory at a time (no
    copy), with each window's offset. An array must be dropped before the next is asked for
    (the window cannot close while an array still points into it)."""
    import numpy as np

    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        for start in range(0, size, CHUNK):
            length = min(CHUNK, size - start)
            with mmap.mmap(
                handle.fileno(), length, offset=start, access=mmap.ACCESS_READ
            ) as window:
                yield start, np.frombuffer(window, dtype=np.uint8)


def count_byte(path: Path, byte: str) -> int:
    """How many times ``byte`` (one ASCII character) occurs in the file, counted over the
    file mapped a window at a time (about 0.3 s a GB; ``bytes.count`` takes three times
    that)."""
    import numpy as np

    code = ord(byte)
    total = 0
    for _, values in _mapped_windows(path):
        total += int(np.count_nonzero(values == code))
        del values
    return total


BROKEN_LINES_KEPT = 1_000_000
"""More blank or short lines than this: :func:`find_broken_lines` gives up (Arrow's reader
then sets them aside, slowly but in bounded memory)."""


@dataclass(frozen=True)
class BrokenLines:
    """The lines of a file without quotes that are not whole rows (numbered from 0, the
    header), found by counting delimiters line by line."""

    file_key: tuple[str, int, int] | None
    """The file as it was counted (see :func:`file_identity`): the lines hold only for it."""
    blank: Any
    """Empty lines (also "\r" alone), sorted: not rows at all, as Arrow's reader skips them."""
    short: Any
    """Lines with another number of delimiters than the header, sorted."""
    short_spans: Any
    """Byte offset of the start and end (before the line break) of each short line."""

    def describe(self) -> str:
        return f"{len(self.short)} short and {len(self.blank)} blank lines"

    def unchanged(self, path: Path) -> bool:
        return self.file_key is not None and file_identity(path) == self.file_key


def find_broken_lines(path: Path, delimiter: str, fields: int) -> BrokenLines | None:
    """The blank and short lines of a file without quotes (every delimiter then ends a
    field), counted over the mapped file with numpy: about 2 CPU-s a GB. None if there are
    more than :data:`BROKEN_LINES_KEPT`."""
    import numpy as np

    key = file_identity(path)
    wanted, code = fields - 1, ord(delimiter)
    blank: list[Any] = []
    short: list[Any] = []
    spans: list[Any] = []
    found = 0
    line = 0  # number of the first line that begins in this window
    # The line cut by the end of the previous window: its start, delimiters, last byte.
    open_start, open_delimiters, open_last = 0, 0, -1
    for start, values in _mapped_windows(path):
        breaks = np.flatnonzero(values == 10)
        delimiters = np.flatnonzero(values == code)
        if len(breaks):
            counts = np.diff(np.searchsorted(delimiters, breaks), prepend=0)
            counts[0] += open_delimiters
            begins = np.concatenate(([open_start], start + breaks[:-1] + 1))
            ends = start + breaks
            before = breaks - 1  # the byte before each line break: "\r"?
            last_bytes = np.where(before >= 0, values[np.maximum(before, 0)], open_last)
            ends = ends - (last_bytes == 13)
            empty = ends == begins
            broken_short = np.flatnonzero((counts != wanted) & ~empty)
            broken_blank = np.flatnonzero(empty)
            blank.append(line + broken_blank)
            short.append(line + broken_short)
            spans.append(np.stack((begins[broken_short], ends[broken_short]), axis=1))
            found += len(broken_short) + len(broken_blank)
            line += len(breaks)
            tail = int(breaks[-1]) + 1
            open_start = start + tail
            open_delimiters = len(delimiters) - int(np.searchsorted(delimiters, tail))
        else:
            open_delimiters += len(delimiters)
        if len(values):
            open_last = int(values[-1])
        del values  # before the window closes
        if found > BROKEN_LINES_KEPT:
            return None
    size = key[1] if key is not None else open_start
    if open_start < size:  # a last line without a line break
        end = size - (open_last == 13)
        if end == open_start:
            blank.append(np.array([line]))
        elif open_delimiters != wanted:
            short.append(np.array([line]))
            spans.append(np.array([[open_start, end]]))

    def joined(parts: list[Any]) -> Any:
        every = np.concatenate([np.zeros(0, dtype=np.int64), *parts]).astype(np.int64)
        return every[every > 0]  # line 0 is the header

    short_lines = np.concatenate([np.zeros(0, dtype=np.int64), *short]).astype(np.int64)
    short_spans = np.concatenate([np.zeros((0, 2), dtype=np.int64), *spans]).astype(np.int64)
    keep = short_lines > 0
    return BrokenLines(key, joined(blank), short_lines[keep], short_spans[keep])


@dataclass(frozen=True)
class OpenQuote:
    """A double quote that opens a cell and is not closed on its line, with the whole rows
    that lie inside the cell it opens: a stray quote, which would make them one cell."""

    line: int
    """The file's line (1 the first) where the quote opens."""
    field: int
    """The cell it opens (0 the first)."""
    rows_inside: int
    """Lines wholly inside quoted cells that hold a whole row's delimiters."""


def find_open_quote(text: Text, delimiter: str, fields: int) -> OpenQuote | None:
    """The first stray quote of a file whose parse went wrong, if a quote is the cause.

    Every quote opens or closes a quoted cell (an escaped ``""`` does both), so a line
    begins inside a quoted cell when the quotes before it are odd in number. A cell may
    hold a line break (a note typed on two lines in Excel); a line wholly inside a cell (it
    begins and ends there) that holds as many delimiters as a whole row, though, is a row a
    stray quote swallowed. Counted with numpy a window at a time; asked only once a parse
    went wrong or read fewer rows than the file has lines, because a quote in the middle of
    an unquoted cell (``5"``) is text to a CSV reader and would mislead the count.
    ``text``: a UTF-8 file, or another's text read as UTF-8 (:mod:`gnbv.read.streamed`)."""
    import numpy as np

    code, wanted = ord(delimiter), fields - 1
    parity = 0  # quotes before the current window, modulo 2
    line = 0  # the first line that begins in the current window
    line_parity = 0  # parity at the start of the line cut by the window's start
    open_start, open_delimiters = 0, 0
    outside_line, outside_start = 0, 0  # the last line that began outside a quoted cell
    opener: tuple[int, int] | None = None
    inside = 0
    for start, values in _windows(text):
        quotes = np.flatnonzero(values == 34)
        breaks = np.flatnonzero(values == 10)
        delimiters = np.flatnonzero(values == code)
        if len(breaks):
            after = (parity + np.searchsorted(quotes, breaks)) % 2  # at each line's end
            begins_inside = np.concatenate(([line_parity], after[:-1])) == 1
            ends_inside = after == 1
            counts = np.diff(np.searchsorted(delimiters, breaks), prepend=0)
            counts[0] += open_delimiters
            begins = np.concatenate(([open_start], start + breaks[:-1] + 1))
            swallowed = np.flatnonzero(begins_inside & ends_inside & (counts >= wanted))
            outside = np.flatnonzero(~begins_inside)
            if len(swallowed) and opener is None:
                before = outside[outside < swallowed[0]]
                opener = (
                    (line + int(before[-1]), int(begins[before[-1]]))
                    if len(before)
                    else (outside_line, outside_start)
                )
            inside += len(swallowed)
            if len(outside):
                outside_line, outside_start = line + int(outside[-1]), int(begins[outside[-1]])
            line_parity = int(after[-1])
            line += len(breaks)
            open_start = start + int(breaks[-1]) + 1
            open_delimiters = len(delimiters) - int(np.searchsorted(delimiters, breaks[-1] + 1))
        else:
            open_delimiters += len(delimiters)
        parity = (parity + len(quotes)) % 2
        del values, quotes, breaks, delimiters  # before the window closes
    if line_parity == 1 and open_delimiters >= wanted:  # a last line without a line break
        opener = opener or (outside_line, outside_start)
        inside += 1
    if opener is None:
        return None
    return OpenQuote(opener[0] + 1, _opened_field(text, opener[1], delimiter), inside)


def open_quote_error(path: Path, quote: OpenQuote | None, header: list[str]) -> CensusReadError:
    """The file refused: a stray quote makes whole rows part of one cell, and their
    households would be lost from every count. Where it is, when the bytes tell."""
    if quote is None:  # a compressed or UTF-16 file: the reader says only that much
        return CensusReadError(
            f"{path}: a double quote opens a cell and is not closed on its line: the rows "
            "after it would be read as part of that cell",
            hint='find the stray double quote (") and remove or close it, then run again',
            key="err_open_quote_somewhere",
            params={"path": path},
        )
    column = header[quote.field] if quote.field < len(header) else str(quote.field + 1)
    params = {"path": path, "line": quote.line, "column": column, "rows": quote.rows_inside}
    return CensusReadError(
        f"{path}: line {quote.line}, column {column!r}: a double quote opens a cell and is not "
        f"closed on its line: {quote.rows_inside} rows after it would be read as part of "
        "that cell",
        hint=f"remove the stray double quote on line {quote.line} (or close it), then run again",
        key="err_open_quote",
        params=params,
    )


class StrayQuote:
    """A quote that opens a cell and is not closed on its line makes the rows after it part
    of that cell: Arrow's reader then sets them aside as one broken row (or, past a block,
    cannot go on), or, closed by another stray quote, reads them as one row. The file is
    refused, with the quote's line and column."""

    def __init__(self, path: Path, delimiter: str, header: list[str], text: Text) -> None:
        self.path, self.delimiter, self.header = path, delimiter, header
        self.text = text

    def refuse_swallowing(self, broken: list[tuple[int, str]]) -> None:
        """Raise if a broken row spans several lines and a stray quote is the cause."""
        if any("\n" in text for _, text in broken):
            quote = self.located()
            if quote is not None:
                raise open_quote_error(self.path, quote, self.header)

    def refuse_rows_in_cells(self, lines_read: int, lines: int, quotes: int) -> None:
        """After the read (the file's ``lines`` and ``quotes`` counted as it was read): a
        stray pair of quotes makes the rows between them part of one cell of a whole row,
        which no count of fields shows. A file with quotes and more lines than the rows read
        and the lines above them (a cell holds a line break, or blank lines) is searched for
        it."""
        if quotes and lines > lines_read:
            quote = self.located()
            if quote is not None:
                raise open_quote_error(self.path, quote, self.header)

    def located(self) -> OpenQuote | None:
        """The stray quote, if the file's text holds one."""
        return find_open_quote(self.text, self.delimiter, len(self.header))


def _opened_field(text: Text, start: int, delimiter: str) -> int:
    """The cell of the line beginning at byte ``start`` that its last unclosed quote opens."""
    with text.open("rb") if isinstance(text, Path) else text.open() as handle:
        if handle.seekable():  # a gzip file decompresses up to it
            handle.seek(start)
        else:  # a converted text is read up to it
            while start > 0 and (block := handle.read(min(start, CHUNK))):
                start -= len(block)
        line = handle.readline()
    inside, field, opened = False, 0, 0
    for character in line.decode("utf-8", errors="replace"):
        if character == '"':
            inside = not inside
            if inside:
                opened = field
        elif character == delimiter and not inside:
            field += 1
    return opened


PIECE_BYTES = 8 * 1024 * 1024
"""A converted text handed to polars' reader at a time (:func:`whole_rows`)."""


def whole_rows(text: Streamed, size: int = PIECE_BYTES) -> Iterator[bytes]:
    """A text read through a conversion, in pieces of about ``size`` bytes that each end
    with a line break outside quoted cells (a cell may hold one): polars' reader parses each
    as it would the whole text. A stray quote (no line break outside quotes in four pieces)
    cuts the piece anyway: such a file is refused by the read."""
    rest = b""
    with text.open() as handle:
        while block := handle.read(size):
            held = rest + block
            end = _last_row_end(held)
            if end == 0 and len(held) < 4 * size:
                rest = held
                continue
            end = end or len(held)
            yield held[:end]
            rest = held[end:]
    if rest:
        yield rest


def _last_row_end(text: bytes) -> int:
    """Where the last whole row of ``text`` (which begins outside quotes) ends: after its
    last line break outside quoted cells; 0 if there is none."""
    import numpy as np

    if b'"' not in text:
        return text.rfind(b"\n") + 1
    values = np.frombuffer(text, dtype=np.uint8)
    quotes = np.flatnonzero(values == 34)
    breaks = np.flatnonzero(values == 10)
    outside = breaks[np.searchsorted(quotes, breaks) % 2 == 0]
    return int(outside[-1]) + 1 if len(outside) else 0


def read_span(path: Path, span: tuple[int, int]) -> str:
    """The text between two byte offsets of a UTF-8 file (a short line, for its report)."""
    with path.open("rb") as handle:
        handle.seek(span[0])
        return handle.read(span[1] - span[0]).decode("utf-8", errors="replace")

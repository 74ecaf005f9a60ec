"""The background scan of a census file: its bytes read once, beside the parse.

One pass computes the file's SHA-256 (reported, so two reports can be tied to the same
input), finds NUL bytes and the first quote, and checks UTF-8; ``gnbv check`` starts it
before the heavy imports (:func:`start_early_scan`) and the reader takes it up
(:func:`scan_in_background`). When a row may be cut short, the file's delimiters are counted
(:func:`count_byte`) and, if needed, its short and blank lines found
(:func:`find_broken_lines`).
"""

from __future__ import annotations

import hashlib
import mmap
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gnbv.errors import CensusReadError

CHUNK = 8 * 1024 * 1024
"""Bytes read at a time."""


@dataclass
class Scan:
    sha256: str
    size: int
    first_nul: int | None
    first_non_utf8: int | None
    head: bytes
    first_quote: int | None = None
    """Byte offset of the first '"': a file without one can be parsed without quoting."""


class _Utf8Check:
    """The offset of the first byte that is not UTF-8, fed the file chunk by chunk."""

    def __init__(self) -> None:
        self.offset = 0
        self.first_bad: int | None = None
        self.carry = b""  # an incomplete UTF-8 sequence cut by the end of a chunk

    def feed(self, chunk: bytes) -> None:
        if self.first_bad is None:
            data = self.carry + chunk
            start = self.offset - len(self.carry)
            try:
                data.decode("utf-8")
                self.carry = b""
            except UnicodeDecodeError as error:
                if error.reason == "unexpected end of data" and len(data) - error.start < 4:
                    self.carry = data[error.start :]
                else:
                    self.first_bad = start + error.start
        self.offset += len(chunk)

    def result(self) -> int | None:
        if self.first_bad is None and self.carry:
            return self.offset - len(self.carry)  # the file ends inside a character
        return self.first_bad


def file_sha256(path: Path) -> str:
    """The file's SHA-256 (said in the report; a CSV's comes with its scan, :func:`_scan`)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _scan(path: Path, check_utf8: bool = True) -> Scan:
    digest = hashlib.sha256()
    offset, first_nul, first_quote = 0, None, None
    utf8 = _Utf8Check()
    head = b""
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            if not head:
                head = chunk[:65536]
            digest.update(chunk)
            if first_nul is None and (position := chunk.find(b"\0")) >= 0:
                first_nul = offset + position
            if first_quote is None and (position := chunk.find(b'"')) >= 0:
                first_quote = offset + position
            if check_utf8:
                utf8.feed(chunk)
            offset += len(chunk)
    return Scan(digest.hexdigest(), offset, first_nul, utf8.result(), head, first_quote)


def _first_non_utf8(path: Path) -> int | None:
    """Byte offset of the first byte that is not UTF-8 (the UTF-8 check of :func:`_scan`)."""
    utf8 = _Utf8Check()
    with path.open("rb") as handle:
        while (chunk := handle.read(CHUNK)) and utf8.first_bad is None:
            utf8.feed(chunk)
    return utf8.result()


def scan_reusing_earlier(path: Path, check_utf8: bool) -> Scan:
    """:func:`_scan`, taking the SHA-256 and NUL bytes from a scan of the same unchanged file
    started earlier (:func:`scan_in_background`: the file falls back from polars to Arrow's
    reader) rather than hashing it a second time; only the UTF-8 check is then read again."""
    key = file_identity(path)
    with _scans_lock:
        earlier = _scans.get(key) if key is not None else None
    if earlier is None:
        return _scan(path, check_utf8)
    try:
        scan = earlier.result()
    except OSError:
        return _scan(path, check_utf8)  # say what is wrong with the file as a fresh read does
    if file_identity(path) != key:
        return _scan(path, check_utf8)  # changed while it was scanned
    return replace(scan, first_non_utf8=_first_non_utf8(path) if check_utf8 else None)


EARLY_SCAN_MIN_BYTES = 32 << 20
"""Below this size a census is read in well under a second: no scan is started early."""
_NOT_PLAIN_TEXT = (b"\x1f\x8b", b"PAR1", b"PK\x03\x04")  # gzip, Parquet, xlsx (zip)
_SCANS_KEPT = 4
_scans: OrderedDict[tuple[str, int, int], Future[Scan]] = OrderedDict()
_scans_lock = threading.Lock()


def file_identity(path: Path) -> tuple[str, int, int] | None:
    """The file as it is now: a scan started earlier is reused only if nothing changed."""
    try:
        status = path.stat()
        return str(path.resolve()), status.st_size, status.st_mtime_ns
    except OSError:
        return None


def _scan_mapped(path: Path) -> Scan | None:
    """:func:`_scan` without the UTF-8 check, over the file mapped in memory a window at a
    time: no copy of its bytes (about 15 % less CPU on a 2 GB file), and no more of it
    mapped at once than a read would hold. None if it cannot be mapped (empty, a pipe).

    Only for files polars parses: polars maps them too, so a file cut short while both read
    it ends the process either way.
    """
    digest = hashlib.sha256()
    first_nul = first_quote = None
    head = b""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if not size:
                return None
            for start in range(0, size, CHUNK):  # CHUNK is a multiple of the page size
                length = min(CHUNK, size - start)
                with mmap.mmap(
                    handle.fileno(), length, offset=start, access=mmap.ACCESS_READ
                ) as window:
                    if not head:
                        head = window[:65536]
                    with memoryview(window) as view:
                        digest.update(view)
                    if first_nul is None and (position := window.find(b"\0")) >= 0:
                        first_nul = start + position
                    if first_quote is None and (position := window.find(b'"')) >= 0:
                        first_quote = start + position
    except (OSError, ValueError):
        return None
    return Scan(digest.hexdigest(), size, first_nul, None, head, first_quote)


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


def find_open_quote(path: Path, delimiter: str, fields: int) -> OpenQuote | None:
    """The first stray quote of a file whose parse went wrong, if a quote is the cause.

    Every quote opens or closes a quoted cell (an escaped ``""`` does both), so a line
    begins inside a quoted cell when the quotes before it are odd in number. A cell may
    hold a line break (a note typed on two lines in Excel); a line wholly inside a cell (it
    begins and ends there) that holds as many delimiters as a whole row, though, is a row a
    stray quote swallowed. Counted
    over the mapped file with numpy; asked only once a parse went wrong, because a quote in
    the middle of an unquoted cell (``5"``) is text to a CSV reader and would mislead the
    count. Works on the bytes of UTF-8 and cp1258 files (not UTF-16, not gzip)."""
    import numpy as np

    code, wanted = ord(delimiter), fields - 1
    parity = 0  # quotes before the current window, modulo 2
    line = 0  # the first line that begins in the current window
    line_parity = 0  # parity at the start of the line cut by the window's start
    open_start, open_delimiters = 0, 0
    outside_line, outside_start = 0, 0  # the last line that began outside a quoted cell
    opener: tuple[int, int] | None = None
    inside = 0
    for start, values in _mapped_windows(path):
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
    return OpenQuote(opener[0] + 1, _opened_field(path, opener[1], delimiter), inside)


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


def _opened_field(path: Path, start: int, delimiter: str) -> int:
    """The cell of the line beginning at byte ``start`` that its last unclosed quote opens."""
    with path.open("rb") as handle:
        handle.seek(start)
        text = handle.readline().decode("utf-8", errors="replace")
    inside, field, opened = False, 0, 0
    for character in text:
        if character == '"':
            inside = not inside
            if inside:
                opened = field
        elif character == delimiter and not inside:
            field += 1
    return opened


def read_span(path: Path, span: tuple[int, int]) -> str:
    """The text between two byte offsets of a UTF-8 file (a short line, for its report)."""
    with path.open("rb") as handle:
        handle.seek(span[0])
        return handle.read(span[1] - span[0]).decode("utf-8", errors="replace")


def _run_scan(path: Path, future: Future[Scan]) -> None:
    try:
        future.set_result(_scan_mapped(path) or _scan(path, False))
    except BaseException as error:  # handed to whoever waits for the result
        future.set_exception(error)


def scan_in_background(path: Path) -> Future[Scan]:
    """SHA-256 and NUL bytes of the whole file, computed while the parser works.

    A scan of the same unchanged file started earlier (:func:`start_early_scan`, or an
    earlier pass over the file) is reused rather than started again.
    """
    key = file_identity(path)
    with _scans_lock:
        if key is not None and key in _scans:
            return _scans[key]
        future: Future[Scan] = Future()
        if key is not None:
            _scans[key] = future
            while len(_scans) > _SCANS_KEPT:
                _scans.popitem(last=False)
    # A daemon thread: a scan nobody waits for any more does not hold up the exit.
    threading.Thread(target=_run_scan, args=(path, future), name="gnbv-scan", daemon=True).start()
    return future


def start_early_scan(path: Path) -> None:
    """Start scanning a large plain-text census now, before the heavy imports.

    Python imports pandas and polars on one core for about a second; the scan (SHA-256 at
    about 1 GB/s) uses the other. Nothing is started for small files or for files that are
    clearly gzip, Parquet or Excel; a file read some other way just leaves the scan unused.
    """
    try:
        if not path.is_file() or path.stat().st_size < EARLY_SCAN_MIN_BYTES:
            return
        with path.open("rb") as handle:
            if handle.read(4).startswith(_NOT_PLAIN_TEXT):
                return
    except OSError:
        return  # the reader says what is wrong with the file
    scan_in_background(path)


def refuse_nul(path: Path, scan: Scan) -> None:
    """A NUL byte anywhere means the file is not text."""
    if scan.first_nul is not None:
        raise CensusReadError(
            f"{path}: not a text file: NUL byte at byte offset {scan.first_nul}",
            hint="export the census as CSV (or give the .xlsx workbook itself)",
            key="err_nul",
            params={"path": path, "offset": scan.first_nul},
        )

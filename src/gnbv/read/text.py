"""Find out how a census text file is written: encoding (:mod:`gnbv.read.encoding`),
delimiter, the rows above and at its header; refuse what is not text.

The file's bytes are scanned once (:mod:`gnbv.read.scan`: SHA-256, NUL bytes, UTF-8).
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from gnbv.errors import CensusReadError
from gnbv.read.encoding import (
    CP1258_VIETNAMESE,
    ENCODING_ALIASES,
    choose_encoding,
    encoding_named,
    gzip_not_utf8,
    utf8_head,
)
from gnbv.read.scan import file_sha256, scan_reusing_earlier
from gnbv.read.streamed import Streamed

DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class TextSource:
    path: Path
    encoding: str
    delimiter: str
    sha256: str
    text: Path | Streamed
    """The file's text as UTF-8: the file itself, or read through a conversion (another
    encoding, gzip), never held whole."""
    header: list[str]
    head_rows: list[list[str]] = field(default_factory=list)
    """The file's first rows split into cells (blank lines as []): where the header is
    looked for (:mod:`gnbv.read.layout`)."""

    def read_all(self) -> str:
        """The whole text (for small files, or whole reads)."""
        if isinstance(self.text, Streamed):
            return self.text.read_all()
        return self.path.read_text("utf-8-sig")


def _split_header(path: Path, text: str, delimiter: str) -> list[str]:
    """The first row of ``text`` split into cells."""
    try:
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    except csv.Error as error:
        raise CensusReadError(
            f"{path}: the header cannot be read as CSV ({error})",
            hint="the first line must be the column names",
            key="err_bad_header",
            params={"path": path, "reason": error},
        ) from None


def detect_delimiter(header_line: str, more_lines: list[str] | None = None) -> str:
    """The candidate that splits the header into the most fields (outside quotes); when the
    first line is a title (one field whatever the delimiter), the one that splits any of
    the next lines into the most."""
    best, fields = _widest([header_line])
    if fields <= 1 and more_lines:
        best, fields = _widest(more_lines[:ROWS_FOR_LAYOUT])
    return best if fields > 1 else ","


def _widest(lines: list[str]) -> tuple[str, int]:
    counts = {}
    for delimiter in DELIMITERS:
        try:
            counts[delimiter] = max(len(row) for row in csv.reader(lines, delimiter=delimiter))
        except (csv.Error, ValueError):
            counts[delimiter] = 0
    best = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    return best, counts[best]


ROWS_FOR_LAYOUT = 40
"""The first lines read to find the header row (title rows may come above it)."""


def head_rows(head_text: str, delimiter: str, cut: bool) -> list[list[str]]:
    """The first rows of the file split into cells (``cut``: the text may end inside a row,
    which is left out). A row, as a spreadsheet counts them: a quoted cell may hold a line
    break (a header typed on two lines with Alt+Enter, saved by Excel)."""
    return _records(head_text, delimiter, cut)[:ROWS_FOR_LAYOUT]


def _records(head_text: str, delimiter: str, cut: bool) -> list[list[str]]:
    """The rows of the start of a file split into cells, as a spreadsheet counts them: a
    quoted cell may hold a line break (a header typed on two lines with Alt+Enter, saved by
    Excel). ``cut``: the text is the start of a longer file, its last row left out (it may
    be cut); the rows after one that cannot be split too (the reader says what is wrong)."""
    rows: list[list[str]] = []
    reader = csv.reader(
        io.StringIO(head_text.removeprefix("\ufeff"), newline=""), delimiter=delimiter
    )
    try:
        rows.extend(reader)
    except csv.Error:
        return rows
    return rows[:-1] if cut else rows


def open_text_source(
    path: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    check_utf8: bool = True,
) -> TextSource:
    # Without check_utf8 the caller relies on Arrow, which refuses bytes that are not UTF-8
    # when it converts text; it then opens the file again with the check.
    scan = scan_reusing_earlier(path, check_utf8)
    if scan.size == 0:
        raise CensusReadError(
            f"{path}: the file is empty",
            hint="the first line must be the header",
            key="err_empty",
            params={"path": path},
        )
    chosen = choose_encoding(path, scan, encoding)
    if chosen == "utf-8" and not check_utf8 and not utf8_head(scan.head):
        # The start is not UTF-8 (a cp1258 export with Vietnamese headers): decide the
        # encoding from the whole file now, before the header is read as mojibake.
        scan = scan_reusing_earlier(path, True)
        chosen = choose_encoding(path, scan, encoding)
    text: Path | Streamed = path
    if chosen == "utf-8":
        head_text = scan.head.decode("utf-8", errors="ignore")
    else:
        text = Streamed(path, gzipped=False, codec=chosen, refuse_nul=chosen == "utf-16")
        head_text = _head_of(text)
    chosen_delimiter, header = _read_header(path, head_text, delimiter)
    rows = head_rows(head_text, chosen_delimiter, cut=len(head_text) >= HEAD_CHARACTERS)
    return TextSource(path, chosen, chosen_delimiter, scan.sha256, text, header, rows)


HEAD_CHARACTERS = 65536
"""The start of a converted text where its header is looked for."""


def _head_of(text: Streamed) -> str:
    """The first characters of a converted text (up to 4 bytes each in UTF-8)."""
    with text.open() as handle:
        start = handle.read(4 * HEAD_CHARACTERS + 4)
    return start.decode("utf-8", errors="ignore")[:HEAD_CHARACTERS]


def _read_header(path: Path, head_text: str, delimiter: str | None) -> tuple[str, list[str]]:
    lines = head_text.removeprefix("\ufeff").splitlines()
    if not any(line.strip() for line in lines):
        raise CensusReadError(
            f"{path}: the file is empty or its first line is blank",
            hint="the first line must be the header",
            key="err_empty",
            params={"path": path},
        )
    header_line = lines[0]
    if delimiter is not None:
        if delimiter in ("\\t", "tab", "TAB"):
            delimiter = "\t"
        if len(delimiter) != 1:
            raise CensusReadError(
                f"--delimiter must be one character, not {delimiter!r}",
                key="err_delimiter",
                params={"delimiter": delimiter},
            )
        chosen_delimiter = delimiter
    else:
        chosen_delimiter = detect_delimiter(header_line, lines[1:])
    if header_line.count('"') % 2:  # a quoted name holding a line break: the row goes on
        header_line = head_text.removeprefix("\ufeff")
    return chosen_delimiter, _split_header(path, header_line, chosen_delimiter)


@dataclass(frozen=True)
class PlainUtf8Head:
    """What the fast reader needs to start: the file is UTF-8 as far as its start tells."""

    encoding: str
    delimiter: str
    header: list[str]
    sample: list[list[str]] = field(default_factory=list)
    """The data rows whole in the first 64 KiB, split into cells: a hint of how the columns
    are written (a wrong hint costs speed, never a wrong value)."""
    head_rows: list[list[str]] = field(default_factory=list)
    """The first rows, where the header is looked for (:mod:`gnbv.read.layout`)."""


def sniff_plain_utf8(
    path: Path, *, encoding: str | None, delimiter: str | None
) -> PlainUtf8Head | None:
    """Encoding, delimiter and header from the file's first 64 KiB, without reading the rest.

    None when the start already shows that the careful reader is needed: another encoding
    declared, a UTF-16 byte-order mark, a NUL byte, bytes that are not UTF-8, lines that end
    in a carriage return alone, an empty file.
    The rest of the file is checked by :func:`scan_in_background` and by the parser itself.
    """
    declared = ENCODING_ALIASES.get((encoding or "utf-8").strip().lower())
    if declared not in ("utf-8", "utf-8-sig"):
        return None
    with path.open("rb") as handle:
        head = handle.read(65536)
    if not head or b"\0" in head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\r" in head.rstrip(b"\r").replace(b"\r\n", b""):
        return None  # lines that end in "\r" alone (old Mac exports): polars takes one line
    try:
        head_text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if len(head) - error.start >= 4:  # not just a character cut by the 64 KiB
            return None
        head_text = head[: error.start].decode("utf-8")
    chosen_delimiter, header = _read_header(path, head_text, delimiter)
    chosen = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    # The last row may be cut by the 64 KiB.
    records = _records(head_text, chosen_delimiter, cut=len(head) == 65536)
    rows = records[:ROWS_FOR_LAYOUT]
    return PlainUtf8Head(chosen, chosen_delimiter, header, sample=records[1:], head_rows=rows)


SAMPLED_BLOCKS = 16
SAMPLED_BLOCK_BYTES = 16 * 1024


def rows_across(path: Path, delimiter: str, fields: int) -> list[list[str]]:
    """Rows from blocks spread evenly through a plain UTF-8 file past its first 64 KiB: how
    its columns are written further down (a province's file joins its districts' exports,
    and one district may write "5.650.000" or "có"). Sixteen blocks of 16 KiB (about 1,300
    rows; about 10 ms with what is made of them) find a way of writing used by a sixteenth
    of the rows; a number or yes/no column written so is then read as text from the start
    instead of found by a failed typed read (which reads the file again). Only a hint: a
    block may start inside a quoted cell, so rows that do not split into the header's
    fields are left out; a wrong hint costs speed, never a wrong value."""
    size = path.stat().st_size
    start = 65536
    if size < start + SAMPLED_BLOCKS * SAMPLED_BLOCK_BYTES:
        return []  # small: its failed typed read, if any, costs little
    rows: list[list[str]] = []
    step = (size - start - SAMPLED_BLOCK_BYTES) // SAMPLED_BLOCKS
    with path.open("rb") as handle:
        for number in range(1, SAMPLED_BLOCKS + 1):
            handle.seek(start + number * step)
            text = handle.read(SAMPLED_BLOCK_BYTES).decode("utf-8", errors="replace")
            lines = [line.rstrip("\r") for line in text.split("\n")[1:-1]]  # whole lines
            rows += [row for row in csv.reader(lines, delimiter=delimiter) if len(row) == fields]
    return rows


def open_gzip_text_source(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None
) -> TextSource:
    """A gzip-compressed CSV: the header is read from the decompressed start of the file.

    The whole file is not scanned ahead (that would mean decompressing it twice): its
    encoding is recognised from its decompressed start as a plain file's is (UTF-8, UTF-16,
    cp1258), and a byte that is not UTF-8 further down is found by the CSV reader, which
    then refuses the file (:func:`gzip_not_utf8`).
    """
    import gzip

    digest = file_sha256(path)
    try:
        with gzip.open(path, "rb") as handle:
            head = handle.read(65536)
    except (OSError, EOFError) as error:
        raise CensusReadError(
            f"{path}: not a readable gzip file ({error})",
            key="err_bad_gzip",
            params={"path": path},
        ) from None
    chosen = encoding_named(encoding or "utf-8")
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if encoding is None and not utf16 and not utf8_head(head):
        # Recognised as for a plain file, from its start; a byte that is not UTF-8 further
        # down is found by the CSV reader.
        if not CP1258_VIETNAMESE.search(head):
            raise gzip_not_utf8(path)
        chosen = "cp1258"
    text = Streamed(path, gzipped=True)
    if chosen not in ("utf-8", "utf-8-sig") or utf16:
        text = Streamed(path, gzipped=True, codec="utf-16" if chosen == "utf-8" else chosen)
        head_text = _head_of(text)
    else:
        head_text = head.decode("utf-8", errors="ignore")
    chosen_delimiter, header = _read_header(path, head_text, delimiter)
    rows = head_rows(head_text, chosen_delimiter, cut=len(head_text) >= HEAD_CHARACTERS)
    return TextSource(path, chosen, chosen_delimiter, digest, text, header, rows)

"""Find out how a census text file is written: encoding, delimiter; refuse what is not text.

One pass over the file computes its SHA-256 (reported, so two reports can be tied to the same
input), finds NUL bytes and checks UTF-8. Encodings, in this order: what ``--encoding`` says;
a byte-order mark (UTF-8 or UTF-16, Excel's "Unicode text"); UTF-8; Windows-1258 (cp1258,
the legacy Vietnamese code page) when the bytes are not UTF-8 but read as Vietnamese in cp1258.
Anything else is refused with the byte offset of the first byte that is not UTF-8: never read
as mojibake.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import mmap
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from gnbv.errors import CensusReadError

CHUNK = 8 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
ENCODING_ALIASES = {
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf8-sig": "utf-8-sig",
    "utf16": "utf-16",
    "utf-16": "utf-16",
    "utf-16-le": "utf-16-le",
    "utf-16-be": "utf-16-be",
    "cp1258": "cp1258",
    "windows-1258": "cp1258",
    "windows1258": "cp1258",
}
# Vietnamese in cp1258: tone marks are separate combining bytes (0xCC grave, 0xEC acute,
# 0xD2 hook, 0xDE tilde, 0xF2 dot below) after a vowel (ă â ê ô ơ ư have their own bytes).
# Requiring a vowel + tone pair keeps Latin-1 and other non-UTF-8 files from passing as cp1258.
_CP1258_VIETNAMESE = re.compile(
    rb"[AEIOUYaeiouy\xe2\xe3\xea\xf4\xf5\xfd\xc2\xc3\xca\xd4\xd5\xdd][\xcc\xec\xd2\xde\xf2]"
)


@dataclass(frozen=True)
class TextSource:
    path: Path
    encoding: str
    delimiter: str
    sha256: str
    utf8: bytes | None
    """The file re-encoded as UTF-8 when it was not UTF-8; None: read the path as it is."""
    header: list[str]
    head_rows: list[list[str]] = field(default_factory=list)
    """The file's first rows split into cells (blank lines as []): where the header is
    looked for (:mod:`gnbv.read.layout`)."""

    def stream(self) -> Path | io.BytesIO:
        return io.BytesIO(self.utf8) if self.utf8 is not None else self.path


@dataclass
class _Scan:
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


def _scan(path: Path, check_utf8: bool = True) -> _Scan:
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
    return _Scan(digest.hexdigest(), offset, first_nul, utf8.result(), head, first_quote)


def _first_non_utf8(path: Path) -> int | None:
    """Byte offset of the first byte that is not UTF-8 (the UTF-8 check of :func:`_scan`)."""
    utf8 = _Utf8Check()
    with path.open("rb") as handle:
        while (chunk := handle.read(CHUNK)) and utf8.first_bad is None:
            utf8.feed(chunk)
    return utf8.result()


def _scan_reusing_earlier(path: Path, check_utf8: bool) -> _Scan:
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


def _decode(path: Path, encoding: str) -> str:
    data = path.read_bytes()
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise CensusReadError(
            f"{path}: cannot be decoded as {encoding}: byte 0x{data[error.start]:02X} at byte "
            f"offset {error.start}",
            hint="give the file's encoding with --encoding (utf-8, utf-16, cp1258)",
            key="err_cannot_decode",
            params={
                "path": path,
                "encoding": encoding,
                "byte": f"0x{data[error.start]:02X}",
                "offset": error.start,
            },
        ) from None


def encoding_named(declared: str) -> str:
    """The encoding ``--encoding`` names (utf8, UTF-8, windows-1258, …), or a refusal."""
    name = ENCODING_ALIASES.get(declared.strip().lower())
    if name is None:
        raise CensusReadError(
            f"unknown --encoding {declared!r}",
            hint="use utf-8, utf-16 or cp1258",
            key="err_unknown_encoding",
            params={"encoding": declared},
        )
    return name


def _choose_encoding(path: Path, scan: _Scan, declared: str | None) -> str:
    if declared is not None:
        return encoding_named(declared)
    if scan.head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if scan.head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if scan.first_nul is not None:
        raise CensusReadError(
            f"{path}: not a text file: NUL byte at byte offset {scan.first_nul}",
            hint="export the census as CSV (or give the .xlsx workbook itself)",
            key="err_nul",
            params={"path": path, "offset": scan.first_nul},
        )
    if scan.first_non_utf8 is None:
        return "utf-8"
    if _CP1258_VIETNAMESE.search(path.read_bytes()):
        return "cp1258"
    raise CensusReadError(
        f"{path}: not UTF-8: byte 0x{_byte_at(path, scan.first_non_utf8):02X} at byte offset "
        f"{scan.first_non_utf8} cannot be decoded",
        hint="save the file as CSV UTF-8, or give its encoding with --encoding (utf-16, cp1258)",
        key="err_not_utf8",
        params={
            "path": path,
            "byte": f"0x{_byte_at(path, scan.first_non_utf8):02X}",
            "offset": scan.first_non_utf8,
        },
    )


def _utf8_head(head: bytes) -> bool:
    """The file's first bytes are UTF-8 (a character cut at the end of them aside)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return len(head) - error.start < 4
    return True


def _byte_at(path: Path, offset: int) -> int:
    with path.open("rb") as handle:
        handle.seek(offset)
        return handle.read(1)[0]


def _split_header(path: Path, line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter))
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
    """The first lines of the file split into cells (``cut``: the text may end inside a line,
    which is left out)."""
    lines = head_text.removeprefix("\ufeff").splitlines()
    if cut:
        lines = lines[:-1]
    try:
        return list(csv.reader(lines[:ROWS_FOR_LAYOUT], delimiter=delimiter))
    except csv.Error:
        return []


def open_text_source(
    path: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    check_utf8: bool = True,
) -> TextSource:
    # Without check_utf8 the caller relies on Arrow, which refuses bytes that are not UTF-8
    # when it converts text; it then opens the file again with the check.
    scan = _scan_reusing_earlier(path, check_utf8)
    if scan.size == 0:
        raise CensusReadError(
            f"{path}: the file is empty",
            hint="the first line must be the header",
            key="err_empty",
            params={"path": path},
        )
    chosen = _choose_encoding(path, scan, encoding)
    if chosen == "utf-8" and not check_utf8 and not _utf8_head(scan.head):
        # The start is not UTF-8 (a cp1258 export with Vietnamese headers): decide the
        # encoding from the whole file now, before the header is read as mojibake.
        scan = _scan_reusing_earlier(path, True)
        chosen = _choose_encoding(path, scan, encoding)
    if chosen == "utf-8":
        utf8 = None
        head_text = scan.head.decode("utf-8", errors="ignore")
    else:
        text = _decode(path, chosen)
        if chosen == "utf-16" and "\0" in text:
            raise CensusReadError(
                f"{path}: not a text file: NUL character in UTF-16 text",
                key="err_nul_utf16",
                params={"path": path},
            )
        text = text.removeprefix("\ufeff")
        utf8 = text.encode("utf-8")
        head_text = text[:65536]
    chosen_delimiter, header = _read_header(path, head_text, delimiter)
    rows = head_rows(head_text, chosen_delimiter, cut=len(head_text) >= 65536)
    return TextSource(path, chosen, chosen_delimiter, scan.sha256, utf8, header, rows)


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
    return chosen_delimiter, _split_header(path, header_line, chosen_delimiter)


@dataclass(frozen=True)
class PlainUtf8Head:
    """What the fast reader needs to start: the file is UTF-8 as far as its start tells."""

    encoding: str
    delimiter: str
    header: list[str]
    quoted: bool = True
    """Whether the start of the file has a '"' (then quotes are parsed; see ReadMode)."""
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
    declared, a UTF-16 byte-order mark, a NUL byte, bytes that are not UTF-8, an empty file.
    The rest of the file is checked by :func:`scan_in_background` and by the parser itself.
    """
    declared = ENCODING_ALIASES.get((encoding or "utf-8").strip().lower())
    if declared not in ("utf-8", "utf-8-sig"):
        return None
    with path.open("rb") as handle:
        head = handle.read(65536)
    if not head or b"\0" in head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    try:
        head_text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if len(head) - error.start >= 4:  # not just a character cut by the 64 KiB
            return None
        head_text = head[: error.start].decode("utf-8")
    chosen_delimiter, header = _read_header(path, head_text, delimiter)
    chosen = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    lines = head_text.splitlines()
    if len(head) == 65536:
        lines = lines[:-1]  # the last line may be cut by the 64 KiB
    sample = list(csv.reader(lines[1:], delimiter=chosen_delimiter))
    rows = head_rows(head_text, chosen_delimiter, cut=len(head) == 65536)
    return PlainUtf8Head(
        chosen, chosen_delimiter, header, quoted=b'"' in head, sample=sample, head_rows=rows
    )


EARLY_SCAN_MIN_BYTES = 32 << 20
"""Below this size a census is read in well under a second: no scan is started early."""
_NOT_PLAIN_TEXT = (b"\x1f\x8b", b"PAR1", b"PK\x03\x04")  # gzip, Parquet, xlsx (zip)
_SCANS_KEPT = 4
_scans: OrderedDict[tuple[str, int, int], Future[_Scan]] = OrderedDict()
_scans_lock = threading.Lock()


def file_identity(path: Path) -> tuple[str, int, int] | None:
    """The file as it is now: a scan started earlier is reused only if nothing changed."""
    try:
        status = path.stat()
        return str(path.resolve()), status.st_size, status.st_mtime_ns
    except OSError:
        return None


def _scan_mapped(path: Path) -> _Scan | None:
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
    return _Scan(digest.hexdigest(), size, first_nul, None, head, first_quote)


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


def read_span(path: Path, span: tuple[int, int]) -> str:
    """The text between two byte offsets of a UTF-8 file (a short line, for its report)."""
    with path.open("rb") as handle:
        handle.seek(span[0])
        return handle.read(span[1] - span[0]).decode("utf-8", errors="replace")


def _run_scan(path: Path, future: Future[_Scan]) -> None:
    try:
        future.set_result(_scan_mapped(path) or _scan(path, False))
    except BaseException as error:  # handed to whoever waits for the result
        future.set_exception(error)


def scan_in_background(path: Path) -> Future[_Scan]:
    """SHA-256 and NUL bytes of the whole file, computed while the parser works.

    A scan of the same unchanged file started earlier (:func:`start_early_scan`, or an
    earlier pass over the file) is reused rather than started again.
    """
    key = file_identity(path)
    with _scans_lock:
        if key is not None and key in _scans:
            return _scans[key]
        future: Future[_Scan] = Future()
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


def refuse_nul(path: Path, scan: _Scan) -> None:
    """A NUL byte anywhere means the file is not text (as :func:`open_text_source` says)."""
    if scan.first_nul is not None:
        raise CensusReadError(
            f"{path}: not a text file: NUL byte at byte offset {scan.first_nul}",
            hint="export the census as CSV (or give the .xlsx workbook itself)",
            key="err_nul",
            params={"path": path, "offset": scan.first_nul},
        )


def open_gzip_text_source(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None
) -> TextSource:
    """A gzip-compressed CSV: the header is read from the decompressed start of the file.

    The whole file is not scanned ahead (that would mean decompressing it twice): a byte
    that is not UTF-8 is found by the CSV reader, which then refuses the file.
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
    utf8 = None
    if chosen not in ("utf-8", "utf-8-sig") or head.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        with gzip.open(path, "rb") as handle:
            text = handle.read().decode("utf-16" if chosen == "utf-8" else chosen)
        utf8 = text.removeprefix("\ufeff").encode("utf-8")
        head_text = text[:65536]
    else:
        head_text = head.decode("utf-8", errors="ignore")
    chosen_delimiter, header = _read_header(path, head_text, delimiter)
    rows = head_rows(head_text, chosen_delimiter, cut=len(head_text) >= 65536)
    return TextSource(path, chosen, chosen_delimiter, digest, utf8, header, rows)

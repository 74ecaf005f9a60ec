"""The background scan of a census file: its bytes read once, beside the parse.

One pass computes the file's SHA-256 (reported, so two reports can be tied to the same
input), finds NUL bytes and the first quote, and checks UTF-8; ``gnbv check`` starts it
before the heavy imports (:func:`start_early_scan`) and the reader takes it up
(:func:`scan_in_background`). The file's lines, when a parse calls for them, are counted in
:mod:`gnbv.read.lines`.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import threading
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path

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

"""Gzip-compressed census text, opened so that a file cut short (copied or downloaded
incompletely) or damaged is refused with a message wherever it is read, never read only as
far as it goes."""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

from gnbv.errors import CensusReadError


class _CheckedGzip(gzip.GzipFile):
    """A gzip file's text, its reading errors said as the reader says a file's."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "rb")
        self.path = path

    def _refused(self, error: Exception) -> CensusReadError:
        return CensusReadError(
            f"{self.path}: the compressed file is cut short or damaged ({error})",
            hint="copy it again from where it came from, or give the CSV file itself",
            key="err_gzip_cut",
            params={"path": self.path},
        )

    def read(self, size: int | None = -1) -> bytes:
        try:
            return super().read(size)
        except (EOFError, OSError, zlib.error) as error:
            raise self._refused(error) from None

    def read1(self, size: int = -1) -> bytes:
        try:
            return super().read1(size)
        except (EOFError, OSError, zlib.error) as error:
            raise self._refused(error) from None

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        try:
            return super().seek(offset, whence)
        except (EOFError, OSError, zlib.error) as error:
            raise self._refused(error) from None


def open_gzip(path: Path) -> gzip.GzipFile:
    """A gzip file's decompressed bytes, read as they are asked for; a file cut short or
    damaged is refused with a message (:class:`CensusReadError`), wherever it is read."""
    return _CheckedGzip(path)


def refuse_if_damaged(path: Path) -> None:
    """Read a gzip file to its end, nothing kept: :class:`CensusReadError` if it is cut short
    or damaged. For a parse that failed on a compressed file: damage gives garbled text, which
    the parser may meet before the decompression finds the damage (then a message about the
    CSV, or its encoding, would send the user the wrong way)."""
    with open_gzip(path) as handle:
        while handle.read(1 << 20):
            pass

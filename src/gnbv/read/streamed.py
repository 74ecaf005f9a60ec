"""A census's text as UTF-8 bytes, read as it is asked for and never held whole: a gzip file
decompressed, text in another encoding (cp1258, UTF-16) converted a block at a time.

Every reader of such a file (Arrow's parse, the conventions pass, the search for a stray
quote) opens it again through :meth:`Streamed.open`: byte offsets are those of the UTF-8
text, the same for each of them; line numbers are the file's own.
"""

from __future__ import annotations

import codecs
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from gnbv.errors import CensusReadError
from gnbv.read.gzip_text import open_gzip

READ_BYTES = 4 * 1024 * 1024
"""Bytes of the file converted at a time."""


@dataclass(frozen=True)
class Streamed:
    """A text file read as UTF-8 as it is asked for (see the module)."""

    path: Path
    gzipped: bool
    codec: str | None = None
    """The file's encoding, converted to UTF-8; None: its bytes are UTF-8 already."""
    refuse_nul: bool = False
    """A NUL character in the text refuses the file (UTF-16: a binary file read as text)."""

    def open(self) -> IO[bytes]:
        raw: IO[bytes] = (
            cast(IO[bytes], open_gzip(self.path)) if self.gzipped else self.path.open("rb")
        )
        if self.codec is None:
            return raw
        return io.BufferedReader(_Converted(raw, self), buffer_size=READ_BYTES)

    def read_all(self) -> str:
        with self.open() as handle:
            return handle.read().decode("utf-8")


class _Converted(io.RawIOBase):
    """A file's text in ``source.codec`` read as UTF-8; a byte that cannot be decoded is
    refused with its offset in the file (:func:`cannot_decode`)."""

    def __init__(self, raw: IO[bytes], source: Streamed) -> None:
        self.raw, self.source = raw, source
        assert source.codec is not None
        self.decoder: codecs.IncrementalDecoder | None = None  # chosen from the first block
        self.pending = bytearray()
        self.offset = 0  # bytes of the file decoded so far
        self.started = False
        self.ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        while not self.pending and not self.ended:
            self._convert_more()
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        del self.pending[:size]
        return size

    def _convert_more(self) -> None:
        block = self.raw.read(READ_BYTES)
        self.ended = not block
        if self.decoder is None:
            self.decoder = codecs.getincrementaldecoder(_codec_for(self.source.codec, block))()
        held = len(self.decoder.getstate()[0])  # bytes of a character cut by the last block
        try:
            text = self.decoder.decode(block, final=self.ended)
        except UnicodeDecodeError as error:
            assert self.source.codec is not None
            offset = self.offset - held + error.start
            raise cannot_decode(
                self.source.path, self.source.codec, error.object[error.start], offset
            ) from None
        self.offset += len(block)
        if not self.started and text:
            # A byte-order mark is no part of the text (UTF-16 declared with its byte order)
            text, self.started = text.removeprefix("\ufeff"), True
        if self.source.refuse_nul and "\0" in text:
            raise CensusReadError(
                f"{self.source.path}: not a text file: NUL character in UTF-16 text",
                key="err_nul_utf16",
                params={"path": self.source.path},
            )
        self.pending += text.encode("utf-8")

    def close(self) -> None:
        self.raw.close()
        super().close()


def _codec_for(codec: str | None, start: bytes) -> str:
    """The codec that reads a text from its start: UTF-16 without a byte-order mark in this
    machine's byte order, as Python's whole-text decoding reads it (its decoder of a text a
    block at a time refuses it)."""
    assert codec is not None
    if codec == "utf-16" and not start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return f"utf-16-{sys.byteorder[0]}e"
    return codec


def cannot_decode(path: Path, encoding: str, byte: int, offset: int) -> CensusReadError:
    return CensusReadError(
        f"{path}: cannot be decoded as {encoding}: byte 0x{byte:02X} at byte offset {offset}",
        hint="give the file's encoding with --encoding (utf-8, utf-16, cp1258)",
        key="err_cannot_decode",
        params={"path": path, "encoding": encoding, "byte": f"0x{byte:02X}", "offset": offset},
    )

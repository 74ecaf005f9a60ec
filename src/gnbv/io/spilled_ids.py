"""The first pass's id hashes, kept in temporary files rather than in memory.

A national census has tens of millions of households; their 8-byte id hashes (216 MB for 27
million) would be the one part of a streamed check's memory that grows with the file.
Written to disk as they come, in sixteen buckets by their first four bits, they are read
back one bucket at a time when the last batch is in: memory then holds a sixteenth of them.
The files are anonymous (:func:`tempfile.TemporaryFile`): nothing is left behind, even if
the process is killed. No usable temporary directory, or a write that fails (a full disk):
the hashes go on in memory, as :class:`~gnbv.core.validation.ids.RecordedIds` keeps them.
"""

from __future__ import annotations

import tempfile
from typing import IO

import numpy as np

from gnbv.core.validation.ids import RecordedIds
from gnbv.errors import StorageError

BUCKET_BITS = 4
_SHIFT = np.uint64(64 - BUCKET_BITS)


class SpilledIds(RecordedIds):
    """:class:`RecordedIds` (same answers) with the hashes on disk until the end."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[IO[bytes]] = []
        self.written = [0] * (1 << BUCKET_BITS)
        """Bytes of whole batches in each file (a failed write may leave a part after them)."""
        try:
            # Unbuffered: a write that fails (disk full) fails here, not at a later flush.
            self.files = [tempfile.TemporaryFile(buffering=0) for _ in self.written]
        except OSError:
            self.close()  # no usable temporary directory: the hashes stay in memory

    def add(self, hashes: np.ndarray) -> None:
        if not self.files:
            super().add(hashes)
            return
        hashes = np.asarray(hashes, dtype=np.uint64)
        buckets = (hashes >> _SHIFT).astype(np.uint8)
        in_buckets = hashes[np.argsort(buckets, kind="stable")]
        ends = np.cumsum(np.bincount(buckets, minlength=len(self.files))).tolist()
        starts = [0, *ends[:-1]]
        try:
            for file, start, end in zip(self.files, starts, ends, strict=True):
                _write_all(file, in_buckets[start:end].tobytes())
        except OSError:
            self._to_memory()
            super().add(hashes)
            return
        for bucket, (start, end) in enumerate(zip(starts, ends, strict=True)):
            self.written[bucket] += 8 * (end - start)

    def _to_memory(self) -> None:
        """The hashes of the batches written so far, back in memory; the files closed."""
        for file, size in zip(self.files, self.written, strict=True):
            self.parts.append(np.frombuffer(_read_exactly(file, size), dtype=np.uint64))
        self.close()

    def repeated(self) -> np.ndarray:
        if not self.files:
            return super().repeated()
        found = []
        for file, size in zip(self.files, self.written, strict=True):
            try:
                written = _read_exactly(file, size)
            except OSError as error:
                self.close()
                raise StorageError(
                    "the household ids kept in temporary files (to find repeated ids) could "
                    f"not be read back: {error.strerror or error}",
                    hint="set TMPDIR to a folder on a working disk (8 bytes a household) "
                    "and run again",
                    key="err_temporary_read",
                    params={"reason": error.strerror or error},
                ) from error
            self.parts = [np.frombuffer(written, dtype=np.uint64)]
            found.append(super().repeated())  # sorted; the buckets are in order too
        self.close()
        return np.concatenate(found)

    def close(self) -> None:
        for file in self.files:
            file.close()
        self.files = []


def _write_all(file: IO[bytes], data: bytes) -> None:
    """The whole of ``data``: an unbuffered write may take only part of it."""
    view = memoryview(data)
    while view:
        written = file.write(view)
        if not written:
            raise OSError("no byte written")
        view = view[written:]


def _read_exactly(file: IO[bytes], size: int) -> bytes:
    """``size`` bytes from the start of the file (an unbuffered read may return fewer)."""
    file.seek(0)
    chunks = []
    while size:
        chunk = file.read(size)
        if not chunk:
            raise OSError("temporary file shorter than written")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)

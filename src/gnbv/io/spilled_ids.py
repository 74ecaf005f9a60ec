"""The first pass's id hashes, kept in temporary files rather than in memory.

A national census has tens of millions of households; their 8-byte id hashes (216 MB for 27
million) would be the one part of a streamed check's memory that grows with the file.
Written to disk as they come, in sixteen buckets by their first four bits, they are read
back one bucket at a time when the last batch is in: memory then holds a sixteenth of them.
The files are anonymous (:func:`tempfile.TemporaryFile`): nothing is left behind, even if
the process is killed.
"""

from __future__ import annotations

import tempfile
from typing import IO

import numpy as np

from gnbv.core.census import RecordedIds

BUCKET_BITS = 4
_SHIFT = np.uint64(64 - BUCKET_BITS)


class SpilledIds(RecordedIds):
    """:class:`RecordedIds` (same answers) with the hashes on disk until the end."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[IO[bytes]] = []
        try:
            self.files = [tempfile.TemporaryFile() for _ in range(1 << BUCKET_BITS)]
        except OSError:
            self.close()  # no usable temporary directory: the hashes stay in memory

    def add(self, hashes: np.ndarray) -> None:
        if not self.files:
            super().add(hashes)
            return
        hashes = np.asarray(hashes, dtype=np.uint64)
        buckets = (hashes >> _SHIFT).astype(np.uint8)
        in_buckets = hashes[np.argsort(buckets, kind="stable")]
        ends = np.cumsum(np.bincount(buckets, minlength=len(self.files)))
        start = 0
        for file, end in zip(self.files, ends.tolist(), strict=True):
            if end > start:
                file.write(in_buckets[start:end].tobytes())
            start = end

    def repeated(self) -> np.ndarray:
        if not self.files:
            return super().repeated()
        found = []
        for file in self.files:
            file.seek(0)
            self.parts = [np.frombuffer(file.read(), dtype=np.uint64)]
            found.append(super().repeated())  # sorted; the buckets are in order too
        self.close()
        return np.concatenate(found)

    def close(self) -> None:
        for file in self.files:
            file.close()
        self.files = []

"""Household ids across a census read in parts: their hashes, and which were seen before.

A census is validated batch by batch (or its suspect rows as they come); a repeated id may
stand in two batches. Each batch looks its ids up in :class:`SeenIds`: on a first pass every
id's hash is recorded and repeats are found at the end (:class:`RecordedIds`); on a second
pass only the repeated ids are followed (:class:`KnownRepeats`).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
import polars as pl

_ID_HASH_SEED = 20_240_215


def id_hashes(ids: pl.Series) -> pl.Series:
    """64-bit hashes of household ids; one function for every path (the query, the full
    validation, both passes)."""
    return ids.to_frame("household_id").select(id_hash_expression()).to_series()


def id_hash_expression(ids: pl.Expr | None = None) -> pl.Expr:
    """:func:`id_hashes` of the ``household_id`` column inside a query, or of ``ids``: the
    column's ids as the rules read them (trimmed)."""
    written = pl.col("household_id") if ids is None else ids
    return written.cast(pl.String).hash(seed=_ID_HASH_SEED)


class SeenIds(Protocol):
    """Where a batch learns which of its ids an earlier batch of the same file already had."""

    def contains(self, hashes: np.ndarray) -> np.ndarray: ...

    def add(self, hashes: np.ndarray) -> None:
        """The hashes of the batch's kept ids (the caller has removed those found)."""


class RecordedIds:
    """First pass: every kept id's hash is recorded; repeats are looked for once, at the end.

    Looking each batch up in all earlier ones costs more than the rest of the batch's checks;
    sorting the hashes once at the end costs little. 8 bytes a household (80 MB for 10
    million). Two different ids with the same 64-bit hash would be taken for a repeat: with
    30 million ids the chance is about 1 in 40,000.
    """

    def __init__(self) -> None:
        self.parts: list[np.ndarray] = []

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        return np.zeros(len(hashes), dtype=bool)  # answered by repeated(), after the last batch

    def add(self, hashes: np.ndarray) -> None:
        self.parts.append(np.asarray(hashes, dtype=np.uint64))

    def repeated(self) -> np.ndarray:
        """The sorted distinct hashes recorded more than once (usually none)."""
        if not self.parts:
            return np.zeros(0, dtype=np.uint64)
        # Moved part by part into one array, each part freed once copied: np.concatenate
        # would hold every hash twice at the peak (another 80 MB for 10 million).
        every = np.empty(sum(len(part) for part in self.parts), dtype=np.uint64)
        start = 0
        self.parts.reverse()
        while self.parts:
            part = self.parts.pop()
            every[start : start + len(part)] = part
            start += len(part)
        del part
        # Polars sorts on both cores: a third of numpy's time on 10 million hashes.
        every = pl.Series(every).sort(multithreaded=True).to_numpy()
        twice = every[1:][every[1:] == every[:-1]]
        return np.unique(twice)


class KnownRepeats:
    """Second pass, when the first found repeated ids: only those are followed.

    A row is a ``duplicate_id`` when an earlier batch kept the same id; the first row with
    an id is kept, as within a batch.
    """

    def __init__(self, repeated: np.ndarray) -> None:
        self.repeated = np.sort(np.asarray(repeated, dtype=np.uint64))
        self.kept = np.zeros(0, dtype=np.uint64)

    def among_repeated(self, hashes: np.ndarray) -> np.ndarray:
        if not len(self.repeated):
            return np.zeros(len(hashes), dtype=bool)
        position = np.minimum(np.searchsorted(self.repeated, hashes), len(self.repeated) - 1)
        found: np.ndarray = self.repeated[position] == hashes
        return found

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        if not len(self.kept):
            return np.zeros(len(hashes), dtype=bool)
        return np.isin(hashes, self.kept)

    def add(self, hashes: np.ndarray) -> None:
        self.kept = np.union1d(self.kept, hashes[self.among_repeated(hashes)])

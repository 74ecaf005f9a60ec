"""The id hashes kept on disk give the same repeats as kept in memory."""

from __future__ import annotations

import tempfile
from collections import Counter
from typing import IO

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gnbv.core.validation.ids import RecordedIds
from gnbv.io import spilled_ids
from gnbv.io.spilled_ids import SpilledIds

# Small values repeat often; large ones land in the high buckets.
hash_values = st.one_of(st.integers(0, 50), st.integers(2**60, 2**64 - 1))
batches = st.lists(st.lists(hash_values, max_size=30), max_size=8)


def _repeats(store: RecordedIds, parts: list[list[int]]) -> list[int]:
    for part in parts:
        store.add(np.array(part, dtype=np.uint64))
    return store.repeated().tolist()


@given(batches)
def test_repeats_across_batches_on_disk_as_in_memory(parts: list[list[int]]) -> None:
    counts = Counter(value for part in parts for value in part)
    expected = sorted(value for value, count in counts.items() if count > 1)
    spilled = SpilledIds()
    assert _repeats(spilled, parts) == expected
    assert not spilled.files  # closed once read back
    assert _repeats(RecordedIds(), parts) == expected


def test_no_temporary_directory_keeps_the_hashes_in_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(**options: object) -> None:
        raise OSError("read-only file system")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    spilled = SpilledIds()
    assert not spilled.files
    assert _repeats(spilled, [[3, 2**63, 3], [2**63, 5]]) == [3, 2**63]


@given(batches, st.integers(0, 60))
def test_a_disk_that_fills_up_midway_loses_no_hash(parts: list[list[int]], failing: int) -> None:
    """The write that fails may have put part of a batch on disk: only whole batches are
    read back, the rest goes on in memory."""
    counts = Counter(value for part in parts for value in part)
    expected = sorted(value for value, count in counts.items() if count > 1)
    calls = 0
    real_write = spilled_ids._write_all

    def fill_up(file: IO[bytes], data: bytes) -> None:
        nonlocal calls
        calls += 1
        if calls > failing:
            real_write(file, data[: len(data) // 2])  # half of it lands, then the disk is full
            raise OSError(28, "No space left on device")
        real_write(file, data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spilled_ids, "_write_all", fill_up)
        spilled = SpilledIds()
        assert _repeats(spilled, parts) == expected
        assert not spilled.files

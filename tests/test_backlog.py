"""Suspect rows are handed over at once and validated in file order on a thread of ours;
what waits does so on disk, so that polars never buffers a slow consumer's rows (a file of
suspect rows once took 1.96 GB on 10 million rows)."""

from __future__ import annotations

import tempfile
import threading

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gnbv.errors import StorageError
from gnbv.io import backlog as backlog_module
from gnbv.io.backlog import OrderedBacklog


def _frames(sizes: list[int]) -> list[pl.DataFrame]:
    frames, start = [], 0
    for size in sizes:
        frames.append(pl.DataFrame({"row": range(start, start + size), "text": ["Xã Á"] * size}))
        start += size
    return frames


@settings(max_examples=30, deadline=None)
@given(sizes=st.lists(st.integers(0, 50), max_size=12), budget=st.sampled_from([0, 1 << 20]))
def test_frames_are_worked_through_in_order_whether_waiting_in_memory_or_on_disk(
    sizes: list[int], budget: int
) -> None:
    seen: list[pl.DataFrame] = []
    gate = threading.Event()  # the worker waits until every frame is in: most wait on disk

    def work(frame: pl.DataFrame) -> None:
        gate.wait()
        seen.append(frame)

    backlog = OrderedBacklog(work, memory_budget=budget)
    frames = _frames(sizes)
    for frame in frames:
        backlog.put(frame)
    if budget == 0 and any(sizes[1:]):  # a frame with rows put while another waits
        assert any(waiting.file is not None for waiting in backlog._waiting)
    gate.set()
    backlog.finish()
    assert len(seen) == len(frames)
    for got, put in zip(seen, frames, strict=True):
        assert got.equals(put)


def test_an_error_in_the_work_stops_the_query_and_is_raised_once_more_at_the_end() -> None:
    problem = StorageError("the temporary folder is full")
    failed = threading.Event()

    def work(frame: pl.DataFrame) -> None:
        failed.set()
        raise problem

    backlog = OrderedBacklog(work)
    frames = _frames([3, 3, 3])
    backlog.put(frames[0])
    failed.wait()
    backlog._worker.join()
    with pytest.raises(StorageError) as raised:
        backlog.put(frames[1])  # in polars' callback: the query stops with the same error
    assert raised.value is problem
    with pytest.raises(StorageError):
        backlog.finish()


def test_abandoning_drops_what_waits_on_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    files = []
    real = tempfile.TemporaryFile

    def recorded(*args: object, **kwargs: object) -> object:
        file = real(*args, **kwargs)  # type: ignore[call-overload]
        files.append(file)
        return file

    monkeypatch.setattr(backlog_module.tempfile, "TemporaryFile", recorded)
    gate = threading.Event()
    backlog = OrderedBacklog(lambda frame: gate.wait(), memory_budget=0)
    for frame in _frames([5, 5, 5]):
        backlog.put(frame)
    assert len(files) == 2  # the first waits in memory, the others on disk
    gate.set()
    backlog.abandon()
    assert all(file.closed for file in files)


def test_no_temporary_folder_keeps_the_frames_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise OSError("read-only file system")

    monkeypatch.setattr(backlog_module.tempfile, "TemporaryFile", refuse)
    seen: list[int] = []
    gate = threading.Event()

    def work(frame: pl.DataFrame) -> None:
        gate.wait()
        seen.append(frame.height)

    backlog = OrderedBacklog(work, memory_budget=0)
    for frame in _frames([1, 2, 3]):
        backlog.put(frame)
    gate.set()
    backlog.finish()
    assert seen == [1, 2, 3]


@pytest.mark.parametrize("temporary_folder", [True, False])
def test_deferred_work_waits_for_the_whole_file_unless_frames_cannot_wait_on_disk(
    monkeypatch: pytest.MonkeyPatch, temporary_folder: bool
) -> None:
    """Deferred, the full validation starts once the file is read (the read's memory is
    given back first); with no temporary folder the frames would wait in memory, so it works
    through them as they come instead."""
    if not temporary_folder:

        def refuse(*_: object, **__: object) -> None:
            raise OSError("read-only file system")

        monkeypatch.setattr(backlog_module.tempfile, "TemporaryFile", refuse)
    seen: list[int] = []
    backlog = OrderedBacklog(lambda frame: seen.append(frame.height), deferred=True)
    for frame in _frames([1, 2, 3]):
        backlog.put(frame)
    if temporary_folder:
        assert seen == []  # nothing validated while the file is read
    else:
        for _ in range(100):  # the worker started on the second frame
            if len(seen) >= 2:
                break
            threading.Event().wait(0.01)
        assert seen[:2] == [1, 2]
    backlog.finish()
    assert seen == [1, 2, 3]

"""Frames handed over by polars' threads, worked through in order by one thread of ours.

Polars runs the queries of one read of the file together (the sums, the suspect rows, the id
hashes) and feeds each consumer at the pace of the fastest: a consumer that falls behind has
its rows buffered, without bound. The full validation of suspect rows (Python, one core)
falls behind when most rows are suspect (a file that writes its incomes ``2.100.000``): the
buffer then held the whole file (1.96 GB on 10 million rows). So the query only hands the
rows over (:meth:`OrderedBacklog.put` returns at once) and a worker thread validates them,
in file order. What waits beyond a memory budget waits on disk, in anonymous temporary files
(Arrow IPC, ``TMPDIR``; gone when worked through, or if gnbv is killed); with no usable
temporary directory it waits in memory.

The work may wait until the query has read the whole file (``deferred``): the read and the
full validation then do not hold their memory at the same time (a census where every row is
suspect peaks about 60 MB lower, for about a tenth more time; bench/RESULTS.md).
"""

from __future__ import annotations

import tempfile
import threading
from collections import deque
from collections.abc import Callable
from typing import IO

import polars as pl

from gnbv.errors import StorageError

MEMORY_BUDGET = 0
"""Bytes of waiting frames held in memory beyond the first; the others wait on disk. None:
the full validation of a batch takes a few hundred MB of its own (measured on 10 million
suspect rows: 549 MB at the peak with none, 587 with 32 MB, 665 with 64 MB)."""


class _Waiting:
    """One frame waiting its turn: in memory, or written to a temporary file."""

    def __init__(self, frame: pl.DataFrame | None, file: IO[bytes] | None, size: int) -> None:
        self.frame = frame
        self.file = file
        self.size = size
        """Bytes it holds in memory (0 on disk)."""

    def take(self) -> pl.DataFrame:
        if self.frame is not None:
            return self.frame
        assert self.file is not None
        try:
            self.file.seek(0)
            return pl.read_ipc(self.file)
        except OSError as error:
            raise StorageError(
                "rows waiting for the full validation could not be read back from a "
                f"temporary file: {error.strerror or error}",
                hint="set TMPDIR to a folder on a working disk and run again",
                key="err_temporary_read",
                params={"reason": error.strerror or error},
            ) from error
        finally:
            self.file.close()

    def drop(self) -> None:
        if self.file is not None:
            self.file.close()


class OrderedBacklog:
    """``work`` applied to every frame :meth:`put` in, in the order put, on a worker thread.

    :meth:`put` never waits for the work; it raises the worker's error, if any, so that the
    query stops. :meth:`finish` waits for the last frame and raises the worker's error;
    :meth:`abandon` drops what is left (a failed query). ``deferred``: the worker starts at
    :meth:`finish` (or as soon as a frame cannot wait on disk).
    """

    def __init__(
        self,
        work: Callable[[pl.DataFrame], None],
        memory_budget: int = MEMORY_BUDGET,
        *,
        deferred: bool = False,
    ) -> None:
        self._work = work
        self._budget = memory_budget
        self._waiting: deque[_Waiting] = deque()
        self._in_memory = 0
        self._closed = False
        self._condition = threading.Condition()
        self.error: BaseException | None = None
        self._worker = threading.Thread(target=self._run, name="gnbv-validate", daemon=True)
        if not deferred:
            self._worker.start()

    def _start(self) -> None:
        with self._condition:
            if self._worker.ident is None:  # not started yet
                self._worker.start()

    def put(self, frame: pl.DataFrame) -> None:
        if self.error is not None:
            raise self.error
        size = int(frame.estimated_size())
        with self._condition:
            over_budget = self._waiting and self._in_memory + size > self._budget
        waiting = self._spilled(frame) if over_budget else None
        if waiting is None:
            if over_budget:
                self._start()  # it cannot wait on disk: worked through as it comes
            waiting = _Waiting(frame, None, size)
        with self._condition:
            self._in_memory += waiting.size
            self._waiting.append(waiting)
            self._condition.notify()

    @staticmethod
    def _spilled(frame: pl.DataFrame) -> _Waiting | None:
        """The frame written to an anonymous temporary file; None if that fails."""
        try:
            file = tempfile.TemporaryFile()
        except OSError:
            return None
        try:
            frame.write_ipc(file, compression="lz4")
        except OSError:
            file.close()
            return None  # a full disk: it waits in memory
        return _Waiting(None, file, 0)

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._waiting and not self._closed:
                    self._condition.wait()
                if not self._waiting:
                    return
                waiting = self._waiting[0]
            try:
                self._work(waiting.take())
            except BaseException as error:  # handed to the query's thread (put, finish)
                self.error = error
                self._drop_waiting()
                return
            finally:
                waiting.frame = None
            with self._condition:
                if self._waiting and self._waiting[0] is waiting:  # not dropped meanwhile
                    self._waiting.popleft()
                    self._in_memory -= waiting.size

    def _drop_waiting(self) -> None:
        with self._condition:
            while self._waiting:
                self._waiting.popleft().drop()
            self._in_memory = 0

    def finish(self) -> None:
        """Wait until every frame put in is worked through; raise the worker's error."""
        with self._condition:
            self._closed = True
            self._condition.notify()
        self._start()
        self._worker.join()
        if self.error is not None:
            raise self.error

    def abandon(self) -> None:
        """The frames not yet worked through are dropped; the worker ends after its frame."""
        self._drop_waiting()
        with self._condition:
            self._closed = True
            self._condition.notify()
        if self._worker.ident is not None:
            self._worker.join()

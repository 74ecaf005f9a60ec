"""The census engine: a census file read once (twice when the whole file must be seen
first), its clean rows summed by the query, its suspect rows validated and kept.

:func:`stream_census` is the one entry. A pass reads the file as the reader hands it over:
a whole-file polars query (plain UTF-8 CSV) or batches (every other file); either way the
rows go through :class:`gnbv.core.validation.query.CensusQuery` (clean rows summed) and the others
through :func:`gnbv.core.validation.batch.validate_census` (every problem named), kept by a
:class:`gnbv.tally.Tally` (counts, first problems, rejects, sums). What only the whole file shows
(repeated ids; a key cell the rules reject, found on the sums) makes a second pass that
follows those rows (:class:`gnbv.core.validation.query.FollowUp`). Memory does not grow with the
file.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl

from gnbv.core.contract.columns import required_columns
from gnbv.core.contract.mapping import ColumnMapping
from gnbv.core.contract.rules import CensusOptions, WordJudge
from gnbv.core.plan.standards import Standard
from gnbv.core.validation.batch import CensusValidation
from gnbv.core.validation.ids import KnownRepeats, RecordedIds
from gnbv.core.validation.query import CensusQuery, FollowUp
from gnbv.core.validation.sums import SUSPECT
from gnbv.io.backlog import OrderedBacklog
from gnbv.io.rejects import RejectsTarget
from gnbv.io.spilled_ids import SpilledIds
from gnbv.io.yaml_loader import load_column_mapping
from gnbv.read.census import open_census_stream, with_read_retries
from gnbv.read.lines import BrokenLines
from gnbv.read.options import ReadOptions
from gnbv.read.source import (
    CensusBatch,
    CensusStream,
    NeedArrowRead,
    ReadMode,
)
from gnbv.tally import BatchSink, StreamedCensus, Tally

log = logging.getLogger("gnbv.read")


class Households:
    """Every valid household of a census, kept as the batches come (for what must see them
    all at once: matching two reviews, lists)."""

    def __init__(self) -> None:
        self.parts: list[pd.DataFrame] = []
        self.columns_present: list[str] = []

    def begin(self) -> None:
        self.parts = []  # a pass starts again

    def add(self, validation: CensusValidation) -> None:
        self.parts.append(validation.valid)
        self.columns_present = self.columns_present or validation.columns_present

    def validation(self) -> CensusValidation:
        """The valid households as one validation (the rows set aside are in the summary
        and the rejects file)."""
        valid = pd.concat(self.parts, ignore_index=True)
        return CensusValidation(
            valid=valid,
            problems=pd.DataFrame(columns=["row", "household_id", "column", "reason"]),
            rows=len(valid),
            invalid_mask=np.zeros(len(valid), dtype=bool),
            columns_present=self.columns_present,
        )


@dataclass
class _Pass:
    """What one pass over the census needs besides the file's rows."""

    path: Path
    standard: Standard
    max_invalid_percent: float
    census_options: CensusOptions
    rejects: RejectsTarget | None
    on_progress: Callable[[int, int], None] | None
    sink: BatchSink | None
    seen: RecordedIds | KnownRepeats
    """First pass: every id recorded (on disk, memory stays flat), repeats found at the end;
    second pass: the repeated ids followed."""
    follow: FollowUp | None
    cells_seen: dict[str, list[str]]
    """Cells of the word columns the reader saw before the read (the query sums those the
    rules read as a word)."""
    judge: WordJudge = field(init=False)
    """The words rule's verdicts, shared by the query and the full validation."""

    def __post_init__(self) -> None:
        self.judge = WordJudge(self.census_options)

    @property
    def required(self) -> list[str]:
        return required_columns(self.standard.deprivation_columns)

    def query(self) -> CensusQuery:
        return CensusQuery(
            self.standard, self.required, self.census_options, self.judge, self.cells_seen
        )

    def tally(self) -> Tally:
        return Tally(
            self.path,
            self.standard,
            self.census_options,
            self.seen,
            self.rejects,
            self.sink,
            self.judge,
        )

    def progress(self, rows: int, bytes_read: int) -> None:
        if self.on_progress is not None:
            self.on_progress(rows, bytes_read)


def _stream_once(
    path: Path,
    standard: Standard,
    max_invalid_percent: float,
    options: ReadOptions,
    rejects: RejectsTarget | None,
    mode: ReadMode,
    on_progress: Callable[[int, int], None] | None,
    sink: BatchSink | None,
    follow: FollowUp | None,
) -> StreamedCensus | SecondPass:
    """One pass over the census, read as the reader decides (``mode``); what a second pass
    must follow, if the first found it."""
    required = required_columns(standard.deprivation_columns)
    if sink is not None:
        sink.begin()  # a new attempt starts its output again
    mapping = load_column_mapping(options.columns) if options.columns else ColumnMapping()
    stream = open_census_stream(
        path,
        required,
        encoding=options.encoding,
        delimiter=options.delimiter,
        sheet=options.sheet,
        mapping=mapping,
        mode=mode,
    )
    census_options = replace(
        stream.conventions.apply(mapping.options(show_values=options.show_values)),
        header_texts=stream.header_texts,
    )
    seen: RecordedIds | KnownRepeats = (
        SpilledIds() if follow is None else KnownRepeats(follow.repeated)
    )
    try:
        run = _Pass(
            path,
            standard,
            max_invalid_percent,
            census_options,
            rejects,
            on_progress,
            sink,
            seen,
            follow,
            stream.cells_seen,
        )
        if stream.whole is not None:
            return _stream_whole(run, stream)
        return _stream_batches(run, stream)
    finally:  # the ids' temporary files go, also when a read fails and is tried again
        if isinstance(seen, SpilledIds):
            seen.close()


def _stream_batches(run: _Pass, stream: CensusStream) -> StreamedCensus | SecondPass:
    """One pass over the stream, batch by batch, each as a whole file is (:func:`_stream_whole`):
    clean rows summed by the query, the others through the full validation (every row for
    ``classify``, which writes each household)."""
    query = run.query() if run.sink is None else None
    with run.tally() as tally:
        for batch in stream.batches:
            frame = (
                batch.table if isinstance(batch.table, pl.DataFrame) else pl.from_arrow(batch.table)
            )
            assert isinstance(frame, pl.DataFrame)
            suspect = None
            if query is not None and not batch.unreadable:
                suspect = _sum_clean_rows(run, query, frame)
            if suspect is None:
                tally.validate(batch, frame)
            elif suspect.any():
                rows = frame.filter(pl.Series(suspect))
                tally.validate(CensusBatch(rows, batch.row_numbers[suspect], [], 0), rows)
            run.progress(tally.rows + (query.rows if query else 0), batch.bytes_read)
        return _second_pass(tally.result(run.path, run.max_invalid_percent, stream, query))


def _sum_clean_rows(run: _Pass, query: CensusQuery, frame: pl.DataFrame) -> np.ndarray | None:
    """The batch's clean rows summed by the query, their ids recorded; the suspect rows'
    mask (None: a key cell the rules reject, the whole batch takes the full validation)."""
    routing = query.route(frame, follow=run.follow)
    queries = [routing.sums, routing.marked.select(SUSPECT)]
    if routing.hashes is not None:
        queries.append(routing.hashes)
    sums, marked, *hashes = pl.collect_all(queries)
    if not query.add_summed(sums):
        return None
    if hashes:
        run.seen.add(hashes[0].to_series().to_numpy())
    suspect: np.ndarray = marked.to_series().to_numpy()
    return suspect


SUSPECT_BATCH_ROWS = 100_000
"""Suspect rows validated together: the full validation of a batch takes about 1.2 KB a row
(36 columns as text); 100,000 keeps a file of suspect rows under 600 MB, at a tenth more time
than 200,000 (measured: 10 million rows, each suspect)."""


def _stream_whole(run: _Pass, stream: CensusStream) -> StreamedCensus | SecondPass:
    """One pass over the file as one polars query (:meth:`CensusQuery.route`): clean rows
    summed inside the query, the others through the full validation as they come. When the
    sums hold a key cell the rules reject (or ids were repeated), what a second pass must
    follow."""
    whole = stream.whole
    assert whole is not None
    query = run.query() if run.sink is None else None
    if query is not None:
        routing = query.route(whole.frame, whole.warnings, run.follow, whole.set_aside)
        suspect, doubts = query.suspect_rows(routing), routing.doubts
    else:  # ``classify``: every row through the full validation, to be written
        every = whole.frame.cache()
        suspect, doubts = every, whole.doubts(every)
    # The hashes come on polars' threads, the suspect rows are validated on the backlog's:
    # one lock around the ids.
    locked = _LockedIds(run.seen)
    with run.tally() as tally:
        tally.checked_against = locked
        clean_rows = 0

        def validate(rows: pl.DataFrame) -> None:
            tally.validate(whole.batch_of(rows))
            run.progress(clean_rows + tally.rows, 0)

        # Polars buffers, without bound, the rows of a consumer that falls behind the others:
        # the suspect rows are only handed over, and validated in file order once the file
        # is read (the read's memory and the validation's are not held at once).
        backlog = OrderedBacklog(validate, deferred=True)

        def add_hashes(hashes: pl.DataFrame) -> None:
            nonlocal clean_rows
            locked.add(hashes.to_series().to_numpy())
            clean_rows += hashes.height
            run.progress(clean_rows + tally.rows, 0)

        suspect_rows = min(SUSPECT_BATCH_ROWS, whole.chunk_rows)
        queries = [suspect.sink_batches(backlog.put, chunk_size=suspect_rows, lazy=True)]
        if query is not None:
            queries.append(routing.sums)
            if routing.hashes is not None:
                hashes = routing.hashes.sink_batches(
                    add_hashes, chunk_size=whole.chunk_rows, lazy=True
                )
                queries.append(hashes)
        try:
            results, broken_lines = whole.run(queries, doubts)
        except BaseException:
            backlog.abandon()
            raise
        backlog.finish()
        sums = results[1] if query is not None else None
        return _after_the_read(run, stream, tally, query, sums, broken_lines)


def _after_the_read(
    run: _Pass,
    stream: CensusStream,
    tally: Tally,
    query: CensusQuery | None,
    sums: pl.DataFrame | None,
    broken_lines: BrokenLines | None,
) -> StreamedCensus | SecondPass:
    """The census, once the query has read the file; or what a second pass must follow:
    the repeated ids, the key cells the rules reject, the broken lines to set aside."""
    if broken_lines is None and (query is None or sums is None or query.add_summed(sums)):
        return _second_pass(tally.result(run.path, run.max_invalid_percent, stream, query))
    if run.follow is not None and broken_lines is not None:
        raise NeedArrowRead  # lines the first pass did not see: the file changed meanwhile
    if run.follow is not None:  # the second pass made those rows suspect
        raise AssertionError("key cells the rules reject after a second pass")
    seen = run.seen
    repeated = seen.repeated() if isinstance(seen, RecordedIds) else np.zeros(0)
    key_cells = query.rejected_keys(sums) if query is not None and sums is not None else {}
    follow = FollowUp(np.asarray(repeated, dtype=np.uint64), key_cells)
    return SecondPass(follow, broken_lines)


@dataclass(frozen=True)
class SecondPass:
    """What only the whole file shows, found by a first pass, for the second: the rows to
    follow (repeated ids, key cells the rules reject) and the lines to set aside (short and
    blank lines a plain CSV's fast read took as rows)."""

    follow: FollowUp
    broken_lines: BrokenLines | None = None


def _second_pass(result: StreamedCensus | FollowUp) -> StreamedCensus | SecondPass:
    return SecondPass(result) if isinstance(result, FollowUp) else result


class _LockedIds:
    """Seen ids shared by threads: one at a time."""

    def __init__(self, seen: RecordedIds | KnownRepeats) -> None:
        self.seen = seen
        self.lock = threading.Lock()

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        with self.lock:
            return self.seen.contains(hashes)

    def add(self, hashes: np.ndarray) -> None:
        with self.lock:
            self.seen.add(hashes)


def stream_census(
    path: Path,
    standard: Standard,
    max_invalid_percent: float,
    options: ReadOptions = ReadOptions(),
    *,
    rejects: RejectsTarget | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    sink: BatchSink | None = None,
) -> StreamedCensus:
    """Validate, classify and sum a census batch by batch: memory does not grow with its size.

    Only the sums by key, the first problems and the hashes of the ids seen (8 bytes a
    household, for duplicates) are kept; ``sink`` sees each batch's validation.
    """

    mode = ReadMode(block_size=options.block_bytes, batch_rows=options.batch_rows)

    def attempt(follow: FollowUp | None, start: ReadMode) -> StreamedCensus | SecondPass:
        def once(tried: ReadMode) -> StreamedCensus | SecondPass:
            nonlocal mode
            mode = tried  # the second pass starts as the first pass ended
            return _stream_once(
                path,
                standard,
                max_invalid_percent,
                options,
                rejects,
                tried,
                on_progress,
                sink,
                follow,
            )

        return with_read_retries(once, start)

    streamed = attempt(None, mode)
    if isinstance(streamed, SecondPass):  # what only the whole file shows: a second pass
        follow, lines = streamed.follow, streamed.broken_lines
        log.debug(
            "read again, following %d repeated ids and key cells %s; %s",
            len(follow.repeated),
            follow.key_cells or "none",
            f"{lines.describe()} set aside" if lines is not None else "no line set aside",
        )
        streamed = attempt(follow, mode if lines is None else replace(mode, broken_lines=lines))
        assert isinstance(streamed, StreamedCensus)  # the second pass follows, finds nothing new
    log.debug(
        "%d rows: %d summed in the one query, the others validated row by row; %d pass(es)",
        streamed.summary.rows,
        streamed.fast_rows,
        streamed.passes,
    )
    return streamed

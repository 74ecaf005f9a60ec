"""Load, validate, analyse: the library calls behind each command, usable from Python.

``run_check(Path("plan_2024.yaml"), Path("data/households.csv"))`` returns the same
:class:`CheckReport` that ``gnbv check`` renders.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, TextIO

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

from gnbv.core.census import (
    CensusValidation,
    KnownRepeats,
    RecordedIds,
    SeenIds,
    rejects_table,
    validate_census,
)
from gnbv.core.check import (
    CLASSIFICATION_COLUMNS,
    PROBLEMS_IN_REPORT,
    analyse,
    census_cube,
    classification_table,
    report_from_cube,
    summarise_counts,
    summarise_input,
)
from gnbv.core.contract import required_columns
from gnbv.core.cube import Cube, add_cubes
from gnbv.core.indicators import MetricValue
from gnbv.core.mapping import ColumnMapping
from gnbv.core.plan import Plan
from gnbv.core.query import SUSPECT, CensusQuery
from gnbv.core.report import CheckReport, InputSummary
from gnbv.core.rules import CensusOptions
from gnbv.core.standards import Standard
from gnbv.errors import CensusReadError, StorageError
from gnbv.io.backlog import OrderedBacklog
from gnbv.io.spilled_ids import SpilledIds
from gnbv.io.writers import (
    BOM,
    atomic_write,
    atomic_write_text,
    neutralise_formulas,
    writing_to,
)
from gnbv.io.yaml_loader import load_column_mapping, load_plan, load_standard
from gnbv.read.census import open_census_stream, read_census, with_read_retries
from gnbv.read.source import CensusBatch, CensusStream, ReadMode

log = logging.getLogger("gnbv.read")


@dataclass(frozen=True)
class ReadOptions:
    """How to read a census file; every field may be left to detection."""

    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    columns: Path | None = None
    """A column mapping YAML (a district's own headers and codes)."""
    show_values: bool = False


@dataclass
class LoadedCensus:
    raw: pd.DataFrame
    validation: CensusValidation
    summary: InputSummary


def load_plan_and_standard(plan_path: Path) -> tuple[Plan, Standard]:
    plan = load_plan(plan_path)
    return plan, load_standard(plan.plan.standard)


def load_census(
    path: Path,
    standard: Standard,
    max_invalid_percent: float,
    options: ReadOptions = ReadOptions(),
) -> LoadedCensus:
    required = required_columns(standard.deprivation_columns)
    mapping = load_column_mapping(options.columns) if options.columns else ColumnMapping()
    raw = read_census(
        path,
        required,
        encoding=options.encoding,
        delimiter=options.delimiter,
        sheet=options.sheet,
        mapping=mapping,
    )
    if raw.frame.empty and not raw.unreadable:
        raise CensusReadError(
            f"{path}: the file has a header but no data rows",
            key="err_header_only",
            params={"path": path},
            hint="export the households, not only the header",
        )
    validation = validate_census(
        raw.frame,
        required,
        row_numbers=raw.row_numbers,
        unreadable=raw.unreadable,
        options=raw.conventions.apply(mapping.options(show_values=options.show_values)),
    )
    summary = summarise_input(
        validation, str(path), max_invalid_percent, required, source=raw.source
    )
    return LoadedCensus(raw.frame, validation, summary)


def run_check(
    plan_path: Path,
    census_path: Path,
    *,
    baseline_path: Path | None = None,
    max_invalid_percent: float = 1.0,
    exit_zero: bool = False,
    read_options: ReadOptions = ReadOptions(),
    list_households: bool = False,
    programme: dict[str, MetricValue] | None = None,
) -> tuple[CheckReport, LoadedCensus]:
    plan, standard = load_plan_and_standard(plan_path)
    census = load_census(census_path, standard, max_invalid_percent, read_options)
    baseline = (
        load_census(baseline_path, standard, max_invalid_percent, read_options)
        if baseline_path is not None
        else None
    )
    report = analyse(
        plan,
        standard,
        census.validation,
        census.summary,
        plan_file=str(plan_path),
        baseline=baseline.validation if baseline else None,
        baseline_summary=baseline.summary if baseline else None,
        exit_zero=exit_zero,
        list_households=list_households,
        programme=programme,
    )
    return report, census


class BatchSink(Protocol):
    """Something that wants every batch of a streamed census (``classify``'s output)."""

    def begin(self) -> None: ...

    def add(self, validation: CensusValidation) -> None: ...


class ClassificationWriter:
    """Writes each valid household's class, batch by batch, to an open text file."""

    def __init__(
        self,
        handle: TextIO,
        standard: Standard,
        output: Path,
        present: Callable[[pd.DataFrame], pd.DataFrame] = lambda frame: frame,
    ) -> None:
        self.handle = handle
        self.standard = standard
        self.present = present
        """Headers and words for the reader (the language of the command line)."""
        self.output = output
        """The file the text becomes (named if the system refuses a write)."""
        self.first = True

    def begin(self) -> None:
        with writing_to(self.output):
            self.handle.seek(0)
            self.handle.truncate()
            self.handle.write(BOM)
        self.first = True

    def add(self, validation: CensusValidation) -> None:
        table = neutralise_formulas(self.present(classification_table(validation, self.standard)))
        with writing_to(self.output):
            self.handle.write(table.to_csv(index=False, header=self.first, lineterminator="\n"))
        self.first = False


def stream_classification(
    path: Path,
    output: Path,
    standard: Standard,
    options: ReadOptions = ReadOptions(),
    *,
    rejects: Path | None = None,
    present: Callable[[pd.DataFrame], pd.DataFrame] = lambda frame: frame,
) -> InputSummary:
    """``gnbv classify``: every valid household's class, written as the census streams by;
    ``present`` gives the table its headers and words for the reader."""

    summary: InputSummary | None = None

    def write(temporary: Path) -> None:
        nonlocal summary
        with writing_to(output):
            handle = temporary.open("w", encoding="utf-8", newline="")
        with handle:
            writer = ClassificationWriter(handle, standard, output, present)
            summary = stream_census(
                path, standard, 100.0, options, rejects=rejects, sink=writer
            ).summary
            with writing_to(output):
                if writer.first:  # no valid household: the header alone
                    empty = pd.DataFrame(columns=CLASSIFICATION_COLUMNS)
                    handle.write(",".join(map(str, present(empty).columns)) + "\n")
                handle.flush()  # a full disk is said here, not when the file closes

    atomic_write(output, write)
    assert summary is not None
    return summary


@dataclass
class StreamedCensus:
    cube: Cube
    summary: InputSummary
    rejected_rows: int
    fast_rows: int = 0
    """Rows summed by the query (the others went through the full validation)."""
    parser: str = ""
    passes: int = 1
    """2 when repeated ids made the engine read the census again."""


def _stream_once(
    path: Path,
    standard: Standard,
    max_invalid_percent: float,
    options: ReadOptions,
    rejects: Path | None,
    mode: ReadMode,
    on_progress: Callable[[int, int], None] | None,
    sink: BatchSink | None = None,
    repeated: np.ndarray | None = None,
) -> StreamedCensus:
    required = required_columns(standard.deprivation_columns)
    if sink is not None:
        sink.begin()  # a new attempt starts its output again
    mapping = load_column_mapping(options.columns) if options.columns else ColumnMapping()
    census_options = mapping.options(show_values=options.show_values)

    def open_stream() -> CensusStream:
        return open_census_stream(
            path,
            required,
            encoding=options.encoding,
            delimiter=options.delimiter,
            sheet=options.sheet,
            mapping=mapping,
            # The fast path knows only the standard words; a mapping needs the full rules.
            mode=mode if mapping == ColumnMapping() else replace(mode, typed=False),
        )

    stream = open_stream()
    census_options = stream.conventions.apply(census_options)
    # First pass: ids recorded (on disk: memory stays flat however long the file), repeats
    # found at the end; second pass (only if there were repeats): those ids followed, the
    # rows with them through the full validation.
    if stream.whole is not None and sink is None:
        with _ids_to_follow(repeated) as followed:
            whole = _stream_whole(
                path,
                standard,
                max_invalid_percent,
                stream,
                census_options,
                rejects,
                on_progress,
                followed,
                repeated,
            )
        if whole is not None:
            return whole
        stream = open_stream()  # read again batch by batch, from the start
    with _ids_to_follow(repeated) as seen:
        return _stream_batches(
            path,
            standard,
            max_invalid_percent,
            stream,
            census_options,
            rejects,
            on_progress,
            sink,
            seen,
        )


@contextmanager
def _ids_to_follow(repeated: np.ndarray | None) -> Iterator[RecordedIds | KnownRepeats]:
    """A first pass records every id (on disk); a second follows the repeated ones. The
    temporary files go when the pass ends, also when a read fails and is tried again."""
    seen: RecordedIds | KnownRepeats = SpilledIds() if repeated is None else KnownRepeats(repeated)
    try:
        yield seen
    finally:
        if isinstance(seen, SpilledIds):
            seen.close()


def _spool() -> TextIO:
    """An anonymous temporary file (gone when closed, or if gnbv is killed); in memory when
    there is no usable temporary directory."""
    try:
        return tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
    except OSError:
        return io.StringIO()


class _Tally:
    """What one pass keeps of the batches the full validation saw: counts, the first
    problems, the rejects file's text, the running sums."""

    def __init__(
        self,
        standard: Standard,
        census_options: CensusOptions,
        seen: RecordedIds | KnownRepeats,
        rejects: Path | None,
        sink: BatchSink | None,
    ) -> None:
        self.standard = standard
        self.required = required_columns(standard.deprivation_columns)
        self.census_options = census_options
        self.seen = seen
        self.checked_against: SeenIds = seen
        """Where the validation looks ids up (``seen``, or a thread-safe view of it)."""
        self.rejects = rejects
        self.sink = sink
        self.cubes: list[Cube] = []
        self.problems: list[pd.DataFrame] = []
        self.kept_problems = 0
        self.problems_total = self.rows = self.invalid = 0
        self.by_reason: dict[str, int] = {}
        self.columns_present: list[str] = []
        self.skipped: list[int] = []
        # The rejects file's rows, spooled to an anonymous temporary file as they come (a
        # census with millions of bad rows does not hold them in memory), written whole at
        # the end.
        self.rejects_spool: TextIO | None = None

    def validate(self, batch: CensusBatch, frame: pl.DataFrame | None = None) -> None:
        """The full validation of one batch, and what the pass keeps of it."""
        if isinstance(batch.table, pa.Table):
            table = batch.table
        else:
            table = (frame if frame is not None else batch.table).to_arrow()
        validation = validate_census(
            table,
            self.required,
            row_numbers=batch.row_numbers,
            unreadable=batch.unreadable,
            options=self.census_options,
            seen=self.checked_against,
        )
        if self.sink is not None:
            self.sink.add(validation)
        self.columns_present = self.columns_present or validation.columns_present
        self.skipped += validation.skipped
        self.rows += validation.rows
        self.invalid += validation.invalid_rows
        self.problems_total += len(validation.problems)
        for reason, count in validation.invalid_by_reason().items():
            self.by_reason[reason] = self.by_reason.get(reason, 0) + count
        if self.kept_problems < PROBLEMS_IN_REPORT and len(validation.problems):
            part = validation.problems.head(PROBLEMS_IN_REPORT - self.kept_problems)
            self.problems.append(part)
            self.kept_problems += len(part)
        if self.rejects is not None and validation.invalid_rows:
            bad = table.filter(pa.array(validation.invalid_mask)).to_pandas()
            first = self.rejects_spool is None
            if self.rejects_spool is None:
                self.rejects_spool = _spool()
            # Cells a spreadsheet would run as formulas are defused, as in every CSV gnbv writes.
            rows = neutralise_formulas(rejects_table(bad, _only_invalid(validation)))
            text = rows.to_csv(index=False, header=first, lineterminator="\n")
            try:
                self.rejects_spool.write(text)
            except OSError as error:  # the temporary folder is full, most likely
                raise StorageError(
                    f"the rows set aside for {self.rejects} could not be kept in a temporary "
                    f"file: {error.strerror or error}",
                    hint="set TMPDIR to a folder with space (or run without --rejects)",
                    key="err_temporary_write",
                    params={"reason": error.strerror or error},
                ) from error
        if validation.valid_rows or not self.cubes:
            # Also a batch without a valid household: its empty cube still has a column
            # per measure of the columns present, which the indicators look up.
            _, cube = census_cube(validation, self.standard)
            self.cubes.append(cube)
        if len(self.cubes) >= 16:  # keep the running sums small
            self.cubes = [add_cubes(self.cubes)]

    def __enter__(self) -> _Tally:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """The pass is over (done, or given up for another): its spooled rejects go."""
        if self.rejects_spool is not None:
            self.rejects_spool.close()

    def _write_rejects(self, target: Path) -> None:
        spool = self.rejects_spool
        if spool is None:
            atomic_write_text(target, BOM + "row,reasons\n")
            return

        def copy(temporary: Path) -> None:
            with writing_to(target):
                spool.seek(0)
                with temporary.open("w", encoding="utf-8", newline="") as handle:
                    handle.write(BOM)
                    shutil.copyfileobj(spool, handle)
                    handle.flush()
                    os.fsync(handle.fileno())

        atomic_write(target, copy)

    def result(
        self,
        path: Path,
        max_invalid_percent: float,
        stream: CensusStream,
        query: CensusQuery | None,
    ) -> StreamedCensus:
        """The pass's census, once every batch was seen; raises :class:`RepeatedIds` after
        a first pass that found ids more than once."""
        seen = self.seen
        if isinstance(seen, RecordedIds) and len(repeats := seen.repeated()):
            raise RepeatedIds(repeats)
        cubes, columns_present = list(self.cubes), self.columns_present
        rows = self.rows + (query.rows if query is not None else 0)
        if query is not None and (summed := query.cube()) is not None:
            cubes.append(summed)
            columns_present = columns_present or query.columns_present
        if rows == 0:
            raise CensusReadError(
                f"{path}: the file has a header but no data rows",
                key="err_header_only",
                params={"path": path},
                hint="export the households, not only the header",
            )
        if self.rejects is not None:
            self._write_rejects(self.rejects)
        cube = add_cubes(cubes)  # a batch, valid or not, gave a cube: rows > 0
        cube.columns_present = set(columns_present)
        problem_frame = (
            pd.concat(self.problems, ignore_index=True)
            if self.problems
            else pd.DataFrame(columns=["row", "household_id", "column", "reason"])
        )
        summary = summarise_counts(
            file=str(path),
            rows=rows,
            invalid_rows=self.invalid,
            invalid_by_reason=self.by_reason,
            problems=problem_frame,
            problems_total=self.problems_total,
            columns_present=columns_present,
            required=self.required,
            max_invalid_percent=max_invalid_percent,
            source=stream.source,
            skipped=self.skipped,
        )
        return StreamedCensus(
            cube,
            summary,
            self.invalid,
            fast_rows=query.rows if query is not None else 0,
            parser=stream.parser,
            passes=1 if isinstance(seen, RecordedIds) else 2,
        )


def _stream_batches(
    path: Path,
    standard: Standard,
    max_invalid_percent: float,
    stream: CensusStream,
    census_options: CensusOptions,
    rejects: Path | None,
    on_progress: Callable[[int, int], None] | None,
    sink: BatchSink | None,
    seen: RecordedIds | KnownRepeats,
) -> StreamedCensus:
    """One pass over the opened stream, batch by batch; raises :class:`RepeatedIds` after a
    first pass that found ids more than once."""
    required = required_columns(standard.deprivation_columns)
    # Each batch as the whole file is read (_stream_whole): clean rows summed by the query,
    # the others through the full validation (every row of ``classify``, which writes each
    # household).
    query = CensusQuery(standard, required, census_options) if sink is None else None
    with _Tally(standard, census_options, seen, rejects, sink) as tally:
        for batch in stream.batches:
            frame = (
                batch.table if isinstance(batch.table, pl.DataFrame) else pl.from_arrow(batch.table)
            )
            assert isinstance(frame, pl.DataFrame)
            suspect = (
                _sum_clean_rows(query, frame, seen) if query and not batch.unreadable else None
            )
            if suspect is None:
                tally.validate(batch, frame)
            elif suspect.any():
                rows = pl.Series(suspect)
                tally.validate(
                    CensusBatch(frame.filter(rows), batch.row_numbers[suspect], [], 0),
                    frame.filter(rows),
                )
            if on_progress is not None:
                on_progress(tally.rows + (query.rows if query else 0), batch.bytes_read)
        return tally.result(path, max_invalid_percent, stream, query)


def _sum_clean_rows(
    query: CensusQuery, frame: pl.DataFrame, seen: RecordedIds | KnownRepeats
) -> np.ndarray | None:
    """The batch's clean rows summed by the query, their ids recorded; the suspect rows'
    mask (None: the batch's key cells are not all accepted, every row takes the full
    validation)."""
    repeated = seen.repeated if isinstance(seen, KnownRepeats) else None
    routing = query.route(frame, repeated=repeated)
    queries = [routing.sums, routing.marked.select(SUSPECT)]
    if routing.hashes is not None:
        queries.append(routing.hashes)
    sums, marked, *hashes = pl.collect_all(queries)
    if not query.add_summed(sums):
        return None
    if hashes:
        seen.add(hashes[0].to_series().to_numpy())
    suspect: np.ndarray = marked.to_series().to_numpy()
    return suspect


SUSPECT_BATCH_ROWS = 100_000
"""Suspect rows validated together: the full validation of a batch takes about 1.2 KB a row
(36 columns as text); 100,000 keeps a file of suspect rows under 600 MB, at a tenth more time
than 200,000 (measured: 10 million rows, each suspect)."""


def _stream_whole(
    path: Path,
    standard: Standard,
    max_invalid_percent: float,
    stream: CensusStream,
    census_options: CensusOptions,
    rejects: Path | None,
    on_progress: Callable[[int, int], None] | None,
    seen: RecordedIds | KnownRepeats,
    repeated: np.ndarray | None,
) -> StreamedCensus | None:
    """One pass over the file as one polars query (:meth:`CensusQuery.route`): clean rows
    summed inside the query, the others through the full validation as they come. On a
    second pass, ``repeated`` ids are followed (``seen`` then knows them).

    None (nothing kept) when the census must be read batch by batch instead: options the
    query cannot follow, or a key cell the full rules reject (found only at the end).
    """
    whole = stream.whole
    assert whole is not None
    required = required_columns(standard.deprivation_columns)
    query = CensusQuery(standard, required, census_options)
    routing = query.route(whole.frame, whole.warnings, repeated, whole.set_aside)
    # The hashes come on polars' threads, the suspect rows are validated on the backlog's:
    # one lock around the ids.
    locked = _LockedIds(seen)
    with _Tally(standard, census_options, seen, rejects, None) as tally:
        tally.checked_against = locked
        clean_rows = 0
        # Polars buffers, without bound, the rows of a consumer that falls behind the others:
        # the suspect rows are only handed over, and validated in file order as they come.
        backlog = OrderedBacklog(lambda rows: tally.validate(whole.batch_of(rows)))

        def add_suspect(rows: pl.DataFrame) -> None:
            backlog.put(rows)

        def add_hashes(hashes: pl.DataFrame) -> None:
            nonlocal clean_rows
            locked.add(hashes.to_series().to_numpy())
            clean_rows += hashes.height
            if on_progress is not None:
                on_progress(clean_rows + tally.rows, 0)

        chunk = whole.chunk_rows
        queries = [
            routing.sums,
            query.suspect_rows(routing).sink_batches(
                add_suspect, chunk_size=SUSPECT_BATCH_ROWS, lazy=True
            ),
        ]
        if routing.hashes is not None:
            queries.append(routing.hashes.sink_batches(add_hashes, chunk_size=chunk, lazy=True))
        try:
            sums = whole.run(queries, routing.doubts)[0]
        except BaseException:
            backlog.abandon()
            raise
        backlog.finish()
        if not query.add_summed(sums):
            return None
        return tally.result(path, max_invalid_percent, stream, query)


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
    rejects: Path | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    sink: BatchSink | None = None,
) -> StreamedCensus:
    """Validate, classify and sum a census batch by batch: memory does not grow with its size.

    Only the sums by key, the first problems and the hashes of the ids seen (8 bytes a
    household, for duplicates) are kept; ``sink`` sees each batch's validation.
    """

    def attempt(repeated: np.ndarray | None) -> StreamedCensus:
        return with_read_retries(
            lambda mode: _stream_once(
                path,
                standard,
                max_invalid_percent,
                options,
                rejects,
                mode,
                on_progress,
                sink,
                repeated,
            ),
            ReadMode(),
        )

    try:
        streamed = attempt(None)
    except RepeatedIds as found:
        log.debug(
            "%d ids are repeated: the census is read again, following them", len(found.hashes)
        )
        streamed = attempt(found.hashes)  # read again, following only the repeated ids
    log.debug(
        "%d rows: %d summed in the one query, the others validated row by row; %d pass(es)",
        streamed.summary.rows,
        streamed.fast_rows,
        streamed.passes,
    )
    return streamed


class RepeatedIds(Exception):
    """The first pass found ids in more than one row: the census is read again."""

    def __init__(self, hashes: np.ndarray) -> None:
        super().__init__(f"{len(hashes)} repeated ids")
        self.hashes = hashes


def _only_invalid(validation: CensusValidation) -> CensusValidation:
    """The validation restricted to its set-aside rows (for the rejects file of one batch)."""
    mask = validation.invalid_mask
    return CensusValidation(
        valid=validation.valid.iloc[:0],
        problems=validation.problems,
        rows=int(mask.sum()),
        invalid_mask=np.ones(int(mask.sum()), dtype=bool),
        columns_present=validation.columns_present,
        row_numbers=validation.row_numbers[mask],
        unreadable=validation.unreadable,
    )


def run_streaming_check(
    plan_path: Path,
    census_path: Path,
    *,
    max_invalid_percent: float = 1.0,
    exit_zero: bool = False,
    read_options: ReadOptions = ReadOptions(),
    rejects: Path | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    programme: dict[str, MetricValue] | None = None,
) -> CheckReport:
    """``gnbv check`` without a baseline census: the census is streamed, never held whole."""
    plan, standard = load_plan_and_standard(plan_path)
    streamed = stream_census(
        census_path,
        standard,
        max_invalid_percent,
        read_options,
        rejects=rejects,
        on_progress=on_progress,
    )
    return report_from_cube(
        plan,
        standard,
        streamed.cube,
        streamed.summary,
        plan_file=str(plan_path),
        exit_zero=exit_zero,
        programme=programme,
    )

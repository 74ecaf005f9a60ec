"""What one pass of the engine keeps of the rows the full validation saw: counts, the first
problems, the rejects file's text, the running sums; and the census it gives at the end."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pandas as pd
import polars as pl
import pyarrow as pa

from gnbv.core.analysis.check import PROBLEMS_IN_REPORT, census_cube, summarise_counts
from gnbv.core.analysis.cube import Cube, add_cubes
from gnbv.core.analysis.report import InputSummary
from gnbv.core.contract.columns import required_columns
from gnbv.core.contract.rules import CensusOptions, WordJudge
from gnbv.core.plan.standards import Standard
from gnbv.core.validation.batch import CensusValidation, validate_census
from gnbv.core.validation.ids import KnownRepeats, RecordedIds, SeenIds
from gnbv.core.validation.query import CensusQuery, FollowUp
from gnbv.errors import CensusReadError
from gnbv.io.rejects import RejectsFile, RejectsTarget
from gnbv.read.source import CensusBatch, CensusStream


def header_only(path: Path) -> CensusReadError:
    """The refusal of a census with a header and no household."""
    return CensusReadError(
        f"{path}: the file has a header but no data rows",
        key="err_header_only",
        params={"path": path},
        hint="export the households, not only the header",
    )


def header_in_another_order(path: Path, row: int, names: str, stands_in: str) -> CensusReadError:
    """The refusal of a file joined from files whose columns are in different orders."""
    return CensusReadError(
        f"{path}: row {row} repeats the header with its columns in another order "
        f"({names!r} where {stands_in!r} is): the households under it would be read under "
        "the wrong columns",
        hint="join files whose columns are in the same order (or check each file alone), "
        "then run again",
        key="err_header_other_order",
        params={"path": path, "row": row, "names": names, "stands_in": stands_in},
    )


class BatchSink(Protocol):
    """Something that wants every batch of a streamed census (``classify``'s output)."""

    def begin(self) -> None: ...

    def add(self, validation: CensusValidation) -> None: ...


@dataclass
class StreamedCensus:
    cube: Cube
    summary: InputSummary
    rejected_rows: int
    fast_rows: int = 0
    """Rows summed by the query (the others went through the full validation)."""
    parser: str = ""
    passes: int = 1
    """2 when the engine read the census again, following what the first pass found."""


class Tally:
    """What one pass keeps of the batches the full validation saw: counts, the first
    problems, the rejects file's text, the running sums."""

    def __init__(
        self,
        path: Path,
        standard: Standard,
        census_options: CensusOptions,
        seen: RecordedIds | KnownRepeats,
        rejects: RejectsTarget | None,
        sink: BatchSink | None,
        judge: WordJudge,
    ) -> None:
        self.path = path
        self.standard = standard
        self.required = required_columns(standard.deprivation_columns)
        self.census_options = census_options
        self.seen = seen
        self.checked_against: SeenIds = seen
        """Where the validation looks ids up (``seen``, or a thread-safe view of it)."""
        self.rejects = RejectsFile(rejects) if rejects is not None else None
        self.sink = sink
        self.judge = judge
        self.cubes: list[Cube] = []
        self.problems: list[pd.DataFrame] = []
        self.kept_problems = 0
        self.problems_total = self.rows = self.invalid = 0
        self.by_reason: dict[str, int] = {}
        self.columns_present: list[str] = []
        self.skipped: list[tuple[int, str]] = []

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
            judge=self.judge,
        )
        if validation.header_in_another_order is not None:
            row, names, stands_in = validation.header_in_another_order
            texts = self.census_options.header_texts  # the columns as the file heads them
            names, stands_in = (texts.get(name, [name])[0] for name in (names, stands_in))
            raise header_in_another_order(self.path, row, names, stands_in)
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
            self.rejects.add(table, validation)
        if validation.valid_rows or not self.cubes:
            # Also a batch without a valid household: its empty cube still has a column
            # per measure of the columns present, which the indicators look up.
            _, cube = census_cube(validation, self.standard)
            self.cubes.append(cube)
        if len(self.cubes) >= 16:  # keep the running sums small
            self.cubes = [add_cubes(self.cubes)]

    def __enter__(self) -> Tally:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.rejects is not None:
            self.rejects.close()

    def result(
        self,
        path: Path,
        max_invalid_percent: float,
        stream: CensusStream,
        query: CensusQuery | None,
    ) -> StreamedCensus | FollowUp:
        """The pass's census, once every batch was seen; after a first pass that found ids
        more than once, those ids, for a second pass to follow."""
        seen = self.seen
        if isinstance(seen, RecordedIds) and len(repeats := seen.repeated()):
            return FollowUp(repeated=repeats)
        cubes, columns_present = list(self.cubes), self.columns_present
        rows = self.rows + (query.rows if query is not None else 0)
        if query is not None and (summed := query.cube()) is not None:
            cubes.append(summed)
            columns_present = columns_present or query.columns_present
        if rows == 0:
            raise header_only(path)
        if self.rejects is not None:
            self.rejects.write()
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

"""Load, validate, analyse: the library calls behind each command, usable from Python.

``run_check(Path("plan_2024.yaml"), Path("data/households.csv"))`` returns the same
:class:`CheckReport` that ``gnbv check`` renders.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pandas as pd

from gnbv.core.analysis.check import (
    CLASSIFICATION_COLUMNS,
    analyse,
    classification_table,
    report_from_cube,
)
from gnbv.core.analysis.indicators import MetricValue
from gnbv.core.analysis.report import CheckReport, InputSummary
from gnbv.core.plan.model import Plan
from gnbv.core.plan.standards import Standard
from gnbv.core.validation.batch import (
    CensusValidation,
)
from gnbv.engine import Households, stream_census
from gnbv.errors import CensusReadError
from gnbv.io.rejects import RejectsTarget
from gnbv.io.writers import (
    BOM,
    atomic_write,
    csv_text,
    writing_to,
)
from gnbv.io.yaml_loader import load_plan, load_standard
from gnbv.read.options import ReadOptions
from gnbv.tally import StreamedCensus

log = logging.getLogger("gnbv.read")


@dataclass
class LoadedCensus:
    validation: CensusValidation
    """The valid households (the rows set aside are counted and named in ``summary``)."""
    summary: InputSummary


def load_plan_and_standard(plan_path: Path) -> tuple[Plan, Standard]:
    plan = load_plan(plan_path)
    return plan, load_standard(plan.plan.standard)


def load_census(
    path: Path,
    standard: Standard,
    max_invalid_percent: float,
    options: ReadOptions = ReadOptions(),
    rejects: RejectsTarget | None = None,
) -> LoadedCensus:
    """The census read by the engine, every valid household kept in memory."""
    households = Households()
    try:
        streamed = stream_census(
            path, standard, max_invalid_percent, options, rejects=rejects, sink=households
        )
    except CensusReadError as error:
        if error.params.get("option") not in (None, options.sheet_option):
            # The earlier census's sheet is named by its own option: the hint says which.
            error.hint = (error.hint or "").replace("--sheet", options.sheet_option)
            error.params["option"] = options.sheet_option
        raise
    return LoadedCensus(households.validation(), streamed.summary)


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
    rejects: RejectsTarget | None = None,
) -> tuple[CheckReport, LoadedCensus]:
    plan, standard = load_plan_and_standard(plan_path)
    census = load_census(census_path, standard, max_invalid_percent, read_options, rejects)
    baseline = (
        load_census(baseline_path, standard, max_invalid_percent, read_options.for_earlier())
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
        table = self.present(classification_table(validation, self.standard))
        with writing_to(self.output):
            self.handle.write(csv_text(table, header=self.first))
        self.first = False


def stream_classification(
    path: Path,
    output: Path,
    standard: Standard,
    options: ReadOptions = ReadOptions(),
    *,
    rejects: RejectsTarget | None = None,
    present: Callable[[pd.DataFrame], pd.DataFrame] = lambda frame: frame,
) -> StreamedCensus:
    """``gnbv classify``: every valid household's class, written as the census streams by;
    ``present`` gives the table its headers and words for the reader. Gives the census's
    summary and sums, as a check would."""

    streamed: StreamedCensus | None = None

    def write(temporary: Path) -> None:
        nonlocal streamed
        with writing_to(output):
            handle = temporary.open("w", encoding="utf-8", newline="")
        with handle:
            writer = ClassificationWriter(handle, standard, output, present)
            streamed = stream_census(path, standard, 100.0, options, rejects=rejects, sink=writer)
            with writing_to(output):
                if writer.first:  # no valid household: the header alone
                    empty = pd.DataFrame(columns=CLASSIFICATION_COLUMNS)
                    handle.write(",".join(map(str, present(empty).columns)) + "\n")
                handle.flush()  # a full disk is said here, not when the file closes

    atomic_write(output, write)
    assert streamed is not None
    return streamed


def run_streaming_check(
    plan_path: Path,
    census_path: Path,
    *,
    max_invalid_percent: float = 1.0,
    exit_zero: bool = False,
    read_options: ReadOptions = ReadOptions(),
    rejects: RejectsTarget | None = None,
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

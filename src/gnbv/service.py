"""Load, validate, analyse: the library calls behind each command, usable from Python.

``run_check(Path("plan_2024.yaml"), Path("data/households.csv"))`` returns the same
:class:`CheckReport` that ``gnbv check`` renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gnbv.core.census import CensusValidation, required_columns, validate_census
from gnbv.core.check import analyse, summarise_input
from gnbv.core.mapping import ColumnMapping
from gnbv.core.plan import Plan
from gnbv.core.report import CheckReport, InputSummary
from gnbv.core.standards import Standard
from gnbv.errors import CensusReadError
from gnbv.io.census_reader import read_census
from gnbv.io.yaml_loader import load_column_mapping, load_plan, load_standard


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
            hint="export the households, not only the header",
        )
    validation = validate_census(
        raw.frame,
        required,
        row_numbers=raw.row_numbers,
        unreadable=raw.unreadable,
        options=mapping.options(show_values=options.show_values),
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
    )
    return report, census

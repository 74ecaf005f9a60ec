"""gnbv from Python: one function per command, each returning the result the command renders.

    from gnbv import api
    report = api.check("data/households.csv", plan="plan_2024.yaml")
    report.to_dict()["rates"]

The command line is a thin skin over these: it parses options, calls one of them, renders the
result and returns its exit code. Which engine reads the census (streamed, or held in memory
when two reviews must be matched household by household) is decided here, not by the caller.
Heavy modules are imported inside the functions, so that ``import gnbv.api`` stays light.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from gnbv.core.analysis.lists import HouseholdList, ListFilter
    from gnbv.core.analysis.report import CheckReport, InputSummary, ReportWarning
    from gnbv.core.plan.budget import BudgetSummary
    from gnbv.core.plan.model import Plan
    from gnbv.core.plan.standards import Standard
    from gnbv.core.programme.results import ProgressCheck
    from gnbv.io.rejects import RejectsTarget
    from gnbv.read.options import ReadOptions

PathLike = str | Path
OnProgress = Callable[[int, int], None]


def _read_options(options: ReadOptions | None) -> ReadOptions:
    from gnbv.read.options import ReadOptions

    return options if options is not None else ReadOptions()


def _rejects_target(rejects: PathLike | None, lang: str | None) -> RejectsTarget | None:
    """Where the rows set aside go: worded for a person in ``lang`` ("vi" or "en": headings,
    reasons in words, their codes in a column), or, without ``lang``, with the canonical
    column names and reason codes only (for programs)."""
    if rejects is None:
        return None
    from gnbv.io.rejects import RejectsTarget
    from gnbv.render.tables import rejects_wording

    wording = rejects_wording("en" if lang == "en" else "vi") if lang is not None else None
    return RejectsTarget(Path(rejects), wording)


def check(
    census: PathLike,
    *,
    plan: PathLike,
    baseline: PathLike | None = None,
    rejects: PathLike | None = None,
    max_invalid_percent: float = 1.0,
    exit_zero: bool = False,
    read_options: ReadOptions | None = None,
    on_progress: OnProgress | None = None,
    progress_file: PathLike | None = None,
    rejects_lang: str | None = None,
) -> CheckReport:
    """``gnbv check``: validate, classify, compute every indicator and target.

    Without ``baseline`` the census is streamed (memory does not grow with it); with one, both
    reviews are held in memory to match households by id. ``rejects`` receives the rows set
    aside, with their reasons (worded in ``rejects_lang``, "vi" or "en", if given).
    """
    census_path, plan_path = Path(census), Path(plan)
    if baseline is None:
        from gnbv.read.scan import start_early_scan

        start_early_scan(census_path)  # on the other core while pandas and polars load
    from gnbv.service import run_check, run_streaming_check

    options = _read_options(read_options)
    # T6, T7, T10 from the programme's progress workbook; without it they are no data.
    programme = (
        progress(progress_file, plan=plan_path, max_invalid_percent=None).report.metrics
        if progress_file is not None
        else None
    )
    if baseline is None:
        return run_streaming_check(
            plan_path,
            census_path,
            max_invalid_percent=max_invalid_percent,
            exit_zero=exit_zero,
            read_options=options,
            rejects=_rejects_target(rejects, rejects_lang),
            on_progress=on_progress,
            programme=programme,
        )
    report, _ = run_check(
        plan_path,
        census_path,
        baseline_path=Path(baseline),
        max_invalid_percent=max_invalid_percent,
        exit_zero=exit_zero,
        read_options=options,
        programme=programme,
        rejects=_rejects_target(rejects, rejects_lang),
    )
    return report


@dataclass
class Comparison:
    """``gnbv compare``: the report (transitions included) and, when asked, the households
    behind one transition count."""

    report: CheckReport
    follow_up: pd.DataFrame | None = None


def compare(
    current: PathLike,
    *,
    plan: PathLike,
    previous: PathLike | None = None,
    follow_up: str | None = None,
    max_invalid_percent: float = 1.0,
    read_options: ReadOptions | None = None,
) -> Comparison:
    """Transitions between two reviews (or from the current file's ``status_prev``);
    ``follow_up`` (``escaped``, ``fell-back``, ``newly-poor``) lists the households."""
    from gnbv.core.analysis.transition_tables import follow_up_list
    from gnbv.errors import UsageError
    from gnbv.service import run_check

    report, _ = run_check(
        Path(plan),
        Path(current),
        baseline_path=Path(previous) if previous is not None else None,
        max_invalid_percent=max_invalid_percent,
        exit_zero=True,
        read_options=_read_options(read_options),
        list_households=follow_up is not None,
    )
    if report.transitions is None:
        raise UsageError(
            f"{current}: no status_prev column, so no start of period is known",
            hint="give the previous census too: gnbv compare PREV.csv CURR.csv",
            key="err_no_start",
            params={"path": current},
        )
    listing = follow_up_list(report.transitions, follow_up) if follow_up is not None else None
    return Comparison(report, listing)


@dataclass
class Classification:
    """``gnbv classify``: how the census was read, and the standard its classes follow."""

    summary: InputSummary
    standard: Standard
    warnings: list[ReportWarning] = field(default_factory=list)
    """What whoever uses the classes must know (incomes typed in thousands)."""


def classify(
    census: PathLike,
    output: PathLike,
    *,
    plan: PathLike,
    rejects: PathLike | None = None,
    read_options: ReadOptions | None = None,
    lang: str = "vi",
) -> Classification:
    """``gnbv classify``: each valid household's class, written to ``output`` (CSV), with
    headers and class names in ``lang`` (``vi`` or ``en``), as the rejects file is worded."""
    from gnbv.core.analysis.report_warnings import income_scale_warnings
    from gnbv.render.tables import classification_for_people
    from gnbv.service import load_plan_and_standard, stream_classification

    _, standard = load_plan_and_standard(Path(plan))
    streamed = stream_classification(
        Path(census),
        Path(output),
        standard,
        _read_options(read_options),
        rejects=_rejects_target(rejects, lang),
        present=lambda frame: classification_for_people(frame, "en" if lang == "en" else "vi"),
    )
    warned = income_scale_warnings(standard, streamed.cube.frame)
    return Classification(streamed.summary, standard, warned)


@dataclass
class BudgetResult:
    """``gnbv budget``: the plan (its totals not checked at load) and the reconciliation."""

    plan: Plan
    summary: BudgetSummary


def budget(plan: PathLike) -> BudgetResult:
    """The plan's budget by source and capital type, reconciled with the totals it states;
    a total that does not add up is shown (``summary.reconciled`` is False), not refused."""
    from gnbv.core.plan.budget import reconcile_budget
    from gnbv.io.yaml_loader import load_plan

    loaded = load_plan(Path(plan), check_consistency=False)
    return BudgetResult(loaded, reconcile_budget(loaded.budget))


def households(
    census: PathLike,
    *,
    plan: PathLike,
    previous: PathLike | None = None,
    chosen: ListFilter | None = None,
    read_options: ReadOptions | None = None,
) -> HouseholdList:
    """``gnbv list``: the valid households ``chosen`` selects, with their class now and at the
    start of the period (the previous census, else ``status_prev``), their income against
    the line and each deprivation. Held in memory: meant for a district or a commune."""
    from gnbv.core.analysis.check import classified, unit_names
    from gnbv.core.analysis.cube import build_cube
    from gnbv.core.analysis.indicators import absent_districts
    from gnbv.core.analysis.lists import ListFilter, household_list
    from gnbv.core.analysis.report_warnings import income_scale_warnings
    from gnbv.core.contract.units import units_of_part
    from gnbv.errors import UsageError
    from gnbv.service import load_census, load_plan_and_standard

    loaded_plan, standard = load_plan_and_standard(Path(plan))
    wanted = chosen if chosen is not None else ListFilter()
    _refuse_unknown_deprivations(wanted.deprivations, standard.deprivation_columns)
    options = _read_options(read_options)
    frame = classified(load_census(Path(census), standard, 100.0, options).validation, standard)
    before = (
        classified(
            load_census(Path(previous), standard, 100.0, options.for_earlier()).validation,
            standard,
        )
        if previous is not None
        else None
    )
    names = unit_names(loaded_plan, [frame] if before is None else [frame, before])
    frame = names.apply(frame)
    start = _start_class(frame, None if before is None else names.apply(before))
    if wanted.transitions and start is None:
        raise UsageError(
            f"{census}: no status_prev column, so no change since the start is known",
            hint="give the previous census with --previous",
            key="err_no_start_list",
            params={"path": census},
        )
    listed = household_list(frame, standard, start, wanted)
    if absent_districts(frame, loaded_plan.areas):
        districts = sorted(map(str, frame["district"].unique()))
        listed.units_of_part = units_of_part(districts, sorted(map(str, frame["commune"].unique())))
    listed.warnings = income_scale_warnings(
        standard, build_cube(frame, standard, set(frame.columns)).frame
    )
    return _with_other_columns(listed, Path(census), options)


def _start_class(frame: pd.DataFrame, before: pd.DataFrame | None) -> pd.Series | None:
    """Each household's class at the start of the period: from the previous census
    (``before``, its unit names already matched), else from ``status_prev``; None when
    neither is known."""
    from gnbv.core.analysis.check import with_start_class

    if before is not None:
        return with_start_class(frame, before)["start_class"]
    if "status_prev" in frame.columns:
        return frame["status_prev"].astype("object")
    return None


def _with_other_columns(listed: HouseholdList, census: Path, options: ReadOptions) -> HouseholdList:
    """The list with the census's own columns gnbv does not use (name, village, phone),
    carried through by household id."""
    from gnbv.io.yaml_loader import load_column_mapping
    from gnbv.read.census import read_other_columns

    mapping = load_column_mapping(options.columns) if options.columns else None
    others = read_other_columns(
        census,
        encoding=options.encoding,
        delimiter=options.delimiter,
        sheet=options.sheet,
        mapping=mapping,
    )
    if not others.empty:
        listed.rows = listed.rows.merge(others, on="household_id", how="left")
        listed.others = [column for column in others.columns if column != "household_id"]
    return listed


def _refuse_unknown_deprivations(asked: Sequence[str], known: Sequence[str]) -> None:
    from gnbv.errors import UsageError

    unknown = [name for name in asked if name not in known]
    if unknown:
        raise UsageError(
            f"unknown deprivation column {', '.join(unknown)}",
            hint=f"one of: {', '.join(known)}",
            key="err_unknown_deprivation",
            params={"columns": ", ".join(unknown), "known": ", ".join(known)},
        )


def progress(
    workbook: PathLike, *, plan: PathLike, max_invalid_percent: float | None = 1.0
) -> ProgressCheck:
    """``gnbv progress check``: the programme's progress workbook read against the plan:
    disbursement by source, capital type, project and unit, pace against each deadline, the
    plan year's allocation reconciled with the budget, works, allocation reports, and the
    programme's targets (T6, T7, T10). ``max_invalid_percent=None``: no data-quality gate."""
    from gnbv.core.programme.progress import validate_progress
    from gnbv.core.programme.progress_contract import ProgressFileError
    from gnbv.core.programme.results import ProgressCheck, programme_report, programme_targets
    from gnbv.errors import CensusReadError
    from gnbv.io.progress_reader import read_progress
    from gnbv.io.yaml_loader import load_plan

    loaded = load_plan(Path(plan))
    sheets = read_progress(Path(workbook))
    try:
        validated = validate_progress(sheets, loaded)
    except ProgressFileError as error:
        raise CensusReadError(
            f"{workbook}: {error}",
            hint=error.hint,
            key=error.key,
            params={"path": workbook, **error.params},
        ) from error
    report = programme_report(loaded, validated)
    targets = programme_targets(loaded, report)
    return ProgressCheck(loaded, str(workbook), report, targets, max_invalid_percent)


def progress_template(output: PathLike, *, plan: PathLike) -> None:
    """``gnbv progress template``: the progress workbook pre-filled from the plan."""
    from gnbv.io.progress_template import write_template
    from gnbv.io.yaml_loader import load_plan

    write_template(Path(output), load_plan(Path(plan)))


def _hashes(files: list[Path | None]) -> dict[str, str]:
    from gnbv.read.scan import file_sha256

    # A progress folder: each of its CSV files.
    found = [
        file
        for path in files
        if path is not None
        for file in (sorted(path.glob("*.csv")) if path.is_dir() else [path])
        if file.is_file()
    ]
    return {str(file): file_sha256(file) for file in found}


def record_check(
    history: PathLike,
    report: CheckReport,
    *,
    inputs: list[Path | None],
    progress_check: ProgressCheck | None = None,
) -> None:
    """Add a ``check`` run to the monthly history: its targets (and, with the progress
    workbook, its disbursement lines), as of the workbook's date or else today."""
    import datetime as dt

    from gnbv.core.programme.history import check_run
    from gnbv.io.history import record

    as_of = progress_check.report.progress.as_of if progress_check else dt.date.today()
    plan = report.plan.plan
    # A census of part of the province is a unit of its own: its figures are another series.
    unit = plan.province + (f" — {report.part_of_province}" if report.part_of_province else "")
    run = check_run(report.targets, unit, plan.year, as_of, _hashes(inputs), progress_check)
    record(Path(history), run)


def record_progress(
    history: PathLike, checked: ProgressCheck, *, command: str, inputs: list[Path | None]
) -> None:
    """Add a ``progress check`` or ``budget --progress`` run to the monthly history."""
    from gnbv.core.programme.history import progress_run
    from gnbv.io.history import record

    record(Path(history), progress_run(checked, command, _hashes(inputs)))

"""The command line: parse options, call the library, pick a renderer, return an exit code.

The only module that imports typer. Heavy modules (pandas, the census engine) are imported
inside the commands that use them, so ``gnbv --help`` answers fast. :func:`run` is the one
error boundary: it maps exceptions to exit codes and short messages on stderr.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import typer

from gnbv import __version__
from gnbv.errors import GnbvError
from gnbv.exit_codes import ExitCode

if TYPE_CHECKING:
    from rich.console import Console

    from gnbv.core.programme import ProgressCheck
    from gnbv.core.report import CheckReport

app = typer.Typer(
    name="gnbv",
    help="Check a province's sustainable poverty reduction plan against its household census.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
plan_app = typer.Typer(help="Validate and show a plan file.", no_args_is_help=True)
app.add_typer(plan_app, name="plan")
progress_app = typer.Typer(
    help="The programme's progress workbook: funds disbursed, works, projects, training.",
    no_args_is_help=True,
)
app.add_typer(progress_app, name="progress")


class Lang(StrEnum):
    vi = "vi"
    en = "en"


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class FollowUp(StrEnum):
    escaped = "escaped"
    fell_back = "fell-back"
    newly_poor = "newly-poor"


class _RunState:
    """What the error boundary must know about the running command."""

    json_errors = False
    quiet = False
    """--quiet: nothing on stderr but warnings and errors (for cron: no mail when all is well)."""
    lang: str = "vi"
    """The language of messages, from --lang (Vietnamese unless --lang en is given)."""


def _say(key: str, **values: object) -> str:
    from gnbv.render.labels import label

    return label(key, "en" if _RunState.lang == "en" else "vi", **values)


def _info(key: str, **values: object) -> None:
    """A message that says what was done: on stderr, unless --quiet."""
    if not _RunState.quiet:
        typer.echo(_say(key, **values), err=True)


def _warn(text: str) -> None:
    typer.echo(f"{_say('msg_warning')}: {text}", err=True)


def _fail(text: str) -> None:
    typer.echo(f"{_say('msg_error')}: {text}", err=True)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"gnbv {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version_callback,
        is_eager=True,
        help="Show the version and exit.",
    ),
    debug: bool = typer.Option(
        False,
        "--debug",
        help="Show tracebacks of internal errors (may be given anywhere on the command line).",
    ),
    quiet: bool = typer.Option(
        False,
        "--quiet",
        help="Nothing on stderr but warnings and errors (may be given anywhere; for cron).",
    ),
) -> None:
    """gnbv: giảm nghèo bền vững — plan, census, gaps, budget."""


PlanOption = typer.Option(None, "--plan", help="Plan file (YAML).", dir_okay=False)
YearOption = typer.Option(None, "--year", help="Use plan_YYYY.yaml of the current folder.")
LangOption = typer.Option(Lang.vi, "--lang", help="Language of labels and number style.")
FormatOption = typer.Option(OutputFormat.table, "--format", help="table (for people) or json.")
ReportFormatOption = typer.Option(
    OutputFormat.table,
    "--format",
    help="table (for people), json, csv (one table) or xlsx (a workbook; needs --output).",
)
EncodingOption = typer.Option(
    None, "--encoding", help="Census text encoding: utf-8, utf-16, cp1258 (default: detected)."
)
DelimiterOption = typer.Option(
    None, "--delimiter", help="Census field delimiter: ',', ';' or 'tab' (default: detected)."
)
SheetOption = typer.Option(None, "--sheet", help="Sheet of an .xlsx census (default: the first).")
ProgressOption = typer.Option(
    None,
    "--progress",
    help="The programme's progress workbook (gnbv progress template makes one).",
    dir_okay=False,
)
HistoryOption = typer.Option(
    None,
    "--history",
    help="SQLite file the run's figures are added to (the same date replaces its figures).",
    dir_okay=False,
)
ColumnsOption = typer.Option(
    None,
    "--columns",
    help="YAML mapping a district's own headers and codes to gnbv's.",
    dir_okay=False,
)


def _plan_path(plan: Path | None, year: int | None) -> Path:
    from gnbv.io.plan_files import resolve_plan_path

    return resolve_plan_path(plan, year, Path.cwd())


@plan_app.command("validate")
def plan_validate(
    plan_file: Path | None = typer.Argument(
        None, help="Plan file; default: the only plan_*.yaml here."
    ),
    lang: Lang = LangOption,
) -> int:
    """Check a plan file: structure, known metrics, unique ids, totals that add up."""
    from gnbv.io.yaml_loader import load_plan
    from gnbv.render.numbers import fmt_int

    path = _plan_path(plan_file, None)
    plan = load_plan(path)
    _info(
        "msg_plan_ok",
        path=path,
        targets=len(plan.targets),
        projects=len(plan.projects),
        total=fmt_int(plan.budget.stated_total_mvnd, lang.value),
    )
    return ExitCode.OK


@plan_app.command("show")
def plan_show(
    plan_file: Path | None = typer.Argument(
        None, help="Plan file; default: the only plan_*.yaml here."
    ),
    lang: Lang = LangOption,
) -> int:
    """List the plan's targets as a table."""
    from gnbv.io.yaml_loader import load_plan
    from gnbv.render.terminal import render_plan_targets

    plan = load_plan(_plan_path(plan_file, None))
    _show(lambda console: render_plan_targets(plan, lang.value, console))
    return ExitCode.OK


@app.command("budget")
def budget(
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    output_format: OutputFormat = FormatOption,
    lang: Lang = LangOption,
    progress: Path | None = ProgressOption,
    history: Path | None = HistoryOption,
) -> int:
    """Show the plan's budget (sources x capital types), reconciled against its stated totals;
    with --progress, what was allocated and disbursed beside it, and the pace.

    Exits 2 when a stated total does not equal the sum of its parts (or the allocation in
    the progress workbook does not add up to the plan's budget).
    """
    from gnbv import api
    from gnbv.core.budget_report import budget_document
    from gnbv.io.json_out import dumps
    from gnbv.render.terminal import render_budget

    _RunState.json_errors = output_format is OutputFormat.json
    # Totals are reconciled, shown, and turned into the exit code, instead of refused at load
    # time, so that the user sees which total is off.
    plan_path = _plan_path(plan_file, year)
    result = api.budget(plan_path)
    plan, summary = result.plan, result.summary
    checked = (
        api.progress(progress, plan=plan_path, max_invalid_percent=100.0) if progress else None
    )
    reconciled = summary.reconciled and (checked is None or checked.report.reconciled)
    code = ExitCode.OK if reconciled else ExitCode.USAGE_OR_INPUT_ERROR
    if output_format is OutputFormat.json:
        document = budget_document(plan, summary, int(code))
        if checked is not None:
            from gnbv.core.programme import progress_document

            document["progress"] = progress_document(checked, int(code))
        sys.stdout.write(dumps(document))
    else:
        from gnbv.render.terminal import render_progress

        def render(console: Console) -> None:
            render_budget(summary, plan, lang.value, console)
            if checked is not None:
                render_progress(checked, lang.value, console)

        _show(render)
    if checked is not None and history is not None:
        api.record_progress(history, checked, command="budget", inputs=[plan_path, progress])
    if checked is not None:
        for item in checked.report.reconciliation:
            if item.complete and not item.ok:
                _fail(
                    f"{progress}: allocation {item.source} {item.capital_type}: "
                    f"{float(item.allocated):,.3f} allocated, the plan's budget is "
                    f"{item.planned:,} million VND"
                )
    for check in summary.checks:
        if not check.ok:
            _fail(check.message)
    return code


def _show(render: Callable[[Console], None]) -> None:
    """Tables on stdout: drawn for the terminal, or as plain text ``COLUMNS`` wide (default
    100) without trailing spaces when stdout is a pipe, a file or cron's mail."""
    from gnbv.render.terminal import make_console, render_plain

    if sys.stdout.isatty():
        render(make_console())
    else:
        sys.stdout.write(render_plain(render))


@app.command("check")
def check(
    census_file: Path = typer.Argument(..., help="Census file (CSV, Excel, Parquet)."),
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    baseline: Path | None = typer.Option(
        None,
        "--baseline",
        help="Previous year's census: baseline of the reduction targets "
        "where the plan states no rate.",
    ),
    rejects: Path | None = typer.Option(
        None, "--rejects", help="Write the rows set aside, with their reasons, to this CSV."
    ),
    max_invalid: float = typer.Option(
        1.0,
        "--max-invalid",
        min=0.0,
        max=100.0,
        help="Largest share of rows (percent) that may be set aside; above it, exit 3.",
    ),
    output_format: OutputFormat = ReportFormatOption,
    output: Path | None = typer.Option(
        None, "--output", help="Write the report to this file (atomically) instead of stdout."
    ),
    exit_zero: bool = typer.Option(
        False, "--exit-zero", help="Exit 0 even when targets are not met (for archiving jobs)."
    ),
    lang: Lang = LangOption,
    encoding: str | None = EncodingOption,
    delimiter: str | None = DelimiterOption,
    sheet: str | None = SheetOption,
    columns: Path | None = ColumnsOption,
    show_values: bool = typer.Option(
        False,
        "--show-values",
        help="Include cell contents in the list of data problems (personal data: off by default).",
    ),
    progress: Path | None = ProgressOption,
    history: Path | None = HistoryOption,
) -> int:
    """Validate a census, classify every household, and compare the plan's targets with it.

    Exit codes: 0 every target that can be evaluated is met; 1 a target is not met;
    2 a usage, plan or file error; 3 too many rows set aside (--max-invalid).
    """
    from gnbv import api
    from gnbv.engine import ReadOptions
    from gnbv.io.writers import refuse_overwriting_inputs

    _RunState.json_errors = output_format is OutputFormat.json
    _check_output_format(output_format, output)
    plan_path = _plan_path(plan_file, year)
    inputs = [census_file, plan_path, *(p for p in (baseline, columns, progress) if p is not None)]
    for written in (output, rejects):
        if written is not None:
            refuse_overwriting_inputs(written, inputs)
    with _progress(census_file, lang) as on_progress:
        report = api.check(
            census_file,
            plan=plan_path,
            baseline=baseline,
            rejects=rejects,
            max_invalid_percent=max_invalid,
            exit_zero=exit_zero,
            read_options=ReadOptions(encoding, delimiter, sheet, columns, show_values),
            on_progress=on_progress,
            progress_file=progress,
        )
    if rejects is not None:
        _info("msg_rejects_written", count=report.input.invalid_rows, path=rejects)
    for warning in report.warnings:
        _warn(_say(warning.key, **warning.params))
    _emit_report(report, output_format, output, lang, "targets")
    _data_quality_messages(report, lang)
    if history is not None:
        progress_check = api.progress(progress, plan=plan_path) if progress else None
        files: list[Path | None] = [census_file, plan_path, baseline, progress]
        api.record_check(history, report, inputs=files, progress_check=progress_check)
    return report.exit_code


def _data_quality_messages(report: CheckReport, lang: Lang) -> None:
    """Rows set aside (a warning) and a failed quality gate (an error), after the report."""
    from gnbv.render.numbers import fmt_pct

    summary = report.input
    if summary.invalid_rows:
        _warn(
            _say(
                "msg_rows_set_aside",
                invalid=summary.invalid_rows,
                rows=summary.rows,
                percent=fmt_pct(summary.invalid_percent, lang.value),
            )
        )
    if report.status == "quality_gate_failed":
        _fail(_say("msg_gate_failed", limit=fmt_pct(summary.max_invalid_percent, lang.value)))


@contextmanager
def _progress(census_file: Path, lang: Lang) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal; nothing under cron."""
    if not sys.stderr.isatty():
        yield None
        return
    from gnbv.render.terminal import progress_bar

    size = census_file.stat().st_size if census_file.is_file() else 0
    with progress_bar(size, "en" if lang is Lang.en else "vi") as update:
        yield update


def _check_output_format(output_format: OutputFormat, output: Path | None) -> None:
    from gnbv.errors import UsageError

    if output_format is OutputFormat.xlsx and output is None:
        raise UsageError(
            "--format xlsx writes a workbook: give --output FILE.xlsx", key="err_xlsx_needs_output"
        )


def _emit_report(
    report: CheckReport,
    output_format: OutputFormat,
    output: Path | None,
    lang: Lang,
    csv_table: str,
) -> None:
    """One report, four views: rich tables, JSON, one CSV table, an Excel workbook."""
    from gnbv.io.json_out import dumps
    from gnbv.io.writers import atomic_write_text, neutralise_formulas
    from gnbv.render import tables

    def render(console: Console) -> None:
        # rich is loaded only for the tables (not for JSON from cron).
        from gnbv.render.terminal import render_check, render_transitions

        if csv_table == "summary":
            render_transitions(report, lang.value, console)
        else:
            render_check(report, lang.value, console)
            render_transitions(report, lang.value, console)

    if output_format is OutputFormat.xlsx:
        import datetime as dt

        from gnbv.io.xlsx_writer import write_forms
        from gnbv.render.forms import heading, report_forms

        assert output is not None
        made_on = dt.date.today()
        forms = report_forms(report, lang.value)
        write_forms(output, forms, heading(report.plan, lang.value, made_on))
        _info("msg_workbook_written", path=output)
        return
    if output_format is OutputFormat.json:
        from gnbv.render.labels import json_labels

        document = report.to_dict()
        document["labels"] = json_labels(document, lang.value)  # words for a person reading it
        text = dumps(document)
    elif output_format is OutputFormat.csv:
        import pandas as pd

        table = (
            tables.summary_table(report, lang.value)
            if csv_table == "summary"
            else tables.targets_table(report, lang.value)
        )
        if table is None:
            from gnbv.errors import UsageError

            raise UsageError(
                "no transitions to tabulate: give the previous census, or a census "
                "with a status_prev column",
                key="err_no_transitions",
            )
        header, *body = tables.csv_rows(table)
        frame = pd.DataFrame(body, columns=header, dtype="object")
        text = neutralise_formulas(frame).to_csv(index=False, lineterminator="\n")
    elif output is not None:
        from gnbv.render.terminal import render_plain

        text = render_plain(render)
    else:
        _show(render)
        return
    if output is not None:
        # A CSV file is opened by a person in Excel: a BOM; piped CSV is for programs.
        from gnbv.io.writers import BOM

        atomic_write_text(output, (BOM if output_format is OutputFormat.csv else "") + text)
        _info("msg_report_written", path=output)
    else:
        sys.stdout.write(text)


@app.command("compare")
def compare(
    files: list[Path] = typer.Argument(
        ..., help="PREV.csv CURR.csv, or only CURR.csv to use its status_prev column."
    ),
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    output_format: OutputFormat = ReportFormatOption,
    output: Path | None = typer.Option(None, "--output", help="Write to this file (atomically)."),
    follow_up: FollowUp | None = typer.Option(
        None,
        "--list",
        help="Instead of the summary, list the households behind a count "
        "(CSV: id, commune, class then and now, deprivations).",
    ),
    max_invalid: float = typer.Option(
        1.0,
        "--max-invalid",
        min=0.0,
        max=100.0,
        help="Largest share of rows (percent) set aside; above it, exit 3.",
    ),
    lang: Lang = LangOption,
    encoding: str | None = EncodingOption,
    delimiter: str | None = DelimiterOption,
    sheet: str | None = SheetOption,
    columns: Path | None = ColumnsOption,
) -> int:
    """Households that escaped, fell back, became poor, left or arrived between two reviews.

    Matches households by household_id, checks start + changes = end for every unit, and
    prints the review's summary table. Exit codes: 0 done; 2 usage or file error; 3 too many
    rows set aside. (Targets are in the JSON and xlsx outputs; use check to gate on them.)
    """
    from gnbv import api
    from gnbv.engine import ReadOptions
    from gnbv.errors import UsageError
    from gnbv.io.writers import refuse_overwriting_inputs, write_csv

    _RunState.json_errors = output_format is OutputFormat.json
    if len(files) not in (1, 2):
        raise UsageError("give PREV.csv CURR.csv, or CURR.csv alone", key="err_compare_files")
    _check_output_format(output_format, output)
    previous, current = (None, files[0]) if len(files) == 1 else (files[0], files[1])
    plan_path = _plan_path(plan_file, year)
    if output is not None:
        refuse_overwriting_inputs(output, [*files, plan_path])
    comparison = api.compare(
        current,
        plan=plan_path,
        previous=previous,
        follow_up=follow_up.value if follow_up is not None else None,
        max_invalid_percent=max_invalid,
        read_options=ReadOptions(encoding, delimiter, sheet, columns),
    )
    report, listing = comparison.report, comparison.follow_up
    if listing is not None:
        from gnbv.render.tables import follow_up_table

        listing = follow_up_table(listing, "en" if lang is Lang.en else "vi")
        if output is not None:
            write_csv(listing, output)
            _info("msg_households_written", count=len(listing), path=output)
        else:
            from gnbv.io.writers import neutralise_formulas

            sys.stdout.write(neutralise_formulas(listing).to_csv(index=False, lineterminator="\n"))
        return report.exit_code
    _emit_report(report, output_format, output, lang, "summary")
    _data_quality_messages(report, lang)
    return report.exit_code


@app.command("classify")
def classify_command(
    census_file: Path = typer.Argument(..., help="Census file (CSV, Excel, Parquet)."),
    output: Path = typer.Option(..., "-o", "--output", help="CSV to write."),
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    rejects: Path | None = typer.Option(None, "--rejects", help="Write the rows set aside."),
    encoding: str | None = EncodingOption,
    delimiter: str | None = DelimiterOption,
    sheet: str | None = SheetOption,
    columns: Path | None = ColumnsOption,
    lang: Lang = LangOption,
) -> int:
    """Write each valid household's class and deprivation count, to list those behind a number."""
    from gnbv import api
    from gnbv.engine import ReadOptions
    from gnbv.io.writers import refuse_overwriting_inputs

    plan_path = _plan_path(plan_file, year)
    for written in (output, rejects):
        if written is not None:
            refuse_overwriting_inputs(written, [census_file, plan_path])
    result = api.classify(
        census_file,
        output,
        plan=plan_path,
        rejects=rejects,
        read_options=ReadOptions(encoding, delimiter, sheet, columns),
        lang=lang.value,
    )
    summary = result.summary
    _info(
        "msg_classified",
        count=summary.valid_rows,
        standard=result.standard.id,
        path=output,
        invalid=summary.invalid_rows,
    )
    return ExitCode.OK


class ListTransition(StrEnum):
    escaped = "escaped"
    newly_poor = "newly-poor"
    stayed_poor = "stayed-poor"
    new = "new"


class ListClass(StrEnum):
    poor = "poor"
    near_poor = "near_poor"
    middle = "middle"
    non_poor = "non_poor"


@app.command("list")
def list_command(
    census_file: Path = typer.Argument(..., help="Census file."),
    output: Path = typer.Option(
        ..., "-o", "--output", help="CSV (UTF-8 with BOM, for Excel) or .xlsx to write."
    ),
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    previous: Path | None = typer.Option(
        None, "--previous", help="Last year's census: the class at the start comes from it."
    ),
    district: list[str] = typer.Option([], "--district", help="Only this district (repeatable)."),
    commune: list[str] = typer.Option([], "--commune", help="Only this commune (repeatable)."),
    klass: list[ListClass] = typer.Option([], "--class", help="Only this class (repeatable)."),
    transition: list[ListTransition] = typer.Option(
        [], "--transition", help="Only households with this change since the start."
    ),
    deprivation: list[str] = typer.Option(
        [], "--deprivation", help="Only households deprived in this column (dep_water, ...)."
    ),
    nearest: float | None = typer.Option(
        None,
        "--nearest-to-leaving",
        min=0.0,
        max=100.0,
        help="Poor households nearest to leaving poverty: income within this percent below "
        "the line, or one deprivation from the threshold.",
    ),
    lang: Lang = LangOption,
    encoding: str | None = EncodingOption,
    delimiter: str | None = DelimiterOption,
    sheet: str | None = SheetOption,
    columns: Path | None = ColumnsOption,
) -> int:
    """List households to act on: units, class now and before, income against the line, and
    each deprivation; filtered by unit, class, change and deprivation, sorted by unit."""
    import datetime as dt

    import pandas as pd

    from gnbv import api
    from gnbv.core.lists import ListFilter
    from gnbv.engine import ReadOptions
    from gnbv.errors import UsageError
    from gnbv.io.writers import atomic_write_text, neutralise_formulas, refuse_overwriting_inputs
    from gnbv.render.forms import heading, list_csv, list_form
    from gnbv.service import load_plan_and_standard

    plan_path = _plan_path(plan_file, year)
    refuse_overwriting_inputs(output, [census_file, plan_path, *([previous] if previous else [])])
    plan, standard = load_plan_and_standard(plan_path)
    unknown = [name for name in deprivation if name not in standard.deprivation_columns]
    if unknown:
        raise UsageError(
            f"unknown deprivation column {', '.join(unknown)}",
            hint=f"one of: {', '.join(standard.deprivation_columns)}",
            key="err_unknown_deprivation",
            params={
                "columns": ", ".join(unknown),
                "known": ", ".join(standard.deprivation_columns),
            },
        )
    chosen = ListFilter(
        districts=tuple(district),
        communes=tuple(commune),
        classes=tuple(value.value for value in klass),
        transitions=tuple(value.value for value in transition),
        deprivations=tuple(deprivation),
        near_line_percent=nearest,
    )
    households = api.households(
        census_file,
        plan=plan_path,
        previous=previous,
        chosen=chosen,
        read_options=ReadOptions(encoding, delimiter, sheet, columns),
    )
    code: Literal["vi", "en"] = "en" if lang is Lang.en else "vi"
    if output.suffix.lower() == ".xlsx":
        from gnbv.io.xlsx_writer import write_forms

        title = label_text("list_title_nearest" if nearest is not None else "list_title", code)
        form = list_form(households, standard, code, title)
        write_forms(output, [form], heading(plan, code, dt.date.today()))
    else:
        header, *body = list_csv(households, standard, code)
        frame = pd.DataFrame(body, columns=header, dtype="object")
        text = neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n")
        atomic_write_text(output, "\ufeff" + text)  # a BOM: Excel shows Vietnamese right
    _info("msg_households_written", count=len(households.rows), path=output)
    return ExitCode.OK


def label_text(key: str, lang: str) -> str:
    from gnbv.render.labels import label

    return label(key, "en" if lang == "en" else "vi")


@progress_app.command("template")
def progress_template(
    output: Path = typer.Option(..., "-o", "--output", help="The .xlsx workbook to write."),
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    lang: Lang = LangOption,
) -> int:
    """Write the progress workbook pre-filled from the plan, for the office to fill in."""
    from gnbv import api

    api.progress_template(output, plan=_plan_path(plan_file, year))
    _info("msg_workbook_written", path=output)
    return ExitCode.OK


@progress_app.command("check")
def progress_check(
    workbook: Path = typer.Argument(..., help="The progress workbook (.xlsx)."),
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    output_format: OutputFormat = FormatOption,
    lang: Lang = LangOption,
    max_invalid: float = typer.Option(
        1.0, "--max-invalid", min=0.0, max=100.0, help="Largest share of rows set aside (%)."
    ),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 when targets are not met."),
    history: Path | None = HistoryOption,
    output: Path | None = typer.Option(
        None, "--output", help="With --format xlsx: the workbook of forms to write."
    ),
    chart: Path | None = typer.Option(
        None,
        "--chart",
        help="Also draw the disbursement against a steady pace to the deadline (SVG).",
    ),
) -> int:
    """The programme's own targets (T6 funds disbursed, T7 livelihood projects completed,
    T10 officials trained) and its pace, from the progress workbook alone (no census).

    Exit codes: 0 met; 1 a target not met; 2 a file error or an allocation that does not add
    up to the plan's budget; 3 too many rows set aside.
    """
    from gnbv import api
    from gnbv.core.programme import progress_document
    from gnbv.io.json_out import dumps
    from gnbv.render.terminal import render_progress

    _RunState.json_errors = output_format is OutputFormat.json
    plan_path = _plan_path(plan_file, year)
    checked = api.progress(workbook, plan=plan_path, max_invalid_percent=max_invalid)
    code = checked.exit_code(exit_zero)
    _check_output_format(output_format, output)
    if history is not None:
        api.record_progress(history, checked, command="progress", inputs=[plan_path, workbook])
    if chart is not None:
        _write_chart(chart, checked, history, lang)
    if output_format is OutputFormat.json:
        sys.stdout.write(dumps(progress_document(checked, code)))
    elif output_format is OutputFormat.xlsx:
        import datetime as dt

        from gnbv.io.xlsx_writer import write_forms
        from gnbv.render.forms import heading, progress_forms

        assert output is not None
        made_on = dt.date.today()
        from gnbv.io.history import read_series
        from gnbv.render.chart import chart_lines
        from gnbv.render.labels import label

        forms = progress_forms(checked, lang.value)
        past = read_series(history)[1] if history is not None and history.exists() else []
        lines = chart_lines(checked, past, lang.value)
        write_forms(
            output,
            forms,
            heading(checked.plan, lang.value, made_on),
            lines,
            label("chart_sheet", lang.value),
        )
        _info("msg_workbook_written", path=output)
    else:
        _show(lambda console: render_progress(checked, lang.value, console))
    if checked.report.progress.rows_set_aside:
        _warn(
            _say(
                "msg_rows_set_aside",
                invalid=checked.report.progress.rows_set_aside,
                rows=checked.report.progress.rows,
                percent=f"{checked.invalid_percent:.2f}%",
            )
        )
    return code


def _write_chart(chart: Path, checked: ProgressCheck, history: Path | None, lang: Lang) -> None:
    from gnbv.io.history import read_series
    from gnbv.io.writers import atomic_write_text
    from gnbv.render.chart import chart_lines, disbursement_svg
    from gnbv.render.labels import label

    code: Literal["vi", "en"] = "en" if lang is Lang.en else "vi"
    past = read_series(history)[1] if history is not None and history.exists() else []
    labels = {"actual": label("chart_actual", code), "straight": label("chart_straight", code)}
    title = label("chart_title", code, year=checked.plan.plan.year)
    atomic_write_text(chart, disbursement_svg(chart_lines(checked, past, code), title, labels))
    _info("msg_report_written", path=chart)


@app.command("history")
def history_command(
    database: Path = typer.Argument(..., help="The history file (--history of earlier runs)."),
    output_format: OutputFormat = FormatOption,
    lang: Lang = LangOption,
) -> int:
    """The figures of earlier runs, date by date: each target, each disbursement line and
    its pace against the deadline."""
    from gnbv.io.history import read_series
    from gnbv.io.json_out import dumps
    from gnbv.render.terminal import render_history

    _RunState.json_errors = output_format is OutputFormat.json
    targets, lines = read_series(database)
    if output_format is OutputFormat.json:
        document = {
            "schema_version": 1,
            "targets": {s.name: [list(point) for point in s.points] for s in targets},
            "disbursement": {s.name: [list(point) for point in s.points] for s in lines},
        }
        sys.stdout.write(dumps(document))
    else:
        _show(lambda console: render_history(targets, lines, lang.value, console))
    return ExitCode.OK


@app.command("synth")
def synth(
    output: Path = typer.Option(..., "-o", "--output", help="CSV to write."),
    scale: float = typer.Option(
        0.1,
        "--scale",
        min=0.0001,
        max=100.0,
        help="Share of Bắc Giang's ~477,000 households (1 = full).",
    ),
    seed: int = typer.Option(2024, "--seed", help="Same seed, same file."),
    year: int = typer.Option(2024, "--year", help="Year whose poverty standard is used."),
    previous: Path | None = typer.Option(
        None, "--previous", help="Also write the previous year's census of the same households."
    ),
    lang: Lang = LangOption,
) -> int:
    """Generate a synthetic census of Bắc Giang (no real household) in the census format."""
    from gnbv.core.standards import standard_for_year
    from gnbv.errors import UsageError
    from gnbv.io.writers import write_csv
    from gnbv.io.yaml_loader import load_standards
    from gnbv.synth.census import synthesise_years, to_census_text

    standard = standard_for_year(load_standards(), year)
    if standard is None:
        raise UsageError(
            f"no poverty standard shipped for {year}",
            key="err_no_standard_year",
            params={"year": year},
        )
    before, now = synthesise_years(standard, scale=scale, seed=seed)
    write_csv(to_census_text(now), output, bom=False)  # a census file, as the contract has it
    _info("msg_synth_written", count=len(now), path=output)
    if previous is not None:
        write_csv(to_census_text(before), previous, bom=False)
        _info("msg_synth_previous_written", count=len(before), year=year - 1, path=previous)
    return ExitCode.OK


def _print_error(error: GnbvError) -> None:
    """The message and hint in the user's language where the catalogue has them."""
    from gnbv.render.labels import has_label

    message, hint = error.message, error.hint
    if error.key is not None and has_label(error.key):
        message = _say(error.key, **error.params)
        if has_label(f"{error.key}_hint"):
            hint = _say(f"{error.key}_hint", **error.params)
    _fail(message)
    if error.items and error.key is not None and has_label(error.key):
        for item in error.items:  # every problem, in the user's language where known
            known = item.key is not None and has_label(item.key)
            params = dict(item.params)
            if _RunState.lang == "vi" and isinstance(params.get("expected"), str):
                # pydantic lists the allowed values in English: 'a', 'b' or 'c'
                params["expected"] = str(params["expected"]).replace("' or '", "' hoặc '")
            text = _say(item.key, **params) if known and item.key else item.text
            _fail(f"{item.where}: {text}")
    for detail in [] if error.items else error.details:
        _fail(detail)
    for suggestion in error.suggestions:
        typer.echo(f"{_say('msg_hint')}: {_say('err_did_you_mean', **suggestion)}", err=True)
    if hint:
        typer.echo(f"{_say('msg_hint')}: {hint}", err=True)


def _emit_json_error(message: str, hint: str | None, code: int) -> None:
    if _RunState.json_errors:
        from gnbv.io.json_out import dumps, error_document

        sys.stdout.write(dumps(error_document(message, hint, code)))


def _help_in_vietnamese(command: Any) -> None:
    """Every command's and option's --help text in Vietnamese (gnbv.render.help_vi)."""
    from gnbv.render.help_vi import vietnamese_help

    if command.help:
        command.help = vietnamese_help(command.help) or command.help
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            param.help = vietnamese_help(text) or text
    for sub in getattr(command, "commands", {}).values():
        _help_in_vietnamese(sub)


def _lang_of(args: list[str]) -> str:
    """The --lang of the command line (``--lang en`` or ``--lang=en``), for messages printed
    before or outside a command; Vietnamese by default."""
    for position, arg in enumerate(args):
        if arg == "--lang" and position + 1 < len(args):
            return args[position + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "vi"


def run(argv: list[str] | None = None) -> int:
    """Run gnbv with ``argv`` and return the exit code; the one error boundary."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    _RunState.quiet = "--quiet" in args
    _RunState.lang = _lang_of(args)
    args = [arg for arg in args if arg not in ("--debug", "--quiet")]
    reading = logging.getLogger("gnbv.read")
    said = logging.StreamHandler(sys.stderr)
    if debug:  # how the census is read, decision by decision, on stderr
        said.setFormatter(logging.Formatter("debug: %(message)s"))
        reading.addHandler(said)
        reading.setLevel(logging.DEBUG)
    try:
        return _run(args, debug)
    finally:
        reading.removeHandler(said)
        reading.setLevel(logging.NOTSET)


def _run(args: list[str], debug: bool) -> int:
    _RunState.json_errors = False
    try:
        command = typer.main.get_command(app)
        if _RunState.lang != "en":
            _help_in_vietnamese(command)
        result = command.main(args=args, prog_name="gnbv", standalone_mode=False)
        return int(result) if isinstance(result, int) else ExitCode.OK
    except typer.Exit as stop:
        return int(stop.exit_code)
    except typer.Abort:
        typer.echo(_say("msg_interrupted"), err=True)
        return ExitCode.INTERRUPTED
    except typer.TyperException as error:  # usage errors: unknown option, bad value, ...
        show = getattr(error, "show", None)
        if callable(show):
            show()
        else:
            typer.echo(f"error: {error}", err=True)
        return ExitCode.USAGE_OR_INPUT_ERROR
    except GnbvError as error:
        _print_error(error)
        _emit_json_error(error.message, error.hint, ExitCode.USAGE_OR_INPUT_ERROR)
        return ExitCode.USAGE_OR_INPUT_ERROR
    except KeyboardInterrupt:
        typer.echo(_say("msg_interrupted"), err=True)
        return ExitCode.INTERRUPTED
    except Exception as error:  # the boundary: anything else is a bug in gnbv
        if debug:
            traceback.print_exc()
        typer.echo(_say("msg_internal_error", name=type(error).__name__), err=True)
        _emit_json_error("internal error", "run again with --debug", ExitCode.INTERNAL_ERROR)
        return ExitCode.INTERNAL_ERROR


ALLOCATOR_SETTINGS = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:200,muzzy_decay_ms:0"}
"""Polars' allocator keeps what it frees for 10 s by default: a census read in a few seconds
then holds the read's memory while its suspect rows are validated. Given back after 0.2 s
instead: about 60 MB lower at the peak, at the same speed (bench/RESULTS.md). Read when
polars loads, so set before it does; the environment can override it."""


def main() -> None:
    for name, value in ALLOCATOR_SETTINGS.items():
        os.environ.setdefault(name, value)
    sys.exit(run())

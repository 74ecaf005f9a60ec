"""The census commands: ``check`` (targets), ``compare`` (two reviews), ``classify``.

Each parses its options, calls :mod:`gnbv.api`, and hands the one report to
:func:`emit_report` for the view asked for; the exit code is the report's.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer

from gnbv.cli.app import (
    ColumnsOption,
    DelimiterOption,
    EncodingOption,
    HistoryOption,
    IssuerOption,
    Lang,
    LangOption,
    MaxInvalidOption,
    OutputFormat,
    PlanOption,
    PreviousSheetOption,
    ProgressOption,
    ReportFormatOption,
    RunState,
    SheetOption,
    YearOption,
    app,
    fail,
    info,
    number,
    output_format_for,
    plan_path,
    progress_bar,
    refuse_overwriting_inputs,
    refuse_workbook_name,
    say,
    say_warnings,
    show,
    warn_rows_set_aside,
)
from gnbv.exit_codes import ExitCode

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from gnbv.core.analysis.report import CheckReport


class FollowUp(StrEnum):
    escaped = "escaped"
    fell_back = "fell-back"
    newly_poor = "newly-poor"


@app.command("check")
def check(
    ctx: typer.Context,
    census_file: Path = typer.Argument(..., help="Census file (CSV, Excel, Parquet)."),
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    baseline: Path | None = typer.Option(
        None,
        "--baseline",
        help="Previous year's census: baseline of the reduction targets "
        "where the plan states no rate.",
    ),
    previous_sheet: str | None = PreviousSheetOption,
    rejects: Path | None = typer.Option(
        None, "--rejects", help="Write the rows set aside, with their reasons, to this CSV."
    ),
    max_invalid: float = MaxInvalidOption,
    output_format: OutputFormat = ReportFormatOption,
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Write the report to this file (atomically) instead of stdout."
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
    issuer: str | None = IssuerOption,
) -> int:
    """Validate a census, classify every household, and compare the plan's targets with it.

    Exit codes: 0 every target that can be evaluated is met; 1 a target is not met;
    2 a usage, plan or file error; 3 too many rows set aside (--max-invalid).
    """
    from gnbv import api
    from gnbv.read.options import ReadOptions

    RunState.json_errors = output_format is OutputFormat.json  # asked for: errors in JSON too
    output_format = output_format_for(ctx, output_format, output)
    RunState.json_errors = output_format is OutputFormat.json
    refuse_workbook_name(rejects, "--rejects")
    plan = plan_path(plan_file, year)
    inputs = [census_file, plan, *(p for p in (baseline, columns, progress) if p is not None)]
    for written in (output, rejects):
        if written is not None:
            refuse_overwriting_inputs(written, inputs)
    with progress_bar(census_file, lang) as on_progress:
        report = api.check(
            census_file,
            plan=plan,
            baseline=baseline,
            rejects=rejects,
            max_invalid_percent=max_invalid,
            exit_zero=exit_zero,
            read_options=ReadOptions(
                encoding, delimiter, sheet, columns, show_values, earlier_sheet=previous_sheet
            ),
            on_progress=on_progress,
            progress_file=progress,
            rejects_lang=lang.value,
        )
    if rejects is not None:
        info("msg_rejects_written", count=number(report.input.invalid_rows), path=rejects)
    say_warnings(report.warnings, lang)
    emit_report(report, output_format, output, lang, "targets", issuer)
    data_quality_messages(report, lang, rejects)
    if history is not None:
        progress_check = api.progress(progress, plan=plan) if progress else None
        files: list[Path | None] = [census_file, plan, baseline, progress]
        api.record_check(history, report, inputs=files, progress_check=progress_check)
    return report.exit_code


@app.command("compare")
def compare(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(
        ..., help="PREV.csv CURR.csv, or only CURR.csv to use its status_prev column."
    ),
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    output_format: OutputFormat = ReportFormatOption,
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Write to this file (atomically)."
    ),
    follow_up: FollowUp | None = typer.Option(
        None,
        "--list",
        help="Instead of the summary, list the households behind a count "
        "(CSV: id, commune, class then and now, deprivations).",
    ),
    max_invalid: float = MaxInvalidOption,
    lang: Lang = LangOption,
    encoding: str | None = EncodingOption,
    delimiter: str | None = DelimiterOption,
    sheet: str | None = SheetOption,
    previous_sheet: str | None = PreviousSheetOption,
    columns: Path | None = ColumnsOption,
    issuer: str | None = IssuerOption,
) -> int:
    """Households that escaped, fell back, became poor, left or arrived between two reviews.

    Matches households by household_id, checks start + changes = end for every unit, and
    prints the review's summary table. Exit codes: 0 done; 2 usage or file error; 3 too many
    rows set aside. (Targets are in the JSON and xlsx outputs; use check to gate on them.)
    """
    from gnbv import api
    from gnbv.errors import UsageError
    from gnbv.read.options import ReadOptions

    RunState.json_errors = output_format is OutputFormat.json  # asked for: errors in JSON too
    if len(files) not in (1, 2):
        raise UsageError("give PREV.csv CURR.csv, or CURR.csv alone", key="err_compare_files")
    if follow_up is not None:  # the households behind a count: a CSV
        refuse_workbook_name(output, "--output")
    else:
        output_format = output_format_for(ctx, output_format, output)
    RunState.json_errors = output_format is OutputFormat.json
    previous, current = (None, files[0]) if len(files) == 1 else (files[0], files[1])
    plan = plan_path(plan_file, year)
    if output is not None:
        refuse_overwriting_inputs(output, [*files, plan])
    comparison = api.compare(
        current,
        plan=plan,
        previous=previous,
        follow_up=follow_up.value if follow_up is not None else None,
        max_invalid_percent=max_invalid,
        read_options=ReadOptions(encoding, delimiter, sheet, columns, earlier_sheet=previous_sheet),
    )
    report = comparison.report
    say_warnings(report.warnings, lang)
    if comparison.follow_up is not None:
        _emit_follow_up(comparison.follow_up, output, lang)
        return report.exit_code
    emit_report(report, output_format, output, lang, "summary", issuer)
    data_quality_messages(report, lang)
    return report.exit_code


def _emit_follow_up(households: pd.DataFrame, output: Path | None, lang: Lang) -> None:
    """``compare --list``: the households behind a count, as CSV."""
    from gnbv.io.writers import csv_text, write_csv
    from gnbv.render.tables import follow_up_table

    listing = follow_up_table(households, lang.code)
    if output is not None:
        write_csv(listing, output)
        info("msg_households_written", count=number(len(listing)), path=output)
    else:
        sys.stdout.write(csv_text(listing))


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
    from gnbv.read.options import ReadOptions

    refuse_workbook_name(output, "--output")
    refuse_workbook_name(rejects, "--rejects")
    plan = plan_path(plan_file, year)
    for written in (output, rejects):
        if written is not None:
            refuse_overwriting_inputs(written, [census_file, plan])
    result = api.classify(
        census_file,
        output,
        plan=plan,
        rejects=rejects,
        read_options=ReadOptions(encoding, delimiter, sheet, columns),
        lang=lang.value,
    )
    summary = result.summary
    info(
        "msg_classified",
        count=number(summary.valid_rows),
        standard=result.standard.name_vi if lang == Lang.vi else result.standard.name_en,
        path=output,
        invalid=number(summary.invalid_rows),
    )
    say_warnings(result.warnings, lang)
    return ExitCode.OK


def data_quality_messages(report: CheckReport, lang: Lang, rejects: Path | None = None) -> None:
    """Rows set aside (a warning: where they were written, or how to see them) and a failed
    quality gate (an error), after the report."""
    from gnbv.render.numbers import fmt_pct

    summary = report.input
    if summary.invalid_rows:
        key = "msg_rows_set_aside" if rejects is None else "msg_rows_set_aside_written"
        warn_rows_set_aside(
            key, summary.invalid_rows, summary.rows, summary.invalid_percent, path=rejects
        )
    if report.status == "quality_gate_failed":
        fail(say("msg_gate_failed", limit=fmt_pct(summary.max_invalid_percent, lang.value)))


ReportTable = Literal["targets", "summary"]
"""The table a report shows first: the plan's targets (check) or the review's summary
(compare); also the one table its CSV holds."""


def emit_report(
    report: CheckReport,
    output_format: OutputFormat,
    output: Path | None,
    lang: Lang,
    table: ReportTable,
    issuer: str | None = None,
) -> None:
    """One report, four views: rich tables, JSON, one CSV table, an Excel workbook (its
    forms made by ``issuer``: :func:`gnbv.render.forms.model.heading`)."""
    from gnbv.io.writers import BOM, atomic_write_text

    if output_format is OutputFormat.xlsx:
        assert output is not None
        _write_report_workbook(report, output, lang, issuer)
        return
    if output_format is OutputFormat.json:
        text = _report_json(report, lang)
    elif output_format is OutputFormat.csv:
        text = _report_csv(report, lang, table)
    elif output is not None:
        from gnbv.render.terminal import render_plain

        # A report written to a file ends with its warnings (on stderr, they would be lost).
        text = render_plain(lambda console: _render_report(report, lang, table, console, True))
    else:
        show(lambda console: _render_report(report, lang, table, console))
        return
    if output is None:
        sys.stdout.write(text)
        return
    # A CSV file is opened by a person in Excel: a BOM; piped CSV is for programs.
    atomic_write_text(output, (BOM if output_format is OutputFormat.csv else "") + text)
    info("msg_report_written", path=output)


def _render_report(
    report: CheckReport,
    lang: Lang,
    table: ReportTable,
    console: Console,
    with_warnings: bool = False,
) -> None:
    # rich is loaded only for the tables (not for JSON from cron).
    from gnbv.render.terminal import render_check, render_transitions, render_warnings

    if table == "targets":
        render_check(report, lang.value, console)
    render_transitions(report, lang.value, console)
    if with_warnings:
        render_warnings(report, lang.value, console)


def _report_json(report: CheckReport, lang: Lang) -> str:
    from gnbv.io.json_out import dumps
    from gnbv.render.labels import json_labels

    document = report.to_dict()
    document["labels"] = json_labels(document, lang.value, report)  # words for a person
    return dumps(document)


def _report_csv(report: CheckReport, lang: Lang, table: ReportTable) -> str:
    import pandas as pd

    from gnbv.errors import UsageError
    from gnbv.io.writers import csv_text
    from gnbv.render import tables

    if table == "summary":
        rows = tables.summary_table(report, lang.value)
    else:
        rows = tables.targets_table(report, lang.value)
    if rows is None:
        raise UsageError(
            "no transitions to tabulate: give the previous census, or a census "
            "with a status_prev column",
            key="err_no_transitions",
        )
    header, *body = tables.csv_rows(rows)
    frame = pd.DataFrame(body, columns=header, dtype="object")
    return csv_text(frame)


def _write_report_workbook(
    report: CheckReport, output: Path, lang: Lang, issuer: str | None
) -> None:
    import datetime as dt

    from gnbv.io.xlsx_writer import write_forms
    from gnbv.render.forms.model import heading
    from gnbv.render.forms.review import report_forms

    forms = report_forms(report, lang.value)
    units = report.units_of_part
    write_forms(output, forms, heading(report.plan, lang.value, dt.date.today(), units, issuer))
    info("msg_workbook_written", path=output)

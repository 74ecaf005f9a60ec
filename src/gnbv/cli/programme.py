"""The programme's own figures: ``budget``, ``progress template``, ``progress check``,
``history``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from gnbv.cli.app import (
    FormatOption,
    HistoryOption,
    IssuerOption,
    Lang,
    LangOption,
    PlanOption,
    ProgressFormat,
    ProgressFormatOption,
    ProgressOption,
    RunState,
    TableOrJson,
    YearOption,
    app,
    fail,
    info,
    output_format_for,
    plan_path,
    progress_app,
    show,
    warn_rows_set_aside,
)
from gnbv.exit_codes import ExitCode

if TYPE_CHECKING:
    from rich.console import Console

    from gnbv.api import BudgetResult
    from gnbv.core.plan.budget import BudgetSummary
    from gnbv.core.programme.history import Series
    from gnbv.core.programme.results import ProgressCheck


@app.command("budget")
def budget(
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    output_format: TableOrJson = FormatOption,
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
    from gnbv.core.plan.budget_report import budget_document
    from gnbv.io.json_out import dumps

    RunState.json_errors = output_format == "json"
    # Totals are reconciled, shown, and turned into the exit code, instead of refused at load
    # time, so that the user sees which total is off.
    plan = plan_path(plan_file, year)
    result = api.budget(plan)
    summary = result.summary
    checked = api.progress(progress, plan=plan, max_invalid_percent=None) if progress else None
    reconciled = summary.reconciled and (checked is None or checked.report.reconciled)
    code = ExitCode.OK if reconciled else ExitCode.USAGE_OR_INPUT_ERROR
    if output_format == "json":
        document = budget_document(result.plan, summary, int(code))
        if checked is not None:
            from gnbv.core.programme.document import progress_document
            from gnbv.render.labels import progress_json_labels

            embedded = progress_document(checked, int(code))
            embedded["labels"] = progress_json_labels(embedded, lang.value)
            document["progress"] = embedded
        sys.stdout.write(dumps(document))
    else:
        show(lambda console: _render_budget(result, checked, lang, console))
    if checked is not None and history is not None:
        api.record_progress(history, checked, command="budget", inputs=[plan, progress])
    _budget_errors(summary, checked, progress)
    return code


def _render_budget(
    result: BudgetResult, checked: ProgressCheck | None, lang: Lang, console: Console
) -> None:
    from gnbv.render.terminal import render_budget, render_progress

    render_budget(result.summary, result.plan, lang.value, console)
    if checked is not None:
        render_progress(checked, lang.value, console)


def _budget_errors(
    summary: BudgetSummary, checked: ProgressCheck | None, progress: Path | None
) -> None:
    """Each total that does not add up, and each allocation that is not the plan's budget."""
    if checked is not None:
        for item in checked.report.reconciliation:
            if item.complete and not item.ok:
                fail(
                    f"{progress}: allocation {item.source} {item.capital_type}: "
                    f"{float(item.allocated):,.3f} allocated, the plan's budget is "
                    f"{item.planned:,} million VND"
                )
    for check in summary.checks:
        if not check.ok:
            fail(check.message)


@progress_app.command("template")
def progress_template(
    output: Path = typer.Option(..., "-o", "--output", help="The .xlsx workbook to write."),
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    lang: Lang = LangOption,
) -> int:
    """Write the progress workbook pre-filled from the plan, for the office to fill in."""
    from gnbv import api

    api.progress_template(output, plan=plan_path(plan_file, year))
    info("msg_workbook_written", path=output)
    return ExitCode.OK


@progress_app.command("check")
def progress_check(
    ctx: typer.Context,
    workbook: Path = typer.Argument(
        ..., help="The progress workbook (.xlsx, .xls), or a folder of its tables as CSV files."
    ),
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    output_format: ProgressFormat = ProgressFormatOption,
    lang: Lang = LangOption,
    max_invalid: float = typer.Option(
        1.0, "--max-invalid", min=0.0, max=100.0, help="Largest share of rows set aside (%)."
    ),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 when targets are not met."),
    history: Path | None = HistoryOption,
    output: Path | None = typer.Option(
        None,
        "-o",
        "--output",
        help="Write the report to this file instead of stdout (.xlsx: the workbook of forms).",
    ),
    chart: Path | None = typer.Option(
        None,
        "--chart",
        help="Also draw the disbursement against a steady pace to the deadline (SVG).",
    ),
    issuer: str | None = IssuerOption,
) -> int:
    """The programme's own targets (T6 funds disbursed, T7 livelihood projects completed,
    T10 officials trained) and its pace, from the progress workbook alone (no census).

    Exit codes: 0 met; 1 a target not met; 2 a file error or an allocation that does not add
    up to the plan's budget; 3 too many rows set aside.
    """
    from gnbv import api
    from gnbv.core.programme.document import progress_document
    from gnbv.io.json_out import dumps
    from gnbv.render.terminal import render_progress

    RunState.json_errors = output_format == "json"  # asked for: errors in JSON too
    output_format = output_format_for(ctx, output_format, output)
    RunState.json_errors = output_format == "json"
    plan = plan_path(plan_file, year)
    checked = api.progress(workbook, plan=plan, max_invalid_percent=max_invalid)
    code = checked.exit_code(exit_zero)
    if history is not None:
        api.record_progress(history, checked, command="progress", inputs=[plan, workbook])
    if chart is not None:
        _write_chart(chart, checked, history, lang)
    if output_format == "xlsx":
        assert output is not None
        _write_progress_workbook(output, checked, history, lang, issuer)
    elif output_format == "json":
        from gnbv.render.labels import progress_json_labels

        document = progress_document(checked, code)
        document["labels"] = progress_json_labels(document, lang.value)  # for a person
        _write_or_print(dumps(document), output)
    elif output is not None:  # the tables as plain text, to keep or print
        from gnbv.render.terminal import render_plain

        _write_or_print(render_plain(lambda c: render_progress(checked, lang.value, c)), output)
    else:
        show(lambda console: render_progress(checked, lang.value, console))
    progress = checked.report.progress
    if progress.rows_set_aside:
        warn_rows_set_aside(
            "msg_progress_rows_set_aside",
            progress.rows_set_aside,
            progress.rows,
            checked.invalid_percent,
        )
    return code


def _write_or_print(text: str, output: Path | None) -> None:
    """The report in a file (written whole, or not at all), else on stdout."""
    if output is None:
        sys.stdout.write(text)
        return
    from gnbv.io.writers import atomic_write_text

    atomic_write_text(output, text)
    info("msg_report_written", path=output)


def _past_lines(history: Path | None, plan_year: int) -> list[Series]:
    """The disbursement lines of earlier runs of the plan year (--history), for the chart."""
    from gnbv.io.history import read_series

    if history is None or not history.exists():
        return []
    return read_series(history, plan_year)[1]


def _write_progress_workbook(
    output: Path, checked: ProgressCheck, history: Path | None, lang: Lang, issuer: str | None
) -> None:
    """The review's progress forms, and the disbursement chart on a sheet of its own; made by
    ``issuer``, else by the workbook's reporting unit (a district's office), else by the
    plan's lead agency; a district's office's forms are of its district, signed there."""
    import datetime as dt

    from gnbv.io.xlsx_writer import write_forms
    from gnbv.render.chart import chart_lines
    from gnbv.render.forms.model import heading
    from gnbv.render.forms.progress import progress_forms
    from gnbv.render.labels import label

    write_forms(
        output,
        progress_forms(checked, lang.value),
        heading(
            checked.plan,
            lang.value,
            dt.date.today(),
            [checked.district] if checked.district else (),
            issuer=issuer or checked.report.progress.unit or None,
        ),
        chart_lines(checked, _past_lines(history, checked.plan.plan.year), lang.value),
        label("chart_sheet", lang.value),
    )
    info("msg_workbook_written", path=output)


def _write_chart(chart: Path, checked: ProgressCheck, history: Path | None, lang: Lang) -> None:
    from gnbv.io.writers import atomic_write_text
    from gnbv.render.chart import chart_lines, disbursement_svg
    from gnbv.render.labels import label

    code = lang.code
    labels = {"actual": label("chart_actual", code), "straight": label("chart_straight", code)}
    title = label("chart_title", code, year=checked.plan.plan.year)
    lines = chart_lines(checked, _past_lines(history, checked.plan.plan.year), code)
    atomic_write_text(chart, disbursement_svg(lines, title, labels))
    info("msg_report_written", path=chart)


@app.command("history")
def history_command(
    database: Path = typer.Argument(..., help="The history file (--history of earlier runs)."),
    output_format: TableOrJson = FormatOption,
    lang: Lang = LangOption,
) -> int:
    """The figures of earlier runs, date by date: each target, each disbursement line and
    its pace against the deadline."""
    from gnbv.core.programme.history import history_document
    from gnbv.io.history import read_series
    from gnbv.io.json_out import dumps
    from gnbv.render.terminal import render_history

    RunState.json_errors = output_format == "json"
    targets, lines = read_series(database)
    if output_format == "json":
        sys.stdout.write(dumps(history_document(targets, lines)))
    else:
        show(lambda console: render_history(targets, lines, lang.value, console))
    return ExitCode.OK

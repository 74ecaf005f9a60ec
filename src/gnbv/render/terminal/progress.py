"""The programme's progress (funds and their pace, works, reports, livelihood projects,
training) and the history of earlier runs."""

from __future__ import annotations

from fractions import Fraction

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gnbv.core.programme.history import Series
from gnbv.core.programme.progress_contract import CAPITAL_WORDS
from gnbv.core.programme.results import FlowRow, ProgressCheck
from gnbv.render.labels import has_label, label, problem_words, skipped_progress_rows
from gnbv.render.numbers import Lang, fmt_int, fmt_num, fmt_pct
from gnbv.render.terminal.check import render_targets
from gnbv.render.terminal.console import Col, file_path, print_fitted, titled_table


def _money(value: Fraction | None, lang: Lang) -> str:
    return "—" if value is None else fmt_num(float(value), lang, 3)


def _flow_cells(row: FlowRow, lang: Lang) -> list[str]:
    paced = row.pace
    cells = [
        _money(row.flow.allocated, lang),
        _money(row.flow.disbursed, lang),
        fmt_pct(float(row.flow.rate) if row.flow.rate is not None else None, lang),
    ]
    if paced is None:
        return [*cells, "—", "—", "—", "—", "—"]
    track = paced.on_track
    state = "—" if track is None else label("pace_on_track" if track else "pace_behind", lang)
    return [
        *cells,
        paced.deadline.strftime("%d/%m/%Y"),
        fmt_pct(float(100 * paced.elapsed_share), lang, 1),
        _money(paced.per_month, lang),
        fmt_pct(float(paced.projected_rate), lang, 1) if paced.projected_rate is not None else "—",
        state,
    ]


def _flow_table(title: str, keys: list[str], rows: list[tuple[list[str], FlowRow]], lang: Lang,
                console: Console) -> None:  # fmt: skip
    columns = [Col(key, "left", wrap=True) for key in keys] + [
        Col(label(name, lang))
        for name in (
            "p_allocated",
            "p_disbursed",
            "p_rate",
            "p_deadline",
            "p_elapsed",
            "p_per_month",
            "p_projected",
            "p_pace",
        )
    ]
    cells = [[escape(text) for text in names] + _flow_cells(row, lang) for names, row in rows]
    print_fitted(console, title, columns, cells, keys=len(keys))


def render_progress(check: ProgressCheck, lang: Lang, console: Console) -> None:
    """The programme's progress: its targets, funds and their pace, works, reports."""
    report, progress = check.report, check.report.progress
    console.print(_workbook_table(check, lang))
    if progress.skipped:
        console.print(escape(skipped_progress_rows(progress.skipped, lang)))
    render_targets(check.targets, label("p_targets_title", lang), lang, console)
    _render_funds(check, lang, console)
    if not all(item.complete and item.ok for item in report.reconciliation):
        console.print(_reconciliation_table(check, lang))
    console.print(_works_table(check, lang))
    console.print(_reports_table(check, lang))
    console.print(_livelihood_table(check, lang))
    console.print(_training_table(check, lang))
    if progress.problems:
        problems = titled_table(label("problems_title", lang))
        for key in ("p_sheet", "row", "column", "reason"):
            problems.add_column(label(key, lang))
        for problem in progress.problems[:100]:
            problems.add_row(*problem_words(problem, lang))
        console.print(problems)


def _workbook_table(check: ProgressCheck, lang: Lang) -> Table:
    """The workbook: file, date, unit, rows read and set aside, the quality gate."""
    progress = check.report.progress
    summary = titled_table(label("p_summary_title", lang, year=check.plan.plan.year))
    summary.add_column(label("item", lang))
    summary.add_column(label("value", lang), justify="right")
    for key, value in (
        ("file", file_path(check.file)),
        ("p_as_of", progress.as_of.strftime("%d/%m/%Y")),
        ("p_unit", escape(progress.unit or "—")),
        ("rows_read", fmt_int(progress.rows, lang)),
        ("rows_set_aside", fmt_int(progress.rows_set_aside, lang)),
    ):
        summary.add_row(label(key, lang), value)
    if check.max_invalid_percent is not None:  # the budget's view of a workbook judges nothing
        limit = fmt_pct(check.max_invalid_percent, lang)
        gate = (
            label("gate_passed", lang, limit=limit)
            if check.quality_gate_passed
            else f"[bold red]{label('gate_failed', lang, limit=limit)}[/]"
        )
        summary.add_row(label("quality_gate", lang), gate)
    return summary


def _render_funds(check: ProgressCheck, lang: Lang, console: Console) -> None:
    """Funds allocated and disbursed, with their pace: by year of funds, by source and
    capital type, by project, by unit."""
    report = check.report
    funds = [([label(f"p_funds_{row.funds}", lang)], row) for row in report.by_funds]
    _flow_table(label("p_by_funds_title", lang), [label("p_funds", lang)], funds, lang, console)
    sources = [
        (
            [
                str(row.key.get("funds_year", check.plan.plan.year)),
                label(f"p_source_{row.key['source']}", lang),
                label(str(row.key["capital_type"]), lang),
            ],
            row,
        )
        for row in report.by_source
    ]
    keys = [label("p_funds_year", lang), label("source", lang), label("p_capital", lang)]
    _flow_table(label("p_by_source_title", lang), keys, sources, lang, console)
    names = check.plan.project_codes()
    projects = [
        ([str(row.key["project"]), names.get(str(row.key["project"]), "")], row)
        for row in report.by_project
    ]
    keys = [label("p_project", lang), label("p_project_name", lang)]
    _flow_table(label("p_by_project_title", lang), keys, projects, lang, console)
    units = [([str(row.key["unit"])], row) for row in report.by_unit]
    _flow_table(label("p_by_unit_title", lang), [label("unit", lang)], units, lang, console)


def _reconciliation_table(check: ProgressCheck, lang: Lang) -> Table:
    """The plan year's allocation against the plan's budget, source by capital type."""
    checks = titled_table(label("p_reconciliation_title", lang))
    for key in ("source", "p_capital", "stated", "p_allocated", "difference", "status"):
        checks.add_column(label(key, lang), justify="left" if key == "source" else "right")
    for item in check.report.reconciliation:
        state = (
            label("p_incomplete", lang, count=item.unknown_lines)
            if not item.complete
            else label("ok", lang)
            if item.ok
            else f"[bold red]{label('mismatch', lang)}[/]"
        )
        checks.add_row(
            label(f"p_source_{item.source}", lang),
            label(item.capital_type, lang),
            fmt_int(item.planned, lang),
            _money(item.allocated, lang),
            _money(item.difference, lang),
            state,
        )
    return checks


def _works_table(check: ProgressCheck, lang: Lang) -> Table:
    works = titled_table(label("p_works_title", lang))
    for key in ("id", "p_work", "p_work_kind", "status", "p_state"):
        works.add_column(label(key, lang))
    for work in check.report.works:
        works.add_row(
            work.work_id,
            escape(work.text),
            label("p_carried_over" if work.carried_over else "p_new", lang),
            label(f"p_status_{work.status}", lang) if work.status else "—",
            label(f"p_work_{work.state}", lang),
        )
    return works


def _reports_table(check: ProgressCheck, lang: Lang) -> Table:
    reports = titled_table(label("p_reports_title", lang))
    for key in ("district", "p_submitted_on", "p_state"):
        reports.add_column(label(key, lang))
    for sent in check.report.reports:
        day = sent.submitted_on.strftime("%d/%m/%Y") if sent.submitted_on else "—"
        reports.add_row(escape(sent.unit), day, label(f"p_report_{sent.state}", lang))
    return reports


def _livelihood_table(check: ProgressCheck, lang: Lang) -> Table:
    projects = titled_table(label("p_livelihood_title", lang))
    for key in ("id", "p_project", "unit", "p_allocated", "status"):
        projects.add_column(label(key, lang), justify="right" if key == "p_allocated" else "left")
    for line in check.report.progress.livelihood:
        projects.add_row(
            escape(line.project_id),
            line.project,
            escape(line.unit or "—"),
            _money(line.allocated, lang),
            label(f"p_project_status_{line.status}", lang),
        )
    return projects


def _training_table(check: ProgressCheck, lang: Lang) -> Table:
    training = titled_table(label("p_training_title", lang))
    for key in ("p_level", "unit", "p_officials", "p_trained", "rate"):
        numeric = key in ("p_officials", "p_trained", "rate")
        training.add_column(label(key, lang), justify="right" if numeric else "left")
    for level in check.report.progress.training:
        share = 100.0 * level.trained / level.officials if level.officials else None
        training.add_row(
            label(f"p_level_{level.level}", lang),
            escape(level.unit or "—"),
            fmt_int(level.officials, lang),
            fmt_int(level.trained, lang),
            fmt_pct(share, lang),
        )
    return training


def render_history(
    targets: list[Series], lines: list[Series], lang: Lang, console: Console
) -> None:
    """Each plan year's series (the latest year first), one column a date: the targets,
    then the disbursement lines with the pace of the latest date against their deadline."""
    years = list(dict.fromkeys(series.plan_year for series in [*targets, *lines]))
    for year in years:
        _render_plan_year(
            [series for series in targets if series.plan_year == year],
            [series for series in lines if series.plan_year == year],
            "" if year is None else f" — {label('h_plan_year', lang, year=year)}",
            lang,
            console,
        )


def _render_plan_year(
    targets: list[Series], lines: list[Series], year: str, lang: Lang, console: Console
) -> None:
    dates = sorted({point[0] for series in [*targets, *lines] for point in series.points})
    shown = [dt_text(date) for date in dates]
    columns = [Col(label("id", lang), "left"), *(Col(date) for date in shown)]
    rows = []
    for series in targets:
        by_date = {date: (value, status) for date, value, status in series.points}
        cells = [series.name]
        for date in dates:
            value, status = by_date.get(date, (None, ""))
            if value is None:
                text = "—"
            elif series.unit == "households":
                text = fmt_int(round(value), lang)
            elif series.unit == "points":
                text = label("down", lang, value=fmt_num(value, lang))
            else:
                text = fmt_pct(value, lang)
            cells.append(f"{text}\n{label(f'status_{status}', lang)}" if status else text)
        rows.append(cells)
    if targets:
        print_fitted(console, label("h_targets_title", lang) + year, columns, rows, keys=1)
    if not lines:
        return  # only census checks: no disbursement to show
    # The dates of runs that read a progress workbook (a census check has no disbursement).
    dates = sorted({point[0] for series in lines for point in series.points})
    shown = [dt_text(date) for date in dates]
    columns = [Col(label("p_funds", lang), "left", wrap=True), *(Col(d) for d in shown)]
    columns.append(Col(label("p_pace", lang), "left"))
    rows = []
    for series in lines:
        rates = {date: value for date, value, _ in series.points}
        last_pace = series.points[-1][2]
        rows.append(
            [
                escape(_scope_words(series.name, lang)),
                *(fmt_pct(rates.get(date), lang) for date in dates),
                label(f"pace_{last_pace}", lang) if last_pace else "—",
            ]
        )
    title = label("h_flows_title", lang) + year
    print_fitted(console, title, columns, rows, keys=1, trailing=1)


def _scope_words(scope: str, lang: Lang) -> str:
    """A disbursement line as the history file names it (``carried_over 2022 central
    investment``, ``plan_year DA1.1``) in the reader's words: ``Vốn năm trước chuyển sang,
    2022, Ngân sách trung ương, Đầu tư phát triển``; years and project codes as they are."""
    capital_types = set(CAPITAL_WORDS.values())
    words = []
    for word in scope.split(" "):
        keys = [f"p_funds_{word}", f"p_source_{word}", *([word] if word in capital_types else [])]
        key = next((key for key in keys if has_label(key)), None)
        words.append(label(key, lang) if key is not None else word)
    return ", ".join(words)


def dt_text(date: str) -> str:
    """2024-09-30 as 30/09/2024."""
    year, month, day = date.split("-")
    return f"{day}/{month}/{year}"

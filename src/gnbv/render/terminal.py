"""Tables for a person at a terminal. The only module that uses rich.

Every function takes a result object and a console; none computes anything. When stdout is
not a terminal (cron, a pipe) the console writes plain text without colour, at a fixed width.
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from typing import IO, Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from gnbv.core.budget import BudgetSummary, ReconciliationCheck
from gnbv.core.history import Series
from gnbv.core.plan import Plan, Scope, Target
from gnbv.core.programme import FlowRow, ProgressCheck
from gnbv.core.report import CheckReport, ClassCounts
from gnbv.core.targets import TargetResult
from gnbv.core.transitions import district_rows
from gnbv.render.labels import label, no_data_text, reading_notes, target_value_text
from gnbv.render.numbers import Lang, fmt_int, fmt_num, fmt_pct

PLAIN_WIDTH = 100
"""Width of text that is not shown on a terminal (a pipe, a file, cron's mail) unless the
``COLUMNS`` environment variable says otherwise."""


def plain_width() -> int:
    try:
        return max(40, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return PLAIN_WIDTH


def make_console(file: IO[str] | None = None, *, width: int | None = None) -> Console:
    stream = file if file is not None else sys.stdout
    is_terminal = stream.isatty()
    return Console(
        file=stream,
        width=width if width is not None else (None if is_terminal else plain_width()),
        color_system="auto" if is_terminal else None,
        force_terminal=is_terminal,
        highlight=False,
        emoji=False,
    )


def render_plain(render: Callable[[Console], None], width: int | None = None) -> str:
    """What ``render`` prints, as plain text ``width`` wide (``COLUMNS``, default 100), with
    no colour and no trailing spaces: for pipes, files and mail."""
    buffer = io.StringIO()
    render(make_console(buffer, width=width or plain_width()))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _table(title: str) -> Table:
    return Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", show_lines=False)


@dataclass(frozen=True)
class Col:
    """A column of a table that must fit: figures never wrap; names and notes may."""

    header: str
    justify: Literal["left", "right"] = "right"
    wrap: bool = False
    narrowest: int | None = None
    """For a column that wraps: its narrowest width (default :data:`WRAPPED_MIN`)."""


WRAPPED_MIN = 14
"""Narrowest a name or note column is made; a longer word in it (a column's code in a note)
is folded, never a figure."""


def _widths(column: Col, cells: list[str]) -> tuple[int, int]:
    """The narrowest and the widest the column needs: a figure column is as wide as its
    widest line (figures are never broken), a header wraps at its spaces; a name or note
    column is at least :data:`WRAPPED_MIN` and at most its longest line."""
    texts = [Text.from_markup(cell).plain for cell in cells]
    header_words = max((cell_len(word) for word in column.header.split()), default=1)
    widest = max([1, *(cell_len(line) for text in texts for line in text.splitlines())])
    if column.wrap:
        natural = max(widest, cell_len(column.header))
        narrowest = column.narrowest if column.narrowest is not None else WRAPPED_MIN
        return min(narrowest, natural), natural
    return max(widest, header_words), max(widest, header_words)


def _build(
    title: str,
    columns: list[Col],
    widths: list[int],
    rows: list[list[str]],
    sections: frozenset[int],
) -> Table:
    table = _table(title)
    for column, width in zip(columns, widths, strict=True):
        table.add_column(column.header, justify=column.justify, width=width, overflow="fold")
    for index, row in enumerate(rows):
        if index in sections:
            table.add_section()
        table.add_row(*row)
    return table


def _layout(low: list[int], high: list[int], wrap: list[bool], room: int) -> list[int]:
    """Column widths within ``room``: each at least its narrowest; space left goes to the
    columns that need it, figures first, then names and notes, never past their widest."""
    widths = list(low)
    spare = room - sum(widths)
    for i in range(len(widths)):  # figures first, up to their widest (a header on one line)
        if not wrap[i] and spare > 0:
            grow = min(spare, high[i] - widths[i])
            widths[i] += grow
            spare -= grow
    # Then names and notes, the shortest first (a status on one line), the rest to the others.
    for i in sorted((i for i in range(len(widths)) if wrap[i]), key=lambda i: high[i]):
        grow = max(0, min(spare, high[i] - widths[i]))
        widths[i] += grow
        spare -= grow
    return widths


def _longest_word(texts: list[str]) -> int:
    return max((cell_len(word) for text in texts for word in text.split()), default=1)


def print_fitted(
    console: Console,
    title: str,
    columns: list[Col],
    rows: list[list[str]],
    *,
    keys: int,
    trailing: int = 0,
    sections: frozenset[int] = frozenset(),
) -> None:
    """Print a table whole: the first ``keys`` and the last ``trailing`` columns (id, name,
    status) are kept together; when the console is too narrow for every column, the columns
    between them are split over several tables, each repeating those. No column is dropped
    and no figure is cut, at any width."""
    sizes = [_widths(column, [row[i] for row in rows]) for i, column in enumerate(columns)]
    lead = list(range(keys))
    tail = list(range(len(columns) - trailing, len(columns)))

    def room(indexes: list[int]) -> int:
        # Each column has a space of padding either side and one separator; two edges.
        return console.width - 3 * len(indexes) - 1

    groups: list[list[int]] = [[]]
    for index in range(keys, len(columns) - trailing):
        candidate = [*groups[-1], index]
        indexes = [*lead, *candidate, *tail]
        if sum(sizes[i][0] for i in indexes) <= room(indexes) or not groups[-1]:
            groups[-1] = candidate
        else:
            groups.append([index])
    for number, chosen in enumerate(groups, start=1):
        name = title if len(groups) == 1 else f"{title} ({number}/{len(groups)})"
        indexes = [*lead, *chosen, *tail]
        widths = _layout(
            [sizes[i][0] for i in indexes],
            [sizes[i][1] for i in indexes],
            [columns[i].wrap for i in indexes],
            room(indexes),
        )
        cells = [[row[i] for i in indexes] for row in rows]
        console.print(_build(name, [columns[i] for i in indexes], widths, cells, sections))


def scope_text(scope: Scope, lang: Lang) -> str:
    if scope.kind == "district":
        return f"{label('scope_district', lang)} {scope.name}"
    return label(f"scope_{scope.kind}", lang)


def comparison_text(target: Target, lang: Lang) -> str:
    unit = "%" if target.spec.unit == "percent" else ""
    if target.range is not None:
        low, high = target.range
        amount = f"{fmt_num(low, lang, 0)}–{fmt_num(high, lang, 0)}"
    else:
        amount = fmt_num(target.value, lang, 0 if float(target.value or 0).is_integer() else 1)
    if target.measure == "reduction_points":
        words = label("more_than", lang) + " " if target.op == ">" else ""
        return f"{label('reduction', lang)} {words}{amount} {label('points', lang)}"
    return f"{target.op} {amount}{unit}"


def render_plan_targets(plan: Plan, lang: Lang, console: Console) -> None:
    columns = [
        Col(label("id", lang), "left"),
        Col(label("target_text", lang), "left", wrap=True),
        Col(label("metric", lang), "left", wrap=True),
        Col(label("scope", lang), "left", wrap=True, narrowest=10),
        Col(label("comparison", lang)),
        Col(label("baseline", lang)),
    ]
    rows: list[list[str]] = []
    for target in plan.targets:
        text = target.text_vi if lang == "vi" else target.label_en
        if target.spec.is_poverty_rate:
            baseline = (
                fmt_pct(target.baseline_rate, lang)
                if target.baseline_rate is not None
                else label("not_stated", lang)
            )
        else:
            baseline = "—"
        metric = target.spec.label_vi if lang == "vi" else target.spec.label_en
        rows.append(
            [
                target.id,
                escape(text),
                escape(metric),
                escape(scope_text(target.scope, lang)),
                comparison_text(target, lang),
                baseline,
            ]
        )
    title = f"{label('plan_targets_title', lang)} — {plan.plan.province} {plan.plan.year}"
    print_fitted(console, title, columns, rows, keys=2)


def _check_name(check: ReconciliationCheck, plan: Plan, lang: Lang) -> str:
    """What a reconciliation line checks, in the reader's language."""
    if check.loc == ("budget", "stated_total_mvnd"):
        return label("check_budget_total", lang)
    source = plan.budget.sources[int(check.loc[2])]
    return label(
        "check_budget_source", lang, name=source.name_vi if lang == "vi" else source.label_en
    )


def render_budget(summary: BudgetSummary, plan: Plan, lang: Lang, console: Console) -> None:
    table = _table(label("budget_title", lang, year=plan.plan.year))
    table.add_column(label("source", lang))
    for key in ("investment", "recurrent", "total", "stated", "share"):
        table.add_column(label(key, lang), justify="right")
    for row in summary.sources:
        mark = "" if row.total_mvnd == row.stated_total_mvnd else " ≠"
        table.add_row(
            escape(row.name_vi if lang == "vi" else row.label_en),
            fmt_int(row.by_capital_type["investment"], lang),
            fmt_int(row.by_capital_type["recurrent"], lang),
            fmt_int(row.total_mvnd, lang),
            fmt_int(row.stated_total_mvnd, lang) + mark,
            fmt_pct(summary.share(row.total_mvnd), lang, 1),
        )
    table.add_section()
    mark = "" if summary.total_mvnd == summary.stated_total_mvnd else " ≠"
    table.add_row(
        label("budget_total_row", lang),
        fmt_int(summary.by_capital_type["investment"], lang),
        fmt_int(summary.by_capital_type["recurrent"], lang),
        fmt_int(summary.total_mvnd, lang),
        fmt_int(summary.stated_total_mvnd, lang) + mark,
        fmt_pct(100.0 if summary.total_mvnd else None, lang, 1),
    )
    table.add_row(
        label("share", lang),
        fmt_pct(summary.share(summary.by_capital_type["investment"]), lang, 1),
        fmt_pct(summary.share(summary.by_capital_type["recurrent"]), lang, 1),
        "",
        "",
        "",
    )
    console.print(table)
    console.print(f"{label('decision', lang)}: {escape(plan.budget.decision_vi)}")

    checks = _table(label("reconciliation_title", lang))
    checks.add_column(label("check", lang))
    for key in ("stated", "computed", "difference"):
        checks.add_column(label(key, lang), justify="right")
    checks.add_column("", no_wrap=True)
    for check in summary.checks:
        status = label("ok", lang) if check.ok else f"[bold red]{label('mismatch', lang)}[/]"
        checks.add_row(
            escape(_check_name(check, plan, lang)),
            fmt_int(check.stated_mvnd, lang),
            fmt_int(check.computed_mvnd, lang),
            fmt_int(check.difference_mvnd, lang),
            status,
        )
    console.print(checks)


STATUS_STYLE = {"met": "green", "not_met": "bold red", "no_data": "yellow"}


def _gap_text(result: TargetResult, lang: Lang) -> str:
    if result.gap_points is None:
        return "—"
    gap = float(result.gap_points)
    if gap > 0:
        return label("short_by", lang, value=fmt_num(gap, lang))
    return label("ahead_by", lang, value=fmt_num(-gap, lang))


def _actual_value(result: TargetResult, lang: Lang) -> str:
    if result.actual is None:
        return "—"
    if result.target.measure == "reduction_points":
        rate = fmt_pct(float(result.actual_rate or 0), lang)
        # Two lines: the figures stay whole in a narrow column.
        return f"{label('down', lang, value=fmt_num(float(result.actual), lang))}\n({rate})"
    if result.target.spec.unit == "households":
        return fmt_int(int(result.actual), lang)
    return fmt_pct(float(result.actual), lang)


def _baseline_value(result: TargetResult, lang: Lang) -> str:
    if result.baseline is None:
        return "—"
    source = label(f"src_{result.baseline_source}", lang)
    return f"{fmt_pct(float(result.baseline), lang)}\n({source})"


def _short_label(target: Target, lang: Lang) -> str:
    """Metric and scope: the gap table's name for a target (the plan's text is in plan show)."""
    spec = target.spec
    return f"{spec.label_vi if lang == 'vi' else spec.label_en} — {scope_text(target.scope, lang)}"


def render_targets(results: list[TargetResult], title: str, lang: Lang, console: Console) -> None:
    """The gap table: target, baseline, actual, gap and status, reasons for no data under it."""
    statuses = [label(f"status_{result.status}", lang) for result in results]
    columns = [
        Col(label("id", lang), "left"),
        Col(label("target_text", lang), "left", wrap=True),
        Col(label("baseline", lang)),
        Col(label("target", lang)),
        Col(label("actual", lang)),
        Col(label("gap_and_count", lang)),
        Col(label("status", lang), "left", wrap=True, narrowest=_longest_word(statuses)),
    ]
    rows: list[list[str]] = []
    notes: list[str] = []
    for result in results:
        target = result.target
        style = STATUS_STYLE[result.status]
        unit = target.spec.count_unit
        if not result.reachable:
            gap_count = label("unreachable", lang)
        elif result.gap_count is None:
            gap_count = "—"
        else:
            count = result.gap_count / target.spec.count_scale
            amount = (
                fmt_int(result.gap_count, lang)
                if target.spec.count_scale == 1
                else fmt_num(count, lang, 3)
            )
            gap_count = f"{amount} {label('unit_' + unit, lang)}"
        status = f"[{style}]{label(f'status_{result.status}', lang)}[/]"
        # Why a target has no data, or cannot be met: under the table, where a long reason
        # reads whole at any width.
        if result.status == "no_data":
            notes.append(f"{target.id}: {escape(no_data_text(result, lang))}")
        elif not result.reachable:
            notes.append(f"{target.id}: {escape(label('unreachable_why', lang))}")
        rows.append(
            [
                target.id,
                escape(_short_label(target, lang)),
                _baseline_value(result, lang),
                target_value_text(result, lang),
                _actual_value(result, lang),
                # Points, and under them the count still needed: one column, two lines.
                _gap_text(result, lang) + ("" if gap_count == "—" else f"\n{gap_count}"),
                status,
            ]
        )
    print_fitted(console, title, columns, rows, keys=2, trailing=1)
    for note in notes:
        console.print(f"[dim]{note}[/]")


def render_check(report: CheckReport, lang: Lang, console: Console) -> None:
    inp = report.input
    summary = _table(label("summary_title", lang))
    summary.add_column(label("item", lang))
    summary.add_column(label("value", lang), justify="right")
    summary.add_column(label("rate", lang), justify="right")
    summary.add_row(label("file", lang), escape(inp.file), "")
    summary.add_row(
        label("standard", lang),
        escape(report.standard.name_vi if lang == "vi" else report.standard.name_en),
        "",
    )
    summary.add_row(label("rows_read", lang), fmt_int(inp.rows, lang), "")
    summary.add_row(label("rows_used", lang), fmt_int(inp.valid_rows, lang), "")
    summary.add_row(
        label("rows_set_aside", lang),
        fmt_int(inp.invalid_rows, lang),
        fmt_pct(inp.invalid_percent, lang),
    )
    limit = fmt_pct(inp.max_invalid_percent, lang)
    gate = (
        label("gate_passed", lang, limit=limit)
        if inp.quality_gate_passed
        else f"[bold red]{label('gate_failed', lang, limit=limit)}[/]"
    )
    summary.add_row(label("quality_gate", lang), gate, "")
    summary.add_section()
    counts = report.households
    summary.add_row(label("households", lang), fmt_int(counts.total, lang), "")
    for key, rate in (
        ("poor", counts.poverty_rate),
        ("near_poor", counts.near_poverty_rate),
        ("middle", None),
        ("non_poor", None),
    ):
        summary.add_row(
            label(key, lang),
            fmt_int(getattr(counts, key), lang),
            fmt_pct(rate, lang) if rate is not None else "",
        )
    summary.add_row(
        label("poor_and_near_poor_rate", lang),
        fmt_int(counts.poor + counts.near_poor, lang),
        fmt_pct(counts.poor_and_near_poor_rate, lang),
    )
    console.print(summary)
    for line in reading_notes(inp, lang):
        console.print(f"[dim]{escape(line)}[/]")

    if inp.invalid_by_reason:
        problems = _table(label("problems_title", lang))
        problems.add_column(label("reason", lang))
        problems.add_column(label("rows", lang), justify="right")
        problems.add_column("")
        for reason, count in inp.invalid_by_reason.items():
            problems.add_row(reason, fmt_int(count, lang), escape(label(f"reason_{reason}", lang)))
        console.print(problems)

    title = label("targets_title", lang, year=report.plan.plan.year)
    render_targets(report.targets, title, lang, console)
    console.print(label("targets_summary", lang, **report.target_counts()))
    console.print()

    columns = [Col(label("district", lang), "left", wrap=True)] + [
        Col(label(key, lang))
        for key in (
            "households",
            "poor",
            "poverty_rate",
            "near_poor",
            "near_poverty_rate",
            "poor_and_near_poor_rate",
        )
    ]
    rows = []

    def add(name: str, unit: ClassCounts | None) -> None:
        if unit is None:
            rows.append([escape(name), "—", "—", "—", "—", "—", "—"])
            return
        rows.append(
            [
                escape(name),
                fmt_int(unit.total, lang),
                fmt_int(unit.poor, lang),
                fmt_pct(unit.poverty_rate, lang),
                fmt_int(unit.near_poor, lang),
                fmt_pct(unit.near_poverty_rate, lang),
                fmt_pct(unit.poor_and_near_poor_rate, lang),
            ]
        )

    for district in report.districts:
        add(district.district, district.counts)
    sections = {len(rows)}
    add(label("scope_province", lang), report.households)
    sections.add(len(rows))
    for group in report.groups:
        if group.id.startswith("poor_district:"):
            name = label("group_poor_district", lang, name=group.id.split(":", 1)[1])
        else:
            name = label(f"group_{group.id}", lang)
        add(name, group.counts)
    print_fitted(
        console, label("districts_title", lang), columns, rows, keys=1, sections=frozenset(sections)
    )


def render_transitions(report: CheckReport, lang: Lang, console: Console) -> None:
    """Changes in the poor and near-poor lists, per district and for the province."""
    if report.transitions is None:
        return
    rows = district_rows(report.transitions)
    source = label(f"source_{report.transitions.source}", lang)
    for prefix, title, columns in (
        (
            "poor",
            "transitions_poor_title",
            [
                ("t_start", "poor_start"),
                ("t_escaped_near", "poor_escaped_to_near_poor"),
                ("t_escaped_above", "poor_escaped_above"),
                ("t_to_poor", "poor_from_near_poor"),
                ("t_fell_back", "poor_fell_back"),
                ("t_new", "poor_new"),
                ("t_left", "poor_left"),
                ("t_arrived", "poor_arrived"),
                ("t_end", "poor_end"),
            ],
        ),
        (
            "near_poor",
            "transitions_near_title",
            [
                ("t_start", "near_poor_start"),
                ("t_escaped", "near_poor_escaped"),
                ("t_to_poor", "near_poor_to_poor"),
                ("t_from_poor", "near_poor_from_poor"),
                ("t_fell_back", "near_poor_fell_back"),
                ("t_new", "near_poor_new"),
                ("t_left", "near_poor_left"),
                ("t_arrived", "near_poor_arrived"),
                ("t_end", "near_poor_end"),
            ],
        ),
    ):
        unknown = f"{prefix}_history_unknown"
        if any(row[unknown] for row in rows):
            # Became poor with no ever_poor_before: neither fell back nor new, shown apart.
            columns = [*columns[:-3], ("t_history_unknown", unknown), *columns[-3:]]
        headers = [
            Col(label("district", lang), "left", wrap=True),
            Col(label("households", lang)),
            *(Col(label(key, lang)) for key, _ in columns),
            Col(label("t_rate", lang)),
        ]
        rate_key = "poverty_rate_end" if prefix == "poor" else "near_poverty_rate_end"
        cells: list[list[str]] = []
        for row in rows:
            name = label("scope_province", lang) if row["level"] == "province" else row["district"]
            rate = row[rate_key]
            cells.append(
                [
                    escape(str(name)),
                    fmt_int(int(row["households_end"] or 0), lang),
                    *(fmt_int(int(row[column] or 0), lang) for _, column in columns),
                    fmt_pct(float(rate) if rate is not None else None, lang),
                ]
            )
        print_fitted(
            console,
            label(title, lang, source=source),
            headers,
            cells,
            keys=1,
            sections=frozenset({len(cells) - 1}),
        )


@contextmanager
def progress_bar(total_bytes: int, lang: Lang = "vi") -> Iterator[Callable[[int, int], None]]:
    """Rows read and rows per second on stderr; for terminals only (silent under cron)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.fields[rows]} " + label("progress_rows", lang)),
        BarColumn(),
        TextColumn("{task.fields[speed]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("census", total=total_bytes or None, rows="0", speed="")
        started = time.monotonic()

        def update(rows: int, bytes_read: int) -> None:
            elapsed = max(time.monotonic() - started, 1e-6)
            speed = label("progress_speed", lang, value=fmt_int(round(rows / elapsed), lang))
            progress.update(
                task, completed=bytes_read or None, rows=fmt_int(rows, lang), speed=speed
            )

        yield update


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
    summary = _table(label("p_summary_title", lang, year=check.plan.plan.year))
    summary.add_column(label("item", lang))
    summary.add_column(label("value", lang), justify="right")
    limit = fmt_pct(check.max_invalid_percent, lang)
    gate = (
        label("gate_passed", lang, limit=limit)
        if check.quality_gate_passed
        else f"[bold red]{label('gate_failed', lang, limit=limit)}[/]"
    )
    for key, value in (
        ("file", escape(check.file)),
        ("p_as_of", progress.as_of.strftime("%d/%m/%Y")),
        ("p_unit", escape(progress.unit or "—")),
        ("rows_read", fmt_int(progress.rows, lang)),
        ("rows_set_aside", fmt_int(progress.rows_set_aside, lang)),
        ("quality_gate", gate),
    ):
        summary.add_row(label(key, lang), value)
    console.print(summary)
    render_targets(check.targets, label("p_targets_title", lang), lang, console)
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
    if not all(item.complete and item.ok for item in report.reconciliation):
        checks = _table(label("p_reconciliation_title", lang))
        for key in ("source", "p_capital", "stated", "p_allocated", "difference", "status"):
            checks.add_column(label(key, lang), justify="left" if key == "source" else "right")
        for item in report.reconciliation:
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
        console.print(checks)
    works = _table(label("p_works_title", lang))
    for key in ("id", "p_work", "p_work_kind", "status", "p_state"):
        works.add_column(label(key, lang))
    for work in report.works:
        works.add_row(
            work.work_id,
            escape(work.text),
            label("p_carried_over" if work.carried_over else "p_new", lang),
            label(f"p_status_{work.status}", lang) if work.status else "—",
            label(f"p_work_{work.state}", lang),
        )
    console.print(works)
    reports = _table(label("p_reports_title", lang))
    for key in ("district", "p_submitted_on", "p_state"):
        reports.add_column(label(key, lang))
    for sent in report.reports:
        day = sent.submitted_on.strftime("%d/%m/%Y") if sent.submitted_on else "—"
        reports.add_row(escape(sent.unit), day, label(f"p_report_{sent.state}", lang))
    console.print(reports)
    projects_table = _table(label("p_livelihood_title", lang))
    for key in ("id", "p_project", "unit", "p_allocated", "status"):
        projects_table.add_column(
            label(key, lang), justify="right" if key == "p_allocated" else "left"
        )
    for line in progress.livelihood:
        projects_table.add_row(
            escape(line.project_id),
            line.project,
            escape(line.unit or "—"),
            _money(line.allocated, lang),
            label(f"p_project_status_{line.status}", lang),
        )
    console.print(projects_table)
    training = _table(label("p_training_title", lang))
    for key in ("p_level", "unit", "p_officials", "p_trained", "rate"):
        numeric = key in ("p_officials", "p_trained", "rate")
        training.add_column(label(key, lang), justify="right" if numeric else "left")
    for level in progress.training:
        share = 100.0 * level.trained / level.officials if level.officials else None
        training.add_row(
            label(f"p_level_{level.level}", lang),
            escape(level.unit or "—"),
            fmt_int(level.officials, lang),
            fmt_int(level.trained, lang),
            fmt_pct(share, lang),
        )
    console.print(training)
    if progress.problems:
        problems = _table(label("problems_title", lang))
        for key in ("p_sheet", "row", "column", "reason"):
            problems.add_column(label(key, lang))
        for problem in progress.problems[:100]:
            problems.add_row(problem.sheet, str(problem.row), problem.column, problem.reason)
        console.print(problems)


def render_history(
    targets: list[Series], lines: list[Series], lang: Lang, console: Console
) -> None:
    """Each series, one column a date: the targets, then the disbursement lines with the
    pace of the latest date against their deadline."""
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
    print_fitted(console, label("h_targets_title", lang), columns, rows, keys=1)
    columns = [Col(label("p_funds", lang), "left", wrap=True), *(Col(d) for d in shown)]
    columns.append(Col(label("p_pace", lang), "left"))
    rows = []
    for series in lines:
        rates = {date: value for date, value, _ in series.points}
        last_pace = series.points[-1][2]
        rows.append(
            [
                escape(series.name),
                *(fmt_pct(rates.get(date), lang) for date in dates),
                label(f"pace_{last_pace}", lang) if last_pace else "—",
            ]
        )
    print_fitted(console, label("h_flows_title", lang), columns, rows, keys=1, trailing=1)


def dt_text(date: str) -> str:
    """2024-09-30 as 30/09/2024."""
    year, month, day = date.split("-")
    return f"{day}/{month}/{year}"

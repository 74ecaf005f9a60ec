"""Tables for a person at a terminal. The only module that uses rich.

Every function takes a result object and a console; none computes anything. When stdout is
not a terminal (cron, a pipe) the console writes plain text without colour, at a fixed width.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gnbv.core.budget import BudgetSummary
from gnbv.core.plan import Plan, Scope, Target
from gnbv.core.reasons import REASONS
from gnbv.core.report import CheckReport, ClassCounts
from gnbv.core.targets import TargetResult
from gnbv.core.transitions import district_rows
from gnbv.render.labels import label, no_data_text
from gnbv.render.numbers import Lang, fmt_int, fmt_num, fmt_pct

PLAIN_WIDTH = 150


def make_console(file: IO[str] | None = None, *, width: int | None = None) -> Console:
    stream = file if file is not None else sys.stdout
    is_terminal = stream.isatty()
    return Console(
        file=stream,
        width=width if width is not None else (None if is_terminal else PLAIN_WIDTH),
        color_system="auto" if is_terminal else None,
        force_terminal=is_terminal,
        highlight=False,
        emoji=False,
    )


def _table(title: str) -> Table:
    return Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", show_lines=False)


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
    table = _table(f"{label('plan_targets_title', lang)} — {plan.plan.province} {plan.plan.year}")
    table.add_column(label("id", lang), no_wrap=True)
    table.add_column(label("target_text", lang), ratio=3)
    table.add_column(label("metric", lang), ratio=1)
    table.add_column(label("scope", lang), ratio=1)
    table.add_column(label("comparison", lang), no_wrap=True)
    table.add_column(label("baseline", lang), justify="right", no_wrap=True)
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
        table.add_row(
            target.id,
            escape(text),
            target.metric,
            escape(scope_text(target.scope, lang)),
            comparison_text(target, lang),
            baseline,
        )
    console.print(table)


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
            escape(check.name),
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


def _target_value(result: TargetResult, lang: Lang) -> str:
    target = result.target
    if target.measure == "reduction_points":
        op = "≥" if target.op == ">=" else ">"
        return f"{label('reduction', lang)} {op} {fmt_num(float(result.threshold), lang)}"
    op = {"<=": "≤", ">=": "≥", "==": "=", "<": "<", ">": ">"}[target.op]
    if target.spec.unit == "households":
        return f"{op} {fmt_int(int(result.threshold), lang)}"
    return f"{op} {fmt_pct(float(result.threshold), lang)}"


def _actual_value(result: TargetResult, lang: Lang) -> str:
    if result.actual is None:
        return "—"
    if result.target.measure == "reduction_points":
        rate = fmt_pct(float(result.actual_rate or 0), lang)
        return f"{label('down', lang, value=fmt_num(float(result.actual), lang))} ({rate})"
    if result.target.spec.unit == "households":
        return fmt_int(int(result.actual), lang)
    return fmt_pct(float(result.actual), lang)


def _baseline_value(result: TargetResult, lang: Lang) -> str:
    if result.baseline is None:
        return "—"
    return (
        f"{fmt_pct(float(result.baseline), lang)} ({label(f'src_{result.baseline_source}', lang)})"
    )


def _short_label(target: Target, lang: Lang) -> str:
    """Metric and scope: the gap table's name for a target (the plan's text is in plan show)."""
    spec = target.spec
    return f"{spec.label_vi if lang == 'vi' else spec.label_en} — {scope_text(target.scope, lang)}"


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

    if inp.invalid_by_reason:
        problems = _table(label("problems_title", lang))
        problems.add_column(label("reason", lang))
        problems.add_column(label("rows", lang), justify="right")
        problems.add_column("")
        for reason, rows in inp.invalid_by_reason.items():
            problems.add_row(reason, fmt_int(rows, lang), escape(REASONS.get(reason, "")))
        console.print(problems)

    targets = _table(label("targets_title", lang, year=report.plan.plan.year))
    for key, justify in (
        ("id", "left"),
        ("target_text", "left"),
        ("baseline", "right"),
        ("target", "right"),
        ("actual", "right"),
        ("gap", "right"),
        ("gap_count", "right"),
        ("status", "left"),
    ):
        targets.add_column(
            label(key, lang),
            justify=justify,  # type: ignore[arg-type]
            ratio=3 if key == "target_text" else None,
            no_wrap=key not in ("target_text", "status"),
        )
    for result in report.targets:
        target = result.target
        style = STATUS_STYLE[result.status]
        unit = target.spec.count_unit
        if not result.reachable:
            gap_count = label("unreachable", lang)
        elif result.gap_count is None:
            gap_count = "—"
        else:
            gap_count = f"{fmt_int(result.gap_count, lang)} {label('unit_' + unit, lang)}"
        status = f"[{style}]{label(f'status_{result.status}', lang)}[/]"
        if result.status == "no_data":
            status += f"\n[dim]{escape(no_data_text(result, lang))}[/]"
        elif not result.reachable:
            status += f"\n[dim]{escape(label('unreachable_why', lang))}[/]"
        targets.add_row(
            target.id,
            escape(_short_label(target, lang)),
            _baseline_value(result, lang),
            _target_value(result, lang),
            _actual_value(result, lang),
            _gap_text(result, lang),
            gap_count,
            status,
        )
    console.print(targets)
    console.print(label("targets_summary", lang, **report.target_counts()))
    console.print()

    districts = _table(label("districts_title", lang))
    districts.add_column(label("district", lang))
    for key in (
        "households",
        "poor",
        "poverty_rate",
        "near_poor",
        "near_poverty_rate",
        "poor_and_near_poor_rate",
    ):
        districts.add_column(label(key, lang), justify="right")

    def add(name: str, unit: ClassCounts) -> None:
        districts.add_row(
            escape(name),
            fmt_int(unit.total, lang),
            fmt_int(unit.poor, lang),
            fmt_pct(unit.poverty_rate, lang),
            fmt_int(unit.near_poor, lang),
            fmt_pct(unit.near_poverty_rate, lang),
            fmt_pct(unit.poor_and_near_poor_rate, lang),
        )

    for district in report.districts:
        add(district.district, district.counts)
    districts.add_section()
    add(label("scope_province", lang), report.households)
    districts.add_section()
    for group in report.groups:
        if group.id.startswith("poor_district:"):
            name = label("group_poor_district", lang, name=group.id.split(":", 1)[1])
        else:
            name = label(f"group_{group.id}", lang)
        if group.counts is not None:
            add(name, group.counts)
        else:
            districts.add_row(escape(name), "—", "—", "—", "—", "—", "—")
    console.print(districts)


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
        table = _table(label(title, lang, source=source))
        table.add_column(label("district", lang))
        table.add_column(label("households", lang), justify="right")
        for key, _ in columns:
            table.add_column(label(key, lang), justify="right")
        table.add_column(label("t_rate", lang), justify="right")
        rate_key = "poverty_rate_end" if prefix == "poor" else "near_poverty_rate_end"
        for row in rows:
            if row["level"] == "province":
                table.add_section()
                name = label("scope_province", lang)
            else:
                name = str(row["district"])
            rate = row[rate_key]
            table.add_row(
                escape(name),
                fmt_int(int(row["households_end"] or 0), lang),
                *(fmt_int(int(row[column] or 0), lang) for _, column in columns),
                fmt_pct(float(rate) if rate is not None else None, lang),
            )
        console.print(table)


@contextmanager
def progress_bar(total_bytes: int) -> Iterator[Callable[[int, int], None]]:
    """Rows read and rows per second on stderr; for terminals only (silent under cron)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.fields[rows]:,} rows"),
        BarColumn(),
        TextColumn("{task.fields[speed]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("census", total=total_bytes or None, rows=0, speed="")
        started = time.monotonic()

        def update(rows: int, bytes_read: int) -> None:
            elapsed = max(time.monotonic() - started, 1e-6)
            progress.update(
                task, completed=bytes_read or None, rows=rows, speed=f"{rows / elapsed:,.0f} rows/s"
            )

        yield update

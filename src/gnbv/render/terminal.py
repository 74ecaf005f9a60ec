"""Tables for a person at a terminal. The only module that uses rich.

Every function takes a result object and a console; none computes anything. When stdout is
not a terminal (cron, a pipe) the console writes plain text without colour, at a fixed width.
"""

from __future__ import annotations

import sys
from typing import IO

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gnbv.core.budget import BudgetSummary
from gnbv.core.plan import Plan, Scope, Target
from gnbv.render.labels import label
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
            baseline = (fmt_pct(target.baseline_rate, lang) if target.baseline_rate is not None
                        else label("not_stated", lang))  # fmt: skip
        else:
            baseline = "—"
        table.add_row(target.id, escape(text), target.metric, escape(scope_text(target.scope, lang)),
                      comparison_text(target, lang), baseline)  # fmt: skip
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
        "", "", "",
    )  # fmt: skip
    console.print(table)
    console.print(f"{label('decision', lang)}: {escape(plan.budget.decision_vi)}")

    checks = _table(label("reconciliation_title", lang))
    checks.add_column(label("check", lang))
    for key in ("stated", "computed", "difference"):
        checks.add_column(label(key, lang), justify="right")
    checks.add_column("", no_wrap=True)
    for check in summary.checks:
        status = (label("ok", lang) if check.ok
                  else f"[bold red]{label('mismatch', lang)}[/]")  # fmt: skip
        checks.add_row(escape(check.name), fmt_int(check.stated_mvnd, lang),
                       fmt_int(check.computed_mvnd, lang),
                       fmt_int(check.difference_mvnd, lang), status)  # fmt: skip
    console.print(checks)

"""The plan's targets and its budget, reconciled with the totals it states."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from gnbv.core.plan.budget import BudgetSummary, ReconciliationCheck
from gnbv.core.plan.model import Plan, Target
from gnbv.render.labels import OPERATOR_SIGNS, label, scope_text
from gnbv.render.numbers import Lang, fmt_int, fmt_num, fmt_pct
from gnbv.render.terminal.console import Col, print_fitted, titled_table


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
    return f"{OPERATOR_SIGNS[target.op]} {amount}{unit}"


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
    table = titled_table(label("budget_title", lang, year=plan.plan.year))
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
    console.print()  # the reconciliation apart from the source line above it

    checks = titled_table(label("reconciliation_title", lang))
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

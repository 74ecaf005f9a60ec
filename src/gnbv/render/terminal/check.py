"""``check`` and ``compare``: the census summary, the targets, the districts and groups, the
changes in the poor and near-poor lists."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gnbv.core.analysis.report import CheckReport, ClassCounts
from gnbv.core.analysis.targets import TargetResult
from gnbv.core.analysis.transition_tables import district_rows
from gnbv.core.plan.model import Target
from gnbv.render.labels import (
    label,
    no_data_text,
    reading_notes,
    scope_text,
    target_value_text,
    total_row_name,
    warning_text,
)
from gnbv.render.numbers import Lang, fmt_int, fmt_num, fmt_pct
from gnbv.render.terminal.console import (
    Col,
    file_path,
    longest_word,
    print_fitted,
    titled_table,
)

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
        Col(label("status", lang), "left", wrap=True, narrowest=longest_word(statuses)),
    ]
    rows: list[list[str]] = []
    notes: dict[str, list[str]] = {}  # a reason, and the targets it is given for
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
            why = no_data_text(result, lang)
            if result.no_data_code == "outside_census":  # on screen, say what gives it
                why += label("nodata_outside_census_remedy", lang)
            notes.setdefault(why, []).append(target.id)
        elif not result.reachable:
            notes.setdefault(label("unreachable_why", lang), []).append(target.id)
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
    for why, ids in notes.items():  # one line for the targets a reason is shared by
        console.print(f"[dim]{', '.join(ids)}: {escape(why)}[/]")


def render_check(report: CheckReport, lang: Lang, console: Console) -> None:
    """The census as read and classified, the rows set aside by reason, the targets, the
    districts and groups."""
    console.print(_census_table(report, lang))
    for line in reading_notes(report.input, lang):
        console.print(f"[dim]{escape(line)}[/]")
    if report.input.invalid_by_reason:
        console.print(_reasons_table(report, lang))
    title = label("targets_title", lang, year=report.plan.plan.year)
    render_targets(report.targets, title, lang, console)
    console.print(label("targets_summary", lang, **report.target_counts()))
    console.print()
    _render_units(report, lang, console)


def render_warnings(report: CheckReport, lang: Lang, console: Console) -> None:
    """The report's warnings at its end, for a report written to a file (on a terminal they
    are on stderr, above the tables)."""
    if report.warnings:
        console.print(label("warnings_title", lang))
        for warning in report.warnings:
            console.print(f"- {escape(warning_text(warning, lang))}")


def _census_table(report: CheckReport, lang: Lang) -> Table:
    """The file, the standard, rows read, used and set aside, the quality gate; households
    by class."""
    inp = report.input
    summary = titled_table(label("summary_title", lang))
    summary.add_column(label("item", lang))
    summary.add_column(label("value", lang), justify="right")
    summary.add_column(label("rate", lang), justify="right")
    summary.add_row(label("file", lang), file_path(inp.file), "")
    if inp.source.get("sheet"):  # a workbook: which of its sheets was read
        summary.add_row(label("sheet", lang), escape(inp.source["sheet"]), "")
    if report.part_of_province:  # a district's census: its figures are not the province's
        listed = len(report.plan.areas.districts or [])
        summary.add_row(
            label("census_part", lang),
            escape(
                label(
                    "census_part_of",
                    lang,
                    units=report.part_of_province,
                    count=len(report.districts),
                    listed=listed,
                )
            ),
            "",
        )
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
    return summary


def _reasons_table(report: CheckReport, lang: Lang) -> Table:
    """Rows set aside, by reason, in words, then its code: the key to the ``reasons``
    column of the rejects file."""
    problems = titled_table(label("problems_title", lang))
    problems.add_column(label("reason", lang))
    problems.add_column(label("rows", lang), justify="right")
    problems.add_column(label("reason_code", lang))
    for reason, count in report.input.invalid_by_reason.items():
        problems.add_row(escape(label(f"reason_{reason}", lang)), fmt_int(count, lang), reason)
    return problems


def _render_units(report: CheckReport, lang: Lang, console: Console) -> None:
    """Each district, the province, then each group the plan names (ethnic minorities, ĐBKK
    communes, the poor districts): households, poor and near poor, and their rates."""
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
    add(total_row_name(report, lang), report.households)
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


TRANSITION_TABLES: tuple[tuple[str, str, list[tuple[str, str]]], ...] = (
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
)
"""The two tables of changes (poor, near-poor): their prefix, title and columns (label,
report key), in the order of the form."""


def render_transitions(report: CheckReport, lang: Lang, console: Console) -> None:
    """Changes in the poor and near-poor lists, per district and for the province."""
    if report.transitions is None:
        return
    rows = district_rows(report.transitions)
    source = label(f"source_{report.transitions.source}", lang)
    for prefix, title, columns in TRANSITION_TABLES:
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
            name = total_row_name(report, lang) if row["level"] == "province" else row["district"]
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

"""The census report's forms, in the order an office files them: the targets, the review's
summary (form 1), the transitions (forms 2 and 3), the data problems."""

from __future__ import annotations

from dataclasses import replace

from gnbv.core.analysis.report import CheckReport, ClassCounts, UnitCounts
from gnbv.core.analysis.targets import TargetResult
from gnbv.core.analysis.transition_tables import summary_rows
from gnbv.render.forms.model import Cell, Form, FormColumn, FormRow, Typed, stt_of
from gnbv.render.forms.units import deprivations_form, ethnicity_form, groups_form, profiles_form
from gnbv.render.labels import (
    column_label,
    label,
    no_data_text,
    target_value_text,
    total_row_name,
    warning_sentence,
)
from gnbv.render.numbers import Lang, fmt_int

# ---------------------------------------------------------------- targets


def targets_form(report: CheckReport, lang: Lang) -> Form:
    form = target_results_form(report.targets, lang, label("form_targets_title", lang))
    about = (
        "warn_income_scale",
        "warn_poor_list",
        "warn_unknown_district",
        "warn_district_absent",
    )
    warned = _warnings_about(report, lang, about)
    return replace(form, notes=[*form.notes, *warned])


def _warnings_about(report: CheckReport, lang: Lang, keys: tuple[str, ...]) -> list[str]:
    """The report's warnings on what a form shows, for whoever signs it: as on screen."""
    return [warning_sentence(w, lang) for w in report.warnings if w.key.startswith(keys)]


def target_results_form(results: list[TargetResult], lang: Lang, title: str) -> Form:
    reach = label("form_reached", lang)
    gap = label("form_gap", lang)
    columns = [
        FormColumn(label("form_stt", lang), "text"),
        FormColumn(label("id", lang), "text"),
        FormColumn(label("form_target_text", lang), "text"),
        FormColumn(label("scope", lang), "text"),
        FormColumn(label("form_rate_before", lang), "pct", reach),
        FormColumn(label("target", lang), "text", reach),
        FormColumn(label("form_rate_after", lang), "pct", reach),
        FormColumn(label("form_reduction_reached", lang), "num", reach),
        FormColumn(label("form_gap_points", lang), "num", gap),
        FormColumn(label("gap_count", lang), "int", gap),
        FormColumn(label("form_count_unit", lang), "text", gap),
        FormColumn(label("form_assessment", lang), "text"),
        FormColumn(label("note", lang), "text"),
    ]
    rows = []
    for number, result in enumerate(results, start=1):
        target = result.target
        counted = target.spec.unit == "households" and target.measure == "level"
        reduction = target.measure == "reduction_points"
        after: Cell | Typed
        if counted:
            after = Typed(int(result.actual) if result.actual is not None else None, "int")
        elif reduction:
            after = float(result.actual_rate) if result.actual_rate is not None else None
        else:
            after = float(result.actual) if result.actual is not None else None
        note = (
            no_data_text(result, lang)
            if result.status == "no_data"
            else label("unreachable_why", lang)
            if not result.reachable
            else result.note
        )
        scope = target.scope.name or label(f"scope_{target.scope.kind}", lang)
        rows.append(
            FormRow(
                [
                    stt_of(number),
                    target.id,
                    target.text_vi if lang == "vi" else target.label_en,
                    scope,
                    float(result.baseline) if result.baseline is not None else None,
                    target_value_text(result, lang),
                    after,
                    float(result.actual) if reduction and result.actual is not None else None,
                    float(result.gap_points) if result.gap_points is not None else None,
                    result.gap_count
                    if result.gap_count is None or target.spec.count_scale == 1
                    else Typed(result.gap_count / target.spec.count_scale, "num"),
                    label(f"unit_{target.spec.count_unit}", lang),
                    label(f"form_status_{result.status}", lang),
                    note,
                ]
            )
        )
    counts = {"met": 0, "not_met": 0, "no_data": 0}
    for result in results:
        counts[result.status] += 1
    notes = [label("targets_summary", lang, **counts)]
    return Form(label("sheet_targets", lang), title, columns, rows, notes)


# ---------------------------------------------------------------- review summary (form 1)


def _unit_name(unit: UnitCounts, lang: Lang) -> str:
    return unit.commune if unit.commune is not None else unit.district


def summary_form(report: CheckReport, lang: Lang) -> Form:
    poor, near, middle = (label(key, lang) for key in ("poor", "near_poor", "form_middle_agri"))
    households, rate, persons = (
        label(key, lang) for key in ("form_households", "form_rate", "form_persons")
    )
    columns = [
        FormColumn(label("form_stt", lang), "text"),
        FormColumn(label("unit", lang), "text"),
        FormColumn(label("form_all_households", lang), "int"),
        FormColumn(label("form_all_persons", lang), "int"),
        FormColumn(households, "int", poor),
        FormColumn(rate, "pct", poor),
        FormColumn(persons, "int", poor),
        FormColumn(households, "int", near),
        FormColumn(rate, "pct", near),
        FormColumn(persons, "int", near),
        FormColumn(households, "text", middle),
        FormColumn(persons, "text", middle),
    ]
    no_data = label("status_no_data", lang)

    def cells(counts: ClassCounts, people: ClassCounts | None) -> list[Cell | Typed]:
        return [
            counts.total,
            people.total if people else None,
            counts.poor,
            counts.poverty_rate,
            people.poor if people else None,
            counts.near_poor,
            counts.near_poverty_rate,
            people.near_poor if people else None,
            no_data,
            no_data,
        ]

    rows = [
        FormRow(
            ["", total_row_name(report, lang), *cells(report.households, report.persons)],
            total=True,
        )
    ]
    for area in report.areas:
        rows.append(
            FormRow(
                ["", label(f"area_{area.district}", lang), *cells(area.counts, area.persons)],
                level=1,
            )
        )
    communes: dict[str, list[UnitCounts]] = {}
    for commune in report.communes:
        communes.setdefault(commune.district, []).append(commune)
    for number, district in enumerate(report.districts, start=1):
        rows.append(
            FormRow(
                [stt_of(number), district.district, *cells(district.counts, district.persons)],
                total=True,
            )
        )
        for commune in communes.get(district.district, []):
            rows.append(
                FormRow(
                    ["", _unit_name(commune, lang), *cells(commune.counts, commune.persons)],
                    level=1,
                )
            )
    notes = [label("form_note_middle_agri", lang)]
    notes += _warnings_about(report, lang, ("warn_income_scale", "warn_poor_list"))
    return Form(
        label("form_summary_sheet", lang), label("form_summary_title", lang), columns, rows, notes
    )


# ---------------------------------------------------------------- transitions (forms 2 and 3)

_FLOWS = {
    "poor": (
        "poor_start",
        ["poor_escaped_to_near_poor", "poor_escaped_above", "poor_left"],
        [
            "poor_from_near_poor",
            "poor_fell_back",
            "poor_new",
            "poor_history_unknown",
            "poor_arrived",
        ],
        "poor_end",
        "poverty_rate_end",
    ),
    "near_poor": (
        "near_poor_start",
        ["near_poor_to_poor", "near_poor_escaped", "near_poor_left"],
        [
            "near_poor_from_poor",
            "near_poor_fell_back",
            "near_poor_new",
            "near_poor_history_unknown",
            "near_poor_arrived",
        ],
        "near_poor_end",
        "near_poverty_rate_end",
    ),
}


def transitions_form(report: CheckReport, lang: Lang, which: str) -> Form | None:
    if report.transitions is None:
        return None
    start, decreases, increases, end, rate = _FLOWS[which]
    start_group, decrease_group, increase_group, end_group = (
        label(f"form_{key}", lang) for key in ("start", "decrease", "increase", "end")
    )
    em = label("form_of_which_em", lang)
    columns = [
        FormColumn(label("form_stt", lang), "text"),
        FormColumn(label("unit", lang), "text"),
        FormColumn(label("form_households", lang), "int", start_group),
        FormColumn(em, "int", start_group),
        *(FormColumn(label(f"flow_{name}", lang), "int", decrease_group) for name in decreases),
        *(FormColumn(label(f"flow_{name}", lang), "int", increase_group) for name in increases),
        FormColumn(label("form_households", lang), "int", end_group),
        FormColumn(label("form_rate", lang), "pct", end_group),
        FormColumn(em, "int", end_group),
    ]
    rows = []
    area_number = district_number = 0
    for row in summary_rows(report.transitions):
        level = str(row["level"])
        if level == "province":
            name, stt, total, indent = total_row_name(report, lang), "", True, 0
        elif level == "area":
            # I. urban, II. rural: districts are numbered again under each.
            area_number, district_number = area_number + 1, 0
            name, stt = label(f"area_{row['area']}", lang), ("I", "II")[area_number - 1]
            total, indent = True, 0
        elif level == "district":
            district_number += 1
            name, stt, total, indent = str(row["district"]), stt_of(district_number), True, 1
        else:
            name, stt, total, indent = str(row["commune"]), "", False, 2
        values: list[Cell | Typed] = [stt, name, row[start], row[f"{start}_em"]]
        values += [row[column] for column in [*decreases, *increases]]
        values += [row[end], row[rate], row[f"{end}_em"]]
        rows.append(FormRow(values, total=total, level=indent))
    source = label(f"source_{report.transitions.source}", lang)
    key = "form_transitions_poor_title" if which == "poor" else "form_transitions_near_title"
    sheet = "form_transitions_poor_sheet" if which == "poor" else "form_transitions_near_sheet"
    notes = [label("form_note_transitions", lang, source=source)]
    notes += _warnings_about(report, lang, ("warn_few_matched", "warn_history_", "warn_income"))
    return Form(label(sheet, lang), label(key, lang), columns, rows, notes)


# ---------------------------------------------------------------- data problems


def _column_words(column: object, lang: Lang) -> str | None:
    """A problem's column by its Vietnamese header, its census name beside it (the file may
    use either): ``Khu vực (area)``; none for a row with the wrong number of fields."""
    if not column:
        return None
    words = column_label(str(column), lang)
    return words if words == column else f"{words} ({column})"


def problems_form(report: CheckReport, lang: Lang) -> Form:
    with_values = report.input.values_shown
    columns = [
        FormColumn(label("form_stt", lang), "text"),
        FormColumn(label("row", lang), "int"),
        FormColumn(label("form_household_id", lang), "text"),
        FormColumn(label("column", lang), "text"),
        FormColumn(label("reason", lang), "text"),
    ]
    if with_values:
        columns.append(FormColumn(label("value", lang), "text"))
    rows = []
    for number, problem in enumerate(report.input.problems, start=1):
        reason = str(problem["reason"])
        cells: list[Cell | Typed] = [
            stt_of(number),
            problem["row"],
            problem["household_id"],
            _column_words(problem["column"], lang),
            f"{label(f'reason_{reason}', lang)} ({reason})",
        ]
        if with_values:
            cells.append(problem.get("value"))
        rows.append(FormRow(cells))
    summary = report.input
    notes = [
        label(
            "form_note_problems",
            lang,
            invalid=fmt_int(summary.invalid_rows, lang),
            rows=fmt_int(summary.rows, lang),
            shown=fmt_int(len(summary.problems), lang),
            total=fmt_int(summary.problems_total, lang),
        )
    ]
    return Form(
        label("sheet_problems", lang), label("form_problems_title", lang), columns, rows, notes
    )


def report_forms(report: CheckReport, lang: Lang) -> list[Form]:
    """Every form the census can fill, in the order an office files them."""
    forms = [targets_form(report, lang), summary_form(report, lang)]
    for which in ("poor", "near_poor"):
        form = transitions_form(report, lang, which)
        if form is not None:
            forms.append(form)
    forms += [
        deprivations_form(report, lang, "poor"),
        deprivations_form(report, lang, "near_poor"),
        groups_form(report, lang),
        ethnicity_form(report, lang),
        profiles_form(report, lang, "poor"),
        profiles_form(report, lang, "near_poor"),
        problems_form(report, lang),
    ]
    return forms

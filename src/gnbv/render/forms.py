"""The review's forms, as an office prints, signs and sends them, built from a report.

Each :class:`Form` is a sheet: a title block (form name, province, year, unit, date), grouped
two-row headers over numbered columns ``(1) (2) …``, an STT column, totals in bold, notes for
what the census cannot give (``no data``, never 0) and a signature block.
:mod:`gnbv.io.xlsx_writer` lays them out. The titles and columns follow the forms provincial
review software produces (``shared/review-forms.md``); rates are percent numbers (2.63 means
2.63 %), stored by the writer as numbers with a % format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from gnbv.core.lists import HouseholdList
from gnbv.core.plan import Plan
from gnbv.core.programme import FlowRow, ProgressCheck
from gnbv.core.report import CheckReport, ClassCounts, UnitCounts, UnitProfile
from gnbv.core.standards import Standard
from gnbv.core.targets import TargetResult
from gnbv.core.transitions import summary_rows
from gnbv.render.labels import label, no_data_text, target_value_text
from gnbv.render.numbers import Lang

Kind = Literal["text", "int", "pct", "num"]
Cell = str | int | float | None


@dataclass(frozen=True)
class Typed:
    """A cell whose kind is not its column's (a count in a column of rates)."""

    value: int | float | str | None
    kind: Kind


@dataclass(frozen=True)
class FormColumn:
    header: str
    kind: Kind
    group: str = ""
    """A heading over the consecutive columns that share it; "" for a column on its own."""


@dataclass(frozen=True)
class FormRow:
    cells: list[Cell | Typed]
    total: bool = False
    """A totals row (bold)."""
    level: int = 0
    """How far the unit's name is indented (a commune under its district)."""


@dataclass(frozen=True)
class Form:
    sheet: str
    title: str
    columns: list[FormColumn]
    rows: list[FormRow]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Heading:
    """What stands above and below every form."""

    issuer: str
    """The office that makes the report (top left)."""
    province: str
    year: int
    place: str
    """Where it is signed ("Bắc Giang, ngày …")."""
    made_on: dt.date
    lang: Lang

    def subtitle(self, unit: str) -> str:
        return label(
            "form_subtitle",
            self.lang,
            unit=unit,
            province=self.province,
            year=self.year,
            date=self.made_on.strftime("%d/%m/%Y"),
        )


def heading(plan: Plan, lang: Lang, made_on: dt.date) -> Heading:
    province = plan.plan.province
    return Heading(
        issuer=label("form_issuer", lang, province=province.upper()),
        province=province,
        year=plan.plan.year,
        place=province,
        made_on=made_on,
        lang=lang,
    )


def _pct(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


def _stt(number: int | str) -> str:
    return str(number)


# ---------------------------------------------------------------- targets


def targets_form(report: CheckReport, lang: Lang) -> Form:
    return target_results_form(report.targets, lang, label("form_targets_title", lang))


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
                    _stt(number),
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
            ["", label("scope_province", lang), *cells(report.households, report.persons)],
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
                [_stt(number), district.district, *cells(district.counts, district.persons)],
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
            name, stt, total, indent = label("scope_province", lang), "", True, 0
        elif level == "area":
            # I. urban, II. rural: districts are numbered again under each.
            area_number, district_number = area_number + 1, 0
            name, stt = label(f"area_{row['area']}", lang), ("I", "II")[area_number - 1]
            total, indent = True, 0
        elif level == "district":
            district_number += 1
            name, stt, total, indent = str(row["district"]), _stt(district_number), True, 1
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
    return Form(label(sheet, lang), label(key, lang), columns, rows, notes)


# ---------------------------------------------------------------- deprivations (forms 4 to 7)


def deprivations_form(report: CheckReport, lang: Lang, which: str) -> Form:
    indicators = report.standard.indicators
    columns = [
        FormColumn(label("form_stt", lang), "text"),
        FormColumn(label("unit", lang), "text"),
        FormColumn(label("form_breakdown", lang), "text"),
        FormColumn(label("poor" if which == "poor" else "near_poor", lang), "int"),
        FormColumn(label("form_deprivations_total", lang), "int"),
        *(
            FormColumn(
                f"{number}. {indicator.name_vi if lang == 'vi' else indicator.name_en}",
                "int",
                label("form_indicators", lang),
            )
            for number, indicator in enumerate(indicators, start=1)
        ),
    ]
    rows = []
    for number, unit in enumerate(report.deprivations_by_district, start=1):
        households = unit.poor if which == "poor" else unit.near_poor
        deprived = unit.poor_deprived if which == "poor" else unit.near_poor_deprived
        counts = [deprived.get(indicator.column, 0) for indicator in indicators]
        total = unit.district is None
        name = label("scope_province", lang) if total else str(unit.district)
        stt = "" if total else _stt(number)
        rows.append(
            FormRow(
                [stt, name, label("form_households", lang), households, sum(counts), *counts],
                total=total,
            )
        )
        shares = [Typed(_pct(count, households), "pct") for count in counts]
        rows.append(
            FormRow(
                [
                    "",
                    "",
                    label("form_rate", lang),
                    Typed(100.0 if households else None, "pct"),
                    None,
                    *shares,
                ],
                total=total,
            )
        )
    key = "form_deprivations_poor" if which == "poor" else "form_deprivations_near"
    return Form(label(f"{key}_sheet", lang), label(f"{key}_title", lang), columns, rows)


# ---------------------------------------------------------------- groups (form 8)


def groups_form(report: CheckReport, lang: Lang) -> Form:
    groups = {group.id: group for group in report.groups}
    no_data = label("status_no_data", lang)
    group_ids = [
        ("ethnic_minority", label("form_group_em", lang)),
        ("meritorious", label("form_group_merit", lang)),
        ("no_labour_capacity", label("form_group_no_labour", lang)),
        ("dbkk_communes", label("group_dbkk_communes", lang)),
        *(
            (group.id, label("group_poor_district", lang, name=group.id.split(":", 1)[1]))
            for group in report.groups
            if group.id.startswith("poor_district:")
        ),
    ]
    columns = [
        FormColumn(label("form_stt", lang), "text"),
        FormColumn(label("form_class", lang), "text"),
        FormColumn(label("form_total", lang), "int"),
        *(FormColumn(name, "int", label("form_of_which", lang)) for _, name in group_ids),
    ]
    rows = []
    for number, klass in enumerate(("poor", "near_poor"), start=1):
        cells: list[Cell | Typed] = [
            _stt(number),
            label(klass, lang),
            getattr(report.households, klass),
        ]
        province = report.profiles[0] if report.profiles else None
        for group_id, _ in group_ids:
            if group_id == "no_labour_capacity":
                chosen = getattr(province, klass) if province is not None else None
                no_labour = chosen.no_labour if chosen is not None else None
                cells.append(no_labour if no_labour is not None else no_data)
                continue
            if group_id == "meritorious":
                counts = report.meritorious
            elif group_id in groups:
                counts = groups[group_id].counts
            else:
                counts = None
            cells.append(getattr(counts, klass) if counts is not None else no_data)
        rows.append(FormRow(cells))
    notes = [label("form_note_groups", lang)]
    return Form(
        label("form_groups_sheet", lang), label("form_groups_title", lang), columns, rows, notes
    )


# ---------------------------------------------------------------- form 9


def ethnicity_form(report: CheckReport, lang: Lang) -> Form:
    """Form 9: poor and near-poor households of each unit, Kinh and ethnic minority; the
    census names no ethnic group, so the columns per group say so."""
    no_data = label("status_no_data", lang)
    columns = [FormColumn(label("form_stt", lang), "text"), FormColumn(label("unit", lang), "text")]
    for klass in ("poor", "near_poor"):
        group = label(klass, lang)
        columns += [
            FormColumn(label("form_total", lang), "int", group),
            FormColumn(label("form_kinh", lang), "int", group),
            FormColumn(label("form_group_em_short", lang), "int", group),
            FormColumn(label("form_by_ethnic_group", lang), "text", group),
        ]

    def cells(profile: UnitProfile) -> list[Cell | Typed]:
        found: list[Cell | Typed] = []
        for chosen in (profile.poor, profile.near_poor):
            found += [
                chosen.households,
                chosen.kinh[0] if chosen.kinh is not None else no_data,
                chosen.ethnic_minority[0] if chosen.ethnic_minority is not None else no_data,
                no_data,
            ]
        return found

    rows = _profile_rows(report, lang, cells)
    notes = [label("form_note_ethnicity", lang)]
    return Form(
        label("form_ethnicity_sheet", lang),
        label("form_ethnicity_title", lang),
        columns,
        rows,
        notes,
    )


def _profile_rows(
    report: CheckReport, lang: Lang, cells: Callable[[UnitProfile], list[Cell | Typed]]
) -> list[FormRow]:
    """The province, then each district (numbered, in bold) and its communes."""
    rows: list[FormRow] = []
    number = 0
    for profile in report.profiles:
        if profile.district is None:
            name, stt, total, level = label("scope_province", lang), "", True, 0
        elif profile.commune is None:
            number += 1
            name, stt, total, level = profile.district, _stt(number), True, 0
        else:
            name, stt, total, level = profile.commune, "", False, 1
        rows.append(FormRow([stt, name, *cells(profile)], total=total, level=level))
    return rows


# ---------------------------------------------------------------- forms 12 and 13


def profiles_form(report: CheckReport, lang: Lang, which: str) -> Form:
    """Form 12 (poor) or 13 (near-poor): households and persons of each unit, Kinh and ethnic
    minority, and among the poor (near-poor) the same and those with a person of merit or no
    one able to work. Columns the census cannot fill (local ethnic minority, a woman as head
    of household) say so."""
    no_data = label("status_no_data", lang)
    households, persons = label("form_households", lang), label("form_persons", lang)
    everyone, klass = label("form_all_households", lang), label(which, lang)
    kinh, minority = label("form_kinh", lang), label("form_group_em_short", lang)
    columns = [
        FormColumn(label("form_stt", lang), "text"),
        FormColumn(label("unit", lang), "text"),
        FormColumn(households, "int", everyone),
        FormColumn(persons, "int", everyone),
        FormColumn(f"{kinh}: {households.lower()}", "int", everyone),
        FormColumn(f"{kinh}: {persons.lower()}", "int", everyone),
        FormColumn(f"{minority}: {households.lower()}", "int", everyone),
        FormColumn(f"{minority}: {persons.lower()}", "int", everyone),
        FormColumn(households, "int", klass),
        FormColumn(persons, "int", klass),
        FormColumn(label("form_rate", lang), "pct", klass),
        FormColumn(f"{kinh}: {households.lower()}", "int", klass),
        FormColumn(f"{kinh}: {persons.lower()}", "int", klass),
        FormColumn(f"{minority}: {households.lower()}", "int", klass),
        FormColumn(f"{minority}: {persons.lower()}", "int", klass),
        FormColumn(label("form_local_em", lang), "text", klass),
        FormColumn(label("form_group_merit", lang), "int", label("form_of_which", lang)),
        FormColumn(label("form_group_no_labour", lang), "int", label("form_of_which", lang)),
        FormColumn(label("form_woman_head", lang), "text", label("form_of_which", lang)),
    ]

    def pair(values: tuple[int, int] | None) -> list[Cell | Typed]:
        return [values[0], values[1]] if values is not None else [no_data, no_data]

    def cells(profile: UnitProfile) -> list[Cell | Typed]:
        chosen = profile.poor if which == "poor" else profile.near_poor
        return [
            profile.everyone.households,
            profile.everyone.persons,
            *pair(profile.everyone.kinh),
            *pair(profile.everyone.ethnic_minority),
            chosen.households,
            chosen.persons,
            _pct(chosen.households, profile.everyone.households),
            *pair(chosen.kinh),
            *pair(chosen.ethnic_minority),
            no_data,
            chosen.meritorious if chosen.meritorious is not None else no_data,
            chosen.no_labour if chosen.no_labour is not None else no_data,
            no_data,
        ]

    rows = _profile_rows(report, lang, cells)
    key = "form_profile_poor" if which == "poor" else "form_profile_near"
    notes = [label("form_note_profile", lang)]
    return Form(label(f"{key}_sheet", lang), label(f"{key}_title", lang), columns, rows, notes)


# ---------------------------------------------------------------- data problems


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
            _stt(number),
            problem["row"],
            problem["household_id"],
            problem["column"],
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
            invalid=summary.invalid_rows,
            rows=summary.rows,
            shown=len(summary.problems),
            total=summary.problems_total,
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


# ---------------------------------------------------------------- household lists


def list_columns(households: HouseholdList, standard: Standard, lang: Lang) -> list[FormColumn]:
    deprived = label("form_deprived_in", lang)
    names = {indicator.column: indicator for indicator in standard.indicators}
    return [
        FormColumn(label("form_stt", lang), "text"),
        FormColumn(label("form_household_id", lang), "text"),
        FormColumn(label("district", lang), "text"),
        FormColumn(label("list_commune", lang), "text"),
        FormColumn(label("area", lang), "text"),
        FormColumn(label("list_class", lang), "text"),
        FormColumn(label("list_class_start", lang), "text"),
        FormColumn(label("list_transition", lang), "text"),
        FormColumn(label("list_income", lang), "int"),
        FormColumn(label("list_line", lang), "int"),
        FormColumn(label("list_income_to_line", lang), "pct"),
        FormColumn(label("list_deprivations", lang), "int"),
        *(
            FormColumn(
                f"{number}. {names[column].name_vi if lang == 'vi' else names[column].name_en}",
                "text",
                deprived,
            )
            for number, column in enumerate(households.indicators, start=1)
        ),
        *(
            FormColumn(name, "text", label("list_census_columns", lang))
            for name in households.others
        ),
    ]


def list_rows(households: HouseholdList, lang: Lang) -> list[list[Cell]]:
    """One row a household, cells as a person reads them (classes in words, a tick per
    deprivation)."""
    rows: list[list[Cell]] = []
    frame = households.rows
    for number, record in enumerate(frame.to_dict("records"), start=1):
        start = record["class_start"]
        transition = record["transition"]
        rows.append(
            [
                str(number),
                record["household_id"],
                record["district"],
                record["commune"],
                label(f"area_short_{record['area']}", lang),
                label(f"class_{record['class']}", lang),
                label(f"class_{start}", lang) if isinstance(start, str) else None,
                label(f"transition_{transition}", lang) if isinstance(transition, str) else None,
                int(record["income"]),
                int(record["poverty_line"]),
                float(record["income_to_line_percent"]),
                int(record["deprivations"]),
                *("x" if record[column] else None for column in households.indicators),
                *(
                    record[name] if isinstance(record[name], str) else None
                    for name in households.others
                ),
            ]
        )
    return rows


def list_form(households: HouseholdList, standard: Standard, lang: Lang, title: str) -> Form:
    columns = list_columns(households, standard, lang)
    rows = [FormRow(list(cells)) for cells in list_rows(households, lang)]
    notes = [label("list_note", lang, count=len(rows))]
    return Form(label("list_sheet", lang), title, columns, rows, notes)


def list_csv(households: HouseholdList, standard: Standard, lang: Lang) -> list[list[str]]:
    """The list as CSV cells, header first: counts as integers, rates with two decimals."""
    columns = list_columns(households, standard, lang)
    body = [
        [
            ""
            if value is None
            else f"{value:.2f}"
            if column.kind == "pct" and isinstance(value, int | float)
            else str(value)
            for value, column in zip(row, columns, strict=True)
        ]
        for row in list_rows(households, lang)
    ]
    return [[column.header for column in columns], *body]


# ---------------------------------------------------------------- the programme's progress


def _flow_columns(keys: list[str], lang: Lang) -> list[FormColumn]:
    pace = label("p_pace", lang)
    return [
        FormColumn(label("form_stt", lang), "text"),
        *(FormColumn(key, "text") for key in keys),
        FormColumn(label("p_allocated", lang), "num"),
        FormColumn(label("p_disbursed", lang), "num"),
        FormColumn(label("p_rate", lang), "pct"),
        FormColumn(label("p_deadline", lang), "text", pace),
        FormColumn(label("p_elapsed", lang), "pct", pace),
        FormColumn(label("p_per_month", lang), "num", pace),
        FormColumn(label("p_projected", lang), "pct", pace),
        FormColumn(label("p_pace", lang), "text", pace),
    ]


def _flow_cells(row: FlowRow, lang: Lang) -> list[Cell | Typed]:
    paced = row.pace
    flow = row.flow
    cells: list[Cell | Typed] = [
        float(flow.allocated),
        float(flow.disbursed),
        float(flow.rate) if flow.rate is not None else None,
    ]
    if paced is None:
        return [*cells, None, None, None, None, None]
    track = paced.on_track
    return [
        *cells,
        paced.deadline.strftime("%d/%m/%Y"),
        float(100 * paced.elapsed_share),
        float(paced.per_month) if paced.per_month is not None else None,
        float(paced.projected_rate) if paced.projected_rate is not None else None,
        None if track is None else label("pace_on_track" if track else "pace_behind", lang),
    ]


def progress_forms(check: ProgressCheck, lang: Lang) -> list[Form]:
    """The programme's progress as forms: its targets, funds by source and capital type and
    by project with their pace, the works and the districts' allocation reports."""
    report = check.report
    year = check.plan.plan.year
    forms = [target_results_form(check.targets, lang, label("form_p_targets_title", lang))]
    rows = []
    for number, row in enumerate([*report.by_funds, *report.by_source], start=1):
        funds = label(f"p_funds_{row.funds}", lang)
        source = row.key.get("source")
        capital = row.key.get("capital_type")
        names = [
            str(row.key.get("funds_year", year if row.funds == "plan_year" else "")) or funds,
            label(f"p_source_{source}", lang) if source else funds,
            label(str(capital), lang) if capital else "",
        ]
        rows.append(FormRow([str(number), *names, *_flow_cells(row, lang)], total=source is None))
    keys = [label("p_funds_year", lang), label("source", lang), label("p_capital", lang)]
    forms.append(
        Form(
            label("form_p_sources_sheet", lang),
            label("form_p_sources_title", lang),
            _flow_columns(keys, lang),
            rows,
            [label("form_p_note", lang, date=check.report.progress.as_of.strftime("%d/%m/%Y"))],
        )
    )
    names_of = check.plan.project_codes()
    project_rows = [
        FormRow(
            [
                str(number),
                str(row.key["project"]),
                names_of.get(str(row.key["project"]), ""),
                *_flow_cells(row, lang),
            ]
        )
        for number, row in enumerate(report.by_project, start=1)
    ]
    keys = [label("p_project", lang), label("p_project_name", lang)]
    forms.append(
        Form(
            label("form_p_projects_sheet", lang),
            label("form_p_projects_title", lang),
            _flow_columns(keys, lang),
            project_rows,
        )
    )
    work_rows = [
        FormRow(
            [
                str(number),
                work.work_id,
                work.text,
                label("p_carried_over" if work.carried_over else "p_new", lang),
                label(f"p_status_{work.status}", lang) if work.status else None,
                work.completed_on.strftime("%d/%m/%Y") if work.completed_on else None,
                label(f"p_work_{work.state}", lang),
            ]
        )
        for number, work in enumerate(report.works, start=1)
    ]
    forms.append(
        Form(
            label("p_works_title", lang),
            label("form_p_works_title", lang),
            [
                FormColumn(label("form_stt", lang), "text"),
                FormColumn(label("id", lang), "text"),
                FormColumn(label("p_work", lang), "text"),
                FormColumn(label("p_work_kind", lang), "text"),
                FormColumn(label("status", lang), "text"),
                FormColumn(label("form_p_completed_on", lang), "text"),
                FormColumn(label("p_state", lang), "text"),
            ],
            work_rows,
        )
    )
    livelihood_rows = [
        FormRow(
            [
                str(number),
                line.project_id,
                line.project,
                line.unit,
                float(line.allocated) if line.allocated is not None else None,
                label(f"p_project_status_{line.status}", lang),
                line.completed_on.strftime("%d/%m/%Y") if line.completed_on else None,
            ]
        )
        for number, line in enumerate(report.progress.livelihood, start=1)
    ]
    forms.append(
        Form(
            label("form_p_livelihood_sheet", lang),
            label("form_p_livelihood_title", lang),
            [
                FormColumn(label("form_stt", lang), "text"),
                FormColumn(label("id", lang), "text"),
                FormColumn(label("p_project", lang), "text"),
                FormColumn(label("unit", lang), "text"),
                FormColumn(label("p_allocated", lang), "num"),
                FormColumn(label("status", lang), "text"),
                FormColumn(label("form_p_completed_on", lang), "text"),
            ],
            livelihood_rows,
        )
    )
    training_rows = [
        FormRow(
            [
                str(number),
                label(f"p_level_{line.level}", lang),
                line.unit or None,
                line.officials,
                line.trained,
                100.0 * line.trained / line.officials if line.officials else None,
            ]
        )
        for number, line in enumerate(report.progress.training, start=1)
    ]
    forms.append(
        Form(
            label("form_p_training_sheet", lang),
            label("form_p_training_title", lang),
            [
                FormColumn(label("form_stt", lang), "text"),
                FormColumn(label("p_level", lang), "text"),
                FormColumn(label("unit", lang), "text"),
                FormColumn(label("p_officials", lang), "int"),
                FormColumn(label("p_trained", lang), "int"),
                FormColumn(label("form_rate", lang), "pct"),
            ],
            training_rows,
        )
    )
    sent_rows = [
        FormRow(
            [
                str(number),
                sent.unit,
                sent.submitted_on.strftime("%d/%m/%Y") if sent.submitted_on else None,
                label(f"p_report_{sent.state}", lang),
            ]
        )
        for number, sent in enumerate(report.reports, start=1)
    ]
    forms.append(
        Form(
            label("form_p_reports_sheet", lang),
            label("p_reports_title", lang).upper(),
            [
                FormColumn(label("form_stt", lang), "text"),
                FormColumn(label("district", lang), "text"),
                FormColumn(label("p_submitted_on", lang), "text"),
                FormColumn(label("p_state", lang), "text"),
            ],
            sent_rows,
        )
    )
    return forms

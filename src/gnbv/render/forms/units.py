"""The review's forms by unit and group: deprivations (forms 4 to 7), groups (form 8),
ethnicity (form 9), the poor and near-poor households' profiles (forms 12 and 13)."""

from __future__ import annotations

from collections.abc import Callable

from gnbv.core.analysis.report import CheckReport, UnitProfile
from gnbv.render.forms.model import Cell, Form, FormColumn, FormRow, Typed, pct, stt_of
from gnbv.render.labels import label, total_row_name
from gnbv.render.numbers import Lang

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
        name = total_row_name(report, lang) if total else str(unit.district)
        stt = "" if total else stt_of(number)
        rows.append(
            FormRow(
                [stt, name, label("form_households", lang), households, sum(counts), *counts],
                total=total,
            )
        )
        shares = [Typed(pct(count, households), "pct") for count in counts]
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
            stt_of(number),
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
            name, stt, total, level = total_row_name(report, lang), "", True, 0
        elif profile.commune is None:
            number += 1
            name, stt, total, level = profile.district, stt_of(number), True, 0
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
            pct(chosen.households, profile.everyone.households),
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

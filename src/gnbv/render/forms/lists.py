"""``gnbv list``: the households to act on, as a form to print or rows of a CSV."""

from __future__ import annotations

from gnbv.core.analysis.lists import HouseholdList, ListFilter
from gnbv.core.plan.standards import Standard
from gnbv.render.forms.model import Cell, Form, FormColumn, FormRow
from gnbv.render.labels import label, warning_sentence
from gnbv.render.numbers import Lang

# ---------------------------------------------------------------- household lists

CLASS_ORDER = ("poor", "near_poor", "middle", "non_poor")


def list_title(chosen: ListFilter, lang: Lang) -> str:
    """What a printed list holds, in its title: "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO" for the
    classes chosen (a list signed and sent must say what it lists)."""
    if chosen.near_line_percent is not None:
        return label("list_title_nearest", lang)
    if not chosen.classes:
        return label("list_title", lang)
    classes = [label(f"class_{name}", lang) for name in CLASS_ORDER if name in chosen.classes]
    return label("list_title_of", lang, classes=", ".join(classes).upper())


def list_filters_note(chosen: ListFilter, standard: Standard, lang: Lang) -> list[str]:
    """The list's other filters in words, under it (its units are in its subtitle, its
    classes in its title): "Chỉ gồm các hộ: thoát nghèo trong kỳ; thiếu hụt Nguồn nước ..."."""
    names = {indicator.column: indicator for indicator in standard.indicators}
    what = [label(f"list_only_{key}", lang) for key in chosen.transitions]
    for column in chosen.deprivations:
        name = names[column].name_vi if lang == "vi" else names[column].name_en
        what.append(label("list_only_deprived", lang, indicator=name[:1].lower() + name[1:]))
    return [label("list_only", lang, what="; ".join(what))] if what else []


def list_columns(households: HouseholdList, standard: Standard, lang: Lang) -> list[FormColumn]:
    deprived = label("form_deprived_in", lang)
    names = {indicator.column: indicator for indicator in standard.indicators}
    own = [
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
    ]
    # The census's STT (its form's row numbers) beside the list's own: two columns of one
    # header, which a person cannot tell apart in a CSV file.
    taken = {column.header.strip().casefold() for column in own}
    return [
        *own,
        *(
            FormColumn(
                label("list_census_column", lang, name=name)
                if name.strip().casefold() in taken
                else name,
                "text",
                label("list_census_columns", lang),
            )
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


def list_form(
    households: HouseholdList, standard: Standard, lang: Lang, chosen: ListFilter
) -> Form:
    columns = list_columns(households, standard, lang)
    rows = [FormRow(list(cells)) for cells in list_rows(households, lang)]
    notes = [label("list_note", lang, count=len(rows))]
    notes += list_filters_note(chosen, standard, lang)
    notes += [warning_sentence(warning, lang) for warning in households.warnings]
    return Form(label("list_sheet", lang), list_title(chosen, lang), columns, rows, notes)


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

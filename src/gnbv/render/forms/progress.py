"""The programme's progress workbook as forms: its targets, funds by source, capital type and
project with their pace, the works, livelihood projects, training, the districts' reports."""

from __future__ import annotations

import datetime as dt

from gnbv.core.programme.results import FlowRow, ProgressCheck
from gnbv.render.forms.model import Cell, Form, FormColumn, FormRow, Kind, Typed
from gnbv.render.forms.review import target_results_form
from gnbv.render.labels import label, problem_words
from gnbv.render.numbers import Lang, fmt_int

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
    return [
        target_results_form(check.targets, lang, label("form_p_targets_title", lang)),
        _sources_form(check, lang),
        _projects_form(check, lang),
        _works_form(check, lang),
        _livelihood_form(check, lang),
        _training_form(check, lang),
        _reports_form(check, lang),
        *([_problems_form(check, lang)] if check.report.progress.problems else []),
    ]


def _set_aside_notes(
    check: ProgressCheck, lang: Lang, key: str = "form_p_note_set_aside"
) -> list[str]:
    """How many rows of the workbook the forms do not count, and where they are listed."""
    progress = check.report.progress
    if not progress.rows_set_aside:
        return []
    return [
        label(
            key,
            lang,
            invalid=fmt_int(progress.rows_set_aside, lang),
            rows=fmt_int(progress.rows, lang),
            sheet=label("sheet_problems", lang),
        )
    ]


def _problems_form(check: ProgressCheck, lang: Lang) -> Form:
    """The rows of the progress workbook set aside, by sheet, row, column and reason, in the
    template's words: what the office corrects before the next report."""
    columns = _columns(lang, ("p_sheet", "text"), ("row", "int"), ("column", "text"))
    columns.append(FormColumn(label("reason", lang), "text"))
    rows = []
    for number, problem in enumerate(check.report.progress.problems, start=1):
        sheet, row, column, reason = problem_words(problem, lang)
        rows.append(FormRow([str(number), sheet, int(row), column, reason]))
    return Form(
        label("sheet_problems", lang),
        label("form_p_problems_title", lang),
        columns,
        rows,
        _set_aside_notes(check, lang, "form_p_note_problems"),
    )


def _columns(lang: Lang, *columns: tuple[str, Kind]) -> list[FormColumn]:
    """The STT column, then each (label key, kind)."""
    return [
        FormColumn(label("form_stt", lang), "text"),
        *(FormColumn(label(key, lang), kind) for key, kind in columns),
    ]


def _date(day: dt.date | None) -> str | None:
    return day.strftime("%d/%m/%Y") if day else None


def _sources_form(check: ProgressCheck, lang: Lang) -> Form:
    """Funds by year of funds, source and capital type; a source's total in bold."""
    report = check.report
    year = check.plan.plan.year
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
    return Form(
        label("form_p_sources_sheet", lang),
        label("form_p_sources_title", lang),
        _flow_columns(keys, lang),
        rows,
        [
            label("form_p_note", lang, date=_date(report.progress.as_of)),
            *_set_aside_notes(check, lang),
        ],
    )


def _projects_form(check: ProgressCheck, lang: Lang) -> Form:
    names_of = check.plan.project_codes()
    rows = [
        FormRow(
            [
                str(number),
                str(row.key["project"]),
                names_of.get(str(row.key["project"]), ""),
                *_flow_cells(row, lang),
            ]
        )
        for number, row in enumerate(check.report.by_project, start=1)
    ]
    keys = [label("p_project", lang), label("p_project_name", lang)]
    return Form(
        label("form_p_projects_sheet", lang),
        label("form_p_projects_title", lang),
        _flow_columns(keys, lang),
        rows,
    )


def _works_form(check: ProgressCheck, lang: Lang) -> Form:
    rows = [
        FormRow(
            [
                str(number),
                work.work_id,
                work.text,
                label("p_carried_over" if work.carried_over else "p_new", lang),
                label(f"p_status_{work.status}", lang) if work.status else None,
                _date(work.completed_on),
                label(f"p_work_{work.state}", lang),
            ]
        )
        for number, work in enumerate(check.report.works, start=1)
    ]
    columns = _columns(
        lang,
        ("id", "text"),
        ("p_work", "text"),
        ("p_work_kind", "text"),
        ("status", "text"),
        ("form_p_completed_on", "text"),
        ("p_state", "text"),
    )
    return Form(label("p_works_title", lang), label("form_p_works_title", lang), columns, rows)


def _livelihood_form(check: ProgressCheck, lang: Lang) -> Form:
    rows = [
        FormRow(
            [
                str(number),
                line.project_id,
                line.project,
                line.unit,
                float(line.allocated) if line.allocated is not None else None,
                label(f"p_project_status_{line.status}", lang),
                _date(line.completed_on),
            ]
        )
        for number, line in enumerate(check.report.progress.livelihood, start=1)
    ]
    columns = _columns(
        lang,
        ("id", "text"),
        ("p_project", "text"),
        ("unit", "text"),
        ("p_allocated", "num"),
        ("status", "text"),
        ("form_p_completed_on", "text"),
    )
    return Form(
        label("form_p_livelihood_sheet", lang),
        label("form_p_livelihood_title", lang),
        columns,
        rows,
    )


def _training_form(check: ProgressCheck, lang: Lang) -> Form:
    rows = [
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
        for number, line in enumerate(check.report.progress.training, start=1)
    ]
    columns = _columns(
        lang,
        ("p_level", "text"),
        ("unit", "text"),
        ("p_officials", "int"),
        ("p_trained", "int"),
        ("form_rate", "pct"),
    )
    return Form(
        label("form_p_training_sheet", lang), label("form_p_training_title", lang), columns, rows
    )


def _reports_form(check: ProgressCheck, lang: Lang) -> Form:
    """The districts' allocation reports: sent on time, late or missing."""
    rows = [
        FormRow(
            [
                str(number),
                sent.unit,
                _date(sent.submitted_on),
                label(f"p_report_{sent.state}", lang),
            ]
        )
        for number, sent in enumerate(check.report.reports, start=1)
    ]
    columns = _columns(lang, ("district", "text"), ("p_submitted_on", "text"), ("p_state", "text"))
    return Form(
        label("form_p_reports_sheet", lang), label("p_reports_title", lang).upper(), columns, rows
    )

"""``gnbv list``: the households to act on, as a CSV for Excel or a workbook to print."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from gnbv.cli.app import (
    ColumnsOption,
    DelimiterOption,
    EncodingOption,
    IssuerOption,
    Lang,
    LangOption,
    PlanOption,
    PreviousSheetOption,
    SheetOption,
    YearOption,
    app,
    info,
    number,
    plan_path,
    refuse_overwriting_inputs,
    say_warnings,
)
from gnbv.exit_codes import ExitCode

if TYPE_CHECKING:
    from gnbv.core.analysis.lists import HouseholdList, ListFilter


class ListTransition(StrEnum):
    escaped = "escaped"
    newly_poor = "newly-poor"
    stayed_poor = "stayed-poor"
    new = "new"


class ListClass(StrEnum):
    poor = "poor"
    near_poor = "near_poor"
    middle = "middle"
    non_poor = "non_poor"


@app.command("list")
def list_command(
    census_file: Path = typer.Argument(..., help="Census file."),
    output: Path = typer.Option(
        ..., "-o", "--output", help="CSV (UTF-8 with BOM, for Excel) or .xlsx to write."
    ),
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    previous: Path | None = typer.Option(
        None, "--previous", help="Last year's census: the class at the start comes from it."
    ),
    district: list[str] = typer.Option([], "--district", help="Only this district (repeatable)."),
    commune: list[str] = typer.Option([], "--commune", help="Only this commune (repeatable)."),
    klass: list[ListClass] = typer.Option([], "--class", help="Only this class (repeatable)."),
    transition: list[ListTransition] = typer.Option(
        [], "--transition", help="Only households with this change since the start."
    ),
    deprivation: list[str] = typer.Option(
        [], "--deprivation", help="Only households deprived in this column (dep_water, ...)."
    ),
    nearest: float | None = typer.Option(
        None,
        "--nearest-to-leaving",
        min=0.0,
        max=100.0,
        help="Poor households nearest to leaving poverty: income within this percent below "
        "the line, or one deprivation from the threshold.",
    ),
    lang: Lang = LangOption,
    encoding: str | None = EncodingOption,
    delimiter: str | None = DelimiterOption,
    sheet: str | None = SheetOption,
    previous_sheet: str | None = PreviousSheetOption,
    columns: Path | None = ColumnsOption,
    issuer: str | None = IssuerOption,
) -> int:
    """List households to act on: units, class now and before, income against the line, and
    each deprivation; filtered by unit, class, change and deprivation, sorted by unit."""
    from gnbv import api
    from gnbv.core.analysis.lists import ListFilter
    from gnbv.read.options import ReadOptions

    plan = plan_path(plan_file, year)
    refuse_overwriting_inputs(output, [census_file, plan, *([previous] if previous else [])])
    chosen = ListFilter(
        districts=tuple(district),
        communes=tuple(commune),
        classes=tuple(value.value for value in klass),
        transitions=tuple(value.value for value in transition),
        deprivations=tuple(deprivation),
        near_line_percent=nearest,
    )
    households = api.households(
        census_file,
        plan=plan,
        previous=previous,
        chosen=chosen,
        read_options=ReadOptions(encoding, delimiter, sheet, columns, earlier_sheet=previous_sheet),
    )
    # The list's part of the province: the units chosen, else the census's if it is a part.
    units = households.units_chosen or households.units_of_part
    _write_list(households, output, plan, lang, chosen, (units, issuer))
    say_warnings(households.warnings, lang)
    info("msg_households_written", count=number(len(households.rows)), path=output)
    return ExitCode.OK


def _write_list(
    households: HouseholdList,
    output: Path,
    plan: Path,
    lang: Lang,
    chosen: ListFilter,
    made_by: tuple[list[str], str | None],
) -> None:
    """A workbook of one form when ``output`` ends in .xlsx (``made_by``: its units and
    issuer, :func:`gnbv.render.forms.model.heading`), else a CSV for Excel."""
    import datetime as dt

    import pandas as pd

    from gnbv.io.writers import BOM, atomic_write_text, csv_text
    from gnbv.render.forms.lists import list_csv, list_form
    from gnbv.render.forms.model import heading
    from gnbv.service import load_plan_and_standard

    loaded, standard = load_plan_and_standard(plan)
    if output.suffix.lower() == ".xlsx":
        from gnbv.io.xlsx_writer import write_forms

        form = list_form(households, standard, lang.code, chosen)
        write_forms(output, [form], heading(loaded, lang.code, dt.date.today(), *made_by))
    else:
        header, *body = list_csv(households, standard, lang.code)
        frame = pd.DataFrame(body, columns=header, dtype="object")
        text = csv_text(frame, line_end="\r\n")
        atomic_write_text(output, BOM + text)  # a BOM: Excel shows Vietnamese right

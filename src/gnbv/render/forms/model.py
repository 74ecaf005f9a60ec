"""A form (one sheet: title, grouped headers, rows, notes) and the heading above and
below every form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from gnbv.core.plan.model import Plan
from gnbv.render.labels import label
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
    unit: str = ""
    """The part of the province the forms are about (a district, a commune); "" for the
    whole province."""

    def subtitle(self) -> str:
        return label(
            "form_subtitle" if self.unit else "form_subtitle_province",
            self.lang,
            unit=self.unit,
            province=self.province,
            year=self.year,
            date=self.made_on.strftime("%d/%m/%Y"),
        )


def heading(
    plan: Plan,
    lang: Lang,
    made_on: dt.date,
    units: Sequence[str] = (),
    issuer: str | None = None,
) -> Heading:
    """What stands above and below the forms of ``units`` (districts or communes; none for
    the whole province).

    The whole province's forms are the office's the plan names as leading it (a plan of
    another year, another agency); a district's or a commune's are its own office's, which
    the plan does not name: ``issuer`` says it, else a line is left to write it in (the
    province's agency over a district's signatures was wrong on a signed form). The forms of
    one unit are signed there, the others in the province."""
    province = plan.plan.province
    unit = ", ".join(units)
    if issuer is not None:
        office = issuer.strip().upper()
    elif unit:
        office = label("form_issuer_to_write", lang)
    else:
        office = label(
            "form_issuer", lang, agency=plan.plan.lead_agency_vi.upper(), province=province.upper()
        )
    return Heading(
        issuer=office,
        province=province,
        year=plan.plan.year,
        place=units[0] if len(units) == 1 else province,
        made_on=made_on,
        lang=lang,
        unit=unit,
    )


def pct(part: int, whole: int) -> float | None:
    """``part`` as a percent of ``whole``; none of nothing."""
    return 100.0 * part / whole if whole else None


def stt_of(number: int | str) -> str:
    """The STT (số thứ tự) cell of a numbered row."""
    return str(number)

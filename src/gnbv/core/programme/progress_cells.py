"""How the progress workbook's cells are read (``shared/progress-format.md``): amounts written
in Vietnamese or English (``1.234,5``, ``1,234.5``; a column's convention settles ``1.234``),
dates as offices write them, counts, and words compared folded. A new way an office writes a
cell is read here."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from fractions import Fraction
from typing import Any

from gnbv.core.contract.rules import SHOWS_EXCEL_ERROR
from gnbv.core.programme.progress_contract import RawRow


def fold_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_VIETNAMESE_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_ENGLISH_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


# Cells only one convention writes; ``1,234`` and ``1.234`` are written by both.
_VIETNAMESE_ONLY = re.compile(
    r"^\d{1,3}(\.\d{3})+,\d+$|^\d{1,3}(\.\d{3}){2,}$|^(?!\d{1,3},\d{3}$)\d+,\d+$"
)
_ENGLISH_ONLY = re.compile(
    r"^\d{1,3}(,\d{3})+\.\d+$|^\d{1,3}(,\d{3}){2,}$|^(?!\d{1,3}\.\d{3}$)\d+\.\d+$"
)


def _conventions_shown(cells: list[Any]) -> set[str]:
    """The conventions the text cells show: ``vi`` for a cell only Vietnamese writing gives
    (``5.650.000``, ``10.000,5``), ``en`` for the mirror."""
    texts = [str(cell).strip() for cell in cells if isinstance(cell, str)]
    shown = set()
    if any(_VIETNAMESE_ONLY.fullmatch(text) for text in texts):
        shown.add("vi")
    if any(_ENGLISH_ONLY.fullmatch(text) for text in texts):
        shown.add("en")
    return shown


def number_conventions(rows: list[RawRow], columns: tuple[str, ...]) -> dict[str, str | None]:
    """Each amount column's convention: ``vi`` when its text cells write ``.`` for thousands
    and none writes it as a decimal point (``5.650.000``, ``10.000,5``), ``en`` for the
    mirror (a cell like ``1.234`` is read by it). A column whose cells show none takes the
    one the sheet's other amount columns show, if they agree (one office wrote them all:
    ``103.496`` beside ``51.748,5`` is 103,496). A column that shows both keeps none."""
    shown = {name: _conventions_shown([cells.get(name) for _, cells in rows]) for name in columns}
    sheet = set().union(*shown.values())
    return {
        name: next(iter(own or sheet)) if len(own or sheet) == 1 else None
        for name, own in shown.items()
    }


def parse_amount(value: Any, convention: str | None = None) -> Fraction | str:
    """An amount as a fraction, or the reason it is not one. Cells stored as numbers are
    taken as they are; text may be written ``1.234,5`` (Vietnamese) or ``1,234.5``; one
    separator before exactly three digits (``1.234``) is read by the column's ``convention``
    (:func:`number_conventions`), and not guessed without one."""
    if isinstance(value, bool):
        return "not_a_number"
    if isinstance(value, int | float):
        amount = Fraction(str(value))
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if SHOWS_EXCEL_ERROR.match(text):  # a formula that failed: #DIV/0!
            return "excel_error"
        if re.fullmatch(r"\d{1,3}[.,]\d{3}", text):
            if convention is None:
                return "ambiguous_number"
            # Settled by the column: read as such, not read again as thousands below.
            thousands = "." if convention == "vi" else ","
            text = text.replace(thousands, "") if thousands in text else text.replace(",", ".")
        elif _VIETNAMESE_THOUSANDS.fullmatch(text):
            text = text.replace(".", "").replace(",", ".")
        elif _ENGLISH_THOUSANDS.fullmatch(text):
            text = text.replace(",", "")
        elif re.fullmatch(r"-?\d+,\d+", text):
            text = text.replace(",", ".")
        try:
            amount = Fraction(text)
        except (ValueError, ZeroDivisionError):
            return "not_a_number"
    if amount < 0:
        return "out_of_range"
    return amount


_WRITTEN_DATE = re.compile(r"(?:ngày\s*)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
"""A date as an office writes it in a document: ``ngày 30 tháng 9 năm 2024``."""


def parse_date(value: Any) -> dt.date | str:
    """A cell as a date: a workbook's date, ``30/09/2024`` (also with ``-`` or ``.``),
    ``2024-09-30`` (with a time of day too, as a table exported to CSV writes it), or
    ``ngày 30 tháng 9 năm 2024``; otherwise ``not_a_date``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    if SHOWS_EXCEL_ERROR.match(text):
        return "excel_error"
    written = _WRITTEN_DATE.fullmatch(text.casefold())
    if written:
        day, month, year = (int(part) for part in written.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return "not_a_date"
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return "not_a_date"


def parse_integer(value: Any) -> int | str:
    amount = parse_amount(value)
    if isinstance(amount, str):
        return amount
    if amount.denominator != 1:
        return "not_an_integer"
    return int(amount)

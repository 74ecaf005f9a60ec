"""A workbook's cells as gnbv reads them: as text, numbers at the precision Excel shows."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from gnbv.core.contract.columns import SIGNIFICANT_DIGITS


def as_excel_shows(value: float) -> float:
    """A workbook's number at the precision Excel keeps and shows
    (:data:`gnbv.core.contract.columns.SIGNIFICANT_DIGITS`): a sum of amounts with one decimal,
    9864.199999999999, is the 9864.2 on the screen (and not less than a disbursement of
    9864.2 typed beside it)."""
    return value if value.is_integer() else float(f"{value:.{SIGNIFICANT_DIGITS}g}")


def cell_text(value: object) -> str:
    """A cell as text, a number as Excel shows it (a whole number without its ".0")."""
    if value is None:
        return ""
    if value.__class__ is float:
        value = as_excel_shows(value)
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def is_number(value: object) -> bool:
    return value.__class__ is float or value.__class__ is int


def blank(value: object) -> bool:
    return value is None or value == "" or (value.__class__ is str and not value.strip())


def texts(values: list[Any]) -> list[str]:
    """Cells of a sheet as text (most are text already: only the others are converted)."""
    return [value if value.__class__ is str else cell_text(value) for value in values]

"""Which sheet of a workbook holds the census: the one ``--sheet`` names, as a person types
it, else the first; refused, naming the sheets, when the households are on another sheet
(after a guide) or on several (a sheet per commune)."""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import Any

from gnbv.core.contract.mapping import ColumnMapping
from gnbv.core.contract.units import unit_key, unmarked
from gnbv.errors import CensusReadError
from gnbv.read.cells import blank, texts
from gnbv.read.columns import map_header, table_layout
from gnbv.read.layout import ROWS_LOOKED_AT


def refuse_other_sheet(
    path: Path, workbook: Any, first: str, required: list[str], mapping: ColumnMapping | None
) -> None:
    """Raise, naming it, if a sheet after the first holds the census's households: a workbook
    often opens on a guide ("Hướng dẫn") with the households on the next sheet."""
    for name in _other_census_sheets(path, workbook, first, required, mapping):
        raise CensusReadError(
            f"{path}: the first sheet {first!r} holds no census; the sheet {name!r} does",
            hint=f'give that sheet with --sheet "{name}"',
            key="err_census_on_sheet",
            params={"path": path, "first": first, "sheet": name, "option": "--sheet"},
        )


def refuse_several_censuses(
    path: Path, workbook: Any, first: str, required: list[str], mapping: ColumnMapping | None
) -> None:
    """Raise if other sheets than the first hold households too: a district's workbook with
    a sheet per commune, or the poor households copied to a sheet of their own. Reading the
    first alone would report part of the census as if it were all of it, and reading every
    one could count a household twice: which rows are the census is the office's call."""
    others = _other_census_sheets(path, workbook, first, required, mapping)
    if others:
        sheets = ", ".join(repr(name) for name in [first, *others])
        raise CensusReadError(
            f"{path}: {len(others) + 1} sheets hold households ({sheets}); gnbv reads one",
            hint=f"put the census's households on one sheet and give it with --sheet, "
            f'or give one sheet with --sheet "{first}"',
            key="err_census_on_several_sheets",
            params={
                "path": path,
                "count": len(others) + 1,
                "sheets": sheets,
                "first": first,
                "option": "--sheet",
            },
        )


def _other_census_sheets(
    path: Path, workbook: Any, first: str, required: list[str], mapping: ColumnMapping | None
) -> list[str]:
    """The visible sheets other than ``first`` whose first rows hold the census's header and
    a row under it (a blank template sheet is not a census)."""
    from python_calamine import SheetVisibleEnum

    try:
        hidden = {
            meta.name
            for meta in workbook.sheets_metadata
            if meta.visible != SheetVisibleEnum.Visible
        }
    except Exception:  # a format whose sheets' visibility calamine does not know: all shown
        hidden = set()
    found = []
    for name in workbook.sheet_names:
        if name == first or name in hidden:
            continue
        try:
            head = [
                texts(row)
                for row in islice(workbook.get_sheet_by_name(name).iter_rows(), ROWS_LOOKED_AT)
            ]
            layout = table_layout(
                path, [row if any(c.strip() for c in row) else [] for row in head], mapping
            )
            map_header(path, layout.header, required, mapping)
        except Exception:  # not the census (or a sheet calamine cannot read): the next one
            continue
        if any(not all(map(blank, row)) for row in head[layout.rows_before_data :]):
            found.append(name)
    return found


def sheet_title(path: Path, names: list[str], sheet: str | None) -> str:
    """The sheet ``--sheet`` names (the first without it), as a person types its name:
    in any case (Excel's sheet names are), spaces around, letters typed decomposed, or
    without Vietnamese marks where one sheet is so written ("trần phú", "Tran Phu")."""
    if sheet is None:
        return names[0]
    if sheet in names:
        return sheet
    for fold in (unit_key, unmarked):
        alike = [name for name in names if fold(name) == fold(sheet)]
        if len(alike) == 1:
            return alike[0]
    raise CensusReadError(
        f"{path}: no sheet {sheet!r}; sheets: {', '.join(names)}",
        hint="give the sheet that holds the census with --sheet",
        key="err_no_sheet",
        params={"path": path, "sheet": sheet, "sheets": ", ".join(names), "option": "--sheet"},
    )

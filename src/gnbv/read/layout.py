"""Where a census table starts: the header row, found rather than assumed to be the first.

Forms made in a district office put a title, the unit and a date above the header, sometimes
a group heading merged over several columns (two header rows: "Thiếu hụt" over "Việc làm",
"Y tế", ...), and a row of column numbers ``(1) (2) (3)`` under it. The layout is decided once,
from the first rows of the file (CSV or sheet), and said in the report: which row is the
header, which rows were skipped above and below it. Row numbers in every report stay the
file's own (as a spreadsheet numbers them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gnbv.core.contract.headers import contract_column, without_column_number

ROWS_LOOKED_AT = 40
"""The header is looked for among the file's first rows only."""
_COLUMN_NUMBER = re.compile(r"\(?\s*\d{1,3}\s*\)?")


@dataclass(frozen=True)
class TableLayout:
    header: list[str]
    """The column names, one per column (two header rows joined: "Thiếu hụt Việc làm")."""
    header_rows: tuple[int, ...]
    """Row numbers (from 1, counting blank rows) of the header: one row or two."""
    numbers_row: int | None = None
    """The row of column numbers ``(1) (2) …`` under the header, skipped."""
    header_cells: tuple[tuple[str, ...], ...] = ()
    """A two-row header's rows as written, cell by cell (a file joined under the first
    repeats them); empty for a one-row header, which is ``header``."""
    line_breaks_above: int = 0
    """Line breaks inside the cells of the rows above the first household (a header typed
    on two lines with Alt+Enter, saved by Excel): a reader that skips lines, not rows, skips
    these too."""
    header_errors: tuple[tuple[int, str], ...] = ()
    """Header cells showing an Excel error (column number from 1, the error shown: a name
    made by a formula that failed): read as blank, so the column under one is not read."""

    @property
    def first_data_row(self) -> int:
        return (self.numbers_row or self.header_rows[-1]) + 1

    @property
    def rows_before_data(self) -> int:
        """Rows (blank ones too) a reader skips before the first household."""
        return self.first_data_row - 1

    @property
    def plain(self) -> bool:
        """The header is the first row and the households follow it."""
        return self.first_data_row == 2

    def texts_of(self, renames: Mapping[str, str]) -> dict[str, list[str]]:
        """Each column's header texts as the file writes them, by canonical name (``renames``:
        header -> canonical name): its header (two rows joined: "Thiếu hụt Việc làm") and,
        under a two-row header, each row's cell ("Thiếu hụt", "Việc làm"). A file joined
        under the first repeats them."""
        texts: dict[str, list[str]] = {}
        for written, canonical in renames.items():
            at = self.header.index(written)
            cells = [row[at] for row in self.header_cells if at < len(row) and row[at]]
            texts[canonical] = [written, *cells]
        return texts

    def decisions(self) -> list[dict[str, object]]:
        """What was decided, for the report (nothing for a plain table whose header cells
        all show a name)."""
        found: list[dict[str, object]] = []
        if not self.plain:
            found.append({"code": "header_row", "rows": list(self.header_rows)})
        if self.numbers_row is not None:
            found.append({"code": "column_numbers_row", "row": self.numbers_row})
        if self.header_errors:
            cells = [{"column": number, "shown": shown} for number, shown in self.header_errors]
            found.append({"code": "header_cells_excel_error", "cells": cells})
        return found


def _known(name: str, lookup: Mapping[str, str]) -> bool:
    return contract_column(name, lookup) is not None


def _joined(top: Sequence[str], below: Sequence[str], lookup: Mapping[str, str]) -> list[str]:
    """Two header rows as one: a group heading (merged: written in its first cell only) and
    the names under it. Each column takes the first of these that gnbv knows: the name
    under, the group heading and the name under (without its number), its own cell above;
    else what is written."""
    width = max(len(top), len(below))
    names: list[str] = []
    group = ""
    for number in range(width):
        own = top[number].strip() if number < len(top) else ""
        under = below[number].strip() if number < len(below) else ""
        group = own or group
        # "Thiếu hụt" over "1.1 Việc làm": the indicator's number is no part of the name;
        # a row of column numbers under a header joins nothing ("Mã hộ" over "(1)")
        named = "" if _COLUMN_NUMBER.fullmatch(under) else without_column_number(under)
        candidates = [under, f"{group} {named}" if group and named else "", own]
        chosen = next((name for name in candidates if name and _known(name, lookup)), None)
        names.append(chosen if chosen is not None else (under or own))
    return names


def find_layout(rows: Sequence[Sequence[str]], lookup: Mapping[str, str]) -> TableLayout:
    """The header among the first rows: the row (or pair of rows) naming the most census
    columns; the first row when none names any (the error then lists what is missing).

    ``rows`` are the file's first rows split into cells, blank rows as empty lists, in order;
    ``lookup`` maps accepted headers (normalised) to census columns.
    """
    rows = [list(row) for row in rows[:ROWS_LOOKED_AT]]
    if not rows:
        return TableLayout([], (1,))
    singles = [sum(_known(cell, lookup) for cell in row) for row in rows]
    best: tuple[int, int, list[str], tuple[int, ...]] | None = None
    for index, row in enumerate(rows):
        single = singles[index]
        if single and (best is None or single > best[0]):
            best = (single, index, [cell.strip() for cell in row], (index + 1,))
        if index + 1 < len(rows):
            # Two rows only when together they name more columns than either alone.
            joined = _joined(row, rows[index + 1], lookup)
            score = sum(_known(name, lookup) for name in joined)
            if score > max(single, singles[index + 1]) and (best is None or score > best[0]):
                best = (score, index, joined, (index + 1, index + 2))
    if best is None:
        first = next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), 0)
        return TableLayout([cell.strip() for cell in rows[first]], (first + 1,))
    _, _, header, header_rows = best
    after = header_rows[-1]  # index of the row under the header
    numbers_row = None
    if after < len(rows):
        cells = [cell.strip() for cell in rows[after] if cell.strip()]
        if len(cells) >= 2 and all(_COLUMN_NUMBER.fullmatch(cell) for cell in cells):
            numbers_row = after + 1
    written = tuple(tuple(cell.strip() for cell in rows[row - 1]) for row in header_rows)
    return TableLayout(header, header_rows, numbers_row, written if len(written) > 1 else ())

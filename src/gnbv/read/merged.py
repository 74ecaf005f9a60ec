"""Cells merged over several rows of a sheet's table (a district or a commune written once
for all its households, as offices lay out their forms): each row of such a cell is given
its value, as a person reading the sheet sees it. Excel keeps the value in the top cell
only; the cells under it read as blank, which would set every row but the first aside."""

from __future__ import annotations

from typing import Any

MergedRange = tuple[tuple[int, int], tuple[int, int]]
"""A merged cell as calamine gives it: (top row, left column), (bottom row, right column),
numbered from 0."""


class MergedCells:
    """The sheet's cells merged over several rows below its header, filled row by row as
    the rows are read in order (a range may span batches)."""

    def __init__(self, ranges: list[MergedRange], first_data_row: int) -> None:
        # Excel numbers rows from 1; a cell merged within one row (a totals row's label
        # over three columns) is left as it is.
        self.ranges = sorted(
            (top + 1, left, bottom + 1, right)
            for (top, left), (bottom, right) in ranges
            if bottom > top and top + 1 >= first_data_row
        )
        self._next = 0
        self._open: list[tuple[int, int, int, Any]] = []  # bottom row, columns, value

    def columns_named(self, header: list[str], renames: dict[str, str]) -> list[str]:
        """The census columns (by ``renames``, header name to column) holding such cells,
        in the sheet's order."""
        positions = {p for _, left, _, right in self.ranges for p in range(left, right + 1)}
        return [
            renames[header[p]]
            for p in sorted(positions)
            if p < len(header) and header[p] in renames
        ]

    def fill(self, number: int, values: list[Any]) -> list[Any]:
        """Row ``number`` (as Excel numbers it) with its merged cells' values; every row
        must be passed, in order, blank ones too."""
        if not self._open and self._next == len(self.ranges):
            return values  # no merged cell over this row or below it
        while self._next < len(self.ranges) and self.ranges[self._next][0] <= number:
            top, left, bottom, right = self.ranges[self._next]
            self._next += 1
            if top == number:  # the value is in the range's top left cell
                value = values[left] if left < len(values) else None
                self._open.append((bottom, left, right, value))
        self._open = [cell for cell in self._open if cell[0] >= number]
        if not self._open:
            return values
        filled = list(values)
        for _, left, right, value in self._open:
            if len(filled) <= right:
                filled += [""] * (right + 1 - len(filled))
            filled[left : right + 1] = [value] * (right + 1 - left)
        return filled

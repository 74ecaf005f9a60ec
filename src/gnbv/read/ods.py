"""LibreOffice's .ods workbooks: what calamine does not give of them, their merged cells and
the cells that show an error (``#DIV/0!``; calamine gives them blank)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from gnbv.read.merged import MergedRange
from gnbv.read.xlsx_errors import ErrorCells

_CHUNK = 8 << 20
"""Bytes of the sheet's XML scanned at a time."""
_TAG = re.compile(
    rb"<table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*)>|</table:table>"
)
_SHOWN = re.compile(rb"\s*<text:p>([^<]*)</text:p>")
"""The text a cell shows, right after its tag."""
_COUNTS = re.compile(
    rb'table:number-(rows-spanned|columns-spanned|columns-repeated|rows-repeated)="(\d+)"'
)


def ods_marks(path: Path, sheet: int) -> tuple[list[MergedRange], ErrorCells]:
    """The merged cells of an OpenDocument sheet (LibreOffice's .ods) and its cells showing
    an error, which calamine does not give: each cell's rows and columns spanned, placed by
    counting the sheet's rows and cells (repeated ones as often as they repeat). The sheet's
    XML is scanned a chunk at a time (87 MB for 47,000 households: about a second)."""
    ranges: list[MergedRange] = []
    errors: ErrorCells = {}
    table, row, column, repeats = -1, -1, 0, 0
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        rest = b""
        while True:
            chunk = content.read(_CHUNK)
            data = rest + chunk
            # No row is cut in two (a cell's tag and the text it shows are read together).
            row_start = data.rfind(b"<table:table-row")
            cut = (row_start if row_start > 0 else data.rfind(b"<")) if chunk else len(data)
            data, rest = data[:cut], data[cut:]
            for match in _TAG.finditer(data):
                kind, attributes = match.group(1), match.group(2)
                if kind is None:  # the end of a sheet
                    if table == sheet:
                        return ranges, errors
                    continue
                counts = (
                    {name.decode(): int(n) for name, n in _COUNTS.findall(attributes)}
                    if b"number-" in attributes
                    else {}
                )
                if kind == b"table":
                    table, row, repeats = table + 1, -1, 0
                elif table != sheet:
                    continue
                elif kind == b"table-row":  # after the rows the one before stood for
                    row, column = row + 1 + repeats, 0
                    repeats = counts.get("rows-repeated", 1) - 1
                else:
                    rows = counts.get("rows-spanned", 1)
                    columns = counts.get("columns-spanned", 1)
                    if rows > 1 or columns > 1:
                        ranges.append(((row, column), (row + rows - 1, column + columns - 1)))
                    if b'value-type="error"' in attributes:
                        shown = _SHOWN.match(data, match.end())
                        text = shown.group(1).decode() if shown else "#VALUE!"
                        shown_in = errors.setdefault(row + 1, {})
                        for repeated in range(counts.get("columns-repeated", 1)):
                            shown_in[column + repeated] = text
                    column += counts.get("columns-repeated", 1)
            if not chunk:
                return ranges, errors

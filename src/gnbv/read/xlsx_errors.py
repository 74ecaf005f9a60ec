"""The cells of an .xlsx sheet that show an Excel error (``#DIV/0!``, ``#N/A``, ``#REF!``).

calamine gives such a cell as a blank one, and a blank cell is an unknown that the rules
may accept (no start-of-period status, no count of insured members): a formula that failed
would be read as a cell left empty, and the household counted. gnbv reads the cell as Excel
shows it, as a CSV file saved by Excel writes it, so that the rules set its row aside
(``excel_error``) and the rejects file shows the error to mend.

The same look finds the formulas whose value the file does not hold (a workbook written by a
program, never opened in Excel: Excel computes them when it opens the file, calamine gives
them blank), which the reader refuses where the census reads them.

The sheet's XML is read a second time for this, in one pass over its bytes that looks for
an error cell's mark (``t="e"``) or a formula's without a value; only a sheet that has one
is parsed. An .ods's error cells
are found as its merged cells are (:func:`gnbv.read.ods.ods_marks`); an .xls's, in Excel
97-2003's binary format, by :mod:`gnbv.read.xls_errors`.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import iterparse

ErrorCells = dict[int, dict[int, str]]
"""Per row (numbered as Excel numbers it), per column (0 for column A), the error shown."""

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CHUNK = 1 << 20
_REFERENCE = re.compile(r"^([A-Z]{1,3})(\d+)$")


@dataclass
class SheetMarks:
    """What calamine gives blank on a sheet: the cells showing an error, and the formulas
    whose value the file does not hold (row numbered as Excel numbers it, column 0 for A)."""

    errors: ErrorCells = field(default_factory=dict)
    uncomputed: list[tuple[int, int, str]] = field(default_factory=list)
    """Row, column and the cell's reference as Excel writes it ("F2")."""


def sheet_marks(path: Path, sheet_index: int) -> SheetMarks:
    """The marks of the workbook's sheet number ``sheet_index`` (in the workbook's order, as
    calamine lists them); none for a workbook that is not an .xlsx (an .xls, an .ods) or
    whose parts cannot be found (calamine read it: nothing to add)."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet_index)
            if part is None:
                return SheetMarks()
            with archive.open(part) as stream:
                if not _has_mark(stream):
                    return SheetMarks()
            with archive.open(part) as stream:
                return _marks(stream)
    except (zipfile.BadZipFile, KeyError, OSError, SyntaxError):
        return SheetMarks()


def with_errors_shown(
    rows: Iterator[list[Any]], errors: ErrorCells, shift: int
) -> Iterator[list[Any]]:
    """The sheet's rows (from its row 1) with each error cell's text in its place; calamine's
    rows start at the sheet's first used column, ``shift`` (0 for column A)."""
    for number, row in enumerate(rows, start=1):
        shown = errors.get(number)
        if shown:
            row = list(row)
            for column, text in shown.items():
                place = column - shift
                if place < 0:  # left of the cells calamine gives (none, as it counts them)
                    continue
                if place >= len(row):
                    row.extend([""] * (place + 1 - len(row)))
                row[place] = text
        yield row


def _sheet_part(archive: zipfile.ZipFile, sheet_index: int) -> str | None:
    """The name of the sheet's XML part inside the workbook's zip."""
    sheets = [
        element.get(_RELATIONSHIP)
        for _, element in iterparse(archive.open("xl/workbook.xml"))
        if element.tag == f"{_MAIN}sheet"
    ]
    if sheet_index >= len(sheets):
        return None
    targets = {
        element.get("Id"): element.get("Target")
        for _, element in iterparse(archive.open("xl/_rels/workbook.xml.rels"))
        if element.get("Id") is not None
    }
    target = targets.get(sheets[sheet_index])
    if not target:
        return None
    # A target is relative to xl/ ("worksheets/sheet1.xml") or from the zip's root.
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")


_MARKS = (b't="e"', b"t='e'", b"</f></c>", b"</f><v/>", b"</f><v />", b"</f><v></v>", b'"/></c>')
"""An error cell's type; a formula closed with no value after it, or with an empty one (a
shared formula's ``<f t="shared" si="0"/>`` closes itself: ``"/></c>``)."""


def _has_mark(stream: IO[bytes]) -> bool:
    """Whether one of :data:`_MARKS` occurs in the sheet's XML (read in chunks that overlap
    by a few bytes, so that a mark across two of them is seen). Looked for as bytes, not with
    a pattern: a pattern took 0.6 s over a sheet of 47,000 households (81 MB), this 0.1 s
    beside the 0.12 s of inflating it; the parse that follows reads the cells themselves."""
    tail = b""
    while chunk := stream.read(_CHUNK):
        data = tail + chunk
        if any(mark in data for mark in _MARKS):
            return True
        tail = chunk[-16:]
    return False


def _marks(stream: IO[bytes]) -> SheetMarks:
    """The sheet's error cells and formulas without a value, from its XML (elements cleared
    as they are read). A formula whose text result is empty (``t="str"``, ``<v></v>``) has
    its value: nothing."""
    found = SheetMarks()
    rows = None
    for event, element in iterparse(stream, events=("start", "end")):
        if event == "start":
            if element.tag == f"{_MAIN}sheetData":
                rows = element
        elif element.tag == f"{_MAIN}row" and rows is not None:
            rows.clear()  # the rows read: a sheet of a million rows is not held
        elif element.tag == f"{_MAIN}c":
            place = _REFERENCE.match(element.get("r") or "")
            if place is None:
                continue
            row, column = int(place.group(2)), _column_index(place.group(1))
            if element.get("t") == "e":
                shown = element.findtext(f"{_MAIN}v") or "#VALUE!"
                found.errors.setdefault(row, {})[column] = shown
            elif element.find(f"{_MAIN}f") is not None:
                value = element.find(f"{_MAIN}v")
                if value is None or (not value.text and element.get("t") != "str"):
                    found.uncomputed.append((row, column, place.group(0)))
    return found


def _column_index(letters: str) -> int:
    """``A`` is 0, ``Z`` 25, ``AA`` 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1

"""A web page saved under a workbook's name: the HTML table some software's "export to Excel"
writes as ``.xls``, which Excel opens after a warning. Its tables are read as one sheet of
text cells, their rows one under another (a title's table, then the households'), a cell
spanning several columns or rows as Excel shows it: its text in the first cell, the span a
merged range (:mod:`gnbv.read.merged` gives a cell merged down to each row).

The page is parsed with the standard library's HTML parser, whole: such exports are the
size of a sheet.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from gnbv.errors import CensusReadError
from gnbv.read.encoding import written_in_cp1258
from gnbv.read.merged import MergedRange

LARGEST_SPAN = 1000
"""Columns or rows a cell may span (a page's typo, colspan="100000", is cut to it)."""
SPAN = re.compile(r"\s*(\d+)")
CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""")
LINE_BREAK = "\x00"
"""A ``<br>`` inside a cell, kept apart from the page's own line breaks (which are spaces)."""


class WebPage:
    """The page as calamine's workbook is used: one sheet, named by the page's title."""

    def __init__(self, title: str, rows: list[list[str]], merged: list[MergedRange]) -> None:
        self.sheet_names = [title]
        self.sheets_metadata: list[Any] = []
        self._sheet = WebPageSheet(title, rows, merged)

    def get_sheet_by_name(self, name: str) -> WebPageSheet:
        return self._sheet


class WebPageSheet:
    def __init__(self, name: str, rows: list[list[str]], merged: list[MergedRange]) -> None:
        self.name = name
        self.start = (0, 0)
        self.merged_cell_ranges = merged
        self._rows = rows

    def iter_rows(self) -> Iterator[list[str]]:
        return iter(self._rows)


def read_web_page(path: Path) -> WebPage:
    """The page at ``path`` (its encoding from its mark or its ``charset``, else UTF-8, else
    cp1258 when it holds Vietnamese so written), or its refusal when it holds no table or
    cannot be decoded."""
    data = path.read_bytes()
    text = _decoded(path, data)
    parser = _Tables()
    parser.feed(text)
    parser.close()
    if not parser.rows:
        raise _refusal(path)
    title = " ".join(parser.title.split()) or path.stem
    return WebPage(title, parser.rows, parser.merged)


def _decoded(path: Path, data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    declared = CHARSET.search(data[:4096])
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode(codecs.lookup(encoding).name)
    except (LookupError, UnicodeDecodeError):
        # A page that says no charset, in Windows' Vietnamese code page, as a CSV may be
        if declared is None and written_in_cp1258(path):
            return data.decode("cp1258", errors="replace")
        raise _refusal(path) from None


def _refusal(path: Path) -> CensusReadError:
    return CensusReadError(
        f"{path}: this is a web page (an HTML page, as some software exports to Excel) with no "
        "table gnbv can read",
        hint="open it in Excel and save it as an Excel workbook (.xlsx): File > Save As > "
        "Excel Workbook",
        key="err_web_page_named_workbook",
        params={"path": path},
    )


class _Tables(HTMLParser):
    """The rows of a page's tables, one under another, as a sheet's grid: each cell's text
    (runs of spaces as one, ``<br>`` a line break) in its first cell, the cells it spans
    blank and recorded as a merged range. A table inside a cell is that cell's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.merged: list[MergedRange] = []
        self.title = ""
        self._depth = 0
        self._in_title = False
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._taken: dict[tuple[int, int], None] = {}  # (row, column) under a span from above

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag == "table":
            self._depth += 1
        elif self._depth != 1:
            if tag == "br" and self._cell is not None:
                self._cell.append(LINE_BREAK)
        elif tag == "tr":
            self._end_row()
            self.rows.append([])
        elif tag in ("td", "th"):
            self._end_cell()
            if not self.rows:
                self.rows.append([])
            if attrs:  # most cells have none: a page's cells are many
                values = dict(attrs)
                self._span = (_span(values.get("rowspan")), _span(values.get("colspan")))
            else:
                self._span = (1, 1)
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(LINE_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "table":
            if self._depth == 1:
                self._end_row()
            self._depth = max(0, self._depth - 1)
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self._depth == 1 and tag == "tr":
            self._end_row()

    def _end_row(self) -> None:
        """The last row's open cell, and the cells a span from above takes at its end."""
        self._end_cell()
        if self.rows:
            row = self.rows[-1]
            while (len(self.rows) - 1, len(row)) in self._taken:
                row.append("")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif self._cell is not None and self._depth >= 1:
            self._cell.append(data)

    def _end_cell(self) -> None:
        if self._cell is None:
            return
        text = " ".join("".join(self._cell).split())  # the page's line breaks are spaces
        if LINE_BREAK in text:
            text = text.replace(f" {LINE_BREAK} ", "\n").replace(LINE_BREAK, "\n").strip()
        self._cell = None
        row_number = len(self.rows) - 1
        row = self.rows[row_number]
        column = len(row)
        while (row_number, column) in self._taken:
            row.append("")
            column += 1
        rows, columns = self._span
        row.append(text)
        if columns == rows == 1:
            return
        row.extend([""] * (columns - 1))
        for below in range(row_number + 1, row_number + rows):
            for spanned in range(column, column + columns):
                self._taken[(below, spanned)] = None
        if rows > 1 or columns > 1:
            self.merged.append(
                ((row_number, column), (row_number + rows - 1, column + columns - 1))
            )


def _span(value: str | None) -> int:
    """A cell's rowspan or colspan: a whole number from 1 to :data:`LARGEST_SPAN`."""
    digits = SPAN.match(value or "")
    return min(max(int(digits.group(1)), 1), LARGEST_SPAN) if digits else 1

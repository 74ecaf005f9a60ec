"""Excel workbooks an office prints, signs and sends: the review's forms laid out on A4
landscape, fit to the page's width, with a title block, grouped headers, numbered columns,
header rows repeated on every page and a signature block; numbers stored as numbers with
number formats (rates as percentages), and text never run as a formula."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gnbv.io.writers import FORMULA_STARTS, atomic_write, writing_to
from gnbv.io.xlsx_pages import (
    DEFAULT_ROW_POINTS,
    SIDE_MARGIN_INCHES,
    TOP_MARGIN_INCHES,
    break_before_signatures,
)
from gnbv.render.chart import ChartLine
from gnbv.render.forms.model import Cell, Form, FormRow, Heading, Typed
from gnbv.render.labels import label

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

NUMBER_FORMATS = {"int": "#,##0", "pct": "0.00%", "num": "#,##0.00", "text": "@"}
HEADER_ROW = 7
"""The forms' first header row: the title block stands above it."""
MAX_TEXT_WIDTH = 45
NUMBER_WIDTH = 11


def write_forms(
    path: Path,
    forms: list[Form],
    heading: Heading,
    charts: list[ChartLine] | None = None,
    chart_title: str = "",
) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    looks = _TableLooks(workbook)
    for form in forms:
        _write_form(workbook.create_sheet(title=form.sheet[:31]), form, heading, looks)
    if charts:
        _write_charts(workbook.create_sheet(title=chart_title[:31] or "Chart"), charts, heading)

    def save(temporary: Path) -> None:
        with writing_to(path):
            workbook.save(temporary)

    atomic_write(path, save)


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "bold": Font(bold=True),
        "italic": Font(italic=True),
        "title": Font(bold=True, size=13),
        "fill": PatternFill("solid", fgColor="E7E6E6"),
        "centre": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "wrap": Alignment(vertical="top", wrap_text=True),
        "number": Alignment(vertical="top"),
    }


class _TableLooks:
    """The looks of a table's cells (border, bold for a total, alignment, number format),
    each a named style of the workbook, so that a cell takes its look in one step: set
    attribute by attribute, each value was compared with every one the workbook holds (about
    two thirds of the time a province's forms took to write). Excel lists the looks among
    its cell styles."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.style = _styles()
        self.names: dict[tuple[bool, str | None, int], str] = {}

    def name(self, total: bool, kind: str | None, indent: int) -> str:
        """The look of a cell of a total row or not, holding text (``kind`` "str"), a number
        of a kind of :data:`NUMBER_FORMATS`, or nothing (None)."""
        key = (total, kind, indent)
        if key not in self.names:
            from openpyxl.styles import Alignment, NamedStyle
            from openpyxl.styles.fonts import DEFAULT_FONT

            look = NamedStyle(name=f"gnbv {len(self.names) + 1}")
            look.border = self.style["border"]
            look.font = self.style["bold"] if total else DEFAULT_FONT
            if kind == "str":
                look.alignment = Alignment(vertical="top", wrap_text=True, indent=indent)
            elif kind is not None:
                look.number_format = NUMBER_FORMATS[kind]
                look.alignment = self.style["number"]
            self.workbook.add_named_style(look)
            self.names[key] = look.name
        return self.names[key]


def _merged(sheet: Worksheet, row: int, first: int, last: int, text: str, font: Any) -> None:
    from openpyxl.styles import Alignment

    cell = sheet.cell(row=row, column=first, value=text)
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _write_form(sheet: Worksheet, form: Form, heading: Heading, looks: _TableLooks) -> None:
    style = _styles()
    width = len(form.columns)
    half = _right_half(width)
    widths = _column_widths(sheet, form)
    left, right, whole = sum(widths[: half - 1]), sum(widths[half - 1 :]), sum(widths)
    # Title block: the office on the left, the state's heading on the right, the form's name;
    # each row as tall as its text wrapped in its cells (a narrow form's name of the office
    # takes several lines, and a spreadsheet does not grow the row for them).
    republic, motto = label("form_republic", heading.lang), label("form_motto", heading.lang)
    _merged(sheet, 1, 1, half - 1, heading.issuer, style["bold"])
    _merged(sheet, 1, half, width, republic, style["bold"])
    _fit(sheet, 1, 30, (heading.issuer, left, BOLD), (republic, right, BOLD))
    _merged(sheet, 2, half, width, motto, style["bold"])
    _fit(sheet, 2, 15, (motto, right, BOLD))
    title = f"{form.title} {label('form_year', heading.lang, year=heading.year)}"
    _merged(sheet, 4, 1, width, title, style["title"])
    _fit(sheet, 4, 36, (title, whole, TITLE))
    _merged(sheet, 5, 1, width, heading.subtitle(), style["italic"])
    _fit(sheet, 5, 15, (heading.subtitle(), whole, 1.0))
    _write_header(sheet, form, style)
    _fit_header(sheet, form, widths)
    first_data = HEADER_ROW + 3
    for offset, row in enumerate(form.rows):
        _write_row(sheet, first_data + offset, form, row, looks)
    last = first_data + len(form.rows) - 1
    below = last + 2
    for note in form.notes:
        _merged(sheet, below, 1, width, note, style["italic"])
        sheet.cell(row=below, column=1).alignment = style["wrap"]
        # A long note wraps within the merged row, which must grow (or it prints over the next)
        lines = math.ceil(len(note) / max(sum(widths) - 2, 1))
        if lines > 1:
            sheet.row_dimensions[below].height = 15 * lines
        below += 1
    _signature(sheet, below + 1, widths, heading, style)
    _row_heights(sheet, form, widths, first_data)
    _page_setup(sheet)
    _keep_signatures_with_table(sheet, widths, range(first_data, last + 1))


def _write_header(sheet: Worksheet, form: Form, style: dict[str, Any]) -> None:
    """Two header rows (a group's heading merged over its columns, a lone column's header
    merged down both) and a row of column numbers (1) (2) …"""
    top, bottom, numbers = HEADER_ROW, HEADER_ROW + 1, HEADER_ROW + 2
    position = 1
    while position <= len(form.columns):
        column = form.columns[position - 1]
        if not column.group:
            sheet.cell(row=top, column=position, value=column.header)
            sheet.merge_cells(
                start_row=top, start_column=position, end_row=bottom, end_column=position
            )
            position += 1
            continue
        end = position
        while end < len(form.columns) and form.columns[end].group == column.group:
            end += 1
        sheet.cell(row=top, column=position, value=column.group)
        if end > position:
            sheet.merge_cells(start_row=top, start_column=position, end_row=top, end_column=end)
        for index in range(position, end + 1):
            sheet.cell(row=bottom, column=index, value=form.columns[index - 1].header)
        position = end + 1
    for index in range(1, len(form.columns) + 1):
        sheet.cell(row=numbers, column=index, value=f"({index})")
        for row in (top, bottom, numbers):
            cell = sheet.cell(row=row, column=index)
            cell.font = style["bold"] if row != numbers else style["italic"]
            cell.alignment = style["centre"]
            cell.border = style["border"]
            cell.fill = style["fill"]


def _fit_header(sheet: Worksheet, form: Form, widths: list[float]) -> None:
    """The header rows tall enough for each header wrapped in its column's width: a group's
    column has the second row, a lone column both (the first row holds the group's name)."""
    top, bottom = HEADER_ROW, HEADER_ROW + 1
    sheet.row_dimensions[top].height = 30
    needed = [
        _wrapped_height(c.header, w, BOLD) - (0 if c.group else 30)
        for c, w in zip(form.columns, widths, strict=True)
    ]
    sheet.row_dimensions[bottom].height = max([45, *needed])


def _write_row(sheet: Worksheet, number: int, form: Form, row: FormRow, looks: _TableLooks) -> None:
    for index, (column, given) in enumerate(zip(form.columns, row.cells, strict=True), start=1):
        value: Cell = given.value if isinstance(given, Typed) else given
        kind = given.kind if isinstance(given, Typed) else column.kind
        cell = sheet.cell(row=number, column=index)
        if value is None:
            cell.style = looks.name(row.total, None, 0)
            continue
        if isinstance(value, str):
            cell.style = looks.name(row.total, "str", row.level if index == 2 else 0)
        else:
            cell.style = looks.name(row.total, kind, 0)
        if kind == "pct" and isinstance(value, int | float):
            cell.value = float(value) / 100.0  # stored as a fraction, shown as 2.63%
        elif kind in ("int", "num") and isinstance(value, int | float):
            cell.value = value
        else:
            text = str(value)
            cell.value = text
            # Text, not a formula Excel would run, nor an error cell ("#N/A", which
            # openpyxl types as one): a cell set aside is shown as it was written
            if text.startswith(FORMULA_STARTS) or cell.data_type == "e":
                cell.data_type = "s"
                cell.quotePrefix = True


BOLD = 1.3
"""How much wider a bold capital is than a column width's unit (a digit of the body font)."""
TITLE = 1.6
"""The same for the form's title (bold, 13 points)."""


def _fit(sheet: Worksheet, row: int, least: float, *texts: tuple[str, float, float]) -> None:
    """Make ``row`` tall enough for each (text, width of its merged cells, how much wider
    its font's letters are) wrapped: 15 points a line (18 for the title's font), at least
    ``least``."""
    heights = [_wrapped_height(text, width, scale) for text, width, scale in texts]
    sheet.row_dimensions[row].height = max([least, *heights])


def _wrapped_height(text: str, width: float, scale: float) -> float:
    """Points a text takes wrapped in a width: 15 a line (18 in the title's font)."""
    return (18 if scale >= TITLE else 15) * math.ceil(len(text) * scale / max(width - 1, 1))


def _right_half(width: int) -> int:
    """The first column of the title's and the signatures' right half. The left half takes
    at least two columns: on a narrow form (four or five columns) the office's name and "Người
    lập biểu" were squeezed into the STT column, cut and written over themselves."""
    return max(3, width // 2)


def _signature(
    sheet: Worksheet, row: int, widths: list[float], heading: Heading, style: dict[str, Any]
) -> None:
    lang = heading.lang
    width = len(widths)
    made = heading.made_on
    place_date = label(
        "form_sign_place_date",
        lang,
        place=heading.place,
        day=f"{made.day:02d}",
        month=f"{made.month:02d}",
        year=made.year,
        date=made.strftime("%d %B %Y"),
    )
    half = _right_half(width)
    left, right = sum(widths[: half - 1]), sum(widths[half - 1 :])
    _merged(sheet, row, half, width, place_date, style["italic"])
    _fit(sheet, row, 30, (place_date, right, 1.0))  # two lines over a narrow right half
    maker, head = label("form_sign_maker", lang), label("form_sign_head", lang)
    _merged(sheet, row + 1, 1, half - 1, maker, style["bold"])
    _merged(sheet, row + 1, half, width, head, style["bold"])
    _fit(sheet, row + 1, 15, (maker, left, BOLD), (head, right, BOLD))
    maker, head = label("form_sign_maker_note", lang), label("form_sign_head_note", lang)
    _merged(sheet, row + 2, 1, half - 1, maker, style["italic"])
    _merged(sheet, row + 2, half, width, head, style["italic"])
    _fit(sheet, row + 2, 15, (maker, left, 1.0), (head, right, 1.0))


def _column_widths(sheet: Worksheet, form: Form) -> list[float]:
    """Each column as wide as its content (text up to :data:`MAX_TEXT_WIDTH`, then wrapped)."""
    from openpyxl.utils import get_column_letter

    widths = []
    for index, column in enumerate(form.columns, start=1):
        cells = [row.cells[index - 1] for row in form.rows]
        texts = [str(cell.value if isinstance(cell, Typed) else cell) for cell in cells if cell]
        if index == 1:
            width = 6.0
        elif column.kind == "text":
            longest = max([len(text) for text in texts] + [6])
            width = float(min(MAX_TEXT_WIDTH, longest + 2))
        else:
            width = float(NUMBER_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width
        widths.append(width)
    return widths


def _row_heights(sheet: Worksheet, form: Form, widths: list[float], first: int) -> None:
    """Rows tall enough for their wrapped text: spreadsheets do not grow them on their own."""
    for offset, row in enumerate(form.rows):
        lines = 1
        for cell, width in zip(row.cells, widths, strict=True):
            value = cell.value if isinstance(cell, Typed) else cell
            if isinstance(value, str) and value:
                lines = max(lines, math.ceil(len(value) / max(width - 1, 1)))
        sheet.row_dimensions[first + offset].height = 15 * lines


def _page_setup(sheet: Worksheet) -> None:
    """A4 landscape, every column on one page's width, header rows on every page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 2}"
    sheet.page_margins.left = sheet.page_margins.right = SIDE_MARGIN_INCHES
    sheet.page_margins.top = sheet.page_margins.bottom = TOP_MARGIN_INCHES
    sheet.freeze_panes = f"C{HEADER_ROW + 3}"  # the STT and the unit stay in sight
    sheet.print_options.horizontalCentered = True


def _keep_signatures_with_table(sheet: Worksheet, widths: list[float], table: range) -> None:
    """A page break before the table's last rows when the notes and signatures under it
    would otherwise begin a page of their own (:mod:`gnbv.io.xlsx_pages`)."""
    from openpyxl.worksheet.pagebreak import Break

    heights = [
        (dimension.height if (dimension := sheet.row_dimensions.get(row)) else None)
        or DEFAULT_ROW_POINTS
        for row in range(1, sheet.max_row + 1)
    ]
    titles = range(HEADER_ROW, HEADER_ROW + 3)
    after = break_before_signatures(heights, widths, titles, table)
    if after is not None:
        sheet.row_breaks.append(Break(id=after))


def _write_charts(sheet: Worksheet, lines: list[ChartLine], heading: Heading) -> None:
    """Each source × capital type: its dates and shares disbursed, and a chart of them
    against the straight line from 0 % at the start of the year to 100 % at the deadline."""
    from openpyxl.chart import Reference, ScatterChart, Series

    sheet["A1"] = label("chart_title", heading.lang, year=heading.year)
    sheet["A1"].font = _styles()["title"]
    row = 3
    for index, line in enumerate(lines):
        sheet.cell(row=row, column=1, value=line.title).font = _styles()["bold"]
        header = row + 1
        sheet.cell(row=header, column=1, value=label("p_as_of", heading.lang))
        sheet.cell(row=header, column=2, value=label("chart_actual", heading.lang))
        sheet.cell(row=header, column=3, value=label("chart_straight", heading.lang))
        points = [(line.start, 0.0), *line.points]
        for offset, (day, value) in enumerate(points, start=1):
            sheet.cell(row=header + offset, column=1, value=day).number_format = "dd/mm/yyyy"
            sheet.cell(row=header + offset, column=2, value=value / 100).number_format = "0%"
        straight = header + len(points) + 1
        for offset, (day, value) in enumerate(((line.start, 0.0), (line.deadline, 1.0))):
            sheet.cell(row=straight + offset, column=1, value=day).number_format = "dd/mm/yyyy"
            sheet.cell(row=straight + offset, column=3, value=value).number_format = "0%"
        chart = ScatterChart()
        chart.title = line.title
        chart.style = 13
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
        chart.x_axis.number_format = "dd/mm/yyyy"
        chart.height, chart.width = 7, 14
        actual = Series(
            Reference(sheet, min_col=2, min_row=header + 1, max_row=header + len(points)),
            Reference(sheet, min_col=1, min_row=header + 1, max_row=header + len(points)),
            title=label("chart_actual", heading.lang),
        )
        steady = Series(
            Reference(sheet, min_col=3, min_row=straight, max_row=straight + 1),
            Reference(sheet, min_col=1, min_row=straight, max_row=straight + 1),
            title=label("chart_straight", heading.lang),
        )
        steady.graphicalProperties.line.dashStyle = "dash"
        chart.series += [actual, steady]
        sheet.add_chart(chart, f"E{3 + index * 16}")
        row = max(straight + 3, 3 + (index + 1) * 16)
    for letter, width in (("A", 13), ("B", 18), ("C", 18)):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4

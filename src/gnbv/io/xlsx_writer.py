"""Excel workbooks an officer can print and sign: numbers stored as numbers with number formats,
frozen header rows, columns wide enough, and text never run as a formula."""

from __future__ import annotations

from pathlib import Path

from gnbv.io.writers import FORMULA_STARTS, atomic_write, writing_to
from gnbv.render.tables import PlainTable

NUMBER_FORMATS = {"int": "#,##0", "pct": "0.00%", "num": "0.00", "text": "@"}
MAX_WIDTH = 60


def write_workbook(path: Path, tables: list[PlainTable]) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for table in tables:
        sheet = workbook.create_sheet(title=table.title[:31])
        sheet.append([column.header for column in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [min(MAX_WIDTH, max(8, len(column.header) // 2 + 2)) for column in table.columns]
        for row_number, row in enumerate(table.rows, start=2):
            for column_number, (column, value) in enumerate(
                zip(table.columns, row, strict=True), start=1
            ):
                cell = sheet.cell(row=row_number, column=column_number)
                if value is None:
                    continue
                if column.kind == "pct":
                    cell.value = float(value) / 100.0  # stored as a fraction, shown as 2.63%
                elif column.kind in ("int", "num"):
                    cell.value = value
                else:
                    text = str(value)
                    cell.value = text
                    if text.startswith(FORMULA_STARTS):
                        cell.data_type = "s"  # text, not a formula Excel would run
                        cell.quotePrefix = True
                cell.number_format = NUMBER_FORMATS[column.kind]
                widths[column_number - 1] = min(
                    MAX_WIDTH, max(widths[column_number - 1], len(str(value)) + 2)
                )
        for position, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(position)].width = width
        sheet.freeze_panes = "A2"
        sheet.print_title_rows = "1:1"

    def save(temporary: Path) -> None:
        with writing_to(path):
            workbook.save(temporary)

    atomic_write(path, save)

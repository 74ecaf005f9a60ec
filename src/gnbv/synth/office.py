"""A census written the way a district office writes it, from a canonical census file.

Title, unit and date above the header; Vietnamese headers with the twelve deprivations under a
merged group heading ("Thiếu hụt", two header rows); a row of column numbers ``(1) (2) …``;
districts and communes with ``Huyện``/``Xã`` in front; areas and yes/no in words, yes/no
columns without blanks ticked with ``x`` (blank: no); counts and incomes with dotted thousands
(``5.650.000``, ``950.000``) stored as text; a ``Tổng cộng`` row at the end. CSV in cp1258
(Excel's Vietnamese code page), or .xlsx with the merged cells.

Used to try gnbv on files as offices make them: the report must equal the canonical file's.

    python -m gnbv.synth.office data/households.csv bao_cao.xlsx
"""

from __future__ import annotations

import csv
import io
import sys
import unicodedata
from pathlib import Path

import pandas as pd

from gnbv.core.contract.columns import COLUMN_SPECS

TITLE = ["UBND TỈNH BẮC GIANG", "DANH SÁCH HỘ GIA ĐÌNH RÀ SOÁT NĂM 2024", "Ngày 15/11/2024"]
GROUP = "Thiếu hụt"
_AREAS = {"rural": "Nông thôn", "urban": "Thành thị"}
_STATUS = {
    "poor": "Hộ nghèo",
    "near_poor": "Hộ cận nghèo",
    "middle": "Hộ có mức sống trung bình",
    "non_poor": "Hộ không nghèo",
}


def _header(name: str) -> str:
    words = COLUMN_SPECS[name].vietnamese[0] if COLUMN_SPECS[name].vietnamese else name
    return words[0].upper() + words[1:]


def _thousands(text: str) -> str:
    return f"{int(text):,}".replace(",", ".") if text else ""


def office_rows(frame: pd.DataFrame) -> tuple[list[list[str]], list[tuple[int, int, int]]]:
    """The form's rows (cells as text) and its merged cells (row, first and last column,
    from 0), from a census of canonical columns and words."""
    columns = list(frame.columns)
    deprivations = [name for name in columns if name.startswith("dep_")]
    ticked = {
        name
        for name in columns
        if COLUMN_SPECS[name].kind == "bool" and not (frame[name] == "").any()
    }
    top, below = [], []
    for name in columns:
        if name in deprivations:
            top.append(GROUP if name == deprivations[0] else "")
            below.append(_header(name).removeprefix("Thiếu hụt ").capitalize())
        else:
            top.append(_header(name))
            below.append("")
    width = len(columns)
    rows: list[list[str]] = [[line] + [""] * (width - 1) for line in TITLE]
    rows.append([""] * width)
    header_row = len(rows)
    rows += [top, below, [f"({number})" for number in range(1, width + 1)]]
    for record in frame.itertuples(index=False):
        cells = []
        for name, value in zip(columns, record, strict=True):
            kind = COLUMN_SPECS[name].kind
            if name == "district" and value:
                value = f"Huyện {value}"
            elif name == "commune" and value:
                value = f"Xã {value}"
            elif kind == "area":
                value = _AREAS.get(value, value)
            elif kind == "status":
                value = _STATUS.get(value, value)
            elif kind == "int":
                value = _thousands(value)
            elif kind == "bool" and name in ticked:
                value = "x" if value == "true" else ""
            elif kind == "bool":
                value = {"true": "Có", "false": "Không"}.get(value, value)
            cells.append(value)
        rows.append(cells)
    totals = ["Tổng cộng"] + [""] * (width - 1)
    for position, name in enumerate(columns):
        if name == "members":
            totals[position] = _thousands(str(pd.to_numeric(frame[name]).sum()))
    rows.append(totals)
    first_dep = columns.index(deprivations[0]) if deprivations else 0
    merged = [(index, 0, width - 1) for index in range(len(TITLE))]
    if deprivations:
        merged.append((header_row, first_dep, first_dep + len(deprivations) - 1))
    merged.append((len(rows) - 1, 0, 2))
    return rows, merged


def to_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: base letters and combining tone marks."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = list(unicodedata.normalize("NFD", char))
        for position, mark in enumerate(marks):
            head = unicodedata.normalize("NFC", base + mark)
            rest = "".join(marks[:position] + marks[position + 1 :])
            try:
                out += head.encode("cp1258") + rest.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


def write_office_csv(rows: list[list[str]], path: Path) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(to_cp1258(buffer.getvalue()))


def write_office_xlsx(
    rows: list[list[str]], merged: list[tuple[int, int, int]], path: Path
) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách"
    for cells in rows:
        sheet.append([cell if cell != "" else None for cell in cells])
    for row, first, last in merged:
        sheet.merge_cells(
            start_row=row + 1, start_column=first + 1, end_row=row + 1, end_column=last + 1
        )
    workbook.save(path)


def main(arguments: list[str]) -> None:
    source, target = Path(arguments[0]), Path(arguments[1])
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    rows, merged = office_rows(frame)
    if target.suffix.lower() == ".xlsx":
        write_office_xlsx(rows, merged, target)
    else:
        write_office_csv(rows, target)


if __name__ == "__main__":
    main(sys.argv[1:])

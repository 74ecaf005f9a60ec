"""A web page saved under a workbook's name (an "export to Excel" that is an HTML table) is
read as Excel shows it: cells in a grid, a cell spanning columns or rows as merged cells; a
text file so named is read as the CSV it is."""

from __future__ import annotations

import csv
import io
import json
from html import escape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gnbv.read.web_page import read_web_page
from gnbv.synth.office import to_cp1258
from tests.conftest import DATA, PLAN_2024


def _page(rows: list[list[str]]) -> str:
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>\n" for row in rows
    )
    return f'<html><head><meta charset="utf-8"></head><body><table>\n{body}</table></body></html>'


def test_spans_are_cells_merged_as_excel_shows_them(tmp_path: Path) -> None:
    page = tmp_path / "page.xls"
    page.write_text(
        "<table><tr><td rowspan=2>Mã hộ</td><td colspan=2>Thiếu hụt</td><td>Xã</td></tr>"
        "<tr><td>Việc làm</td><td>Nước<br>sinh hoạt</td><td rowspan='3'>An Lạc</td></tr>"
        "<tr><td>A1</td><td>x<td>&nbsp;"  # cells and rows left open, as HTML allows
        "<tr><td>A2</td><td colspan=2>có</td></table>",
        encoding="utf-8",
    )
    workbook = read_web_page(page)
    sheet = workbook.get_sheet_by_name(workbook.sheet_names[0])
    assert list(sheet.iter_rows()) == [
        ["Mã hộ", "Thiếu hụt", "", "Xã"],
        ["", "Việc làm", "Nước\nsinh hoạt", "An Lạc"],
        ["A1", "x", "", ""],
        ["A2", "có", "", ""],
    ]
    assert sheet.merged_cell_ranges == [
        ((0, 0), (1, 0)),
        ((0, 1), (0, 2)),
        ((1, 3), (3, 3)),
        ((3, 1), (3, 2)),
    ]


CELL = st.text(
    alphabet=st.sampled_from("aăâđêôơư ÁẮẤÉẾÍÓỐỚÚỨÝ0123456789.,;:'\"<>&-\t\n"), max_size=12
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(CELL, min_size=1, max_size=5), min_size=1, max_size=6))
def test_any_cells_read_back_as_written(rows: list[list[str]]) -> None:
    """Whatever a cell holds (quotes, <, &, tabs, line breaks), it reads back as written,
    its runs of spaces as one (as a browser and Excel show it)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.xls"
        page.write_text(_page(rows), encoding="utf-8")
        workbook = read_web_page(page)
        read = list(workbook.get_sheet_by_name(workbook.sheet_names[0]).iter_rows())
    assert read == [[" ".join(cell.split()) for cell in row] for row in rows]


@pytest.mark.parametrize("saved_as", ["web page", "text"])
def test_a_list_of_a_file_named_xls_carries_the_census_own_columns(
    cli: object, tmp_path: Path, saved_as: str
) -> None:
    """The columns the census does not read (a head's name, a phone) are read from a web
    page, or a text file, named .xls as from the same census in a CSV file."""
    census = DATA / "census_list_with_names.csv"
    text = census.read_text(encoding="utf-8")
    page = tmp_path / "census.xls"
    written = _page(list(csv.reader(io.StringIO(text)))) if saved_as == "web page" else text
    page.write_text(written, encoding="utf-8")
    lists = []
    for path in (page, census):
        out = tmp_path / "list.csv"
        result = cli("list", path, "--plan", PLAN_2024, "-o", out, "--class", "poor")  # type: ignore[operator]
        assert result.exit_code == 0, result.stderr
        lists.append(out.read_text(encoding="utf-8-sig"))
    assert lists[0] == lists[1] and "0912000001" in lists[0]


def test_a_page_reads_the_same_in_each_encoding_windows_writes(cli: object, tmp_path: Path) -> None:
    """The page as UTF-8 saying so, as UTF-16 with its mark, and in cp1258 saying nothing
    (Windows' Vietnamese code page, as some older software writes): one report."""
    page = (DATA / "census_web_page_named_xls.xls").read_text(encoding="utf-8")
    kinds = {
        "utf8.xls": page.encode("utf-8"),
        "utf16.xls": page.encode("utf-16"),
        "cp1258.xls": to_cp1258(page.replace(" charset=utf-8", "")),
    }
    reports = []
    for name, data in kinds.items():
        (tmp_path / name).write_bytes(data)
        result = cli("check", tmp_path / name, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        for key in ("file", "sha256"):
            document["input"].pop(key)
        reports.append(document)
    assert reports[0] == reports[1] == reports[2]
    assert reports[0]["communes"][0]["name"] == "Trần Phú"

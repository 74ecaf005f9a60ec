"""Files as district offices send them, and hostile ones: read what a person could read, refuse
the rest with a clear message and exit 2, never a traceback or a silently wrong rate."""

from __future__ import annotations

import csv
import gzip
import io
import json
import time
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gnbv import api
from gnbv.synth.office import to_cp1258
from tests.conftest import DATA, PLAN_2024, REQUIRED, household, in_three_kinds
from tests.test_check_by_hand import HOUSEHOLDS
from tests.test_query import CELLS

SOURCE_KEYS = ("file", "format", "encoding", "delimiter", "sheet", "sha256", "decisions")


def _csv_text(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter,
                            lineterminator="\r\n")  # fmt: skip
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _excel_cell(value: str, column: str) -> object:
    """A cell as Excel keeps what a person types: whole numbers as numbers, the rest as text."""
    if column != "household_id" and value.isascii() and value.lstrip("-").isdigit():
        return int(value)
    return value


def _xlsx(path: Path, rows: list[dict[str, str]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append([_excel_cell(value, column) for column, value in row.items()])
    workbook.save(path)
    return path


def _text_parquet(path: Path, rows: list[dict[str, str]]) -> Path:
    """A Parquet file whose every column is text, the cells as written."""
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def _shipped_census(rows: int, cells: dict[tuple[int, str], str]) -> tuple[list[list[str]], str]:
    """The first ``rows`` households of the shipped census, with ``cells`` (household's
    index, column -> text) written in; its rows and its CSV text."""
    from tests.conftest import ROOT

    lines = (ROOT / "data" / "households.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    households = [line.split(",") for line in lines[1 : rows + 1]]
    for (index, column), text in cells.items():
        households[index][header.index(column)] = text
    return households, "\n".join(",".join(row) for row in [header, *households]) + "\n"


def _summaries_in_three_kinds(cli: object, text: str, folder: Path) -> list[dict[str, Any]]:
    """The report's summary of the input of the census ``text`` read plain, gzipped and in
    cp1258 (:func:`tests.conftest.in_three_kinds`)."""
    summaries = []
    for path in in_three_kinds(text, folder):
        result = cli("check", path, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
        summaries.append(json.loads(result.stdout)["input"])
    return summaries


def _report(cli: object, path: Path, *extra: str) -> dict[str, object]:
    result = cli("check", path, "--plan", PLAN_2024, "--format", "json", *extra)  # type: ignore[operator]
    assert result.exit_code == 1, result.stderr
    document = json.loads(result.stdout)
    document.pop("labels")  # words for a person: they say how the file was read
    for key in SOURCE_KEYS:
        document["input"].pop(key)
    return document  # type: ignore[no-any-return]


def test_same_census_in_every_encoding_dialect_and_xlsx(cli: object, tmp_path: Path) -> None:
    text = _csv_text(HOUSEHOLDS)
    files = {
        "utf8.csv": text.encode("utf-8"),
        "utf8_bom.csv": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf16.csv": text.encode("utf-16"),  # with BOM, as Excel's "Unicode text"
        "cp1258.csv": to_cp1258(text),
        "nfd.csv": unicodedata.normalize("NFD", text).encode("utf-8"),
        "semicolon.csv": _csv_text(HOUSEHOLDS, ";").encode("utf-8"),
        "tab.tsv": _csv_text(HOUSEHOLDS, "\t").encode("utf-8"),
    }
    reports = {}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        reports[name] = _report(cli, tmp_path / name)
    reports["census.xlsx"] = _report(cli, _xlsx(tmp_path / "census.xlsx", HOUSEHOLDS))
    first = reports["utf8.csv"]
    for name, report in reports.items():
        assert report == first, name


def test_a_parquet_of_text_reads_thousands_units_and_ticks_as_a_csv_does(
    cli: object, tmp_path: Path
) -> None:
    """A Parquet file of text columns (cells as a sheet shows them) may write "1.000.000 đ"
    and ticks as a CSV does: its columns' conventions decide them as a CSV's do, and it gives
    the CSV's report (its reader used to set such households aside: `not_a_number`,
    `missing_value`)."""
    rows = [
        {
            **row,
            "income_per_capita": f"{int(row['income_per_capita']):,} đ".replace(",", "."),
            "dep_water": "x" if row["dep_water"] == "true" else "",
        }
        for row in HOUSEHOLDS
    ]
    csv_file = tmp_path / "census.csv"
    csv_file.write_text(_csv_text(rows), encoding="utf-8", newline="")
    csv_report = _report(cli, csv_file)
    assert csv_report["input"]["invalid_rows"] == 0  # type: ignore[index]
    assert _report(cli, _text_parquet(tmp_path / "census.parquet", rows)) == csv_report


MORE_CELLS = {
    "members": ["１", "٣"],
    "income_per_capita": ["1.500.000 đ", "1 500 000"],
    "dep_water": ["x", "TRUE", "Có"],
}
MESSY_CELLS = {
    column: (good, [cell for cell in [*bad, *MORE_CELLS.get(column, [])] if cell.isprintable()])
    for column, (good, bad) in CELLS.items()
}
"""The cells a hand-made census holds, good and bad, by column (``tests.test_query.CELLS`` and
digits of other scripts, a currency, Excel's words), but control characters, which an Excel
sheet cannot hold."""


def _api_report(path: Path) -> dict[str, object]:
    report = api.check(path, plan=PLAN_2024, max_invalid_percent=100, exit_zero=True)
    document = report.to_dict()
    for key in SOURCE_KEYS:
        document["input"].pop(key)  # type: ignore[attr-defined]
    return document


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_cells_give_one_report_whatever_the_kind_of_file(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Whatever the cells (words, dotted numbers, blanks, bad values, a repeated id), the census
    as a plain CSV, compressed, in UTF-16, as an Excel sheet or a Parquet file of text gives
    one report: the same rows set aside for the same reasons, the same counts and rates."""
    size = data.draw(st.integers(1, 30))
    rows = [{**HOUSEHOLDS[i % len(HOUSEHOLDS)], "household_id": f"H{i}"} for i in range(size)]
    for column, (good, bad) in MESSY_CELLS.items():
        pool = [*good, *bad] if data.draw(st.booleans()) else good
        for row in rows:
            row[column] = data.draw(st.sampled_from(pool))
    if size > 1 and data.draw(st.booleans()):
        rows[-1]["household_id"] = rows[0]["household_id"]
    folder = tmp_path_factory.mktemp("kinds")
    text = _csv_text(rows)
    (folder / "plain.csv").write_text(text, encoding="utf-8", newline="")
    (folder / "compressed.csv.gz").write_bytes(gzip.compress(text.encode()))
    (folder / "unicode.csv").write_bytes(text.encode("utf-16"))
    _xlsx(folder / "sheet.xlsx", rows)
    _text_parquet(folder / "text.parquet", rows)
    plain = _api_report(folder / "plain.csv")
    for name in ("compressed.csv.gz", "unicode.csv", "sheet.xlsx", "text.parquet"):
        assert _api_report(folder / name) == plain, name


def test_the_report_says_how_the_file_was_read(cli: object, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(to_cp1258(_csv_text(HOUSEHOLDS, ";")))
    result = cli("check", path, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    source = json.loads(result.stdout)["input"]
    assert (source["format"], source["encoding"], source["delimiter"]) == ("csv", "cp1258", ";")
    assert len(source["sha256"]) == 64


def test_encoding_and_delimiter_can_be_given(cli: object, tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_bytes(to_cp1258(_csv_text(HOUSEHOLDS, "\t")))
    document = _report(cli, path, "--encoding", "windows-1258", "--delimiter", "tab")
    assert document["households"]["total"] == 10  # type: ignore[index]


def test_undecodable_file_is_refused_with_the_byte_offset(cli: object, tmp_path: Path) -> None:
    """Latin-1 is not Vietnamese: refused, not read as mojibake."""
    path = tmp_path / "latin1.csv"
    header = ",".join(REQUIRED) + "\n"
    path.write_bytes(header.encode() + "Zoé".encode("latin-1") + b",a,b\n")
    result = cli("check", path, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2
    offset = len(header.encode()) + 2
    assert f"not UTF-8: byte 0xE9 at byte offset {offset} cannot be decoded" in result.stderr
    assert "--encoding" in result.stderr


def test_wrong_declared_encoding_names_the_offset(cli: object, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(to_cp1258(_csv_text(HOUSEHOLDS)))
    result = cli("check", path, "--plan", PLAN_2024, "--encoding", "utf-16", "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2
    assert "cannot be decoded as utf-16" in result.stderr


def test_quoted_line_breaks_blank_lines_and_spaces(cli: object, tmp_path: Path) -> None:
    rows = [dict(row) for row in HOUSEHOLDS]
    rows[0]["commune"] = " An Lạc "
    text = _csv_text(rows).replace("\r\n", "\n")
    lines = text.split("\n")
    lines.insert(3, "")  # a blank line
    (tmp_path / "c.csv").write_text("\n".join(lines), encoding="utf-8")
    document = _report(cli, tmp_path / "c.csv")
    assert document["households"]["total"] == 10  # type: ignore[index]
    quoted = [dict(row) for row in HOUSEHOLDS]
    quoted.append(household("Q1", commune="Tự Lạn", district="Việt Yên"))
    text = _csv_text(quoted).replace("Q1,", '"Q\n1",', 1)
    (tmp_path / "q.csv").write_text(text, encoding="utf-8")
    result = cli("check", tmp_path / "q.csv", "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    assert json.loads(result.stdout)["input"]["valid_rows"] == 11


@pytest.mark.parametrize(
    ("cell", "reason"),
    [("1.500", "ambiguous_number"), ("1,500", "ambiguous_number"), ("2,5", "not_an_integer"),
     ("99999999999999999999999", "out_of_range"), ("1e400", "out_of_range"),
     ("nan", "not_a_number")],
)  # fmt: skip
def test_doubtful_numbers_are_reported_not_guessed(cli: object, tmp_path: Path, cell: str,
                                                   reason: str) -> None:  # fmt: skip
    rows = [household("A"), household("B", income=cell)]
    (tmp_path / "c.csv").write_text(_csv_text(rows), encoding="utf-8")
    result = cli(
        "check", tmp_path / "c.csv", "--plan", PLAN_2024, "--format", "json", "--max-invalid", "100"
    )  # type: ignore[operator]
    assert json.loads(result.stdout)["input"]["invalid_by_reason"] == {reason: 1}


@pytest.mark.parametrize("cell", ["1.500.000", "1 500 000", "1,500,000", "1\u00a0500\u00a0000",
                                  "1500000", "1500000.0"])  # fmt: skip
def test_vietnamese_thousands_are_read_as_integers(cli: object, tmp_path: Path, cell: str) -> None:
    rows = [household("A", income=cell, deprived=3)]
    (tmp_path / "c.csv").write_text(_csv_text(rows), encoding="utf-8")
    result = cli("check", tmp_path / "c.csv", "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    document = json.loads(result.stdout)
    assert document["input"]["invalid_rows"] == 0
    assert document["households"]["poor"] == 1  # 1,500,000 is at the rural line


def test_rows_with_wrong_field_counts_are_set_aside(cli: object, tmp_path: Path) -> None:
    """Too many fields, too few, and a row cut off inside a quote at the end of the file."""
    text = _csv_text([household("A"), household("B"), household("C")]).replace("\r\n", "\n")
    lines = text.rstrip("\n").split("\n")
    lines[2] = lines[2] + ",extra"  # row 3: too many
    lines[3] = lines[3].rsplit(",", 3)[0]  # row 4: too few
    lines.append('"D,Sơn Động,An Lạc')  # row 5: truncated inside a quote
    (tmp_path / "c.csv").write_text("\n".join(lines), encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    result = cli(
        "check", tmp_path / "c.csv", "--plan", PLAN_2024, "--format", "json", "--rejects", rejects
    )  # type: ignore[operator]
    assert result.exit_code == 3
    document = json.loads(result.stdout)
    assert (document["input"]["rows"], document["input"]["valid_rows"]) == (4, 1)
    assert document["input"]["invalid_by_reason"] == {"wrong_field_count": 3}
    assert [p["row"] for p in document["input"]["problems"]] == [3, 4, 5]
    assert "extra" not in result.stdout + result.stderr  # no cell content in messages
    with rejects.open(encoding="utf-8-sig") as handle:
        assert [r["Dòng trong tệp"] for r in csv.DictReader(handle)] == ["3", "4", "5"]


def test_a_ten_megabyte_field(cli: object, tmp_path: Path) -> None:
    rows = [household("A"), household("B", commune="x" * 10_000_000)]
    (tmp_path / "c.csv").write_text(_csv_text(rows), encoding="utf-8")
    result = cli(
        "check", tmp_path / "c.csv", "--plan", PLAN_2024, "--format", "json", "--exit-zero"
    )  # type: ignore[operator]
    assert result.exit_code == 0
    assert json.loads(result.stdout)["input"]["valid_rows"] == 2


def test_binary_and_nul_bytes_are_refused(cli: object, tmp_path: Path) -> None:
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = cli("check", binary, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2
    assert "not a text file: NUL byte at byte offset 8" in result.stderr
    nul = tmp_path / "nul.csv"
    nul.write_bytes(_csv_text([household("A")]).encode() + b"B\x00,x\n")
    assert cli("check", nul, "--plan", PLAN_2024, "--lang", "en").exit_code == 2  # type: ignore[operator]


def test_directory_and_missing_path(cli: object, tmp_path: Path) -> None:
    result = cli("check", tmp_path, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2 and "is a directory" in result.stderr
    result = cli("check", tmp_path / "none.csv", "--plan", tmp_path, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2 and "is a directory" in result.stderr


def test_broken_xlsx_is_refused(cli: object, tmp_path: Path) -> None:
    path = tmp_path / "census.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    result = cli("check", path, "--plan", PLAN_2024)  # type: ignore[operator]
    assert result.exit_code == 2
    assert "không đọc được sổ Excel này (tệp hỏng, hoặc không phải sổ Excel)" in result.stderr


@pytest.mark.parametrize("command", [["check"], ["progress", "check"]])
def test_a_workbook_with_a_password_says_to_remove_it(cli: object, command: list[str]) -> None:
    """A workbook an office encrypted with a password was refused as damaged, with the hint to
    save it again from Excel, which keeps the password: the refusal says what it is and how
    to take the password off."""
    result = cli(*command, DATA / "census_password.xlsx", "--plan", PLAN_2024)  # type: ignore[operator]
    assert result.exit_code == 2
    assert "census_password.xlsx: sổ Excel này có mật khẩu" in result.stderr
    assert "bỏ mật khẩu" in result.stderr and "hỏng" not in result.stderr


def test_a_damaged_xls_is_not_called_an_xlsx(cli: object, tmp_path: Path) -> None:
    """An Excel 97-2003 workbook cut short (a copy broken off): refused as damaged, without
    calling it what it is not."""
    path = tmp_path / "census.xls"
    path.write_bytes((DATA / "office_form.xls").read_bytes()[:3000])
    result = cli("check", path, "--plan", PLAN_2024)  # type: ignore[operator]
    assert result.exit_code == 2
    assert "không đọc được sổ Excel này" in result.stderr and ".xlsx này" not in result.stderr


def _as_read(result: Any) -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    """A check's JSON report without the file's name and what it says of how the file was
    read, those decisions, and their words."""
    document = json.loads(result.stdout)
    decisions = document["input"].pop("decisions")
    document["input"].pop("file")
    reading = document.pop("labels").pop("reading")
    return document, decisions, reading


@pytest.mark.parametrize("name", ["census.xls", "census.xlsx", "CENSUS.XLS"])
def test_a_text_file_named_as_a_workbook_is_read_as_the_text_it_is(
    cli: object, tmp_path: Path, name: str
) -> None:
    """Some software's "export to Excel" writes tab-separated text (here UTF-16, under the
    form's title) with an .xls name, which Excel opens after a warning: it was refused as
    a damaged workbook. It is read as the text it is, the report saying so first."""
    text = DATA / "census_text_named_xls.xls"
    named = tmp_path / name
    named.write_bytes(text.read_bytes())
    plain = tmp_path / "census.txt"
    plain.write_bytes(text.read_bytes())
    as_named = cli("check", named, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    as_text = cli("check", plain, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    assert as_named.exit_code == as_text.exit_code == 0, as_named.stderr
    report, decisions, reading = _as_read(as_named)
    text_report, text_decisions, text_reading = _as_read(as_text)
    assert report == text_report and report["input"]["valid_rows"] == 12
    suffix = Path(name).suffix.lower()
    assert decisions == [{"code": "text_named_as_workbook", "suffix": suffix}, *text_decisions]
    assert reading == [
        f"Tệp mang đuôi {suffix} nhưng là tệp văn bản (CSV), không phải sổ Excel: đã đọc như "
        "tệp CSV",
        *text_reading,
    ]


@pytest.mark.parametrize(
    ("name", "misnamed", "kind"),
    [
        ("office_form.xls", "census.xlsx", "xls"),
        ("census_excel_errors.xlsx", "census.xls", "xlsx"),
        ("census_excel_errors.xls", "census.xlsx", "xls"),
        ("census_merged_cells.ods", "census.xlsx", "ods"),
        ("census_merged_cells.ods", "census.xls", "ods"),
        ("office_form.xls", "bao_cao.csv", "xls"),
        ("census_excel_errors.xlsx", "census.csv", "xlsx"),
        ("census_merged_cells.ods", "census.csv", "ods"),
        ("census_excel_errors.xlsx", "census", "xlsx"),
    ],
)
def test_a_workbook_under_another_workbook_s_name_is_read_as_what_it_is(
    cli: object, tmp_path: Path, name: str, misnamed: str, kind: str
) -> None:
    """An .xls saved (or renamed) as .xlsx, or the other way, opens in Excel after a
    warning; gnbv called it damaged. A workbook renamed .csv, or without a suffix, was
    refused as no CSV file. Each is read by its bytes, merged cells and cells showing an
    error too, the report saying so first."""
    path = tmp_path / misnamed
    path.write_bytes((DATA / name).read_bytes())
    found = cli("check", path, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    wanted = cli("check", DATA / name, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    assert found.exit_code == wanted.exit_code != 2, found.stderr
    report, decisions, reading = _as_read(found)
    wanted_report, wanted_decisions, wanted_reading = _as_read(wanted)
    assert report == wanted_report
    suffix = Path(misnamed).suffix
    said = {"code": "workbook_named_otherwise", "suffix": suffix, "kind": kind}
    assert decisions == [said, *wanted_decisions]
    named = f"Tệp mang đuôi {suffix}" if suffix else "Tệp không có đuôi"
    assert reading == [
        f"{named} nhưng là sổ tính .{kind}: đã đọc theo nội dung của tệp",
        *wanted_reading,
    ]


def test_a_web_page_named_xls_reads_as_the_census_it_shows(cli: object, tmp_path: Path) -> None:
    """An HTML table saved with an .xls name (as some software exports "to Excel"; Excel
    opens it after a warning) was called a damaged workbook. It is read as Excel shows it:
    the title's table above, a header on two rows (a group's heading over the twelve
    deprivations, the others spanning both rows, a line break in one), the district and
    commune each one cell spanning every household, incomes written 2.100.000, signatures
    under the table: the report of the same twelve households in a plain CSV file."""
    page = DATA / "census_web_page_named_xls.xls"
    plain = tmp_path / "census.csv"
    shipped = (DATA.parent.parent / "data" / "households.csv").read_text(encoding="utf-8")
    plain.write_text("".join(shipped.splitlines(keepends=True)[:13]), encoding="utf-8")
    found = cli("check", page, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    wanted = cli("check", plain, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    assert found.exit_code == wanted.exit_code == 0, found.stderr
    report, decisions, reading = _as_read(found)
    wanted_report, _, _ = _as_read(wanted)
    for document in (report, wanted_report):
        for key in SOURCE_KEYS:
            document["input"].pop(key, None)
        document["input"].pop("skipped_rows")  # the page's signature rows
    assert report == wanted_report and report["input"]["valid_rows"] == 12
    assert [decision["code"] for decision in decisions] == [
        "web_page_named_as_workbook",
        "header_row",
        "merged_cells",
        "thousands_separator",
    ]
    assert reading[0] == (
        "Tệp mang đuôi .xls nhưng là trang web (bảng HTML): đã đọc các bảng của trang như một sheet"
    )
    assert json.loads(found.stdout)["input"]["format"] == "html"


def test_a_web_page_without_a_table_is_refused_saying_what_it_is(
    cli: object, tmp_path: Path
) -> None:
    page = tmp_path / "census.xls"
    page.write_text("<html><body><p>Không có dữ liệu</p></body></html>", encoding="utf-8")
    result = cli("check", page, "--plan", PLAN_2024)  # type: ignore[operator]
    assert result.exit_code == 2
    assert "census.xls: đây là trang web (trang HTML" in result.stderr
    assert "lưu lại dạng sổ Excel (.xlsx)" in result.stderr and "hỏng" not in result.stderr
    english = cli("check", page, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert "this is a web page (an HTML page" in english.stderr


def test_sheet_asked_of_a_text_file_named_xls_says_it_has_none(cli: object) -> None:
    text = DATA / "census_text_named_xls.xls"
    result = cli("check", text, "--plan", PLAN_2024, "--sheet", "Ho")  # type: ignore[operator]
    assert result.exit_code == 2
    assert "tệp văn bản (CSV) mang đuôi .xls, không có sheet" in result.stderr
    assert "bỏ --sheet" in result.stderr


def test_cells_exported_as_excel_text_formulas_read_as_excel_shows_them(
    cli: object, tmp_path: Path
) -> None:
    """Software that exports "to Excel" as CSV writes codes and numbers as Excel's formula of
    a text (``="0000001"``, ``="2.100.000"``) so that Excel keeps their leading zeros; Excel
    shows the text inside. gnbv read such an id with its ``="`` and quotes (it matched no
    other year's household, and a list showed it so) and set every such count aside as not
    a number: the census reads as the same census written plain, in every kind of file
    (its ``="950.000"`` too, by its column's thousands)."""
    exported = (DATA / "census_excel_text_formulas.csv").read_text(encoding="utf-8")
    plain = exported.replace('="', "").replace('"', "")
    exported_kinds = _summaries_in_three_kinds(cli, exported, tmp_path)
    (tmp_path / "plain").mkdir()
    plain_kinds = _summaries_in_three_kinds(cli, plain, tmp_path / "plain")
    for summaries in (exported_kinds, plain_kinds):
        for summary in summaries:
            for key in SOURCE_KEYS:
                summary.pop(key)
    assert exported_kinds == plain_kinds
    assert exported_kinds[0]["valid_rows"] == 15 and exported_kinds[0]["invalid_rows"] == 0
    out = tmp_path / "list.csv"
    census = DATA / "census_excel_text_formulas.csv"
    assert cli("list", census, "--plan", PLAN_2024, "-o", out).exit_code == 0  # type: ignore[operator]
    listed = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [row["Mã hộ"] for row in listed[:2]] == ["0000001", "0000002"]


def test_an_id_written_plain_and_as_an_excel_text_formula_is_one_household(
    cli: object, tmp_path: Path
) -> None:
    rows = [household("0102"), household('="0102"'), household('="0104 "'), household("0104")]
    path = tmp_path / "census.csv"
    path.write_text(_csv_text(rows), encoding="utf-8")
    result = cli("check", path, "--plan", PLAN_2024, "--format", "json", "--max-invalid", "100")  # type: ignore[operator]
    problems = json.loads(result.stdout)["input"]["problems"]
    found = [(problem["row"], problem["reason"]) for problem in problems]
    assert found == [(3, "duplicate_id"), (5, "duplicate_id")]


def test_xlsx_sheet_choice(cli: object, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "c.xlsx", HOUSEHOLDS)
    workbook = openpyxl.load_workbook(path)
    workbook.create_sheet("Empty", 0)
    workbook.save(path)
    assert cli("check", path, "--plan", PLAN_2024).exit_code == 2  # type: ignore[operator]
    assert _report(cli, path, "--sheet", "Sheet")["households"]["total"] == 10  # type: ignore[index]
    missing = cli("check", path, "--plan", PLAN_2024, "--sheet", "Nope")  # type: ignore[operator]
    assert missing.exit_code == 2 and "không có sheet 'Nope'; các sheet: Empty, Sheet" in (
        missing.stderr
    )


def test_column_mapping(cli: object, tmp_path: Path) -> None:
    """A district's own headers and codes; x/blank booleans where the mapping says so."""
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "columns:\n  Ma so ho: household_id\n  Vung: area\n"
        "values:\n  area: {NT: rural, TT: urban}\n"
        "booleans:\n  blank_means_false: [dep_water]\n",
        encoding="utf-8",
    )
    rows = []
    for row in HOUSEHOLDS:
        renamed = {("Ma so ho" if k == "household_id" else "Vung" if k == "area" else k): v
                   for k, v in row.items()}  # fmt: skip
        renamed["Vung"] = "NT" if renamed["Vung"] == "rural" else "TT"
        renamed["dep_water"] = "x" if renamed["dep_water"] == "true" else ""
        rows.append(renamed)
    (tmp_path / "c.csv").write_text(_csv_text(rows), encoding="utf-8")
    plain = tmp_path / "plain.csv"
    plain.write_text(_csv_text(HOUSEHOLDS), encoding="utf-8")
    assert _report(cli, tmp_path / "c.csv", "--columns", str(mapping)) == _report(cli, plain)


def test_a_mapping_code_list_decides_its_column_whatever_the_contract_reads(
    cli: object, tmp_path: Path
) -> None:
    """A district's form codes "1" as không: its code list says what "1" means there, in a
    plain CSV and a gzipped one alike, though the contract alone reads "1" as có."""
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("values:\n  ethnic_minority: {'1': 'false', '2': 'true'}\n")
    coded = _csv_text([{**row, "ethnic_minority": "1"} for row in HOUSEHOLDS])
    (tmp_path / "c.csv").write_text(coded, encoding="utf-8")
    (tmp_path / "c.csv.gz").write_bytes(gzip.compress(coded.encode(), mtime=0))
    plain = tmp_path / "plain.csv"
    plain.write_text(_csv_text([{**row, "ethnic_minority": "false"} for row in HOUSEHOLDS]))
    expected = _report(cli, plain)
    groups = {group["id"]: group for group in expected["groups"]}  # type: ignore[attr-defined]
    assert groups["ethnic_minority"]["households"] == 0
    for name in ("c.csv", "c.csv.gz"):
        assert _report(cli, tmp_path / name, "--columns", str(mapping)) == expected, name


def test_column_mapping_is_strict(cli: object, tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  Ma so ho: household_idd\n", encoding="utf-8")
    plain = tmp_path / "plain.csv"
    plain.write_text(_csv_text(HOUSEHOLDS), encoding="utf-8")
    result = cli("check", plain, "--plan", PLAN_2024, "--columns", mapping, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2
    assert f"{mapping}:1: columns: 'Ma so ho': unknown census column 'household_idd'" in (
        result.stderr
    )


def test_show_values(cli: object, tmp_path: Path) -> None:
    rows = [household("A"), household("B", members="many")]
    (tmp_path / "c.csv").write_text(_csv_text(rows), encoding="utf-8")
    args = ["check", tmp_path / "c.csv", "--plan", PLAN_2024, "--format", "json",
            "--max-invalid", "100"]  # fmt: skip
    hidden = json.loads(cli(*args).stdout)["input"]["problems"][0]  # type: ignore[operator]
    assert "value" not in hidden
    shown = json.loads(cli(*args, "--show-values").stdout)["input"]["problems"][0]  # type: ignore[operator]
    assert shown["value"] == "many"


def test_yaml_alias_bomb_is_refused_fast(cli: object, tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    path = tmp_path / "plan_bomb.yaml"
    path.write_text(bomb, encoding="utf-8")
    started = time.monotonic()
    result = cli("plan", "validate", path)  # type: ignore[operator]
    assert result.exit_code == 2 and "bí danh YAML" in result.stderr
    assert time.monotonic() - started < 5


def test_concurrent_writers_leave_one_whole_file(tmp_path: Path) -> None:
    """Two cron runs writing the same report: the file is always one run's whole output."""
    from concurrent.futures import ThreadPoolExecutor

    from gnbv.io.writers import atomic_write_text

    target = tmp_path / "report.json"
    texts = [json.dumps({"run": n, "pad": "x" * 200_000}) for n in range(8)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda text: atomic_write_text(target, text), texts))
    assert target.read_text(encoding="utf-8-sig") in texts
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_vietnamese_boolean_words(cli: object, tmp_path: Path) -> None:
    rows = [dict(row) for row in HOUSEHOLDS]
    for row in rows:
        for key, value in row.items():
            if value in ("true", "false"):
                row[key] = {"true": "Có", "false": "không"}[value]
    (tmp_path / "c.csv").write_text(_csv_text(rows), encoding="utf-8")
    plain = tmp_path / "plain.csv"
    plain.write_text(_csv_text(HOUSEHOLDS), encoding="utf-8")
    assert _report(cli, tmp_path / "c.csv") == _report(cli, plain)


def test_problem_list_is_capped_and_says_so(cli: object, tmp_path: Path) -> None:
    rows = [household(f"H{i}", members="?") for i in range(1_205)]
    (tmp_path / "c.csv").write_text(_csv_text(rows), encoding="utf-8")
    result = cli("check", tmp_path / "c.csv", "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    assert result.exit_code == 3
    document = json.loads(result.stdout)["input"]
    assert (len(document["problems"]), document["problems_total"]) == (1_000, 1_205)
    assert document["problems_left_out"] == 205


def test_cp1258_with_vietnamese_headers_is_recognised(cli: object) -> None:
    """Excel's Vietnamese code page with Vietnamese headers: read as cp1258 without
    --encoding, the same report as the file saved as UTF-8 (the headers once read as
    mojibake, "missing required columns")."""
    from tests.conftest import DATA, ROOT

    legacy = DATA / "census_cp1258_vietnamese_headers.csv"
    utf8 = ROOT / "tests" / "corpus" / "files" / "vietnamese_headers.csv"
    result = cli("check", legacy, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    assert json.loads(result.stdout)["input"]["encoding"] == "cp1258"
    assert _report(cli, legacy) == _report(cli, utf8)


def test_a_compressed_census_in_cp1258_is_read_as_the_plain_file(
    cli: object, tmp_path: Path
) -> None:
    """Recognised from its decompressed start, as a plain file is (it was taken as UTF-8:
    its Vietnamese headers garbled, "missing required columns")."""
    import gzip

    from tests.conftest import DATA

    legacy = DATA / "census_cp1258_vietnamese_headers.csv"
    compressed = tmp_path / "census.csv.gz"
    compressed.write_bytes(gzip.compress(legacy.read_bytes()))
    assert _report(cli, compressed) == _report(cli, legacy)


def test_a_compressed_census_not_in_utf8_says_to_give_its_encoding(
    cli: object, tmp_path: Path
) -> None:
    """Latin-1 is not recognised: the run stops and says what to do (it said "cannot be
    read as CSV: In CSV column #1")."""
    import gzip

    text = ",".join(REQUIRED) + "\n" + "Zoé,a,b\n"
    compressed = tmp_path / "census.csv.gz"
    compressed.write_bytes(gzip.compress(text.encode("latin-1")))
    refused = cli("check", compressed, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert refused.exit_code == 2
    assert "the compressed census is not UTF-8 text" in refused.stderr
    assert "--encoding (cp1258, utf-16)" in refused.stderr


@pytest.mark.parametrize(
    "damage",
    [
        "cut at half",
        "a byte changed at 10%",
        "a byte changed at 25%",
        "a byte changed at 50%",
        "cp1258, cut at half",
    ],
)
def test_a_compressed_census_cut_short_or_damaged_is_refused(
    cli: object, tmp_path: Path, damage: str
) -> None:
    """A .csv.gz copied or downloaded incompletely: the run stops (exit 2) and says so. It
    stopped as if interrupted (exit 130, "đã dừng"): the end of the compressed data was taken
    for the user's Ctrl-D. A byte changed early in the file garbles the text before the
    damage is found: that said "cannot be read as CSV", with a Python traceback."""
    import gzip

    from gnbv.synth.office import to_cp1258
    from tests.conftest import ROOT

    text = (ROOT / "data" / "households.csv").read_bytes()
    if damage.startswith("cp1258"):
        text = to_cp1258(text.decode("utf-8-sig"))
    compressed = bytearray(gzip.compress(text, mtime=0))
    if damage.startswith("a byte changed"):
        share = int(damage.rsplit(" ", 1)[1].rstrip("%"))
        compressed[len(compressed) * share // 100] ^= 0xFF
    else:
        compressed = compressed[: len(compressed) // 2]
    path = tmp_path / "census.csv.gz"
    path.write_bytes(bytes(compressed))
    refused = cli("check", path, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert refused.exit_code == 2, refused.stderr
    assert "the compressed file is cut short or damaged" in refused.stderr
    assert "copy it again" in refused.stderr
    assert "Traceback" not in refused.stderr and "Exception ignored" not in refused.stderr


def test_a_compressed_census_with_a_short_row_not_in_utf8_is_refused_for_its_encoding(
    cli: object, tmp_path: Path
) -> None:
    """A .csv.gz whose text is UTF-8 at its start but not in a row cut short far down (one
    district's export in another encoding): refused as not UTF-8, as the same file
    uncompressed is. It printed a Python traceback and "cannot be read as CSV"."""
    import gzip

    from tests.conftest import ROOT

    lines = (ROOT / "data" / "households.csv").read_text(encoding="utf-8-sig").splitlines()
    short = lines[30_000].rsplit(",", 1)[0].encode().replace("ạ".encode(), b"\xf2a")
    assert b"\xf2" in short
    text = "\n".join(lines[:30_000]).encode() + b"\n" + short + b"\n"
    text += "\n".join(lines[30_001:]).encode() + b"\n"
    path = tmp_path / "census_gzip_short_row_not_utf8.csv.gz"
    path.write_bytes(gzip.compress(text, mtime=0))
    refused = cli("check", path, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert refused.exit_code == 2, refused.stderr
    assert "the compressed census is not UTF-8 text" in refused.stderr
    assert "Traceback" not in refused.stderr and "Exception ignored" not in refused.stderr


@pytest.mark.parametrize("name", ["census_short_first_row.csv", "census_long_first_row.csv"])
def test_a_first_row_of_the_wrong_length_is_set_aside_in_every_kind_of_file(
    cli: object, tmp_path: Path, name: str
) -> None:
    """The first household's row cut short (its last cells lost in a copy) or one cell too
    long, in a file whose incomes are written "4.150.000": that row set aside as having the
    wrong number of cells, the others read and the dots read as thousands, as plain UTF-8,
    gzip and cp1258 alike. It was an internal error: the look at the columns' number
    conventions took the first row's length as the file's."""
    reports = []
    for path in in_three_kinds((DATA / name).read_text(encoding="utf-8"), tmp_path, name):
        result = cli("check", path, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
        assert result.exit_code == 3, result.stderr  # one row in seven set aside: the gate
        document = json.loads(result.stdout)
        for key in SOURCE_KEYS:
            if key != "decisions":
                document["input"].pop(key)
        document.pop("labels")
        reports.append(document)
    summary = reports[0]["input"]
    assert summary["valid_rows"] == 6
    assert summary["invalid_by_reason"] == {"wrong_field_count": 1}
    assert [problem["row"] for problem in summary["problems"]] == [2]
    assert {"code": "thousands_separator", "column": "income_per_capita", "separator": "."} in (
        summary["decisions"]
    )
    assert reports[1] == reports[0] and reports[2] == reports[0]


def test_a_count_written_in_hexadecimal_far_down_is_set_aside_in_every_kind_of_file(
    cli: object, tmp_path: Path
) -> None:
    """ "0x10" is not a number of people to gnbv's rules, wherever it stands: set aside as
    not a number in a plain, a gzip and a cp1258 file alike. Arrow's typed read (gzip, other
    encodings, title rows) took it for 16 when it stood below the rows looked at first, and
    counted the household."""
    rows, text = _shipped_census(1499, {(1200, "job_support_need"): "0x10"})
    summaries = [
        (summary["valid_rows"], summary["problems"])
        for summary in _summaries_in_three_kinds(cli, text, tmp_path)
    ]
    problem = {"row": 1202, "household_id": rows[1200][0], "column": "job_support_need"}
    assert summaries[0] == (1498, [problem | {"reason": "not_a_number"}])
    assert summaries[1] == summaries[0] and summaries[2] == summaries[0]


EXCEL_ERRORS_SET_ASIDE = [
    (3, "income_per_capita"),  # =E3/0: #DIV/0!
    (5, "status_prev"),  # #N/A
    (7, "insured_members"),  # #VALUE!
    (9, "ethnic_minority"),  # #REF!
    (11, "commune"),  # #N/A
    (13, "household_id"),  # #NAME?
]


@pytest.mark.parametrize(
    "name",
    [
        "census_excel_errors.xlsx",
        "census_excel_errors.ods",
        "census_excel_errors.csv",
        "census_excel_errors.xls",
    ],
)
def test_a_cell_showing_an_excel_error_sets_its_row_aside(cli: object, name: str) -> None:
    """A formula that failed (#DIV/0!, #N/A, #REF!) is no value: its row is set aside as
    ``excel_error``, in a workbook (the .ods LibreOffice saves from it too) as in the CSV
    file Excel saves from it. The workbooks' error cells were read as blank: an unknown
    start-of-period status, count of insured members or ethnic group was accepted and the
    household counted as if the cell were left empty."""
    result = cli(
        "check", DATA / name, "--plan", PLAN_2024, "--format", "json", "--max-invalid", "100"
    )  # type: ignore[operator]
    summary = json.loads(result.stdout)["input"]
    assert summary["valid_rows"] == 14
    assert summary["invalid_by_reason"] == {"excel_error": 6}
    assert [(p["row"], p["column"]) for p in summary["problems"]] == EXCEL_ERRORS_SET_ASIDE


@pytest.mark.parametrize("name", ["census_form_excel_errors.xlsx", "census_form_excel_errors.xls"])
def test_excel_errors_in_an_office_form_with_a_blank_margin_are_set_aside(
    cli: object, name: str
) -> None:
    """A district's form (title rows, two header rows, ticks, a blank column A) with four
    formulas that failed, in an income, a start-of-period status, a count and a ticked
    column: each row is set aside as ``excel_error``, in the .xls (Excel 97-2003, saved
    from the .xlsx by LibreOffice) as in the .xlsx. The .xls's error cells were read as
    blank: three of those households were counted as if the cells were left empty."""
    result = cli(
        "check", DATA / name, "--plan", PLAN_2024, "--format", "json", "--max-invalid", "100"
    )  # type: ignore[operator]
    summary = json.loads(result.stdout)["input"]
    assert summary["valid_rows"] == 26
    assert [(p["row"], p["column"], p["reason"]) for p in summary["problems"]] == [
        (9, "income_per_capita", "excel_error"),
        (12, "status_prev", "excel_error"),
        (15, "school_age_children", "excel_error"),
        (20, "dep_dependents", "excel_error"),
    ]


def test_an_excel_error_far_down_is_set_aside_in_every_kind_of_file(
    cli: object, tmp_path: Path
) -> None:
    """Excel errors saved in a CSV file, below the rows gnbv looks at first, in a count
    column, a yes/no column, a commune and an id: each row is set aside as ``excel_error``,
    by every reader alike."""
    errors = {1200: "job_support_need", 1300: "dep_water", 1400: "commune", 1450: "household_id"}
    _, text = _shipped_census(1499, dict.fromkeys(errors.items(), "#N/A"))
    summaries = []
    for summary in _summaries_in_three_kinds(cli, text, tmp_path):
        summaries.append((summary["valid_rows"], summary["invalid_by_reason"]))
        assert [(p["row"], p["column"]) for p in summary["problems"]] == [
            (index + 2, column) for index, column in errors.items()
        ]
    assert summaries[0] == (1495, {"excel_error": 4})
    assert summaries[1] == summaries[0] and summaries[2] == summaries[0]


def _header_showing_error(folder: Path, suffix: str, column: str, shown: str) -> Path:
    """The first 39 households of the shipped census, the header cell of ``column`` showing
    the Excel error ``shown`` (a header made by a formula that failed): a workbook, or the
    CSV file Excel saves from it."""
    households, text = _shipped_census(39, {})
    names = text.split("\n", 1)[0].split(",")
    at = names.index(column)
    path = folder / f"census{suffix}"
    if suffix == ".csv":
        names[at] = shown
        path.write_text("\n".join(",".join(row) for row in [names, *households]) + "\n")
        return path
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [names, *households]:
        sheet.append(row)
    sheet.cell(row=1, column=at + 1).value = shown
    sheet.cell(row=1, column=at + 1).data_type = "e"
    workbook.save(path)
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_required_column_whose_header_shows_an_excel_error_is_refused_saying_so(
    cli: object, tmp_path: Path, suffix: str
) -> None:
    """A header cell showing #REF! was read as a blank header: "missing required column"
    sent the person looking for a column that is there. The message says which header
    cell shows the error."""
    census = _header_showing_error(tmp_path, suffix, "income_per_capita", "#REF!")
    result = cli("check", census, "--plan", PLAN_2024)  # type: ignore[operator]
    assert result.exit_code == 2
    assert (
        "thiếu cột bắt buộc: Thu nhập bình quân (income_per_capita); ô tiêu đề ở cột 6 (#REF!) "
        "báo lỗi của Excel\n"
    ) in result.stderr
    assert "gợi ý: sửa công thức của ô tiêu đề đó, hoặc gõ tên cột vào ô" in result.stderr


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_optional_column_whose_header_shows_an_excel_error_is_said_not_read(
    cli: object, tmp_path: Path, suffix: str
) -> None:
    """An optional column under a header showing #N/A is not read (its targets say no
    data): the report says why, where before it only listed the column as absent."""
    census = _header_showing_error(tmp_path, suffix, "ethnic_minority", "#N/A")
    result = cli("check", census, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    summary = json.loads(result.stdout)["input"]
    assert summary["columns_absent"] == ["ethnic_minority"]
    assert summary["decisions"] == [
        {"code": "header_cells_excel_error", "cells": [{"column": 19, "shown": "#N/A"}]}
    ]
    table = cli("check", census, "--plan", PLAN_2024)  # type: ignore[operator]
    assert "Ô tiêu đề ở cột 19 (#N/A) báo lỗi của Excel" in table.stdout


def test_the_report_workbook_shows_an_id_set_aside_for_its_excel_error_as_text(
    cli: object, tmp_path: Path
) -> None:
    """The rows set aside, in the workbook to print: an id written ``#NAME?`` is shown as
    the text it was, not written back as an error cell of the report."""
    out = tmp_path / "bao_cao.xlsx"
    census = DATA / "census_excel_errors.xlsx"
    result = cli("check", census, "--plan", PLAN_2024, "--max-invalid", "100", "--output", out)  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(out).worksheets[-1]
    shown = [cell for row in sheet.iter_rows() for cell in row if cell.value == "#NAME?"]
    assert [cell.data_type for cell in shown] == ["s"]


def test_a_count_typed_with_its_plus_sign_is_read_back_from_the_rejects_file(
    cli: object, tmp_path: Path
) -> None:
    """A household set aside for its area, with a count typed "+3": the rejects file of a
    gzip census wrote "'+3" (defused as if a formula), which the census, once its area is
    mended, no longer read as a number. A plain number with its sign is written as it is
    (a formula still gets its apostrophe)."""
    cells = {(5, "area"): "núi", (5, "able_workers"): "+3", (5, "members"): "4"}
    _, text = _shipped_census(39, cells)
    census = tmp_path / "census.csv.gz"
    census.write_bytes(gzip.compress(text.encode("utf-8")))
    rejects = tmp_path / "loai.csv"
    cli("check", census, "--plan", PLAN_2024, "--rejects", rejects, "--exit-zero")  # type: ignore[operator]
    written = rejects.read_text(encoding="utf-8-sig")
    assert ",+3," in written and "'+3" not in written
    again = tmp_path / "sua.csv"  # the rejects file, its area mended, is a census
    again.write_text(written.replace(",núi,", ",nông thôn,"), encoding="utf-8")
    result = cli("check", again, "--plan", PLAN_2024, "--format", "json", "--exit-zero")  # type: ignore[operator]
    assert json.loads(result.stdout)["input"]["invalid_rows"] == 0

"""The programme's half of the plan, worked by hand: funds, pace, works, projects, training.

The template gnbv writes is filled as an office would (figures of 30/09/2024):

  plan-year funds          allocated   disbursed   deadline     time gone        pace
  DA1.1 central  invest.   103,496      51,748     31/01/2025   273/396 = 68.94 %  behind
  DA3.1 central  recurr.   118,382      59,191     31/12/2024   273/365 = 74.79 %  behind
  DA1.1 provinc. invest.    20,000      15,000     31/01/2025                      ahead
  DA7.1 provinc. recurr.    37,984      28,488     31/12/2024                      ahead
  (every other line blank: unknown, left out)     = 279,862 allocated, 154,427 disbursed
  2023 funds DA1.1 central invest. 10,000.5 allocated, 4,000.25 disbursed (carried over)

T6 = 154,427 / 279,862 = 55.18 %: not met, 125,435 million VND still to disburse.
T7: three livelihood projects given funds, two completed: 66.67 %, one still to complete
(a fourth has no amount: left out). T10: (20 + 80 + 350) / (20 + 100 + 500) = 72.58 %, 170
officials still to train. Two bad rows: disbursed above allocated, a project not in the plan.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gnbv.core.programme.progress_cells import number_conventions, parse_amount
from tests.conftest import PLAN_2024, ROOT

FIRST_ROW = 6  # the template's title rows, header and column numbers come before


def _fill(path: Path) -> None:
    workbook = openpyxl.load_workbook(path)
    report = workbook["Thông tin báo cáo"]
    report.cell(row=FIRST_ROW + 2, column=2, value=dt.datetime(2024, 9, 30))
    report.cell(row=FIRST_ROW + 3, column=2, value="Sở Lao động - TB&XH")
    sheet = workbook["Giải ngân"]
    amounts = {
        ("DA1.1", "Ngân sách trung ương", "Đầu tư phát triển"): (103_496, 51_748),
        ("DA3.1", "Ngân sách trung ương", "Sự nghiệp"): (118_382, 59_191),
        ("DA1.1", "Ngân sách tỉnh", "Đầu tư phát triển"): (20_000, "15.000"),  # as text
        ("DA7.1", "Ngân sách tỉnh", "Sự nghiệp"): (37_984, 28_488),
    }
    last = FIRST_ROW
    for row in range(FIRST_ROW, sheet.max_row + 1):
        key = tuple(sheet.cell(row=row, column=column).value for column in (4, 2, 3))
        if key[0] is None:
            continue
        last = row
        if key in amounts:
            sheet.cell(row=row, column=6, value=amounts[key][0])
            sheet.cell(row=row, column=7, value=amounts[key][1])
    extra = [
        [2023, "NSTW", "ĐTPT", "DA1.1", "Sơn Động", "10.000,5", "4.000,25"],  # carried over
        [2024, "Ngân sách huyện", "Sự nghiệp", "DA2", "Lục Nam", 100, 120],  # disbursed > allocated
        [2024, "Ngân sách tỉnh", "Sự nghiệp", "DA9", "Lục Nam", 50, 10],  # no such project
    ]
    for offset, values in enumerate(extra, start=1):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=last + offset, column=column, value=value)
    works = workbook["Công trình"]
    for row in range(FIRST_ROW, works.max_row + 1):
        work = works.cell(row=row, column=1).value
        if work == "W1":
            works.cell(row=row, column=3, value="hoàn thành")
            works.cell(row=row, column=5, value="15/08/2024")
        elif work == "W2":
            works.cell(row=row, column=3, value="đang thi công")
            works.cell(row=row, column=4, value=60)
    projects = workbook["Dự án sinh kế"]
    for offset, values in enumerate(
        [
            ["MH1", "DA2", "Lục Ngạn", 500, "hoàn thành"],
            ["MH2", "DA3.1", "Sơn Động", 300, "hoàn thành"],
            ["MH3", "DA3.1", "Yên Thế", 250, "đang thực hiện"],
            ["MH4", "DA2", "Hiệp Hòa", None, "chưa triển khai"],
        ]
    ):
        for column, value in enumerate(values, start=1):
            projects.cell(row=FIRST_ROW + offset, column=column, value=value)
    training = workbook["Tập huấn cán bộ"]
    for offset, (officials, trained) in enumerate([(20, 20), (100, 80), (500, 350)]):
        training.cell(row=FIRST_ROW + offset, column=3, value=officials)
        training.cell(row=FIRST_ROW + offset, column=4, value=trained)
    sent = workbook["Báo cáo phân bổ vốn"]
    for row in range(FIRST_ROW, sent.max_row + 1):
        district = sent.cell(row=row, column=1).value
        if district == "Bắc Giang":
            sent.cell(row=row, column=2, value=dt.datetime(2024, 2, 10))
        elif district == "Sơn Động":
            sent.cell(row=row, column=2, value="20/02/2024")
    workbook.save(path)


@pytest.fixture
def workbook(cli: Any, tmp_path: Path) -> Path:
    path = tmp_path / "tien_do_2024.xlsx"
    result = cli("progress", "template", "--plan", PLAN_2024, "-o", path)
    assert result.exit_code == 0, result.stderr
    _fill(path)
    return path


def _document(cli: Any, workbook: Path, *extra: str) -> dict[str, Any]:
    result = cli("progress", "check", workbook, "--plan", PLAN_2024, "--format", "json", *extra)
    document: dict[str, Any] = json.loads(result.stdout)
    assert result.exit_code == document["exit_code"], result.stderr
    return document


def test_programme_targets_worked_by_hand(cli: Any, workbook: Path) -> None:
    document = _document(cli, workbook, "--max-invalid", "5")
    assert document["exit_code"] == 1  # targets not met
    targets = {target["id"]: target for target in document["targets"]}
    t6, t7, t10 = targets["T6"], targets["T7"], targets["T10"]
    assert t6["actual"] == pytest.approx(100 * 154_427 / 279_862)
    assert (t6["status"], t6["gap_unit"], t6["gap_count"]) == ("not_met", "million_vnd", 125_435)
    assert t7["actual"] == pytest.approx(200 / 3) and t7["gap_count"] == 1
    assert t10["actual"] == pytest.approx(100 * 450 / 620) and t10["gap_count"] == 170
    assert document["input"]["rows_set_aside"] == 2
    reasons = {(p["sheet"], p["reason"]) for p in document["input"]["problems"]}
    assert reasons == {
        ("disbursement", "disbursed_over_allocated"),
        ("disbursement", "unknown_project"),
    }


def test_funds_and_pace_worked_by_hand(cli: Any, workbook: Path) -> None:
    disbursement = _document(cli, workbook, "--max-invalid", "5")["disbursement"]
    funds = {row["funds"]: row for row in disbursement["by_funds"]}
    assert (funds["plan_year"]["allocated_mvnd"], funds["plan_year"]["disbursed_mvnd"]) == (
        279_862,
        154_427,
    )
    assert funds["carried_over"]["allocated_mvnd"] == 10_000.5
    assert funds["carried_over"]["rate"] == pytest.approx(100 * 4_000.25 / 10_000.5)
    by_source = {
        (row.get("funds_year"), row["source"], row["capital_type"]): row
        for row in disbursement["by_source"]
    }
    investment = by_source[(None, "central", "investment")]["pace"]
    assert investment["deadline"] == "2025-01-31"
    assert investment["elapsed_percent"] == pytest.approx(100 * 273 / 396)
    # From the report of 30/09/2024: October to January.
    assert investment["on_track"] is False and investment["months_left"] == 4
    assert investment["per_month_mvnd"] == pytest.approx(51_748 / 4)
    assert investment["projected_rate"] == pytest.approx(50 / (273 / 396))
    recurrent = by_source[(None, "central", "recurrent")]["pace"]
    assert (recurrent["deadline"], recurrent["months_left"]) == ("2024-12-31", 3)
    assert recurrent["elapsed_percent"] == pytest.approx(100 * 273 / 365)
    provincial = by_source[(None, "provincial", "investment")]["pace"]
    assert provincial["on_track"] is True


@pytest.mark.parametrize(
    ("as_of", "deadline", "months"),
    [
        ("2024-12-31", "2025-01-31", 1),  # January alone, not two months
        ("2024-09-30", "2025-01-31", 4),  # October to January
        ("2024-09-30", "2024-12-31", 3),
        ("2024-10-15", "2025-01-31", 4),  # the rest of October counts
        ("2024-02-29", "2024-03-31", 1),
        ("2025-01-31", "2025-01-31", 0),  # the deadline reached: nothing per month
    ],
)
def test_what_is_left_to_disburse_is_spread_over_the_calendar_months_left(
    as_of: str, deadline: str, months: int
) -> None:
    """An office reporting at a month's end counts the months after it: on 31/12 with a
    deadline of 31/01, what is left is to disburse in January, not spread over two months
    (a monthly need shown half as large as it is)."""
    import datetime as dt

    from gnbv.core.programme.pace import Disbursement, pace

    flow = Disbursement(Fraction(1_000), Fraction(400), 1, 0)
    paced = pace(
        flow, dt.date(2024, 1, 1), dt.date.fromisoformat(deadline), dt.date.fromisoformat(as_of)
    )
    assert paced.months_left == months
    assert paced.per_month == (Fraction(600, months) if months else None)


def test_works_and_allocation_reports(cli: Any, workbook: Path) -> None:
    document = _document(cli, workbook, "--max-invalid", "5")
    works = {work["id"]: work["state"] for work in document["works"]}
    assert (works["W1"], works["W2"], works["W5"]) == ("done", "in_time", "not_reported")
    sent = {report["unit"]: report["state"] for report in document["allocation_reports"]}
    assert (sent["Bắc Giang"], sent["Sơn Động"], sent["Yên Thế"]) == ("on_time", "late", "missing")
    assert document["reconciliation"]["ok"] is True  # blank lines: incomplete, not a mismatch


def test_quality_gate_and_tables(cli: Any, workbook: Path) -> None:
    assert _document(cli, workbook)["exit_code"] == 3  # 2 of 82 rows set aside > 1 %
    table = cli("progress", "check", workbook, "--plan", PLAN_2024, "--max-invalid", "5")
    assert "Giải ngân theo nguồn vốn và loại vốn" in table.stdout
    assert "125.435,000 triệu đồng" in table.stdout


def test_check_takes_the_programme_targets_from_the_workbook(cli: Any, workbook: Path) -> None:
    from tests.conftest import ROOT

    census = ROOT / "data" / "households.csv"
    args = ["check", census, "--plan", PLAN_2024, "--format", "json", "--exit-zero"]
    without = json.loads(cli(*args).stdout)
    assert {t["id"]: t["status"] for t in without["targets"]}["T6"] == "no_data"
    document = json.loads(cli(*args, "--progress", workbook).stdout)
    targets = {target["id"]: target for target in document["targets"]}
    assert targets["T6"]["actual"] == pytest.approx(100 * 154_427 / 279_862)
    assert targets["T10"]["status"] == "not_met"


def test_budget_with_progress_shows_both(cli: Any, workbook: Path) -> None:
    result = cli("budget", "--plan", PLAN_2024, "--progress", workbook, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["total_mvnd"] == 279_862
    assert document["progress"]["disbursement"]["by_funds"][0]["disbursed_mvnd"] == 154_427


def test_budget_shows_the_workbook_without_judging_its_quality(cli: Any, workbook: Path) -> None:
    """The budget has no data-quality gate: it said the workbook's 2 rows set aside of 82
    "passed (≤ 100.00%)", a gate no one set."""
    table = cli("budget", "--plan", PLAN_2024, "--progress", workbook, "--lang", "en")
    assert table.exit_code == 0, table.stderr
    assert "Rows set aside" in table.stdout
    assert "Data quality gate" not in table.stdout and "100.00%)" not in table.stdout
    result = cli("budget", "--plan", PLAN_2024, "--progress", workbook, "--format", "json")
    embedded = json.loads(result.stdout)["progress"]["input"]
    assert embedded["rows_set_aside"] == 2
    assert embedded["quality_gate"] is None and embedded["max_invalid_percent"] is None
    checked = json.loads(
        cli("progress", "check", workbook, "--plan", PLAN_2024, "--format", "json").stdout
    )
    assert checked["input"]["quality_gate"] == "failed"


def test_an_allocation_that_does_not_add_up_exits_2(cli: Any, workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    sheet = book["Giải ngân"]
    for row in range(FIRST_ROW, sheet.max_row + 1):
        if sheet.cell(row=row, column=6).value is None and sheet.cell(row=row, column=4).value:
            sheet.cell(row=row, column=6, value=0)
            sheet.cell(row=row, column=7, value=0)
    sheet.cell(row=FIRST_ROW, column=6, value=103_497)  # DA1.1 central investment, one more
    book.save(workbook)
    result = cli("budget", "--plan", PLAN_2024, "--progress", workbook)
    assert result.exit_code == 2
    assert "allocation central investment" in result.stderr


def test_a_workbook_of_another_year_is_refused(cli: Any, workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    book["Thông tin báo cáo"].cell(row=FIRST_ROW + 1, column=2, value=2025)
    book.save(workbook)
    result = cli("progress", "check", workbook, "--plan", PLAN_2024)
    assert result.exit_code == 2 and "năm kế hoạch" in result.stderr


@pytest.mark.parametrize("name", ["tien_do_2024.xls", "tien_do_2024.ods"])
def test_a_progress_workbook_saved_as_xls_or_ods_gives_the_same_report(cli: Any, name: str) -> None:
    """The shipped workbook saved as Excel 97-2003 or as LibreOffice's .ods (by LibreOffice
    ``soffice --headless --convert-to xls`` / ``ods``): it was refused ("save it as .xlsx",
    a zip that is not a CSV); it is read as the census's workbooks are, and gives the
    .xlsx's report."""
    reports = []
    for path in (ROOT / "data" / "tien_do_2024.xlsx", ROOT / "tests" / "data" / name):
        result = cli("progress", "check", path, "--plan", PLAN_2024, "--format", "json")
        assert result.exit_code == 1, result.stderr  # targets not met, as the shipped data has it
        document = json.loads(result.stdout)
        document["input"].pop("file")
        reports.append(document)
    assert reports[0] == reports[1]


def test_a_progress_file_that_is_not_a_workbook_is_refused_with_what_to_give(
    cli: Any, tmp_path: Path
) -> None:
    """A census CSV given as the progress workbook, or a folder without the report table:
    exit 2 and what to give, not an internal error."""
    census = ROOT / "data" / "households.csv"
    result = cli("progress", "check", census, "--plan", PLAN_2024, "--lang", "en")
    assert result.exit_code == 2, result.stderr
    assert "must be an Excel workbook (.xlsx, .xls) or a folder of CSV files" in result.stderr
    assert "gnbv progress template" in result.stderr
    result = cli("progress", "check", tmp_path, "--plan", PLAN_2024, "--lang", "en")
    assert result.exit_code == 2, result.stderr
    assert "no sheet 'Thông tin báo cáo'" in result.stderr


def test_the_workbook_as_a_folder_of_csv_files_gives_the_same_report(
    cli: Any, tmp_path: Path
) -> None:
    """The shipped workbook's tables exported one CSV file per sheet as Excel does in
    Vietnamese Windows (cp1258, ``;``, ``2.725,866``, dates as ``30/09/2024``), in a folder:
    the report of the workbook, and the history keeps each file's hash."""
    from gnbv.synth.office import to_cp1258

    shipped = ROOT / "data" / "tien_do_2024.xlsx"
    folder = tmp_path / "tien_do_2024"
    folder.mkdir()
    for sheet in openpyxl.load_workbook(shipped):
        lines = []
        for values in sheet.iter_rows(values_only=True):
            cells = []
            for value in values:
                if isinstance(value, dt.datetime):
                    value = value.strftime("%d/%m/%Y")
                elif isinstance(value, float):
                    value = _written(Fraction(str(value)), "vi", grouped=True)
                cells.append("" if value is None else str(value))
            lines.append(";".join(cells))
        (folder / f"{sheet.title}.csv").write_bytes(to_cp1258("\r\n".join(lines) + "\r\n"))
    from_workbook, from_folder = _document(cli, shipped), _document(cli, folder)
    assert from_folder["input"].pop("file") == str(folder)
    from_workbook["input"].pop("file")
    assert from_folder == from_workbook
    history = tmp_path / "history.sqlite"
    result = cli("progress", "check", folder, "--plan", PLAN_2024, "--history", history)
    assert result.exit_code == 1, result.stderr
    import sqlite3

    with sqlite3.connect(history) as database:
        (inputs,) = database.execute("select inputs from runs").fetchone()
    assert {Path(name).name for name in json.loads(inputs)} >= {
        "Giải ngân.csv",
        "Tập huấn cán bộ.csv",
    }


def test_progress_forms_and_chart(cli: Any, workbook: Path, tmp_path: Path) -> None:
    out, chart = tmp_path / "progress.xlsx", tmp_path / "chart.svg"
    args = ["--plan", PLAN_2024, "--max-invalid", "5", "--format", "xlsx", "--output", out]
    result = cli("progress", "check", workbook, *args, "--chart", chart)
    assert result.exit_code == 1, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:3] == ["Chỉ tiêu", "Giải ngân theo nguồn vốn", "Giải ngân theo dự án"]
    sheet = book["Giải ngân theo nguồn vốn"]
    assert sheet["A4"].value == "TIẾN ĐỘ GIẢI NGÂN THEO NGUỒN VỐN VÀ LOẠI VỐN NĂM 2024"
    assert (sheet["B10"].value, sheet["E10"].value) == ("2024", 279_862)
    assert len(book["Biểu đồ giải ngân"]._charts) == 4  # one per source × capital type
    svg = chart.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.count("<polyline") == 4
    assert "Ngân sách trung ương — Đầu tư phát triển" in svg


def test_the_printed_forms_say_which_rows_they_leave_out(
    cli: Any, workbook: Path, tmp_path: Path
) -> None:
    """A progress report printed and signed with rows of the workbook set aside said nothing
    of them: the funds form now says how many are left out, and a form lists them (sheet,
    row, column, reason, in the template's words). On every form, narrow ones too, the
    office's name and "Người lập biểu" take two columns at least (on a four-column form they
    were squeezed into the STT column, cut and written over themselves)."""
    out = tmp_path / "progress.xlsx"
    args = ["--plan", PLAN_2024, "--max-invalid", "5", "--format", "xlsx", "--output", out]
    assert cli("progress", "check", workbook, *args).exit_code == 1
    book = openpyxl.load_workbook(out)
    problems = book["Dữ liệu lỗi"]
    rows = [row for row in problems.iter_rows(min_row=10, values_only=True) if row[1]]
    assert rows[:2] == [
        ("1", "Giải ngân", 59, "Giải ngân lũy kế (triệu đồng)", "giải ngân lớn hơn vốn giao"),
        ("2", "Giải ngân", 60, "Dự án/tiểu dự án", "mã dự án không có trong kế hoạch"),
    ]
    notes = [cell.value for cell in book["Giải ngân theo nguồn vốn"]["A"] if cell.value]
    assert any(str(note).startswith("2 trên 81 dòng của sổ tiến độ bị loại") for note in notes)
    issuer = book.worksheets[0]["A1"].value
    assert issuer == "SỞ LAO ĐỘNG - TB&XH"  # the workbook's reporting unit
    narrow, seen = [], 0
    for sheet in book.worksheets:
        spans = {(cells.min_row, cells.min_col): cells.max_col for cells in sheet.merged_cells}
        for (row,) in sheet.iter_rows(min_col=1, max_col=1):
            if row.value in (issuer, "NGƯỜI LẬP BIỂU"):
                seen += 1
                if spans.get((row.row, 1), 1) < 2:
                    narrow.append((sheet.title, row.value))
    assert seen >= 2 * len(book.worksheets) - 2 and not narrow  # every form but the chart


def test_a_district_s_progress_forms_are_issued_by_its_reporting_unit(
    cli: Any, workbook: Path, tmp_path: Path
) -> None:
    """A district's progress workbook says who reports ("Phòng Lao động - TB&XH huyện Sơn
    Động"); its forms were headed by the province's Sở all the same. They are headed by the
    reporting unit, or by --issuer."""
    book = openpyxl.load_workbook(workbook)
    report = book["Thông tin báo cáo"]
    row = next(cell.row for cell in report["A"] if cell.value == "Đơn vị báo cáo")
    report.cell(row, 2, "Phòng Lao động - TB&XH huyện Sơn Động")
    book.save(workbook)

    def issuer(*extra: str) -> str:
        out = tmp_path / "tien_do_forms.xlsx"
        cli("progress", "check", workbook, "--plan", PLAN_2024, "-o", out, *extra)
        return str(openpyxl.load_workbook(out).worksheets[0]["A1"].value)

    assert issuer() == "PHÒNG LAO ĐỘNG - TB&XH HUYỆN SƠN ĐỘNG"
    assert issuer("--issuer", "UBND huyện Sơn Động") == "UBND HUYỆN SƠN ĐỘNG"


def test_a_district_s_progress_forms_are_of_the_district_and_signed_there(
    cli: Any, workbook: Path, tmp_path: Path
) -> None:
    """Under a district office's heading, the forms said "Bắc Giang, ngày …" over the
    signatures and named the province as their unit. They are the district's; an office of
    the province ("… tỉnh Bắc Giang", Bắc Giang also a city) signs in the province."""
    book = openpyxl.load_workbook(workbook)
    report = book["Thông tin báo cáo"]
    row = next(cell.row for cell in report["A"] if cell.value == "Đơn vị báo cáo")

    def texts(unit: str) -> list[str]:
        report.cell(row, 2, unit)
        book.save(workbook)
        out = tmp_path / "forms.xlsx"
        cli("progress", "check", workbook, "--plan", PLAN_2024, "-o", out)
        sheet = openpyxl.load_workbook(out).worksheets[0]
        return [str(cell.value) for line in sheet.iter_rows() for cell in line if cell.value]

    district = texts("Phòng Lao động - TB&XH huyện Sơn Động")
    assert any(text.startswith("Sơn Động, ngày") for text in district)
    assert any(text.startswith("Đơn vị: Sơn Động") for text in district)
    province = texts("Sở Lao động - TB&XH tỉnh Bắc Giang")
    assert any(text.startswith("Bắc Giang, ngày") for text in province)
    assert any(text.startswith("Đơn vị: tỉnh Bắc Giang —") for text in province)


def _written(amount: Fraction, convention: str, grouped: bool) -> str:
    """An amount of million VND as an office writes it: ``2.725,866`` or ``2,725.866``."""
    whole, thousandths = divmod(amount * 1000, 1000)
    digits = f"{int(whole):,}" if grouped else str(int(whole))
    decimals = f"{int(thousandths):03d}".rstrip("0")
    thousands, point = (".", ",") if convention == "vi" else (",", ".")
    digits = digits.replace(",", thousands)
    return digits + (point + decimals if decimals else "")


@given(
    amounts=st.lists(
        st.fractions(min_value=0, max_value=10_000_000, max_denominator=1000).map(
            lambda amount: Fraction(round(amount * 1000), 1000)
        ),
        min_size=1,
        max_size=8,
    ),
    convention=st.sampled_from(["vi", "en"]),
    grouped=st.booleans(),
)
def test_amounts_written_as_a_column_writes_them_read_as_the_amounts(
    amounts: list[Fraction], convention: str, grouped: bool
) -> None:
    """Every amount of a column is read as written in the column's convention, shown by a
    cell that can only be read one way (``1.234.567`` or ``1,234,567``): ``487,987`` in a
    Vietnamese column is 487.987 million VND, never 487,987."""
    cells = [_written(amount, convention, grouped) for amount in amounts]
    proof = _written(Fraction(1_234_567), convention, grouped=True)
    rows = [(row, {"allocated_mvnd": cell}) for row, cell in enumerate([*cells, proof], 6)]
    assert number_conventions(rows, ("allocated_mvnd",)) == {"allocated_mvnd": convention}
    assert [parse_amount(cell, convention) for cell in cells] == amounts


@pytest.mark.parametrize("convention", ["vi", "en"])
def test_a_workbook_writing_its_amounts_as_text_gives_the_report_of_the_numbers(
    cli: Any, tmp_path: Path, convention: str
) -> None:
    """The shipped workbook with every amount of its funds sheet typed as text, as an office
    pastes them (``7.067`` beside ``2.725,866``, or ``7,067`` beside ``2,725.866``): the same
    figures, where alone ``7.067`` could be 7.067 and ``487,987`` was read as 487,987."""
    shipped = ROOT / "data" / "tien_do_2024.xlsx"
    book = openpyxl.load_workbook(shipped)
    for row in book["Giải ngân"].iter_rows(min_row=FIRST_ROW):
        for cell in row[5:7]:
            if isinstance(cell.value, int | float):
                amount = Fraction(str(cell.value))
                cell.value = _written(amount, convention, grouped=True)
    typed = tmp_path / "tien_do_text.xlsx"
    book.save(typed)
    as_numbers, as_text = _document(cli, shipped), _document(cli, typed)
    for document in (as_numbers, as_text):
        document["input"].pop("file")
    assert as_text == as_numbers
    assert as_text["input"]["rows_set_aside"] == 0


def test_an_allocation_a_formula_summed_is_the_amount_excel_shows(cli: Any, tmp_path: Path) -> None:
    """An allocation computed by =SUM of amounts with one decimal (1882.1 + 2300.2 + 2884.7,
    held by the workbook as 7066.999999999999) beside its full disbursement typed as 7.067:
    Excel shows 7.067 in both, gnbv set the line aside as "more disbursed than allocated"
    and the workbook failed its gate (exit 3). The same report as the amount typed."""
    shipped = ROOT / "data" / "tien_do_2024.xlsx"
    book = openpyxl.load_workbook(shipped)
    funds = book["Giải ngân"]
    assert (funds.cell(FIRST_ROW, 6).value, funds.cell(FIRST_ROW, 7).value) == (7067, 2725.866)
    funds.cell(FIRST_ROW, 6).value = 1882.1 + 2300.2 + 2884.7
    funds.cell(FIRST_ROW, 7).value = 7067
    summed = tmp_path / "tien_do_cong_thuc.xlsx"
    book.save(summed)
    funds.cell(FIRST_ROW, 6).value = 7067
    typed = tmp_path / "tien_do_go_tay.xlsx"
    book.save(typed)
    as_summed, as_typed = _document(cli, summed), _document(cli, typed)
    assert as_summed["input"]["rows_set_aside"] == 0
    for document in (as_summed, as_typed):
        document["input"].pop("file")
    assert as_summed == as_typed


def test_a_completion_written_with_a_percent_sign_is_read(cli: Any, workbook: Path) -> None:
    """``60 %`` in the works' completion column is 60, as ``60`` is: not a row set aside."""
    as_number = _document(cli, workbook, "--max-invalid", "5")
    book = openpyxl.load_workbook(workbook)
    works = book["Công trình"]
    for row in range(FIRST_ROW, works.max_row + 1):
        if works.cell(row=row, column=4).value == 60:
            works.cell(row=row, column=4, value="60 %")
    book.save(workbook)
    assert _document(cli, workbook, "--max-invalid", "5") == as_number


def test_rows_set_aside_are_named_in_the_workbooks_words(cli: Any, workbook: Path) -> None:
    """The rows of the progress workbook set aside are listed by the template's sheet and
    column names and the reason in words (they were codes: "disbursement",
    "disbursed_mvnd", "disbursed_over_allocated"); the warning writes its share as the tables
    do ("2.47%" on a Vietnamese screen) and points to the report, not to a --rejects option
    the command does not have."""
    result = cli("progress", "check", workbook, "--plan", PLAN_2024, "--max-invalid", "5")
    assert re.search(r"2 trên \d+ dòng của sổ tiến độ bị loại \(\d+,\d\d%\)", result.stderr)
    assert "--rejects" not in result.stderr
    table = " ".join(result.stdout.split())  # the table's cells folded over their lines
    assert "Giải ngân 59 Giải ngân lũy kế (triệu đồng) giải ngân lớn hơn vốn giao" in table
    assert "mã dự án không có trong kế hoạch" in table
    for code in ("disbursement", "disbursed_mvnd", "disbursed_over_allocated", "unknown_project"):
        assert code not in result.stdout


def test_a_sheet_without_one_of_its_columns_is_refused_naming_it(cli: Any, tmp_path: Path) -> None:
    """A disbursement sheet whose 'Giải ngân lũy kế (triệu đồng)' column was renamed read
    every amount as unknown and said T6 had no data "because no household or person is in
    scope": now refused (exit 2), naming the sheet, the column and the header not
    recognised. An optional column (the unit using the funds) may still be left out."""
    shipped = ROOT / "data" / "tien_do_2024.xlsx"
    book = openpyxl.load_workbook(shipped)
    sheet = book["Giải ngân"]
    for row in sheet.iter_rows(max_row=10):
        for cell in row:
            if cell.value == "Giải ngân lũy kế (triệu đồng)":
                cell.value = "Đã giải ngân (đồng)"
    renamed = tmp_path / "tien_do_renamed_column.xlsx"
    book.save(renamed)
    refused = cli("progress", "check", renamed, "--plan", PLAN_2024)
    assert refused.exit_code == 2, refused.stderr
    assert "sheet 'Giải ngân': không có cột 'Giải ngân lũy kế (triệu đồng)'" in refused.stderr
    assert "'Đã giải ngân (đồng)'" in refused.stderr
    book = openpyxl.load_workbook(shipped)
    book["Giải ngân"].delete_cols(5)  # Đơn vị sử dụng vốn: optional
    without_unit = tmp_path / "tien_do_without_unit.xlsx"
    book.save(without_unit)
    assert cli("progress", "check", without_unit, "--plan", PLAN_2024).exit_code == 1


def test_a_workbook_without_its_training_sheet_says_why_t10_has_no_data(
    cli: Any, tmp_path: Path
) -> None:
    """T10 with no training sheet: no data, said of the workbook (it said "no household or
    person in scope", a census's reason)."""
    book = openpyxl.load_workbook(ROOT / "data" / "tien_do_2024.xlsx")
    del book["Tập huấn cán bộ"]
    path = tmp_path / "tien_do_without_training.xlsx"
    book.save(path)
    result = cli("progress", "check", path, "--plan", PLAN_2024)
    assert "T10: sổ tiến độ không ghi số cán bộ nào" in result.stdout
    assert "không có hộ, người" not in result.stdout


@pytest.mark.parametrize(
    "written",
    [
        "30/09/2024",
        "30/9/2024",
        "30-09-2024",
        "30.09.2024",
        "2024-09-30",
        "2024-09-30 00:00:00",  # a workbook's date as a table exported to CSV writes it
        "ngày 30 tháng 9 năm 2024",  # as an office writes a date in a document
        "Ngày 30 tháng 09 năm 2024",
    ],
)
def test_dates_written_as_offices_write_them(written: str) -> None:
    import datetime as dt

    from gnbv.core.programme.progress_cells import parse_date

    assert parse_date(written) == dt.date(2024, 9, 30)


@pytest.mark.parametrize("written", ["30/09/24", "9/30/2024", "ngày 31 tháng 9 năm 2024", "x"])
def test_what_is_not_surely_a_date_is_not_taken_for_one(written: str) -> None:
    from gnbv.core.programme.progress_cells import parse_date

    assert parse_date(written) == "not_a_date"


def test_the_progress_json_gives_the_words_for_its_codes(cli: Any, workbook: Path) -> None:
    """As the census check's JSON does: its codes stay (programs read them), a ``labels``
    block gives the words for a person reading it, in the run's language."""
    document = _document(cli, workbook, "--max-invalid", "5")
    labels = document["labels"]
    assert labels["reasons"]["disbursed_over_allocated"] == "giải ngân lớn hơn vốn giao"
    assert labels["status"]["not_met"] == "không đạt"
    budget = cli("budget", "--plan", PLAN_2024, "--progress", workbook, "--format", "json")
    embedded = json.loads(budget.stdout)["progress"]["labels"]
    assert embedded["reasons"]["unknown_project"] == "mã dự án không có trong kế hoạch"


def test_cells_merged_over_several_rows_give_their_value_to_each(cli: Any, tmp_path: Path) -> None:
    """An office merges the year of funds and the project over their rows: each row is
    the rows' own, not a row with no year or project set aside."""
    shipped = ROOT / "data" / "tien_do_2024.xlsx"
    book = openpyxl.load_workbook(shipped)
    sheet = book["Giải ngân"]
    merged = 0
    for column in (1, 4):  # Năm nguồn vốn, Dự án/tiểu dự án
        top = FIRST_ROW
        for row in range(FIRST_ROW + 1, sheet.max_row + 2):
            same = row <= sheet.max_row and (
                sheet.cell(row=row, column=column).value == sheet.cell(row=top, column=column).value
            )
            if not same:
                if row - 1 > top:
                    sheet.merge_cells(
                        start_row=top, start_column=column, end_row=row - 1, end_column=column
                    )
                    merged += 1
                top = row
    assert merged > 10
    form = tmp_path / "merged.xlsx"
    book.save(form)

    def report(path: Path) -> dict[str, Any]:
        args = ["progress", "check", path, "--plan", PLAN_2024, "--format", "json"]
        document: dict[str, Any] = json.loads(cli(*args).stdout)
        document["input"].pop("file")
        return document

    assert report(form) == report(shipped)


def test_a_signature_block_under_the_tables_is_skipped_not_set_aside(
    cli: Any, tmp_path: Path
) -> None:
    """The filled workbook signed under each table (place and date, "Người lập biểu",
    "(Ký, ghi rõ họ tên)", a name): 13 of 112 rows were set aside and the quality gate
    failed (exit 3). They are skipped and said, sheet by sheet; the report is the unsigned
    workbook's."""
    workbook = openpyxl.load_workbook(ROOT / "data" / "tien_do_2024.xlsx")
    for sheet in workbook.worksheets[1:]:
        last = sheet.max_row
        sheet.cell(row=last + 2, column=1, value="Bắc Giang, ngày 30 tháng 9 năm 2024")
        sheet.cell(row=last + 3, column=1, value="Người lập biểu")
        sheet.cell(row=last + 3, column=4, value="Thủ trưởng đơn vị")
        sheet.cell(row=last + 4, column=1, value="(Ký, ghi rõ họ tên)")
        sheet.cell(row=last + 7, column=1, value="Nguyễn Văn An")
    signed = tmp_path / "tien_do_co_chu_ky.xlsx"
    workbook.save(signed)
    command = ["progress", "check", "--plan", PLAN_2024, "--format", "json"]
    found = json.loads(cli(*command[:2], signed, *command[2:]).stdout)
    plain = json.loads(cli(*command[:2], ROOT / "data" / "tien_do_2024.xlsx", *command[2:]).stdout)
    assert found["input"]["rows_set_aside"] == 0
    assert found["input"]["quality_gate"] == "passed"
    assert found["targets"] == plain["targets"]
    assert found["disbursement"] == plain["disbursement"]
    skipped = found["input"]["skipped_rows"]
    assert len(skipped) == 4 * 5 and {row["reason"] for row in skipped} == {"no_data"}
    table = cli("progress", "check", signed, "--plan", PLAN_2024).stdout
    assert "Dòng không có số liệu bỏ qua (ghi chú, chữ ký dưới bảng): Giải ngân: dòng" in table


def test_a_line_whose_figures_are_missing_stays_a_line_with_a_problem(tmp_path: Path) -> None:
    """A disbursement line naming only its project, or a work with only its id: lines the
    office has not filled in, not notes."""
    from gnbv.core.programme.progress import validate_progress
    from gnbv.io.yaml_loader import load_plan

    plan = load_plan(PLAN_2024)
    report = [
        (6, {"key": "province", "value": "Bắc Giang"}),
        (7, {"key": "plan_year", "value": 2024}),
        (8, {"key": "as_of", "value": dt.datetime(2024, 9, 30)}),
    ]
    sheets = {
        "report": report,
        "disbursement": [(6, {"project": "DA1.1"}), (7, {"source": "NSTW", "project": "x"})],
        "works": [(6, {"work_id": "CT-01", "progress_pct": "chưa rõ"})],
    }
    progress = validate_progress(sheets, plan)
    assert progress.skipped == []
    assert {(problem.sheet, problem.row) for problem in progress.problems} >= {
        ("disbursement", 6),
        ("disbursement", 7),
        ("works", 6),
    }


def test_a_disbursement_showing_an_excel_error_is_set_aside_not_read_as_unknown(
    cli: Any, tmp_path: Path
) -> None:
    """A disbursement whose formula failed (#DIV/0!) was read as a blank cell, an amount not
    known yet, and the row counted: it is set aside as ``excel_error``, so the office mends
    the formula (and the gate says the workbook is not ready). So is a source or a unit
    looked up by a formula that found nothing (#N/A): not an unknown source, not a unit
    named "#N/A"."""
    book = openpyxl.load_workbook(ROOT / "data" / "tien_do_2024.xlsx")
    for row, column, shown in ((7, 7, "#DIV/0!"), (9, 2, "#N/A"), (12, 5, "#N/A")):
        cell = book["Giải ngân"].cell(row=row, column=column)
        cell.value, cell.data_type = shown, "e"
    path = tmp_path / "tien_do_loi.xlsx"
    book.save(path)
    result = cli("progress", "check", path, "--plan", PLAN_2024, "--format", "json")
    found = json.loads(result.stdout)["input"]
    assert [(p["row"], p["column"], p["reason"]) for p in found["problems"]] == [
        (7, "disbursed_mvnd", "excel_error"),
        (9, "source", "excel_error"),
        (12, "unit", "excel_error"),
    ]

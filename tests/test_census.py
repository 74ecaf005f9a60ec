"""Reading and validating census files: every bad row is set aside with its reason, none lost."""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from gnbv.core.analysis.check import classification_table
from gnbv.core.contract.columns import required_columns
from gnbv.core.plan.standards import Standard
from gnbv.core.validation.batch import validate_census
from gnbv.synth.office import to_cp1258
from tests.conftest import DATA, PLAN_2024, REQUIRED, ROOT, household, read_census, write_census

EXPECTED_CLASSES = {
    "R-LINE-3": "poor",  # income exactly at the rural line, 3 deprivations
    "R-LINE-2": "near_poor",  # at the line, 2 deprivations
    "R-ABOVE-3": "middle",  # one dong above the line: never poor, whatever the deprivations
    "R-UPPER": "middle",  # exactly at the middle band's upper edge
    "R-ABOVE-UPPER": "non_poor",  # one dong above it
    "U-LINE-3": "poor",
    "U-LINE-2": "near_poor",
    "U-ABOVE-12": "middle",
    "U-UPPER": "middle",
    "U-ABOVE-UPPER": "non_poor",
    "R-ZERO-0": "near_poor",
    "R-LOW-12": "poor",
}


def test_classification_at_the_edges(nd07: Standard) -> None:
    """Lines are inclusive (≤), poor needs ≥ 3 deprivations, the middle band is (line, upper]."""
    required = required_columns(nd07.deprivation_columns)
    raw = read_census(DATA / "census_classification_edges.csv", required).frame
    table = classification_table(validate_census(raw, required), nd07)
    assert dict(zip(table["household_id"], table["class"].astype(str), strict=True)) == (
        EXPECTED_CLASSES
    )
    assert dict(zip(table["household_id"], table["deprivations"], strict=True))["R-LINE-2"] == 2


@pytest.mark.parametrize(
    ("fixture", "reason", "column"),
    [
        ("census_duplicate_id.csv", "duplicate_id", "household_id"),
        ("census_non_numeric_income.csv", "not_a_number", "income_per_capita"),
        ("census_negative_members.csv", "out_of_range", "members"),
        ("census_fractional_members.csv", "not_an_integer", "members"),
        ("census_unknown_area.csv", "invalid_area", "area"),
        ("census_invalid_boolean.csv", "invalid_boolean", "dep_water"),
        ("census_blank_required.csv", "missing_value", "commune"),
        ("census_count_exceeds_total.csv", "count_exceeds_total", "insured_members"),
        ("census_invalid_status.csv", "invalid_status", "status_prev"),
    ],
)
def test_each_kind_of_bad_row(cli: object, fixture: str, reason: str, column: str) -> None:
    """The bad row (row 5) is set aside with its reason; the 3 good rows go on; gate → exit 3."""
    result = cli("check", DATA / fixture, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    assert result.exit_code == 3
    assert "Traceback" not in result.stderr
    document = json.loads(result.stdout)
    assert document["input"]["rows"] == 4
    assert document["input"]["valid_rows"] == 3
    assert document["input"]["invalid_rows"] == 1
    assert document["input"]["invalid_by_reason"] == {reason: 1}
    assert document["input"]["quality_gate"] == "failed"
    assert document["status"] == "quality_gate_failed" and document["exit_code"] == 3
    [problem] = document["input"]["problems"]
    assert (problem["row"], problem["column"], problem["reason"]) == (5, column, reason)
    assert problem["household_id"] in ("B1", "G2")
    assert "lỗi: không đạt ngưỡng chất lượng dữ liệu" in result.stderr


def test_an_id_pasted_with_a_zero_width_space_is_the_same_id(cli: object, tmp_path: Path) -> None:
    """ "S1" and "S1" followed by a zero-width space (pasted from a web page) print alike:
    the repeat was not found, two households counted. It is one id."""
    lines = (ROOT / "tests" / "corpus" / "files" / "canonical.csv").read_text("utf-8").splitlines()
    census = tmp_path / "pasted_id.csv"
    census.write_text("\n".join([*lines, lines[1].replace("S1,", "S1\u200b,", 1)]) + "\n", "utf-8")
    result = cli("check", census, "--plan", PLAN_2024, "--format", "json", "--max-invalid", "100")  # type: ignore[operator]
    assert json.loads(result.stdout)["input"]["invalid_by_reason"] == {"duplicate_id": 1}


@pytest.mark.parametrize(
    ("written", "name"),
    [("\u00a0S1", "no_break_space_before"), ("S1\u2009", "thin_space_after")],
)
def test_an_id_with_a_space_of_another_kind_around_it_is_the_same_id(
    cli: object, tmp_path: Path, written: str, name: str
) -> None:
    """ "S1" written with a no-break space before it or a thin space after it (a document's
    spaces): the repeat was found only when another cell of the row was doubtful; else two
    households were counted. It is one id, whatever else the row holds."""
    lines = (ROOT / "tests" / "corpus" / "files" / "canonical.csv").read_text("utf-8").splitlines()
    census = tmp_path / f"census_id_with_a_{name}.csv"
    census.write_text(
        "\n".join([*lines, lines[1].replace("S1,", f"{written},", 1)]) + "\n", "utf-8"
    )
    result = cli("check", census, "--plan", PLAN_2024, "--format", "json", "--max-invalid", "100")  # type: ignore[operator]
    assert json.loads(result.stdout)["input"]["invalid_by_reason"] == {"duplicate_id": 1}


def test_ids_excel_shortened_are_named_so_not_taken_for_repeats(cli: object) -> None:
    """Ids a spreadsheet saved as "2.40123E+11" (a long number in a General cell): they
    were "duplicate_id", the first of each kept as a household. Every such row is set
    aside as ``id_shortened``, and the words say what to do."""
    census = DATA / "census_id_shortened_by_excel.csv"
    result = cli("check", census, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    document = json.loads(result.stdout)
    assert document["input"]["valid_rows"] == 2
    assert document["input"]["invalid_by_reason"] == {"id_shortened": 2}
    assert [p["row"] for p in document["input"]["problems"]] == [3, 5]
    assert "định dạng cột Mã hộ là Văn bản" in document["labels"]["reasons"]["id_shortened"]


def test_bad_cell_values_are_not_printed(cli: object) -> None:
    """Errors name row, household id and column, never the cell's content (personal data)."""
    result = cli(
        "check", DATA / "census_non_numeric_income.csv", "--plan", PLAN_2024, "--format", "json"
    )  # type: ignore[operator]
    assert "abc" not in result.stdout + result.stderr


def test_max_invalid_lets_a_run_through(cli: object) -> None:
    result = cli(
        "check",
        DATA / "census_unknown_area.csv",
        "--plan",
        PLAN_2024,
        "--max-invalid",
        "30",
        "--format",
        "json",
        "--exit-zero",
    )  # type: ignore[operator]
    assert result.exit_code == 0
    assert json.loads(result.stdout)["input"]["quality_gate"] == "passed"


def test_missing_columns_are_listed_in_one_message(cli: object) -> None:
    result = cli("check", DATA / "census_missing_columns.csv", "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"error: {DATA / 'census_missing_columns.csv'}: missing required columns: "
        "Thu nhập bình quân (income_per_capita), Thiếu hụt nguồn nước sinh hoạt (dep_water)\n"
    )
    assert "Traceback" not in result.stderr


def test_a_header_that_almost_matches_is_suggested(cli: object) -> None:
    """Without accents, or with a typo: named by the header users know, and suggested."""
    result = cli("check", DATA / "census_headers_almost.csv", "--plan", PLAN_2024)  # type: ignore[operator]
    assert result.exit_code == 2
    assert "thiếu cột bắt buộc: Số nhân khẩu (members), Thu nhập bình quân" in result.stderr
    assert "gợi ý: cột 'Số nhân khảu' có phải là 'Số nhân khẩu'?" in result.stderr
    assert (
        "cột 'Thu nhap binh quan dau nguoi/thang' có phải là 'Thu nhập bình quân đầu người/tháng'?"
    ) in result.stderr


def test_a_header_stating_thousands_of_dong_is_refused(cli: object, tmp_path: Path) -> None:
    """Read as written, "950" under "(nghìn đồng)" is 950 đồng: every household poor. The
    column is named with its unit and what to write instead; in a workbook too."""
    census = DATA / "census_income_header_in_thousands.csv"
    result = cli("check", census, "--plan", PLAN_2024)  # type: ignore[operator]
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == [
        f"lỗi: {census}: cột 6 'Thu nhập bình quân đầu người/tháng (nghìn đồng)' ghi theo "
        "nghìn đồng; gnbv đọc cột này theo đồng/người/tháng",
        "gợi ý: đổi số liệu sang đồng/người/tháng (1.500 nghìn đồng là 1.500.000 đồng) và "
        "đặt tiêu đề 'Thu nhập bình quân (đồng/người/tháng)'",
    ]
    workbook = tmp_path / "census.xlsx"
    pd.read_csv(census, dtype=str, keep_default_na=False).to_excel(workbook, index=False)
    result = cli("check", workbook, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2 and "is in nghìn đồng" in result.stderr


def test_a_header_with_a_colon_or_a_star_after_it_is_read(cli: object, tmp_path: Path) -> None:
    """ "Mã hộ:", "Số nhân khẩu *" (a required column's star): the names were refused as
    missing columns; the report is that of the census headed without the marks. A unit
    gnbv does not read in is still refused with its colon ("(nghìn đồng):"), not read a
    thousand times too small."""
    canonical = DATA / "census_under_a_million_canonical.csv"
    lines = canonical.read_text(encoding="utf-8").splitlines()
    marked = tmp_path / "marked.csv"
    header = lines[0].replace("household_id", "Mã hộ:").replace(",members,", ",Số nhân khẩu *,")
    marked.write_text("\n".join([header, *lines[1:]]) + "\n", "utf-8")

    def report(path: Path) -> dict[str, object]:
        args = ["check", path, "--plan", PLAN_2024, "--format", "json", "--exit-zero"]
        result = cli(*args)  # type: ignore[operator]
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        for key in ("file", "sha256"):  # which file, not what it says
            document["input"].pop(key)
        return {key: document[key] for key in ("input", "households", "communes", "targets")}

    assert report(marked) == report(canonical)
    in_thousands = tmp_path / "thousands.csv"
    header = lines[0].replace("income_per_capita", "Thu nhập bình quân (nghìn đồng):")
    in_thousands.write_text("\n".join([header, *lines[1:]]) + "\n", "utf-8")
    result = cli("check", in_thousands, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2 and "is in nghìn đồng" in result.stderr


def _what_it_says(cli: object, path: Path) -> dict[str, object]:
    """A census's report without what says which file it is and how it is stored."""
    args = ["check", path, "--plan", PLAN_2024, "--format", "json", "--exit-zero"]
    result = cli(*args)  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    for key in ("file", "sha256", "format", "sheet", "encoding", "delimiter"):
        document["input"].pop(key)
    return {key: document[key] for key in ("input", "households", "persons", "communes", "targets")}


def test_headers_with_the_forms_column_numbers_are_read(cli: object, tmp_path: Path) -> None:
    """A form's column number in its header's cell, before the name or on the cell's second
    line ("1. Mã hộ", "(3) Xã", "Số nhân khẩu" over "(5)", "Khu vực (cột 4)"): "Số nhân khẩu
    (5)" was refused as written in a unit "5", the others as missing columns. The report is
    that of the census headed without them, from a CSV and from a workbook. A unit gnbv does
    not read in is still refused with a number after it."""
    numbered = DATA / "census_headers_with_column_numbers.csv"
    canonical = DATA / "census_under_a_million_canonical.csv"
    assert _what_it_says(cli, numbered) == _what_it_says(cli, canonical)
    workbook = tmp_path / "census.xlsx"
    pd.read_csv(numbered, dtype=str, keep_default_na=False).to_excel(workbook, index=False)
    assert _what_it_says(cli, workbook) == _what_it_says(cli, canonical)
    lines = canonical.read_text(encoding="utf-8").splitlines()
    in_thousands = tmp_path / "thousands.csv"
    header = lines[0].replace("income_per_capita", "6. Thu nhập bình quân (nghìn đồng) (6)")
    in_thousands.write_text("\n".join([header, *lines[1:]]) + "\n", "utf-8")
    result = cli("check", in_thousands, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2 and "is in nghìn đồng" in result.stderr


@pytest.mark.parametrize(
    ("column", "header"),
    [
        ("income_per_capita", "Thu nhập BQ (đồng/người/tháng)"),
        ("income_per_capita", "Thu nhập BQ"),
        ("income_per_capita", "Thu nhập BQ đầu người/tháng"),
        ("income_per_capita", "TNBQ"),
        ("income_per_capita", "TNBQ (đồng/người/tháng)"),
        ("household_id", "Mã số hộ"),
        ("household_id", "Mã số hộ gia đình"),
    ],
)
def test_headers_abbreviated_or_worded_as_tables_do_are_read(
    cli: object, tmp_path: Path, column: str, header: str
) -> None:
    """ "Thu nhập BQ (đồng/người/tháng)", as gnbv's own lists head the column, "TNBQ", as
    reports shorten it, "Mã số hộ", as lists name the code: each was a missing column."""
    canonical = DATA / "census_under_a_million_canonical.csv"
    lines = canonical.read_text(encoding="utf-8").splitlines()
    worded = tmp_path / "census.csv"
    written = [lines[0].replace(column, header), *lines[1:]]
    worded.write_text("\n".join(written) + "\n", "utf-8")
    assert _what_it_says(cli, worded) == _what_it_says(cli, canonical)


def test_indicators_named_and_numbered_as_the_decree_does_are_read(cli: object) -> None:
    """ "Thiếu hụt" over "1.1 Việc làm", "1.2 Người phụ thuộc trong hộ gia đình", … "6.2
    Phương tiện phục vụ tiếp cận thông tin" (Decree 07/2021's numbers and names), under a
    title: the twelve deprivations were missing columns; the households are those of the
    census headed with gnbv's names."""
    numbered = _what_it_says(cli, DATA / "census_indicators_numbered_under_a_heading.csv")
    canonical = _what_it_says(cli, DATA / "census_under_a_million_canonical.csv")
    assert numbered["input"]["invalid_rows"] == 0  # type: ignore[index]
    for key in ("households", "persons", "communes", "targets"):
        assert numbered[key] == canonical[key]


def test_headers_stating_the_units_gnbv_reads_in_are_read(cli: object) -> None:
    """ "Thu nhập bình quân (VNĐ/người/tháng)", "Số nhân khẩu (người)": the report of the
    file headed without units; so do headers with a note in brackets."""

    def report(name: str) -> dict[str, object]:
        args = ["check", DATA / name, "--plan", PLAN_2024, "--format", "json", "--exit-zero"]
        result = cli(*args)  # type: ignore[operator]
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        return {key: document[key] for key in ("households", "persons", "communes", "targets")}

    assert report("census_headers_with_units.csv") == report("census_under_a_million_canonical.csv")
    # A note in brackets is no unit: "Thu nhập bình quân (ước tính)" was refused as "ghi theo
    # ước tính", "Mã hộ (theo phần mềm)" as a missing column; they are read.
    assert report("census_headers_with_notes.csv") == report("census_under_a_million_canonical.csv")


def test_figures_written_with_the_unit_they_are_read_in_are_read(cli: object) -> None:
    """ "950.000 đ", "1.800.000 đồng", "4.000.000 VNĐ", "950.000 ₫", "5 người": the report of
    the file written without units (the dotted thousands decided as ever)."""

    def report(name: str) -> dict[str, object]:
        args = ["check", DATA / name, "--plan", PLAN_2024, "--format", "json", "--exit-zero"]
        result = cli(*args)  # type: ignore[operator]
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        assert document["input"]["invalid_rows"] == 0
        return {key: document[key] for key in ("households", "persons", "communes", "targets")}

    assert report("census_income_with_unit.csv") == report("census_under_a_million_canonical.csv")
    # Excel's currency format on a Vietnamese system: "950.000 ₫" (a space or a no-break
    # space before the sign), as its CSV writes it; every row was set aside as not a number.
    in_currency = report("census_income_in_currency_format.csv")
    assert in_currency == report("census_under_a_million_canonical.csv")


def test_figures_with_their_unit_and_no_separator_are_read_and_said(
    cli: object, tmp_path: Path
) -> None:
    """ "1500000 đồng": the unit alone makes the reader look at the column, and the report
    says the unit was set aside."""
    rows = [household(f"U{n}", income_per_capita=f"{1_400_000 + n} đồng") for n in range(3)]
    census = write_census(tmp_path / "c.csv", rows)
    result = cli("check", census, "--plan", PLAN_2024, "--format", "json", "--exit-zero")  # type: ignore[operator]
    document = json.loads(result.stdout)
    assert document["input"]["invalid_rows"] == 0
    assert {"code": "units_in_cells", "columns": ["income_per_capita"]} in document["input"][
        "decisions"
    ]
    shown = cli("check", census, "--plan", PLAN_2024, "--exit-zero")  # type: ignore[operator]
    assert "Số ghi kèm đơn vị ở cột Thu nhập bình quân" in shown.stdout


def test_a_figure_in_thousands_of_dong_is_not_read_as_dong(cli: object, tmp_path: Path) -> None:
    """ "1.500 nghìn đồng" is not 1.500 đồng: the row is set aside, not classified poor."""
    rows = [household("A", income_per_capita="1.500 nghìn đồng"), household("B")]
    census = write_census(tmp_path / "c.csv", rows)
    args = ["check", census, "--plan", PLAN_2024, "--format", "json", "--max-invalid", "100"]
    document = json.loads(cli(*args).stdout)  # type: ignore[operator]
    assert document["input"]["invalid_by_reason"] == {"not_a_number": 1}
    assert document["households"]["total"] == 1


def test_rejects_file_holds_the_set_aside_rows(cli: object, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.csv"
    result = cli(
        "check",
        DATA / "census_duplicate_id.csv",
        "--plan",
        PLAN_2024,
        "--rejects",
        rejects,
        "--max-invalid",
        "50",
        "--exit-zero",
        "--lang",
        "en",
    )  # type: ignore[operator]
    assert result.exit_code == 0
    frame = pd.read_csv(rejects, dtype=str, encoding="utf-8-sig")
    assert frame["Row in the file"].tolist() == ["5"]
    assert frame["Why set aside"].tolist() == [
        "household_id: household_id already seen on an earlier row (the first is kept)"
    ]
    assert frame["Reason codes"].tolist() == ["household_id:duplicate_id"]
    assert frame["household_id"].tolist() == ["G2"]


def test_rejects_file_gives_numbers_as_the_census_writes_them(cli: object, tmp_path: Path) -> None:
    """A household set aside for its area keeps its 4 members and its income of 3000000 as
    written, though the other row set aside beside it has both blank (they read "4.0" and
    "3000000.0")."""
    rows = [household("A"), household("B", area="núi", members="4", income_per_capita="3000000")]
    rows.append(household("C", members="", income_per_capita=""))
    census = write_census(tmp_path / "census_blank_number_beside_a_bad_area.csv", rows)
    rejects = tmp_path / "rejects.csv"
    args = ["--plan", PLAN_2024, "--rejects", rejects, "--exit-zero", "--lang", "en"]
    cli("check", census, *args)  # type: ignore[operator]
    frame = pd.read_csv(rejects, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert frame["household_id"].tolist() == ["B", "C"]
    assert frame["members"].tolist() == ["4", ""]
    assert frame["income_per_capita"].tolist() == ["3000000", ""]


@pytest.mark.parametrize("name", ["census.csv", "census.csv.gz", "census_cp1258.csv", "c.xlsx"])
def test_rejects_file_gives_yes_and_no_as_the_census_writes_them(
    cli: object, tmp_path: Path, name: str
) -> None:
    """A district writing yes and no as "Có", "không", "1" and "0": a household set aside
    for its area shows them as written, whatever the kind of file (a gzipped or a cp1258 CSV
    showed "true" and "false", in English, where the commune wrote "Có" and "0")."""
    written = {"dep_water": "Có", "dep_sanitation": "không", "dep_telecom": "1", "meritorious": "0"}
    rows = [household("A", **written), household("B", area="núi", **written)]
    census = _written(pd.DataFrame(rows), tmp_path / name)
    rejects = tmp_path / "rejects.csv"
    args = ["--plan", PLAN_2024, "--rejects", rejects, "--exit-zero", "--lang", "en"]
    cli("check", census, *args)  # type: ignore[operator]
    frame = pd.read_csv(rejects, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert frame["household_id"].tolist() == ["B"]
    assert {column: frame[column].iloc[0] for column in written} == written


def test_rejects_file_gives_names_composed_from_a_cp1258_census(
    cli: object, tmp_path: Path
) -> None:
    """Excel's cp1258 "CSV" writes a tone mark apart from its letter ("Động" as "Đông" and a
    combining dot): the rejects file writes the names composed, as from a UTF-8 census, so
    that "Sơn Động" typed in a spreadsheet's filter finds the household."""
    rows = [household("A"), household("B", area="núi", commune="Thạch Sơn")]
    census = _written(pd.DataFrame(rows), tmp_path / "census_cp1258.csv")
    rejects = tmp_path / "rejects.csv"
    args = ["--plan", PLAN_2024, "--rejects", rejects, "--exit-zero", "--lang", "en"]
    cli("check", census, *args)  # type: ignore[operator]
    frame = pd.read_csv(rejects, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert frame[["household_id", "district", "commune"]].values.tolist() == [
        ["B", "Sơn Động", "Thạch Sơn"]
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_warning_of_rows_set_aside_names_the_rejects_file_written(
    cli: object, tmp_path: Path, lang: str
) -> None:
    """Asked for the rejects file, the warning says where the rows are, not to ask for it."""
    rejects = tmp_path / "rejects.csv"
    args = ["check", DATA / "census_duplicate_id.csv", "--plan", PLAN_2024, "--exit-zero"]
    result = cli(*args, "--rejects", rejects, "--lang", lang)  # type: ignore[operator]
    warning = [line for line in result.stderr.splitlines() if "25" in line]
    assert len(warning) == 1
    assert str(rejects) in warning[0]
    assert "--rejects" not in warning[0]
    without = cli(*args, "--lang", lang)  # type: ignore[operator]
    assert "--rejects" in without.stderr


def test_rejects_file_is_worded_for_the_office_and_read_back_once_corrected(
    cli: object, tmp_path: Path
) -> None:
    """A commune's officer opens the rejects file in Excel to correct the rows: its columns
    are headed as the census form heads them, each reason is said in words (its code beside
    it, as the screen's table gives it); corrected, the file is a census gnbv reads."""
    rows = [household("A"), household("B", income_per_capita="abc"), household("C", members="0")]
    rows.append(household("D", members="x", income_per_capita="-1"))
    census = write_census(tmp_path / "c.csv", rows)
    rejects = tmp_path / "rejects.csv"
    args = ["--plan", PLAN_2024, "--max-invalid", "100", "--exit-zero"]
    assert cli("check", census, *args, "--rejects", rejects).exit_code == 0  # type: ignore[operator]
    frame = pd.read_csv(rejects, dtype=str, encoding="utf-8-sig")
    assert list(frame.columns[:6]) == [
        "Dòng trong tệp",
        "Lý do bị loại",
        "Mã lý do",
        "Mã hộ",
        "Huyện",
        "Xã",
    ]
    assert frame["Dòng trong tệp"].tolist() == ["3", "4", "5"]
    assert frame["Lý do bị loại"].tolist() == [
        "Thu nhập bình quân: cột số chứa chữ",
        "Số nhân khẩu: số ngoài khoảng cho phép (thu nhập âm, 0 nhân khẩu, ...)",
        "Thu nhập bình quân: số ngoài khoảng cho phép (thu nhập âm, 0 nhân khẩu, ...); "
        "Số nhân khẩu: cột số chứa chữ",
    ]
    assert frame["Mã lý do"].tolist() == [
        "income_per_capita:not_a_number",
        "members:out_of_range",
        "income_per_capita:out_of_range; members:not_a_number",
    ]
    corrected = frame.assign(**{"Thu nhập bình quân": "900000", "Số nhân khẩu": "3"})
    corrected.to_csv(tmp_path / "corrected.csv", index=False)
    result = cli("check", tmp_path / "corrected.csv", *args, "--format", "json")  # type: ignore[operator]
    document = json.loads(result.stdout)
    assert (document["input"]["rows"], document["input"]["valid_rows"]) == (3, 3)


def test_vietnamese_headers_and_decomposed_names(tmp_path: Path, nd07: Standard) -> None:
    """Headers users type in Vietnamese are accepted; NFD "Sơn Động" is the same district."""
    vietnamese = {
        "household_id": "Mã hộ",
        "district": "Huyện",
        "commune": "Xã",
        "area": "Khu vực",
        "members": "Số nhân khẩu",
        "income_per_capita": "Thu nhập bình quân",
    }
    rows = [household("A"), household("B", district=unicodedata.normalize("NFD", "Sơn Động"))]
    renamed = [{vietnamese.get(key, key): value for key, value in row.items()} for row in rows]
    path = write_census(tmp_path / "vi.csv", renamed)
    required = required_columns(nd07.deprivation_columns)
    validation = validate_census(read_census(path, required).frame, required)
    assert validation.invalid_rows == 0
    assert validation.valid["district"].unique().tolist() == ["Sơn Động"]


def test_two_headers_meaning_one_column_are_refused(tmp_path: Path, cli: object) -> None:
    row = household("A")
    path = tmp_path / "twice.csv"
    header = ",".join([*row.keys(), "Mã hộ"])
    path.write_text(header + "\n" + ",".join([*row.values(), "A"]) + "\n", encoding="utf-8")
    result = cli("check", path, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2
    assert "both mean household_id" in result.stderr
    in_vietnamese = cli("check", path, "--plan", PLAN_2024)  # type: ignore[operator]
    assert "cùng có nghĩa là household_id" in in_vietnamese.stderr


@pytest.mark.parametrize("content", ["", "\n"])
def test_empty_file(tmp_path: Path, cli: object, content: str) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(content, encoding="utf-8")
    result = cli("check", path, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2
    assert "is empty" in result.stderr


def test_header_without_rows(tmp_path: Path, cli: object) -> None:
    path = tmp_path / "header.csv"
    path.write_text(",".join(REQUIRED) + "\n", encoding="utf-8")
    result = cli("check", path, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2
    assert "has a header but no data rows" in result.stderr


def test_missing_census_file(tmp_path: Path, cli: object) -> None:
    result = cli("check", tmp_path / "nope.csv", "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {tmp_path / 'nope.csv'}: no such file")


def test_blank_optional_cells_mean_unknown(tmp_path: Path, nd07: Standard) -> None:
    """A blank optional cell is unknown, not an error and not false."""
    rows = [household("A", ethnic_minority=None), household("B", ethnic_minority=True)]
    path = write_census(tmp_path / "c.csv", rows)
    required = required_columns(nd07.deprivation_columns)
    validation = validate_census(read_census(path, required).frame, required)
    assert validation.invalid_rows == 0
    assert validation.valid["ethnic_minority"].isna().tolist() == [True, False]


@pytest.mark.parametrize(
    ("name", "rows"),  # polars' reader, Arrow's, the workbook's (its first 40 rows looked at)
    [("late.csv", 20_000), ("late.csv.gz", 20_000), ("late.xlsx", 200)],
)
def test_a_unit_or_thousands_far_down_a_plain_file_are_read(
    cli: object, tmp_path: Path, name: str, rows: int
) -> None:
    """The file's start is plain; far down (past the rows sampled) a district wrote
    "950.000", "1.200.000 đ" and "2.250.000": the whole column decides, as it does when the
    start shows them."""
    frame = pd.read_csv(ROOT / "data" / "households.csv", dtype=str, nrows=rows)
    late = rows * 3 // 4
    frame.loc[late : late + 2, "income_per_capita"] = ["950.000", "1.200.000 đ", "2.250.000"]
    census = tmp_path / name
    if name.endswith(".xlsx"):
        frame.to_excel(census, index=False)
    else:
        frame.to_csv(census, index=False)
    args = ["check", census, "--plan", PLAN_2024, "--format", "json", "--exit-zero"]
    document = json.loads(cli(*args).stdout)  # type: ignore[operator]
    assert document["input"]["invalid_rows"] == 0
    decided = {decision["code"] for decision in document["input"]["decisions"]}
    assert decided == {"thousands_separator", "units_in_cells"}


def _written(frame: pd.DataFrame, census: Path) -> Path:
    """``frame`` as the kind of file ``census``'s name says: an Excel sheet, a CSV gzipped,
    in cp1258 (both Arrow's reader) or in UTF-8 (polars')."""
    if census.suffix == ".xlsx":
        frame.to_excel(census, index=False)
    elif census.name.endswith(".gz"):
        census.write_bytes(gzip.compress(frame.to_csv(index=False).encode()))
    elif "cp1258" in census.name:
        census.write_bytes(to_cp1258(frame.to_csv(index=False)))
    else:
        frame.to_csv(census, index=False)
    return census


FAR_DOWN_FILES = [  # past the rows the reader samples; a workbook's first 40 rows looked at
    ("late.csv", 20_000),
    ("late.csv.gz", 20_000),
    ("late_cp1258.csv", 20_000),
    ("late.xlsx", 200),
]


def _report(cli: object, census: Path) -> dict[str, Any]:
    args = ["check", census, "--plan", PLAN_2024, "--format", "json", "--exit-zero"]
    report: dict[str, Any] = json.loads(cli(*args).stdout)  # type: ignore[operator]
    return report


@pytest.mark.parametrize(("name", "rows"), FAR_DOWN_FILES)
def test_a_unit_far_down_a_column_with_a_word_at_its_start_is_read(
    cli: object, tmp_path: Path, name: str, rows: int
) -> None:
    """An income column that starts with a word ("không rõ", read as text from the start)
    and far down (past the rows sampled) writes "1.500.000 đ" and "950.000": the whole column
    decides, so those households are counted, as a workbook or a Parquet file counts them;
    only the word is set aside. (The column's conventions were looked at only when its start
    or the rows sampled showed a separator or a unit: both were set aside.)"""
    frame = pd.read_csv(ROOT / "data" / "households.csv", dtype=str, nrows=rows)
    frame.loc[0, "income_per_capita"] = "không rõ"
    late = rows * 3 // 4
    frame.loc[late : late + 1, "income_per_capita"] = ["1.500.000 đ", "950.000"]
    document = _report(cli, _written(frame, tmp_path / name))
    assert document["input"]["invalid_by_reason"] == {"not_a_number": 1}
    decided = {decision["code"] for decision in document["input"]["decisions"]}
    assert decided == {"thousands_separator", "units_in_cells"}


@pytest.mark.parametrize(("name", "rows"), FAR_DOWN_FILES)
def test_a_ticked_column_whose_first_tick_is_far_down_reads_its_blanks_as_no(
    cli: object, tmp_path: Path, name: str, rows: int
) -> None:
    """A ticked form where one household in thousands lacks clean water: the column is blank
    but for one "x" far down (past the rows sampled). Its blanks are no, as in a column
    ticked from the start; every household is counted. (A CSV's blanks were unknown there:
    every household but one was set aside, `missing_value`.)"""
    frame = pd.read_csv(ROOT / "data" / "households.csv", dtype=str, nrows=rows)
    frame["dep_water"] = ""
    frame.loc[rows * 3 // 4, "dep_water"] = "x"
    document = _report(cli, _written(frame, tmp_path / name))
    assert document["input"]["invalid_rows"] == 0
    assert {"code": "ticks", "columns": ["dep_water"]} in document["input"]["decisions"]


@pytest.mark.parametrize("name", ["late.csv", "late.csv.gz"])
def test_a_first_tick_after_words_in_four_count_columns_reads_its_blanks_as_no(
    cli: object, tmp_path: Path, name: str
) -> None:
    """Counts written as words ("nhiều", "hai", …) in four columns far down, then a ticked
    column's only tick further down: the file is read with every column as text (no typed
    read reaches the tick), and the column is still ticked; only the four words are set
    aside."""
    frame = pd.read_csv(ROOT / "data" / "households.csv", dtype=str, nrows=20_000)
    words = ["nhiều", "hai", "ba", "bốn"]
    columns = ["members", "able_workers", "insured_members", "school_age_children"]
    for row, (column, word) in enumerate(zip(columns, words, strict=True), start=10_000):
        frame.loc[row, column] = word
    frame["dep_water"] = ""
    frame.loc[15_000, "dep_water"] = "x"
    document = _report(cli, _written(frame, tmp_path / name))
    assert document["input"]["invalid_by_reason"] == {"not_a_number": 4}
    assert {"code": "ticks", "columns": ["dep_water"]} in document["input"]["decisions"]


@pytest.mark.parametrize("name", ["late_unit.csv", "late_unit.csv.gz"])
def test_a_unit_far_down_one_column_and_thousands_at_the_start_of_another_are_read(
    cli: object, tmp_path: Path, name: str
) -> None:
    """Incomes written "7.940.000" from the start; far down (past the rows sampled) a count
    written "5 người": each column decides its own convention."""
    frame = pd.read_csv(ROOT / "data" / "households.csv", dtype=str, nrows=20_000)
    frame["income_per_capita"] = frame["income_per_capita"].map(lambda cell: f"{int(cell):,}")
    frame["income_per_capita"] = frame["income_per_capita"].str.replace(",", ".")
    frame.loc[15_000, "members"] = frame.loc[15_000, "members"] + " người"
    census = tmp_path / name
    frame.to_csv(census, index=False)
    args = ["check", census, "--plan", PLAN_2024, "--format", "json", "--exit-zero"]
    document = json.loads(cli(*args).stdout)  # type: ignore[operator]
    assert document["input"]["invalid_rows"] == 0
    decisions = document["input"]["decisions"]
    assert {"code": "units_in_cells", "columns": ["members"]} in decisions
    assert {"code": "thousands_separator", "column": "income_per_capita", "separator": "."} in (
        decisions
    )

"""gnbv list: the households behind a number, to plan support household by household.

tests/data/census_list_households.csv (rural line 1,500,000 VND; poor from 3 deprivations):
  L1 Sơn Động/An Lạc   1,450,000, 4 deprivations  poor (96.7 % of the line)   was poor
  L2 Sơn Động/An Lạc     900,000, 3               poor (one deprivation away) was poor
  L3 Sơn Động/Vĩnh An    900,000, 5               poor (far from leaving)     was near-poor
  L4 Sơn Động/An Lạc   1,000,000, 1               near-poor                   was poor (escaped)
  L5 Lục Nam/Bảo Sơn   1,400,000, 3               poor (both)                 was poor
  L6 Lục Nam/Bảo Sơn   5,000,000, 0               non-poor
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl

from tests.conftest import DATA, PLAN_2024

CENSUS = DATA / "census_list_households.csv"


def _rows(cli: Any, tmp_path: Path, *args: str) -> list[dict[str, str]]:
    out = tmp_path / "list.csv"
    result = cli("list", CENSUS, "--plan", PLAN_2024, "-o", out, *args)
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel shows Vietnamese right
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_nearest_to_leaving_poverty(cli: Any, tmp_path: Path) -> None:
    rows = _rows(cli, tmp_path, "--nearest-to-leaving", "10")
    assert [row["Mã hộ"] for row in rows] == ["L5", "L1", "L2"]  # sorted by unit: Lục Nam first
    first = rows[1]
    assert (
        first["Phân loại hiện nay"] == "Hộ nghèo" and first["Thu nhập so với chuẩn (%)"] == "96.70"
    )
    assert first["1. Việc làm"] == "x" and first["5. Trình độ giáo dục của người lớn"] == ""


def test_filters_by_unit_class_change_and_deprivation(cli: Any, tmp_path: Path) -> None:
    in_son_dong = _rows(cli, tmp_path, "--district", "Huyện Sơn Động", "--class", "poor")
    assert [row["Mã hộ"] for row in in_son_dong] == ["L1", "L2", "L3"]
    escaped = _rows(cli, tmp_path, "--transition", "escaped")
    assert [(row["Mã hộ"], row["Diễn biến"]) for row in escaped] == [
        ("L4", "Thoát nghèo, thành cận nghèo")
    ]
    deprived = _rows(cli, tmp_path, "--deprivation", "dep_nutrition", "--commune", "xã an lạc")
    assert [row["Mã hộ"] for row in deprived] == ["L1", "L2"]


def test_a_unit_typed_without_marks_is_the_one_so_written(cli: Any, tmp_path: Path) -> None:
    """A terminal without a Vietnamese keyboard: "Son Dong", "an lac" wrote an empty list
    (0 households, exit 0), as if nobody there needed help."""
    typed = _rows(cli, tmp_path, "--district", "Son Dong", "--commune", "an lac")
    assert [row["Mã hộ"] for row in typed] == ["L1", "L2", "L4"]


def test_a_printed_list_names_its_unit_as_the_census_does(cli: Any, tmp_path: Path) -> None:
    """The form of "--commune 'an lac'" said "Đơn vị: an lac" and "an lac, ngày …" over its
    signatures: the unit as the user typed it. It names the unit as the census does."""
    out = tmp_path / "an_lac.xlsx"
    result = cli("list", CENSUS, "--plan", PLAN_2024, "--commune", "an lac", "-o", out)
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["Danh sách hộ"]
    texts = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert any(text.startswith("Đơn vị: An Lạc —") for text in texts)
    assert any(text.startswith("An Lạc, ngày") for text in texts)
    assert not [text for text in texts if "an lac" in text]


def test_a_unit_not_in_the_census_is_refused_naming_those_it_has(cli: Any, tmp_path: Path) -> None:
    """A typo in --district or --commune wrote an empty list without a word (exit 0)."""
    out = tmp_path / "x.csv"
    wrong_district = cli(
        "list", CENSUS, "--plan", PLAN_2024, "-o", out, "--district", "Lục Nan", "--lang", "en"
    )
    assert wrong_district.exit_code == 2
    assert "no district 'Lục Nan' in the census; it has: Lục Nam, Sơn Động" in (
        wrong_district.stderr
    )
    wrong_commune = cli(
        "list", CENSUS, "--plan", PLAN_2024, "-o", out, "--district", "Lục Nam", "--commune",
        "An Lạc",
    )  # fmt: skip
    assert wrong_commune.exit_code == 2
    assert "không có xã 'An Lạc' trong tệp rà soát (ở các huyện đã chọn); các xã có: Bảo Sơn" in (
        wrong_commune.stderr
    )
    assert not out.exists()


def test_list_workbook_is_a_form(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "list.xlsx"
    result = cli("list", CENSUS, "--plan", PLAN_2024, "-o", out, "--nearest-to-leaving", "10")
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["Danh sách hộ"]
    assert sheet["A4"].value == "DANH SÁCH HỘ NGHÈO GẦN THOÁT NGHÈO NĂM 2024"
    assert [sheet.cell(row=10 + n, column=2).value for n in range(3)] == ["L5", "L1", "L2"]


def _printed(cli: Any, tmp_path: Path, *args: str) -> tuple[str, list[str]]:
    """The printed list's title and the texts under its table."""
    out = tmp_path / "list.xlsx"
    result = cli("list", CENSUS, "--plan", PLAN_2024, "-o", out, *args)
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["Danh sách hộ"]
    below = [
        str(sheet.cell(row=row, column=1).value)
        for row in range(10, sheet.max_row + 1)
        if isinstance(sheet.cell(row=row, column=1).value, str)
        and not str(sheet.cell(row=row, column=1).value).isdigit()
    ]
    return str(sheet["A4"].value), below


def test_a_printed_list_says_what_households_it_holds(cli: Any, tmp_path: Path) -> None:
    """A commune's list of its poor and near-poor households, printed to be signed and
    sent, was titled "DANH SÁCH HỘ NĂM 2024", as a list of every household; a list of those
    that escaped poverty and lack clean water said neither."""
    title, _ = _printed(cli, tmp_path, "--class", "near_poor", "--class", "poor")
    assert title == "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024"
    title, below = _printed(cli, tmp_path, "--transition", "escaped", "--deprivation", "dep_water")
    assert title == "DANH SÁCH HỘ NĂM 2024"
    assert "Chỉ gồm các hộ: thoát nghèo trong kỳ; thiếu hụt nguồn nước sinh hoạt." in below
    title, below = _printed(cli, tmp_path)
    assert title == "DANH SÁCH HỘ NĂM 2024"
    assert not [text for text in below if text.startswith("Chỉ gồm")]


def test_an_unknown_deprivation_is_refused(cli: Any, tmp_path: Path) -> None:
    result = cli(
        "list", CENSUS, "--plan", PLAN_2024, "-o", tmp_path / "x.csv", "--deprivation", "dep_wifi"
    )
    assert result.exit_code == 2 and "dep_wifi" in result.stderr


def test_the_census_own_columns_are_carried_through(cli: Any, tmp_path: Path) -> None:
    """Name, village and phone, as written (a phone keeps its leading 0)."""
    out = tmp_path / "list.csv"
    census = DATA / "census_list_with_names.csv"
    result = cli("list", census, "--plan", PLAN_2024, "-o", out, "--class", "poor")
    assert result.exit_code == 0, result.stderr
    (row,) = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert (row["Họ tên chủ hộ"], row["Thôn"], row["Điện thoại"]) == (
        "Nguyễn Văn An",
        "Thôn Đồng",
        "0912000001",
    )


def test_the_census_s_own_stt_is_told_from_the_list_s(cli: Any, tmp_path: Path) -> None:
    """A form's STT column carried into the list beside the list's own STT gave a CSV two
    columns headed "STT" (the list's 1, 2, 3 and the rows of the census's form): the
    census's is named as its own."""
    out = tmp_path / "list.csv"
    census = DATA / "census_subtotals_labelled_beside_the_id.xlsx"
    result = cli("list", census, "--plan", PLAN_2024, "-o", out, "--class", "poor")
    assert result.exit_code == 0, result.stderr
    header, first, *_ = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert header.count("STT") == 1
    assert (first[header.index("STT")], first[header.index("STT (trong tệp rà soát)")]) == (
        "1",
        "17",
    )
    assert first[header.index("Họ và tên chủ hộ")] == "Lê Văn Cường"

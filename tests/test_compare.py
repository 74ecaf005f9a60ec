"""Year over year: every kind of transition in a hand-made pair of reviews, counted by hand.

Commune An Lạc (Sơn Động, rural) unless said; poor = 1,000,000 VND and 3 deprivations,
near-poor = 1,000,000 and none, middle = 1,800,000, non-poor = 5,000,000.

  id  2023        2024        transition
  A   poor        poor        stays poor (ethnic minority)
  B   poor        near_poor   escaped, became near-poor
  C   poor        middle      escaped above near-poor
  D   poor        -           left (poor)
  E   near_poor   poor        near-poor became poor
  F   non_poor    poor        fell back (ever_poor_before; ethnic minority)
  G   non_poor    poor        newly poor
  H   -           poor        arrived poor (ethnic minority)
  I   near_poor   near_poor   stays near-poor
  J   near_poor   non_poor    escaped near-poverty
  K   non_poor    near_poor   newly near-poor
  L   near_poor   -           left (near-poor)
  M   -           near_poor   arrived near-poor
  N   non_poor    non_poor    stays
  O   poor        poor        moved from An Lạc to Vĩnh An: leaves one unit, arrives in the other
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import PLAN_2024, ROOT, household, write_census

INCOME = {
    "poor": (1_000_000, 3),
    "near_poor": (1_000_000, 0),
    "middle": (1_800_000, 0),
    "non_poor": (5_000_000, 0),
}
PAIRS = {
    "A": ("poor", "poor"),
    "B": ("poor", "near_poor"),
    "C": ("poor", "middle"),
    "D": ("poor", None),
    "E": ("near_poor", "poor"),
    "F": ("non_poor", "poor"),
    "G": ("non_poor", "poor"),
    "H": (None, "poor"),
    "I": ("near_poor", "near_poor"),
    "J": ("near_poor", "non_poor"),
    "K": ("non_poor", "near_poor"),
    "L": ("near_poor", None),
    "M": (None, "near_poor"),
    "N": ("non_poor", "non_poor"),
    "O": ("poor", "poor"),
}
ETHNIC = {"A", "F", "H"}


def _row(household_id: str, state: str, *, commune: str = "An Lạc") -> dict[str, str]:
    income, deprived = INCOME[state]
    return household(
        household_id,
        commune=commune,
        income=income,
        deprived=deprived,
        ethnic_minority=household_id in ETHNIC,
        ever_poor_before=household_id == "F",
        ever_near_poor_before=False,
    )


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return _pair_files(tmp_path)


def _pair_files(tmp_path: Path) -> tuple[Path, Path]:
    previous = [_row(key, start) for key, (start, _) in PAIRS.items() if start]
    current = [
        _row(key, end, commune="Vĩnh An" if key == "O" else "An Lạc")
        for key, (_, end) in PAIRS.items()
        if end
    ]
    return (
        write_census(tmp_path / "households_2023.csv", previous),
        write_census(tmp_path / "households_2024.csv", current),
    )


def _rows(cli: object, pair: tuple[Path, Path]) -> dict[tuple[str, str | None], dict[str, object]]:
    result = cli("compare", *pair, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    transitions = json.loads(result.stdout)["transitions"]
    assert transitions["source"] == "baseline_census"
    return {
        (row["level"], row["commune"]): row
        for row in transitions["rows"]
        if row["level"] in ("commune", "province")
    }


def test_every_transition_counted_by_hand(cli: object, pair: tuple[Path, Path]) -> None:
    rows = _rows(cli, pair)
    an_lac = rows[("commune", "An Lạc")]
    expected = {
        "households_start": 13,
        "departed": 3,
        "arrived": 2,
        "households_end": 12,
        "poor_start": 5,
        "poor_escaped_to_near_poor": 1,
        "poor_escaped_above": 1,
        "poor_left": 2,
        "poor_from_near_poor": 1,
        "poor_fell_back": 1,
        "poor_new": 1,
        "poor_arrived": 1,
        "poor_end": 5,
        "near_poor_start": 4,
        "near_poor_escaped": 1,
        "near_poor_to_poor": 1,
        "near_poor_left": 1,
        "near_poor_from_poor": 1,
        "near_poor_fell_back": 0,
        "near_poor_new": 1,
        "near_poor_arrived": 1,
        "near_poor_end": 4,
        # ethnic-minority sub-columns: A poor throughout, F fell back, H arrived
        "poor_start_em": 1,
        "poor_fell_back_em": 1,
        "poor_arrived_em": 1,
        "poor_end_em": 3,
    }
    assert {key: an_lac[key] for key in expected} == expected
    assert an_lac["poverty_rate_end"] == pytest.approx(100 * 5 / 12)
    vinh_an = rows[("commune", "Vĩnh An")]
    assert (vinh_an["poor_start"], vinh_an["poor_arrived"], vinh_an["poor_end"]) == (0, 1, 1)
    province = rows[("province", None)]
    assert (province["poor_start"], province["poor_end"]) == (5, 6)  # O moved inside Sơn Động
    assert (province["households_start"], province["households_end"]) == (13, 13)


def test_balance_identity_holds_in_every_row(cli: object, pair: tuple[Path, Path]) -> None:
    result = cli("compare", *pair, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    for row in json.loads(result.stdout)["transitions"]["rows"]:
        assert row["poor_end"] == (
            row["poor_start"]
            - row["poor_escaped_to_near_poor"]
            - row["poor_escaped_above"]
            - row["poor_left"]
            + row["poor_from_near_poor"]
            + row["poor_fell_back"]
            + row["poor_new"]
            + row["poor_history_unknown"]
            + row["poor_arrived"]
        )
        assert row["near_poor_end"] == (
            row["near_poor_start"]
            - row["near_poor_escaped"]
            - row["near_poor_to_poor"]
            - row["near_poor_left"]
            + row["near_poor_from_poor"]
            + row["near_poor_fell_back"]
            + row["near_poor_new"]
            + row["near_poor_history_unknown"]
            + row["near_poor_arrived"]
        )


def test_balance_check_catches_a_broken_count() -> None:
    """The identity is checked in code: a table that does not add up raises."""
    import pandas as pd

    from gnbv.core.analysis.transitions import COUNT_COLUMNS, BalanceError, check_balance

    table = pd.DataFrame([dict.fromkeys(COUNT_COLUMNS, 0)])
    for name in COUNT_COLUMNS:
        table[f"{name}_em"] = 0
    check_balance(table)
    table.loc[0, "poor_end"] = 1
    with pytest.raises(BalanceError, match="poor balance fails for 1 units"):
        check_balance(table)


@pytest.mark.parametrize(
    ("which", "ids"),
    [("escaped", ["B", "C"]), ("fell-back", ["F"]), ("newly-poor", ["E", "G"])],
)
def test_follow_up_lists(
    cli: object, pair: tuple[Path, Path], tmp_path: Path, which: str, ids: list[str]
) -> None:
    out = tmp_path / f"{which}.csv"
    args = ["--list", which, "--output", out, "--lang", "en"]
    result = cli("compare", *pair, "--plan", PLAN_2024, *args)  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["Household id"] for row in rows] == ids
    assert list(rows[0]) == [
        "Household id",
        "District",
        "Commune",
        "Change",
        "Class at the start",
        "Class now",
        "Deprivations at the start",
        "Deprivations",
        "District at the start",
        "Commune at the start",
    ]


def test_xlsx_workbook_holds_the_forms_to_print_and_sign(
    cli: object, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """The review's forms: title block, grouped headers, numbered columns, totals in bold,
    rates stored as numbers with a % format, A4 landscape fit to width, signature block."""
    out = tmp_path / "report.xlsx"
    result = cli("compare", *pair, "--plan", PLAN_2024, "--format", "xlsx", "--output", out)  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == [
        "Chỉ tiêu",
        "Biểu 1 - Kết quả rà soát",
        "Biểu 2 - Diễn biến hộ nghèo",
        "Biểu 3 - Diễn biến cận nghèo",
        "Biểu 4-5 - Thiếu hụt hộ nghèo",
        "Biểu 6-7 - Thiếu hụt cận nghèo",
        "Biểu 8 - Nhóm đối tượng",
        "Biểu 9 - Theo dân tộc",
        "Biểu 12 - Hộ nghèo",
        "Biểu 13 - Hộ cận nghèo",
        "Dữ liệu lỗi",
    ]
    form = workbook["Biểu 2 - Diễn biến hộ nghèo"]
    assert form["A4"].value == "TỔNG HỢP DIỄN BIẾN HỘ NGHÈO NĂM 2024"
    assert [form.cell(row=9, column=n).value for n in (1, 2, 3)] == ["(1)", "(2)", "(3)"]
    assert (form["C7"].value, form["C8"].value) == ("Đầu kỳ", "Số hộ")
    assert form["B10"].value == "Tổng cộng" and form["B10"].font.bold  # Sơn Động's alone
    assert form["C10"].value == 5 and form["C10"].number_format == "#,##0"  # A, B, C, D, O
    header = [form.cell(row=8, column=n).value for n in range(1, form.max_column + 1)]
    rate = header.index("Tỷ lệ (%)") + 1
    assert form.cell(row=10, column=rate).value == pytest.approx(6 / 13)
    assert form.cell(row=10, column=rate).number_format == "0.00%"
    assert form.page_setup.orientation == "landscape" and form.page_setup.fitToWidth == 1
    assert form.print_title_rows == "$7:$9"
    texts = [cell.value for row in form.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert "NGƯỜI LẬP BIỂU" in texts and "THỦ TRƯỞNG ĐƠN VỊ" in texts
    targets = workbook["Chỉ tiêu"]
    assert targets["B10"].value == "T1"


def test_xlsx_text_that_looks_like_a_formula_stays_text(cli: object, tmp_path: Path) -> None:
    rows = [household("=1+1", members="x"), household("@SUM(A1)")]
    census = write_census(tmp_path / "c.csv", rows)
    out = tmp_path / "report.xlsx"
    args = ["check", census, "--plan", PLAN_2024, "--format", "xlsx", "--output", out]
    result = cli(*args, "--max-invalid", "100", "--exit-zero")  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["Dữ liệu lỗi"]
    assert (sheet["C10"].value, sheet["C10"].data_type) == ("=1+1", "s")


def test_xlsx_needs_an_output_file(cli: object, pair: tuple[Path, Path]) -> None:
    result = cli("compare", *pair, "--plan", PLAN_2024, "--format", "xlsx")  # type: ignore[operator]
    assert result.exit_code == 2 and "cần --output TỆP.xlsx" in result.stderr


def test_summary_csv(cli: object, pair: tuple[Path, Path]) -> None:
    result = cli("compare", *pair, "--plan", PLAN_2024, "--format", "csv", "--lang", "en")  # type: ignore[operator]
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "Unit,Area,households end,households end (of which ethnic "
        "minority),poor start,poor start (of which ethnic minority),"
    )
    assert lines[1].startswith("Total,,13,3,5,1,")  # of Sơn Động alone; A, F, H are ethnic minority


def test_reduction_targets_use_the_baseline_census(cli: object, pair: tuple[Path, Path]) -> None:
    result = cli("compare", *pair, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    targets = {t["id"]: t for t in json.loads(result.stdout)["targets"]}
    assert targets["T2"]["baseline_source"] == "baseline_census"
    # Sơn Động 2023: 5 poor (A, B, C, D, O) of 13 households.
    assert targets["T2"]["baseline"] == pytest.approx(100 * 5 / 13)


def test_status_prev_alone(cli: object, tmp_path: Path) -> None:
    rows = [
        household("A", income=1_000_000, deprived=3, status_prev="near_poor"),
        household("B", status_prev="poor"),
        household("C", status_prev=None),
    ]
    path = write_census(tmp_path / "c.csv", rows)
    result = cli("compare", path, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    transitions = json.loads(result.stdout)["transitions"]
    assert transitions["source"] == "status_prev"
    province = transitions["rows"][0]
    assert (
        province["poor_start"],
        province["poor_from_near_poor"],
        province["poor_escaped_above"],
        province["arrived"],
        province["poor_end"],
    ) == (1, 1, 1, 1, 1)


def test_terminal_summary(cli: object, pair: tuple[Path, Path]) -> None:
    result = cli("compare", *pair, "--plan", PLAN_2024)  # type: ignore[operator]
    assert result.exit_code == 0
    assert "Diễn biến hộ nghèo (so với điều tra năm trước)" in result.stdout
    assert "Diễn biến hộ cận nghèo" in result.stdout


def test_transitions_from_sums_equal_transitions_from_rows(nd07: object) -> None:
    """The streaming engine counts transitions from sums by key; the rows give the same."""
    from gnbv.core.analysis.check import census_cube
    from gnbv.core.analysis.transitions import compute_transitions, transitions_from_cube
    from gnbv.core.contract.columns import required_columns
    from gnbv.synth.census import synthesise, to_census_text

    standard = nd07
    required = required_columns(standard.deprivation_columns)  # type: ignore[attr-defined]
    from gnbv.core.validation.batch import validate_census

    raw = to_census_text(synthesise(standard, scale=0.01, seed=3)).astype("str")  # type: ignore[arg-type]
    frame, cube = census_cube(validate_census(raw, required), standard)  # type: ignore[arg-type]
    from_rows = compute_transitions(frame, None).by_unit
    from_sums = transitions_from_cube(cube).by_unit
    assert from_rows.equals(from_sums.loc[from_rows.index, from_rows.columns])


def test_follow_up_list_from_status_prev(cli: object, tmp_path: Path) -> None:
    rows = [
        household("A", income=1_000_000, deprived=3, status_prev="near_poor"),
        household("B", status_prev="poor"),
        household("C", status_prev=None),
    ]
    path = write_census(tmp_path / "c.csv", rows)
    result = cli("compare", path, "--plan", PLAN_2024, "--list", "escaped")  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[1].startswith('B,Sơn Động,An Lạc,"Thoát nghèo, vượt chuẩn cận nghèo",Hộ nghèo,')


def test_reviews_whose_ids_do_not_meet_are_warned_of(cli: object, tmp_path: Path) -> None:
    """Last year's ids as ``0001`` and this year's as ``1`` (Excel dropped the zeros): no
    household escapes or falls back, which the table would show as a fact; the run says the
    ids do not meet, and that the 11 households of both years would with the zeros set
    aside, on screen and in the JSON. Other codes: no word of zeros. The hand-made pair (11
    of 13 matched) says nothing."""
    numbers = {key: number for number, key in enumerate(PAIRS, start=1)}
    previous = [
        _row(key, start) | {"household_id": f"{numbers[key]:04d}"}
        for key, (start, _) in PAIRS.items()
        if start
    ]
    current = [
        _row(key, end) | {"household_id": str(numbers[key])}
        for key, (_, end) in PAIRS.items()
        if end
    ]
    files = (
        write_census(tmp_path / "2023.csv", previous),
        write_census(tmp_path / "2024.csv", current),
    )
    result = cli("compare", *files, "--plan", PLAN_2024)  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    assert "cảnh báo: chỉ 0 trong 13 hộ của tệp rà soát có trong tệp năm trước" in result.stderr
    assert "bỏ các số 0 ở đầu mã hộ thì thêm 11 hộ khớp" in result.stderr
    result = cli("compare", *files, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    (warning,) = json.loads(result.stdout)["warnings"]
    assert warning.startswith("only 0 of the census's 13 households are in the previous")
    assert "11 more would match with the ids' leading zeros set aside" in warning

    # On the printed forms of the transitions too, under the table, for whoever signs them.
    workbook = tmp_path / "forms.xlsx"
    result = cli("compare", *files, "--plan", PLAN_2024, "--format", "xlsx", "-o", workbook)  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(workbook)
    for sheet in ("Biểu 2 - Diễn biến hộ nghèo", "Biểu 3 - Diễn biến cận nghèo"):
        cells = [cell for row in book[sheet].iter_rows(values_only=True) for cell in row]
        assert any(
            isinstance(cell, str) and cell.startswith("Chỉ 0 trong 13 hộ") for cell in cells
        ), sheet

    other_codes = [row | {"household_id": f"X{row['household_id']}"} for row in current]
    write_census(tmp_path / "2024.csv", other_codes)
    result = cli("compare", *files, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert "warning: only 0 of the census's 13 households" in result.stderr
    assert "leading zeros set aside" not in result.stderr

    hand_made = cli("compare", *_pair_files(tmp_path), "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    assert json.loads(hand_made.stdout)["warnings"] == []


def test_the_rows_set_aside_form_names_columns_as_offices_do(cli: object, tmp_path: Path) -> None:
    """The printed list of rows set aside named the column by its census code ("members")
    and wrote its counts unformatted ("5 trên 47247 dòng"): the Vietnamese header now, the
    code beside it (the file may use either), and counts as the forms write them."""
    lines = (ROOT / "data" / "households.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    cells = lines[8].split(",")
    cells[header.index("members")] = "bốn"
    lines[8] = ",".join(cells)
    census = tmp_path / "census_words_in_members.csv"
    census.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "report.xlsx"
    args = ["check", census, "--plan", PLAN_2024, "--format", "xlsx", "--output", out]
    assert cli(*args, "--exit-zero").exit_code == 0  # type: ignore[operator]
    sheet = openpyxl.load_workbook(out)["Dữ liệu lỗi"]
    assert (sheet["B10"].value, sheet["D10"].value) == (9, "Số nhân khẩu (members)")
    notes = [cell.value for cell in sheet["A"] if cell.value]
    assert "1 trên 47.247 dòng bị loại; liệt kê 1 trên 1 lỗi." in notes


def _workbook_after_a_guide(census: Path, sheet: str) -> Path:
    """The census on a sheet named ``sheet``, after a guide sheet (as offices send it)."""
    workbook = openpyxl.Workbook()
    guide = workbook.active
    assert guide is not None
    guide.title = "Hướng dẫn"
    guide.append(["Hướng dẫn điền biểu: mỗi hộ một dòng"])
    households = workbook.create_sheet(sheet)
    with census.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            households.append(row)
    path = census.with_suffix(".xlsx")
    workbook.save(path)
    return path


def test_two_reviews_in_workbooks_whose_sheets_are_named_by_their_year(
    cli: object, pair: tuple[Path, Path]
) -> None:
    """Each year's workbook opens on a guide, its households on "DS 2023" and "DS 2024":
    each file must be given its sheet, and the one --sheet named it for both, so that one
    of them was always refused. --previous-sheet names the earlier one's (the refusal says
    so), and the comparison is the one of the plain files."""
    earlier = _workbook_after_a_guide(pair[0], "DS 2023")
    later = _workbook_after_a_guide(pair[1], "DS 2024")
    refused = cli(  # type: ignore[operator]
        "compare", earlier, later, "--plan", PLAN_2024, "--sheet", "DS 2024", "--lang", "en"
    )
    assert refused.exit_code == 2
    assert "no sheet 'DS 2024'" in refused.stderr and "--previous-sheet" in refused.stderr
    read = cli(  # type: ignore[operator]
        "compare",
        earlier,
        later,
        "--plan",
        PLAN_2024,
        "--sheet",
        "DS 2024",
        "--previous-sheet",
        "DS 2023",
        "--format",
        "json",
    )
    assert read.exit_code == 0, read.stderr
    plain = cli("compare", *pair, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    assert json.loads(read.stdout)["transitions"] == json.loads(plain.stdout)["transitions"]

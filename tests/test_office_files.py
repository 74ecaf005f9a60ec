"""Files as district offices make them give the report of the same households written plainly.

``office_form.csv`` (cp1258) and ``office_form.xlsx`` hold the households of
``office_form_canonical.csv`` as a form: title rows, a group heading merged over the twelve
deprivations (two header rows), a row of column numbers, Vietnamese headers and words, ticks,
dotted thousands stored as text, ``Huyện``/``Xã`` in front of names and a ``Tổng cộng`` row
(written by ``python -m gnbv.synth.office``); ``office_form.xls`` is the workbook saved as
Excel 97-2003 by LibreOffice (``soffice --headless --convert-to xls``), as many offices' templates
still are. The smaller files each hold one of those habits.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gnbv.core.contract.conventions import columns_that_may_decide, conventions_of
from gnbv.synth.office import office_rows, write_office_csv, write_office_xlsx
from tests.conftest import DEPRIVATIONS, PLAN_2024

DATA = Path(__file__).resolve().parent / "data"
ROOT = DATA.parent.parent
SOURCE_KEYS = ("file", "format", "encoding", "delimiter", "sheet", "sha256", "decisions")
ALL_YES_NO = DEPRIVATIONS


def _report(cli: Any, path: Path, *extra: str) -> dict[str, Any]:
    result = cli("check", path, "--plan", PLAN_2024, "--format", "json", *extra)
    assert result.exit_code in (0, 1), result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _census_part(document: dict[str, Any]) -> dict[str, Any]:
    """The report without what describes the file itself."""
    out = json.loads(json.dumps(document))
    out.pop("labels")  # words for a person: they say how the file was read
    for key in SOURCE_KEYS:
        out["input"].pop(key)
    out["input"].pop("skipped_rows")
    return out


@pytest.mark.parametrize(
    "name", ["office_form.csv", "office_form.xlsx", "office_form.xls", "office_form.ods"]
)
def test_an_office_form_gives_the_report_of_the_plain_file(cli: Any, name: str) -> None:
    form = _report(cli, DATA / name)
    plain = _report(cli, DATA / "office_form_canonical.csv")
    assert _census_part(form) == _census_part(plain)
    assert form["input"]["invalid_rows"] == 0
    assert form["input"]["skipped_rows"] == [{"row": 38, "reason": "totals_row"}]
    decisions = form["input"]["decisions"]
    assert decisions[:3] == [
        {"code": "header_row", "rows": [5, 6]},
        {"code": "column_numbers_row", "row": 7},
        {"code": "thousands_separator", "column": "income_per_capita", "separator": "."},
    ]
    assert decisions[3]["code"] == "ticks"
    assert set(ALL_YES_NO) <= set(decisions[3]["columns"])


def test_the_shipped_census_as_office_files_gives_the_same_report(cli: Any, tmp_path: Path) -> None:
    frame = pd.read_csv(ROOT / "data" / "households.csv", dtype=str, keep_default_na=False)
    rows, merged = office_rows(frame)
    write_office_csv(rows, tmp_path / "bao_cao.csv")
    write_office_xlsx(rows, merged, tmp_path / "bao_cao.xlsx")
    plain = _census_part(_report(cli, ROOT / "data" / "households.csv"))
    for name in ("bao_cao.csv", "bao_cao.xlsx"):
        form = _report(cli, tmp_path / name)
        assert _census_part(form) == plain, name
        assert form["input"]["skipped_rows"] == [{"row": len(rows), "reason": "totals_row"}]


def test_incomes_under_a_million_in_a_dotted_column_are_read_not_set_aside(cli: Any) -> None:
    """950.000 beside 5.650.000: the column writes thousands with dots, so it is 950,000. Set
    aside, these poorest households would vanish from the poor count while the gate passes."""
    dotted = _report(cli, DATA / "census_under_a_million_dotted.csv")
    plain = _report(cli, DATA / "census_under_a_million_canonical.csv")
    assert dotted["input"]["invalid_rows"] == 0
    assert dotted["households"] == plain["households"]
    assert dotted["households"]["poor"] == 2
    assert dotted["input"]["decisions"] == [
        {"code": "thousands_separator", "column": "income_per_capita", "separator": "."}
    ]


def test_a_column_that_contradicts_itself_keeps_its_ambiguous_cells(cli: Any) -> None:
    """A decimal point in the same column: "1.200.000" is still thousands, but "950.000" may be
    950 or 950,000, so it stays ambiguous, and nothing is decided (the point's own income,
    1800000.5, is read rounded up)."""
    found = _report(cli, DATA / "census_thousands_contradict.csv", "--max-invalid", "100")
    assert found["input"]["invalid_by_reason"] == {"ambiguous_number": 2}
    assert found["input"]["decisions"] == []


def test_ticked_columns_read_blank_as_no(cli: Any) -> None:
    ticked = _report(cli, DATA / "census_ticks.csv")
    plain = _report(cli, DATA / "census_under_a_million_canonical.csv")
    canonical = _report(cli, ROOT / "tests" / "corpus" / "files" / "canonical.csv")
    assert ticked["input"]["invalid_rows"] == 0
    assert ticked["households"] == canonical["households"]
    assert ticked["deprivations"] == canonical["deprivations"]
    assert ticked["input"]["decisions"] == [{"code": "ticks", "columns": ALL_YES_NO}]
    assert plain["input"]["decisions"] == []


def test_ticks_written_as_symbols_read_blank_as_no(cli: Any) -> None:
    """Ticks as a phone or a web page pastes them ("✔️", "✅"), a ticked box "☑", and the
    Wingdings check marks Excel keeps as the letters "ü" and "þ"
    (``census_ticks_as_symbols.csv``): each was a word, the columns were no longer ticked,
    and every household was set aside. They are ticks; the report is the ticked file's."""
    symbols = _report(cli, DATA / "census_ticks_as_symbols.csv")
    assert symbols["input"]["invalid_rows"] == 0
    assert _census_part(symbols) == _census_part(_report(cli, DATA / "census_ticks.csv"))


def test_a_column_mixing_ticks_and_words_keeps_blank_as_unknown(cli: Any) -> None:
    found = _report(cli, DATA / "census_ticks_mixed.csv", "--max-invalid", "100")
    ticks = found["input"]["decisions"][0]["columns"]
    assert "dep_water" not in ticks
    assert found["input"]["invalid_by_reason"] == {"missing_value": 7}
    assert {problem["column"] for problem in found["input"]["problems"]} == {"dep_water"}


def test_unit_headers_listing_kinds_of_unit_with_commas_are_known(cli: Any) -> None:
    """ "Huyện, thành phố" and "Xã, phường, thị trấn" (``census_unit_headers_with_commas.csv``)
    head the same columns as "Huyện/thị xã/thành phố" and "Xã / phường / thị trấn": the
    file was refused, its district and commune columns missing."""
    found = _report(cli, DATA / "census_unit_headers_with_commas.csv")
    assert _census_part(found) == _census_part(_report(cli, DATA / "office_form_canonical.csv"))


def test_words_typed_without_marks_are_read_as_their_words(cli: Any) -> None:
    """A census typed on a keyboard without a Vietnamese input method ("co", "Khong",
    "nong thon", "Ho ngheo": ``census_words_without_marks.csv``): every household was set
    aside (invalid_boolean, invalid_area, invalid_status). Each is the one word it is
    without marks; the report is the marked file's."""
    found = _report(cli, DATA / "census_words_without_marks.csv")
    assert found["input"]["invalid_rows"] == 0
    assert _census_part(found) == _census_part(_report(cli, DATA / "office_form_canonical.csv"))


def test_a_totals_row_is_skipped_and_reported_not_set_aside(cli: Any) -> None:
    found = _report(cli, DATA / "census_totals_row.csv")
    canonical = _report(cli, ROOT / "tests" / "corpus" / "files" / "canonical.csv")
    assert found["input"]["skipped_rows"] == [{"row": 12, "reason": "totals_row"}]
    assert found["input"]["rows"] == 10
    assert found["input"]["invalid_rows"] == 0
    assert found["households"] == canonical["households"]


def test_a_totals_row_in_the_commune_column_beside_a_blank_commune(cli: Any) -> None:
    """ "Tổng cộng" in the commune column of a census where one household's commune is blank
    (``census_totals_in_commune_and_a_blank_commune.csv``): gnbv stopped with an internal
    error (exit 4). The totals row is skipped; the household is a bad row."""
    result = cli(
        "check",
        DATA / "census_totals_in_commune_and_a_blank_commune.csv",
        "--plan",
        PLAN_2024,
        "--format",
        "json",
        "--max-invalid",
        "100",
    )
    assert result.exit_code in (0, 1), result.stderr
    found = json.loads(result.stdout)["input"]
    assert found["skipped_rows"] == [{"row": 12, "reason": "totals_row"}]
    assert found["invalid_by_reason"] == {"missing_value": 1}


def test_subtotal_rows_are_skipped_and_reported_not_set_aside(cli: Any, tmp_path: Path) -> None:
    """A form with a subtotal under each commune's households ("Cộng xã Trần Phú", in the id
    or the commune column) and "Tổng cộng toàn huyện:" at the end
    (``census_subtotal_rows.csv``): each was a bad row (missing_value), 18 of 48, and the
    gate failed. They are totals rows; a commune named "Cộng Hòa" stays a commune."""
    found = _report(cli, DATA / "census_subtotal_rows.csv")
    assert found["input"]["invalid_rows"] == 0
    assert {row["reason"] for row in found["input"]["skipped_rows"]} == {"totals_row"}
    assert len(found["input"]["skipped_rows"]) == 19
    plain = DATA / "office_form_canonical.csv"
    assert _census_part(found) == _census_part(_report(cli, plain))
    lines = plain.read_text(encoding="utf-8").splitlines()
    named = tmp_path / "cong_hoa.csv"
    named.write_text(
        "\n".join([lines[0], *(line.replace(",Trần Phú,", ",Cộng Hòa,") for line in lines[1:])])
        + "\n",
        "utf-8",
    )
    communes = [commune["name"] for commune in _report(cli, named)["communes"]]
    assert "Cộng Hòa" in communes


@pytest.mark.parametrize("label", ["Tổng số hộ", "TỔNG SỐ HỘ:", "Cộng hộ nghèo"])
@pytest.mark.parametrize("column", ["household_id", "commune"])
def test_a_totals_row_counting_households_is_skipped_not_set_aside(
    cli: Any, tmp_path: Path, label: str, column: str
) -> None:
    """A form's last row labelled "Tổng số hộ" (the number of households), its sums under
    the members and the incomes: it was set aside as a household without an id or commune
    (missing_value, out_of_range), a bad row counted against the quality gate. It is a
    totals row, skipped and reported, in the id or the commune column."""
    plain = DATA / "office_form_canonical.csv"
    lines = plain.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    households = [line.split(",") for line in lines[1:]]
    totals = [""] * len(header)
    totals[header.index(column)] = label
    for summed in ("members", "income_per_capita"):
        at = header.index(summed)
        totals[at] = str(sum(int(row[at]) for row in households))
    census = tmp_path / "tong_so_ho.csv"
    census.write_text("\n".join([*lines, ",".join(totals)]) + "\n", "utf-8")
    found = _report(cli, census)
    assert found["input"]["skipped_rows"] == [{"row": len(lines) + 1, "reason": "totals_row"}]
    assert _census_part(found) == _census_part(_report(cli, plain))


def test_subtotals_labelled_beside_the_id_are_skipped_not_set_aside(
    cli: Any, tmp_path: Path
) -> None:
    """The same form as a commune lays it out: STT and the head's name before the id, each
    subtotal's label beside the id ("Cộng xã Trần Phú" merged over STT and the name, or in
    the name's column), its id, district and commune blank
    (``census_subtotals_labelled_beside_the_id.xlsx``). Each was a household without an id
    (missing_value), 18 of 48, and the gate failed; a subtotal whose sums were over a
    household's range happened to be skipped. They are totals rows; a household whose id is
    blank beside its head's name stays a bad row."""
    import openpyxl

    form = DATA / "census_subtotals_labelled_beside_the_id.xlsx"
    found = _report(cli, form)
    assert found["input"]["invalid_rows"] == 0
    assert {row["reason"] for row in found["input"]["skipped_rows"]} == {"totals_row"}
    assert len(found["input"]["skipped_rows"]) == 19
    assert _census_part(found) == _census_part(_report(cli, DATA / "census_subtotal_rows.csv"))
    workbook = openpyxl.load_workbook(form)
    workbook.active["C2"] = None  # the first household's id, beside its head's name
    without_id = tmp_path / "without_id.xlsx"
    workbook.save(without_id)
    found = _report(cli, without_id, "--max-invalid", "100")
    assert found["input"]["invalid_by_reason"] == {"missing_value": 1}


@pytest.mark.parametrize("title_rows", ["", "DANH SÁCH HỘ RÀ SOÁT NĂM 2024\n\n"])
def test_subtotals_labelled_beside_the_id_in_a_csv_are_skipped(
    cli: Any, tmp_path: Path, title_rows: str
) -> None:
    """The workbook saved as CSV (``census_subtotals_labelled_beside_the_id.csv``): each
    subtotal's label in the STT or the name's column, as the merged cell leaves it. Its 18
    subtotals were bad rows; they are totals rows, as in the workbook. With title rows
    above the header too (the file read in batches)."""
    census = tmp_path / "census.csv"
    written = (DATA / "census_subtotals_labelled_beside_the_id.csv").read_text(encoding="utf-8")
    census.write_text(title_rows + written, encoding="utf-8")
    found = _report(cli, census)
    assert found["input"]["invalid_rows"] == 0
    assert {row["reason"] for row in found["input"]["skipped_rows"]} == {"totals_row"}
    assert len(found["input"]["skipped_rows"]) == 19
    assert _census_part(found) == _census_part(_report(cli, DATA / "census_subtotal_rows.csv"))


def test_subtotals_labelled_under_the_head_s_name_past_a_village_column_are_skipped(
    cli: Any, tmp_path: Path
) -> None:
    """The same CSV with a village column between STT and the head's name: the labels
    written in the name's column ("Cộng xã Ngô Quyền") were looked for in STT and the
    village only, each such subtotal a household without an id (missing_value) and the gate
    failed. The columns headed STT and the head's name are the ones looked in."""
    written = (DATA / "census_subtotals_labelled_beside_the_id.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(written)))
    village = [["Thôn"]] + [["Thôn Đồng" if row[2] else ""] for row in rows[1:]]
    census = tmp_path / "census.csv"
    with census.open("w", encoding="utf-8", newline="") as handle:
        widened = (row[:1] + cell + row[1:] for row, cell in zip(rows, village, strict=True))
        csv.writer(handle).writerows(widened)
    found = _report(cli, census)
    assert found["input"]["invalid_rows"] == 0
    assert {row["reason"] for row in found["input"]["skipped_rows"]} == {"totals_row"}
    assert len(found["input"]["skipped_rows"]) == 19
    assert _census_part(found) == _census_part(_report(cli, DATA / "census_subtotal_rows.csv"))


def test_a_number_the_workbook_keeps_does_not_make_the_column_s_thousands_ambiguous(
    cli: Any, tmp_path: Path
) -> None:
    """One income a formula left unrounded (666666.67, a number in the workbook) among
    incomes typed "2.100.000" and "950.000": its point is Excel's, not the office's, yet it
    made the column's separator undecided and set aside the eight households under a
    million (the poorest) as ambiguous. Every household is read now."""
    import openpyxl

    workbook = openpyxl.load_workbook(DATA / "office_form.xlsx")
    workbook.worksheets[0].cell(10, 6).value = 666666.67  # row 10, income (column F)
    path = tmp_path / "bao_cao_cong_thuc.xlsx"
    workbook.save(path)
    found = _report(cli, path)
    assert found["input"]["invalid_rows"] == 0  # read as 666667 (rounded up)
    separators = [d for d in found["input"]["decisions"] if d["code"] == "thousands_separator"]
    assert separators == [
        {"code": "thousands_separator", "column": "income_per_capita", "separator": "."}
    ]


@pytest.mark.parametrize(
    "name", ["census_income_by_formula.xlsx", "census_income_with_fraction.csv"]
)
def test_incomes_a_formula_divided_are_read_rounded_up_in_their_class(
    cli: Any, tmp_path: Path, name: str
) -> None:
    """Income per person computed by a formula (1.666.666,67; Excel shows it rounded): every
    household was set aside as ``not_an_integer`` and the check failed its gate. Read rounded
    up to the whole đồng, the class of each is the one its exact income gives (lines are
    whole đồng), also written with its thousands (1.499.999,5 as Excel shows it in
    Vietnamese); the last digit of Excel's binary arithmetic (2000000.0000000002) is not
    read as a fraction; a fraction under a thousand đồng ("2,5": millions?) stays set aside."""
    out = tmp_path / "phan_loai.csv"
    result = cli("classify", DATA / name, "-o", out, "--plan", PLAN_2024, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    classes = {
        line.split(",")[0]: (line.split(",")[4], line.split(",")[-1])
        for line in out.read_text(encoding="utf-8-sig").splitlines()[1:]
    }
    assert classes == {
        "R-BELOW-3": ("1500000", "Poor"),  # 1.499.999,5: at most the rural line
        "R-ABOVE-3": ("1500001", "Middle living standard"),  # 1.500.000,25: above it
        "U-LINE-3": ("2000000", "Poor"),
        "R-THIRD-0": ("1666667", "Middle living standard"),
        "R-WHOLE-2": ("1200000", "Near-poor"),
        "R-GROUPED-3": ("1500000", "Poor"),  # 1.499.999,5
        "U-GROUPED-3": ("2000001", "Middle living standard"),  # 2,000,000.25
    }
    found = _report(cli, DATA / name, "--max-invalid", "100")
    assert found["input"]["invalid_by_reason"] == {"not_an_integer": 1}
    assert found["input"]["problems"][0]["household_id"] == "R-TYPED-IN-MILLIONS"


def test_counts_in_excel_s_accounting_format_read_their_dashes_as_zero(
    cli: Any, tmp_path: Path
) -> None:
    """Count columns formatted with Excel's "Comma Style" button (the accounting format) show a
    zero as a dash, and Excel's CSV writes it so (" -   "): every household was set aside as
    ``not_a_number`` and the coverage indicators had no data. A count's dash alone is 0: the
    report is that of the same file written with zeros."""
    census = DATA / "census_counts_in_accounting_format.csv"
    with_zeros = tmp_path / "with_zeros.csv"
    text = census.read_text(encoding="utf-8").replace(" -   ", "0")
    with_zeros.write_text(text.replace(", ", ",").replace(" ,", ","), encoding="utf-8")
    found = _report(cli, census)
    assert found["input"]["invalid_rows"] == 0
    assert _census_part(found) == _census_part(_report(cli, with_zeros))


def test_communes_files_joined_one_under_another_give_the_report_of_one_file(
    cli: Any, tmp_path: Path
) -> None:
    """A district joins its communes' files by pasting each under the last, headers and
    all: each repeated header (and its row of column numbers) was a bad row of four
    problems, and the check of a small district failed its gate (exit 3). They are skipped
    and said, as a totals row is; the households' report is the one file's. The same for a
    plain CSV of canonical headers, read by the fast reader."""
    joined = DATA / "census_files_joined.csv"
    plain = DATA / "office_form_canonical.csv"
    found = _report(cli, joined)
    assert found["input"]["skipped_rows"] == [
        {"row": 15, "reason": "repeated_header"},
        {"row": 16, "reason": "repeated_header"},
    ]
    assert _census_part(found) == _census_part(_report(cli, plain))
    shown = cli("check", joined, "--plan", PLAN_2024, "--exit-zero").stdout
    assert "Dòng tiêu đề lặp lại bỏ qua (các tệp ghép nối tiếp nhau): dòng 15–16" in shown
    lines = plain.read_text(encoding="utf-8").splitlines()
    canonical = tmp_path / "joined_canonical.csv"
    canonical.write_text("\n".join([*lines[:11], lines[0], *lines[11:]]) + "\n", "utf-8")
    fast = _report(cli, canonical)
    assert fast["input"]["skipped_rows"] == [{"row": 12, "reason": "repeated_header"}]
    assert _census_part(fast) == _census_part(_report(cli, plain))


def test_files_joined_under_a_district_s_own_headers_are_read_as_one(
    cli: Any, tmp_path: Path
) -> None:
    """A district whose forms use its own headers ("Ma so ho", "Vung", mapped with
    --columns) joins its communes' files: the header each repeats is its own, not one the
    contract knows, and is skipped as such."""
    corpus = ROOT / "tests" / "corpus" / "files"
    lines = (corpus / "mapped.csv").read_text(encoding="utf-8").splitlines()
    joined = tmp_path / "joined.csv"
    joined.write_text("\n".join([*lines[:6], lines[0], *lines[6:]]) + "\n", "utf-8")
    one = tmp_path / "one.csv"
    one.write_text("\n".join(lines) + "\n", "utf-8")
    mapping = ["--columns", str(corpus / "mapped.yaml"), "--max-invalid", "100"]
    found = _report(cli, joined, *mapping)
    assert found["input"]["skipped_rows"] == [{"row": 7, "reason": "repeated_header"}]
    assert _census_part(found) == _census_part(_report(cli, one, *mapping))


def test_two_office_forms_joined_give_the_report_of_one(cli: Any) -> None:
    """Two communes' whole forms pasted one under the other (``census_forms_joined.csv``:
    the households of ``office_form.csv`` in two forms, each with its title rows, two header
    rows, column numbers and totals row): the second's title with its year, its date and its
    second header row were bad rows, and its headers and column numbers in the ticked
    columns undid the ticks, setting every household aside. Each is skipped and said; the
    report is the one form's."""
    found = _report(cli, DATA / "census_forms_joined.csv")
    reasons = {row["row"]: row["reason"] for row in found["input"]["skipped_rows"]}
    assert reasons == {
        20: "totals_row",
        **dict.fromkeys([21, 22, 23, 24], "no_household"),
        **dict.fromkeys([25, 26, 27], "repeated_header"),
        46: "totals_row",
    }
    assert found["input"]["invalid_rows"] == 0
    assert _census_part(found) == _census_part(_report(cli, DATA / "office_form.csv"))


def test_forms_joined_with_bare_column_numbers_give_the_report_of_one(cli: Any) -> None:
    """The same two forms with their columns numbered 1, 2, 3 … rather than (1), (2) …
    (``census_forms_joined_bare_numbers.csv``): the second form's row of numbers was a bad
    row, and its numbers in the ticked columns undid the ticks: every household was set
    aside. A whole row of different column numbers is skipped as a repeated header."""
    found = _report(cli, DATA / "census_forms_joined_bare_numbers.csv")
    reasons = {row["row"]: row["reason"] for row in found["input"]["skipped_rows"]}
    assert reasons[27] == "repeated_header"
    assert found["input"]["invalid_rows"] == 0
    assert _census_part(found) == _census_part(_report(cli, DATA / "office_form.csv"))


def test_files_joined_with_their_columns_in_another_order_are_refused(
    cli: Any, tmp_path: Path
) -> None:
    """A commune's file made on another template (its water and sanitation columns swapped)
    joined under the first: its households were read under the first file's columns, their
    deprivations swapped, and classed without a word. The repeated header shows it: the
    file is refused, naming the row and the columns."""
    lines = (DATA / "office_form_canonical.csv").read_text(encoding="utf-8").splitlines()
    rows = [line.split(",") for line in lines]
    water, sanitation = rows[0].index("dep_water"), rows[0].index("dep_sanitation")

    def other_template(row: list[str]) -> list[str]:
        swapped = list(row)
        swapped[water], swapped[sanitation] = row[sanitation], row[water]
        return swapped

    second = [other_template(row) for row in [rows[0], *rows[13:]]]
    joined = tmp_path / "joined.csv"
    joined.write_text("\n".join(",".join(row) for row in [*rows[:13], *second]) + "\n")
    result = cli("check", joined, "--plan", PLAN_2024)
    assert result.exit_code == 2
    assert (
        "dòng 14 lặp lại dòng tiêu đề nhưng các cột theo thứ tự khác ('dep_sanitation' ở chỗ "
        "của 'dep_water'): các hộ dưới dòng đó sẽ bị đọc sai cột"
    ) in result.stderr


def test_ticked_files_joined_keep_blank_as_no(cli: Any, tmp_path: Path) -> None:
    """Ticked forms (x or blank) joined: the repeated header's "dep_water" in a ticked
    column counted as a word written there, the column was no longer ticked, and every
    household was set aside with its blanks unknown. The header is no word of its column."""
    joined = DATA / "census_ticks_joined.csv"
    lines = joined.read_text(encoding="utf-8").splitlines()
    single = tmp_path / "one_header.csv"
    single.write_text("\n".join(line for n, line in enumerate(lines) if n != 11) + "\n", "utf-8")
    found = _report(cli, joined)
    assert found["input"]["invalid_rows"] == 0
    assert found["input"]["skipped_rows"] == [{"row": 12, "reason": "repeated_header"}]
    assert _census_part(found) == _census_part(_report(cli, single))


def test_a_parquet_census_s_doubles_are_read_to_the_same_digits(cli: Any, tmp_path: Path) -> None:
    """Incomes a program computed and wrote as doubles (Parquet): the binary arithmetic's last
    digit (2000000.0000000002, at the urban line) lifted the household to the middle band
    once fractions were read rounded up; read to 15 significant digits, as a workbook's."""
    out = tmp_path / "phan_loai.csv"
    census = DATA / "census_income_by_formula.parquet"
    result = cli("classify", census, "-o", out, "--plan", PLAN_2024, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert "U-LINE-3,Sơn Động,An Lạc,Urban,2000000,3,Poor" in lines
    assert "R-BELOW-3,Sơn Động,An Lạc,Rural,1500000,3,Poor" in lines
    assert not any(line.startswith("R-TYPED-IN-MILLIONS") for line in lines)  # 2.5: set aside


def test_signatures_under_the_table_and_group_headings_are_not_bad_rows(cli: Any) -> None:
    """A form ends with its place and date, "Người lập biểu", "(Ký, ghi rõ họ tên)" and the
    signatories' names, and may head a district's households with its name: each was a bad
    row, so a commune's form of ten households failed the quality gate (7 of 17 rows set
    aside, exit 3). They are skipped and reported; the households are read as written."""
    found = _report(cli, DATA / "census_signatures_under_table.csv")
    canonical = _report(cli, ROOT / "tests" / "corpus" / "files" / "canonical.csv")
    assert found["input"]["invalid_rows"] == 0
    assert found["input"]["rows"] == 10
    assert found["households"] == canonical["households"]
    skipped = {(row["row"], row["reason"]) for row in found["input"]["skipped_rows"]}
    heading, totals, under = {6}, {13}, set(range(14, 20))
    assert skipped == {(row, "no_household") for row in heading | under} | {(13, "totals_row")}
    assert {row for row, reason in skipped if reason == "totals_row"} == totals
    result = cli("check", DATA / "census_signatures_under_table.csv", "--plan", PLAN_2024)
    assert "Dòng không có số liệu hộ bỏ qua" in result.stdout
    assert "dòng 6, 14–19" in result.stdout


def test_empty_rows_excel_writes_after_a_formatted_table_are_not_bad_rows(cli: Any) -> None:
    """Excel saves rows that were formatted but left empty as lines of commas: five of them
    under ten households set five rows aside and failed the quality gate (exit 3)."""
    found = _report(cli, DATA / "census_trailing_empty_rows.csv")
    canonical = _report(cli, ROOT / "tests" / "corpus" / "files" / "canonical.csv")
    assert found["exit_code"] == canonical["exit_code"]
    assert found["input"]["invalid_rows"] == 0
    assert found["households"] == canonical["households"]
    assert found["input"]["skipped_rows"] == [
        {"row": row, "reason": "no_household"} for row in range(12, 17)
    ]


def test_a_household_whose_data_is_missing_stays_a_bad_row(cli: Any) -> None:
    """A row with a household's id (S9), or its id and commune (S10), and nothing else is a
    household the review has no data for: set aside, counted by the quality gate, not
    skipped as a note."""
    found = _report(cli, DATA / "census_households_without_data.csv", "--max-invalid", "100")
    assert found["input"]["invalid_rows"] == 2
    assert found["input"]["skipped_rows"] == []
    assert {problem["household_id"] for problem in found["input"]["problems"]} == {"S9", "S10"}


def test_a_workbook_s_signature_block_in_merged_cells_is_skipped(cli: Any, tmp_path: Path) -> None:
    """The office form as a workbook, its signature block under the table as offices lay it
    out: cells merged over several columns and rows. The same report as the plain file."""
    import openpyxl

    workbook = openpyxl.load_workbook(DATA / "office_form.xlsx")
    sheet = workbook.worksheets[0]
    last = sheet.max_row
    sheet.cell(last + 2, 20, "Lạng Giang, ngày 15 tháng 11 năm 2024")
    sheet.cell(last + 3, 2, "Người lập biểu")
    sheet.merge_cells(start_row=last + 3, start_column=2, end_row=last + 4, end_column=4)
    sheet.cell(last + 3, 20, "TM. ỦY BAN NHÂN DÂN XÃ")
    sheet.merge_cells(start_row=last + 3, start_column=20, end_row=last + 3, end_column=26)
    sheet.cell(last + 4, 20, "(Ký, ghi rõ họ tên, đóng dấu)")
    sheet.cell(last + 8, 2, "Nguyễn Văn An")
    sheet.cell(last + 8, 20, "Trần Văn Bình")
    signed = tmp_path / "bao_cao_co_chu_ky.xlsx"
    workbook.save(signed)
    form = _report(cli, signed)
    plain = _report(cli, DATA / "office_form_canonical.csv")
    assert _census_part(form) == _census_part(plain)
    assert form["input"]["invalid_rows"] == 0
    reasons = [row["reason"] for row in form["input"]["skipped_rows"]]
    assert reasons == ["totals_row", *["no_household"] * 4]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "vi",
            [
                "Dòng tiêu đề cột: dòng 5–6",
                "Dòng đánh số cột (1) (2)… ở dòng 7: bỏ qua",
                "Cột “Thu nhập bình quân”: dấu “.” phân cách hàng nghìn",
                "cột đánh dấu (x, ✓ = có; ô trống = không)",
                "Dòng tổng cộng bỏ qua (không phải hộ): dòng 38",
            ],
        ),
        (
            "en",
            [
                "Column headers: rows 5–6",
                "Row of column numbers (1) (2)… on row 7: skipped",
                "Column “income_per_capita”: “.” separates thousands",
                "ticked columns (x, ✓ = yes; blank = no)",
                "Totals rows skipped (not households): row 38",
            ],
        ),
    ],
)
def test_the_table_says_how_the_file_was_read(
    cli: Any, lang: str, said: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = cli("check", DATA / "office_form.xlsx", "--plan", PLAN_2024, "--lang", lang)
    for text in said:
        assert text in result.stdout


def test_sheet_rows_are_numbered_as_excel_numbers_them(cli: Any, tmp_path: Path) -> None:
    """A sheet whose table starts lower down (a blank row, a title in column C): a problem is
    reported on the row Excel shows."""
    import openpyxl

    frame = pd.read_csv(DATA / "census_under_a_million_canonical.csv", dtype=str)
    frame = frame.fillna("")
    frame.loc[1, "members"] = "nhiều"  # the second household: Excel row 6
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["C2"] = "DANH SÁCH HỘ"
    sheet.append([])
    sheet.append(list(frame.columns))
    for record in frame.itertuples(index=False):
        sheet.append(list(record))
    workbook.save(tmp_path / "lower.xlsx")
    found = _report(cli, tmp_path / "lower.xlsx", "--max-invalid", "100")
    assert found["input"]["decisions"] == [{"code": "header_row", "rows": [4]}]
    assert [(p["row"], p["column"]) for p in found["input"]["problems"]] == [(6, "members")]


def test_a_census_after_a_guide_sheet_is_named_with_the_option_to_read_it(
    cli: Any, tmp_path: Path
) -> None:
    """A workbook that opens on a guide: the refusal names the sheet holding the census and
    how to give it, and giving it reads the households as the plain file has them."""
    import openpyxl

    frame = pd.read_csv(DATA / "census_under_a_million_canonical.csv", dtype=str).fillna("")
    workbook = openpyxl.Workbook()
    guide = workbook.active
    assert guide is not None
    guide.title = "Hướng dẫn"
    guide.append(["Hướng dẫn điền biểu: mỗi hộ một dòng"])
    sheet = workbook.create_sheet("Danh sách hộ")
    sheet.append(list(frame.columns))
    for record in frame.itertuples(index=False):
        sheet.append(list(record))
    workbook.save(tmp_path / "guide_first.xlsx")

    refused = cli("check", tmp_path / "guide_first.xlsx", "--plan", PLAN_2024, "--lang", "en")
    assert refused.exit_code == 2
    assert "the sheet 'Danh sách hộ' does" in refused.stderr
    assert '--sheet "Danh sách hộ"' in refused.stderr

    read = _report(cli, tmp_path / "guide_first.xlsx", "--sheet", "Danh sách hộ")
    plain = _report(cli, DATA / "census_under_a_million_canonical.csv")
    assert _census_part(read) == _census_part(plain)


@pytest.mark.parametrize("typed", ["danh sách hộ", "Danh sach ho", "Danh sách hộ (NFD)"])
def test_a_sheet_is_found_as_a_person_types_its_name(cli: Any, tmp_path: Path, typed: str) -> None:
    """`--sheet` typed in lower case, without marks, or decomposed (a Vietnamese keyboard in
    "Unicode tổ hợp") was "no sheet": Excel's sheet names are the same in any case."""
    import unicodedata

    frame = pd.read_csv(DATA / "census_under_a_million_canonical.csv", dtype=str).fillna("")
    path = _workbook_of_sheets(
        tmp_path / "ds.xlsx", {"Hướng dẫn": frame.iloc[:0], "Danh sách hộ": frame}
    )
    name = unicodedata.normalize("NFD", "Danh sách hộ") if typed.endswith("(NFD)") else typed
    found = _report(cli, path, "--sheet", name)
    assert found["input"]["sheet"] == "Danh sách hộ"
    assert found["households"]["total"] == len(frame)


def _workbook_of_sheets(path: Path, sheets: dict[str, pd.DataFrame], hidden: str = "") -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, frame in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet.append(list(frame.columns))
        for record in frame.itertuples(index=False):
            sheet.append(list(record))
        sheet.sheet_state = "hidden" if name == hidden else "visible"
    workbook.save(path)
    return path


def test_households_on_several_sheets_are_refused_naming_each(cli: Any, tmp_path: Path) -> None:
    """A district's workbook with a sheet per commune: reading the first sheet alone reported
    one commune as if it were the census. It is refused, naming the sheets that hold
    households (not a blank template sheet, not a hidden one), and what to do; ``--sheet``
    reads the one given, and the summary says which."""
    frame = pd.read_csv(DATA / "census_under_a_million_canonical.csv", dtype=str).fillna("")
    first, second = frame.iloc[:5], frame.iloc[5:]
    path = _workbook_of_sheets(
        tmp_path / "huyen.xlsx",
        {
            "Xã A": first,
            "Xã B": second,
            "Mẫu": frame.iloc[:0],
            "Cũ": frame,
        },
        hidden="Cũ",
    )
    refused = cli("check", path, "--plan", PLAN_2024, "--lang", "en")
    assert refused.exit_code == 2, refused.stdout
    assert "2 sheets hold households ('Xã A', 'Xã B'); gnbv reads one" in refused.stderr
    assert '--sheet "Xã A"' in refused.stderr
    assert "Mẫu" not in refused.stderr and "Cũ" not in refused.stderr

    one = cli("check", path, "--plan", PLAN_2024, "--sheet", "Xã B", "--exit-zero")
    assert one.exit_code == 0, one.stderr
    assert any(line.split()[:2] == ["Sheet", "Xã"] for line in one.stdout.splitlines())
    assert _report(cli, path, "--sheet", "Xã B")["households"]["total"] == len(second)


def test_a_blank_template_sheet_beside_the_census_changes_nothing(cli: Any, tmp_path: Path) -> None:
    frame = pd.read_csv(DATA / "census_under_a_million_canonical.csv", dtype=str).fillna("")
    path = _workbook_of_sheets(tmp_path / "xa.xlsx", {"Danh sách": frame, "Mẫu": frame.iloc[:0]})
    plain = _report(cli, DATA / "census_under_a_million_canonical.csv")
    assert _census_part(_report(cli, path)) == _census_part(plain)


def test_a_workbook_whose_formulas_were_never_computed_is_refused(cli: Any) -> None:
    """A workbook a program wrote with formulas for the members and the income and no values
    (``census_formulas_not_computed.xlsx``; Excel computes them when it opens the file): each
    was read blank, every household set aside as missing its members, while Excel shows
    them. It is refused naming the first such cell and what to do; the STT column's formulas
    (a column gnbv does not read) are not counted. Opened and saved by LibreOffice
    (``census_formulas_computed.xlsx``), it gives the report of the same census in a CSV."""
    result = cli("check", DATA / "census_formulas_not_computed.xlsx", "--plan", PLAN_2024)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"lỗi: {DATA / 'census_formulas_not_computed.xlsx'}: sheet 'Danh sách': 20 ô số liệu "
        "(ô đầu tiên F2, cột 'members') là công thức chưa được tính, tệp không lưu giá trị "
        "(sổ do một phần mềm ghi ra, chưa mở bằng Excel): các ô này sẽ bị đọc là ô trống",
        "gợi ý: mở sổ bằng Excel (hoặc LibreOffice), bấm Lưu, rồi chạy lại",
    ]
    computed = _report(cli, DATA / "census_formulas_computed.xlsx")
    plain = _report(cli, DATA / "census_under_a_million_canonical.csv")
    assert _census_part(computed) == _census_part(plain)


def test_a_damaged_xls_workbook_named_as_csv_says_what_it_is(cli: Any, tmp_path: Path) -> None:
    """A workbook named .csv is read by its bytes; one no reader opens is no CSV file,
    and the message says what it seems to be."""
    named = tmp_path / "bao_cao.csv"
    named.write_bytes((DATA / "office_form.xls").read_bytes()[:600])
    result = cli("check", named, "--plan", PLAN_2024, "--lang", "en")
    assert result.exit_code == 2
    assert "this is an .xls workbook (Excel 97-2003), not a CSV file" in result.stderr


@given(
    titles=st.lists(
        st.sampled_from(["UBND TỈNH BẮC GIANG", "DANH SÁCH HỘ", "Ngày 15/11/2024", "", "Mẫu số 1"]),
        max_size=6,
    ),
    numbered=st.booleans(),
    unnamed=st.integers(min_value=0, max_value=5),
)
def test_the_header_is_found_under_any_title_rows(
    titles: list[str], numbered: bool, unnamed: int
) -> None:
    """Under title rows, above a row of column numbers, with a column left without a name
    anywhere (``unnamed``; 5: none): the header is its one row."""
    from gnbv.core.contract.headers import header_lookup
    from gnbv.read.layout import find_layout

    header = ["Mã hộ", "Huyện", "Xã", "Khu vực", "Ghi chú"]
    header[unnamed:unnamed] = [""] if unnamed < 5 else []
    rows = [[title] if title else [] for title in titles]
    rows.append(header)
    if numbered:
        rows.append([f"({number})" for number in range(1, len(header) + 1)])
    rows.append(["BG01", "Sơn Động", "An Lạc", "Nông thôn", ""])
    layout = find_layout(rows, header_lookup())
    assert layout.header == header
    assert layout.header_rows == (len(titles) + 1,)
    assert layout.first_data_row == len(titles) + 2 + numbered


@given(
    number=st.integers(min_value=1, max_value=99),
    style=st.sampled_from(
        [
            "{n}. {h}",
            "({n}) {h}",
            "{n} - {h}",
            "{n}) {h}",
            "{h} ({n})",
            "{h}\n({n})",
            "{h} (cột {n})",
        ]
    ),
    capitals=st.booleans(),
    data=st.data(),
)
def test_every_accepted_header_numbered_as_a_form_numbers_it_names_its_column(
    number: int, style: str, capitals: bool, data: st.DataObject
) -> None:
    """A form's column number in the header's cell, before the name or after it, in any case,
    takes nothing from the header: every header gnbv accepts still names its column."""
    from gnbv.core.contract.columns import COLUMNS
    from gnbv.core.contract.headers import contract_column, header_lookup

    spec = data.draw(st.sampled_from(COLUMNS))
    header = data.draw(st.sampled_from([spec.name, *spec.vietnamese]))
    written = style.format(n=number, h=header.upper() if capitals else header)
    assert contract_column(written, header_lookup()) == spec.name


def test_debug_says_how_the_file_was_read(cli: Any) -> None:
    result = cli("check", DATA / "office_form.csv", "--plan", PLAN_2024, "--debug")
    assert "encoding cp1258" in result.stderr
    assert "'header_row', 'rows': [5, 6]" in result.stderr
    assert "debug: 30 rows" in result.stderr


def test_a_totals_row_named_only_in_the_district_column_is_skipped(cli: Any) -> None:
    """An id and a commune filled, "Tổng cộng" in the district: still not a household (the
    one-query read summed it as one before)."""
    found = _report(cli, DATA / "census_totals_in_district.csv")
    assert found["input"]["skipped_rows"] == [{"row": 4, "reason": "totals_row"}]
    assert found["households"]["total"] == 2


def _merged_form(path: Path, frame: pd.DataFrame, with_village: bool, margin: int = 0) -> Path:
    """``frame`` as an office lays it out: each district and each commune written once, in
    a cell merged over its households' rows; a blank row closing the table inside the last
    district's cell. ``margin``: blank rows above the table and blank columns left of it."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    columns = [*frame.columns, *(["Thôn"] if with_village else [])]
    records = [
        [*record, *([f"Thôn {number // 2}"] if with_village else [])]
        for number, record in enumerate(frame.itertuples(index=False))
    ]
    for row, values in enumerate([columns, *records], start=1 + margin):
        for column, value in enumerate(values, start=1 + margin):
            sheet.cell(row=row, column=column, value=value)
    last = len(frame) + 1
    for name in ("district", "commune"):
        column = columns.index(name) + 1 + margin
        top = 2
        for row in range(3, last + 2):
            if row == last + 1 or frame[name].iloc[row - 2] != frame[name].iloc[top - 2]:
                bottom = last + 1 if (row == last + 1 and name == "district") else row - 1
                if bottom > top:
                    sheet.merge_cells(
                        start_row=top + margin,
                        start_column=column,
                        end_row=bottom + margin,
                        end_column=column,
                    )
                top = row
    workbook.save(path)
    return path


@pytest.mark.parametrize("margin", [0, 2])
def test_districts_and_communes_in_merged_cells_are_every_household_s(
    cli: Any, tmp_path: Path, margin: int
) -> None:
    """Excel keeps a merged cell's value in its top cell: the rows under it read as blank,
    and all but the first household of each district were set aside. Each row now takes
    the value of the cell merged over it, and the report says so. Also for a table under
    two blank rows and right of two blank columns (the merged cells were given to the
    column two to their right: every district set aside)."""
    frame = pd.read_csv(DATA / "office_form_canonical.csv", dtype=str).fillna("")
    frame = frame.sort_values(["district", "commune"], kind="stable").reset_index(drop=True)
    plain = tmp_path / "plain.csv"
    frame.to_csv(plain, index=False)
    merged = _merged_form(tmp_path / "merged.xlsx", frame, with_village=False, margin=margin)
    found = _report(cli, merged)
    assert found["input"]["invalid_rows"] == 0
    assert {"code": "merged_cells", "columns": ["district", "commune"]} in found["input"][
        "decisions"
    ]
    assert _census_part(found) == _census_part(_report(cli, plain))
    shown = cli("check", merged, "--plan", PLAN_2024, "--lang", "en").stdout
    assert "Cells merged over several rows in" in shown


@pytest.mark.parametrize("margin", [0, 2])
def test_a_list_carries_a_merged_village_to_each_household(
    cli: Any, tmp_path: Path, margin: int
) -> None:
    """Also for a table under two blank rows and right of two blank columns (the list's
    own columns were read two rows off: the merged village given to other households)."""
    frame = pd.read_csv(DATA / "office_form_canonical.csv", dtype=str).fillna("")
    frame = frame.sort_values(["district", "commune"], kind="stable").reset_index(drop=True)
    merged = _merged_form(tmp_path / "merged.xlsx", frame, with_village=True, margin=margin)
    import openpyxl

    workbook = openpyxl.load_workbook(merged)
    sheet = workbook.active
    assert sheet is not None
    village = sheet.max_column
    top = 2 + margin
    sheet.merge_cells(start_row=top, start_column=village, end_row=top + 3, end_column=village)
    workbook.save(merged)
    out = tmp_path / "list.csv"
    result = cli("list", merged, "--plan", PLAN_2024, "-o", out)
    assert result.exit_code == 0, result.stderr
    listed = pd.read_csv(out, dtype=str, encoding="utf-8-sig").fillna("")
    first_four = set(frame["household_id"].iloc[:4])
    villages = listed.loc[listed["Mã hộ"].isin(first_four), "Thôn"]
    assert len(villages) == 4 and set(villages) == {"Thôn 0"}


@pytest.mark.parametrize("name", ["census_tcvn3.csv", "census_tcvn3.xlsx"])
def test_a_census_typed_in_the_old_tcvn3_fonts_is_refused_saying_what_to_do(
    cli: Any, name: str
) -> None:
    """A form typed with the .VnTime fonts shows "Mã hộ" in Excel and holds "M· hé": every
    column was said missing, and the office, seeing its headers right on screen, had no way
    to tell why. The refusal names the fonts and the conversion (exit 2)."""
    result = cli("check", DATA / name, "--plan", PLAN_2024)
    assert result.exit_code == 2
    assert "bảng mã TCVN3" in result.stderr
    assert "Unikey: Công cụ chuyển mã, từ TCVN3 (ABC) sang Unicode" in result.stderr
    assert "thiếu cột" not in result.stderr


def test_a_unicode_census_missing_its_columns_is_not_taken_for_tcvn3(cli: Any) -> None:
    result = cli("check", DATA / "census_missing_columns.csv", "--plan", PLAN_2024)
    assert result.exit_code == 2
    assert "thiếu cột" in result.stderr and "TCVN3" not in result.stderr


def test_an_ods_workbook_s_cells_merged_over_rows_give_their_value_to_each(cli: Any) -> None:
    """LibreOffice's .ods (``census_merged_cells.ods``: the districts and communes of
    ``census_merged_cells_plain.csv`` merged over their households, saved by LibreOffice) was
    refused as "a zip file, not a CSV"; read through calamine, its merged cells were not
    known (calamine gives none for .ods) and 24 of 30 households set aside. They are read
    from the file, as an .xlsx's are."""
    found = _report(cli, DATA / "census_merged_cells.ods")
    assert found["input"]["invalid_rows"] == 0
    assert {"code": "merged_cells", "columns": ["district", "commune"]} in found["input"][
        "decisions"
    ]
    assert _census_part(found) == _census_part(_report(cli, DATA / "census_merged_cells_plain.csv"))


def test_a_report_is_not_written_under_an_ods_name(cli: Any, tmp_path: Path) -> None:
    result = cli("check", DATA / "office_form.csv", "--plan", PLAN_2024, "-o", tmp_path / "x.ods")
    assert result.exit_code == 2 and "gnbv ghi sổ tính dạng .xlsx" in result.stderr
    assert not (tmp_path / "x.ods").exists()


PLAIN_CELLS = {"int": ["4", "0", "1500000", ""], "bool": ["true", "false", ""]}
OFFICE_CELLS = {
    "int": ["4", "950.000", "1.200.000 đ", "1,5", "5 người", "", "12.000.001", "2,250,000"],
    "bool": ["x", "", "có", "✓", "không", "X"],
}
KINDS = {
    "members": "int",
    "income_per_capita": "int",
    "insured_members": "int",
    "dep_water": "bool",
    "dep_housing_area": "bool",
    "ethnic_minority": "bool",
}


@given(data=st.data())
def test_the_columns_read_as_text_decide_as_every_column_does(data: st.DataObject) -> None:
    """The reader looks for conventions in the columns it reads as text only: a column it
    reads typed holds plain integers or true and false. The decisions are those of every
    column looked at."""
    rows = data.draw(st.integers(1, 6))
    as_text = data.draw(st.sets(st.sampled_from(list(KINDS))))
    cells = {
        name: data.draw(
            st.lists(
                st.sampled_from((OFFICE_CELLS if name in as_text else PLAIN_CELLS)[kind]),
                min_size=rows,
                max_size=rows,
            )
        )
        for name, kind in KINDS.items()
    }
    frame = pl.DataFrame(cells)
    required = ["dep_water", "dep_housing_area"]
    looked_at = columns_that_may_decide(list(KINDS), as_text)
    assert conventions_of(frame.select(looked_at), required) == conventions_of(frame, required)


@pytest.mark.parametrize(
    ("cell", "set_aside"),
    [
        ("A7", []),  # the column numbers' row: "(1)" a formula's #REF!
        ("E38", []),  # the totals row's sum of members
        ("G10", [(10, "dep_employment")]),  # a ticked column
        ("F12", [(12, "income_per_capita")]),  # an income in a dotted column
    ],
)
def test_an_excel_error_in_an_office_form_sets_aside_its_household_alone(
    cli: Any, tmp_path: Path, cell: str, set_aside: list[tuple[int, str]]
) -> None:
    """One cell of the form showing an Excel error: in a household's row, that row alone is
    set aside (``excel_error``), and the columns keep their conventions (an error among the
    ticks made blank an unknown again: 24 households set aside); above or below the table it
    changes nothing (the column numbers' row with a #REF! was read as a household)."""
    import openpyxl

    workbook = openpyxl.load_workbook(DATA / "office_form.xlsx")
    sheet = workbook.worksheets[0]
    sheet[cell].value, sheet[cell].data_type = "#REF!", "e"
    path = tmp_path / "bao_cao_loi.xlsx"
    workbook.save(path)
    found = _report(cli, path, "--max-invalid", "100")
    problems = [(p["row"], p["column"]) for p in found["input"]["problems"]]
    assert problems == set_aside
    assert {p["reason"] for p in found["input"]["problems"]} <= {"excel_error"}
    assert (
        found["input"]["decisions"] == _report(cli, DATA / "office_form.xlsx")["input"]["decisions"]
    )

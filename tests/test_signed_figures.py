"""Figures an office signs: each case a hand check of ``check`` and ``compare`` found wrong.

Every case runs gnbv as a user would, on a small named file in ``tests/data/``, and compares
with figures worked by hand. Classes in the files: poor = 1,000,000 VND and 3 deprivations,
near-poor = 1,000,000 and none, middle = 1,800,000, non-poor = 5,000,000; Sơn Động / An Lạc,
rural, unless the file says otherwise.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, PLAN_2024, ROOT, one_district_census, plan_of_districts

CENSUS_TARGETS = ["T1", "T2", "T3", "T4", "T5", "T8", "T9", "D1", "D2", "D3", "D4"]


def _json(
    cli: Any, *args: str | Path, code: int | None = None, plan: Path = PLAN_2024
) -> dict[str, Any]:
    result = cli(*args, "--plan", plan, "--format", "json")
    if code is not None:
        assert result.exit_code == code, result.stderr
    assert "Traceback" not in result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _row(document: dict[str, Any], level: str, name: str | None = None) -> dict[str, Any]:
    for row in document["transitions"]["rows"]:
        if row["level"] == level and (name is None or name in (row["district"], row["commune"])):
            return dict(row)
    raise AssertionError(f"no {level} row {name}")


def _targets(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {target["id"]: target for target in document["targets"]}


# 1. A household that moved inside the province is one escape at the province's level.


def test_a_move_between_districts_is_an_escape_for_the_province(cli: Any) -> None:
    """M1: poor in Lục Nam in 2023, near-poor in Sơn Động in 2024."""
    document = _json(
        cli,
        "compare",
        DATA / "compare_moved_between_districts_2023.csv",
        DATA / "compare_moved_between_districts_2024.csv",
        code=0,
    )
    province = _row(document, "province")
    assert (province["poor_start"], province["poor_escaped_to_near_poor"]) == (1, 1)
    assert (province["poor_left"], province["departed"], province["arrived"]) == (0, 0, 0)
    assert (province["near_poor_from_poor"], province["near_poor_arrived"]) == (1, 0)
    assert province["near_poor_end"] == 2
    rural = _row(document, "area")
    assert (rural["poor_escaped_to_near_poor"], rural["poor_left"]) == (1, 0)
    luc_nam, son_dong = (
        _row(document, "district", "Lục Nam"),
        _row(document, "district", "Sơn Động"),
    )
    assert (luc_nam["poor_left"], luc_nam["departed"], luc_nam["poor_escaped_to_near_poor"]) == (
        1,
        1,
        0,
    )
    assert (son_dong["near_poor_arrived"], son_dong["arrived"]) == (1, 1)


def test_a_move_between_districts_is_in_the_escaped_list(cli: Any) -> None:
    result = cli(
        "compare",
        DATA / "compare_moved_between_districts_2023.csv",
        DATA / "compare_moved_between_districts_2024.csv",
        "--plan",
        PLAN_2024,
        "--list",
        "escaped",
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(row["Household id"], row["Change"]) for row in rows] == [
        ("M1", "Escaped, now near-poor")
    ]
    assert (rows[0]["District"], rows[0]["District at the start"]) == ("Sơn Động", "Lục Nam")


# 2. Ethnic-minority counts at the start use the flag of the start.


def test_ethnic_minority_start_counts_use_the_previous_census(cli: Any) -> None:
    """E1 poor both years, ethnic minority in 2023 only; E2 poor -> near-poor, minority both."""
    document = _json(
        cli,
        "compare",
        DATA / "compare_ethnic_flag_changed_2023.csv",
        DATA / "compare_ethnic_flag_changed_2024.csv",
        code=0,
    )
    province = _row(document, "province")
    assert province["households_start_em"] == 2 and province["households_end_em"] == 1
    assert province["poor_start_em"] == 2
    assert province["poor_escaped_to_near_poor_em"] == 1
    assert province["poor_left_em"] == 1  # E1 is no longer in the group
    assert province["poor_end_em"] == 0
    assert (province["near_poor_from_poor_em"], province["near_poor_end_em"]) == (1, 1)


# 3. D4: a blank housing_supported is unknown; the year's list stays in the denominator.


@pytest.mark.parametrize("command", ["check", "compare"])
def test_housing_support_leaves_blanks_out_and_keeps_those_who_escaped(
    cli: Any, command: str
) -> None:
    """H1 poor supported, H2 poor blank (left out), H3 near-poor not supported, H4 poor at
    the start and middle now, supported: 2 of 3 (H1, H4 of H1, H3, H4)."""
    document = _json(cli, command, DATA / "census_housing_supported_blank.csv")
    d4 = _targets(document)["D4"]
    assert (d4["numerator"], d4["denominator"]) == (2, 3)
    assert d4["actual"] == pytest.approx(200 / 3)
    assert d4["status"] == "not_met" and d4["gap_households"] == 1


def test_housing_support_all_blank_is_no_data(cli: Any) -> None:
    d4 = _targets(_json(cli, "check", DATA / "census_housing_supported_all_blank.csv"))["D4"]
    assert d4["status"] == "no_data" and d4["actual"] is None


# 4. D1 takes "newly escaped" from the --baseline census.


def test_job_connection_with_a_baseline_census_and_no_status_prev(cli: Any, tmp_path: Path) -> None:
    """J1 poor in 2023, non-poor now (2 in need, 1 supported); J2 poor (1 of 1); J3 never
    poor: 2 of 3. (A province of Sơn Động alone: D1 is the province's.)"""
    census = DATA / "census_job_support_no_status_prev.csv"
    plan = plan_of_districts(tmp_path, ["Sơn Động"])
    with_baseline = _json(
        cli, "check", census, "--baseline", DATA / "baseline_job_support_2023.csv", plan=plan
    )
    d1 = _targets(with_baseline)["D1"]
    assert (d1["numerator"], d1["denominator"], d1["status"]) == (2, 3, "not_met")
    alone = _targets(_json(cli, "check", census, plan=plan))["D1"]
    assert alone["status"] == "no_data" and alone["no_data_code"] == "column_absent"


# 5. The baseline order is applied per target.


def test_baseline_source_is_chosen_per_target(cli: Any, tmp_path: Path) -> None:
    """The baseline census lacks special_difficulty_commune: T3's baseline comes from
    status_prev (B1, B2 poor of the 4 ĐBKK households: 50 %); T2's from the census (2 of 5).
    (A province of Sơn Động alone: T3 is the province's ĐBKK communes.)"""
    document = _json(
        cli,
        "check",
        DATA / "census_dbkk_with_status_prev.csv",
        "--baseline",
        DATA / "baseline_without_dbkk_column.csv",
        plan=plan_of_districts(tmp_path, ["Sơn Động"]),
    )
    targets = _targets(document)
    assert targets["T3"]["baseline_source"] == "status_prev"
    assert targets["T3"]["baseline"] == pytest.approx(50.0)
    assert targets["T3"]["actual"] == pytest.approx(25.0)  # B2 poor of 4: 25 % now
    assert targets["T3"]["status"] == "met"
    assert targets["T2"]["baseline_source"] == "baseline_census"
    assert targets["T2"]["baseline"] == pytest.approx(40.0)


# 6. A reduction that cannot be reached says so, never an impossible count.


def test_reduction_from_a_zero_baseline_cannot_be_met(cli: Any) -> None:
    """Sơn Động: no poor household at the start (status_prev), 2 of 10 poor now; "giảm 5
    điểm" would need a rate of -5 %."""
    document = _json(cli, "check", DATA / "census_reduction_from_zero.csv")
    t2 = _targets(document)["T2"]
    assert t2["status"] == "not_met" and t2["reachable"] is False
    assert t2["gap_households"] is None and t2["gap_count"] is None
    assert t2["gap_points"] == pytest.approx(25.0)  # 5 asked, -20 achieved
    assert "cannot be met" in t2["note"]
    table = cli("check", DATA / "census_reduction_from_zero.csv", "--plan", PLAN_2024)
    assert "không thể đạt" in table.stdout


# 7. Unknown history is shown apart, with a warning.


def test_became_poor_with_unknown_history_is_counted_apart(cli: Any) -> None:
    """U1 history blank, U2 fell back, U3 new."""
    for command in ("check", "compare"):
        document = _json(cli, command, DATA / "census_history_unknown.csv")
        province = _row(document, "province")
        assert (
            province["poor_history_unknown"],
            province["poor_fell_back"],
            province["poor_new"],
        ) == (1, 1, 1)
        (warning,) = [text for text in document["warnings"] if "unknown history" in text]
        assert (
            warning.startswith("1 households became poor") and "ever_poor_before blank" in warning
        )


def test_history_column_absent_is_named_in_a_warning(cli: Any) -> None:
    result = cli("check", DATA / "census_history_column_absent.csv", "--plan", PLAN_2024)
    assert "tệp không có cột ever_poor_before" in result.stderr  # in Vietnamese by default
    assert "tệp không có cột ever_near_poor_before" in result.stderr
    assert "Chưa rõ" in result.stdout  # the column of households with unknown history
    english = cli("check", DATA / "census_history_column_absent.csv", "--plan", PLAN_2024,
                  "--lang", "en")  # fmt: skip
    assert "column ever_poor_before absent" in english.stderr


# 8. A census with no valid household meets nothing.


def test_no_valid_household_fails_the_gate_and_meets_nothing(cli: Any) -> None:
    document = _json(
        cli, "check", DATA / "census_no_valid_household.csv", "--max-invalid", "100", code=3
    )
    assert document["input"]["valid_rows"] == 0
    assert document["input"]["quality_gate"] == "failed"
    statuses = {key: value["status"] for key, value in _targets(document).items()}
    assert {statuses[key] for key in CENSUS_TARGETS} == {"no_data"}
    assert document["target_counts"]["met"] == 0
    # Nobody to count, said as such (not "districts missing": there is no household at all).
    codes = {key: value["no_data_code"] for key, value in _targets(document).items()}
    assert codes["T1"] == codes["D5a"] == "nobody"


# 9. Unit names are matched to the plan's units.


def test_unit_names_are_matched_to_the_plan(cli: Any) -> None:
    document = _json(cli, "check", DATA / "census_unit_names.csv")
    districts = {row["name"]: row["households"] for row in document["districts"]}
    assert districts == {"Bắc Giang": 1, "Hà Nội": 2, "Sơn Động": 4}
    communes = {(row["district"], row["name"]): row["households"] for row in document["communes"]}
    assert communes[("Sơn Động", "An Lạc")] == 4
    groups = {group["id"]: group for group in document["groups"]}
    assert (
        groups["poor_district:Sơn Động"]["households"],
        groups["poor_district:Sơn Động"]["poor"],
    ) == (4, 1)
    warnings = [text for text in document["warnings"] if "Hà Nội" in text]
    assert len(warnings) == 1 and "not a unit of the plan" in warnings[0]


def test_districts_written_without_their_marks_are_the_plans(cli: Any, tmp_path: Path) -> None:
    """``census_districts_without_marks.csv``: the households of the hand-worked canonical
    file with "Son Dong", "Sơn Đông" and "Viet Yen" (a keyboard without Vietnamese, an ASCII
    export). They were districts unknown to the plan: T2 and D4 no data, Sơn Động's
    households in no district. Each is the plan's one district written so without marks,
    read as it and said in a warning; the report is the canonical file's."""
    plan = plan_of_districts(tmp_path, ["Sơn Động", "Việt Yên"])
    unmarked = _json(cli, "check", DATA / "census_districts_without_marks.csv", plan=plan)
    canonical = _json(cli, "check", DATA / "census_under_a_million_canonical.csv", plan=plan)
    for key in ("households", "districts", "communes", "groups", "targets", "transitions"):
        assert unmarked[key] == canonical[key], key
    assert unmarked["warnings"] == [
        "district 'Son Dong' of the census is read as the plan's 'Sơn Động' (its marks "
        "missing or wrong)",
        "district 'Sơn Đông' of the census is read as the plan's 'Sơn Động' (its marks "
        "missing or wrong)",
        "district 'Viet Yen' of the census is read as the plan's 'Việt Yên' (its marks "
        "missing or wrong)",
    ]


# 10. Every command, every format, both languages, on the shipped data.

SHIPPED = ROOT / "data" / "households.csv"
PREVIOUS = ROOT / "data" / "households_2023.csv"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("output_format", ["table", "json", "csv", "xlsx"])
@pytest.mark.parametrize("command", ["check", "compare"])
def test_every_format_and_language_on_the_shipped_data(
    cli: Any, tmp_path: Path, command: str, output_format: str, lang: str
) -> None:
    files = [SHIPPED] if command == "check" else [PREVIOUS, SHIPPED]
    args: list[str | Path] = [command, *files, "--plan", PLAN_2024, "--format", output_format]
    args += ["--lang", lang, "--exit-zero"] if command == "check" else ["--lang", lang]
    if output_format == "xlsx":
        args += ["--output", tmp_path / "out.xlsx"]
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert "internal error" not in result.stderr
    if output_format == "json":
        json.loads(result.stdout)
    if output_format == "csv":
        header, *rows = list(csv.reader(io.StringIO(result.stdout)))
        assert len(set(header)) == len(header)
        for row in rows:
            for cell in row:  # counts are integers, rates two decimals: never 23.0 or 1.7842...
                assert not cell.endswith(".0"), cell
                if cell.replace(".", "", 1).lstrip("-").isdigit() and "." in cell:
                    assert len(cell.split(".")[1]) == 2, cell


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    "args",
    [
        ["budget", "--format", "table"],
        ["budget", "--format", "json"],
        ["plan", "show"],
    ],
)
def test_other_commands_in_both_languages(cli: Any, args: list[str], lang: str) -> None:
    result = cli(*args, "--lang", lang, cwd=ROOT)
    assert result.exit_code == 0, result.stderr


def test_plan_validate_and_classify_on_the_shipped_data(cli: Any, tmp_path: Path) -> None:
    assert cli("plan", "validate", PLAN_2024).exit_code == 0
    result = cli("classify", SHIPPED, "--plan", PLAN_2024, "-o", tmp_path / "classes.csv")
    assert result.exit_code == 0, result.stderr


def test_counts_are_integers_in_json(cli: Any) -> None:
    t5 = _targets(_json(cli, "check", SHIPPED, "--exit-zero"))["T5"]
    assert isinstance(t5["actual"], int) and isinstance(t5["target"], int)


# 11. status_prev words in Vietnamese and in any case.


@pytest.mark.parametrize(
    "name",
    # "HN", "HCN", "MSTB": as reports abbreviate them; they were invalid_status
    ["census_status_prev_words.csv", "census_status_prev_abbreviated.csv"],
)
def test_status_prev_words(cli: Any, name: str) -> None:
    document = _json(cli, "check", DATA / name)
    assert document["input"]["invalid_rows"] == 0
    province = _row(document, "province")
    assert (province["poor_start"], province["near_poor_start"]) == (3, 1)
    assert province["households_start"] == 7


def test_forms_12_and_13_break_each_unit_down_as_its_households_are(cli: Any) -> None:
    """Kinh / ethnic minority, merit and no labour capacity among all, the poor and the
    near-poor of the province and of each commune, counted again here from the file and the
    classes gnbv gives each household."""
    import tempfile

    census = DATA / "census_under_a_million_canonical.csv"
    with tempfile.TemporaryDirectory() as folder:
        classes_path = Path(folder) / "classes.csv"
        cli("classify", census, "--plan", PLAN_2024, "-o", classes_path, "--lang", "en")
        with classes_path.open(encoding="utf-8-sig") as handle:
            classes = {row["Household id"]: row["Class now"] for row in csv.DictReader(handle)}
    names = {"Poor": "poor", "Near-poor": "near_poor"}
    with census.open(encoding="utf-8") as handle:
        households = list(csv.DictReader(handle))
    report = json.loads(cli("check", census, "--plan", PLAN_2024, "--format", "json").stdout)

    def expected(rows: list[dict[str, str]]) -> dict[str, Any]:
        def count(chosen: list[dict[str, str]]) -> list[int]:
            return [len(chosen), sum(int(row["members"]) for row in chosen)]

        return {
            "households": len(rows),
            "persons": sum(int(row["members"]) for row in rows),
            "kinh": count([row for row in rows if row["ethnic_minority"] == "false"]),
            "ethnic_minority": count([row for row in rows if row["ethnic_minority"] == "true"]),
            "meritorious": sum(row["meritorious"] == "true" for row in rows),
            "no_labour": sum(row["able_workers"] == "0" for row in rows),
        }

    def of(rows: list[dict[str, str]], klass: str) -> list[dict[str, str]]:
        return [row for row in rows if names.get(classes[row["household_id"]]) == klass]

    province = report["profiles"][0]
    assert province["district"] is None
    assert province["all"] == expected(households)
    assert province["poor"] == expected(of(households, "poor"))
    assert province["near_poor"] == expected(of(households, "near_poor"))
    for unit in report["profiles"][1:]:
        mine = [
            row
            for row in households
            if row["district"] == unit["district"]
            and (unit["commune"] is None or row["commune"] == unit["commune"])
        ]
        assert unit["all"] == expected(mine)
        assert unit["poor"] == expected(of(mine, "poor"))


def test_form_9_splits_the_poor_into_kinh_and_ethnic_minority(cli: Any, tmp_path: Path) -> None:
    import openpyxl

    census = DATA / "census_under_a_million_canonical.csv"
    out = tmp_path / "report.xlsx"
    cli("check", census, "--plan", PLAN_2024, "--format", "xlsx", "--output", out, "--exit-zero")
    report = json.loads(cli("check", census, "--plan", PLAN_2024, "--format", "json").stdout)
    sheet = openpyxl.load_workbook(out)["Biểu 9 - Theo dân tộc"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    province = next(row for row in rows if row[1] == "Tổng cộng")  # of part of the province
    poor = report["profiles"][0]["poor"]
    assert province[2:6] == [
        poor["households"],
        poor["kinh"][0],
        poor["ethnic_minority"][0],
        "không có dữ liệu",
    ]


def test_every_text_of_a_printed_form_fits_its_row(cli: Any, tmp_path: Path) -> None:
    """A spreadsheet does not grow a row for its wrapped text: a target's text cut after
    two lines would be printed and signed so. On every form, each text cell's lines at its
    column's width fit the row's height (15 points a line)."""
    import math

    import openpyxl
    from openpyxl.utils import get_column_letter

    out = tmp_path / "report.xlsx"
    cli("check", SHIPPED, "--plan", PLAN_2024, "--format", "xlsx", "-o", out, "--exit-zero")
    cut = []
    for sheet in openpyxl.load_workbook(out):
        merged = {cell for span in sheet.merged_cells.ranges for cell in span.cells}
        for row in sheet.iter_rows(min_row=10):  # below the numbered header row
            if all(cell.value is None for cell in row):
                break  # the notes and signatures follow
            height = sheet.row_dimensions[row[0].row].height or 15
            for cell in row:
                if not isinstance(cell.value, str) or (cell.row, cell.column) in merged:
                    continue
                width = sheet.column_dimensions[get_column_letter(cell.column)].width
                if 15 * math.ceil(len(cell.value) / (width - 1)) > height:
                    cut.append((sheet.title, cell.coordinate, cell.value[:30]))
    assert not cut


# 12. A district's own census: its figures are the district's, not the province's.

PROVINCE_WIDE = ["T1", "T3", "T4", "T5", "T8", "T9", "D1", "D2", "D3", "D5a", "D5b", "D6"]


def test_a_census_of_one_district_gives_no_figure_of_the_province(cli: Any, tmp_path: Path) -> None:
    """A district office checks its own households (the shipped census's Sơn Động): T1 was
    "14,55 % không đạt" for the province and T3, T4 "đạt", from one district of ten. The
    province's targets are now no data, naming the districts missing; the district's own
    targets are what the province's census gives for it; the total row is the file's."""
    district_file = one_district_census(SHIPPED, tmp_path / "son_dong.csv")
    alone = _targets(_json(cli, "check", district_file))
    province = _targets(_json(cli, "check", SHIPPED))
    for target_id in PROVINCE_WIDE:
        assert alone[target_id]["status"] == "no_data", target_id
        assert alone[target_id]["actual"] is None
        assert alone[target_id]["no_data_code"] == "districts_absent"
    missing = "Bắc Giang, Việt Yên, Hiệp Hòa, Lạng Giang, Lục Nam, Lục Ngạn, Tân Yên, Yên Dũng"
    assert (
        f"1 of the plan's 10 districts (none of {missing}, Yên Thế)"
        in (alone["T1"]["no_data_reason"])
    )
    for target_id in ("T2", "D4"):  # Sơn Động's own
        assert alone[target_id] == province[target_id]

    table = cli("check", district_file, "--plan", PLAN_2024, "--exit-zero").stdout
    assert "T1, T3, T4, T5, T8, T9, D1, D2, D3, D5a, D5b, D6: tệp rà soát không có hộ" in table
    rows = [line.split() for line in table.splitlines()]
    assert ["Tổng", "cộng", "1.980", "288"] in [row[:4] for row in rows]  # the districts' total
    assert ["Toàn", "tỉnh", "1.980"] not in [row[:3] for row in rows]
    assert ["Địa", "bàn", "Sơn", "Động", "(1/10", "huyện)"] in rows  # said at the top


def test_another_district_s_census_gives_no_figure_of_the_poor_district(
    cli: Any, tmp_path: Path
) -> None:
    """Lục Nam's office checks its households: the group "Huyện nghèo Sơn Động" read 0
    households, 0 poor (in the JSON and the table), as if Sơn Động had none. It has no data
    there; Sơn Động's own census still gives its figures."""
    other = one_district_census(SHIPPED, tmp_path / "luc_nam.csv", "Lục Nam")
    groups = {group["id"]: group for group in _json(cli, "check", other)["groups"]}
    poor_district = groups["poor_district:Sơn Động"]
    assert poor_district["households"] is None and poor_district["poor"] is None
    assert poor_district["no_data_reason"] == "no household in this scope"
    assert groups["ethnic_minority"]["households"] > 0
    table = cli("check", other, "--plan", PLAN_2024, "--exit-zero").stdout
    assert "Huyện nghèo Sơn Động       —       —" in table
    own = one_district_census(SHIPPED, tmp_path / "son_dong.csv")
    own_groups = {group["id"]: group for group in _json(cli, "check", own)["groups"]}
    assert own_groups["poor_district:Sơn Động"]["households"] == 1980


def test_a_previous_census_of_one_district_gives_no_baseline_of_the_province(
    cli: Any, tmp_path: Path
) -> None:
    """--baseline with the previous census of Sơn Động only: Sơn Động's baseline comes from
    it, the province's ĐBKK communes' (T3) does not (from status_prev, as without it)."""
    previous = one_district_census(ROOT / "data" / "households_2023.csv", tmp_path / "prev.csv")
    targets = _targets(_json(cli, "check", SHIPPED, "--baseline", previous))
    assert targets["T2"]["baseline_source"] == "baseline_census"
    assert targets["T3"]["baseline_source"] == "status_prev"
    assert targets["T3"] == _targets(_json(cli, "check", SHIPPED))["T3"]


def test_printed_forms_name_the_part_of_the_province_they_are_about(
    cli: Any, tmp_path: Path
) -> None:
    """A form printed and signed says whose figures it holds: a district's census, a
    commune's list, the province (it said "Đơn vị: Bắc Giang — tỉnh Bắc Giang" for all)."""
    import openpyxl

    def subtitle(path: Path) -> str:
        return str(openpyxl.load_workbook(path).worksheets[0]["A5"].value)

    district_file = one_district_census(SHIPPED, tmp_path / "son_dong.csv")
    for census, unit in ((district_file, "Sơn Động — tỉnh"), (SHIPPED, "tỉnh")):
        out = tmp_path / f"{census.stem}.xlsx"
        cli("check", census, "--plan", PLAN_2024, "--format", "xlsx", "-o", out, "--exit-zero")
        assert subtitle(out).startswith(f"Đơn vị: {unit} Bắc Giang — năm 2024 — lập ngày ")
    chosen = ["--district", "Sơn Động", "--commune", "An Bá"]
    out = tmp_path / "list.xlsx"
    cli("list", SHIPPED, "--plan", PLAN_2024, *chosen, "-o", out)
    assert subtitle(out).startswith("Đơn vị: An Bá, Sơn Động — tỉnh Bắc Giang — năm 2024")
    cli("list", district_file, "--plan", PLAN_2024, "--class", "poor", "-o", out)
    assert subtitle(out).startswith("Đơn vị: Sơn Động — tỉnh Bắc Giang — năm 2024")


def test_a_district_s_forms_are_not_issued_by_the_province_s_agency(
    cli: Any, tmp_path: Path
) -> None:
    """A district's census printed as forms was headed by the province's Sở and signed
    "Bắc Giang, ngày …", over the district's signatures. The office is left as a line to
    write in, or is the one --issuer names; the place is the district. The province's forms
    keep the plan's lead agency."""
    import openpyxl

    def issuer_and_place(path: Path, form: int = 1) -> tuple[str, list[str]]:
        sheet = openpyxl.load_workbook(path).worksheets[form]  # Biểu 1 of a report
        cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell]
        return str(sheet["A1"].value), [cell for cell in cells if ", ngày " in cell]

    district_file = one_district_census(SHIPPED, tmp_path / "son_dong.csv")
    args = ["--plan", PLAN_2024, "--exit-zero", "-o"]
    cli("check", district_file, *args, tmp_path / "a.xlsx")
    issuer, places = issuer_and_place(tmp_path / "a.xlsx")
    assert "SỞ" not in issuer and set(issuer) == {"…"}
    assert places and all(place.startswith("Sơn Động, ngày ") for place in places)
    cli("check", district_file, *args, tmp_path / "b.xlsx", "--issuer", "UBND huyện Sơn Động")
    assert issuer_and_place(tmp_path / "b.xlsx")[0] == "UBND HUYỆN SƠN ĐỘNG"
    out = tmp_path / "list.xlsx"
    cli("list", district_file, "--plan", PLAN_2024, "--commune", "An Bá", "-o", out)
    issuer, places = issuer_and_place(out, 0)
    assert set(issuer) == {"…"} and places[0].startswith("An Bá, ngày ")
    cli("list", district_file, "--plan", PLAN_2024, "--class", "poor", "-o", out)
    assert issuer_and_place(out, 0)[1][0].startswith("Sơn Động, ngày ")
    cli("check", SHIPPED, *args, tmp_path / "c.xlsx")
    issuer, places = issuer_and_place(tmp_path / "c.xlsx")
    assert issuer.startswith("SỞ LAO ĐỘNG") and issuer.endswith("TỈNH BẮC GIANG")
    assert places[0].startswith("Bắc Giang, ngày ")


def test_the_title_block_and_signatures_of_every_printed_form_fit_their_rows(
    cli: Any, tmp_path: Path
) -> None:
    """The office's name, the state's heading, the title and the unit above each form, the
    place, date and signatures under it: on a narrow form (four columns) the office's name
    takes several lines of its merged cell, and a row of a fixed 30 points cut it. Each
    text's lines at its cells' width fit."""
    import math

    import openpyxl
    from openpyxl.utils import get_column_letter

    report, progress = tmp_path / "report.xlsx", tmp_path / "progress.xlsx"
    cli("check", SHIPPED, "--plan", PLAN_2024, "--format", "xlsx", "-o", report, "--exit-zero")
    workbook = ROOT / "data" / "tien_do_2024.xlsx"
    cli("progress", "check", workbook, "--plan", PLAN_2024, "--format", "xlsx", "-o", progress)
    cut = []
    for path in (report, progress):
        for sheet in openpyxl.load_workbook(path):
            for span in sheet.merged_cells.ranges:
                if span.min_row != span.max_row:
                    continue
                text = str(sheet.cell(row=span.min_row, column=span.min_col).value or "")
                width = sum(
                    sheet.column_dimensions[get_column_letter(c)].width or 8.43
                    for c in range(span.min_col, span.max_col + 1)
                )
                height = sheet.row_dimensions[span.min_row].height or 15
                if 15 * math.ceil(len(text) / (width - 1)) > height:
                    cut.append((path.name, sheet.title, span.coord, text[:30]))
    assert not cut


def test_every_column_header_of_the_printed_forms_fits_its_rows(cli: Any, tmp_path: Path) -> None:
    """Form 8's "Hộ không có khả năng lao động" wrapped to four lines in its column, in a
    header row of a fixed 45 points: its first line printed over the border. Each header,
    bold, at its column's width, fits its row (a lone column's header both header rows)."""
    import math

    import openpyxl
    from openpyxl.utils import get_column_letter

    report = tmp_path / "report.xlsx"
    cli("check", SHIPPED, "--plan", PLAN_2024, "-o", report, "--exit-zero")
    top, bottom, bold = 7, 8, 1.3
    cut = []
    for sheet in openpyxl.load_workbook(report):
        if sheet.cell(row=bottom + 1, column=1).value != "(1)":
            continue  # not a form with the two header rows
        lone = {span.min_col for span in sheet.merged_cells.ranges if span.bounds[1::2] == (7, 8)}
        for column in range(1, sheet.max_column + 1):
            row = top if column in lone else bottom
            text = str(sheet.cell(row=row, column=column).value or "")
            width = sheet.column_dimensions[get_column_letter(column)].width or 8.43
            room = sum(sheet.row_dimensions[r].height or 15 for r in range(row, bottom + 1))
            if 15 * math.ceil(len(text) * bold / (width - 1)) > room:
                cut.append((sheet.title, column, text))
    assert not cut


# 13. A list of the poor and near-poor households is not a census.


def test_a_list_of_poor_and_near_poor_households_is_named_as_such(cli: Any) -> None:
    """``census_poor_and_near_poor_only.csv``: twelve households, all poor or near-poor, as
    the list an office keeps. The shipped census so filtered gave "T1 41,30 % thiếu 807 hộ"
    and T2 "đạt" against a baseline of 74,6 %, without a word. The report now says what the
    file looks like and why its rates are not the area's; a whole census says nothing."""
    plan = ["--plan", PLAN_2024, "--format", "json", "--exit-zero", "--lang", "en"]
    listed = json.loads(cli("check", DATA / "census_poor_and_near_poor_only.csv", *plan).stdout)
    assert listed["warnings"][0] == (
        "the census looks like a list of poor and near-poor households only: 12 of its 12 "
        "households (100.0 %) are poor or near-poor. A rate divides by every household of the "
        "area (the whole review, not its lists), so the rates and the targets on them are not "
        "the area's"
    )
    assert listed["labels"]["warnings"][0].startswith(
        "the census looks like a list"
    )  # --lang en: the labels in English too
    shipped = json.loads(cli("check", SHIPPED, *plan).stdout)
    assert not [text for text in shipped["warnings"] if "list of poor" in text]


def test_the_printed_forms_say_a_list_of_the_poor_is_no_census(cli: Any, tmp_path: Path) -> None:
    """Under the targets form and Biểu 1, where the rates are read and signed."""
    import openpyxl

    out = tmp_path / "report.xlsx"
    census = DATA / "census_poor_and_near_poor_only.csv"
    cli("check", census, "--plan", PLAN_2024, "-o", out, "--exit-zero")
    workbook = openpyxl.load_workbook(out)
    for sheet in ("Chỉ tiêu", "Biểu 1 - Kết quả rà soát"):
        texts = [c for row in workbook[sheet].iter_rows(values_only=True) for c in row]
        assert any(
            isinstance(text, str) and text.startswith("Tệp rà soát có vẻ chỉ là danh sách hộ nghèo")
            for text in texts
        ), sheet


def _form_of(rows: int) -> Any:
    from gnbv.render.forms.model import Form, FormColumn, FormRow

    columns = [FormColumn("STT", "int"), FormColumn("Đơn vị", "text")]
    columns += [FormColumn(f"Cột {number}", "int", group="Nhóm") for number in range(8)]
    body = [
        FormRow([row + 1, f"Xã số {row + 1}", *(row * number for number in range(8))])
        for row in range(rows)
    ]
    return Form("Biểu thử", "BIỂU THỬ", columns, body, notes=["Ghi chú dưới bảng."])


def _page_breaks(tmp_path: Path, rows: int) -> tuple[list[int], int]:
    """The row breaks of a form of ``rows`` rows as gnbv writes it, and its last row."""
    import datetime as dt

    import openpyxl

    from gnbv.io.xlsx_writer import HEADER_ROW, write_forms
    from gnbv.render.forms.model import Heading

    heading = Heading("SỞ LAO ĐỘNG", "Bắc Giang", 2024, "Bắc Giang", dt.date(2026, 12, 1), "vi")
    path = tmp_path / f"form_{rows}.xlsx"
    write_forms(path, [_form_of(rows)], heading)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return [brk.id for brk in sheet.row_breaks.brk], HEADER_ROW + 2 + rows


@pytest.mark.parametrize("rows", [20, 44, 48])
def test_signatures_are_never_printed_on_a_page_without_the_table(
    tmp_path: Path, rows: int
) -> None:
    """Printed fit to the page's width (LibreOffice, with Calibri's metrics), a form of 20
    rows put its note and signatures alone on its last page, and one of 44 to 48 rows its
    signatures: an office would sign a page without a figure. A page break before the table's
    last three rows keeps them with the note and the signatures."""
    breaks, last_row = _page_breaks(tmp_path, rows)
    assert breaks == [last_row - 3]


@pytest.mark.parametrize("rows", [5, 30, 60])
def test_a_form_whose_signatures_follow_its_table_is_printed_as_it_flows(
    tmp_path: Path, rows: int
) -> None:
    """No page is started that the table does not need (printed: 1, 2 and 3 pages with the
    signatures under the table's last rows)."""
    assert _page_breaks(tmp_path, rows)[0] == []


def test_a_commune_s_census_gives_no_figure_of_its_district(cli: Any, tmp_path: Path) -> None:
    """A commune officer checks the commune's own file (An Lạc): "T2 Sơn Động: đạt" was its
    reduction computed on one of the district's seventeen communes. A district's targets need
    more than one of its communes: no data, saying why; two communes give a figure."""
    import pandas as pd

    shipped = pd.read_csv(ROOT / "data" / "households.csv", dtype=str, keep_default_na=False)
    one = tmp_path / "an_lac.csv"
    shipped[shipped["commune"] == "An Lạc"].to_csv(one, index=False)
    targets = _targets(_json(cli, "check", one, code=None))
    for target_id in ("T2", "D4"):
        assert targets[target_id]["status"] == "no_data", target_id
        assert targets[target_id]["no_data_code"] == "one_commune"
        assert "(An Lạc)" in targets[target_id]["no_data_reason"]
    two = tmp_path / "an_lac_vinh_an.csv"
    shipped[shipped["commune"].isin(["An Lạc", "Vĩnh An"])].to_csv(two, index=False)
    assert _targets(_json(cli, "check", two, code=None))["T2"]["status"] in ("met", "not_met")


def test_a_commune_s_forms_are_of_the_commune_and_signed_there(cli: Any, tmp_path: Path) -> None:
    """The review's forms of a commune's own file said "Đơn vị: Sơn Động" and "Sơn Động,
    ngày …" over the commune's signatures: the district's. They are the commune's; a
    district's file keeps its district."""
    import openpyxl
    import pandas as pd

    shipped = pd.read_csv(ROOT / "data" / "households.csv", dtype=str, keep_default_na=False)

    def said(rows: Any, name: str) -> list[str]:
        census, forms = tmp_path / f"{name}.csv", tmp_path / f"{name}.xlsx"
        rows.to_csv(census, index=False)
        cli("check", census, "--plan", PLAN_2024, "-o", forms, "--exit-zero")
        sheet = openpyxl.load_workbook(forms).worksheets[1]
        return [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]

    commune = said(shipped[shipped["commune"] == "An Lạc"], "an_lac")
    assert any(text.startswith("Đơn vị: An Lạc —") for text in commune)
    assert any(text.startswith("An Lạc, ngày") for text in commune)
    district = said(shipped[shipped["district"] == "Sơn Động"], "son_dong")
    assert any(text.startswith("Sơn Động, ngày") for text in district)

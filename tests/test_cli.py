"""The command line as cron sees it: exit codes, stdout for results only, stderr for messages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gnbv import __version__
from tests.conftest import DATA, PLAN_2024, ROOT, household, plan_of_districts, write_census

COMMANDS = [
    [],
    ["plan"],
    ["plan", "validate"],
    ["plan", "show"],
    ["budget"],
    ["check"],
    ["classify"],
    ["synth"],
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(cli: object, command: list[str]) -> None:
    result = cli(*command, "--help")  # type: ignore[operator]
    assert result.exit_code == 0
    assert "Cách dùng: gnbv" in result.stdout
    if command and command != ["plan"]:  # --lang is a command's option, not a group's
        english = cli(*command, "--help", "--lang", "en")  # type: ignore[operator]
        assert "Usage: gnbv" in english.stdout


def _command_paths(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _command_paths(sub, (*path, name))


_PARSER_ENGLISH = re.compile(
    r"Usage|Arguments:|Options:|Commands:|\[required\]|default:|Show this message"
    r"|<(?:path|file|int|str|float|list)|OPTIONS|COMMAND|ARGS|\{"
)


def test_help_is_vietnamese_around_the_help_texts_too(cli: Any) -> None:
    """Every command's --help, usage line, headings, what each option takes, "[required]",
    "[default: …]", the --help option's own help: Vietnamese, not the parser's English
    (which a Vietnamese office reads as noise)."""
    import typer

    from gnbv.cli import app

    english: dict[str, list[str]] = {}
    for path in _command_paths(typer.main.get_command(app)):
        result = cli(*path, "--help")
        assert result.exit_code == 0
        found = _PARSER_ENGLISH.findall(result.stdout)
        if found:
            english[" ".join(path) or "gnbv"] = found
    assert not english
    missing = cli("check")
    assert "Cách dùng: gnbv check [TÙY_CHỌN] TỆP_RÀ_SOÁT" in missing.stderr
    assert "thiếu TỆP_RÀ_SOÁT" in missing.stderr


def test_version(cli: object) -> None:
    result = cli("--version")  # type: ignore[operator]
    assert (result.exit_code, result.stdout) == (0, f"gnbv {__version__}\n")


def test_help_does_not_import_pandas() -> None:
    """--help and --version answer fast: the census engine is imported only when used."""
    code = (
        "import sys; from gnbv.cli import run; run(['--version']); print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_check_hashes_the_census_while_pandas_loads() -> None:
    """A large census's SHA-256 is computed on the other core while Python loads pandas and
    polars (about a second): nothing ``gnbv check`` does before it starts the hash loads
    them (the CLI once named its read options from the engine, and the hash waited)."""
    code = (
        "import sys, gnbv.read.scan as scan\n"
        "scan.start_early_scan = lambda path: print('pandas' in sys.modules, flush=True)\n"
        "from gnbv.cli import run\n"
        f"run(['check', {str(DATA / 'census_classification_edges.csv')!r},"
        f" '--plan', {str(PLAN_2024)!r}, '--format', 'json'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.splitlines()[0] == "False"


@pytest.mark.parametrize("code_page", ["cp1258", "cp1252"])
def test_output_sent_to_a_file_on_a_windows_code_page_is_utf8(code_page: str) -> None:
    """On Windows, a scheduled job's output sent to a file or a pipe is encoded in the ANSI
    code page (cp1258 on a Vietnamese system), which cannot write "ỗ": the run failed on
    its first Vietnamese word (exit 4). It writes UTF-8, the report and the messages."""
    import os

    environment = os.environ | {"PYTHONIOENCODING": code_page}
    args = ["check", str(DATA / "census_classification_edges.csv"), "--plan", str(PLAN_2024)]
    code = "from gnbv.cli import main; main()"
    for extra in ([], ["--format", "json"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *args, *extra], capture_output=True, env=environment
        )
        assert done.returncode in (0, 1), done.stderr.decode("utf-8", "replace")
        said = done.stdout.decode("utf-8")  # strict: UTF-8 or the test fails
        assert ("Chỉ tiêu" in said) if not extra else json.loads(said)["status"]
        done.stderr.decode("utf-8")


def test_usage_error_exits_2(cli: object) -> None:
    result = cli("check", "--no-such-option", "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2
    assert "No such option" in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["check", "data/households.csv", "--bogus"], "không có tùy chọn --bogus"),
        (["chek"], "không có lệnh 'chek' (có phải: check?)"),
        (["check"], "thiếu TỆP_RÀ_SOÁT"),
        (["check", "a.csv", "b.csv"], "thừa đối số: b.csv"),
        (["check", "a.csv", "--max-invalid", "abc"], "'--max-invalid': phải là số"),
        (["check", "a.csv", "--format", "xml"], "'xml' không phải một trong"),
        (["check", "a.csv", "--plan", "."], "'.' là thư mục, không phải tệp"),
        (["check", "a.csv", "--plan"], "tùy chọn '--plan' cần một giá trị"),
    ],
)
def test_usage_errors_are_said_in_vietnamese(cli: object, args: list[str], said: str) -> None:
    """A mistyped command line is answered in the user's language, with where to find help:
    none of the parser's English words reach a Vietnamese screen."""
    result = cli(*args)  # type: ignore[operator]
    assert result.exit_code == 2
    assert "lỗi: " in result.stderr and said in result.stderr
    for english in ("Error", "Invalid value", "No such", "Missing", "Got unexpected", "Try '"):
        assert english not in result.stderr


def test_plan_show_lists_all_targets(cli: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # the plan's words on one line each
    result = cli("plan", "show", PLAN_2024)  # type: ignore[operator]
    assert result.exit_code == 0
    for target_id in ("T1", "T10", "D1", "D5a", "D5b", "D6"):
        assert f" {target_id} " in result.stdout
    assert "Toàn tỉnh còn 1,8%" in result.stdout
    assert "Tỷ lệ hộ nghèo" in result.stdout  # the metric by its name, not its code
    assert "poverty_rate" not in result.stdout
    english = cli("plan", "show", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert "Province poverty rate at most" in english.stdout
    # Comparisons as a reader writes them, as the gap tables do: not the plan file's "<=".
    assert "≤ 1,8%" in result.stdout and "= 0" in result.stdout
    assert not any(sign in result.stdout for sign in ("<=", ">=", "=="))


def test_short_output_option_writes_the_report(cli: object, tmp_path: Path) -> None:
    """``-o`` as every command that writes a file takes it (check, compare, progress check)."""
    for command in (
        ["check", DATA / "census_classification_edges.csv", "--format", "json"],
        [
            "compare",
            ROOT / "data" / "households_2023.csv",
            ROOT / "data" / "households.csv",
            "--format",
            "json",
        ],
    ):
        out = tmp_path / f"{command[0]}.json"
        result = cli(*command, "--plan", PLAN_2024, "-o", out)  # type: ignore[operator]
        assert result.exit_code in (0, 1), result.stderr
        assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1


def test_plan_validate_ok(cli: object) -> None:
    result = cli("plan", "validate", PLAN_2024)  # type: ignore[operator]
    assert result.exit_code == 0
    assert "hợp lệ — 17 chỉ tiêu, 7 dự án, tổng vốn 279.862 triệu đồng" in result.stderr


def test_plan_is_found_by_year_or_alone(cli: object, tmp_path: Path) -> None:
    census = DATA / "census_classification_edges.csv"
    none_here = cli("check", census, "--lang", "en", cwd=tmp_path)  # type: ignore[operator]
    assert none_here.exit_code == 2 and "no plan_*.yaml in" in none_here.stderr
    for name in ("plan_2024.yaml", "plan_2025.yaml"):
        (tmp_path / name).write_text(PLAN_2024.read_text(encoding="utf-8-sig"), encoding="utf-8")
    several = cli("check", census, "--lang", "en", cwd=tmp_path)  # type: ignore[operator]
    assert several.exit_code == 2
    assert "several plans in" in several.stderr and "plan_2024.yaml, plan_2025.yaml" in (
        several.stderr
    )
    by_year = cli("check", census, "--year", "2024", "--exit-zero", cwd=tmp_path)  # type: ignore[operator]
    assert by_year.exit_code == 0
    missing_year = cli("check", census, "--year", "2030", "--lang", "en", cwd=tmp_path)  # type: ignore[operator]
    assert missing_year.exit_code == 2 and "no plan for 2030" in missing_year.stderr


def test_json_stdout_holds_only_json(cli: object, tmp_path: Path) -> None:
    plan = plan_of_districts(tmp_path, ["Sơn Động"])  # the file's one district: T1 not met
    result = cli(
        "check", DATA / "census_classification_edges.csv", "--plan", plan, "--format", "json"
    )  # type: ignore[operator]
    document = json.loads(result.stdout)
    assert document["exit_code"] == result.exit_code == 1


def test_the_json_says_its_warnings_and_reasons_for_no_data_in_the_run_language(
    cli: object, tmp_path: Path
) -> None:
    """The JSON's warnings and no-data reasons are English texts (stable, for programs); its
    labels say them in Vietnamese for a person reading the JSON, in the same order."""
    rows = [household(f"H{i}", district="Việt Yên", commune="Tự Lạn") for i in range(3)]
    path = write_census(tmp_path / "viet_yen.csv", rows)
    result = cli("check", path, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    document = json.loads(result.stdout)
    assert document["warnings"] == [
        "target T2: no household of district 'Sơn Động' in the census",
        "target D4: no household of district 'Sơn Động' in the census",
    ]
    assert document["labels"]["warnings"] == [
        "chỉ tiêu T2: tệp rà soát không có hộ nào của huyện 'Sơn Động'",
        "chỉ tiêu D4: tệp rà soát không có hộ nào của huyện 'Sơn Động'",
    ]
    no_data = document["labels"]["no_data"]
    assert sorted(no_data) == sorted(t["id"] for t in document["targets"]) != []
    assert no_data["T6"] == "đo ngoài số liệu rà soát (số liệu giải ngân)"
    assert no_data["T1"].startswith("tệp rà soát không có hộ của 9 huyện (Bắc Giang, Hiệp Hòa")


def test_a_census_with_no_valid_household_is_reported_not_crashed(cli: object) -> None:
    """Every row set aside (optional columns present): the report says so, and exits 3."""
    result = cli(
        "check", DATA / "census_every_row_invalid.csv", "--plan", PLAN_2024, "--format", "json"
    )  # type: ignore[operator]
    document = json.loads(result.stdout)
    assert result.exit_code == document["exit_code"] == 3
    assert document["input"]["valid_rows"] == 0
    assert document["input"]["invalid_by_reason"] == {
        "out_of_range": 1,
        "missing_value": 1,
        "count_exceeds_total": 1,
    }


def test_json_error_document_on_exit_2(cli: object, tmp_path: Path) -> None:
    """Cron consumers never parse an empty string: errors are a small JSON document too."""
    result = cli("check", tmp_path / "missing.csv", "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["status"] == "error" and document["exit_code"] == 2
    assert "no such file" in document["error"]["message"]


def test_exit_zero(cli: object) -> None:
    result = cli(
        "check", DATA / "census_classification_edges.csv", "--plan", PLAN_2024, "--exit-zero"
    )  # type: ignore[operator]
    assert result.exit_code == 0


def test_all_evaluable_targets_met_exits_0(cli: object, tmp_path: Path) -> None:
    """A census of only well-off households meets T1 and T5; other targets have no data.
    (A province of Việt Yên and Sơn Động: T1 is the province's.)"""
    rows = [
        household(f"H{i}", district=district, commune="Tự Lạn", meritorious=False)
        for i, district in enumerate(["Việt Yên"] * 4 + ["Sơn Động"])
    ]
    path = write_census(tmp_path / "rich.csv", rows)
    plan = plan_of_districts(tmp_path, ["Việt Yên", "Sơn Động"])
    result = cli("check", path, "--plan", plan, "--format", "json", "--lang", "en")  # type: ignore[operator]
    document = json.loads(result.stdout)
    statuses = {t["id"]: t["status"] for t in document["targets"]}
    assert statuses["T1"] == "met" and "not_met" not in statuses.values()
    assert result.exit_code == 0


def test_output_file_is_written_whole(cli: object, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = cli(
        "check",
        DATA / "census_classification_edges.csv",
        "--plan",
        PLAN_2024,
        "--format",
        "json",
        "--output",
        out,
    )  # type: ignore[operator]
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8-sig"))["input"]["rows"] == 12
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary left behind
    assert out.stat().st_mode & 0o044  # readable by others, like a file made by open()


def test_output_refuses_to_overwrite_the_census(cli: object, tmp_path: Path) -> None:
    census = write_census(tmp_path / "c.csv", [household("A")])
    before = census.read_bytes()
    result = cli("check", census, "--plan", PLAN_2024, "--output", census, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2
    assert "refusing to overwrite an input file" in result.stderr
    assert census.read_bytes() == before


def test_internal_error_exits_4_and_traceback_only_with_debug(
    cli: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gnbv.service

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(gnbv.service, "run_streaming_check", broken)
    args = ["check", DATA / "census_classification_edges.csv", "--plan", PLAN_2024]
    quiet = cli(*args)  # type: ignore[operator]
    assert quiet.exit_code == 4
    assert "lỗi nội bộ: RuntimeError" in quiet.stderr and "Traceback" not in quiet.stderr
    loud = cli(*args, "--debug")  # type: ignore[operator]
    assert loud.exit_code == 4 and "Traceback" in loud.stderr


def test_an_end_of_file_inside_gnbv_is_an_internal_error_not_an_interruption(
    cli: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command-line parser takes an EOFError for the user closing a prompt; gnbv asks
    for nothing, so one is a bug to report (exit 4), not "stopped" (130)."""
    import gnbv.service

    def ended(*_: object, **__: object) -> None:
        raise EOFError("ended")

    monkeypatch.setattr(gnbv.service, "run_streaming_check", ended)
    result = cli("check", DATA / "census_classification_edges.csv", "--plan", PLAN_2024)  # type: ignore[operator]
    assert result.exit_code == 4
    assert "lỗi nội bộ: EOFError" in result.stderr


def test_keyboard_interrupt_exits_130(cli: object, monkeypatch: pytest.MonkeyPatch) -> None:
    import gnbv.service

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(gnbv.service, "run_streaming_check", interrupted)
    result = cli("check", DATA / "census_classification_edges.csv", "--plan", PLAN_2024)  # type: ignore[operator]
    assert result.exit_code == 130


def test_classify_writes_class_per_household(cli: object, tmp_path: Path) -> None:
    out = tmp_path / "classes.csv"
    result = cli(
        "classify", DATA / "census_classification_edges.csv", "-o", out, "--plan", PLAN_2024
    )  # type: ignore[operator]
    assert result.exit_code == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == (
        "Mã hộ,Huyện/thành phố,Xã/phường/thị trấn,Khu vực,Thu nhập BQ (đồng/người/tháng),"
        "Số chỉ số thiếu hụt,Phân loại hiện nay"
    )
    assert "R-LINE-3,Sơn Động,An Lạc,Nông thôn,1500000,3,Hộ nghèo" in lines
    english = tmp_path / "classes_en.csv"
    args = ["-o", english, "--plan", PLAN_2024, "--lang", "en"]
    assert cli("classify", DATA / "census_classification_edges.csv", *args).exit_code == 0  # type: ignore[operator]
    english_lines = english.read_text(encoding="utf-8-sig").splitlines()
    assert english_lines[0].startswith("Household id,District,Commune,Area,")
    assert "R-LINE-3,Sơn Động,An Lạc,Rural,1500000,3,Poor" in english_lines


def test_synth_is_deterministic(cli: object, tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    for path in (first, second):
        assert cli("synth", "-o", path, "--scale", "0.002", "--seed", "7").exit_code == 0  # type: ignore[operator]
    assert first.read_bytes() == second.read_bytes()
    other = tmp_path / "c.csv"
    cli("synth", "-o", other, "--scale", "0.002", "--seed", "8")  # type: ignore[operator]
    assert other.read_bytes() != first.read_bytes()


def test_formula_cells_are_neutralised_in_csv_outputs(cli: object, tmp_path: Path) -> None:
    rows = [household("=1+1"), household("B", members="x")]
    path = write_census(tmp_path / "f.csv", rows)
    rejects = tmp_path / "rejects.csv"
    cli("check", path, "--plan", PLAN_2024, "--rejects", rejects, "--exit-zero")  # type: ignore[operator]
    out = tmp_path / "classes.csv"
    cli("classify", path, "-o", out, "--plan", PLAN_2024)  # type: ignore[operator]
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].startswith("'=1+1,")


def test_installed_console_script_runs_the_shipped_check() -> None:
    """The README's main job: gnbv check data/households.csv, from the repository root."""
    result = subprocess.run(
        [sys.executable, "-m", "gnbv", "check", "data/households.csv", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    document = json.loads(result.stdout)
    assert result.returncode == document["exit_code"] in (0, 1)
    assert len(document["targets"]) == 17
    assert {t["status"] for t in document["targets"]} <= {"met", "not_met", "no_data"}


def test_shipped_pair_compares() -> None:
    """gnbv compare data/households_2023.csv data/households.csv: a plausible summary."""
    result = subprocess.run([sys.executable, "-m", "gnbv", "compare", "data/households_2023.csv",
                             "data/households.csv", "--format", "json"], cwd=ROOT,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["transitions"]["rows"]
    province = rows[0]
    assert province["level"] == "province"
    assert 0.02 < province["poor_start"] / province["households_start"] < 0.03
    assert province["poor_escaped_to_near_poor"] > 0 and province["poor_fell_back"] > 0
    assert province["departed"] > 0 and province["arrived"] > 0


def test_a_report_written_to_a_file_ends_with_its_warnings(cli: object, tmp_path: Path) -> None:
    """Printed from the file, the report still says what the screen said on stderr (no
    household of a district a target is about)."""
    out = tmp_path / "report.txt"
    census = DATA / "office_form.csv"
    result = cli("check", census, "--plan", PLAN_2024, "--output", out, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code in (0, 1), result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    start = lines.index("Warnings")
    assert lines[start + 1 :] == [
        "- target T2: no household of district 'Sơn Động' in the census",
        "- target D4: no household of district 'Sơn Động' in the census",
    ]


def test_counts_in_messages_are_written_as_the_language_writes_them(
    cli: Any, tmp_path: Path
) -> None:
    """What stderr says after a run reads as the tables do: 47.247 hộ (47,247 in English),
    the standard by its name, not its file's code; a share set aside with a decimal comma."""
    census = ROOT / "data" / "households.csv"
    out = tmp_path / "phan_loai.csv"
    said = cli("classify", census, "--plan", PLAN_2024, "-o", out).stderr
    assert "đã phân loại 47.247 hộ theo Chuẩn nghèo đa chiều giai đoạn 2022–2025" in said
    assert "nd07_2022_2025" not in said
    said = cli("classify", census, "--plan", PLAN_2024, "-o", out, "--lang", "en").stderr
    assert "47,247 households classified under Multidimensional poverty standard" in said
    lines = census.read_text(encoding="utf-8-sig").splitlines()
    lines[5] = lines[5].replace(",rural,", ",nowhere,").replace(",urban,", ",nowhere,")
    bad = tmp_path / "census_one_bad_area.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    said = cli("check", bad, "--plan", PLAN_2024, "--exit-zero").stderr
    assert "1 trên 47.247 dòng bị loại (0,00%)" in said


def test_the_targets_csv_names_indicators_scopes_and_sources_in_words(cli: Any) -> None:
    """The one-table CSV (headers in Vietnamese, opened in Excel by the office) wrote the
    indicator, the scope and the baseline's source as codes: poverty_rate, dbkk_communes,
    status_prev. Now in the words of the gap table."""
    census = ROOT / "data" / "households.csv"
    text = cli("check", census, "--plan", PLAN_2024, "--format", "csv").stdout
    t1, t2, t3 = text.splitlines()[1:4]
    assert ",Tỷ lệ hộ nghèo,Toàn tỉnh,2.63,kế hoạch," in t1
    assert ",Tỷ lệ hộ nghèo,Huyện Sơn Động,20.74,đầu kỳ," in t2
    assert ",Xã ĐBKK," in t3
    for code in ("poverty_rate", "dbkk_communes", "status_prev", ",province,"):
        assert code not in text


@pytest.mark.parametrize(
    "command",
    [
        ["budget", "--plan", PLAN_2024, "--format", "csv"],
        ["budget", "--plan", PLAN_2024, "--format", "xlsx"],
        [
            "progress",
            "check",
            ROOT / "data" / "tien_do_2024.xlsx",
            "--plan",
            PLAN_2024,
            "--format",
            "csv",
        ],
        ["history", ROOT / "no_history.db", "--format", "csv"],
    ],
)
def test_a_format_a_command_does_not_write_is_refused(
    cli: object, command: list[str | Path], tmp_path: Path
) -> None:
    """A job asking budget for CSV got the table for people, exit 0: now a usage error that
    names the formats the command writes."""
    result = cli(*command, "--lang", "en", cwd=tmp_path)  # type: ignore[operator]
    assert result.exit_code == 2
    assert result.stdout == "" and "is not one of 'table', 'json'" in result.stderr


def test_a_long_file_path_is_shown_whole_at_80_columns(
    cli: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary said "tests/data/census_negative_members.c…": which file was read must
    be readable on the screen, folded over lines if need be."""
    monkeypatch.setenv("COLUMNS", "80")
    folder = tmp_path / "Phong_LDTBXH_huyen_Son_Dong" / "ra_soat_cuoi_nam_2024"
    folder.mkdir(parents=True)
    census = folder / "danh_sach_ho_ngheo_can_ngheo.csv"
    census.write_bytes((DATA / "census_classification_edges.csv").read_bytes())
    result = cli("check", census, "--plan", PLAN_2024, "--exit-zero")  # type: ignore[operator]
    assert result.exit_code == 0
    assert str(census) in "".join(result.stdout.split())


def test_rows_set_aside_are_counted_by_reason_in_words_then_code(
    cli: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader sees why in words first; the code after it is the key to the rejects
    file's reasons column."""
    monkeypatch.setenv("COLUMNS", "80")
    census = DATA / "census_every_row_invalid.csv"
    result = cli("check", census, "--plan", PLAN_2024, "--max-invalid", "100")  # type: ignore[operator]
    assert "Mã lý do (tệp dòng bị loại)" in result.stdout
    assert re.search(r"thiếu giá trị ở cột bắt buộc +1 +missing_value", result.stdout)


def test_an_output_takes_its_format_from_its_name_unless_told_otherwise(
    cli: Any, tmp_path: Path
) -> None:
    """`-o bao_cao.xlsx` wrote the text tables into a file named .xlsx (Excel refuses it),
    `classify -o danh_sach.xlsx` a CSV so named, `progress check --format json -o FILE` printed
    the JSON and wrote no file. The name now chooses the format when --format is not given;
    a --format the name contradicts is refused and nothing is written."""
    census, workbook = ROOT / "data" / "households.csv", ROOT / "data" / "tien_do_2024.xlsx"
    plan = ["--plan", PLAN_2024, "--exit-zero"]
    for name, starts in (("r.xlsx", b"PK"), ("r.json", b"{"), ("r.csv", b"\xef\xbb\xbf")):
        result = cli("check", census, *plan, "-o", tmp_path / name)
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / name).read_bytes().startswith(starts), name
    for args in (
        ["check", census, *plan, "--format", "json", "-o", tmp_path / "x.xlsx"],
        ["check", census, *plan, "--format", "xlsx", "-o", tmp_path / "x.csv"],
        ["classify", census, "--plan", PLAN_2024, "-o", tmp_path / "x.xlsx"],
        ["check", census, *plan, "--rejects", tmp_path / "x.xls"],
        ["synth", "-o", tmp_path / "x.xlsx", "--scale", "0.001"],
    ):
        refused = cli(*args, "--lang", "en")
        assert refused.exit_code == 2, args
        assert "--output x." in refused.stderr or "--rejects x.xls" in refused.stderr
    assert not list(tmp_path.glob("x.*"))
    written = cli("progress", "check", workbook, *plan, "--format", "json", "-o", tmp_path / "p")
    assert written.exit_code == 0 and written.stdout == ""
    assert json.loads((tmp_path / "p").read_text(encoding="utf-8"))["targets"]
    forms = cli("progress", "check", workbook, *plan, "-o", tmp_path / "p.xlsx")
    assert forms.exit_code == 0 and (tmp_path / "p.xlsx").read_bytes().startswith(b"PK")


def test_the_gnbv_command_ends_with_everything_written(tmp_path: Path) -> None:
    """The command ends without the interpreter's teardown: its exit code, all of stdout
    (more than a pipe holds), stderr's messages and the history database must still be
    whole when the process is gone."""

    import os

    # Output to a pipe is buffered as it is for a user (not where the environment says not).
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}

    def gnbv(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "gnbv", *args, "--lang", "en"]
        return subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=120, env=environment
        )

    history = tmp_path / "runs.sqlite"
    checked = gnbv("check", "data/households.csv", "--format", "json", "--history", str(history))
    assert len(checked.stdout) > 1 << 16
    assert checked.returncode == json.loads(checked.stdout)["exit_code"] == 1
    recorded = gnbv("history", str(history), "--format", "json")
    assert recorded.returncode == 0, recorded.stderr
    assert "T1" in recorded.stdout
    missing = gnbv("check", str(tmp_path / "absent.csv"), "--plan", str(PLAN_2024))
    assert missing.returncode == 2
    assert "absent.csv" in missing.stderr
    as_json = gnbv("check", str(tmp_path / "absent.csv"), "--format", "json")
    assert json.loads(as_json.stdout)["exit_code"] == as_json.returncode == 2

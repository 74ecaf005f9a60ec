"""The monthly history: one row a date, never half-written, refused when newer."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from gnbv.core.programme.history import Run, TargetFigure
from gnbv.errors import GnbvError
from gnbv.io.history import read_series, record
from tests.conftest import PLAN_2024, ROOT, one_district_census

WORKBOOK = ROOT / "data" / "tien_do_2024.xlsx"


def _run(as_of: dt.date, actual: float, targets: list[str] | None = None) -> Run:
    figures = [
        TargetFigure(target, "funds_disbursed_share", actual, "not_met", 100 - actual, None)
        for target in targets or ["T6"]
    ]
    return Run("progress", "Bắc Giang", 2024, as_of, {"tien_do.xlsx": "0" * 64}, figures, [])


def test_the_same_date_replaces_its_figures(tmp_path: Path) -> None:
    path = tmp_path / "gnbv.sqlite"
    record(path, _run(dt.date(2024, 8, 31), 40.0))
    record(path, _run(dt.date(2024, 9, 30), 50.0))
    record(path, _run(dt.date(2024, 9, 30), 56.0))  # the September figures, corrected
    (t6,), _ = read_series(path)
    assert t6.points == [("2024-08-31", 40.0, "not_met"), ("2024-09-30", 56.0, "not_met")]


def test_a_failed_run_leaves_the_history_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "gnbv.sqlite"
    record(path, _run(dt.date(2024, 8, 31), 40.0))
    with pytest.raises(sqlite3.IntegrityError):
        record(path, _run(dt.date(2024, 9, 30), 50.0, targets=["T6", "T6"]))
    (t6,), _ = read_series(path)
    assert t6.points == [("2024-08-31", 40.0, "not_met")]
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM runs").fetchone() == (1,)


def test_a_history_from_a_newer_gnbv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gnbv.sqlite"
    record(path, _run(dt.date(2024, 8, 31), 40.0))
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '9' WHERE key = 'schema_version'")
    with pytest.raises(GnbvError, match="written by a newer gnbv"):
        record(path, _run(dt.date(2024, 9, 30), 50.0))


def test_monthly_runs_build_a_history_the_command_shows(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "gnbv.sqlite"
    for _ in range(2):  # run twice: still one row for 30/09/2024
        result = cli("progress", "check", WORKBOOK, "--plan", PLAN_2024, "--history", path)
        assert result.exit_code == 1, result.stderr
    shown = cli("history", path, "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    document = json.loads(shown.stdout)
    assert [point[0] for point in document["targets"]["T6"]] == ["2024-09-30"]
    assert document["disbursement"]["plan_year"][0][1] == pytest.approx(56.28, abs=0.01)
    table = cli("history", path)
    assert "30/09/2024" in table.stdout and "T6" in table.stdout


def test_the_history_reads_in_the_plans_order_and_words(cli: Any, tmp_path: Path) -> None:
    """A census check and a progress check on the same history: the targets in the plan's
    order (T1, T2, ..., T10, D1, ...: they came as their ids sort, T1, T10, T2, and the
    D's first), the disbursement lines named in words, the plan year's funds first (they
    were shown as codes: "carried_over 2022 central investment", "plan_year DA1.1")."""
    path = tmp_path / "gnbv.sqlite"
    cli("progress", "check", WORKBOOK, "--plan", PLAN_2024, "--history", path)
    cli("check", ROOT / "data" / "households.csv", "--plan", PLAN_2024, "--history", path)
    table = cli("history", path, cwd=tmp_path)
    assert table.exit_code == 0, table.stderr
    targets = re.findall(r"(?m)^  ([TD]\d+[a-z]?) ", table.stdout)
    assert targets[:3] == ["T1", "T2", "T3"] and targets.index("T10") < targets.index("D1")
    for code in ("plan_year", "carried_over", "central", "provincial", "investment"):
        assert code not in table.stdout
    lines = table.stdout.split("Tỷ lệ giải ngân qua các kỳ báo cáo")[1]
    assert lines.index("Vốn năm kế hoạch") < lines.index("Vốn năm trước chuyển sang, 2022,")
    assert "Vốn năm kế hoạch, DA1.1" in lines
    # The census check's date has no disbursement: no column of dashes for it.
    assert "30/09/2024" in lines and not re.search(r"\d\d/\d\d/20\d\d\s+\d\d/\d\d", lines)


def test_a_history_of_census_checks_alone_shows_no_empty_disbursement_table(
    cli: Any, tmp_path: Path
) -> None:
    path = tmp_path / "gnbv.sqlite"
    cli("check", ROOT / "data" / "households.csv", "--plan", PLAN_2024, "--history", path)
    table = cli("history", path)
    assert "T1" in table.stdout and "Tỷ lệ giải ngân qua các kỳ báo cáo" not in table.stdout


def test_a_file_that_is_not_a_history_is_refused(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("not a database", encoding="utf-8")
    result = cli("history", path)
    assert result.exit_code == 2 and "không phải tệp lịch sử của gnbv" in result.stderr


def test_a_districts_census_does_not_replace_the_provinces_figures(
    cli: Any, tmp_path: Path
) -> None:
    """The province's check recorded, then a district's census of the same day into the same
    history: it replaced the province's figures of that date (the same command, province,
    year and date). It is refused (exit 2), the history as it was; its own file takes it."""
    history = tmp_path / "gnbv.sqlite"
    shipped = ROOT / "data" / "households.csv"
    cli("check", shipped, "--plan", PLAN_2024, "--history", history, "--exit-zero")
    before = read_series(history)
    district = one_district_census(shipped, tmp_path / "son_dong.csv")
    refused = cli("check", district, "--plan", PLAN_2024, "--history", history, "--lang", "en")
    assert refused.exit_code == 2
    assert "the history holds the figures of 'Bắc Giang'; this run's are of 'Bắc Giang — Sơn" in (
        refused.stderr
    )
    assert read_series(history) == before
    own = tmp_path / "son_dong.sqlite"
    cli("check", district, "--plan", PLAN_2024, "--history", own, "--exit-zero")
    t2 = next(series for series in read_series(own)[0] if series.name == "T2")
    assert [status for _, _, status in t2.points] == ["met"]


def test_each_plan_year_s_figures_are_a_series_of_their_own(cli: Any, tmp_path: Path) -> None:
    """The 2024 plan's check and the 2025 plan's recorded on the same day: `history` showed
    one column for that date, the 2024 figures gone from it, and across dates T1 of both
    plans was one line (and one disbursement line fed the 2025 chart with 2024's rates).
    Each plan year is shown apart, the latest first; the JSON's series are the latest plan
    year's, the earlier ones under ``earlier_plan_years``."""
    history = tmp_path / "gnbv.sqlite"
    plan_2025 = tmp_path / "plan_2025.yaml"
    plan_2025.write_text(
        PLAN_2024.read_text(encoding="utf-8").replace("  year: 2024\n", "  year: 2025\n", 1),
        encoding="utf-8",
    )
    census_2023 = ROOT / "data" / "households_2023.csv"
    cli("check", census_2023, "--plan", PLAN_2024, "--history", history, "--exit-zero")
    cli("check", ROOT / "data" / "households.csv", "--plan", plan_2025, "--history", history)
    targets, _ = read_series(history)
    t1 = [series for series in targets if series.name == "T1"]
    assert [(s.plan_year, len(s.points)) for s in t1] == [(2025, 1), (2024, 1)]
    assert [s.name for s in read_series(history, 2024)[0]][:2] == ["T1", "T2"]
    assert {s.plan_year for s in read_series(history, 2024)[0]} == {2024}
    document = json.loads(cli("history", history, "--format", "json").stdout)
    assert document["plan_year"] == 2025
    assert document["targets"]["T1"][0][1] == pytest.approx(1.78, abs=0.01)
    (earlier,) = document["earlier_plan_years"]
    assert earlier["plan_year"] == 2024
    assert earlier["targets"]["T1"][0][1] == pytest.approx(2.67, abs=0.01)
    table = cli("history", history).stdout
    first, second = (table.index(f"kế hoạch năm {year}") for year in (2025, 2024))
    assert first < second
    assert "1,78%" in table[first:second] and "2,67%" in table[second:]

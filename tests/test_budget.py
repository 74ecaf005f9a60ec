"""gnbv budget: the table, the JSON, and a budget that does not add up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import PLAN_2024, ROOT, assert_golden


def test_budget_json_reports_the_plans_figures(cli: object) -> None:
    """--year 2024 finds plan_2024.yaml; amounts are integers of million VND."""
    result = cli("budget", "--year", "2024", "--format", "json", cwd=ROOT)  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["total_mvnd"] == document["stated_total_mvnd"] == 279_862
    sources = {source["id"]: source for source in document["sources"]}
    assert sources["central"] == {
        "id": "central",
        "name_vi": "Ngân sách trung ương",
        "name_en": "Central budget",
        "investment": 103_496,
        "recurrent": 118_382,
        "total_mvnd": 221_878,
        "stated_total_mvnd": 221_878,
    }
    assert (
        sources["provincial"]["investment"],
        sources["provincial"]["recurrent"],
        sources["provincial"]["total_mvnd"],
    ) == (20_000, 37_984, 57_984)
    assert document["by_capital_type"] == {"investment": 123_496, "recurrent": 156_366}
    assert document["reconciliation"]["ok"] is True
    assert all(check["ok"] for check in document["reconciliation"]["checks"])
    assert (document["status"], document["exit_code"]) == ("ok", 0)


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_budget_table(cli: object, lang: str, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli("budget", "--plan", PLAN_2024, "--lang", lang)  # type: ignore[operator]
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    assert_golden(f"budget_{lang}_{width}.txt", result.stdout)


def test_changed_part_is_shown_and_fails(tmp_path: Path, cli: object) -> None:
    """A part changed in a copy: the table shows the mismatch, the message names the total."""
    copy = tmp_path / "plan_2024.yaml"
    copy.write_text(
        PLAN_2024.read_text(encoding="utf-8").replace("amount_mvnd: 37984,", "amount_mvnd: 37985,"),
        encoding="utf-8",
    )
    result = cli("budget", "--year", "2024", cwd=tmp_path)  # type: ignore[operator]
    assert result.exit_code == 2
    assert "KHÔNG KHỚP" in result.stdout
    assert (
        "lỗi: budget source 'provincial' (Ngân sách tỉnh): stated total 57,984 does not "
        "equal the sum of its parts 57,985 (difference -1 million VND)"
    ) in result.stderr
    json_result = cli("budget", "--year", "2024", "--format", "json", cwd=tmp_path)  # type: ignore[operator]
    document = json.loads(json_result.stdout)
    assert (document["status"], document["exit_code"], json_result.exit_code) == ("mismatch", 2, 2)
    failing = [check["name"] for check in document["reconciliation"]["checks"] if not check["ok"]]
    assert failing == ["budget source 'provincial' (Ngân sách tỉnh)"]


def test_changed_grand_total_is_named(tmp_path: Path, cli: object) -> None:
    copy = tmp_path / "plan.yaml"
    copy.write_text(
        PLAN_2024.read_text(encoding="utf-8").replace(
            "stated_total_mvnd: 279862", "stated_total_mvnd: 279860"
        ),
        encoding="utf-8",
    )
    result = cli("budget", "--plan", copy)  # type: ignore[operator]
    assert result.exit_code == 2
    assert (
        "lỗi: budget total: stated total 279,860 does not equal the sum of its parts "
        "279,862 (difference -2 million VND)"
    ) in result.stderr

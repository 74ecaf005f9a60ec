"""The Python API gives what the commands print: one result object behind both."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from gnbv import api
from tests.conftest import DATA, PLAN_2024, ROOT


def test_check_from_python_is_the_json_of_the_command(cli: Any) -> None:
    census = DATA / "census_classification_edges.csv"
    report = api.check(census, plan=PLAN_2024)
    printed = json.loads(cli("check", census, "--plan", PLAN_2024, "--format", "json").stdout)
    printed.pop("labels")  # the command line's words for a person reading the JSON
    assert json.loads(json.dumps(report.to_dict())) == printed


def test_compare_from_python_lists_the_households(cli: Any) -> None:
    previous, current = ROOT / "data" / "households_2023.csv", ROOT / "data" / "households.csv"
    comparison = api.compare(current, previous=previous, plan=PLAN_2024, follow_up="escaped")
    assert comparison.follow_up is not None
    province = comparison.report.to_dict()["transitions"]["rows"][0]
    escaped = province["poor_escaped_to_near_poor"] + province["poor_escaped_above"]
    assert len(comparison.follow_up) == escaped


def test_budget_from_python_adds_up_to_the_plan() -> None:
    result = api.budget(PLAN_2024)
    assert result.summary.reconciled and result.summary.total_mvnd == 279_862


def test_a_program_gets_the_rejects_file_with_codes_a_person_gets_it_in_words(
    tmp_path: Path,
) -> None:
    """Scripts read the canonical column names and reason codes, which never change with a
    language; the command line words the same rows for the officer who corrects them."""
    census = DATA / "census_duplicate_id.csv"
    for_programs, for_people = tmp_path / "codes.csv", tmp_path / "words.csv"
    api.check(census, plan=PLAN_2024, rejects=for_programs, max_invalid_percent=100)
    api.check(
        census, plan=PLAN_2024, rejects=for_people, max_invalid_percent=100, rejects_lang="vi"
    )
    codes = pd.read_csv(for_programs, dtype=str, encoding="utf-8-sig")
    words = pd.read_csv(for_people, dtype=str, encoding="utf-8-sig")
    assert codes[["row", "reasons", "household_id"]].values.tolist() == [
        ["5", "household_id:duplicate_id", "G2"]
    ]
    assert words[["Dòng trong tệp", "Mã lý do", "Mã hộ"]].values.tolist() == [
        ["5", "household_id:duplicate_id", "G2"]
    ]
    assert words["Lý do bị loại"].tolist() == [
        "Mã hộ: mã hộ đã có ở dòng trước (giữ dòng đầu tiên)"
    ]

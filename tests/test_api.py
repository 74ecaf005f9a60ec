"""The Python API gives what the commands print: one result object behind both."""

from __future__ import annotations

import json
from typing import Any

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

"""The shipped plan says what its text says; broken copies are refused with their place."""

from __future__ import annotations

from pathlib import Path

import pytest

from gnbv.core.plan.budget import reconcile_budget
from gnbv.core.plan.model import Plan
from gnbv.core.plan.standards import standard_for_year
from gnbv.errors import PlanError
from gnbv.io.yaml_loader import load_plan, load_standards
from tests.conftest import PLAN_2024

ALL_TARGETS = [
    "T1",
    "T2",
    "T3",
    "T4",
    "T5",
    "T6",
    "T7",
    "T8",
    "T9",
    "T10",
    "D1",
    "D2",
    "D3",
    "D4",
    "D5a",
    "D5b",
    "D6",
]


def test_every_target_of_section_b_ii_is_encoded(plan_2024: Plan) -> None:
    """All 17 targets, in the plan's order, each with its Vietnamese text and an English label."""
    assert [target.id for target in plan_2024.targets] == ALL_TARGETS
    assert all(target.text_vi and target.label_en for target in plan_2024.targets)


@pytest.mark.parametrize(
    ("target_id", "metric", "scope", "measure", "op", "threshold"),
    [
        ("T1", "poverty_rate", {"kind": "province"}, "level", "<=", 1.8),
        (
            "T2",
            "poverty_rate",
            {"kind": "district", "name": "Sơn Động"},
            "reduction_points",
            ">=",
            5,
        ),
        ("T3", "poverty_rate", {"kind": "dbkk_communes"}, "reduction_points", ">=", 3),
        ("T4", "poverty_rate", {"kind": "ethnic_minority"}, "reduction_points", ">", 3),
        ("T5", "meritorious_poor_or_near_poor_households", {"kind": "province"}, "level", "==", 0),
        ("T6", "funds_disbursed_share", {"kind": "province"}, "level", ">=", 100),
        ("T8", "agri_capacity_support_share", {"kind": "province"}, "level", ">=", 65),
        ("T9", "stable_employment_share", {"kind": "province"}, "level", ">=", 80),
        ("D3", "right_age_schooling_share", {"kind": "province"}, "level", ">=", 99),
        (
            "D4",
            "housing_support_share",
            {"kind": "district", "name": "Sơn Động"},
            "level",
            ">=",
            100,
        ),
        ("D5a", "hygienic_water_share", {"kind": "province"}, "level", ">", 90),
        ("D5b", "hygienic_latrine_share", {"kind": "province"}, "level", ">", 75),
        ("D6", "telecom_access_share", {"kind": "province"}, "level", ">=", 85),
    ],
)
def test_targets_say_what_the_text_says(
    plan_2024: Plan,
    target_id: str,
    metric: str,
    scope: dict[str, str],
    measure: str,
    op: str,
    threshold: float,
) -> None:
    """Metric, scope, comparison and value as in section B.II ("giảm 5-6%" met at 5)."""
    target = plan_2024.target(target_id)
    assert target.metric == metric
    assert target.scope.model_dump(exclude_none=True) == scope
    assert (target.measure, target.op) == (measure, op)
    assert target.threshold(plan_2024.conventions) == threshold


def test_ranges_are_kept_as_stated(plan_2024: Plan) -> None:
    assert plan_2024.target("T2").range == (5, 6)
    assert plan_2024.target("T3").range == (3, 4)


def test_baselines_the_plan_does_not_state_are_null(plan_2024: Plan) -> None:
    """The plan gives the province rate (2.63 %) but no rate for Sơn Động, ĐBKK or DTTS."""
    assert plan_2024.target("T1").baseline_rate == 2.63
    for target_id in ("T2", "T3", "T4"):
        assert plan_2024.target(target_id).baseline_rate is None


def test_end_2023_baseline_matches_the_plan(plan_2024: Plan) -> None:
    figures = {figure.id: (figure.households, figure.rate) for figure in plan_2024.baseline.figures}
    assert figures["poor_2023"] == (12558, 2.63)
    assert figures["near_poor_2023"] == (16215, 3.40)
    assert figures["poor_and_near_poor_2023"] == (28773, 6.03)
    changes = {change.id: change for change in plan_2024.baseline.changes_from_previous_year}
    assert (changes["poor_change_2023"].households, changes["poor_change_2023"].points) == (
        -5388,
        -1.18,
    )
    assert changes["son_dong_change_2023"].points == -5.2
    assert changes["dbkk_change_2023"].points == -3.23


def test_budget_as_stated(plan_2024: Plan) -> None:
    summary = reconcile_budget(plan_2024.budget)
    assert summary.reconciled
    assert summary.total_mvnd == summary.stated_total_mvnd == 279_862
    rows = {row.id: row for row in summary.sources}
    assert rows["central"].total_mvnd == 221_878
    assert rows["central"].by_capital_type == {"investment": 103_496, "recurrent": 118_382}
    assert rows["provincial"].total_mvnd == 57_984
    assert rows["provincial"].by_capital_type == {"investment": 20_000, "recurrent": 37_984}
    assert summary.by_capital_type == {"investment": 123_496, "recurrent": 156_366}
    assert "1401/QĐ-UBND" in plan_2024.budget.decision_vi


def test_projects_and_works(plan_2024: Plan) -> None:
    """Seven projects; sub-projects numbered as in the plan; 4 carried-over and 5 new works."""
    codes = [project.code for project in plan_2024.projects]
    assert codes == [f"DA{number}" for number in range(1, 8)]
    subprojects = [sub.code for project in plan_2024.projects for sub in project.subprojects]
    assert subprojects == [
        "DA1.1",
        "DA1.2",
        "DA3.1",
        "DA3.2",
        "DA4.1",
        "DA4.2",
        "DA4.3",
        "DA6.1",
        "DA6.2",
        "DA7.1",
        "DA7.2",
    ]
    works = plan_2024.projects[0].works
    assert [work.status for work in works].count("carried_over") == 4
    assert [work.status for work in works].count("new") == 5
    assert {commune for work in works for commune in work.communes} >= {
        "Vĩnh An",
        "Vân Sơn",
        "Tuấn Đạo",
        "Đèo Gia",
        "Yên Định",
        "An Lạc",
        "An Bá",
        "Thanh Luận",
        "Lệ Viễn",
        "An Châu",
        "Hữu Sản",
    }


def test_identity_and_deadline(plan_2024: Plan) -> None:
    assert (plan_2024.plan.province, plan_2024.plan.year) == ("Bắc Giang", 2024)
    assert plan_2024.plan.standard == "nd07_2022_2025"
    refs = [basis.ref for basis in plan_2024.plan.legal_bases]
    assert refs[:3] == [
        "Quyết định số 90/QĐ-TTg",
        "Kế hoạch số 455/KH-UBND",
        "Quyết định số 1401/QĐ-UBND",
    ]
    assert str(plan_2024.deadlines[0].date) == "2024-02-15"


def test_standard_in_force_is_looked_up_by_year() -> None:
    standards = load_standards()
    assert standard_for_year(standards, 2024).id == "nd07_2022_2025"  # type: ignore[union-attr]
    assert standard_for_year(standards, 2026).id == "nd07_2022_2025"  # type: ignore[union-attr]
    assert standard_for_year(standards, 2027).id == "nd351_2027_2030"  # type: ignore[union-attr]
    assert standard_for_year(standards, 2021) is None


def test_standards_hold_the_decrees_lines() -> None:
    by_id = {standard.id: standard for standard in load_standards()}
    nd07 = by_id["nd07_2022_2025"]
    assert (nd07.income_lines["rural"].poverty_line, nd07.income_lines["rural"].middle_upper) == (
        1_500_000,
        2_250_000,
    )
    assert (nd07.income_lines["urban"].poverty_line, nd07.income_lines["urban"].middle_upper) == (
        2_000_000,
        3_000_000,
    )
    assert len(nd07.indicators) == 12 and nd07.poor_min_deprivations == 3
    nd351 = by_id["nd351_2027_2030"]
    assert nd351.income_lines["rural"].poverty_line == 2_200_000
    assert nd351.income_lines["urban"].poverty_line == 2_800_000
    assert "dep_information_access" not in nd351.deprivation_columns
    assert "dep_waste" in nd351.deprivation_columns


def _broken_copy(tmp_path: Path, old: str, new: str, name: str) -> Path:
    text = PLAN_2024.read_text(encoding="utf-8")
    assert old in text, "the shipped plan changed; update this test's substitution"
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, fragment: str) -> int:
    """Line of ``fragment``; ``fragment#2`` is its second occurrence."""
    text, _, nth = fragment.partition("#")
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            seen += 1
            if seen == int(nth or 1):
                return number
    raise AssertionError(fragment)


@pytest.mark.parametrize(
    ("name", "old", "new", "line_fragment", "message"),
    [
        (
            "plan_unknown_key.yaml",
            "  lead_agency_vi:",
            "  lead_agncy_vi:",
            "lead_agncy_vi",
            "plan.lead_agncy_vi: khoá không được phép ở đây (gõ sai tên?)",
        ),
        (
            "plan_duplicate_target_id.yaml",
            "  - id: T4\n",
            "  - id: T3\n",
            "- id: T3#2",
            "targets[3].id: mã chỉ tiêu 'T3' bị trùng (lần đầu ở targets[2])",
        ),
        (
            "plan_unknown_metric.yaml",
            "metric: hygienic_water_share",
            "metric: clean_water_share",
            "clean_water_share",
            "targets[14].metric: không có chỉ số 'clean_water_share'",
        ),
        (
            "plan_negative_amount.yaml",
            "amount_mvnd: 20000,",
            "amount_mvnd: -20000,",
            "-20000",
            "budget.sources[1].lines[0].amount_mvnd: phải lớn hơn hoặc bằng 0",
        ),
        (
            "plan_budget_not_adding_up.yaml",
            "amount_mvnd: 118382,",
            "amount_mvnd: 118383,",
            "stated_total_mvnd: 221878",
            "budget.sources[0].stated_total_mvnd: Nguồn Ngân sách trung ương: tổng nêu trong "
            "kế hoạch 221878 triệu đồng, cộng các phần được 221879 (chênh lệch -1)",
        ),
        (
            "plan_reversed_range.yaml",
            "range: [5, 6]",
            "range: [6, 5]",
            "range: [6, 5]",
            "targets[1]: khoảng [6.0, 5.0] bị ngược",
        ),
        (
            "plan_duplicate_key.yaml",
            "  province: Bắc Giang\n",
            "  province: Bắc Giang\n  province: Bắc Ninh\n",
            "province: Bắc Ninh",
            "plan.province: khoá được ghi hai lần",
        ),
    ],
)
def test_broken_copy_fails_with_file_line_and_place(
    tmp_path: Path, cli: object, name: str, old: str, new: str, line_fragment: str, message: str
) -> None:
    """Each defect: exit 2, the message names file, line and key path, in Vietnamese; no
    traceback."""
    path = _broken_copy(tmp_path, old, new, name)
    result = cli("plan", "validate", path)  # type: ignore[operator]
    assert result.exit_code == 2
    line = _line_of(path, line_fragment)
    if name == "plan_reversed_range.yaml":
        line = _line_of(path, "- id: T2")
    assert f"lỗi: {path}:{line}: {message}" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_yaml_aliases_and_python_tags_are_refused(tmp_path: Path) -> None:
    """Safe loading only; aliases (the way to a billion laughs) are refused outright."""
    alias = tmp_path / "alias.yaml"
    alias.write_text("a: &x [1, 2]\nb: *x\n", encoding="utf-8")
    with pytest.raises(PlanError, match=r"alias.yaml:2: not valid YAML: YAML aliases"):
        load_plan(alias)
    tag = tmp_path / "tag.yaml"
    tag.write_text("!!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(PlanError, match="could not determine a constructor"):
        load_plan(tag)


def test_missing_plan_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match=r"nowhere.yaml: no such plan file"):
        load_plan(tmp_path / "nowhere.yaml")


def test_a_value_outside_a_list_is_said_in_vietnamese(tmp_path: Path, cli: object) -> None:
    """pydantic's own check ("one of 'a', 'b' or 'c'") in the user's words."""
    path = _broken_copy(tmp_path, "metric: poverty_rate", "metric: poverty_ratee", "typo.yaml")
    result = cli("plan", "validate", path)  # type: ignore[operator]
    assert result.exit_code == 2
    assert "tệp kế hoạch không hợp lệ (1 lỗi)" in result.stderr
    assert "phải là một trong: 'poverty_rate'" in result.stderr
    assert "' hoặc '" in result.stderr and "' or '" not in result.stderr

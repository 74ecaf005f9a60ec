"""A 10-household census whose every number is worked out by hand below, against plan_2024
with its province made of the census's two districts (a figure of the whole province needs
every district the plan lists; that rule is tested apart, below).

Households (income in VND/person/month; rural line 1,500,000, urban 2,000,000):
  S1 Sơn Động/An Lạc (ĐBKK) DTTS  1,000,000, 3 deprivations  -> poor       prev poor
  S2 Sơn Động/An Lạc (ĐBKK) DTTS  1,200,000, 1               -> near_poor  prev near_poor
  S3 Sơn Động/Vĩnh An             1,800,000, 0               -> middle     prev poor
  S4 Sơn Động/Vĩnh An       DTTS  4,000,000                  -> non_poor   prev non_poor
  V1 Việt Yên/Tự Lạn              1,400,000, 4               -> poor       prev poor
  V2 Việt Yên/Bích Động urb DTTS  2,000,000, 2 (at the line) -> near_poor  prev near_poor
  V3 Việt Yên/Tự Lạn  meritorious 5,000,000                  -> non_poor   prev middle
  V4 Việt Yên/Tự Lạn              3,000,000                  -> non_poor   prev non_poor
  V5 Việt Yên/Tự Lạn              2,250,000 (upper edge)     -> middle     prev near_poor
  V6 Việt Yên/Tự Lạn              2,250,001                  -> non_poor   prev blank (new)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import assert_golden, household, plan_of_districts, write_census

OPTIONAL_ZERO = {
    "able_workers": 0,
    "stable_job_workers": 0,
    "school_age_children": 0,
    "children_in_school": 0,
    "job_support_need": 0,
    "job_supported": 0,
    "agri_support_need": 0,
    "agri_supported": 0,
    "telecom_need": False,
    "housing_need": False,
    "housing_supported": False,
    "ethnic_minority": False,
    "meritorious": False,
    "special_difficulty_commune": False,
}


def _row(household_id: str, **values: object) -> dict[str, str]:
    return household(household_id, **{**OPTIONAL_ZERO, **values})  # type: ignore[arg-type]


HAND_DISTRICTS = ["Sơn Động", "Việt Yên"]
HOUSEHOLDS = [
    _row(
        "S1",
        commune="An Lạc",
        income=1_000_000,
        members=5,
        insured_members=4,
        deprived=["dep_adult_education", "dep_housing_area", "dep_water"],
        ethnic_minority=True,
        special_difficulty_commune=True,
        status_prev="poor",
        able_workers=2,
        stable_job_workers=0,
        school_age_children=2,
        children_in_school=1,
        telecom_need=True,
        job_support_need=2,
        job_supported=1,
        agri_support_need=2,
        agri_supported=1,
        housing_need=True,
        housing_supported=True,
    ),
    _row(
        "S2",
        commune="An Lạc",
        income=1_200_000,
        members=4,
        insured_members=4,
        deprived=["dep_sanitation"],
        ethnic_minority=True,
        special_difficulty_commune=True,
        status_prev="near_poor",
        able_workers=2,
        stable_job_workers=1,
        school_age_children=1,
        children_in_school=1,
        telecom_need=True,
        job_support_need=1,
        job_supported=1,
        agri_support_need=1,
        agri_supported=1,
        housing_need=True,
        housing_supported=False,
    ),
    _row(
        "S3",
        commune="Vĩnh An",
        income=1_800_000,
        members=3,
        insured_members=3,
        status_prev="poor",
        able_workers=2,
        stable_job_workers=1,
        job_support_need=1,
        job_supported=0,
        housing_need=None,
        housing_supported=None,
    ),
    _row(
        "S4",
        commune="Vĩnh An",
        income=4_000_000,
        members=4,
        insured_members=4,
        ethnic_minority=True,
        status_prev="non_poor",
        able_workers=2,
        stable_job_workers=2,
        school_age_children=1,
        children_in_school=1,
    ),
    _row(
        "V1",
        district="Việt Yên",
        commune="Tự Lạn",
        income=1_400_000,
        members=6,
        insured_members=6,
        deprived=["dep_employment", "dep_dependents", "dep_nutrition", "dep_sanitation"],
        status_prev="poor",
        able_workers=1,
        stable_job_workers=1,
        school_age_children=3,
        children_in_school=3,
        telecom_need=True,
        job_support_need=1,
        job_supported=1,
        agri_support_need=1,
        agri_supported=0,
    ),
    _row(
        "V2",
        district="Việt Yên",
        commune="Bích Động",
        area="urban",
        income=2_000_000,
        members=2,
        insured_members=1,
        deprived=["dep_water", "dep_telecom"],
        ethnic_minority=True,
        status_prev="near_poor",
        able_workers=1,
        stable_job_workers=0,
        job_support_need=1,
        job_supported=1,
    ),
    _row(
        "V3",
        district="Việt Yên",
        commune="Tự Lạn",
        income=5_000_000,
        members=4,
        insured_members=4,
        meritorious=True,
        status_prev="middle",
    ),
    _row(
        "V4",
        district="Việt Yên",
        commune="Tự Lạn",
        income=3_000_000,
        members=3,
        insured_members=3,
        status_prev="non_poor",
    ),
    _row(
        "V5",
        district="Việt Yên",
        commune="Tự Lạn",
        income=2_250_000,
        members=4,
        insured_members=4,
        status_prev="near_poor",
    ),
    _row(
        "V6",
        district="Việt Yên",
        commune="Tự Lạn",
        income=2_250_001,
        members=5,
        insured_members=5,
        status_prev=None,
    ),
]

# id: (status, baseline, baseline_source, target, actual, gap_points, gap_count)
EXPECTED_TARGETS = {
    # 2 poor of 10 = 20 %; <= 1.8 % allows 0.18 household -> ceil(2 - 0.18) = 2 must leave.
    "T1": ("not_met", 2.63, "plan", 1.8, 20.0, 18.2, 2),
    # Sơn Động: status_prev poor S1, S3 of 4 = 50 %; now 1 of 4 = 25 %; down 25 >= 5.
    "T2": ("met", 50.0, "status_prev", 5.0, 25.0, -20.0, 0),
    # ĐBKK (S1, S2): 1 of 2 before and now: down 0; must reach 47 %: 0.94 allowed -> 1.
    "T3": ("not_met", 50.0, "status_prev", 3.0, 0.0, 3.0, 1),
    # DTTS (S1, S2, S4, V2): 1 of 4 before and now; "trên 3%": < 22 % -> 0.88 allowed -> 1.
    "T4": ("not_met", 25.0, "status_prev", 3.0, 0.0, 3.0, 1),
    # V3 is meritorious but not poor: 0 poor/near-poor meritorious households.
    "T5": ("met", None, None, 0.0, 0.0, None, 0),
    "T6": ("no_data", None, None, 100.0, None, None, None),
    "T7": ("no_data", None, None, 100.0, None, None, None),
    # agri supported 1+1+0+0 of need 2+1+1+0 = 2/4 = 50 %; 65 % of 4 = 2.6 -> 1 more person.
    "T8": ("not_met", None, None, 65.0, 50.0, 15.0, 1),
    # poor/near with an able worker: S1, S2, V1, V2; stable: S2, V1 = 50 %; 80 % -> 2 more.
    "T9": ("not_met", None, None, 80.0, 50.0, 30.0, 2),
    "T10": ("no_data", None, None, 100.0, None, None, None),
    # workers: S1 1/2, S2 1/1, V1 1/1, V2 1/1 and newly escaped S3 0/1 = 4/6; 2 more.
    "D1": ("not_met", None, None, 100.0, 100 * 4 / 6, 100 - 100 * 4 / 6, 2),
    # insured 4+4+6+1 of members 5+4+6+2 = 15/17; 2 more persons.
    "D2": ("not_met", None, None, 100.0, 100 * 15 / 17, 100 - 100 * 15 / 17, 2),
    # children in school 1+1+3 of 2+1+3 = 5/6; 99 % of 6 = 5.94 -> 1 more child.
    "D3": ("not_met", None, None, 99.0, 100 * 5 / 6, 99 - 100 * 5 / 6, 1),
    # Sơn Động poor/near with housing need: S1 (supported), S2 (not) = 50 %; 1 more.
    "D4": ("not_met", None, None, 100.0, 50.0, 50.0, 1),
    # hygienic water (dep_water false): S2, V1 of 4 = 50 %; "trên 90%": 3.6 -> 4 -> 2 more.
    "D5a": ("not_met", None, None, 90.0, 50.0, 40.0, 2),
    # latrine: S1, V2 of 4 = 50 %; "trên 75%" needs more than 3 -> 4 -> 2 more.
    "D5b": ("not_met", None, None, 75.0, 50.0, 25.0, 2),
    # telecom need: S1, S2, V1 (V2 has no need); all three have access: 100 %.
    "D6": ("met", None, None, 85.0, 100.0, -15.0, 0),
}


@pytest.fixture
def report(tmp_path: Path, cli: object) -> dict[str, object]:
    path = write_census(tmp_path / "census_by_hand.csv", HOUSEHOLDS)
    plan = plan_of_districts(tmp_path, HAND_DISTRICTS)
    result = cli("check", path, "--plan", plan, "--format", "json")  # type: ignore[operator]
    assert result.exit_code == 1, result.stderr  # targets not met
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_counts_and_rates(report: dict[str, object]) -> None:
    assert report["schema_version"] == 1
    assert (report["status"], report["exit_code"]) == ("targets_not_met", 1)
    assert report["input"] == {  # type: ignore[comparison-overlap]
        **report["input"],  # type: ignore[dict-item]
        "rows": 10,
        "valid_rows": 10,
        "invalid_rows": 0,
        "invalid_by_reason": {},
        "quality_gate": "passed",
    }
    assert report["households"] == {
        "total": 10,
        "poor": 2,
        "near_poor": 2,
        "middle": 2,
        "non_poor": 4,
    }
    assert report["rates"] == {
        "poverty_rate": 20.0,
        "near_poverty_rate": 20.0,
        "poor_and_near_poor_rate": 40.0,
    }


def test_districts_and_communes(report: dict[str, object]) -> None:
    districts = report["districts"]
    assert [
        (
            d["name"],
            d["households"],
            d["poor"],
            d["near_poor"],
            d["middle"],  # type: ignore[index]
            d["non_poor"],
        )
        for d in districts
    ] == [  # type: ignore[attr-defined]
        ("Sơn Động", 4, 1, 1, 1, 1),
        ("Việt Yên", 6, 1, 1, 1, 3),
    ]
    assert districts[0]["poverty_rate"] == 25.0  # type: ignore[index]
    assert districts[1]["poverty_rate"] == pytest.approx(100 / 6)  # type: ignore[index]
    communes = {(c["district"], c["name"]): c["households"] for c in report["communes"]}  # type: ignore[attr-defined, index]
    assert communes == {
        ("Sơn Động", "An Lạc"): 2,
        ("Sơn Động", "Vĩnh An"): 2,
        ("Việt Yên", "Bích Động"): 1,
        ("Việt Yên", "Tự Lạn"): 5,
    }


def test_groups(report: dict[str, object]) -> None:
    groups = {
        g["id"]: (g["households"], g["poor"], g["near_poor"], g["poverty_rate"])  # type: ignore[index]
        for g in report["groups"]
    }  # type: ignore[attr-defined]
    assert groups == {
        "ethnic_minority": (4, 1, 2, 25.0),
        "dbkk_communes": (2, 1, 1, 50.0),
        "poor_district:Sơn Động": (4, 1, 1, 25.0),
    }


def test_deprivation_shares(report: dict[str, object]) -> None:
    rows = {row["column"]: row for row in report["deprivations"]}  # type: ignore[attr-defined, index]
    assert (rows["dep_water"]["poor_deprived"], rows["dep_water"]["near_poor_deprived"]) == (1, 1)
    assert rows["dep_water"]["poor_and_near_poor_share"] == 50.0
    assert (rows["dep_telecom"]["poor_deprived"], rows["dep_telecom"]["near_poor_deprived"]) == (
        0,
        1,
    )
    assert rows["dep_health_insurance"]["poor_and_near_poor_share"] == 0.0


@pytest.mark.parametrize("target_id", list(EXPECTED_TARGETS))
def test_every_target(report: dict[str, object], target_id: str) -> None:
    status, baseline, source, target, actual, gap_points, gap_count = EXPECTED_TARGETS[target_id]
    [result] = [t for t in report["targets"] if t["id"] == target_id]  # type: ignore[attr-defined, index]
    assert result["status"] == status
    assert result["baseline"] == (pytest.approx(baseline) if baseline is not None else None)
    assert result["baseline_source"] == source
    assert result["target"] == target
    assert result["actual"] == (pytest.approx(actual) if actual is not None else None)
    assert result["gap_points"] == (pytest.approx(gap_points) if gap_points is not None else None)
    assert result["gap_count"] == gap_count
    if result["gap_unit"] == "households":
        assert result["gap_households"] == gap_count
    else:
        assert result["gap_households"] is None
    if status == "no_data":
        assert result["no_data_reason"].startswith("measured outside the census")


def test_reduction_targets_report_the_rates(report: dict[str, object]) -> None:
    [t2] = [t for t in report["targets"] if t["id"] == "T2"]  # type: ignore[attr-defined, index]
    assert (t2["actual_rate"], t2["target_rate"]) == (25.0, 45.0)


def test_baseline_census_is_used_when_given(tmp_path: Path, cli: object) -> None:
    """--baseline PREV.csv comes before status_prev; the report says which was used."""
    current = write_census(tmp_path / "now.csv", HOUSEHOLDS)
    previous_rows = [
        _row(
            "P1",
            commune="An Lạc",
            income=900_000,
            deprived=3,
            ethnic_minority=True,
            special_difficulty_commune=True,
        ),
        _row(
            "P2",
            commune="An Lạc",
            income=900_000,
            deprived=3,
            ethnic_minority=True,
            special_difficulty_commune=True,
        ),
        _row("P3", commune="Vĩnh An", income=5_000_000, ethnic_minority=True),
        _row("P4", commune="Vĩnh An", income=5_000_000),
        _row("P5", district="Việt Yên", commune="Tự Lạn", income=5_000_000),
    ]
    previous = write_census(tmp_path / "prev.csv", previous_rows)
    plan = plan_of_districts(tmp_path, HAND_DISTRICTS)
    result = cli("check", current, "--plan", plan, "--baseline", previous, "--format", "json")  # type: ignore[operator]
    targets = {t["id"]: t for t in json.loads(result.stdout)["targets"]}
    # Sơn Động before: 2 poor of 4 = 50 %; ĐBKK: 2 of 2 = 100 %; DTTS: 2 of 3 (P5 in Việt
    # Yên: the previous census covers the province's two districts too).
    assert (targets["T2"]["baseline"], targets["T2"]["baseline_source"]) == (
        50.0,
        "baseline_census",
    )
    assert targets["T3"]["baseline"] == 100.0 and targets["T3"]["status"] == "met"
    assert targets["T4"]["baseline"] == pytest.approx(200 / 3)
    assert targets["T1"]["baseline_source"] == "plan"


def test_absent_columns_give_no_data_never_zero(tmp_path: Path, cli: object) -> None:
    """Only the required columns: every target needing another column says no data."""
    required_only = [
        household(
            f"H{i}", commune=("An Lạc", "Vĩnh An")[i % 2], income=1_000_000 + i, deprived=i % 5
        )
        for i in range(6)
    ]
    path = write_census(tmp_path / "minimal.csv", required_only)
    plan = plan_of_districts(tmp_path, ["Sơn Động"])
    result = cli("check", path, "--plan", plan, "--format", "json")  # type: ignore[operator]
    targets = {t["id"]: t for t in json.loads(result.stdout)["targets"]}
    for target_id in ("T3", "T4", "T5", "T8", "T9", "D1", "D2", "D3", "D4"):
        assert targets[target_id]["status"] == "no_data", target_id
        assert targets[target_id]["actual"] is None
    assert "ethnic_minority" in targets["T4"]["no_data_reason"]
    # A code says why, for translation and for programs reading the JSON.
    assert targets["T4"]["no_data_code"] == "scope_unknown"
    assert targets["T8"]["no_data_code"] == "column_absent"
    assert targets["T6"]["no_data_code"] == "outside_census"
    assert targets["T2"]["no_data_code"] == "no_baseline"
    # T2 needs a baseline: none stated, no --baseline, no status_prev column.
    assert targets["T2"]["status"] == "no_data"
    assert "no baseline" in targets["T2"]["no_data_reason"]
    # Hygienic water needs only dep_water, which is required: it is computed.
    assert targets["D5a"]["status"] in ("met", "not_met")


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rendered_tables(
    tmp_path: Path, cli: object, lang: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tables as a person reads them (plain text, as under cron), at 80 and 100 columns:
    every column whole, no line wider than the width, no trailing space."""
    monkeypatch.setenv("COLUMNS", str(width))
    write_census(tmp_path / "census_by_hand.csv", HOUSEHOLDS)
    plan = plan_of_districts(tmp_path, HAND_DISTRICTS)
    result = cli("check", "census_by_hand.csv", "--plan", plan, "--lang", lang, cwd=tmp_path)  # type: ignore[operator]
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert not [line for line in lines if line != line.rstrip()]
    assert_golden(f"check_by_hand_{lang}_{width}.txt", result.stdout)

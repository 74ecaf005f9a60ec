"""Invariants of classification and aggregation, over random censuses (hypothesis)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from gnbv.core.analysis.check import analyse, summarise_counts
from gnbv.core.analysis.classify import CLASSES, classify
from gnbv.core.contract.columns import required_columns
from gnbv.core.plan.model import Plan
from gnbv.core.plan.standards import Standard
from gnbv.core.validation.batch import validate_census
from gnbv.io.yaml_loader import load_plan, load_standard
from tests.conftest import DEPRIVATIONS, PLAN_2024

PLAN: Plan = load_plan(PLAN_2024)
STANDARD: Standard = load_standard("nd07_2022_2025")
REQUIRED = required_columns(STANDARD.deprivation_columns)

row = st.fixed_dictionaries(
    {
        "district": st.sampled_from(["Sơn Động", "Việt Yên", "Lục Ngạn"]),
        "commune": st.sampled_from(["An Lạc", "Tự Lạn", "Đèo Gia"]),
        "area": st.sampled_from(["rural", "urban"]),
        "members": st.integers(1, 9),
        # Incomes cluster around the lines so that every edge is visited.
        "income_per_capita": st.one_of(
            st.integers(0, 4_000_000),
            st.sampled_from([1_500_000, 1_500_001, 2_000_000, 2_000_001, 2_250_000, 3_000_000]),
        ),
        "deprivations": st.lists(st.booleans(), min_size=12, max_size=12),
        "ethnic_minority": st.sampled_from(["true", "false", ""]),
        "special_difficulty_commune": st.sampled_from(["true", "false"]),
        "status_prev": st.sampled_from(["poor", "near_poor", "middle", "non_poor", ""]),
    }
)


def _census(rows: list[dict[str, object]]) -> pd.DataFrame:
    records = []
    for index, values in enumerate(rows):
        record = {"household_id": f"H{index}"}
        for key, value in values.items():
            if key == "deprivations":
                record.update(
                    {
                        col: "true" if flag else "false"
                        for col, flag in zip(DEPRIVATIONS, value, strict=True)
                    }  # type: ignore[call-overload]
                )
            else:
                record[key] = str(value)
        records.append(record)
    return pd.DataFrame(records, dtype="str")


def _report(raw: pd.DataFrame) -> dict[str, object]:
    validation = validate_census(raw, REQUIRED)
    summary = summarise_counts(
        file="random.csv",
        rows=validation.rows,
        invalid_rows=validation.invalid_rows,
        invalid_by_reason=validation.invalid_by_reason(),
        problems=validation.problems,
        problems_total=len(validation.problems),
        columns_present=validation.columns_present,
        required=REQUIRED,
        max_invalid_percent=1.0,
        skipped=validation.skipped,
    )
    return analyse(PLAN, STANDARD, validation, summary, plan_file="plan").to_dict()


@settings(max_examples=60, deadline=None)
@given(st.lists(row, min_size=1, max_size=40))
def test_every_row_gets_exactly_one_class(rows: list[dict[str, object]]) -> None:
    validation = validate_census(_census(rows), REQUIRED)
    classes, deprivations = classify(validation.valid, STANDARD)
    assert len(classes) == validation.valid_rows == len(rows)
    assert classes.notna().all() and set(classes.astype(str)) <= set(CLASSES)
    assert ((deprivations >= 0) & (deprivations <= 12)).all()


@settings(max_examples=40, deadline=None)
@given(st.lists(row, min_size=1, max_size=40))
def test_counts_add_up(rows: list[dict[str, object]]) -> None:
    report = _report(_census(rows))
    households = report["households"]
    assert households["total"] == len(rows)  # type: ignore[index]
    assert sum(households[name] for name in CLASSES) == households["total"]  # type: ignore[index]
    districts = report["districts"]
    for name in ("households", *CLASSES):
        key = "total" if name == "households" else name
        assert sum(d[name] for d in districts) == households[key]  # type: ignore[attr-defined, index]
    communes = report["communes"]
    assert sum(c["households"] for c in communes) == households["total"]  # type: ignore[attr-defined, index]


@settings(max_examples=30, deadline=None)
@given(st.lists(row, min_size=1, max_size=30), st.randoms(use_true_random=False))
def test_shuffling_rows_changes_nothing(rows: list[dict[str, object]], random: object) -> None:
    raw = _census(rows)
    shuffled = raw.sample(frac=1.0, random_state=random.randint(0, 2**31)).reset_index(drop=True)  # type: ignore[attr-defined]
    first, second = _report(raw), _report(shuffled)
    assert first == second


@settings(max_examples=40, deadline=None)
@given(st.lists(row, min_size=1, max_size=30), st.integers(0, 29))
def test_a_bad_row_is_set_aside_not_lost(rows: list[dict[str, object]], position: int) -> None:
    """Read = used + set aside, whichever row is broken."""
    raw = _census(rows)
    raw.loc[position % len(raw), "members"] = "many"
    validation = validate_census(raw, REQUIRED)
    assert validation.valid_rows + validation.invalid_rows == validation.rows == len(rows)
    assert validation.invalid_rows == 1
    assert validation.invalid_by_reason() == {"not_a_number": 1}


@settings(max_examples=40, deadline=None)
@given(st.lists(row, min_size=1, max_size=40))
def test_households_numbered_1_2_3_are_households(rows: list[dict[str, object]]) -> None:
    """A commune's list whose ids are its row numbers: no household is taken for a row of
    column numbers (files joined, each numbering its columns 1, 2, 3 …)."""
    raw = _census(rows)
    raw["household_id"] = [str(number) for number in range(1, len(raw) + 1)]
    validation = validate_census(raw, REQUIRED)
    assert validation.valid_rows == validation.rows == len(rows)

"""The census contract (shared/census-format.md) and its vectorised validation.

The reader hands over every cell as text under canonical column names; this module turns text
into typed columns and collects every bad cell as a *value* (row, household id, column, reason)
instead of stopping. A row with any bad cell is set aside; the rest go on to classification.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from gnbv.core.reasons import Reason

Kind = Literal["id", "text", "area", "int", "bool", "status"]

#: The first data row is row 2: row 1 is the header, as in a spreadsheet.
FIRST_DATA_ROW = 2


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: Kind
    vietnamese: tuple[str, ...] = ()
    """Header names users type, compared after NFC, trimming and case folding."""
    minimum: int | None = None
    total_of: str | None = None
    """For a count that is part of another column (``insured_members`` <= ``members``)."""
    required: bool = False


def _dep(name: str, *vietnamese: str) -> ColumnSpec:
    return ColumnSpec(name, "bool", vietnamese)


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("household_id", "id", ("mã hộ", "mã hộ gia đình", "ma_ho"), required=True),
    ColumnSpec(
        "district",
        "text",
        ("huyện", "huyện/thị xã/thành phố", "huyện / thị xã / thành phố", "quận/huyện"),
        required=True,
    ),
    ColumnSpec(
        "commune",
        "text",
        ("xã", "xã/phường/thị trấn", "xã / phường / thị trấn", "phường/xã"),
        required=True,
    ),
    ColumnSpec("area", "area", ("khu vực", "nông thôn/thành thị"), required=True),
    ColumnSpec("members", "int", ("số nhân khẩu", "số khẩu"), minimum=1, required=True),
    ColumnSpec(
        "income_per_capita",
        "int",
        (
            "thu nhập bình quân",
            "thu nhập bình quân đầu người/tháng",
            "thu nhập bình quân đầu người",
            "thu nhập bình quân đầu người một tháng",
        ),
        minimum=0,
        required=True,
    ),
    _dep("dep_employment", "thiếu hụt việc làm"),
    _dep("dep_dependents", "thiếu hụt người phụ thuộc"),
    _dep("dep_nutrition", "thiếu hụt dinh dưỡng"),
    _dep("dep_health_insurance", "thiếu hụt bảo hiểm y tế", "thiếu hụt bhyt"),
    _dep(
        "dep_adult_education",
        "thiếu hụt trình độ giáo dục người lớn",
        "thiếu hụt trình độ giáo dục của người lớn",
    ),
    _dep(
        "dep_child_schooling",
        "thiếu hụt tình trạng đi học của trẻ em",
        "thiếu hụt tình trạng đi học trẻ em",
    ),
    _dep("dep_housing_quality", "thiếu hụt chất lượng nhà ở"),
    _dep("dep_housing_area", "thiếu hụt diện tích nhà ở"),
    _dep("dep_water", "thiếu hụt nguồn nước sinh hoạt"),
    _dep("dep_sanitation", "thiếu hụt nhà tiêu hợp vệ sinh"),
    _dep("dep_telecom", "thiếu hụt sử dụng dịch vụ viễn thông"),
    _dep("dep_information_access", "thiếu hụt phương tiện tiếp cận thông tin"),
    _dep("dep_waste", "thiếu hụt xử lý rác thải", "thiếu hụt xử lý rác thải sinh hoạt"),
    ColumnSpec(
        "ethnic_minority", "bool", ("dân tộc thiểu số", "hộ dtts", "dtts", "hộ dân tộc thiểu số")
    ),
    ColumnSpec(
        "meritorious",
        "bool",
        ("người có công", "hộ có người có công", "hộ có người có công với cách mạng"),
    ),
    ColumnSpec("special_difficulty_commune", "bool", ("xã đbkk", "xã đặc biệt khó khăn")),
    ColumnSpec("status_prev", "status", ("phân loại đầu kỳ", "phân loại năm trước")),
    ColumnSpec("able_workers", "int", ("số người có khả năng lao động",), minimum=0),
    ColumnSpec(
        "stable_job_workers",
        "int",
        ("số người có việc làm ổn định",),
        minimum=0,
        total_of="able_workers",
    ),
    ColumnSpec(
        "insured_members",
        "int",
        ("số người có bhyt", "số người có thẻ bhyt"),
        minimum=0,
        total_of="members",
    ),
    ColumnSpec(
        "school_age_children",
        "int",
        ("số trẻ 3 - dưới 16 tuổi", "số trẻ 3-dưới 16 tuổi", "số trẻ em trong độ tuổi đi học"),
        minimum=0,
    ),
    ColumnSpec(
        "children_in_school",
        "int",
        ("số trẻ đi học đúng độ tuổi",),
        minimum=0,
        total_of="school_age_children",
    ),
    ColumnSpec(
        "telecom_need", "bool", ("có nhu cầu tiếp cận viễn thông, internet", "nhu cầu viễn thông")
    ),
    ColumnSpec("job_support_need", "int", ("số lao động có nhu cầu kết nối việc làm",), minimum=0),
    ColumnSpec(
        "job_supported",
        "int",
        ("số lao động được hỗ trợ kết nối việc làm",),
        minimum=0,
        total_of="job_support_need",
    ),
    ColumnSpec(
        "agri_support_need",
        "int",
        ("số người có nhu cầu hỗ trợ sản xuất nông nghiệp", "số người có nhu cầu hỗ trợ sản xuất"),
        minimum=0,
    ),
    ColumnSpec(
        "agri_supported",
        "int",
        ("số người được hỗ trợ sản xuất nông nghiệp", "số người được hỗ trợ sản xuất"),
        minimum=0,
        total_of="agri_support_need",
    ),
    ColumnSpec("housing_need", "bool", ("có khó khăn về nhà ở", "khó khăn về nhà ở")),
    ColumnSpec("housing_supported", "bool", ("được hỗ trợ nhà ở",)),
)

COLUMN_SPECS: dict[str, ColumnSpec] = {spec.name: spec for spec in COLUMNS}

BASE_REQUIRED = tuple(spec.name for spec in COLUMNS if spec.required)

TRUE_WORDS = ("true", "1", "yes", "có", "x")
FALSE_WORDS = ("false", "0", "no", "không")
AREA_WORDS = {
    "rural": "rural",
    "urban": "urban",
    "nông thôn": "rural",
    "thành thị": "urban",
    "đô thị": "urban",
}
STATUS_WORDS = {
    "poor": "poor",
    "near_poor": "near_poor",
    "middle": "middle",
    "non_poor": "non_poor",
    "hộ nghèo": "poor",
    "nghèo": "poor",
    "hộ cận nghèo": "near_poor",
    "cận nghèo": "near_poor",
    "hộ có mức sống trung bình": "middle",
    "trung bình": "middle",
    "không nghèo": "non_poor",
}


def normalise_header(text: str) -> str:
    folded = unicodedata.normalize("NFC", text).strip().casefold()
    return " ".join(folded.split())


def header_lookup() -> dict[str, str]:
    """Accepted header (normalised) -> canonical column name."""
    lookup: dict[str, str] = {}
    for spec in COLUMNS:
        lookup[normalise_header(spec.name)] = spec.name
        for alias in spec.vietnamese:
            lookup[normalise_header(alias)] = spec.name
    return lookup


def required_columns(deprivation_columns: Iterable[str]) -> list[str]:
    return [*BASE_REQUIRED, *deprivation_columns]


def normalise_names(values: pd.Series) -> pd.Series:
    """NFC and trimmed, so "Sơn Động" typed on two keyboards is one district."""
    return values.str.normalize("NFC").str.strip()


@dataclass
class CensusValidation:
    """The valid households, typed, and every problem found, as values."""

    valid: pd.DataFrame
    problems: pd.DataFrame
    """One row per bad cell: row, household_id, column, reason (no cell values: personal data)."""
    rows: int
    invalid_mask: np.ndarray
    columns_present: list[str] = field(default_factory=list)

    @property
    def invalid_rows(self) -> int:
        return int(self.invalid_mask.sum())

    @property
    def valid_rows(self) -> int:
        return self.rows - self.invalid_rows

    def invalid_by_reason(self) -> dict[str, int]:
        """Rows set aside per reason; a row with two reasons counts under each."""
        if self.problems.empty:
            return {}
        counts = self.problems.drop_duplicates(["row", "reason"])["reason"].value_counts()
        return {str(reason): int(count) for reason, count in sorted(counts.items())}


class _Problems:
    def __init__(self, size: int) -> None:
        self.size = size
        self.parts: list[tuple[np.ndarray, str, str]] = []
        self.bad = np.zeros(size, dtype=bool)

    def add(self, mask: np.ndarray | pd.Series, column: str, reason: Reason) -> None:
        array = np.asarray(mask, dtype=bool)
        if array.any():
            self.parts.append((np.flatnonzero(array), column, reason))
            self.bad |= array

    def frame(self, household_ids: pd.Series) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame(
                {
                    "row": pd.Series([], dtype="int64"),
                    "household_id": pd.Series([], dtype="str"),
                    "column": pd.Series([], dtype="str"),
                    "reason": pd.Series([], dtype="str"),
                }
            )
        index = np.concatenate([part[0] for part in self.parts])
        frame = pd.DataFrame(
            {
                "row": index + FIRST_DATA_ROW,
                "household_id": household_ids.to_numpy()[index],
                "column": np.concatenate([[part[1]] * len(part[0]) for part in self.parts]),
                "reason": np.concatenate([[part[2]] * len(part[0]) for part in self.parts]),
            }
        )
        return frame.sort_values(["row", "column"], kind="stable").reset_index(drop=True)


def _parse_int(text: pd.Series, spec: ColumnSpec, problems: _Problems) -> pd.Series:
    blank = (text == "").to_numpy()
    number = pd.to_numeric(text.where(~blank), errors="coerce")
    not_number = ~blank & number.isna().to_numpy()
    problems.add(not_number, spec.name, "not_a_number")
    fraction = (~number.isna() & (number % 1 != 0)).to_numpy()
    problems.add(fraction, spec.name, "not_an_integer")
    if spec.minimum is not None:
        problems.add((number < spec.minimum).fillna(False).to_numpy(), spec.name, "out_of_range")
    ok = ~(not_number | fraction) & ~blank
    result = pd.Series(pd.array([pd.NA] * len(text), dtype="Int64"), index=text.index)
    result[ok] = number[ok].astype("int64")
    if spec.required:
        problems.add(blank, spec.name, "missing_value")
    return result


def _parse_choice(
    text: pd.Series, words: dict[str, str], spec: ColumnSpec, problems: _Problems, reason: Reason
) -> pd.Series:
    folded = text.str.casefold()
    blank = (text == "").to_numpy()
    mapped = folded.map(words)
    problems.add(~blank & mapped.isna().to_numpy(), spec.name, reason)
    if spec.required:
        problems.add(blank, spec.name, "missing_value")
    return mapped


def _parse_bool(text: pd.Series, spec: ColumnSpec, problems: _Problems) -> pd.Series:
    words = dict.fromkeys(TRUE_WORDS, "t") | dict.fromkeys(FALSE_WORDS, "f")
    mapped = _parse_choice(text, words, spec, problems, "invalid_boolean")
    return mapped.map({"t": True, "f": False}).astype("boolean")


def validate_census(raw: pd.DataFrame, required: list[str]) -> CensusValidation:
    """Type and check a census of text cells; ``required`` are the columns that must be filled.

    ``raw`` holds canonical column names and ``str`` cells ("" for blank). Blank cells of
    optional columns mean unknown; in required columns they are ``missing_value``.
    """
    size = len(raw)
    problems = _Problems(size)
    typed: dict[str, pd.Series] = {}
    present = [spec for spec in COLUMNS if spec.name in raw.columns]
    for spec in present:
        spec = ColumnSpec(
            spec.name,
            spec.kind,
            spec.vietnamese,
            spec.minimum,
            spec.total_of,
            required=spec.name in required,
        )
        text = raw[spec.name].astype("str")
        if spec.kind in ("id", "text"):
            text = normalise_names(text)
            if spec.required:
                problems.add((text == "").to_numpy(), spec.name, "missing_value")
            typed[spec.name] = text
        elif spec.kind == "area":
            typed[spec.name] = _parse_choice(
                text.str.strip(), AREA_WORDS, spec, problems, "invalid_area"
            )
        elif spec.kind == "status":
            typed[spec.name] = _parse_choice(
                normalise_names(text), STATUS_WORDS, spec, problems, "invalid_status"
            )
        elif spec.kind == "int":
            typed[spec.name] = _parse_int(text.str.strip(), spec, problems)
        else:
            typed[spec.name] = _parse_bool(text.str.strip(), spec, problems)
    for spec in present:
        if spec.total_of and spec.total_of in typed:
            exceeds = (typed[spec.name] > typed[spec.total_of]).fillna(False).to_numpy()
            problems.add(exceeds, spec.name, "count_exceeds_total")
    if "household_id" in typed:
        ids = typed["household_id"]
        duplicated = ids.duplicated(keep="first").to_numpy() & (ids != "").to_numpy()
        problems.add(duplicated, "household_id", "duplicate_id")
    frame = pd.DataFrame(typed, index=raw.index)
    valid = frame.loc[~problems.bad].reset_index(drop=True)
    for name in required:
        spec = COLUMN_SPECS[name]
        if spec.kind == "int":
            valid[name] = valid[name].astype("int64")
        elif spec.kind == "bool":
            valid[name] = valid[name].astype("bool")
    ids_for_problems = typed.get("household_id", pd.Series([""] * size, dtype="str"))
    return CensusValidation(
        valid=valid,
        problems=problems.frame(ids_for_problems),
        rows=size,
        invalid_mask=problems.bad,
        columns_present=[spec.name for spec in present],
    )


def rejects_table(raw: pd.DataFrame, validation: CensusValidation) -> pd.DataFrame:
    """The set-aside rows as they were read, with their row number and reasons."""
    problems = validation.problems
    reasons = (
        (problems["column"] + ":" + problems["reason"]).groupby(problems["row"]).agg("; ".join)
    )
    rows = raw.loc[validation.invalid_mask].copy()
    rows.insert(0, "row", np.flatnonzero(validation.invalid_mask) + FIRST_DATA_ROW)
    rows.insert(1, "reasons", rows["row"].map(reasons).fillna(""))
    return rows.reset_index(drop=True)

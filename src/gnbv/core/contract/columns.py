"""The census contract (shared/census-format.md), declared once: its columns, their kinds,
the headers and words users write, ranges and "part of a total", the row a file's data starts
on, and the words of a totals row. Its rules are :mod:`gnbv.core.contract.rules`, applied by the
full
validation (:mod:`gnbv.core.validation.batch`) and the one query
(:mod:`gnbv.core.validation.query`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

Kind = Literal["id", "text", "area", "int", "bool", "status"]
WORD_KINDS: tuple[Kind, ...] = ("area", "status", "bool")
"""Columns of words ("Nông thôn", "Hộ nghèo", "có"), which the rules read as a value."""

#: The first data row is row 2: row 1 is the header, as in a spreadsheet.
FIRST_DATA_ROW = 2


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: Kind
    vietnamese: tuple[str, ...] = ()
    """Header names users type, compared after NFC, trimming and case folding."""
    minimum: int | None = None
    maximum: int | None = None
    """Above it a number is out_of_range (also keeps every value inside 64-bit integers)."""
    total_of: str | None = None
    """For a count that is part of another column (``insured_members`` <= ``members``)."""
    required: bool = False
    units: tuple[str, ...] = ()
    """The units a header may state in brackets after its name ("Thu nhập bình quân
    (đồng)"), spaces aside, the first the one it is read in; a header stating another
    ("(nghìn đồng)": each figure read a thousand times too small) is refused."""
    fraction_rounded_up_from: int | None = None
    """From this value on, a fraction is read rounded up to the next integer, not set aside
    (an income a formula divided: 1.666.666,67 đồng); under it a fraction stays
    ``not_an_integer``. None: every fraction is set aside."""
    zero_written: tuple[str, ...] = ()
    """Cells, alone in the cell, that are a zero written otherwise (a count's dash)."""


MAX_MEMBERS = 100
MAX_INCOME = 100_000_000_000  # VND per person per month; far above any real income
MAX_COUNT = 1_000
ZERO_DASHES = ("-", "–")
"""A count's zero as a dash alone: Excel's accounting format (the "Comma Style" button) shows
a zero so and writes it so in a CSV (" -   "), and a table typed by hand writes "none" so. Not
an income's: a household's income read as 0 would make it poor."""
SIGNIFICANT_DIGITS = 15
"""Digits a number written as a double is read to: Excel keeps and shows 15, and the binary
arithmetic's last digit beyond them (a formula's 2000000.0000000002) is noise, not a fraction
of a đồng that would lift a household over a line."""
INCOME_FRACTION_ROUNDED_UP_FROM = 1_000
"""An income with a fraction of a đồng is a formula's result (a household's income divided by
its members and by 12): Excel shows it rounded, and gnbv reads it rounded up, which keeps
every class exact (the lines are whole đồng: an income is at most a line exactly when its
rounded-up value is). Under a thousand đồng a person a month a fraction is no such result but
a figure typed in millions ("2,5"): set aside as before."""
INCOME_UNITS = tuple(
    money + per
    for money in ("đồng", "vnđ", "vnd", "đ", "₫")
    for per in ("/người/tháng", "", "/tháng", "/người/1 tháng")
)
"""Đồng a person a month, as headers write it (the name says "bình quân đầu người"); "₫" is
the sign Excel's currency format writes after the figure on a Vietnamese system."""


def _dep(name: str, *vietnamese: str) -> ColumnSpec:
    return ColumnSpec(name, "bool", vietnamese)


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "household_id",
        "id",
        ("mã hộ", "mã hộ gia đình", "ma_ho", "mã số hộ", "mã số hộ gia đình"),
        required=True,
    ),
    ColumnSpec(
        "district",
        "text",
        (
            "huyện",
            "huyện/thị xã/thành phố",
            "huyện / thị xã / thành phố",
            "huyện/thành phố",
            "quận/huyện",
        ),
        required=True,
    ),
    ColumnSpec(
        "commune",
        "text",
        ("xã", "xã/phường/thị trấn", "xã / phường / thị trấn", "xã/phường", "phường/xã"),
        required=True,
    ),
    ColumnSpec("area", "area", ("khu vực", "nông thôn/thành thị"), required=True),
    ColumnSpec(
        "members",
        "int",
        ("số nhân khẩu", "số khẩu"),
        minimum=1,
        maximum=MAX_MEMBERS,
        required=True,
        units=("người", "khẩu", "nhân khẩu"),
    ),
    ColumnSpec(
        "income_per_capita",
        "int",
        (
            "thu nhập bình quân",
            "thu nhập bình quân đầu người/tháng",
            "thu nhập bình quân đầu người",
            "thu nhập bình quân đầu người một tháng",
            # "BQ", as tables abbreviate it (gnbv's own lists too)
            "thu nhập bq",
            "thu nhập bq đầu người",
            "thu nhập bq đầu người/tháng",
            "tnbq",  # the same, as reports shorten it
            "tnbq đầu người",
            "tnbq đầu người/tháng",
        ),
        minimum=0,
        maximum=MAX_INCOME,
        required=True,
        units=INCOME_UNITS,
        fraction_rounded_up_from=INCOME_FRACTION_ROUNDED_UP_FROM,
    ),
    # The indicators as users type them and as Decree 07/2021 names them ("1.2 Người phụ
    # thuộc trong hộ gia đình"), under "Thiếu hụt" or after it.
    _dep("dep_employment", "thiếu hụt việc làm"),
    _dep(
        "dep_dependents",
        "thiếu hụt người phụ thuộc",
        "thiếu hụt người phụ thuộc trong hộ gia đình",
    ),
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
    _dep(
        "dep_housing_area",
        "thiếu hụt diện tích nhà ở",
        "thiếu hụt diện tích nhà ở bình quân đầu người",
    ),
    _dep("dep_water", "thiếu hụt nguồn nước sinh hoạt"),
    _dep("dep_sanitation", "thiếu hụt nhà tiêu hợp vệ sinh"),
    _dep("dep_telecom", "thiếu hụt sử dụng dịch vụ viễn thông"),
    _dep(
        "dep_information_access",
        "thiếu hụt phương tiện tiếp cận thông tin",
        "thiếu hụt phương tiện phục vụ tiếp cận thông tin",
    ),
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
    ColumnSpec("ever_poor_before", "bool", ("đã từng là hộ nghèo",)),
    ColumnSpec("ever_near_poor_before", "bool", ("đã từng là hộ cận nghèo",)),
    ColumnSpec(
        "able_workers",
        "int",
        ("số người có khả năng lao động",),
        minimum=0,
        maximum=MAX_COUNT,
        zero_written=ZERO_DASHES,
    ),
    ColumnSpec(
        "stable_job_workers",
        "int",
        ("số người có việc làm ổn định",),
        minimum=0,
        maximum=MAX_COUNT,
        zero_written=ZERO_DASHES,
        total_of="able_workers",
    ),
    ColumnSpec(
        "insured_members",
        "int",
        ("số người có bhyt", "số người có thẻ bhyt"),
        minimum=0,
        maximum=MAX_COUNT,
        zero_written=ZERO_DASHES,
        total_of="members",
    ),
    ColumnSpec(
        "school_age_children",
        "int",
        ("số trẻ 3 - dưới 16 tuổi", "số trẻ 3-dưới 16 tuổi", "số trẻ em trong độ tuổi đi học"),
        minimum=0,
        maximum=MAX_COUNT,
        zero_written=ZERO_DASHES,
    ),
    ColumnSpec(
        "children_in_school",
        "int",
        ("số trẻ đi học đúng độ tuổi",),
        minimum=0,
        maximum=MAX_COUNT,
        zero_written=ZERO_DASHES,
        total_of="school_age_children",
    ),
    ColumnSpec(
        "telecom_need", "bool", ("có nhu cầu tiếp cận viễn thông, internet", "nhu cầu viễn thông")
    ),
    ColumnSpec(
        "job_support_need",
        "int",
        ("số lao động có nhu cầu kết nối việc làm",),
        minimum=0,
        maximum=MAX_COUNT,
        zero_written=ZERO_DASHES,
    ),
    ColumnSpec(
        "job_supported",
        "int",
        ("số lao động được hỗ trợ kết nối việc làm",),
        minimum=0,
        maximum=MAX_COUNT,
        zero_written=ZERO_DASHES,
        total_of="job_support_need",
    ),
    ColumnSpec(
        "agri_support_need",
        "int",
        ("số người có nhu cầu hỗ trợ sản xuất nông nghiệp", "số người có nhu cầu hỗ trợ sản xuất"),
        minimum=0,
        maximum=MAX_COUNT,
        zero_written=ZERO_DASHES,
    ),
    ColumnSpec(
        "agri_supported",
        "int",
        ("số người được hỗ trợ sản xuất nông nghiệp", "số người được hỗ trợ sản xuất"),
        minimum=0,
        maximum=MAX_COUNT,
        zero_written=ZERO_DASHES,
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
    "hn": "poor",  # as reports abbreviate them ("số HN, HCN")
    "hcn": "near_poor",
    "mstb": "middle",  # "hộ MSTB": mức sống trung bình, as reports shorten it
    "hộ mstb": "middle",
    "hộ có mức sống trung bình": "middle",
    "hộ mức sống trung bình": "middle",
    "mức sống trung bình": "middle",
    "trung bình": "middle",
    "không nghèo": "non_poor",
    "hộ không nghèo": "non_poor",
}


INVISIBLE = "[\u00ad\u200b-\u200d\u2060\ufeff]"
"""Characters that print as nothing (a zero-width space, a soft hyphen, a byte-order mark
pasted inside a cell): text copied from a web page or a document brings them."""


def unit_suffix(spec: ColumnSpec) -> str | None:
    """A cell's trailing unit as a regular expression ("1.500.000 đ", "5 người"), for a
    column whose figures may state the unit they are read in; None for the others. Another
    unit ("1.500 nghìn đồng") is not this one: the cell stays a cell that is not a number."""
    if not spec.units:
        return None

    def written(part: str) -> str:
        return "".join(_letter_spellings(letter) for letter in part).replace(" ", r"\s+")

    units = {r"\s*/\s*".join(map(written, unit.split("/"))) for unit in spec.units}
    return r"(?i)\s*(?:" + "|".join(sorted(units, key=len, reverse=True)) + r")$"


def _letter_spellings(letter: str) -> str:
    """A letter as a cell may hold it, for a regular expression: precomposed ("ồ"),
    decomposed, or with its vowel precomposed and its tone apart (text decoded from
    cp1258), which the reader does not make one in a number's column."""
    decomposed = unicodedata.normalize("NFD", letter)
    forms = {letter, decomposed}
    if len(decomposed) == 3:
        forms.add(unicodedata.normalize("NFC", decomposed[:2]) + decomposed[2])
    if len(forms) == 1:
        return letter
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


def present_columns(names: Iterable[str]) -> list[str]:
    """The census columns among ``names``, in the contract's order."""
    given = set(names)
    return [spec.name for spec in COLUMNS if spec.name in given]


def required_columns(deprivation_columns: Iterable[str]) -> list[str]:
    return [*BASE_REQUIRED, *deprivation_columns]


def normalise_names(values: pd.Series) -> pd.Series:
    """NFC, without what prints as nothing, trimmed, inner spaces folded: "Sơn Động" typed
    on two keyboards, or pasted from a web page, is one district."""
    visible = values.str.normalize("NFC").str.replace(INVISIBLE, "", regex=True)
    return visible.str.strip().str.replace(r"\s+", " ", regex=True)


TOTALS_WORDS = ("tổng cộng", "cộng", "tổng số", "tổng", "total")
"""A row whose household id, district or commune says one of these (any case, a colon after
it) is a form's totals row: skipped and reported, not a household and not a bad row."""
SUBTOTAL_LABEL = (
    r"^(?:tổng cộng|tổng số|cộng|tổng)\s*:?\s+"
    r"(?:xã|phường|thị trấn|thôn|bản|tổ|khu|khối|xóm|ấp|huyện|thị xã|thành phố|quận|toàn|hộ)"
    r"(?:[\s:]|$)"
)
"""A subtotal's label (lower case): "Cộng xã Trần Phú", "Cộng thôn 3", "Tổng cộng toàn
huyện", "Tổng số hộ:": a totals word, then a kind of unit, "toàn" or "hộ" (households). A
unit named with such a word ("xã Cộng Hòa") is no label: a kind of unit does not follow."""

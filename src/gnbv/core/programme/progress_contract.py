"""The progress workbook's contract (``shared/progress-format.md``): its sheets and columns,
the words accepted in its cells, and the typed lines and named problems its validation
returns (:mod:`gnbv.core.programme.progress` validates)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

SHEETS = (
    "report",
    "disbursement",
    "works",
    "livelihood_projects",
    "training",
    "allocation_reports",
)

SHEET_NAMES = {
    "report": ("Thông tin báo cáo", "report"),
    "disbursement": ("Giải ngân", "disbursement"),
    "works": ("Công trình", "works"),
    "livelihood_projects": ("Dự án sinh kế", "livelihood_projects"),
    "training": ("Tập huấn cán bộ", "training"),
    "allocation_reports": ("Báo cáo phân bổ vốn", "allocation_reports"),
}
"""Each sheet's Vietnamese name (the template's) and its canonical name; both are read."""

COLUMNS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "report": [("key", ("Nội dung",)), ("value", ("Giá trị",))],
    "disbursement": [
        ("funds_year", ("Năm nguồn vốn", "Năm vốn")),
        ("source", ("Nguồn vốn",)),
        ("capital_type", ("Loại vốn",)),
        ("project", ("Dự án/tiểu dự án", "Mã dự án", "Dự án")),
        ("unit", ("Đơn vị sử dụng vốn", "Đơn vị")),
        ("allocated_mvnd", ("Kế hoạch vốn giao (triệu đồng)", "Kế hoạch vốn giao", "Vốn giao")),
        ("disbursed_mvnd", ("Giải ngân lũy kế (triệu đồng)", "Giải ngân lũy kế", "Giải ngân")),
    ],
    "works": [
        ("work_id", ("Mã công trình",)),
        ("project", ("Dự án",)),
        ("status", ("Tình trạng",)),
        ("progress_pct", ("Khối lượng hoàn thành (%)", "Khối lượng hoàn thành")),
        ("completed_on", ("Ngày hoàn thành",)),
        ("allocated_mvnd", ("Kế hoạch vốn (triệu đồng)", "Kế hoạch vốn")),
        ("disbursed_mvnd", ("Giải ngân (triệu đồng)", "Giải ngân")),
    ],
    "livelihood_projects": [
        ("project_id", ("Mã dự án, mô hình", "Tên dự án, mô hình")),
        ("project", ("Thuộc dự án",)),
        ("unit", ("Đơn vị thực hiện", "Đơn vị")),
        ("allocated_mvnd", ("Vốn được phân bổ (triệu đồng)", "Vốn được phân bổ")),
        ("status", ("Tình trạng",)),
        ("completed_on", ("Ngày hoàn thành",)),
        ("households", ("Số hộ tham gia",)),
    ],
    "training": [
        ("level", ("Cấp",)),
        ("unit", ("Đơn vị",)),
        ("officials", ("Số cán bộ làm công tác giảm nghèo", "Số cán bộ")),
        ("trained", ("Số cán bộ được tập huấn", "Số được tập huấn")),
    ],
    "allocation_reports": [
        ("unit", ("Huyện, thị xã, thành phố", "Đơn vị")),
        ("submitted_on", ("Ngày gửi báo cáo phân bổ vốn", "Ngày gửi")),
    ],
}
"""Each sheet's columns: the canonical name and the Vietnamese headers accepted (the first is
the template's)."""

OPTIONAL_COLUMNS: dict[str, frozenset[str]] = {
    "disbursement": frozenset({"unit"}),
    "works": frozenset({"progress_pct", "completed_on", "allocated_mvnd", "disbursed_mvnd"}),
    "livelihood_projects": frozenset({"completed_on", "households"}),
    "training": frozenset({"unit"}),
}
"""The columns a sheet may leave out (the contract's "optional"); a sheet without one of its
other columns is refused: its figures would be read as unknown and the targets as no data,
without a word of why."""

REPORT_KEYS = {
    "province": ("Tỉnh",),
    "plan_year": ("Năm kế hoạch",),
    "as_of": ("Ngày số liệu",),
    "unit": ("Đơn vị báo cáo",),
}

# Words an office writes, folded (NFC, trimmed, lower case) -> the canonical code.
SOURCE_WORDS = {
    "central": "central",
    "nstw": "central",
    "ngân sách trung ương": "central",
    "trung ương": "central",
    "provincial": "provincial",
    "ns tỉnh": "provincial",
    "nst": "provincial",
    "ngân sách tỉnh": "provincial",
    "tỉnh": "provincial",
    "district": "district",
    "ns huyện": "district",
    "ngân sách huyện": "district",
    "huyện": "district",
}
CAPITAL_WORDS = {
    "investment": "investment",
    "đtpt": "investment",
    "đầu tư phát triển": "investment",
    "vốn đầu tư phát triển": "investment",
    "recurrent": "recurrent",
    "sn": "recurrent",
    "sự nghiệp": "recurrent",
    "vốn sự nghiệp": "recurrent",
}
WORK_STATUS_WORDS = {
    "not_started": "not_started",
    "chưa khởi công": "not_started",
    "in_progress": "in_progress",
    "đang thi công": "in_progress",
    "completed": "completed",
    "hoàn thành": "completed",
    "handed_over": "handed_over",
    "đã nghiệm thu bàn giao": "handed_over",
    "nghiệm thu bàn giao": "handed_over",
}
PROJECT_STATUS_WORDS = {
    "not_started": "not_started",
    "chưa triển khai": "not_started",
    "chưa thực hiện": "not_started",
    "in_progress": "in_progress",
    "đang thực hiện": "in_progress",
    "đang triển khai": "in_progress",
    "completed": "completed",
    "hoàn thành": "completed",
}
LEVEL_WORDS = {
    "province": "province",
    "cấp tỉnh": "province",
    "tỉnh": "province",
    "district": "district",
    "cấp huyện": "district",
    "huyện": "district",
    "commune": "commune",
    "cấp xã": "commune",
    "xã": "commune",
}


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    column: str
    reason: str


@dataclass(frozen=True)
class AllocationLine:
    row: int
    funds_year: int
    source: str
    capital_type: str
    project: str
    unit: str
    allocated: Fraction | None
    disbursed: Fraction | None


@dataclass(frozen=True)
class WorkLine:
    row: int
    work_id: str
    project: str
    status: str
    progress_pct: Fraction | None
    completed_on: dt.date | None


@dataclass(frozen=True)
class LivelihoodLine:
    row: int
    project_id: str
    project: str
    unit: str
    allocated: Fraction | None
    status: str
    completed_on: dt.date | None


@dataclass(frozen=True)
class TrainingLine:
    row: int
    level: str
    unit: str
    officials: int
    trained: int


@dataclass(frozen=True)
class AllocationReport:
    row: int
    unit: str
    submitted_on: dt.date | None


@dataclass
class Progress:
    """The valid lines of a progress workbook and every problem found, as values."""

    province: str
    plan_year: int
    as_of: dt.date
    unit: str
    allocations: list[AllocationLine] = field(default_factory=list)
    works: list[WorkLine] = field(default_factory=list)
    livelihood: list[LivelihoodLine] = field(default_factory=list)
    training: list[TrainingLine] = field(default_factory=list)
    allocation_reports: list[AllocationReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    """Data rows read, every sheet."""
    skipped: list[tuple[str, int]] = field(default_factory=list)
    """Rows without data under a table (sheet, row): a signature block; not lines, not
    problems."""

    @property
    def rows_set_aside(self) -> int:
        return len({(problem.sheet, problem.row) for problem in self.problems})


class ProgressFileError(ValueError):
    """The workbook is not the plan's (another province or year), or says no date."""

    def __init__(self, message: str, hint: str, key: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.hint = hint
        self.key = key
        """The message in the label catalogue (for the user's language)."""
        self.params = params


RawRow = tuple[int, dict[str, Any]]
"""A data row as read: its row number and its cells by canonical column name."""

"""The catalogue of metrics a plan's targets may name.

A plan says *what* it targets by a metric key; this catalogue says what the key means: its unit,
whether lower is better, where its numbers come from (the census, or records gnbv does not
read yet) and which census columns it needs. How each census metric is computed lives in
``gnbv.core.analysis.indicators``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["percent", "households"]
Better = Literal["lower", "higher"]
Source = Literal["census", "disbursement_records", "project_register", "training_register"]
CountUnit = Literal[
    "households", "persons", "children", "workers", "million_vnd", "projects", "officials"
]
ScopeKind = Literal["province", "district", "dbkk_communes", "ethnic_minority"]


@dataclass(frozen=True)
class MetricSpec:
    key: str
    unit: Unit
    better: Better
    source: Source
    count_unit: CountUnit
    """What the gap is counted in (households to lift out of poverty, persons to insure, ...)."""
    columns: tuple[str, ...]
    """Optional census columns the metric needs beyond the required ones."""
    label_vi: str
    label_en: str
    is_poverty_rate: bool = False
    count_scale: int = 1
    """How many of the metric's counted units make one ``count_unit`` (T6 counts thousand
    VND to stay in whole numbers and shows its gap in million VND: 1000)."""
    """A rate of the poverty classes; only these can be targeted as a reduction in points."""


_SPECS = [
    MetricSpec(
        "poverty_rate",
        "percent",
        "lower",
        "census",
        "households",
        (),
        "Tỷ lệ hộ nghèo",
        "Poverty rate",
        is_poverty_rate=True,
    ),
    MetricSpec(
        "near_poverty_rate",
        "percent",
        "lower",
        "census",
        "households",
        (),
        "Tỷ lệ hộ cận nghèo",
        "Near-poverty rate",
        is_poverty_rate=True,
    ),
    MetricSpec(
        "poor_and_near_poor_rate",
        "percent",
        "lower",
        "census",
        "households",
        (),
        "Tỷ lệ hộ nghèo và cận nghèo",
        "Poor and near-poor rate",
        is_poverty_rate=True,
    ),
    MetricSpec(
        "meritorious_poor_or_near_poor_households",
        "households",
        "lower",
        "census",
        "households",
        ("meritorious",),
        "Số hộ nghèo, cận nghèo là người có công",
        "Poor or near-poor households of people with meritorious service",
    ),
    MetricSpec(
        "funds_disbursed_share",
        "percent",
        "higher",
        "disbursement_records",
        "million_vnd",
        (),
        "Tỷ lệ giải ngân vốn Chương trình",
        "Share of programme funds disbursed",
        count_scale=1000,
    ),
    MetricSpec(
        "funded_livelihood_projects_completed_share",
        "percent",
        "higher",
        "project_register",
        "projects",
        (),
        "Tỷ lệ dự án sinh kế, PTSX được phân bổ vốn hoàn thành",
        "Share of funded livelihood/production projects completed",
    ),
    MetricSpec(
        "agri_capacity_support_share",
        "percent",
        "higher",
        "census",
        "persons",
        ("agri_support_need", "agri_supported"),
        "Tỷ lệ người có nhu cầu được hỗ trợ nâng cao năng lực SX nông nghiệp",
        "Share of able members in need supported in agricultural capacity",
    ),
    MetricSpec(
        "stable_employment_share",
        "percent",
        "higher",
        "census",
        "households",
        ("able_workers", "stable_job_workers"),
        "Tỷ lệ hộ có thành viên có việc làm ổn định",
        "Share of households with a member in stable work",
    ),
    MetricSpec(
        "officials_trained_share",
        "percent",
        "higher",
        "training_register",
        "officials",
        (),
        "Tỷ lệ cán bộ giảm nghèo được tập huấn",
        "Share of poverty-reduction officials trained",
    ),
    MetricSpec(
        "job_connection_share",
        "percent",
        "higher",
        "census",
        "workers",
        # and the start of the period (status_prev, or a previous census): checked where
        # it is computed, since a previous census gives it without the column.
        ("job_support_need", "job_supported"),
        "Tỷ lệ lao động có nhu cầu được hỗ trợ kết nối việc làm",
        "Share of workers in need given job connection",
    ),
    MetricSpec(
        "health_insurance_share",
        "percent",
        "higher",
        "census",
        "persons",
        ("insured_members",),
        "Tỷ lệ người tham gia BHYT",
        "Share of members with health insurance",
    ),
    MetricSpec(
        "right_age_schooling_share",
        "percent",
        "higher",
        "census",
        "children",
        ("school_age_children", "children_in_school"),
        "Tỷ lệ trẻ em đi học đúng độ tuổi",
        "Share of children in school at the right age",
    ),
    MetricSpec(
        "housing_support_share",
        "percent",
        "higher",
        "census",
        "households",
        ("housing_need", "housing_supported"),
        "Tỷ lệ hộ khó khăn về nhà ở được hỗ trợ",
        "Share of households with housing difficulty supported",
    ),
    MetricSpec(
        "hygienic_water_share",
        "percent",
        "higher",
        "census",
        "households",
        (),
        "Tỷ lệ hộ dùng nước sinh hoạt hợp vệ sinh",
        "Share using hygienic water",
    ),
    MetricSpec(
        "hygienic_latrine_share",
        "percent",
        "higher",
        "census",
        "households",
        (),
        "Tỷ lệ hộ dùng nhà tiêu hợp vệ sinh",
        "Share using a hygienic latrine",
    ),
    MetricSpec(
        "telecom_access_share",
        "percent",
        "higher",
        "census",
        "households",
        (),
        "Tỷ lệ hộ có nhu cầu được tiếp cận viễn thông, internet",
        "Share of households in need with telecom/internet access",
    ),
]

METRICS: dict[str, MetricSpec] = {spec.key: spec for spec in _SPECS}

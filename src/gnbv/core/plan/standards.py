"""Multidimensional poverty standards (chuẩn nghèo đa chiều) as data.

A standard is read from a YAML file shipped in ``gnbv/standards/``: income lines per area, the
deprivation indicators (each naming the census column that records it) and how many
deprivations make a low-income household poor. Nothing about a standard is a constant in code.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from gnbv.core.models import StrictModel
from gnbv.errors import RuleError

Area = Literal["rural", "urban"]
AREAS: tuple[Area, ...] = ("rural", "urban")


class IncomeLines(StrictModel):
    poverty_line: int = Field(gt=0, description="VND per person per month; income <= line is low")
    middle_upper: int | None = Field(
        default=None,
        gt=0,
        description="upper edge of the middle living standard band (line, upper]; "
        "null where the law sets none",
    )

    @model_validator(mode="after")
    def _upper_above_line(self) -> IncomeLines:
        if self.middle_upper is not None and self.middle_upper <= self.poverty_line:
            raise RuleError("middle_upper must be above poverty_line", "rule_middle_upper")
        return self


class Indicator(StrictModel):
    code: str = Field(pattern=r"^\d+\.\d+$")
    column: str = Field(pattern=r"^dep_[a-z_]+$")
    dimension_vi: str
    dimension_en: str
    name_vi: str
    name_en: str


class YearRange(StrictModel):
    from_year: int
    to_year: int

    @model_validator(mode="after")
    def _ordered(self) -> YearRange:
        if self.to_year < self.from_year:
            raise RuleError("to_year is before from_year", "rule_years")
        return self


class Standard(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name_vi: str
    name_en: str
    legal_basis_vi: str
    in_force: YearRange
    income_unit: Literal["vnd_per_person_per_month"]
    income_lines: dict[Area, IncomeLines]
    poor_min_deprivations: int = Field(ge=1)
    implausible_income_below: int | None = Field(
        default=None,
        gt=0,
        description="VND per person per month: a commune where more than half of the "
        "households have a lower income most likely typed its incomes in thousands (or "
        "millions) of đồng, and the report says so; null: not looked for",
    )
    implausible_poor_share_above: float | None = Field(
        default=None,
        gt=0,
        le=100,
        description="percent: a census where at least this share of the households are "
        "poor or near-poor is most likely a list of them, not the whole review, and the "
        "report says so (rates divide by every household); null: not looked for",
    )
    indicators: list[Indicator] = Field(min_length=1)
    notes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _complete(self) -> Standard:
        missing = [area for area in AREAS if area not in self.income_lines]
        if missing:
            raise RuleError(
                f"income_lines needs every area; missing: {', '.join(missing)}",
                "rule_income_lines",
                missing=", ".join(missing),
            )
        columns = [indicator.column for indicator in self.indicators]
        if len(set(columns)) != len(columns):
            raise RuleError("two indicators record the same column", "rule_indicator_twice")
        if self.poor_min_deprivations > len(self.indicators):
            raise RuleError(
                "poor_min_deprivations is larger than the number of indicators",
                "rule_min_deprivations",
            )
        return self

    @property
    def deprivation_columns(self) -> list[str]:
        return [indicator.column for indicator in self.indicators]

    def in_force_for(self, year: int) -> bool:
        return self.in_force.from_year <= year <= self.in_force.to_year


def standard_for_year(standards: list[Standard], year: int) -> Standard | None:
    """The standard in force in ``year``, or None when no shipped standard covers it."""
    matching = [standard for standard in standards if standard.in_force_for(year)]
    return matching[0] if len(matching) == 1 else None

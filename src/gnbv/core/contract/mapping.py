"""A district's own headers and codes, mapped to the census contract (``--columns FILE``)."""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from gnbv.core.contract.columns import (
    AREA_WORDS,
    COLUMN_SPECS,
    FALSE_WORDS,
    STATUS_WORDS,
    TRUE_WORDS,
)
from gnbv.core.contract.rules import CensusOptions
from gnbv.core.models import StrictModel
from gnbv.errors import RuleError


class BooleanWords(StrictModel):
    true: list[str] = Field(default_factory=list)
    false: list[str] = Field(default_factory=list)
    blank_means_false: list[str] = Field(default_factory=list)
    """Boolean columns where a blank cell means false (forms ticked with "x")."""


class ColumnMapping(StrictModel):
    columns: dict[str, str] = Field(default_factory=dict)
    """Their header -> canonical column name."""
    values: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Canonical column -> {their code: canonical value}, for area, status_prev, booleans,
    and district and commune (a code -> the unit's name)."""
    booleans: BooleanWords = BooleanWords()

    @field_validator("columns")
    @classmethod
    def _known_columns(cls, columns: dict[str, str]) -> dict[str, str]:
        for header, column in columns.items():
            if column not in COLUMN_SPECS:
                raise RuleError(
                    f"{header!r}: unknown census column {column!r}",
                    "rule_unknown_column",
                    header=header,
                    column=column,
                )
        return columns

    @field_validator("values")
    @classmethod
    def _known_codes(cls, values: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        allowed = {
            "area": set(AREA_WORDS.values()),
            "status": set(STATUS_WORDS.values()),
            "bool": {"true", "false"},
        }
        for column, codes in values.items():
            spec = COLUMN_SPECS.get(column)
            if column in ("district", "commune"):
                continue  # a code -> a unit's name: any name
            if spec is None or spec.kind not in allowed:
                raise RuleError(
                    f"{column!r}: only area, status_prev, boolean, district and commune "
                    "columns take a code list",
                    "rule_code_list",
                    column=column,
                )
            for code, value in codes.items():
                if value not in allowed[spec.kind]:
                    raise RuleError(
                        f"{column!r}: {code!r} -> {value!r} is not one of "
                        f"{', '.join(sorted(allowed[spec.kind]))}",
                        "rule_code_value",
                        column=column,
                        code=code,
                        value=value,
                        allowed=", ".join(sorted(allowed[spec.kind])),
                    )
        return values

    @model_validator(mode="after")
    def _boolean_columns(self) -> ColumnMapping:
        for column in self.booleans.blank_means_false:
            if column not in COLUMN_SPECS or COLUMN_SPECS[column].kind != "bool":
                raise RuleError(
                    f"booleans.blank_means_false: {column!r} is not a boolean column",
                    "rule_not_boolean",
                    column=column,
                )
        return self

    def columns_it_words(self) -> frozenset[str]:
        """The columns (canonical names) whose cells this mapping's own words decide: a
        code list, yes/no words (every yes/no column), a blank that means no. A reader's
        typed read does not know them: these columns are read as text, the others typed."""
        booleans = {name for name, spec in COLUMN_SPECS.items() if spec.kind == "bool"}
        worded = set(self.values) | set(self.booleans.blank_means_false)
        return frozenset(worded | booleans if self.booleans.true or self.booleans.false else worded)

    def options(self, *, show_values: bool = False) -> CensusOptions:
        value_maps = {
            column: {
                code: ("t" if value == "true" else "f" if value == "false" else value)
                for code, value in codes.items()
            }
            for column, codes in self.values.items()
        }
        return CensusOptions(
            true_words=TRUE_WORDS + tuple(self.booleans.true),
            false_words=FALSE_WORDS + tuple(self.booleans.false),
            blank_means_false=frozenset(self.booleans.blank_means_false),
            value_maps=value_maps,
            show_values=show_values,
        )

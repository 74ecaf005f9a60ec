"""Reason codes for census cells that set a row aside (no pandas here: renderers import it)."""

from __future__ import annotations

from typing import Literal

Reason = Literal[
    "missing_value",
    "not_a_number",
    "not_an_integer",
    "out_of_range",
    "invalid_boolean",
    "invalid_area",
    "invalid_status",
    "count_exceeds_total",
    "duplicate_id",
    "id_shortened",
    "ambiguous_number",
    "wrong_field_count",
    "invalid_value",
    "excel_error",
]
REASONS: dict[str, str] = {
    "missing_value": "a required cell is blank",
    "not_a_number": "a number column holds text",
    "not_an_integer": "an integer column holds a fraction",
    "out_of_range": "a number outside the column's range (negative income, 0 members, ...)",
    "invalid_boolean": "not one of true/false, 1/0, yes/no, có/không",
    "invalid_area": "area is not rural/urban (nông thôn/thành thị)",
    "invalid_status": "status_prev is not poor/near_poor/middle/non_poor or blank",
    "count_exceeds_total": "a count is larger than the total it is part of",
    "duplicate_id": "household_id already seen on an earlier row (the first is kept)",
    "id_shortened": "household_id shortened by Excel (2.40123E+11): its figures are lost",
    "ambiguous_number": "1.500 or 1,500 in an integer column: thousands or decimals? (write 1500)",
    "wrong_field_count": "the row has more or fewer fields than the header",
    "invalid_value": "text cell holding a control character (NUL, ...)",
    "excel_error": "the cell shows an Excel error (#N/A, #DIV/0!, ...): a formula that failed",
}

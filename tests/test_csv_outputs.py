"""Every CSV gnbv writes (rejects, lists, classes) reads back as the cells it holds: a
spreadsheet or a program splits it into the same rows and cells, whatever the cells say
(commas, quotes, line breaks, Vietnamese), formulas defused."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from gnbv.io.writers import FORMULA_STARTS, csv_text
from tests.conftest import PLAN_2024, household, write_census

CELL = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from(list("ab Đồ,;\"'\r\n\t=+-@.0123")), max_size=8),
)


def _as_read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _defused(cell: str | None) -> str:
    if cell is None:
        return ""
    if (
        cell.startswith(FORMULA_STARTS)
        and not pd.Series([cell]).str.fullmatch(r"[-+]\d+(\.\d+)?").iloc[0]
    ):
        return "'" + cell
    return cell


@settings(max_examples=200, deadline=None)
@given(
    rows=st.integers(min_value=0, max_value=6).flatmap(
        lambda width: st.lists(st.lists(CELL, min_size=width + 1, max_size=width + 1), max_size=6)
    ),
    line_end=st.sampled_from(["\n", "\r\n"]),
    dtype=st.sampled_from(["object", "string", "category"]),
)
def test_a_table_written_reads_back_cell_for_cell(
    rows: list[list[str | None]], line_end: str, dtype: str
) -> None:
    """Whichever pandas type holds the text: Python objects, pandas strings, categories (a
    one-column table of categories wrote its missing cells as empty lines, no row to a
    reader)."""
    width = len(rows[0]) if rows else 2
    names = [f"cột {number}" for number in range(width)]
    frame = pd.DataFrame(rows, columns=names, dtype="object").astype(dtype)
    read = _as_read(csv_text(frame, line_end=line_end))
    assert read[0] == names
    assert read[1:] == [[_defused(cell) for cell in row] for row in rows]


def test_a_rejected_cell_holding_a_lone_carriage_return_stays_one_row(
    cli: Any, tmp_path: Path
) -> None:
    """An area typed "Miền⏎núi" (no area the standard knows) with an old Mac's line break in
    the cell: the row is set aside, and the rejects file holds it as one row (the break no
    longer splits it)."""
    path = write_census(
        tmp_path / "census_area_with_a_carriage_return.csv",
        [household("A1"), household("A2", area="Miền\rnúi"), household("A3")],
    )
    rejects = tmp_path / "rejects.csv"
    cli("check", path, "--plan", PLAN_2024, "--rejects", rejects, "--exit-zero", "--lang", "en")
    read = _as_read(rejects.read_bytes().decode("utf-8-sig"))
    assert len(read) == 2
    assert "Miền\rnúi" in read[1]

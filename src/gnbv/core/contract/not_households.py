"""Rows of a census that are not households, skipped and reported rather than set aside:
a form's totals row ("Tổng cộng" written as an id, a district or a commune;
:func:`totals_row_expression`), the header of another file joined under the first
(:func:`repeated_header_rows`), and a row that holds no household's data
(:func:`rows_without_household`: a signature block under the table, a group heading, a
template's blank numbered row, the empty rows Excel saves after a formatted table). A new kind
of row a form holds besides its households is recognised here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

from gnbv.core.contract.columns import COLUMN_SPECS, SUBTOTAL_LABEL, TOTALS_WORDS
from gnbv.core.contract.headers import header_lookup, normalise_header

_TOTALS_COLUMNS = ("household_id", "district", "commune")


LABEL_HEADERS = frozenset(
    {"stt", "tt", "số tt", "số thứ tự", "họ và tên chủ hộ", "họ tên chủ hộ", "tên chủ hộ",
     "chủ hộ", "họ và tên", "họ tên"}
)  # fmt: skip
"""Headers (normalised) of the columns a form writes a totals row's label in, beside its
blank id: the row's number and the head's name ("Cộng thôn Đồng" under "Họ và tên chủ
hộ", often merged over STT)."""


def says_totals(cell: pl.Expr) -> pl.Expr:
    """True where a cell labels a totals row (:data:`TOTALS_WORDS`) or a subtotal
    (:data:`SUBTOTAL_LABEL`); null where it is blank."""
    text = cell.cast(pl.String).str.normalize("NFC").str.strip_chars().str.to_lowercase()
    label = text.str.strip_chars_end(":")
    return label.is_in(list(TOTALS_WORDS)) | label.str.contains(SUBTOTAL_LABEL)


def totals_row_expression(columns: Iterable[str]) -> pl.Expr:
    """True on a totals or subtotal row (:func:`says_totals`), from the columns the census has
    of those a label is written in."""
    present = [name for name in _TOTALS_COLUMNS if name in set(columns)]
    said = [says_totals(pl.col(name)) for name in present]
    return pl.any_horizontal(pl.lit(False), *said).fill_null(False)


def totals_label_as_id(id_column: str, beside: Sequence[str]) -> pl.Expr:
    """The id column, with a totals or subtotal row's label where the id is blank and the
    label is written beside it, in a column the census does not read ("Cộng thôn Đồng" in
    STT or the head's name, often merged over both in the workbook the file was saved
    from): there :func:`totals_row_expression` sees a totals row, not a household without
    an id. A head's name is no label. The other rows' cells beside the id are not looked at
    (cheap)."""
    blank = pl.col(id_column).cast(pl.String).str.strip_chars().eq("").fill_null(True)
    cells = [pl.when(blank).then(pl.col(name).cast(pl.String)) for name in beside]
    labels = [pl.when(says_totals(cell)).then(cell.str.strip_chars()) for cell in cells]
    return pl.coalesce(*labels, pl.col(id_column))


def with_totals_labels_as_ids(table: pa.Table, beside: Sequence[str]) -> pa.Table:
    """A reader's batch with the columns ``beside`` the id (read as text) judged by
    :func:`totals_label_as_id`, then dropped."""
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    labelled = frame.with_columns(totals_label_as_id("household_id", beside).alias("household_id"))
    return labelled.drop(beside).to_arrow()


def totals_label_spellings() -> list[str]:
    """The usual ways a totals row's id cell is written ("Tổng cộng", "TỔNG CỘNG:", …): a
    query over millions of rows looks these up as they are (cheap) and leaves any other
    writing to the full rules (:func:`totals_row_expression`)."""
    cells: dict[str, None] = {}
    for word in TOTALS_WORDS:
        for form in (word, word.upper(), word.capitalize(), word.title()):
            cells[form] = None
            cells[form + ":"] = None
    return list(cells)


def totals_rows(table: pa.Table) -> np.ndarray:
    """Where a batch's row is a totals row (set aside as skipped, not a household)."""
    present = [name for name in _TOTALS_COLUMNS if name in table.column_names]
    if not present or not table.num_rows:
        return np.zeros(table.num_rows, dtype=bool)
    frame = pl.from_arrow(table.select(present))
    assert isinstance(frame, pl.DataFrame)
    totals = np.zeros(table.num_rows, dtype=bool)
    for name in present:
        column = frame.get_column(name).cast(pl.String)
        # The rule (NFC, trimmed, any case) is applied to each distinct cell once, and not to
        # cells of printable ASCII without "total" (most ids), which cannot be a label.
        cells = (
            column.unique()
            .to_frame(name)
            .filter(
                ~pl.col(name).str.contains(r"^[\x21-\x7e]*$")
                | pl.col(name).str.to_lowercase().str.contains("total", literal=True)
            )
        )
        labels = cells.filter(totals_row_expression([name])).to_series()
        if len(labels):
            totals |= column.is_in(labels.implode()).fill_null(False).to_numpy()
    return totals


COLUMN_NUMBER = r"^\(\d{1,2}\)$"
"""A form's column number, "(1)", "(2)", in the row under its header: in brackets, a cell
of its own; a bare "7" is one only in a whole row of them (:data:`ANY_COLUMN_NUMBER`), as
inside the table a bare number is a count."""
ANY_COLUMN_NUMBER = r"^\(?\d{1,2}\)?$"
"""A column number written bare ("7") or in brackets ("(7)")."""
NOT_A_YES_NO_WORD = r"^(?:[2-9]|[1-9]\d)$"
"""A bare number a yes/no cell never means (1 and 0 are yes and no): in a yes/no column, a
column number repeated inside the file, no word of the column."""
_UP_TO_TWO_DIGITS = [str(n) for n in range(10)] + [f"{n:02d}" for n in range(100)]
NUMBERS_IN_A_YES_NO_COLUMN = [
    cell
    for cell in [*_UP_TO_TWO_DIGITS, *(f"({digits})" for digits in _UP_TO_TWO_DIGITS)]
    if re.search(COLUMN_NUMBER, cell) or re.search(NOT_A_YES_NO_WORD, cell)
]
"""The cells :data:`COLUMN_NUMBER` and :data:`NOT_A_YES_NO_WORD` match, listed: looking every
cell of the twenty-odd yes/no columns up in a list is eight times cheaper than a pattern."""


def _as_header(name: str) -> pl.Expr:
    """A column's cells as a header is compared
    (:func:`gnbv.core.contract.headers.normalise_header`,
    in polars): NFC, trimmed, in lower case, runs of spaces as one."""
    text = pl.col(name).cast(pl.String).str.normalize("NFC").str.strip_chars()
    return text.str.to_lowercase().str.replace_all(r"\s+", " ")


def repeated_header_rows(
    table: pa.Table, header_texts: Mapping[str, Sequence[str]] | None = None
) -> np.ndarray:
    """Where a batch's row repeats the census's header: communes' files joined one under
    another, each with its header (one row or two) and its row of column numbers ("(1)",
    "(2)", …). Such a row has no household id written with a figure, and its cells name
    their own column (by a header the contract accepts, or the file's own: ``header_texts``,
    by canonical name) or number it in brackets: the id's and another, or,
    under a header whose id is merged down (blank), two others."""
    present = [name for name in table.column_names if name in COLUMN_SPECS]
    size = table.num_rows
    if "household_id" not in present or len(present) < 3 or not size:
        return np.zeros(size, dtype=bool)
    ids = pl.Series(table.column("household_id")).cast(pl.String)
    # An id is written with a figure; a header's cell, a column number or a blank is looked at.
    candidates = np.flatnonzero(
        (~ids.str.contains(r"\d") | ids.str.strip_chars().str.contains(ANY_COLUMN_NUMBER))
        .fill_null(True)
        .to_numpy()
    )
    repeated = np.zeros(size, dtype=bool)
    if not len(candidates):
        return repeated
    cells = pl.from_arrow(table.select(present).take(candidates))
    assert isinstance(cells, pl.DataFrame)
    named = {}
    for name in present:
        own = (header_texts or {}).get(name, ())
        spellings = [
            normalise_header(text) for text in (name, *COLUMN_SPECS[name].vietnamese, *own)
        ]
        numbered = pl.col(name).cast(pl.String).str.strip_chars().str.contains(COLUMN_NUMBER)
        named[name] = (_as_header(name).is_in(spellings) | numbered).fill_null(False)
    others = pl.sum_horizontal(*(named[name] for name in present if name != "household_id"))
    blank_id = pl.col("household_id").cast(pl.String).str.strip_chars().fill_null("") == ""
    header = (named["household_id"] & (others >= 1)) | (blank_id & (others >= 2))
    repeated[candidates] = cells.select(header | _numbers_row(present)).to_series().to_numpy()
    return repeated


def _numbers_row(present: list[str]) -> pl.Expr:
    """A row of column numbers, bare or in brackets ("1", "2", … as forms number their
    columns): every census cell one, each different. No household's row is so: its twelve
    deprivations are yes, no or blank."""
    cells = [pl.col(name).cast(pl.String).str.strip_chars() for name in present]
    numbered = pl.all_horizontal(cell.str.contains(ANY_COLUMN_NUMBER) for cell in cells)
    different = pl.concat_list(cells).list.n_unique() == len(present)
    return (numbered & different).fill_null(False)


def header_in_another_order(table: pa.Table) -> tuple[int, str, str] | None:
    """The first row that repeats a header with its columns in another order (a file of
    another template joined under the first): its position in the batch, the column one of
    its cells names and the column that cell stands in. The rows under it would be read
    under the wrong columns (deprivations swapped, households classed wrong, without a
    word): the reader refuses the file. A row of a header is one without an id written with
    a figure whose cells name two census columns or more."""
    present = [name for name in table.column_names if name in COLUMN_SPECS]
    if "household_id" not in present or not table.num_rows:
        return None
    ids = pl.Series(table.column("household_id")).cast(pl.String)
    candidates = np.flatnonzero((~ids.str.contains(r"\d")).fill_null(False).to_numpy())
    if not len(candidates):
        return None
    lookup = header_lookup()
    cells = pl.from_arrow(table.select(present).take(candidates))
    assert isinstance(cells, pl.DataFrame)
    folded = cells.select(
        _as_header(name).replace_strict(lookup, default=None, return_dtype=pl.String)
        for name in present
    )
    named = folded.select(pl.sum_horizontal(pl.all().is_not_null())).to_series().to_numpy()
    for position in np.flatnonzero(named >= 2):
        row = folded.row(int(position), named=True)
        for column, header in row.items():
            if header is not None and header != column:
                return int(candidates[position]), header, column
    return None


WORDS_OF_AN_ID = 3
"""An id is a code of a few words at most ("BG0100231", "BG 01 0002"): a form's title with a
year in it ("DANH SÁCH HỘ GIA ĐÌNH RÀ SOÁT NĂM 2024") is no household's."""
A_DATE = r"\b\d{1,2}/\d{1,2}/\d{4}\b"
"""A date ("Ngày 15/11/2024" under a form's title) is no household's id."""
TEXTS_OF_A_NOTE = 2
"""Different texts a row without data may hold (a signature block's line: a title and a
name, one at each side)."""


def rows_without_household(table: pa.Table, typed: Mapping[str, pd.Series]) -> np.ndarray:
    """Where a batch's row holds no household (set aside as skipped, not a bad row): what a
    form has under its table (a place and date, "Người lập biểu", "(Ký, ghi rõ họ tên)", a
    signatory's name), a group's heading inside it ("Huyện Sơn Động"), a template's row
    numbered but not filled in.

    Such a row has no cell that a number, yes/no, area or status column takes (``typed``:
    the rules' values, null where a cell is not one), no household id as ids are written
    (a figure in a few words, not a date: "Người lập biểu" or a title with its year
    written under the id's column is a note, "BG0100231" alone a household whose data is
    missing), and at most two different texts in the
    census's columns (a cell merged over several columns repeats one). A household's row
    with its data missing has one of these, and stays a bad row.
    """
    size = table.num_rows
    names = [name for name in table.column_names if name in COLUMN_SPECS]
    household = np.zeros(size, dtype=bool)
    for name in names:  # a number, area or status has a value only where a cell is written
        if COLUMN_SPECS[name].kind in ("int", "area", "status") and name in typed:
            household |= typed[name].notna().to_numpy()
    candidates = np.flatnonzero(~household)  # few: most rows are households
    note = np.zeros(size, dtype=bool)
    if not len(candidates):
        return note
    cells = pl.from_arrow(table.select(names).take(candidates))
    assert isinstance(cells, pl.DataFrame)
    texts = cells.select(
        pl.col(name).cast(pl.String).str.strip_chars().replace("", None) for name in names
    )
    data = np.zeros(len(candidates), dtype=bool)
    for name in names:  # yes/no: a blank cell may mean no (ticks), a written one is data
        if COLUMN_SPECS[name].kind == "bool" and name in typed:
            written = texts.get_column(name).is_not_null().to_numpy()
            data |= written & typed[name].notna().to_numpy()[candidates]
    if "household_id" in names:
        ids = texts.get_column("household_id")
        coded = ids.str.contains(r"\d") & (ids.str.count_matches(r"\S+") <= WORDS_OF_AN_ID)
        data |= (coded & ~ids.str.contains(A_DATE)).fill_null(False).to_numpy()
    different = texts.select(pl.concat_list(pl.all()).list.drop_nulls().list.n_unique())
    note[candidates] = ~data & (different.to_series().to_numpy() <= TEXTS_OF_A_NOTE)
    return note

"""The census contract's rules (:mod:`gnbv.core.contract.columns`), vectorised: validation.

The reader hands over every cell as text under canonical column names; this module turns text
into typed columns and collects every bad cell as a *value* (row, household id, column, reason)
instead of stopping. A row with any bad cell is set aside; the rest go on to classification.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from gnbv.core.contract.columns import (
    COLUMN_SPECS,
    COLUMNS,
    FIRST_DATA_ROW,
    ColumnSpec,
    present_columns,
)
from gnbv.core.contract.not_households import (
    header_in_another_order,
    repeated_header_rows,
    rows_without_household,
    totals_rows,
)
from gnbv.core.contract.rules import (
    EXCEL_ERROR,
    EXCEL_SHORTENED_ID,
    Cells,
    CensusOptions,
    Verdicts,
    WordJudge,
    exceeds_total,
    id_cells,
    integer_cells,
    typed_boolean_cells,
    word_cells,
)
from gnbv.core.validation.ids import SeenIds, id_hashes


@dataclass
class CensusValidation:
    """The valid households, typed, and every problem found, as values."""

    valid: pd.DataFrame
    problems: pd.DataFrame
    """One row per bad cell: row, household_id, column, reason (no cell values: personal data)."""
    rows: int
    invalid_mask: np.ndarray
    """Over the rows that were read into columns (``unreadable`` rows are not among them)."""
    columns_present: list[str] = field(default_factory=list)
    row_numbers: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    unreadable: list[tuple[int, str]] = field(default_factory=list)
    header_in_another_order: tuple[int, str, str] | None = None
    """A row repeating a header with its columns in another order: its row number, the
    column its cell names and the column it stands in (the file cannot be read as one)."""
    skipped: list[tuple[int, str]] = field(default_factory=list)
    """Rows that are not households, nor problems: row number and why (``totals_row``, a
    form's "Tổng cộng"; ``repeated_header``, another file's header joined under the first;
    ``no_household``, :func:`gnbv.core.contract.not_households.rows_without_household`);
    reported."""

    @property
    def invalid_rows(self) -> int:
        return int(self.invalid_mask.sum()) + len(self.unreadable)

    @property
    def valid_rows(self) -> int:
        return self.rows - self.invalid_rows

    def invalid_by_reason(self) -> dict[str, int]:
        """Rows set aside per reason; a row with two reasons counts under each."""
        if self.problems.empty:
            return {}
        counts = self.problems.drop_duplicates(["row", "reason"])["reason"].value_counts()
        return {str(reason): int(count) for reason, count in sorted(counts.items())}


class Problems(Verdicts):
    """Every problem of a batch, as values: where, which column, why."""

    def discard(self, rows: np.ndarray) -> None:
        """Forget the problems of these rows (totals rows are not households)."""
        if rows.any():
            self.parts = [
                (index[~rows[index]], column, reason) for index, column, reason in self.parts
            ]
            self.bad &= ~rows

    def frame(
        self,
        household_ids: pd.Series,
        row_numbers: np.ndarray,
        unreadable: Sequence[tuple[int, str]],
        raw: pd.DataFrame | None,
    ) -> pd.DataFrame:
        columns = ["row", "household_id", "column", "reason"] + (
            ["value"] if raw is not None else []
        )
        parts = []
        for index, column, reason in self.parts:
            part = {
                "row": row_numbers[index],
                "household_id": household_ids.to_numpy()[index],
                "column": np.full(len(index), column, dtype=object),
                "reason": np.full(len(index), reason, dtype=object),
            }
            if raw is not None:
                part["value"] = raw[column].to_numpy()[index]
            parts.append(pd.DataFrame(part))
        if unreadable:
            part = {
                "row": np.array([row for row, _ in unreadable], dtype=np.int64),
                "household_id": np.full(len(unreadable), "", dtype=object),
                "column": np.full(len(unreadable), "", dtype=object),
                "reason": np.full(len(unreadable), "wrong_field_count", dtype=object),
            }
            if raw is not None:
                part["value"] = np.array([text for _, text in unreadable], dtype=object)
            parts.append(pd.DataFrame(part))
        if not parts:
            return pd.DataFrame(
                {name: pd.Series([], dtype="int64" if name == "row" else "str") for name in columns}
            )
        frame = pd.concat(parts, ignore_index=True)
        frame["row"] = frame["row"].astype("int64")
        for name in columns[1:]:
            frame[name] = frame[name].astype("str")
        return frame.sort_values(["row", "column"], kind="stable").reset_index(drop=True)


DICTIONARY_LIMIT = 200_000
"""Columns of words with at most this many distinct cells are judged once per distinct cell."""


def _arrow_text(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """One string array, trimmed, blank for null; typed columns (Parquet) become text."""
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if pa.types.is_dictionary(array.type):
        array = array.cast(array.type.value_type)
    if pa.types.is_boolean(array.type):
        array = pc.if_else(array, "true", "false")
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        array = pc.cast(array, pa.string())
    return pc.utf8_trim_whitespace(pc.fill_null(array, ""))


def _dictionary(column: pa.ChunkedArray | pa.Array) -> tuple[list[str], np.ndarray] | None:
    """Distinct trimmed cells and each row's index into them ("" for null)."""
    if isinstance(column, pa.ChunkedArray):
        if pa.types.is_dictionary(column.type):
            column = column.unify_dictionaries()
        column = column.combine_chunks()
    if pa.types.is_dictionary(column.type):
        encoded = column
    else:
        encoded = pc.dictionary_encode(_arrow_text(column))
    if len(encoded.dictionary) > DICTIONARY_LIMIT:
        return None
    values = [*pc.utf8_trim_whitespace(encoded.dictionary).to_pylist(), ""]
    indices = pc.fill_null(encoded.indices, len(values) - 1).to_numpy(zero_copy_only=False)
    return values, indices


def _words_column(
    column: pa.ChunkedArray, spec: ColumnSpec, problems: Problems, judge: WordJudge
) -> pd.Series:
    """A column of words judged once per distinct cell (all of them when there are many)."""
    found = _dictionary(column)
    if found is None:
        text = pd.Series(_arrow_text(column).to_pandas(), dtype="str")
        return word_cells(text, spec, problems, judge.options)
    cells, indices = found
    verdicts = judge.judge(cells, spec)
    for reason in dict.fromkeys(why for _, reasons in verdicts for why in reasons):
        flagged = np.array([reason in reasons for _, reasons in verdicts], dtype=bool)
        problems.add(flagged[indices], spec.name, reason)
    dtype = "boolean" if spec.kind == "bool" else "str"
    values = pd.Series([value for value, _ in verdicts], dtype=dtype)
    return values.take(indices).reset_index(drop=True)


_NULLABLE = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}.get


def _as_pandas(judged: pl.DataFrame) -> dict[str, pd.Series]:
    """Columns typed by the rules, as the valid frame holds them (nullable pandas types),
    converted together (a polars Series operation per column costs a query each)."""
    frame = judged.to_arrow().to_pandas(types_mapper=_NULLABLE)
    return {
        name: frame[name].astype("str") if judged.schema[name] == pl.String else frame[name]
        for name in judged.columns
    }


def _rules_by_row(
    table: pa.Table, present: list[ColumnSpec], required: list[str], options: CensusOptions
) -> tuple[dict[str, pa.Array], dict[str, Cells]]:
    """The columns judged row by row (integers, ids, yes/no the reader typed), as the query
    takes them, and the rule of each."""
    by_row: dict[str, pa.Array] = {}
    rules: dict[str, Cells] = {}
    for spec in present:
        column, must = table.column(spec.name), spec.name in required
        if spec.kind == "int":
            is_integer = pa.types.is_integer(column.type)
            by_row[spec.name] = column.combine_chunks() if is_integer else _arrow_text(column)
            dtype = pl.Int64() if is_integer else pl.String()
            separator = options.thousands.get(spec.name)
            with_unit = spec.name in options.units
            rules[spec.name] = integer_cells(spec, dtype, must, separator, with_unit)
        elif spec.kind == "id":
            by_row[spec.name] = _arrow_text(column)
            rules[spec.name] = id_cells(spec.name, must)
        elif spec.kind == "bool" and pa.types.is_boolean(column.type):
            by_row[spec.name] = column.combine_chunks()
            blank_means_false = spec.name in options.blank_means_false
            rules[spec.name] = typed_boolean_cells(spec.name, must, blank_means_false)
    return by_row, rules


def _judged_by_row(
    table: pa.Table,
    present: list[ColumnSpec],
    required: list[str],
    options: CensusOptions,
    problems: Problems,
) -> tuple[dict[str, pd.Series], pl.Series | None]:
    """Integers, ids and yes/no columns the reader typed, under the rules over every row,
    in one query: their typed values, and the ids as the rules write them."""
    by_row, rules = _rules_by_row(table, present, required, options)
    flags = {
        name: [f"{name}\0{number}" for number in range(len(cells.problems))]
        for name, cells in rules.items()
    }
    parts = [
        (spec.name, spec.total_of)
        for spec in present
        if spec.total_of in rules and spec.name in rules and spec.total_of is not None
    ]
    judged = (
        pl.DataFrame(by_row)
        .lazy()
        .with_columns(prepared for cells in rules.values() for prepared in cells.prepared)
        .select(
            *(cells.value.alias(name) for name, cells in rules.items()),
            *(
                flag.fill_null(False).alias(flags[name][number])
                for name, cells in rules.items()
                for number, (_, flag) in enumerate(cells.problems)
            ),
        )
        # A value is null where its cell has a problem: a part is compared with its total
        # only where both are good.
        .with_columns(
            pl.when(~pl.any_horizontal(False, *flags[name])).then(pl.col(name)).alias(name)
            for name in rules
            if COLUMN_SPECS[name].kind == "int"
        )
        .with_columns(
            exceeds_total(pl.col(part), pl.col(total)).alias(f"{part}\0>") for part, total in parts
        )
        .collect()
    )
    for name, cells in rules.items():
        for number, (reason, _) in enumerate(cells.problems):
            problems.add(judged.get_column(flags[name][number]).to_numpy(), name, reason)
        if f"{name}\0>" in judged.columns:
            exceeds = judged.get_column(f"{name}\0>").to_numpy()
            problems.add(exceeds, name, "count_exceeds_total")
    typed = _as_pandas(judged.select(list(rules)))
    ids = judged.get_column("household_id") if "household_id" in rules else None
    return typed, ids


def _not_households(
    table: pa.Table, typed: dict[str, pd.Series], options: CensusOptions
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows that are no household (:mod:`gnbv.core.contract.not_households`), each under one
    reason: totals rows, repeated headers, rows without a household's data."""
    totals = totals_rows(table)
    headers = repeated_header_rows(table, options.header_texts) & ~totals
    no_household = rows_without_household(table, typed) & ~totals & ~headers
    return totals, headers, no_household


def _valid_frame(
    typed: dict[str, pd.Series], kept: np.ndarray, required: list[str]
) -> pd.DataFrame:
    """The kept rows' typed values; a required column's without a missing value's type."""
    valid = pd.DataFrame(typed).loc[kept].reset_index(drop=True)
    for name in required:
        spec = COLUMN_SPECS[name]
        if spec.kind == "int":
            valid[name] = valid[name].astype("int64")
        elif spec.kind == "bool":
            valid[name] = valid[name].astype("bool")
    return valid


def _repeated(ids: pl.Series, seen: SeenIds | None) -> np.ndarray:
    """Rows whose id an earlier row kept, in this batch or (``seen``) an earlier one; the
    ids kept are added to ``seen``. An id Excel shortened stands for many households, and a
    formula's error (#N/A) for none: their rows repeat no household."""
    shortened = ids.str.contains(f"{EXCEL_SHORTENED_ID}|{EXCEL_ERROR}").fill_null(False)
    ids = ids.zip_with(~shortened, pl.repeat("", len(ids), eager=True))
    filled = (ids != "").to_numpy()
    duplicated: np.ndarray = ~ids.is_first_distinct().to_numpy() & filled
    if seen is not None:
        hashes = id_hashes(ids).to_numpy()
        duplicated |= seen.contains(hashes) & filled
        seen.add(hashes[filled & ~duplicated])
    return duplicated


def validate_census(
    raw: pd.DataFrame | pa.Table,
    required: list[str],
    *,
    row_numbers: np.ndarray | None = None,
    unreadable: Sequence[tuple[int, str]] = (),
    options: CensusOptions | None = None,
    seen: SeenIds | None = None,
    judge: WordJudge | None = None,
) -> CensusValidation:
    """Type and check a census; ``required`` are the columns that must be filled.

    ``raw`` holds canonical column names; cells are text ("" or null for blank), or typed
    values from a typed source (Parquet). Blank cells of optional columns mean unknown; in
    required columns they are ``missing_value``. ``row_numbers`` are the file's row numbers
    of ``raw``'s rows (default: 2, 3, ...); ``unreadable`` are rows the reader could not split
    into the header's fields (row number and the line, which goes only to the rejects file).
    ``seen`` holds the ids of earlier batches of the same file: a row repeating one of them is
    a ``duplicate_id``; the ids of this batch's kept rows are added to it. ``judge`` keeps
    the verdicts on word cells from batch to batch (made with the same ``options``).
    """
    options = options or CensusOptions()
    judge = judge or WordJudge(options)
    table = raw if isinstance(raw, pa.Table) else pa.Table.from_pandas(raw, preserve_index=False)
    size = table.num_rows
    numbers = (
        np.arange(size, dtype=np.int64) + FIRST_DATA_ROW
        if row_numbers is None
        else np.asarray(row_numbers, dtype=np.int64)
    )
    problems = Problems(size)
    present = [spec for spec in COLUMNS if spec.name in table.column_names]
    typed, ids = _judged_by_row(table, present, required, options, problems)
    for spec in present:
        if spec.name not in typed:  # words: judged once per distinct cell
            spec = replace(spec, required=spec.name in required)
            typed[spec.name] = _words_column(table.column(spec.name), spec, problems, judge)
    if ids is not None:
        problems.add(_repeated(ids, seen), "household_id", "duplicate_id")
    totals, headers, no_household = _not_households(table, typed, options)
    misplaced = header_in_another_order(table)
    skipped = totals | headers | no_household
    problems.discard(skipped)
    valid = _valid_frame(typed, ~problems.bad & ~skipped, required)
    ids_for_problems = typed.get("household_id", pd.Series([""] * size, dtype="str"))
    shown = _cells_as_written(table, present) if options.show_values else None
    return CensusValidation(
        valid=valid,
        problems=problems.frame(ids_for_problems, numbers, unreadable, shown),
        rows=size - int(skipped.sum()) + len(unreadable),
        invalid_mask=problems.bad,
        columns_present=present_columns(table.column_names),
        row_numbers=numbers,
        unreadable=list(unreadable),
        header_in_another_order=(
            (int(numbers[misplaced[0]]), *misplaced[1:]) if misplaced is not None else None
        ),
        skipped=_skipped_rows(
            numbers, totals_row=totals, repeated_header=headers, no_household=no_household
        ),
    )


def _cells_as_written(table: pa.Table, present: list[ColumnSpec]) -> pd.DataFrame:
    """The batch's cells as text, for a problem's value (``--show-values``)."""
    return pd.DataFrame(
        {spec.name: _arrow_text(table.column(spec.name)).to_pandas() for spec in present}
    )


def _skipped_rows(numbers: np.ndarray, **rows_by_reason: np.ndarray) -> list[tuple[int, str]]:
    """The rows that are not households (a mask of the batch's rows for each reason), by
    their numbers in the file."""
    return sorted(
        (int(number), reason) for reason, mask in rows_by_reason.items() for number in numbers[mask]
    )

"""The census contract's rules (:mod:`gnbv.core.contract`), vectorised: validation.

The reader hands over every cell as text under canonical column names; this module turns text
into typed columns and collects every bad cell as a *value* (row, household id, column, reason)
instead of stopping. A row with any bad cell is set aside; the rest go on to classification.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from gnbv.core.contract import (
    AREA_WORDS,
    COLUMN_SPECS,
    COLUMNS,
    FALSE_WORDS,
    FIRST_DATA_ROW,
    STATUS_WORDS,
    TOTALS_WORDS,
    TRUE_WORDS,
    ColumnSpec,
    normalise_header,
    normalise_names,
    present_columns,
)
from gnbv.core.reasons import Reason


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
    skipped: list[int] = field(default_factory=list)
    """Row numbers of totals rows ("Tổng cộng"): not households, not problems; reported."""

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


class Problems:
    def __init__(self, size: int) -> None:
        self.size = size
        self.parts: list[tuple[np.ndarray, str, Reason]] = []
        self.bad = np.zeros(size, dtype=bool)

    def add(self, mask: np.ndarray | pd.Series, column: str, reason: Reason) -> None:
        array = np.asarray(mask, dtype=bool)
        if array.any():
            self.parts.append((np.flatnonzero(array), column, reason))
            self.bad |= array

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


@dataclass(frozen=True)
class CensusOptions:
    """How a district writes its cells, from the user's column mapping (``--columns``)."""

    true_words: tuple[str, ...] = TRUE_WORDS
    false_words: tuple[str, ...] = FALSE_WORDS
    blank_means_false: frozenset[str] = frozenset()
    """Boolean columns where a blank cell means false ("x" or blank forms)."""
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per column, the district's own codes -> canonical values (``{"area": {"NT": "rural"}}``)."""
    show_values: bool = False
    """Put cell contents in the problems list (personal data: off unless asked)."""
    thousands: dict[str, str] = field(default_factory=dict)
    """Integer columns whose thousands separator is known from the whole column ("." or
    ","; :mod:`gnbv.core.conventions`): there "950.000" is 950000, not ambiguous."""


# Integer cells in Vietnamese style: "1.500.000", "1 500 000", "1,500,000" are 1500000 (groups
# of three with one separator used throughout). One "." or "," before exactly three digits
# ("1.500") is thousands in Vietnamese and decimals in English: reported, never guessed.
_GROUPED = r"\d{1,3}([.,\u00a0 ])\d{3}(?:\1\d{3})+|\d{1,3}[\u00a0 ]\d{3}"
_AMBIGUOUS = r"\d{1,3}[.,]\d{3}"
_DECIMAL_COMMA = r"-?\d+,\d+"


def thousands_pattern(separator: str, groups: int = 1) -> str:
    """Groups of three after a first group of one to three digits, with a column's known
    thousands separator ("950.000", "5.650.000"); at least ``groups`` of them (two: the
    rules read "5.650.000" so whatever the column, ``_GROUPED``)."""
    return rf"[1-9]\d{{0,2}}(?:\{separator}\d{{3}}){{{groups},}}"


def _parse_int(
    text: pd.Series, spec: ColumnSpec, problems: Problems, separator: str | None = None
) -> pd.Series:
    blank = (text == "").to_numpy()
    ambiguous = text.str.fullmatch(_AMBIGUOUS).to_numpy(dtype=bool)
    grouped = text.str.fullmatch(_GROUPED).to_numpy(dtype=bool)
    if separator is not None:  # the column's convention settles "950.000"
        grouped = grouped | text.str.fullmatch(thousands_pattern(separator)).to_numpy(dtype=bool)
        ambiguous = ambiguous & ~grouped
    cleaned = text.where(~grouped, text.str.replace(r"[.,\u00a0 ]", "", regex=True))
    decimal_comma = cleaned.str.fullmatch(_DECIMAL_COMMA).to_numpy(dtype=bool) & ~ambiguous
    cleaned = cleaned.where(~decimal_comma, cleaned.str.replace(",", ".", regex=False))
    number = pd.to_numeric(cleaned.where(~blank & ~ambiguous), errors="coerce")
    problems.add(ambiguous, spec.name, "ambiguous_number")
    not_number = ~blank & ~ambiguous & number.isna().to_numpy()
    problems.add(not_number, spec.name, "not_a_number")
    finite = np.isfinite(number.to_numpy(dtype=float, na_value=np.nan))
    fraction = finite & (number % 1 != 0).fillna(False).to_numpy(dtype=bool)
    problems.add(fraction, spec.name, "not_an_integer")
    outside = ~finite & ~number.isna().to_numpy()
    if spec.minimum is not None:
        outside |= (number < spec.minimum).fillna(False).to_numpy(dtype=bool)
    if spec.maximum is not None:
        outside |= (number > spec.maximum).fillna(False).to_numpy(dtype=bool)
    problems.add(outside, spec.name, "out_of_range")
    ok = ~(not_number | fraction | outside | ambiguous) & ~blank
    result = pd.Series(pd.array([pd.NA] * len(text), dtype="Int64"), index=text.index)
    result[ok] = number[ok].astype("int64")
    if spec.required:
        problems.add(blank, spec.name, "missing_value")
    return result


def _words(mapping: dict[str, str]) -> dict[str, str]:
    return {normalise_header(key): value for key, value in mapping.items()}


def _parse_choice(
    text: pd.Series,
    words: dict[str, str],
    spec: ColumnSpec,
    problems: Problems,
    reason: Reason,
) -> pd.Series:
    folded = normalise_names(text).str.casefold()
    blank = (text == "").to_numpy()
    mapped = folded.map(words)
    problems.add(~blank & mapped.isna().to_numpy(), spec.name, reason)
    if spec.required:
        problems.add(blank, spec.name, "missing_value")
    return mapped


def _parse_bool(
    text: pd.Series, spec: ColumnSpec, problems: Problems, options: CensusOptions
) -> pd.Series:
    words = _words(dict.fromkeys(options.true_words, "t") | dict.fromkeys(options.false_words, "f"))
    words |= _words(options.value_maps.get(spec.name, {}))
    if spec.name in options.blank_means_false:
        text = text.where(text != "", "\0false")
        words["\0false"] = "f"
    mapped = _parse_choice(text, words, spec, problems, "invalid_boolean")
    return mapped.map({"t": True, "f": False, "true": True, "false": False}).astype("boolean")


_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_CONTROL_RE2 = r"[\x{00}-\x{08}\x{0b}\x{0c}\x{0e}-\x{1f}\x{7f}]"
DICTIONARY_LIMIT = 200_000
"""Columns with at most this many distinct cells are parsed once per distinct cell."""


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


def parse_column(
    text: pd.Series, spec: ColumnSpec, problems: Problems, options: CensusOptions
) -> pd.Series:
    """The typed values of one column of text cells (the rules of the census contract)."""
    value_map = _words(options.value_maps.get(spec.name, {}))
    if spec.kind in ("id", "text"):
        problems.add(
            text.str.contains(_CONTROL, regex=True).to_numpy(dtype=bool), spec.name, "invalid_value"
        )
        text = normalise_names(text)
        if value_map:  # a district's own codes for its units (--columns values:)
            folded = text.str.casefold().map(value_map)
            text = folded.where(folded.notna(), text).astype(text.dtype)
        if spec.required:
            problems.add((text == "").to_numpy(), spec.name, "missing_value")
        return text
    if spec.kind == "area":
        return _parse_choice(text, _words(AREA_WORDS) | value_map, spec, problems, "invalid_area")
    if spec.kind == "status":
        return _parse_choice(
            text, _words(STATUS_WORDS) | value_map, spec, problems, "invalid_status"
        )
    if spec.kind == "int":
        return _parse_int(text, spec, problems, options.thousands.get(spec.name))
    return _parse_bool(text, spec, problems, options)


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


def _parse_by_dictionary(
    column: pa.ChunkedArray | pa.Array,
    spec: ColumnSpec,
    problems: Problems,
    options: CensusOptions,
) -> pd.Series | None:
    """Parse each distinct cell once and broadcast; None when there are too many distinct cells."""
    found = _dictionary(column)
    if found is None:
        return None
    values, indices = found
    distinct = pd.Series(values, dtype="str")
    local = Problems(len(distinct))
    parsed = parse_column(distinct, spec, local, options)
    for index, name, reason in local.parts:
        flagged = np.zeros(len(distinct), dtype=bool)
        flagged[index] = True
        problems.add(flagged[indices], name, reason)
    return parsed.take(indices).reset_index(drop=True)


def _parse_ids(array: pa.Array, spec: ColumnSpec, problems: Problems) -> pd.Series:
    """Household ids (all distinct): Arrow kernels instead of a Python call per cell."""
    problems.add(
        pc.match_substring_regex(array, _CONTROL_RE2).to_numpy(zero_copy_only=False),
        spec.name,
        "invalid_value",
    )
    if not pc.all(pc.string_is_ascii(array)).as_py():
        array = pc.utf8_normalize(array, form="NFC")
    if pc.any(pc.match_substring_regex(array, r"\s\s|[\t\n\r\x{0b}\x{0c}]")).as_py():
        array = pc.replace_substring_regex(array, pattern=r"\s+", replacement=" ")
    text = pd.Series(array.to_pandas(), dtype="str")
    if spec.required:
        problems.add((text == "").to_numpy(), spec.name, "missing_value")
    return text


def _typed_ints(column: pa.ChunkedArray, spec: ColumnSpec, problems: Problems) -> pd.Series:
    """An integer column that the reader already typed (null = blank)."""
    array = pc.cast(column.combine_chunks(), pa.int64())
    blank = array.is_null().to_numpy(zero_copy_only=False)
    values = pc.fill_null(array, 0).to_numpy(zero_copy_only=False)
    outside = np.zeros(len(values), dtype=bool)
    if spec.minimum is not None:
        outside |= ~blank & (values < spec.minimum)
    if spec.maximum is not None:
        outside |= ~blank & (values > spec.maximum)
    problems.add(outside, spec.name, "out_of_range")
    if spec.required:
        problems.add(blank, spec.name, "missing_value")
    return pd.Series(pd.arrays.IntegerArray(values, blank | outside))


def _typed_bools(
    column: pa.ChunkedArray, spec: ColumnSpec, problems: Problems, options: CensusOptions
) -> pd.Series:
    """A boolean column that the reader already typed (null = blank)."""
    array = column.combine_chunks()
    blank = array.is_null().to_numpy(zero_copy_only=False)
    values = pc.fill_null(array, False).to_numpy(zero_copy_only=False)
    if spec.name in options.blank_means_false:
        blank = np.zeros(len(values), dtype=bool)
    elif spec.required:
        problems.add(blank, spec.name, "missing_value")
    return pd.Series(pd.arrays.BooleanArray(values, blank))


def _parse_large_ints(
    array: pa.Array, spec: ColumnSpec, problems: Problems, separator: str | None
) -> pd.Series:
    """Plain integers through Arrow; the few other cells through the full rules."""
    plain = pc.match_substring_regex(array, r"^-?[0-9]{1,15}$").to_numpy(zero_copy_only=False)
    values = pc.cast(pc.if_else(pa.array(plain), array, "0"), pa.int64()).to_numpy()
    result = pd.Series(pd.array(values, dtype="Int64"))
    rest = np.flatnonzero(~plain)
    if len(rest):
        local = Problems(len(rest))
        parsed = _parse_int(
            pd.Series(array.take(pa.array(rest)).to_pylist(), dtype="str"), spec, local, separator
        )
        result.iloc[rest] = parsed.to_numpy()
        for index, column, reason in local.parts:
            mask = np.zeros(len(result), dtype=bool)
            mask[rest[index]] = True
            problems.add(mask, column, reason)
    outside = np.zeros(len(result), dtype=bool)
    if spec.minimum is not None:
        outside |= plain & (values < spec.minimum)
    if spec.maximum is not None:
        outside |= plain & (values > spec.maximum)
    problems.add(outside, spec.name, "out_of_range")
    result[outside] = pd.NA
    return result


_ID_HASH_SEED = 20_240_215


def id_hashes(ids: pl.Series) -> pl.Series:
    """64-bit hashes of household ids; one function for every path (both lanes, both passes)."""
    return ids.to_frame("household_id").select(id_hash_expression()).to_series()


def id_hash_expression() -> pl.Expr:
    """:func:`id_hashes` of the ``household_id`` column, inside a query."""
    return pl.col("household_id").cast(pl.String).hash(seed=_ID_HASH_SEED)


class SeenIds(Protocol):
    """Where a batch learns which of its ids an earlier batch of the same file already had."""

    def contains(self, hashes: np.ndarray) -> np.ndarray: ...

    def add(self, hashes: np.ndarray) -> None:
        """The hashes of the batch's kept ids (the caller has removed those found)."""


class RecordedIds:
    """First pass: every kept id's hash is recorded; repeats are looked for once, at the end.

    Looking each batch up in all earlier ones costs more than the rest of the batch's checks;
    sorting the hashes once at the end costs little. 8 bytes a household (80 MB for 10
    million). Two different ids with the same 64-bit hash would be taken for a repeat: with
    30 million ids the chance is about 1 in 40,000.
    """

    def __init__(self) -> None:
        self.parts: list[np.ndarray] = []

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        return np.zeros(len(hashes), dtype=bool)  # answered by repeated(), after the last batch

    def add(self, hashes: np.ndarray) -> None:
        self.parts.append(np.asarray(hashes, dtype=np.uint64))

    def repeated(self) -> np.ndarray:
        """The sorted distinct hashes recorded more than once (usually none)."""
        if not self.parts:
            return np.zeros(0, dtype=np.uint64)
        # Moved part by part into one array, each part freed once copied: np.concatenate
        # would hold every hash twice at the peak (another 80 MB for 10 million).
        every = np.empty(sum(len(part) for part in self.parts), dtype=np.uint64)
        start = 0
        self.parts.reverse()
        while self.parts:
            part = self.parts.pop()
            every[start : start + len(part)] = part
            start += len(part)
        del part
        every.sort()
        twice = every[1:][every[1:] == every[:-1]]
        return np.unique(twice)


class KnownRepeats:
    """Second pass, when the first found repeated ids: only those are followed.

    A row is a ``duplicate_id`` when an earlier batch kept the same id; the first row with
    an id is kept, as within a batch.
    """

    def __init__(self, repeated: np.ndarray) -> None:
        self.repeated = np.sort(np.asarray(repeated, dtype=np.uint64))
        self.kept = np.zeros(0, dtype=np.uint64)

    def among_repeated(self, hashes: np.ndarray) -> np.ndarray:
        if not len(self.repeated):
            return np.zeros(len(hashes), dtype=bool)
        position = np.minimum(np.searchsorted(self.repeated, hashes), len(self.repeated) - 1)
        found: np.ndarray = self.repeated[position] == hashes
        return found

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        if not len(self.kept):
            return np.zeros(len(hashes), dtype=bool)
        return np.isin(hashes, self.kept)

    def add(self, hashes: np.ndarray) -> None:
        self.kept = np.union1d(self.kept, hashes[self.among_repeated(hashes)])


def validate_census(
    raw: pd.DataFrame | pa.Table,
    required: list[str],
    *,
    row_numbers: np.ndarray | None = None,
    unreadable: Sequence[tuple[int, str]] = (),
    options: CensusOptions | None = None,
    seen: SeenIds | None = None,
) -> CensusValidation:
    """Type and check a census; ``required`` are the columns that must be filled.

    ``raw`` holds canonical column names; cells are text ("" or null for blank), or typed
    values from a typed source (Parquet). Blank cells of optional columns mean unknown; in
    required columns they are ``missing_value``. ``row_numbers`` are the file's row numbers
    of ``raw``'s rows (default: 2, 3, ...); ``unreadable`` are rows the reader could not split
    into the header's fields (row number and the line, which goes only to the rejects file).
    ``seen`` holds the ids of earlier batches of the same file: a row repeating one of them is
    a ``duplicate_id``; the ids of this batch's kept rows are added to it.
    """
    options = options or CensusOptions()
    table = raw if isinstance(raw, pa.Table) else pa.Table.from_pandas(raw, preserve_index=False)
    size = table.num_rows
    numbers = (
        np.arange(size, dtype=np.int64) + FIRST_DATA_ROW
        if row_numbers is None
        else np.asarray(row_numbers, dtype=np.int64)
    )
    problems = Problems(size)
    typed: dict[str, pd.Series] = {}
    texts: dict[str, pa.Array] = {}
    present = [spec for spec in COLUMNS if spec.name in table.column_names]
    for spec in present:
        spec = replace(spec, required=spec.name in required)
        column = table.column(spec.name)
        if options.show_values:
            texts[spec.name] = _arrow_text(column)
        if spec.kind == "int" and pa.types.is_integer(column.type):
            typed[spec.name] = _typed_ints(column, spec, problems)
            continue
        if spec.kind == "bool" and pa.types.is_boolean(column.type):
            typed[spec.name] = _typed_bools(column, spec, problems, options)
            continue
        if spec.kind == "id":
            typed[spec.name] = _parse_ids(_arrow_text(column), spec, problems)
            continue
        parsed = _parse_by_dictionary(column, spec, problems, options)
        if parsed is None and spec.kind == "int":
            separator = options.thousands.get(spec.name)
            parsed = _parse_large_ints(_arrow_text(column), spec, problems, separator)
        elif parsed is None:
            parsed = parse_column(
                pd.Series(_arrow_text(column).to_pandas(), dtype="str"), spec, problems, options
            )
        typed[spec.name] = parsed
    for spec in present:
        if spec.total_of and spec.total_of in typed:
            exceeds = (typed[spec.name] > typed[spec.total_of]).fillna(False).to_numpy(dtype=bool)
            problems.add(exceeds, spec.name, "count_exceeds_total")
    if "household_id" in typed:
        ids = typed["household_id"]
        filled = (ids != "").to_numpy()
        duplicated = ids.duplicated(keep="first").to_numpy() & filled
        if seen is not None:
            hashes = id_hashes(pl.Series(ids.to_numpy(dtype=object), dtype=pl.String)).to_numpy()
            duplicated |= seen.contains(hashes) & filled
            seen.add(hashes[filled & ~duplicated])
        problems.add(duplicated, "household_id", "duplicate_id")
    totals = _totals_rows(table)
    problems.discard(totals)
    frame = pd.DataFrame(typed)
    valid = frame.loc[~problems.bad & ~totals].reset_index(drop=True)
    for name in required:
        spec = COLUMN_SPECS[name]
        if spec.kind == "int":
            valid[name] = valid[name].astype("int64")
        elif spec.kind == "bool":
            valid[name] = valid[name].astype("bool")
    ids_for_problems = typed.get("household_id", pd.Series([""] * size, dtype="str"))
    shown = (
        pd.DataFrame({name: texts[name].to_pandas() for name in texts})
        if options.show_values
        else None
    )
    return CensusValidation(
        valid=valid,
        problems=problems.frame(ids_for_problems, numbers, unreadable, shown),
        rows=size - int(totals.sum()) + len(unreadable),
        invalid_mask=problems.bad,
        columns_present=present_columns(table.column_names),
        row_numbers=numbers,
        unreadable=list(unreadable),
        skipped=[int(number) for number in numbers[totals]],
    )


_TOTALS_COLUMNS = ("household_id", "district", "commune")


def totals_row_expression(columns: Iterable[str]) -> pl.Expr:
    """True on a totals row (:data:`TOTALS_WORDS`), from the columns the census has."""
    present = [name for name in _TOTALS_COLUMNS if name in set(columns)]
    said = [
        pl.col(name)
        .cast(pl.String)
        .str.normalize("NFC")
        .str.strip_chars()
        .str.strip_chars_end(":")
        .str.to_lowercase()
        .is_in(list(TOTALS_WORDS))
        for name in present
    ]
    return pl.any_horizontal(pl.lit(False), *said).fill_null(False)


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


def _totals_rows(table: pa.Table) -> np.ndarray:
    present = [name for name in _TOTALS_COLUMNS if name in table.column_names]
    if not present or not table.num_rows:
        return np.zeros(table.num_rows, dtype=bool)
    frame = pl.from_arrow(table.select(present))
    assert isinstance(frame, pl.DataFrame)
    return frame.select(totals_row_expression(present)).to_series().to_numpy()


def rejects_table(raw: pd.DataFrame, validation: CensusValidation) -> pd.DataFrame:
    """The set-aside rows as they were read, with their row number and reasons.

    Rows that could not be split into fields keep their whole line in ``raw_line``.
    """
    problems = validation.problems
    labels = np.where(
        problems["column"] == "", problems["reason"], problems["column"] + ":" + problems["reason"]
    )
    reasons = pd.Series(labels, index=problems.index).groupby(problems["row"]).agg("; ".join)
    rows = raw.loc[validation.invalid_mask].copy()
    rows.insert(0, "row", validation.row_numbers[validation.invalid_mask])
    if validation.unreadable:
        lines = pd.DataFrame(
            {
                "row": [row for row, _ in validation.unreadable],
                "raw_line": [text for _, text in validation.unreadable],
            }
        )
        rows = pd.concat([rows, lines], ignore_index=True).sort_values("row", kind="stable")
    rows.insert(1, "reasons", rows["row"].map(reasons).fillna(""))
    return rows.reset_index(drop=True)

"""The fast lane: a batch whose every cell is clean goes straight to the sums, in polars.

Most batches of a real census have no bad cell at all. For those, the full validation of
:mod:`gnbv.core.census` (which types every cell and names every problem) is more work than
needed: it is enough to *prove* the batch clean and sum it. :class:`FastLane` does that with
multi-threaded polars expressions, one query per step, and refuses a batch as soon as one cell
is not certainly clean. The caller then runs the full validation on that batch, which finds
and names the problem: the rules live in one place, and the fast lane only accepts cells on
which the full rules agree.

How a cell is proven clean, column by column:

- booleans, area, status, district, commune (few distinct cells): the full rules run once per
  distinct cell of the whole file (remembered from batch to batch). The text columns that are
  keys of the cube (district, commune, area, status) are grouped on as they are, and their
  cells are typed on the grouped rows, a few thousand instead of every household; a batch
  whose ``area`` cells are not already the standard words is grouped again with them typed
  (the class depends on the area);
- integers: an integer already typed by the reader, or text that polars turns into an integer
  (digits with an optional sign: the full rules give the same number), then the ranges and
  "part of a total" checks;
- household ids: printable ASCII without spaces (in the one query, also single spaces inside
  and letters outside ASCII written in NFC): normalising changes nothing; no repeat inside
  the batch nor with an earlier batch.

The sums must equal ``build_cube(classified(validate_census(batch)))`` exactly; the tests
compare the two on every kind of file.

A plain UTF-8 CSV needs no batches at all: :meth:`FastLane.route` makes the same checks row by
row inside one polars query over the whole file, which sums the clean rows and hands over
the others (*suspect* rows: a bad cell, or one only the full rules read, such as an area
written "Thành thị") with their row numbers, as they come. Polars' streaming engine then
keeps both cores busy from the first byte to the last, and a bad cell costs one row, not a
batch. The key text cells are typed once, on the summed rows; if the full rules reject one
(a control character in a commune's name), the file is read again in batches.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

from gnbv.core.census import (
    CensusOptions,
    Problems,
    SeenIds,
    id_hash_expression,
    id_hashes,
    parse_column,
    thousands_pattern,
    totals_label_spellings,
    totals_row_expression,
)
from gnbv.core.classify import CLASS_DTYPE
from gnbv.core.contract import AREA_WORDS, COLUMNS, ColumnSpec, present_columns
from gnbv.core.cube import KEYS, Cube
from gnbv.core.measures import Blanks, class_code, measure_expressions
from gnbv.core.standards import Standard

_TEXT_KEYS = ("district", "commune", "area", "status_prev")
# Ids of printable ASCII without spaces, bytes 0x21 to 0x7E: NFC and space folding leave them
# as they are, and they hold no control character. Others (rare) take the full validation.
_FIRST_PLAIN_BYTE, _LAST_PLAIN_BYTE = 0x21, 0x7E
DISTINCT_LIMIT = 100_000
"""A column with more distinct cells than this is not "few distinct cells": full validation."""
_BAD = object()
"""The remembered parse of a cell the full rules reject."""
_SUMS_KEPT = 16
"""Partial sums gathered before they are added up (keeps memory flat)."""


class _NotClean(Exception):
    """A cell the fast lane cannot vouch for: the batch takes the full validation."""


class NotRoutable(Exception):
    """The census cannot be checked as one query (:meth:`FastLane.route`): read it in batches."""


TOTALS = totals_label_spellings()
_SUSPECT = "suspect row?"
"""A name no census column can have (they have no spaces)."""
_ID_NOT_AS_WRITTEN = r"[\x00-\x1f\x7f]|  |^ | $"
"""In an id, what the full rules might change or reject: a control character (rejected, or
a tab folded into a space), two spaces running (folded into one), a space at either end.
An id such as ``BG 01 0002`` or ``HĐ 0102`` is left as it is, in the query as by the rules,
if it is also NFC already (see :func:`_id_suspect`)."""
_DOTTED_THOUSANDS = f"^{thousands_pattern('.', groups=2)}$"
"""An integer written with dots between groups of three, in two groups or more: the full
rules read it as the number without the dots (``census._GROUPED``)."""


@dataclass
class Routing:
    """The queries of :meth:`FastLane.route`, to run together over one read of the file."""

    sums: pl.LazyFrame
    """The clean rows' sums by key, key text cells as written."""
    suspect: pl.LazyFrame
    """The other rows, every column as read: for the full validation."""
    hashes: pl.LazyFrame | None
    """The clean rows' id hashes (:func:`gnbv.core.census.id_hashes`)."""
    doubts: pl.LazyFrame
    """One row: the rows read (``rows``) and, under each warning's name, how many have it."""


def _regrouped(grouped: pl.DataFrame, typed_keys: dict[str, pl.Expr]) -> pl.DataFrame:
    """Sums with their key cells typed: typing may make two cells one ("Xã A" written two
    ways), and their groups are added up."""
    if not typed_keys:
        return grouped
    keys = [name for name in grouped.columns if name in KEYS]
    return grouped.with_columns(typed_keys.values()).group_by(keys).sum()


@dataclass
class _Choices:
    """The full rules' verdict on each distinct cell of one column seen so far."""

    spec: ColumnSpec
    parsed: dict[str, Any]

    def learn(self, cells: list[str], options: CensusOptions) -> None:
        new = [cell for cell in cells if cell not in self.parsed]
        if not new:
            return
        if len(self.parsed) + len(new) > DISTINCT_LIMIT:
            raise _NotClean
        problems = Problems(len(new))
        values = parse_column(pd.Series(new, dtype="str"), self.spec, problems, options)
        for index, (cell, value) in enumerate(zip(new, values.tolist(), strict=True)):
            if problems.bad[index]:
                self.parsed[cell] = _BAD
            elif pd.isna(value):
                self.parsed[cell] = None
            else:
                self.parsed[cell] = bool(value) if self.spec.kind == "bool" else str(value)

    def expression(self, cells: list[str], dtype: pl.DataType) -> pl.Expr | None:
        """The column's typed values (None: the column as it is); raises :class:`_NotClean`
        if a cell is rejected."""
        if any(self.parsed[cell] is _BAD for cell in cells):
            raise _NotClean
        column = pl.col(self.spec.name)
        if dtype == pl.Boolean:
            if self.parsed.get("true", True) is not True:
                raise _NotClean  # a mapping that turns "true" into something else
            if self.parsed.get("false", False) is not False:
                raise _NotClean
            # Only if the cells have blanks: a verdict on "" learnt earlier (maybe a
            # rejection) says nothing about a column without them.
            blank = self.parsed.get("") if "" in cells else None
            return None if blank is None else column.fill_null(blank)
        mapping = {cell: self.parsed[cell] for cell in cells}
        if all(cell == value for cell, value in mapping.items()):
            # Already canonical ("rural", "Bắc Giang"): nothing to compute.
            return None if dtype == pl.String else column.cast(pl.String)
        return_dtype = pl.Boolean if self.spec.kind == "bool" else pl.String
        return (
            column.cast(pl.String)
            .fill_null("")
            .replace_strict(list(mapping), list(mapping.values()), return_dtype=return_dtype)
        )


def _spellings(words: Iterable[str]) -> list[str]:
    """The usual ways a word is written: as given, lower case, upper case, capitalised."""
    cells: dict[str, None] = {}
    for word in words:
        for cell in (word, word.lower(), word.upper(), word.capitalize(), word.title()):
            cells[cell] = None
    return list(cells)


def _distinct_cells(values: list[Any]) -> list[str]:
    """Distinct cells as the full rules read them: text, "" for blank, "true"/"false"."""
    return [
        ""
        if value is None
        else ("true" if value else "false")
        if isinstance(value, bool)
        else str(value)
        for value in values
    ]


def _plain_ascii(joined: str) -> bool:
    """Whether every byte of the text is printable ASCII other than space."""
    if not joined.isascii():
        return False
    codes = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    # One comparison: bytes below the range wrap round to large values.
    return not bool(
        ((codes - np.uint8(_FIRST_PLAIN_BYTE)) > _LAST_PLAIN_BYTE - _FIRST_PLAIN_BYTE).any()
    )


def _id_suspect(ids: pl.Expr) -> pl.Expr:
    """Ids the full rules would change or reject (:data:`_ID_NOT_AS_WRITTEN`), and those
    outside ASCII that NFC would change (``Họ`` typed decomposed). NFC is computed only for
    the ids outside ASCII: on every id it would cost a second a 10 million rows."""
    outside_ascii = ids.str.len_bytes() != ids.str.len_chars()
    not_nfc = pl.when(outside_ascii).then(ids.str.normalize("NFC") != ids).otherwise(False)
    return ids.str.contains(_ID_NOT_AS_WRITTEN) | not_nfc


def _integer(name: str, dtype: pl.DataType) -> tuple[pl.Expr, pl.Expr | None]:
    """The typed values of an integer column, and (for text) its cells that did not convert."""
    column = pl.col(name)
    if dtype.is_integer():
        return column.cast(pl.Int64), None
    if dtype != pl.String:
        raise _NotClean
    text = pl.when(column == "").then(None).otherwise(column)
    values = text.cast(pl.Int64, strict=False)
    return values, (values.is_null() & text.is_not_null()).any()


class FastLane:
    """Sums of the clean batches of one census, and what it learnt of its distinct cells.

    :meth:`add` takes a batch (canonical column names) and returns False, recording nothing,
    when the batch needs the full validation. The ids of accepted batches go into ``seen``
    (shared with the full validation, so that a repeat across the two lanes is found).
    """

    def __init__(
        self,
        standard: Standard,
        required: list[str],
        options: CensusOptions,
        seen: SeenIds,
    ) -> None:
        self.standard = standard
        self.required = required
        self.options = options
        self.seen = seen
        self.choices: dict[str, _Choices] = {}
        self._verdicts: dict[tuple[Any, ...], dict[str, Any]] = {}
        self.sums: list[pl.DataFrame] = []
        self.rows = 0
        self.columns_present: list[str] = []
        self._with_blanks: set[str] = set()
        self._routed_columns: list[str] = []

    def _choices(self, spec: ColumnSpec) -> _Choices:
        if spec.name not in self.choices:
            required = replace(spec, required=spec.name in self.required)
            verdicts = self._verdicts.setdefault(self._rules_of(required), {})
            self.choices[spec.name] = _Choices(required, verdicts)
        return self.choices[spec.name]

    def _rules_of(self, spec: ColumnSpec) -> tuple[Any, ...]:
        """What the full rules' verdict on a cell depends on, beyond the cell.

        The twenty-odd boolean columns follow the same rules unless an option names one of
        them, so they share their verdicts: learning "true", "false" and "" once, not once
        per column, saves a tenth of a second at the start.
        """
        if spec.kind != "bool":
            return (spec.name,)
        value_map = self.options.value_maps.get(spec.name, {})
        blank_means_false = spec.name in self.options.blank_means_false
        return (spec.kind, spec.required, blank_means_false, tuple(sorted(value_map.items())))

    def add(self, frame: pl.DataFrame) -> bool:
        try:
            typed, hashes = self._typed(frame)
            sums = self._sums(typed)
        except _NotClean:
            return False
        if hashes is not None:
            values = hashes.to_numpy()
            in_order = np.sort(values)
            if (in_order[1:] == in_order[:-1]).any() or self.seen.contains(values).any():
                return False  # an id twice in the batch, or kept by an earlier one
            self.seen.add(values)
        self.columns_present = self.columns_present or present_columns(frame.columns)
        self.sums.append(sums)
        self.rows += frame.height
        if len(self.sums) >= _SUMS_KEPT:
            self.sums = [self._add_up(self.sums)]
        return True

    def _typed(self, frame: pl.DataFrame) -> tuple[pl.LazyFrame, pl.Series | None]:
        # frame.schema builds a new Schema each time (0.1 ms, 60 times a batch): once.
        schema = frame.schema
        specs = [spec for spec in COLUMNS if spec.name in schema]
        few = [spec for spec in specs if spec.kind in ("bool", "area", "status", "text")]
        typed: dict[str, pl.Expr] = {}
        checks: list[pl.Expr] = []
        integers: dict[str, pl.Expr] = {}
        for spec in specs:
            if spec.kind != "int":
                continue
            values, unconverted = _integer(spec.name, schema[spec.name])
            integers[spec.name] = values
            if schema[spec.name] != pl.Int64:
                typed[spec.name] = values.alias(spec.name)
            if unconverted is not None:
                checks.append(unconverted)
            if spec.name in self.required:
                checks.append(values.is_null().any())
            if spec.minimum is not None:
                checks.append((values < spec.minimum).any())
            if spec.maximum is not None:
                checks.append((values > spec.maximum).any())
        for spec in specs:
            if spec.kind == "int" and spec.total_of and spec.total_of in integers:
                checks.append((integers[spec.name] > integers[spec.total_of]).any())
        joined_ids: list[pl.Expr] = []
        if "household_id" in frame.columns:
            # A form's totals row is not a household: the full rules skip and report it.
            checks.append(totals_row_expression(schema.names()).any())
            ids = pl.col("household_id").cast(pl.String)
            checks += [
                ids.is_null().any(),
                (ids.str.len_bytes() == 0).any(),  # blank (text from Arrow's reader)
            ]
            # The batch's ids joined together are checked byte by byte below: much faster
            # than a pattern per id.
            joined_ids.append(ids.str.join("").alias("joined ids"))
        # Cells of typed booleans are true, false or blank: only the blanks need counting.
        booleans = [spec for spec in few if schema[spec.name] == pl.Boolean]
        # Key text columns are typed after grouping (see _sums); the others here.
        texts = [spec for spec in few if spec not in booleans and spec.name not in _TEXT_KEYS]
        # One query: the distinct cells of the few-valued columns and every check at once.
        found = frame.select(
            *(pl.col(spec.name).unique().implode() for spec in texts),
            *(pl.col(spec.name).null_count() for spec in booleans),
            *(values.null_count().alias(f"{name} blanks") for name, values in integers.items()),
            *joined_ids,
            pl.any_horizontal(False, *(check.fill_null(False) for check in checks)).alias("bad"),
        ).row(0)
        if found[-1] or (joined_ids and not _plain_ascii(found[-2])):
            raise _NotClean
        counts = found[len(texts) : len(texts) + len(booleans) + len(integers)]
        names = [spec.name for spec in booleans] + list(integers)
        self._with_blanks = {name for name, count in zip(names, counts, strict=True) if count}
        distinct_cells = [_distinct_cells(distinct) for distinct in found[: len(texts)]]
        distinct_cells += [
            ["true", "false", *([""] if blanks else [])]
            for blanks in found[len(texts) : len(texts) + len(booleans)]
        ]
        for spec, cells in zip([*texts, *booleans], distinct_cells, strict=True):
            choices = self._choices(spec)
            choices.learn(cells, self.options)
            if any(choices.parsed[cell] is None for cell in cells):
                self._with_blanks.add(spec.name)  # blank (unknown) after typing
            expression = choices.expression(cells, schema[spec.name])
            if expression is not None:
                typed[spec.name] = expression.alias(spec.name)
        hashes = None
        if "household_id" in frame.columns:
            hashes = id_hashes(frame.get_column("household_id"))
        lazy = frame.lazy()
        return (lazy.with_columns(typed.values()) if typed else lazy), hashes

    def _sums(self, typed: pl.LazyFrame) -> pl.DataFrame:
        columns = set(typed.collect_schema().names())
        keys = [key for key in KEYS if key in columns or key == "class"]
        # Columns without a blank in the batch need no blank handling: simpler sums.
        measures = measure_expressions(
            columns, self.standard.deprivation_columns, Blanks(self._with_blanks)
        )
        grouped = (
            typed.with_columns(class_code(self.standard))
            .group_by(keys)
            .agg(pl.len().cast(pl.Int64).alias("n"), *(measure.sum() for measure in measures))
            .collect()
        )
        typed_keys = self._typed_keys(grouped)
        if "area" in typed_keys:
            # The class was computed from the area cells as written: again, with them typed.
            return self._sums(typed.with_columns(typed_keys["area"]))
        return _regrouped(grouped, typed_keys)

    @staticmethod
    def _integers_row_by_row(
        name: str,
        dtype: pl.DataType,
        checks: list[pl.Expr],
        typed: list[pl.Expr],
        separator: str | None = None,
    ) -> pl.Expr:
        """An integer column's values in the one query (:func:`_integer` is the batch lane's,
        which judges a batch at once). Read as text (the file had a cell
        the typed read could not take, "nhiều", or "5.650.000"), a cell is typed here only if
        it is the plain decimal writing of its value ("7", not "07" or "1.500") or its
        thousands separated by dots ("5.650.000"): the rules read those alike; a row with any
        other cell is suspect, the full validation's."""
        column = pl.col(name)
        if dtype.is_integer():
            return column
        if dtype != pl.String:
            raise _NotClean
        written = column.fill_null("")
        plain = column.cast(pl.Int64, strict=False)
        # "5.650.000": thousands, as Vietnamese exports write them (two groups or more: the
        # rules read one group, "650.000", as ambiguous).
        # With the column's separator known (conventions), one group is thousands too.
        pattern = f"^{thousands_pattern(separator)}$" if separator else _DOTTED_THOUSANDS
        grouped = written.str.contains(pattern)
        values = (
            pl.when(grouped)
            .then(
                written.str.replace_all(separator or ".", "", literal=True).cast(
                    pl.Int64, strict=False
                )
            )
            .otherwise(plain)
        )
        as_written = (plain.cast(pl.String) == written) | (grouped & values.is_not_null())
        checks.append((written != "") & ~as_written.fill_null(False))
        typed.append(values.alias(name))
        return values

    def _accepted(
        self, spec: ColumnSpec, cells: list[str], values: Collection[Any]
    ) -> dict[str, Any]:
        """Of ``cells``, those the full rules read as one of ``values``, with that value."""
        choices = self._choices(spec)
        choices.learn([*cells, ""], self.options)
        return {
            cell: choices.parsed[cell]
            for cell in cells
            if choices.parsed[cell] is not _BAD and choices.parsed[cell] in values
        }

    def _typed_keys(self, grouped: pl.DataFrame) -> dict[str, pl.Expr]:
        """The key text cells of grouped rows, typed by the full rules (only those that
        change); raises :class:`_NotClean` if the rules reject one, or if one says a totals
        row ("Tổng cộng" as a district), which the full rules skip."""
        units = [name for name in ("district", "commune") if name in grouped.columns]
        if units and grouped.select(totals_row_expression(units).any()).item():
            raise _NotClean
        typed_keys: dict[str, pl.Expr] = {}
        for spec in [spec for spec in COLUMNS if spec.name in _TEXT_KEYS]:
            if spec.name not in grouped.columns:
                continue
            cells = _distinct_cells(grouped.get_column(spec.name).unique().to_list())
            choices = self._choices(spec)
            choices.learn(cells, self.options)
            expression = choices.expression(cells, grouped.schema[spec.name])
            if expression is not None:
                typed_keys[spec.name] = expression.alias(spec.name)
        return typed_keys

    def route(
        self,
        frame: pl.LazyFrame,
        warnings: list[str],
        repeated: np.ndarray | None = None,
        set_aside: Collection[str] = (),
    ) -> Routing:
        """The whole census as one query: clean rows summed, the others set apart.

        For a file read in one pass by polars' streaming engine (both cores busy all the
        way, no batch held in Python). Each row is checked as :meth:`add` checks a batch;
        a row it cannot vouch for is *suspect* and goes, with its row number, to the full
        validation. ``warnings`` are boolean columns of ``frame``, the reader's doubts about
        a row; they are counted (``doubts``: the reader settles them once the file is read)
        and kept in the suspect rows, but do not make a row suspect. The key text cells
        are typed on the summed rows (:meth:`add_summed`). Raises :class:`NotRoutable` when
        the options make the rules differ from what a query can check (then: :meth:`add`).

        ``repeated`` (second pass: the id hashes a first pass found more than once) makes the
        rows with one of those ids suspect too: the full validation, seeing them in file
        order, keeps the first and sets the others aside. ``set_aside`` are boolean columns
        of ``frame`` true on rows the reader knows are broken (short lines): suspect too.
        """
        try:
            return self._route(frame, warnings, repeated, set_aside)
        except _NotClean:
            raise NotRoutable from None

    def _route(
        self,
        frame: pl.LazyFrame,
        warnings: list[str],
        repeated: np.ndarray | None,
        set_aside: Collection[str],
    ) -> Routing:
        schema = frame.collect_schema()
        specs = [spec for spec in COLUMNS if spec.name in schema]
        self._routed_columns = [spec.name for spec in specs]
        checks: list[pl.Expr] = [pl.col(name) for name in set_aside]
        urban_cells = ["urban"]
        typed: list[pl.Expr] = []
        integers = {
            spec.name: self._integers_row_by_row(
                spec.name,
                schema[spec.name],
                checks,
                typed,
                self.options.thousands.get(spec.name),
            )
            for spec in specs
            if spec.kind == "int"
        }
        for spec in specs:
            column = pl.col(spec.name)
            required = spec.name in self.required
            if spec.kind == "int":
                values = integers[spec.name]
                if required:
                    checks.append(values.is_null())
                if spec.minimum is not None:
                    checks.append(values < spec.minimum)
                if spec.maximum is not None:
                    checks.append(values > spec.maximum)
                if spec.total_of and spec.total_of in integers:
                    checks.append(values > integers[spec.total_of])
            elif spec.kind == "bool" and schema[spec.name] == pl.String:
                # Written "có"/"không", "1"/"0", "x"...: the usual spellings of the words the
                # rules accept are typed here; a row with another cell is suspect.
                words = [
                    *self.options.true_words,
                    *self.options.false_words,
                    *self.options.value_maps.get(spec.name, {}),
                ]
                accepted = self._accepted(spec, _spellings(words), (True, False))
                text = column.fill_null("")
                blank = self._choices(spec).parsed[""]
                if blank is _BAD:
                    checks.append(text == "")
                checks.append(~text.is_in([*accepted, ""]))
                # On the rows kept every cell is blank or accepted: true if a yes word, else
                # false; a blank as the rules read it. (Not replace_strict: with it polars
                # 2.1 held about 400 MB more on a million rows, measured.)
                yes = [cell for cell, value in accepted.items() if value]
                blank_value = pl.lit(blank if isinstance(blank, bool) else None, pl.Boolean)
                typed.append(
                    pl.when(text == "")
                    .then(blank_value)
                    .otherwise(column.is_in(yes))
                    .alias(spec.name)
                )
            elif spec.kind == "bool":
                if schema[spec.name] != pl.Boolean:
                    raise _NotClean
                choices = self._choices(spec)
                choices.learn(["true", "false", ""], self.options)
                if choices.parsed[""] is _BAD:  # blank where the rules want a value
                    checks.append(column.is_null())
                    cells = ["true", "false"]
                else:
                    cells = ["true", "false", ""]
                expression = choices.expression(cells, pl.Boolean())
                if expression is not None:
                    typed.append(expression.alias(spec.name))
            elif spec.kind == "id":
                ids = column.cast(pl.String)
                # A totals row ("Tổng cộng") is the full rules' to skip; one written another
                # way in the id is suspect anyway (a space, NFC); one in the district or
                # commune is found on the summed keys (_typed_keys).
                checks += [ids.is_null(), ids.str.len_bytes() == 0, _id_suspect(ids)]
                checks.append(ids.is_in(TOTALS))
                if repeated is not None:
                    known = pl.Series(np.asarray(repeated, dtype=np.uint64), dtype=pl.UInt64)
                    checks.append(id_hash_expression().is_in(known.implode()))
            elif spec.kind == "area":
                # The areas as the standard names them and the usual spellings of their
                # Vietnamese names ("Thành thị"): the class reads them as they are written,
                # and the key cells are typed on the sums; a row with another cell (a typo)
                # is the full validation's.
                areas: list[str] = list(self.standard.income_lines)
                accepted = self._accepted(spec, _spellings([*areas, *AREA_WORDS]), areas)
                urban_cells = [cell for cell, area in accepted.items() if area == "urban"]
                checks.append(column.is_null() | ~column.is_in(list(accepted)))
            elif spec.name in _TEXT_KEYS:
                if required:  # blank: a data problem, found row by row
                    checks += [column.is_null(), column.str.len_bytes() == 0]
            else:
                raise _NotClean  # a text column this lane does not know
        suspect = pl.any_horizontal(False, *(check.fill_null(False) for check in checks))
        # Cached: the three queries share one read of the file (without it, polars reads
        # and parses the file once for each).
        marked = frame.with_columns(suspect.alias(_SUSPECT)).cache()
        clean = marked.filter(~pl.col(_SUSPECT))
        columns = {spec.name for spec in specs}
        keys = [key for key in KEYS if key in columns or key == "class"]
        blanks = Blanks({spec.name for spec in specs})  # any column may have blanks
        # Summed with the suspect rows as groups of their own, dropped afterwards: cheaper
        # than filtering every column of the file first (their sums are never read).
        sums = (
            marked.with_columns(typed)
            .with_columns(class_code(self.standard, tuple(urban_cells)))
            .group_by([*keys, _SUSPECT])
            .agg(
                pl.len().cast(pl.Int64).alias("n"),
                *(
                    measure.sum()
                    for measure in measure_expressions(
                        columns, self.standard.deprivation_columns, blanks
                    )
                ),
            )
        )
        hashes = clean.select(id_hash_expression()) if "household_id" in columns else None
        doubts = marked.select(
            pl.len().alias("rows"), *(pl.col(name).sum().alias(name) for name in warnings)
        )
        return Routing(sums, marked.filter(pl.col(_SUSPECT)).drop(_SUSPECT), hashes, doubts)

    def add_summed(self, sums: pl.DataFrame) -> bool:
        """Takes the sums of :meth:`route`; False (nothing recorded) if a key cell is one
        the full rules reject: the census must then be read batch by batch."""
        sums = sums.filter(~pl.col(_SUSPECT)).drop(_SUSPECT)
        try:
            typed_keys = self._typed_keys(sums)
        except _NotClean:
            return False
        self.columns_present = self._routed_columns
        if sums.height:
            self.sums.append(_regrouped(sums, typed_keys))
            self.rows += int(sums.get_column("n").sum())
        return True

    @staticmethod
    def _add_up(sums: list[pl.DataFrame]) -> pl.DataFrame:
        keys = [name for name in sums[0].columns if name in KEYS]
        return pl.concat(sums).group_by(keys).sum()

    def cube(self) -> Cube | None:
        """The sums of every accepted batch, as a cube (None if no batch was accepted)."""
        if not self.sums:
            return None
        sums = self._add_up(self.sums)
        frame = sums.to_pandas()
        for key in [name for name in frame.columns if name in KEYS]:
            if key == "class":
                codes = frame[key].to_numpy(dtype=np.int8)
                frame[key] = pd.Categorical.from_codes(codes, dtype=CLASS_DTYPE)
            elif key in _TEXT_KEYS:
                frame[key] = frame[key].astype("str")
            else:
                frame[key] = frame[key].astype("boolean")
        for name in frame.columns:
            if name not in KEYS:
                frame[name] = frame[name].astype("int64")
        return Cube(frame, set(self.columns_present), list(self.standard.deprivation_columns))

"""The census as one polars query: rows the rules accept are summed, the others handed over.

:meth:`CensusQuery.route` builds, over the rows of a whole file (or of a batch), the rules of
:mod:`gnbv.core.contract.rules` as expressions: a row where none fires is *clean* and summed by the
report's keys inside the query (polars' streaming engine keeps both cores busy from the first
byte to the last, and no row is held in Python); a row where one may fire is *suspect* and
goes, with its row number, to the full validation
(:func:`gnbv.core.validation.batch.validate_census`),
which names its problems and writes it to the rejects file. Suspect is not bad: the full
validation finds most suspect rows valid (an area written "Thành Thị") and sums them.

The query evaluates on every row what is cheap there and leaves the rest to the full
validation, which judges the same cells by the same rules:

- integers: the integer rule itself (:func:`gnbv.core.contract.rules.integer_cells`), ranges and
parts
  larger than their total;
- yes/no, area and start-of-period status: the usual spellings of the words are judged once
  by the words rule (:class:`gnbv.core.contract.rules.WordJudge`); a row with another cell is
  suspect;
- district, commune, area, status: summed as written, and the words rule types the key cells
  of the sums (a few thousand cells, not every row: :mod:`gnbv.core.validation.sums`). A key cell
  the
  rule rejects (a control character in a commune's name) makes the sums unusable;
- household ids: an id the id rule leaves as it is
(:func:`gnbv.core.contract.rules.id_left_as_written`)
  and not blank is clean;
- what only the whole file shows (ids repeated anywhere, found from the clean rows' hashes
  once the file is read; a key cell the rules reject) is followed in a second pass over the
  file, where the rows concerned are suspect (:class:`FollowUp`);
- a form's totals row is suspect (the full validation skips and reports it).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from gnbv.core.analysis.cube import KEYS
from gnbv.core.analysis.measures import Blanks, class_code, measure_expressions
from gnbv.core.contract.columns import (
    AREA_WORDS,
    COLUMNS,
    STATUS_WORDS,
    WORD_KINDS,
    ColumnSpec,
)
from gnbv.core.contract.not_households import totals_label_spellings
from gnbv.core.contract.rules import (
    as_excel_shows_it,
    exceeds_total,
    id_left_as_written,
    integer_cells,
)
from gnbv.core.contract.units import without_marks
from gnbv.core.validation.ids import id_hash_expression
from gnbv.core.validation.sums import BAD, SUSPECT, TEXT_KEYS, CleanSums, Rejected

TOTALS = totals_label_spellings()
WORD_CELLS_IN_A_BATCH = 1000
"""Distinct cells of a word column in a batch judged before it is summed, at most."""
_KIND_DTYPES: dict[str, pl.DataType] = {"int": pl.Int64(), "bool": pl.Boolean()}


@dataclass(frozen=True)
class FollowUp:
    """What a first pass over a whole file found, for a second pass to follow: the rows with
    these id hashes or key cells are suspect there, so that the full validation sees them."""

    repeated: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    """Hashes of ids in more than one row (:func:`gnbv.core.validation.ids.id_hashes`)."""
    key_cells: dict[str, list[str]] = field(default_factory=dict)
    """Per key column, cells as written that the rules reject (or a totals row's label)."""


@dataclass
class _RowPlan:
    """What :meth:`CensusQuery.route` builds, column by column."""

    checks: list[pl.Expr]
    """True on a row the query cannot vouch for (suspect)."""
    typed: list[pl.Expr] = field(default_factory=list)
    """The columns' values where the reader's are not yet typed."""
    integers: dict[str, pl.Expr] = field(default_factory=dict)
    prepared: list[pl.Expr] = field(default_factory=list)
    """Columns the checks and values read, added to the rows first (:attr:`Cells.prepared`)."""
    cells_seen: Mapping[str, Collection[str]] = field(default_factory=dict)
    """Cells of the word columns known before the rows are summed, by column."""
    urban_cells: list[str] = field(default_factory=lambda: ["urban"])
    """The area cells that mean urban, as written (the class is computed before typing)."""
    ids: pl.Expr = field(default_factory=lambda: pl.col("household_id"))
    """The ids as the query reads them, hashed to find repeated ids."""

    def padded(self, name: str) -> bool:
        """Whether a cell of the column seen before the read has a space typed around it
        ("4 ", "BG010000001 "): the query then trims the column's spaces, which the rules
        trim too, rather than leave every row to the full validation."""
        return any(cell[:1] == " " or cell[-1:] == " " for cell in self.cells_seen.get(name, ()))


@dataclass
class Routing:
    """The queries of :meth:`CensusQuery.route`, to run together over one read of the rows."""

    sums: pl.LazyFrame
    """Every row's sums by key, the suspect rows as groups of their own
    (:meth:`CleanSums.add_summed` drops them); key text cells as written."""
    marked: pl.LazyFrame
    """The rows as read, with a column :data:`SUSPECT` (and the values prepared for it)."""
    hashes: pl.LazyFrame | None
    """The clean rows' id hashes (:func:`gnbv.core.validation.ids.id_hashes`)."""
    doubts: pl.LazyFrame
    """One row: the rows read (``rows``) and, under each warning's name, how many have it."""
    as_read: list[str]
    """The columns of ``marked`` as read (the others: :data:`SUSPECT`, prepared values)."""


def _is_text(dtype: pl.DataType) -> bool:
    """Text as a reader hands it over: strings, or their dictionary (Arrow's reader)."""
    return dtype == pl.String or isinstance(dtype, pl.Categorical | pl.Enum)


def _plan_ids(plan: _RowPlan, spec: ColumnSpec, follow: FollowUp | None) -> None:
    """The id column: blank, not as written, a totals row, or an id repeated in the file
    (``follow``, the second pass) makes a row suspect."""
    ids = pl.col(spec.name).cast(pl.String)
    if plan.padded(spec.name):  # trimmed as the rule trims, and hashed so
        ids = ids.str.strip_chars(" ")
    # ="0000001" (an export's id kept from Excel's changes) is the id 0000001, for the
    # rule and the repeated ids: clean, not a row to judge on its own
    ids = as_excel_shows_it(ids)
    plan.ids = ids
    # A totals row ("Tổng cộng") is the full validation's to skip; one written another way
    # in the id is suspect anyway; one in the district or commune is found on the summed
    # keys (_typed_keys).
    plan.checks += [ids.is_null(), ids.str.len_bytes() == 0, ~id_left_as_written(ids)]
    plan.checks.append(ids.is_in(TOTALS))
    if follow is not None and len(follow.repeated):
        known = pl.Series(follow.repeated, dtype=pl.UInt64)
        plan.checks.append(id_hash_expression(ids).is_in(known.implode()))


def _spellings(words: Iterable[str]) -> list[str]:
    """The usual ways a word is written: as given, lower case, upper case, capitalised, each
    with and without its Vietnamese marks ("Có", "Co")."""
    cells: dict[str, None] = {}
    for word in words:
        for cell in (word, word.lower(), word.upper(), word.capitalize(), word.title()):
            cells[cell] = None
            cells[without_marks(cell)] = None
    return list(cells)


class CensusQuery(CleanSums):
    """The one query over a census's rows (:meth:`route`), and the clean rows' sums it gives
    (:class:`gnbv.core.validation.sums.CleanSums`).

    The cells of the word columns seen before the read (``cells_seen``) that the rules read
    as a word are summed as the usual spellings are, so that a district writing "Nông thôn "
    throughout does not send every row to the full validation. A cell the rules reject
    stays suspect. So are numbers and ids with a space typed around them ("4 "): a column
    where a cell seen is written so is trimmed in the query (trimming every column would
    cost every file: measured, ``bench/RESULTS.md``).
    """

    def _cells_seen(
        self, frame: pl.LazyFrame | pl.DataFrame, specs: list[ColumnSpec]
    ) -> dict[str, list[str]]:
        """The cells the reader saw before the read and, in a batch, the batch's own: the
        distinct cells of a word column (few: a column of many is left to the full
        validation), a number or id with a space around it."""
        seen = {name: list(cells) for name, cells in self.cells_seen.items()}
        if not isinstance(frame, pl.DataFrame):
            return seen
        found = []  # one select: the columns' cells are found in parallel
        for spec in specs:
            if not _is_text(frame.schema[spec.name]):
                continue
            cells = pl.col(spec.name).cast(pl.String)
            if spec.kind in WORD_KINDS:
                found.append(cells.drop_nulls().unique().implode())
            elif spec.kind in ("int", "id"):  # one cell with a space around is enough
                padded = cells.filter(cells.str.starts_with(" ") | cells.str.ends_with(" "))
                found.append(padded.head(1).implode())
        for name, cells in frame.select(found).row(0, named=True).items() if found else ():
            if len(cells) <= WORD_CELLS_IN_A_BATCH:  # a padded cell: one at most
                seen[name] = [*seen.get(name, ()), *cells]
        return seen

    def _candidates(self, plan: _RowPlan, spec: ColumnSpec, words: Iterable[str]) -> list[str]:
        """The cells of a word column the query may sum: the words' usual spellings and the
        cells seen."""
        return list(dict.fromkeys([*_spellings(words), *plan.cells_seen.get(spec.name, ())]))

    def route(
        self,
        frame: pl.LazyFrame | pl.DataFrame,
        warnings: Collection[str] = (),
        follow: FollowUp | None = None,
        set_aside: Collection[str] = (),
    ) -> Routing:
        """The rows (a file's query, or a batch) as one query: clean rows summed, the
        others set apart.

        ``warnings`` are boolean columns of ``frame``, the reader's doubts about a row; they
        are counted (``doubts``: the reader settles them once the file is read) and kept in
        the suspect rows, but do not make a row suspect. ``follow`` (a second pass) makes
        the rows with a repeated id or a rejected key cell suspect: the full validation,
        seeing them in file order, keeps the first of each id and names the problems.
        ``set_aside`` are boolean columns of ``frame`` true on rows the reader knows are
        broken (short lines): suspect too.
        """
        schema = frame.collect_schema()
        specs = [spec for spec in COLUMNS if spec.name in schema]
        self.columns_present = [spec.name for spec in specs]
        seen = self._cells_seen(frame, specs)
        plan = _RowPlan(checks=[pl.col(name) for name in set_aside], cells_seen=seen)
        for spec in specs:
            self._plan_column(plan, spec, schema[spec.name], follow)
        for name, rejected in (follow.key_cells if follow is not None else {}).items():
            plan.checks.append(pl.col(name).cast(pl.String).is_in(rejected))
        # Parts larger than their total, compared as written: where either cell has a
        # problem the row is suspect anyway.
        for spec in specs:
            if spec.total_of in plan.integers and spec.name in plan.integers:
                part, total = plan.integers[spec.name], plan.integers[spec.total_of]
                plan.checks.append(exceeds_total(part, total))
        checks, typed, urban_cells, ids = plan.checks, plan.typed, plan.urban_cells, plan.ids
        suspect = pl.any_horizontal(False, *(check.fill_null(False) for check in checks))
        prepared = frame.with_columns(plan.prepared) if plan.prepared else frame
        if isinstance(prepared, pl.DataFrame):  # a batch: marked once, its columns shared
            marked = prepared.with_columns(suspect.alias(SUSPECT)).lazy()
        else:  # cached: the queries share one read of the file (else one read each)
            marked = prepared.with_columns(suspect.alias(SUSPECT)).cache()
        clean = marked.filter(~pl.col(SUSPECT))
        columns = {spec.name for spec in specs}
        keys = [key for key in KEYS if key in columns or key == "class"]
        blanks = Blanks(columns)  # any column may have blanks
        # Summed with the suspect rows as groups of their own, dropped afterwards: cheaper
        # than filtering every column of the file first (their sums are never read).
        measures = measure_expressions(columns, self.standard, blanks)
        sums = (
            marked.with_columns(typed)
            .with_columns(class_code(self.standard, tuple(urban_cells)))
            .group_by([*keys, SUSPECT])
            .agg(pl.len().cast(pl.Int64).alias("n"), *(measure.sum() for measure in measures))
        )
        hashes = clean.select(id_hash_expression(ids)) if "household_id" in columns else None
        doubts = marked.select(
            pl.len().alias("rows"), *(pl.col(name).sum().alias(name) for name in warnings)
        )
        return Routing(sums, marked, hashes, doubts, schema.names())

    def _plan_column(
        self, plan: _RowPlan, spec: ColumnSpec, dtype: pl.DataType, follow: FollowUp | None
    ) -> None:
        """What the query checks and types of one column, on every row."""
        column = pl.col(spec.name)
        if spec.kind == "int" and (dtype.is_integer() or dtype == pl.String):
            required = spec.name in self.required
            separator = self.options.thousands.get(spec.name)
            with_unit = spec.name in self.options.units
            padded = plan.padded(spec.name)
            cells = integer_cells(spec, dtype, required, separator, with_unit, padded)
            plan.checks += [flag for _, flag in cells.problems]
            plan.prepared += cells.prepared
            plan.integers[spec.name] = cells.value
            plan.typed.append(cells.value.alias(spec.name))
        elif spec.kind == "bool" and dtype == pl.String:
            self._plan_words_of_yes_or_no(plan, spec)
        elif spec.kind == "bool" and dtype == pl.Boolean:
            self._plan_typed_yes_or_no(plan, spec)
        elif spec.kind == "id":
            _plan_ids(plan, spec, follow)
        elif spec.kind == "area" and _is_text(dtype):
            # The areas as the standard names them and the usual spellings of their
            # Vietnamese names ("Thành thị"): the class reads them as they are written,
            # and the key cells are typed on the sums.
            areas: list[str] = list(self.standard.income_lines)
            words = [*areas, *AREA_WORDS, *self.options.value_maps.get(spec.name, {})]
            accepted = self.accepted(spec, self._candidates(plan, spec, words), areas)
            plan.urban_cells = [cell for cell, area in accepted.items() if area == "urban"]
            plan.checks.append(column.is_null() | ~column.is_in(list(accepted)))
        elif spec.kind == "status" and _is_text(dtype):
            # The usual spellings of the statuses ("Hộ nghèo"), summed as written and
            # typed on the sums; a row with another cell (a typo) is suspect.
            words = [*STATUS_WORDS, *self.options.value_maps.get(spec.name, {})]
            accepted = self.accepted(
                spec, self._candidates(plan, spec, words), set(STATUS_WORDS.values())
            )
            blank = column.is_null() | (column == "")
            if self.verdicts_of(spec).parsed[""] is BAD:
                plan.checks.append(blank)
            plan.checks.append(~blank & ~column.is_in(list(accepted)))
        elif spec.name in TEXT_KEYS and _is_text(dtype):
            if spec.name in self.required:  # blank: a data problem, found row by row
                plan.checks += [column.is_null(), column == ""]
        else:  # a column typed as no reader types it (a Parquet float): every row suspect
            plan.checks.append(pl.lit(True))
            nothing = pl.lit(None, _KIND_DTYPES.get(spec.kind, pl.String()))
            plan.typed.append(nothing.alias(spec.name))

    def _plan_typed_yes_or_no(self, plan: _RowPlan, spec: ColumnSpec) -> None:
        """A yes/no column the reader typed: its blanks checked as the rules read them."""
        verdicts = self.verdicts_of(spec)
        verdicts.learn(["true", "false", ""], self.judge)
        cells_read = ["true", "false", ""]
        if verdicts.parsed[""] is BAD:  # blank where the rules want a value
            plan.checks.append(pl.col(spec.name).is_null())
            cells_read = ["true", "false"]
        try:
            expression = verdicts.expression(cells_read, pl.Boolean())
        except Rejected:  # a mapping that turns "true" into something else
            plan.checks.append(pl.lit(True))
            expression = pl.lit(None, pl.Boolean)
        if expression is not None:
            plan.typed.append(expression.alias(spec.name))

    def _plan_words_of_yes_or_no(self, plan: _RowPlan, spec: ColumnSpec) -> None:
        """A yes/no column read as text ("có"/"không", "1"/"0", "x"): the usual spellings of
        the words the rules accept are typed here; a row with another cell is suspect."""
        column = pl.col(spec.name)
        words = [
            *self.options.true_words,
            *self.options.false_words,
            *self.options.value_maps.get(spec.name, {}),
        ]
        accepted = self.accepted(spec, self._candidates(plan, spec, words), (True, False))
        text = column.fill_null("")
        blank = self.verdicts_of(spec).parsed[""]
        if blank is BAD:
            plan.checks.append(text == "")
        plan.checks.append(~text.is_in([*accepted, ""]))
        # (Not replace_strict: with it polars 2.1 held about 400 MB more on a million rows,
        # measured.)
        yes = [cell for cell, value in accepted.items() if value]
        blank_value = pl.lit(blank if isinstance(blank, bool) else None, pl.Boolean)
        value = pl.when(text == "").then(blank_value).otherwise(column.is_in(yes))
        plan.typed.append(value.alias(spec.name))

    def suspect_rows(self, routing: Routing) -> pl.LazyFrame:
        """The suspect rows, every column as read: for the full validation."""
        return routing.marked.filter(pl.col(SUSPECT)).select(routing.as_read)

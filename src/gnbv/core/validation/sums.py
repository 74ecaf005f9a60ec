"""The clean rows' sums of the one query (:mod:`gnbv.core.validation.query`), and the words rule's
verdicts on the distinct cells it met.

The query sums rows by their key cells as written (a district, a commune, an area, a status);
:meth:`CleanSums.add_summed` types those key cells with the words rule (a few thousand
distinct cells, not every row) and adds up the groups typing makes one ("Xã A" written two
ways). A key cell the rule rejects makes the sums unusable: those rows are the full
validation's (:meth:`CleanSums.rejected_keys` names them, for a second pass to follow).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

from gnbv.core.analysis.classify import CLASS_DTYPE
from gnbv.core.analysis.cube import KEYS, Cube
from gnbv.core.contract.columns import COLUMNS, ColumnSpec
from gnbv.core.contract.not_households import totals_row_expression
from gnbv.core.contract.rules import CensusOptions, WordJudge
from gnbv.core.plan.standards import Standard

SUSPECT = "suspect row?"
"""A name no census column can have (they have no spaces)."""
TEXT_KEYS = ("district", "commune", "area", "status_prev")
DISTINCT_LIMIT = 100_000
"""Key cells judged at most (more distinct communes than this: the sums are not used)."""
BAD = object()
"""The remembered verdict on a cell the rules reject."""
_SUMS_KEPT = 16
"""Partial sums gathered before they are added up (keeps memory flat)."""


class Rejected(Exception):
    """A key cell of the sums that the rules reject."""


def _regrouped(grouped: pl.DataFrame, typed_keys: dict[str, pl.Expr]) -> pl.DataFrame:
    """Sums with their key cells typed: typing may make two cells one ("Xã A" written two
    ways), and their groups are added up."""
    if not typed_keys:
        return grouped
    keys = [name for name in grouped.columns if name in KEYS]
    return grouped.with_columns(typed_keys.values()).group_by(keys).sum()


@dataclass
class ColumnVerdicts:
    """The words rule's verdict on each distinct cell of one column seen so far."""

    spec: ColumnSpec
    parsed: dict[str, Any]

    def learn(self, cells: list[str], judge: WordJudge) -> None:
        new = [cell for cell in cells if cell not in self.parsed]
        if len(self.parsed) + len(new) > DISTINCT_LIMIT:
            raise Rejected
        for cell, (value, reasons) in zip(new, judge.judge(new, self.spec), strict=True):
            self.parsed[cell] = BAD if reasons else value

    def expression(self, cells: list[str], dtype: pl.DataType) -> pl.Expr | None:
        """The column's typed values (None: the column as it is); raises :class:`Rejected`
        if a cell is rejected."""
        if any(self.parsed[cell] is BAD for cell in cells):
            raise Rejected
        column = pl.col(self.spec.name)
        if dtype == pl.Boolean:
            if self.parsed.get("true", True) is not True:
                raise Rejected  # a mapping that turns "true" into something else
            if self.parsed.get("false", False) is not False:
                raise Rejected
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


def _distinct_cells(values: list[Any]) -> list[str]:
    """Distinct cells as the rules read them: text, "" for blank, "true"/"false"."""
    return [
        ""
        if value is None
        else ("true" if value else "false")
        if isinstance(value, bool)
        else str(value)
        for value in values
    ]


class CleanSums:
    """The clean rows' sums of one census, and what it learnt of its distinct cells.

    ``cells_seen``: cells of the word, number and id columns the reader saw before the read
    (:attr:`gnbv.read.source.CensusStream.cells_seen`), by column.
    """

    def __init__(
        self,
        standard: Standard,
        required: list[str],
        options: CensusOptions,
        judge: WordJudge | None = None,
        cells_seen: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        self.standard = standard
        self.required = required
        self.options = options
        self.judge = judge or WordJudge(options)
        self.cells_seen = cells_seen or {}
        self.verdicts: dict[str, ColumnVerdicts] = {}
        self._shared: dict[tuple[Any, ...], dict[str, Any]] = {}
        self.sums: list[pl.DataFrame] = []
        self.rows = 0
        self.columns_present: list[str] = []

    def verdicts_of(self, spec: ColumnSpec) -> ColumnVerdicts:
        if spec.name not in self.verdicts:
            required = replace(spec, required=spec.name in self.required)
            shared = self._shared.setdefault(self.judge.rules_of(required), {})
            self.verdicts[spec.name] = ColumnVerdicts(required, shared)
        return self.verdicts[spec.name]

    def accepted(
        self, spec: ColumnSpec, cells: list[str], values: Collection[Any]
    ) -> dict[str, Any]:
        """Of ``cells``, those the rules read as one of ``values``, with that value."""
        verdicts = self.verdicts_of(spec)
        verdicts.learn([*cells, ""], self.judge)
        return {
            cell: verdicts.parsed[cell]
            for cell in cells
            if verdicts.parsed[cell] is not BAD and verdicts.parsed[cell] in values
        }

    def _typed_keys(self, grouped: pl.DataFrame) -> dict[str, pl.Expr]:
        """The key text cells of grouped rows, typed by the rules (only those that change);
        raises :class:`Rejected` if the rules reject one, or if one says a totals row
        ("Tổng cộng" as a district), which the full validation skips."""
        units = [name for name in ("district", "commune") if name in grouped.columns]
        if units and grouped.select(totals_row_expression(units).any()).item():
            raise Rejected
        typed_keys: dict[str, pl.Expr] = {}
        for spec in [spec for spec in COLUMNS if spec.name in TEXT_KEYS]:
            if spec.name not in grouped.columns:
                continue
            cells = _distinct_cells(grouped.get_column(spec.name).unique().to_list())
            verdicts = self.verdicts_of(spec)
            verdicts.learn(cells, self.judge)
            expression = verdicts.expression(cells, grouped.schema[spec.name])
            if expression is not None:
                typed_keys[spec.name] = expression.alias(spec.name)
        return typed_keys

    def add_summed(self, sums: pl.DataFrame) -> bool:
        """Takes the sums of :meth:`route`; False (nothing recorded) if a key cell is one
        the rules reject: those rows must then take the full validation."""
        sums = sums.filter(~pl.col(SUSPECT)).drop(SUSPECT)
        try:
            typed_keys = self._typed_keys(sums)
        except Rejected:
            return False
        if sums.height:
            self.sums.append(_regrouped(sums, typed_keys))
            self.rows += int(sums.get_column("n").sum())
        if len(self.sums) >= _SUMS_KEPT:
            self.sums = [self._add_up(self.sums)]
        return True

    def rejected_keys(self, sums: pl.DataFrame) -> dict[str, list[str]]:
        """The key cells of :meth:`route`'s sums that :meth:`add_summed` refused, by column:
        cells the rules reject, and a totals row's label in a district or commune."""
        sums = sums.filter(~pl.col(SUSPECT))
        found: dict[str, list[str]] = {}
        for spec in [spec for spec in COLUMNS if spec.name in TEXT_KEYS]:
            if spec.name not in sums.columns:
                continue
            written = sums.get_column(spec.name).cast(pl.String).unique()
            cells = _distinct_cells(written.to_list())
            totals = written.to_frame().select(totals_row_expression([spec.name])).to_series()
            try:
                self.verdicts_of(spec).learn(cells, self.judge)
                parsed = self.verdicts_of(spec).parsed
                bad = [cell for cell in cells if parsed[cell] is BAD]
            except Rejected:  # too many distinct cells to judge here: every one followed
                bad = cells
            if spec.name in ("district", "commune"):
                bad += [cell for cell, total in zip(cells, totals, strict=True) if total]
            if bad:
                found[spec.name] = sorted(set(bad))
        return found

    @staticmethod
    def _add_up(sums: list[pl.DataFrame]) -> pl.DataFrame:
        keys = [name for name in sums[0].columns if name in KEYS]
        return pl.concat(sums).group_by(keys).sum()

    def cube(self) -> Cube | None:
        """The clean rows' sums, as a cube (None if no row was clean)."""
        if not self.sums:
            return None
        sums = self._add_up(self.sums)
        frame = sums.to_pandas()
        for key in [name for name in frame.columns if name in KEYS]:
            if key == "class":
                codes = frame[key].to_numpy(dtype=np.int8)
                frame[key] = pd.Categorical.from_codes(codes, dtype=CLASS_DTYPE)
            elif key in TEXT_KEYS:
                frame[key] = frame[key].astype("str")
            else:
                frame[key] = frame[key].astype("boolean")
        for name in frame.columns:
            if name not in KEYS:
                frame[name] = frame[name].astype("int64")
        return Cube(frame, set(self.columns_present), list(self.standard.deprivation_columns))

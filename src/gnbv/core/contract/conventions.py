"""How a file writes its columns, decided per column from the whole column.

Two things an office's file leaves to the reader, each decided here once and said in the
report:

- **Thousands separators.** ``950.000`` is 950,000 in Vietnamese and 950 in English. A column
  whose unambiguous cells use ``.`` between groups of three (``5.650.000``) and never as a
  decimal point (``1.5``) writes thousands with ``.``: its ``950.000`` is 950,000. The mirror
  rule holds for ``,``. A column whose cells contradict each other decides nothing, and its
  ``950.000`` stays ``ambiguous_number``.
- **Ticks.** A yes/no column whose only cells are tick marks (``x``, ``✓``, ``v``, ``√``,
  ``☑``, …: :data:`TICKS`) and blanks is a ticked form: blank means no. A column that mixes
  ticks with words (``có``, ``không``) keeps the usual rule (blank: unknown). In a file whose
  yes/no columns hold only ticks and blanks, a column with no tick at all is ticked too
  (nobody was ticked); so is a required column with no tick in a file with ticked columns.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import polars as pl

from gnbv.core.contract.columns import COLUMN_SPECS, unit_suffix
from gnbv.core.contract.not_households import NUMBERS_IN_A_YES_NO_COLUMN
from gnbv.core.contract.rules import EXCEL_ERROR, CensusOptions

TICKS = ("x", "X", "✓", "✔", "v", "V", "√", "✔\ufe0f", "☑", "☑\ufe0f", "✅", "ü", "þ")
"""Marks a ticked form writes for yes: letters, check marks, a check mark as an emoji (with
its presentation selector, as a phone or a web page pastes it), a ticked box, and the
letters Excel keeps for the Wingdings font's check mark and ticked box ("ü", "þ"), which
a sheet shows as ✓ and ☑ but a CSV or a reader of the cells gets as letters."""


def _a_cell(number: str) -> str:
    """A whole cell writing ``number`` (a pattern), also as Excel's formula of a text
    (``="950.000"``, which the rule reads as Excel shows it:
    :func:`gnbv.core.contract.rules.as_excel_shows_it`)."""
    return rf'^(?:{number}|="{number}")$'


_GROUPED = {".": _a_cell(r"\d{1,3}(?:\.\d{3}){2,}"), ",": _a_cell(r"\d{1,3}(?:,\d{3}){2,}")}
_THOUSANDS = {".": _a_cell(r"\d{1,3}(?:\.\d{3})+"), ",": _a_cell(r"\d{1,3}(?:,\d{3})+")}
_DECIMAL = {".": _a_cell(r"[-+]?\d*\.\d+"), ",": _a_cell(r"[-+]?\d*,\d+")}


@dataclass(frozen=True)
class ColumnConventions:
    thousands: dict[str, str] = field(default_factory=dict)
    """Integer column -> its thousands separator ("." or ",")."""
    ticks: tuple[str, ...] = ()
    """Yes/no columns ticked: blank means no."""
    units: tuple[str, ...] = ()
    """Integer columns whose cells state the unit they are read in ("950.000 đ")."""

    def apply(self, options: CensusOptions) -> CensusOptions:
        """The validation's options with these conventions."""
        if not self.thousands and not self.ticks and not self.units:
            return options
        value_maps = dict(options.value_maps)
        for column in self.ticks:
            value_maps[column] = dict.fromkeys(TICKS, "t") | value_maps.get(column, {})
        return replace(
            options,
            thousands=self.thousands,
            blank_means_false=options.blank_means_false | frozenset(self.ticks),
            value_maps=value_maps,
            units=frozenset(self.units),
        )

    def decisions(self) -> list[dict[str, object]]:
        found: list[dict[str, object]] = [
            {"code": "thousands_separator", "column": column, "separator": separator}
            for column, separator in self.thousands.items()
        ]
        if self.ticks:
            found.append({"code": "ticks", "columns": list(self.ticks)})
        if self.units:
            found.append({"code": "units_in_cells", "columns": list(self.units)})
        return found


_UNITS = {
    name: re.compile(suffix)
    for name, spec in COLUMN_SPECS.items()
    if spec.kind == "int" and (suffix := unit_suffix(spec)) is not None
}


def number_needs_conventions(cell: str, name: str | None = None) -> bool:
    """Whether a number's cell is written so that its column's conventions decide it: a
    separator ("950.000") or the unit it is read in ("1.200.000 đ"; ``name``: its column,
    else any column's). A word ("nhiều") is not: no convention makes it a number."""
    if "." in cell or "," in cell:
        return True
    if name is None:
        return any(unit.search(cell) for unit in _UNITS.values())
    return name in _UNITS and _UNITS[name].search(cell) is not None


def may_need_conventions(columns: dict[str, list[str]]) -> bool:
    """Whether a sample of cells (canonical column -> cells) shows a separator in a number, a
    unit after it or a tick: then the whole columns are looked at
    (:func:`decide_conventions`)."""
    for name, cells in columns.items():
        kind = COLUMN_SPECS[name].kind
        if kind == "int" and any(number_needs_conventions(cell, name) for cell in cells):
            return True
        if kind == "bool" and any(cell.strip() in TICKS for cell in cells):
            return True
    return False


def _trimmed(columns: list[str]) -> list[pl.Expr]:
    """Each column's cells as text, trimmed, computed once for :func:`evidence_query`; in a
    column whose cells may state their unit, whether one does, and the unit set aside
    ("950.000 đ" writes its thousands as "950.000" does)."""
    expressions = []
    for name in columns:
        text = pl.col(name).cast(pl.String).str.strip_chars()
        suffix = unit_suffix(COLUMN_SPECS[name])
        if suffix is not None:
            # After a figure: a header repeated inside the file ("Số nhân khẩu") is no unit
            expressions.append(text.str.contains(r"\d" + suffix).alias(f"{name} unit"))
            text = text.str.replace(suffix, "")
        expressions.append(text.alias(name))
    return expressions


def evidence_query(
    columns: list[str], headers: Mapping[str, Sequence[str]] | None = None
) -> list[pl.Expr]:
    """Counts over the cells of ``columns`` (one row) as :func:`_trimmed` gives them, for
    :func:`decide_conventions`."""
    expressions = []
    for name in columns:
        text = pl.col(name)
        kind = COLUMN_SPECS[name].kind
        if unit_suffix(COLUMN_SPECS[name]) is not None:
            expressions.append(pl.col(f"{name} unit").sum())
        if kind == "int":
            for separator in (".", ","):
                thousands = text.str.contains(_THOUSANDS[separator])
                expressions += [
                    text.str.contains(_GROUPED[separator]).sum().alias(f"{name} {separator}3"),
                    (text.str.contains(_DECIMAL[separator]) & ~thousands)
                    .sum()
                    .alias(f"{name} {separator}d"),
                ]
        elif kind == "bool":
            filled = text.fill_null("") != ""
            # A header, or its column number, repeated inside the file (files joined) is no
            # word of the column
            repeated = _header_cells(name, (headers or {}).get(name, ()))
            numbered = text.is_in(NUMBERS_IN_A_YES_NO_COLUMN)
            repeated_or_numbered = text.is_in(repeated) | numbered
            # Nor is a formula's error (#N/A): it is set aside, and says nothing of the form
            failed = text.str.contains(EXCEL_ERROR).fill_null(False)
            written = filled & ~text.is_in(list(TICKS)) & ~repeated_or_numbered & ~failed
            expressions += [
                (filled & text.is_in(list(TICKS))).sum().alias(f"{name} ticks"),
                written.sum().alias(f"{name} words"),
            ]
    return expressions


def _header_cells(name: str, written: Sequence[str]) -> list[str]:
    """A column's headers as a cell repeating one is written: the file's own (``written``),
    the canonical name and each Vietnamese header as the contract keeps it, with a capital,
    and in capitals."""
    headers = [*(text.strip() for text in written), name, *COLUMN_SPECS[name].vietnamese]
    forms = (form for text in headers for form in (text, text[:1].upper() + text[1:], text.upper()))
    return list(dict.fromkeys(forms))


def decide_conventions(
    counts: dict[str, int], columns: list[str], required: Collection[str] = ()
) -> ColumnConventions:
    """The conventions of ``columns`` from the counts of :func:`evidence_query`;
    ``required`` are the columns that must be filled (the deprivations)."""
    thousands: dict[str, str] = {}
    ticks: list[str] = []
    units: list[str] = []
    for name in columns:
        kind = COLUMN_SPECS[name].kind
        if kind == "int":
            chosen = [
                separator
                for separator in (".", ",")
                if counts.get(f"{name} {separator}3", 0) and not counts.get(f"{name} {separator}d")
            ]
            if len(chosen) == 1:
                thousands[name] = chosen[0]
            if counts.get(f"{name} unit"):
                units.append(name)
        elif kind == "bool" and counts.get(f"{name} ticks") and not counts.get(f"{name} words"):
            ticks.append(name)
    booleans = [name for name in columns if COLUMN_SPECS[name].kind == "bool"]
    if ticks:
        # A ticked form where nobody was ticked in a column (no cell at all): a required
        # column is ticked too (else every household would lack it); an optional one only
        # when no yes/no column of the file is written in words (blank may mean unknown).
        words = any(counts.get(f"{name} words") for name in booleans)
        empty = [
            name
            for name in booleans
            if not counts.get(f"{name} ticks") and not counts.get(f"{name} words")
        ]
        also = [name for name in empty if name in required or not words]
        ticks = [name for name in booleans if name in ticks or name in also]
    return ColumnConventions(thousands, tuple(ticks), tuple(units))


def columns_that_may_decide(columns: Collection[str], as_text: Collection[str]) -> list[str]:
    """Of a file's number and yes/no ``columns``, those whose cells may decide a convention
    when only ``as_text`` are read as text, the others typed: a typed number column holds
    plain integers and a typed yes/no column true or false, which decide nothing, but
    whether a yes/no column is ticked depends on the others (every one is looked at when
    one is text). Looking at fewer columns decides the same."""
    kinds = {name: COLUMN_SPECS[name].kind for name in columns}
    ticks_possible = any(name in as_text for name, kind in kinds.items() if kind == "bool")
    return [
        name
        for name, kind in kinds.items()
        if (kind == "int" and name in as_text) or (kind == "bool" and ticks_possible)
    ]


def conventions_of(
    frame: pl.DataFrame | pl.LazyFrame,
    required: Collection[str] = (),
    headers: Mapping[str, Sequence[str]] | None = None,
) -> ColumnConventions:
    """The conventions of a frame of text cells under canonical names (a whole census);
    ``headers``: each column's header as the file writes it (a cell repeating it is no
    word of the column)."""
    columns = [
        name
        for name in frame.collect_schema().names()
        if name in COLUMN_SPECS and COLUMN_SPECS[name].kind in ("int", "bool")
    ]
    if not columns:
        return ColumnConventions()
    return decide_conventions(evidence_of_blocks(columns, [frame], headers), columns, required)


def evidence_of_blocks(
    columns: Sequence[str],
    blocks: Iterable[pl.DataFrame | pl.LazyFrame],
    headers: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, int]:
    """The counts of :func:`evidence_query` over the blocks of number and yes/no
    ``columns``, added up. Each count is one column's ("<column> <what>"): a column's
    counts are the same whichever columns are counted with it."""
    names = list(columns)
    totals: dict[str, int] = {}
    for block in blocks:
        cells = block.lazy().select(_trimmed(names))
        query = cells.select(evidence_query(names, headers or {}))
        for key, count in query.collect(engine="streaming").row(0, named=True).items():
            totals[key] = totals.get(key, 0) + count
    return totals

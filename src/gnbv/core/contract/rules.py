"""The census contract's cell rules (:mod:`gnbv.core.contract.columns`), each written once.

Two kinds of rule, each with one implementation that every path uses:

- **Rules over every row**, as polars expressions (:class:`Cells`: the typed value and, per
  reason, where a cell breaks the rule): integers (:func:`integer_cells`, with Vietnamese
  thousands and decimal commas), household ids (:func:`id_cells`), yes/no columns a reader
  already typed (:func:`typed_boolean_cells`), and a part larger than its total
  (:func:`exceeds_total`). The full validation evaluates them on a batch of rows; the one
  query over a whole file evaluates the very same expressions on every row and sums the rows
  where no problem fires.
- **Rules over words** (yes/no, area, status, district and commune names; :func:`word_cells`):
  few distinct cells, so each distinct cell is judged once, in Python, and the verdict is
  looked up for every row. The one query asks them about the usual spellings of the words and
  about the key cells of its sums.

Rows that hold no household (a form's totals row, its signatures under the table) are found
in :mod:`gnbv.core.contract.not_households`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import polars as pl

from gnbv.core.contract.columns import (
    AREA_WORDS,
    FALSE_WORDS,
    INVISIBLE,
    SIGNIFICANT_DIGITS,
    STATUS_WORDS,
    TRUE_WORDS,
    ColumnSpec,
    normalise_names,
    unit_suffix,
)
from gnbv.core.contract.headers import normalise_header
from gnbv.core.contract.reasons import Reason
from gnbv.core.contract.units import without_marks


@dataclass(frozen=True)
class CensusOptions:
    """How a district writes its cells, from the user's column mapping (``--columns``) and
    the conventions read from the file (:mod:`gnbv.core.contract.conventions`)."""

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
    ","; :mod:`gnbv.core.contract.conventions`): there "950.000" is 950000, not ambiguous."""
    units: frozenset[str] = frozenset()
    """Integer columns whose cells state the unit they are read in ("950.000 đ", "5
    người"; :mod:`gnbv.core.contract.conventions`): the unit is set aside before the number is
    read."""
    header_texts: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Each column's header texts as the file writes them, by canonical name: a row
    repeating them (files joined one under another) is no household."""


@dataclass
class Cells:
    """One column under its rule: the typed value (null where blank; meaningless where a
    problem fires) and, for each reason, a boolean expression true where a cell has that
    problem."""

    value: pl.Expr
    problems: list[tuple[Reason, pl.Expr]]
    prepared: list[pl.Expr] = field(default_factory=list)
    """Columns to add to the rows first (``with_columns``), which ``value`` and ``problems``
    read: a value they read many times is computed once."""


# Integer cells in Vietnamese style: "1.500.000", "1 500 000", "1,500,000" are 1500000 (groups
# of three with one separator used throughout). One "." or "," before exactly three digits
# ("1.500") is thousands in Vietnamese and decimals in English: reported, never guessed (unless
# the column's convention is known, ``CensusOptions.thousands``).
_GROUPED = (
    r"^(?:\d{1,3}(?:\.\d{3}){2,}|\d{1,3}(?:,\d{3}){2,}|\d{1,3}(?:\x{a0}\d{3})+|\d{1,3}(?: \d{3})+)$"
)
_AMBIGUOUS = r"^\d{1,3}[.,]\d{3}$"
_DECIMAL_COMMA = r"^(-?\d+),(\d+)$"
_SEPARATORS = r"[.,\x{a0} ]"
_GROUPED_WITH_FRACTION = {".": r"^\d{1,3}(?:\.\d{3})+,\d+$", ",": r"^\d{1,3}(?:,\d{3})+\.\d+$"}
"""Groups of three and a fraction, Vietnamese (1.666.666,67) or English (1,666,666.67): the
groups' separator is set aside. Looked for only where a fraction is read (incomes)."""


def thousands_pattern(separator: str, groups: int = 1) -> str:
    """Groups of three after a first group of one to three digits, with a column's known
    thousands separator ("950.000", "5.650.000"); at least ``groups`` of them."""
    return rf"[1-9]\d{{0,2}}(?:\{separator}\d{{3}}){{{groups},}}"


def integer_cells(
    spec: ColumnSpec,
    dtype: pl.DataType,
    required: bool,
    separator: str | None = None,
    with_unit: bool = False,
    padded: bool = False,
) -> Cells:
    """An integer column: typed by the reader (null = blank), or text cells, trimmed, "" for
    blank (read by :func:`_number_from_text`). Any other type (a Parquet float) is first
    written as text by the caller. ``padded``: the text cells are as the file writes them,
    and some have a space typed around them ("4 "): trimmed of spaces first (not of a
    no-break space: such a cell is not a number before it is trimmed as the reader trims)."""
    column = pl.col(spec.name)
    if padded and not dtype.is_integer():
        column = column.str.strip_chars(" ")
    problems: list[tuple[Reason, pl.Expr]] = []
    prepared: list[pl.Expr] = []
    if dtype.is_integer():
        number = column.cast(pl.Int64)
        blank = number.is_null()
        outside = pl.lit(False)
    else:
        number, blank, problems, prepared = _number_from_text(spec, column, separator, with_unit)
        outside = ~number.is_finite().fill_null(False) & number.is_not_null()  # past 64 bits
    if spec.minimum is not None:
        outside = outside | (number < spec.minimum).fill_null(False)
    if spec.maximum is not None:
        outside = outside | (number > spec.maximum).fill_null(False)
    problems.append(("out_of_range", outside))
    if required:
        problems.append(("missing_value", blank))
    return Cells(number.cast(pl.Int64, strict=False), problems, prepared)


def _number_from_text(
    spec: ColumnSpec, column: pl.Expr, separator: str | None, with_unit: bool
) -> tuple[pl.Expr, pl.Expr, list[tuple[Reason, pl.Expr]], list[pl.Expr]]:
    """An integer column's text cells as numbers (a float; null where blank or not a number),
    where they are blank, their problems, and the number as first read, to prepare
    (:attr:`Cells.prepared`). ``with_unit``: a cell may end with the unit it is read in
    ("950.000 đ"); ``separator``: the column's known thousands separator. A fraction is
    ``not_an_integer``, or rounded up from the column's ``fraction_rounded_up_from`` on; a
    count's dash alone is 0 (``zero_written``).

    The number is prepared as a column because the problems read it many times, and polars
    computes an expression again at each place it appears (before, an income's rule read
    each cell about a hundred times)."""
    text = as_excel_shows_it(column.fill_null(""))
    suffix = unit_suffix(spec)
    if with_unit and suffix is not None:  # "1.500.000 đ": the unit it is read in
        text = text.str.replace(suffix, "")
    blank = text == ""
    ambiguous = text.str.contains(_AMBIGUOUS)
    grouped = text.str.contains(_GROUPED)
    if separator is not None:  # the column's convention settles "950.000"
        grouped = grouped | text.str.contains(f"^{thousands_pattern(separator)}$")
        ambiguous = ambiguous & ~grouped
    cleaned = pl.when(grouped).then(text.str.replace_all(_SEPARATORS, "")).otherwise(text)
    if spec.fraction_rounded_up_from is not None:
        for mark, pattern in _GROUPED_WITH_FRACTION.items():
            without_groups = text.str.replace_all(mark, "", literal=True)
            cleaned = pl.when(text.str.contains(pattern)).then(without_groups).otherwise(cleaned)
    # A decimal comma ("1,5") as a point; an ambiguous cell is no number whatever it holds.
    cleaned = cleaned.str.replace(_DECIMAL_COMMA, "${1}.${2}")
    number_read = cleaned.cast(pl.Float64, strict=False).fill_nan(None)
    first_read: pl.Expr = pl.when(~ambiguous).then(number_read)
    if spec.zero_written:  # a count's "-": Excel's accounting format writes 0 so
        dash = pl.any_horizontal(*(text == mark for mark in spec.zero_written))
        first_read = pl.when(dash).then(pl.lit(0.0)).otherwise(first_read)
    prepared = f"{spec.name}\0number"
    number = pl.col(prepared)
    finite = number.is_finite().fill_null(False)
    shows_error = text.str.contains(EXCEL_ERROR)
    problems: list[tuple[Reason, pl.Expr]] = [
        ("ambiguous_number", ambiguous),
        ("excel_error", shows_error),
        ("not_a_number", ~blank & ~ambiguous & ~shows_error & number.is_null()),
    ]
    if spec.fraction_rounded_up_from is not None:  # a formula's income: 1666666.67
        whole = number.floor()
        # 2000000.0000000002 is 2000000: a last digit beyond the significant ones
        noise = (number - whole) <= whole.abs() * 10.0**-SIGNIFICANT_DIGITS
        fraction = finite & ~noise & (number < spec.fraction_rounded_up_from)
        number = pl.when(noise).then(whole).otherwise(number.ceil())
    else:
        fraction = finite & (number % 1 != 0)
    problems.append(("not_an_integer", fraction))
    return number, blank, problems, [first_read.alias(prepared)]


def exceeds_total(part: pl.Expr, total: pl.Expr) -> pl.Expr:
    """A count larger than the count it is part of (``insured_members`` > ``members``)."""
    return (part > total).fill_null(False)


_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_ID_SPACES = r"[\t\n\x0c\r ]+"
"""Runs of spaces, tabs and line breaks inside an id, written as one space."""


EXCEL_SHORTENED_ID = r"^\d(?:[.,]\d+)?[eE]\+\d{2}$"
"""An id Excel shortened ("2.40123E+11", "2,40123E+11"): a long number in a cell of the
General format, saved so. Its figures are lost; many households share what is left."""


EXCEL_ERROR = (
    r"^#(?:N/A|DIV/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!"
    r"|UNKNOWN!|BUSY!|GETTING_DATA)$"
)
"""A cell showing an Excel error, as Excel writes it in a CSV file and gnbv reads it from a
workbook (:mod:`gnbv.read.xlsx_errors`): a formula that failed, never a value to read as
blank, a name or an id (``excel_error``)."""
SHOWS_EXCEL_ERROR = re.compile(EXCEL_ERROR)


def as_excel_shows_it(text: pl.Expr) -> pl.Expr:
    """Text cells, with one written as Excel's formula of a text, ``="0123"``, as the text
    inside it, which Excel shows, trimmed as a cell is: some software exports a code or a
    number so, so that Excel keeps its leading zeros. (Tested as written, not by a pattern:
    a pattern's replacement cost half a second on 2 million incomes read as text.)"""
    formula = text.str.starts_with('="') & text.str.ends_with('"') & (text.str.len_bytes() > 2)
    inside = text.str.strip_prefix('="').str.strip_suffix('"').str.strip_chars()
    return pl.when(formula).then(inside).otherwise(text)


def id_cells(name: str, required: bool) -> Cells:
    """Household ids (text, trimmed, "" for blank): NFC, without what prints as nothing,
    runs of spaces as one space, the text inside Excel's formula of a text (``="0123"``);
    a control character is ``invalid_value``; an id Excel shortened, ``id_shortened``."""
    column = pl.col(name)
    outside_ascii = column.str.len_bytes() != column.str.len_chars()
    nfc = pl.when(outside_ascii).then(column.str.normalize("NFC")).otherwise(column)
    shown = as_excel_shows_it(nfc)
    value = shown.str.replace_all(INVISIBLE, "").str.replace_all(_ID_SPACES, " ")
    problems: list[tuple[Reason, pl.Expr]] = [
        ("invalid_value", column.str.contains(_CONTROL)),
        ("id_shortened", value.str.contains(EXCEL_SHORTENED_ID)),
        ("excel_error", value.str.contains(EXCEL_ERROR)),
    ]
    if required:
        problems.append(("missing_value", value == ""))
    return Cells(value, problems)


ID_NOT_AS_WRITTEN = rf"[\x00-\x1f\x7f]|  |^\s|\s$|{INVISIBLE}|{EXCEL_SHORTENED_ID}|{EXCEL_ERROR}"
"""In an id, what :func:`id_cells` might change or reject: a control character, two spaces
running, a space of any kind at either end (the rule reads an id trimmed of a no-break or a
thin space too; with NFC, see :func:`id_left_as_written`), a character that prints as
nothing, an id Excel shortened, an Excel error."""


def id_left_as_written(ids: pl.Expr) -> pl.Expr:
    """Ids :func:`id_cells` keeps as they are and accepts (``BG 01 0002``, ``HĐ 0102`` in
    NFC), once shown as Excel shows them (:func:`as_excel_shows_it`): the one query checks
    this, cheaper than computing NFC for every id (a second on 10 million rows), and leaves
    the others to the rule. NFC is computed only for ids outside ASCII."""
    outside_ascii = ids.str.len_bytes() != ids.str.len_chars()
    not_nfc = pl.when(outside_ascii).then(ids.str.normalize("NFC") != ids).otherwise(False)
    return ~(ids.str.contains(ID_NOT_AS_WRITTEN) | not_nfc)


def typed_boolean_cells(name: str, required: bool, blank_means_false: bool) -> Cells:
    """A yes/no column that the reader already typed (null = blank)."""
    column = pl.col(name)
    if blank_means_false:
        return Cells(column.fill_null(False), [])
    problems: list[tuple[Reason, pl.Expr]] = (
        [("missing_value", column.is_null())] if required else []
    )
    return Cells(column, problems)


class Verdicts:
    """Problems found by the rules over words on some cells: where, and why."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.parts: list[tuple[np.ndarray, str, Reason]] = []
        self.bad = np.zeros(size, dtype=bool)

    def add(self, mask: np.ndarray | pd.Series, column: str, reason: Reason) -> None:
        array = np.asarray(mask, dtype=bool)
        if array.any():
            self.parts.append((np.flatnonzero(array), column, reason))
            self.bad |= array


def _words(mapping: dict[str, str]) -> dict[str, str]:
    return {normalise_header(key): value for key, value in mapping.items()}


def _choice(
    text: pd.Series, words: dict[str, str], spec: ColumnSpec, found: Verdicts, reason: Reason
) -> pd.Series:
    folded = normalise_names(text).str.casefold()
    blank = (text == "").to_numpy()
    shows_error = text.str.contains(EXCEL_ERROR, regex=True).to_numpy(dtype=bool)
    mapped = folded.map(words)
    unknown = mapped.isna().to_numpy() & ~blank
    if unknown.any():  # "co", "khong", "nong thon": the words typed without their marks
        mapped[unknown] = _typed_without_marks(folded[unknown], words)
    found.add(shows_error, spec.name, "excel_error")
    found.add(~blank & ~shows_error & mapped.isna().to_numpy(), spec.name, reason)
    if spec.required:
        found.add(blank, spec.name, "missing_value")
    return mapped


def _typed_without_marks(cells: pd.Series, words: dict[str, str]) -> pd.Series:
    """Each cell's value when, without Vietnamese marks, it is one of ``words`` without
    them, and no two words of different values are so written (judged per distinct cell)."""
    unmarked: dict[str, str | None] = {}
    for word, value in words.items():
        key = without_marks(word)
        unmarked[key] = value if unmarked.get(key, value) == value else None
    values = {cell: unmarked.get(without_marks(cell)) for cell in cells.unique()}
    return cells.map(values)


def _boolean(
    text: pd.Series, spec: ColumnSpec, found: Verdicts, options: CensusOptions
) -> pd.Series:
    words = _words(dict.fromkeys(options.true_words, "t") | dict.fromkeys(options.false_words, "f"))
    words |= _words(options.value_maps.get(spec.name, {}))
    if spec.name in options.blank_means_false:
        text = text.where(text != "", "\0false")
        words["\0false"] = "f"
    mapped = _choice(text, words, spec, found, "invalid_boolean")
    return mapped.map({"t": True, "f": False, "true": True, "false": False}).astype("boolean")


def word_cells(
    text: pd.Series, spec: ColumnSpec, found: Verdicts, options: CensusOptions
) -> pd.Series:
    """The typed values of text cells of a column of words or names (trimmed, "" for blank):
    yes/no, area, status, district, commune; problems go to ``found``."""
    value_map = _words(options.value_maps.get(spec.name, {}))
    if spec.kind == "text":
        found.add(
            text.str.contains(_CONTROL, regex=True).to_numpy(dtype=bool), spec.name, "invalid_value"
        )
        shows_error = text.str.contains(EXCEL_ERROR, regex=True).to_numpy(dtype=bool)
        found.add(shows_error, spec.name, "excel_error")
        text = normalise_names(text)
        if value_map:  # a district's own codes for its units (--columns values:)
            folded = text.str.casefold().map(value_map)
            text = folded.where(folded.notna(), text).astype(text.dtype)
        if spec.required:
            found.add((text == "").to_numpy(), spec.name, "missing_value")
        return text
    if spec.kind == "area":
        return _choice(text, _words(AREA_WORDS) | value_map, spec, found, "invalid_area")
    if spec.kind == "status":
        return _choice(text, _words(STATUS_WORDS) | value_map, spec, found, "invalid_status")
    if spec.kind == "bool":
        return _boolean(text, spec, found, options)
    raise ValueError(f"{spec.name}: not a column of words ({spec.kind})")


JUDGED_CELLS_KEPT = 200_000
"""Distinct cells of one column whose verdicts are remembered (beyond: judged afresh)."""


class WordJudge:
    """The words rule's verdicts on the distinct cells seen: a census read in batches, by
    the query and by the full validation, judges "true", "false" or a commune's name once."""

    def __init__(self, options: CensusOptions) -> None:
        self.options = options
        self.known: dict[tuple[object, ...], dict[str, tuple[object, tuple[Reason, ...]]]] = {}

    def rules_of(self, spec: ColumnSpec) -> tuple[object, ...]:
        """What the rule's verdict on a cell depends on, beyond the cell: the twenty-odd
        yes/no columns share their verdicts unless an option names one of them."""
        if spec.kind != "bool":
            return (spec.name, spec.required)
        value_map = self.options.value_maps.get(spec.name, {})
        blank_means_false = spec.name in self.options.blank_means_false
        return (spec.kind, spec.required, blank_means_false, tuple(sorted(value_map.items())))

    def judge(self, cells: list[str], spec: ColumnSpec) -> list[tuple[object, tuple[Reason, ...]]]:
        """Each cell's value (None: blank or rejected) and the reasons it breaks the rule."""
        known = self.known.setdefault(self.rules_of(spec), {})
        new = [cell for cell in dict.fromkeys(cells) if cell not in known]
        if len(known) + len(new) > JUDGED_CELLS_KEPT:
            known.clear()
        if new:
            found = Verdicts(len(new))
            values = word_cells(pd.Series(new, dtype="str"), spec, found, self.options)
            reasons: list[list[Reason]] = [[] for _ in new]
            for index, _, reason in found.parts:
                for position in index.tolist():
                    reasons[position].append(reason)
            for cell, value, why in zip(new, values.tolist(), reasons, strict=True):
                known[cell] = (None if pd.isna(value) else value, tuple(why))
        return [known[cell] for cell in cells]

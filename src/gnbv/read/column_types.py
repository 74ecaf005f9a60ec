"""Which columns a reader reads typed (numbers, yes/no) and which as text, decided before the
read from the cells the sniff saw. Polars: per column, from the file's first rows and rows
sampled across it (:func:`gnbv.read.text.rows_across`); a column written otherwise ("có",
"x", "5.650.000", "nhiều") is text from the start, and typed by the rules. Arrow's reader
(encodings other than UTF-8, title rows): per column, from the file's first rows. One rule
for both, :func:`_columns_not_typed`, given what each reader's typed read takes."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from typing import Any

import polars as pl
import pyarrow as pa

from gnbv.core.contract.columns import COLUMN_SPECS
from gnbv.core.contract.mapping import ColumnMapping
from gnbv.read.layout import TableLayout
from gnbv.read.source import PLAIN_INTEGER
from gnbv.read.text import PlainUtf8Head

log = logging.getLogger("gnbv.read")


def _polars_types(
    renames: dict[str, str], typed: bool, as_text: Collection[str] = ()
) -> dict[str, Any]:
    kinds = {"int": pl.Int64, "bool": pl.Boolean} if typed else {}
    return {
        name: pl.String if name in as_text else kinds.get(COLUMN_SPECS[canonical].kind, pl.String)
        for name, canonical in renames.items()
    }


POLARS_BOOLEAN_CELLS = ("true", "false", "")
"""Cells (any case) polars reads as booleans: a yes/no column written otherwise ("có",
"1", "x") is read as text and typed by the query (:mod:`gnbv.core.validation.query`)."""


Takes = dict[str, Callable[[str], bool]]
"""A reader's typed read: for each column kind it reads typed, whether it takes a cell."""


def _columns_not_typed(
    header: list[str],
    rows: list[list[str]],
    renames: dict[str, str],
    takes: Takes,
    seen: Callable[[str], str] = str,
) -> frozenset[str]:
    """The integer and yes/no columns (header names) with a non-empty cell in these rows, as
    the reader sees it (``seen``), that its typed read does not take (``takes``): read as text
    from the start rather than found by a failed read, and typed by the rules."""
    text = set()
    for position, name in enumerate(header):
        typed = takes.get(COLUMN_SPECS[renames[name]].kind) if name in renames else None
        cells = (seen(row[position]) for row in rows if position < len(row))
        if typed is not None and not all(typed(cell) for cell in cells if cell):
            text.add(name)
    return frozenset(text)


def worded_by_mapping(renames: dict[str, str], mapping: ColumnMapping | None) -> frozenset[str]:
    """The columns (header names) whose cells a ``--columns`` mapping's own words decide
    (:meth:`ColumnMapping.columns_it_words`): read as text, the rules knowing the words."""
    worded = mapping.columns_it_words() if mapping is not None else frozenset()
    return frozenset(name for name, canonical in renames.items() if canonical in worded)


def _plain_integer(cell: str) -> bool:
    return PLAIN_INTEGER.fullmatch(cell) is not None


_POLARS_TAKES: Takes = {  # cells as written: polars takes neither "4 " nor "false "
    "int": _plain_integer,
    "bool": lambda cell: cell.casefold() in POLARS_BOOLEAN_CELLS,
}


def column_types(
    head: PlainUtf8Head,
    renames: dict[str, str],
    typed: bool,
    text_columns: frozenset[str],
    further_down: list[list[str]],
) -> dict[str, pl.DataType]:
    """Each column's polars type: text for a column written otherwise than as a number or
    yes/no at the start or in the rows sampled across the file (``further_down``; or named
    in ``text_columns``), every column text when ``typed`` is False."""
    found = _columns_not_typed(head.header, [*head.sample, *further_down], renames, _POLARS_TAKES)
    as_text = found | text_columns if typed else set()
    log.debug(
        "%d rows sampled across the file; read as text: %s",
        len(further_down),
        (", ".join(sorted(as_text)) or "no column") if typed else "every column",
    )
    return _polars_types(renames, typed, as_text)


def _arrow_forms(word: str) -> list[str]:
    """A word as Arrow's typed read takes it: as written, capitalised and in capitals."""
    return list(dict.fromkeys((word, word.capitalize(), word.upper())))


ARROW_TRUE = _arrow_forms("true")
"""Only the contract's own yes and no, as polars' typed read takes them: a column written
otherwise ("có", "1", a tick "x") goes to the text path, where the rules apply (any case,
NFC, the user's mapping, a ticked column's blanks), and the rejects file shows its cells as
written, whichever reader read the file."""
ARROW_FALSE = _arrow_forms("false")


_ARROW_TAKES: Takes = {  # cells trimmed: Arrow's typed read takes "4 " as 4
    "int": _plain_integer,
    "bool": lambda cell: cell in ARROW_TRUE or cell in ARROW_FALSE,
}


def arrow_text_at_start(
    rows: list[list[str]], layout: TableLayout, renames: dict[str, str]
) -> frozenset[str]:
    """The integer and yes/no columns (header names) with a cell in these rows that Arrow's
    typed read does not take ("5.650.000", "x"): read as text from the start, the others
    typed."""
    return _columns_not_typed(layout.header, rows, renames, _ARROW_TAKES, str.strip)


def arrow_may_decide(renames: dict[str, str], as_text: frozenset[str]) -> list[str]:
    """The columns (canonical names) whose cells may decide a convention when Arrow's typed
    read takes all but ``as_text`` (header names): those, and every yes/no column (Arrow
    takes a tick, "x", as yes, and whether a blank is no then depends on the columns'
    conventions). A number column Arrow takes holds plain integers: it decides nothing."""
    return [
        canonical
        for name, canonical in renames.items()
        if name in as_text or COLUMN_SPECS[canonical].kind == "bool"
    ]


_ARROW_TYPED_KINDS = {"int": pa.int64(), "bool": pa.bool_()}


def arrow_column_types(renames: dict[str, str]) -> dict[str, Any]:
    """Arrow's types for a typed read: integers, yes/no, text columns as dictionaries."""
    kinds = _ARROW_TYPED_KINDS | {"id": pa.string()}
    dictionary = pa.dictionary(pa.int32(), pa.string())
    return {
        name: kinds.get(COLUMN_SPECS[canonical].kind, dictionary)
        for name, canonical in renames.items()
    }


def arrow_text_columns(renames: dict[str, str], as_text: frozenset[str], typed: bool) -> list[str]:
    """The columns (header names) Arrow's reader hands over as text: every one on a text
    read; on a typed read, those named in ``as_text`` and those it does not type."""
    return [
        name
        for name, canonical in renames.items()
        if not typed or name in as_text or COLUMN_SPECS[canonical].kind not in _ARROW_TYPED_KINDS
    ]

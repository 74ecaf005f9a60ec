"""Which columns a reader reads typed (numbers, yes/no) and which as text, decided before the
read from the cells the sniff saw. Polars: per column, from the file's first rows and rows
sampled across it (:func:`gnbv.read.text.rows_across`); a column written otherwise ("có",
"x", "5.650.000", "nhiều") is text from the start, and typed by the rules. Arrow's reader
(encodings other than UTF-8, title rows): the whole file typed when its first rows are."""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import Any

import polars as pl
import pyarrow as pa

from gnbv.core.contract.columns import COLUMN_SPECS, FALSE_WORDS, TRUE_WORDS
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


def _written_as_text(
    head: PlainUtf8Head, renames: dict[str, str], further_down: list[list[str]]
) -> set[str]:
    """The yes/no and number columns whose cells, at the start of the file or in the rows
    sampled further down (:func:`gnbv.read.text.rows_across`), polars would not read typed
    ("có", "x"; "5.650.000", "nhiều"; "4 " and "false " too, a space after them): read as
    text from the start rather than found by a failed read."""
    text = set()
    rows = [*head.sample, *further_down]
    for number, name in enumerate(head.header):
        kind = COLUMN_SPECS[renames[name]].kind if name in renames else None
        cells = {row[number] for row in rows if number < len(row)}
        if kind == "bool" and not {cell.casefold() for cell in cells} <= set(POLARS_BOOLEAN_CELLS):
            text.add(name)
        if kind == "int" and not all(PLAIN_INTEGER.fullmatch(cell) for cell in cells if cell):
            text.add(name)
    return text


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
    as_text = _written_as_text(head, renames, further_down) | text_columns if typed else set()
    log.debug(
        "%d rows sampled across the file; read as text: %s",
        len(further_down),
        (", ".join(sorted(as_text)) or "no column") if typed else "every column",
    )
    return _polars_types(renames, typed, as_text)


def _arrow_forms(words: tuple[str, ...]) -> list[str]:
    """The contract's yes or no words as Arrow's typed read takes them: as written, capitalised
    and in capitals; any other cell sends the file to the text path, where the rules apply
    (any case, NFC, the user's mapping)."""
    return [
        form for word in words for form in dict.fromkeys((word, word.capitalize(), word.upper()))
    ]


ARROW_TRUE = _arrow_forms(TRUE_WORDS)
ARROW_FALSE = _arrow_forms(FALSE_WORDS)


def arrow_text_at_start(
    rows: list[list[str]], layout: TableLayout, renames: dict[str, str]
) -> frozenset[str]:
    """The integer and yes/no columns (header names) with a cell in these rows that Arrow's
    typed read does not take ("5.650.000", "x"): read as text from the start, the others
    typed."""
    takes = {
        "int": lambda cell: PLAIN_INTEGER.fullmatch(cell) is not None,
        "bool": lambda cell: cell in ARROW_TRUE or cell in ARROW_FALSE,
    }
    text: set[str] = set()
    for position, name in enumerate(layout.header):
        typed = takes.get(COLUMN_SPECS[renames[name]].kind) if name in renames else None
        cells = (row[position].strip() for row in rows if position < len(row))
        if typed is not None and not all(typed(cell) for cell in cells if cell):
            text.add(name)
    log.debug("Arrow's typed read; read as text: %s", ", ".join(sorted(text)) or "no column")
    return frozenset(text)


def arrow_column_types(renames: dict[str, str]) -> dict[str, Any]:
    """Arrow's types for a typed read: integers, yes/no, text columns as dictionaries."""
    kinds = {"int": pa.int64(), "bool": pa.bool_(), "id": pa.string()}
    dictionary = pa.dictionary(pa.int32(), pa.string())
    return {
        name: kinds.get(COLUMN_SPECS[canonical].kind, dictionary)
        for name, canonical in renames.items()
    }

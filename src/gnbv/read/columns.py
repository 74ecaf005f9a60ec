"""Which columns a file has and how it writes them: its headers matched to the census
contract (with "did you mean" for near misses), the header row found (:mod:`gnbv.read.layout`)
and the columns' conventions sampled (thousands separators, ticks:
:mod:`gnbv.core.contract.conventions`)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import polars as pl

from gnbv.core.contract.columns import COLUMN_SPECS
from gnbv.core.contract.conventions import (
    ColumnConventions,
    columns_that_may_decide,
    decide_conventions,
    evidence_of_blocks,
    may_need_conventions,
)
from gnbv.core.contract.headers import (
    contract_column,
    header_lookup,
    normalise_header,
    unit_not_read,
    without_column_number,
)
from gnbv.core.contract.mapping import ColumnMapping
from gnbv.core.contract.not_households import LABEL_HEADERS
from gnbv.core.contract.rules import SHOWS_EXCEL_ERROR
from gnbv.core.contract.units import without_marks
from gnbv.errors import CensusReadError
from gnbv.read.encoding import tcvn3_error, typed_in_tcvn3
from gnbv.read.gzip_text import refuse_if_damaged
from gnbv.read.layout import TableLayout, find_layout
from gnbv.read.lines import whole_rows
from gnbv.read.streamed import Streamed

LINE_BREAK = re.compile(r"\r\n|\r|\n")

LABEL_COLUMNS = 2
"""Columns a totals row's label is looked for in, besides the id, district and commune."""


def beside_the_id(header: list[str], renames: dict[str, str]) -> list[str]:
    """Two of the header's columns the census does not read, where a form labels a totals
    row beside its blank id (:func:`gnbv.core.contract.not_households.totals_label_as_id`):
    those headed as STT or the head's name (:data:`LABEL_HEADERS`: "Cộng thôn Đồng" may sit
    under the name with a village column before it), else the first ones; named once and not
    blank (readers select them by name); none without an id column. Two, not all: every
    column read costs (ten beside the id: a quarter more time on a large census)."""
    if "household_id" not in renames.values():
        return []
    others = [
        name for name in header if name not in renames and name.strip() and header.count(name) == 1
    ]
    labelled = [n for n in others if without_column_number(normalise_header(n)) in LABEL_HEADERS]
    return [*labelled, *(name for name in others if name not in labelled)][:LABEL_COLUMNS]


def map_header(
    path: Path,
    header: list[str],
    required: list[str],
    mapping: ColumnMapping | None,
    header_errors: Collection[tuple[int, str]] = (),
) -> dict[str, str]:
    """Their header -> canonical name, for the columns gnbv knows. A required column
    missing where a header cell shows an Excel error (``header_errors``:
    :attr:`TableLayout.header_errors`) is said to be missing because of it."""
    lookup = header_lookup()
    theirs = {
        normalise_header(key): value for key, value in (mapping.columns if mapping else {}).items()
    }
    renames: dict[str, str] = {}
    seen: dict[str, str] = {}
    for number, name in enumerate(header, start=1):
        canonical = theirs.get(normalise_header(name)) or contract_column(name, lookup)
        if canonical is None:
            continue
        _refuse_unit_not_read(path, name, number, lookup)
        if canonical in seen:
            raise CensusReadError(
                f"{path}: columns {seen[canonical]!r} and {name!r} (column {number}) both mean "
                f"{canonical}",
                hint="keep one of them, or map one elsewhere with --columns",
                key="err_column_twice",
                params={
                    "path": path,
                    "first": seen[canonical],
                    "second": name,
                    "number": number,
                    "column": canonical,
                },
            )
        seen[canonical] = name
        renames[name] = canonical
    missing = [column for column in required if column not in seen]
    if missing:
        # Named as users know them (the Vietnamese header) and by the canonical name, with
        # the file's headers that almost match ("Thu nhap binh quan", a typo) suggested.
        named = [
            f"{COLUMN_SPECS[column].vietnamese[0].capitalize()} ({column})"
            if COLUMN_SPECS[column].vietnamese
            else column
            for column in missing
        ]
        unknown = [name for name in header if name not in renames]
        suggestions = _close_headers(unknown, missing)
        if header_errors:
            raise _missing_where_header_shows_error(path, named, header_errors)
        raise CensusReadError(
            f"{path}: missing required column{'s' if len(missing) > 1 else ''}: {', '.join(named)}",
            key="err_missing_columns",
            params={"path": path, "columns": ", ".join(named)},
            hint="add them, rename the headers (the README lists the accepted names), or map "
            "them with --columns FILE",
            suggestions=[{"found": found, "wanted": wanted} for found, wanted in suggestions],
        )
    return renames


def _missing_where_header_shows_error(
    path: Path, named: list[str], header_errors: Collection[tuple[int, str]]
) -> CensusReadError:
    """Required columns missing from a header with a cell showing an Excel error (a name
    made by a formula that failed): the column is most likely under that cell."""
    cells = ", ".join(f"{number} ({shown})" for number, shown in header_errors)
    return CensusReadError(
        f"{path}: missing required column{'s' if len(named) > 1 else ''}: {', '.join(named)}; "
        f"the header shows an Excel error in column {cells}",
        key="err_missing_columns_header_error",
        params={"path": path, "columns": ", ".join(named), "cells": cells},
        hint="mend the formula of that header cell, or type the column's name in it",
    )


def _refuse_unit_not_read(path: Path, name: str, number: int, lookup: dict[str, str]) -> None:
    """A header that says its figures are in another unit than gnbv reads them in ("Thu
    nhập bình quân (nghìn đồng)"): read as written, every income would be a thousand
    times too small and nearly every household poor."""
    unit = unit_not_read(name, lookup)
    if unit is None:
        return
    column = contract_column(name, lookup)
    assert column is not None  # a unit is said only of a contract column
    spec = COLUMN_SPECS[column]
    header = f"{spec.vietnamese[0].capitalize()} ({spec.units[0]})"
    raise CensusReadError(
        f"{path}: column {number} {name!r} is in {unit}; gnbv reads {column} in {spec.units[0]}",
        key="err_header_unit",
        params={
            "path": path,
            "number": number,
            "name": name,
            "unit": unit,
            "wanted": spec.units[0],
            "header": header,
        },
        hint=f"write the figures in {spec.units[0]} (1,500 thousand đồng is 1,500,000 đồng) "
        f"and head the column {header!r}",
    )


def _plain(text: str) -> str:
    """A header without accents, case or spaces around: "Thu nhap binh quan" is close to
    "Thu nhập bình quân"."""
    return without_marks(normalise_header(text))


def _close_headers(found: list[str], missing: list[str]) -> list[tuple[str, str]]:
    """For each header the file has and gnbv does not know, the accepted header of a missing
    column it almost is (accents, spaces, a typo), if any."""
    accepted = {
        _plain(alias): alias.capitalize() if alias != column else column
        for column in missing
        for alias in (column, *COLUMN_SPECS[column].vietnamese)
    }
    pairs = []
    for name in found:
        close = difflib.get_close_matches(_plain(name), list(accepted), n=1, cutoff=0.8)
        if close:
            pairs.append((name, accepted[close[0]]))
    return pairs


def table_layout(path: Path, rows: list[list[str]], mapping: ColumnMapping | None) -> TableLayout:
    """Where the table's header is (:func:`find_layout`), with the user's headers known. A
    file whose first rows name no column gnbv knows, and do once read through the TCVN3
    fonts' table, is refused saying so (it was said to miss every column)."""
    lookup = header_lookup() | {
        normalise_header(key): value for key, value in (mapping.columns if mapping else {}).items()
    }
    # A cell above the table showing a formula's error (#REF! in a column's number) says
    # nothing of the layout: it is looked at as the blank cell it stands for. One in the
    # header is said (the column under it is not read).
    written = rows
    rows = [[("" if SHOWS_EXCEL_ERROR.match(cell) else cell) for cell in row] for row in rows]
    layout = find_layout(rows, lookup)
    named = any(contract_column(cell, lookup) for cell in layout.header)
    if not named and typed_in_tcvn3([cell for row in rows for cell in row]):
        raise tcvn3_error(path)
    shown = {
        number: cell.strip()
        for row in layout.header_rows
        if row <= len(written)
        for number, cell in enumerate(written[row - 1], start=1)
        if SHOWS_EXCEL_ERROR.match(cell.strip())
    }
    # A line break as a parser counts one: "\r\n", "\n" or "\r" alone
    above = (cell for row in written[: layout.rows_before_data] for cell in row)
    breaks = sum(len(LINE_BREAK.findall(cell)) for cell in above)
    return replace(layout, header_errors=tuple(sorted(shown.items())), line_breaks_above=breaks)


def csv_conventions(
    source: Path | Streamed,
    delimiter: str,
    layout: TableLayout,
    renames: dict[str, str],
    head_rows: list[list[str]],
    required: list[str],
    file_key: tuple[str, int, int] | None,
    look_anyway: bool = False,
    as_text: Collection[str] | None = None,
) -> ColumnConventions:
    """The columns' conventions, from the whole file. Every column that may decide one is
    looked at when the file's first rows show a separator in a number, a unit or a tick, or
    when a cell further down is one (``look_anyway``: one sampled across the file, or one a
    typed read failed on), or when every column is read as text (no typed read fails on a
    tick); else only the number columns read as text (any of their cells, however far down,
    may be "1.200.000 đ"); a plain census, every number typed, is not read twice.
    ``as_text``: the columns the read takes as text, the others typed
    (:func:`gnbv.core.contract.conventions.columns_that_may_decide`); None: every column as
    text. ``source``: a UTF-8 file, or a text read through a conversion."""
    positions = {layout.header.index(name): canonical for name, canonical in renames.items()}
    if as_text is not None:
        deciding = columns_that_may_decide(positions.values(), as_text)
        positions = {p: name for p, name in positions.items() if name in deciding}
    sample = head_rows[layout.rows_before_data :]
    cells = {name: [row[p] for row in sample if p < len(row)] for p, name in positions.items()}
    headers = layout.texts_of(renames)
    known: dict[str, dict[str, int]] = {}
    if not look_anyway and not may_need_conventions(cells):
        every_column_text = as_text is None or set(renames.values()) <= set(as_text)
        known = _worded(cells, headers) if every_column_text else {}
        positions = {p: name for p, name in positions.items() if name not in known}
        if not every_column_text:  # a typed yes/no column's tick far down fails its read
            positions = {p: n for p, n in positions.items() if COLUMN_SPECS[n].kind == "int"}
        if not positions:
            return ColumnConventions()
    # Counted once per file and column: a read that starts again (another mode, another
    # column as text) looks only at the columns not yet looked at.
    key = (file_key, layout.rows_before_data, delimiter)
    counted = _EVIDENCE.setdefault(key, {}) if file_key is not None else {}
    positions_left = {p: name for p, name in positions.items() if name not in counted}
    if positions_left:
        found = _evidence(source, delimiter, layout, positions_left, headers)
        counted.update(_by_column(found, positions_left.values()))
    known |= {name: counted[name] for name in positions.values()}
    totals = {key: n for counts in known.values() for key, n in counts.items()}
    return decide_conventions(totals, list(known), required)


def _by_column(counts: dict[str, int], names: Iterable[str]) -> dict[str, dict[str, int]]:
    """:func:`evidence_query`'s counts ("<column> <what>") by column."""
    return {name: {k: n for k, n in counts.items() if k.split(" ")[0] == name} for name in names}


def _worded(
    cells: dict[str, list[str]], headers: dict[str, list[str]]
) -> dict[str, dict[str, int]]:
    """The counts of the yes/no columns whose first rows (``cells``) hold a word: such a
    column is not ticked whatever its cells further down, and counting those rows decides
    as counting the whole column would."""
    found = {}
    for name, column in cells.items():
        if COLUMN_SPECS[name].kind == "bool":
            frame = pl.DataFrame({name: column}, schema={name: pl.String})
            counts = evidence_of_blocks([name], [frame], headers)
            if counts[f"{name} words"]:
                found[name] = counts
    return found


def _evidence(
    source: Path | Streamed,
    delimiter: str,
    layout: TableLayout,
    positions: dict[int, str],
    headers: dict[str, list[str]],
) -> dict[str, int]:
    """The counts deciding the conventions of the columns at ``positions`` (canonical
    names), over the whole file."""
    options: dict[str, Any] = {
        "has_header": False,
        "separator": delimiter,
        "schema": {f"c{number}": pl.String for number in range(len(layout.header))},
        # Rows cut short or too long, also the first (which polars otherwise takes as the
        # file's shape): padded with blanks, or cut.
        "truncate_ragged_lines": True,
        "missing_columns": "insert",
        "extra_columns": "ignore",
        "encoding": "utf8-lossy",
        "raise_if_empty": False,
    }

    def cells_of(text: Path | bytes, skip_rows: int) -> pl.LazyFrame:
        frame = pl.scan_csv(text, skip_rows=skip_rows, **options)
        return frame.select(pl.col(f"c{p}").alias(name) for p, name in positions.items())

    names = list(positions.values())
    if isinstance(source, Streamed) and source.codec is not None:
        # Polars' reader would hold the whole converted text: given whole rows a piece at a time
        pieces = enumerate(whole_rows(source))
        blocks = (
            cells_of(piece, 0 if number else layout.rows_before_data) for number, piece in pieces
        )
        return evidence_of_blocks(names, blocks, headers)
    path = source.path if isinstance(source, Streamed) else source
    try:  # a gzip file is decompressed as it is read (the memory stays flat)
        return evidence_of_blocks(names, [cells_of(path, layout.rows_before_data)], headers)
    except OSError:
        if isinstance(source, Streamed):  # a gzip file cut short or damaged: refused saying so
            refuse_if_damaged(path)
        raise


_EVIDENCE: dict[tuple[Any, ...], dict[str, dict[str, int]]] = {}
"""Per file, its layout and delimiter: each column's counts (:func:`_evidence`)."""

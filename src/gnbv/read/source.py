"""What every reader hands over: a census as batches of text cells under canonical names,
how it was read (the source, the layout, the column conventions), and the modes a read can
start again in (each ``Need…`` exception says why)."""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
import pyarrow as pa

from gnbv.core.contract.conventions import TICKS, ColumnConventions, number_needs_conventions
from gnbv.read.layout import TableLayout
from gnbv.read.lines import BrokenLines
from gnbv.read.options import BATCH_ROWS, STREAM_BLOCK

log = logging.getLogger("gnbv.read")
"""How the census is read, decision by decision (shown with ``--debug``)."""
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
"""Workbooks calamine reads: Excel's own, the older .xls (Excel 97–2003) many offices'
templates still are, and LibreOffice's .ods."""
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an .xls workbook (an OLE2 compound file) starts."""
PARQUET_SUFFIXES = (".parquet", ".pq")
TEXT_CELLS_IN_A_BATCH = 1_800_000
"""Cells read as text that Arrow's reader hands over at a time, at most: the rules hold about
50 bytes more for a cell of text than for a typed one (2 million rows gzipped, every column
as text: 632 MiB at the peak in batches of 200,000 rows, 373 MiB in batches of 50,000)."""


def rows_in_a_batch(batch_rows: int, text_columns: int) -> int:
    """Rows handed over at a time when ``text_columns`` columns are read as text: fewer as
    more are (a mapping's yes/no words, cells the typed read could not take)."""
    return max(1, min(batch_rows, TEXT_CELLS_IN_A_BATCH // max(1, text_columns)))


LARGEST_BLOCK = 1 << 30
"""Arrow's blocks grow (by 16) up to this for a row longer than a block: a cell of megabytes
is read, a quote never closed in a compressed file is found past it."""


def looks_like_workbook(path: Path) -> bool:
    """An .xlsx or .ods (a zip file) or an .xls workbook, whatever its name."""
    return workbook_kind(path) is not None


WORKBOOK_KIND_OF_SUFFIX = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}
"""The kind of workbook a name says."""


def workbook_kind(path: Path) -> Literal["xlsx", "xls", "ods"] | None:
    """The kind of workbook a file is by its bytes, whatever its name says: an .xls (a
    compound file; an .xlsx encrypted with a password is one too), an .ods (a zip file whose
    first entry names the OpenDocument spreadsheet type), an .xlsx (another zip file)."""
    with path.open("rb") as handle:
        start = handle.read(100)
    if start.startswith(_OLE2):
        return "xls"
    if not start.startswith(b"PK\x03\x04"):
        return None
    opendocument = start[30:38] == b"mimetype" and b"opendocument.spreadsheet" in start[38:]
    return "ods" if opendocument else "xlsx"


LOOKED_AT_FOR_TEXT = 1 << 16
"""Bytes at the start of a file named as a workbook that are looked at to tell it is text."""


def named_as_workbook(path: Path) -> Literal["text", "web_page"] | None:
    """What a file named as a workbook (.xls, .xlsx, .ods) holds when it is none: "text" (a
    CSV or tab-separated text, as some software's "export to Excel" writes), "web_page" (an
    HTML table, or Excel 2003's XML, as others write; Excel opens both after a warning).
    None for a workbook, another name, or bytes that are neither (the workbook's reader
    refuses them as damaged)."""
    if path.suffix.lower() not in EXCEL_SUFFIXES or looks_like_workbook(path):
        return None
    with path.open("rb") as handle:
        start = handle.read(LOOKED_AT_FOR_TEXT)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = start.decode("utf-16", errors="ignore")
    elif b"\x00" in start:  # no text (UTF-16 without its mark is left to Excel)
        return None
    else:  # UTF-8 or a code page: markup starts with ASCII either way
        text = start.decode("utf-8", errors="ignore")
    return "web_page" if text.lstrip("\ufeff \t\r\n").startswith("<") else "text"


@dataclass
class CensusBatch:
    table: Any
    """A pyarrow Table of the known columns under canonical names."""
    row_numbers: np.ndarray
    unreadable: list[tuple[int, str]]
    bytes_read: int


class WholeFile(Protocol):
    """A file read as one polars query instead of batches (``csv_polars.PolarsScan``): what
    the engine asks of it, declared here so that this module, which every reader imports,
    imports none of them."""

    frame: Any
    warnings: list[str]
    chunk_rows: int

    @property
    def set_aside(self) -> list[str]: ...

    def run(self, queries: list[Any], doubts: Any) -> tuple[list[Any], BrokenLines | None]: ...

    def doubts(self, frame: Any) -> Any: ...

    def batch_of(self, rows: Any) -> CensusBatch: ...


@dataclass
class CensusStream:
    source: dict[str, Any]
    batches: Iterator[CensusBatch]
    renames: dict[str, str] = field(default_factory=dict)
    """The columns read: their header as the file writes it -> canonical name."""
    parser: str = "arrow"
    """Which reader parses the file: "polars" (plain UTF-8 CSV), "arrow", "parquet", "xlsx"."""
    whole: WholeFile | None = None
    """The file as one polars query (plain UTF-8 CSV), instead of ``batches``."""
    layout: TableLayout | None = None
    """Where the table's header was found (said in the report)."""
    conventions: ColumnConventions = field(default_factory=ColumnConventions)
    """How its columns write thousands and yes/no (said in the report)."""
    merged_columns: list[str] = field(default_factory=list)
    """Columns with cells merged over several rows, given to each row (a sheet)."""
    cells_seen: dict[str, list[str]] = field(default_factory=dict)
    """Distinct cells of the word, number and id columns that the sniff saw, by canonical
    name: the query sums the rows written so when the rules read them as a word ("Nông
    thôn " with a space after it, from a district's whole export), and trims the numbers
    and ids of a column where one has a space around it ("4 ")."""

    @property
    def header_texts(self) -> dict[str, list[str]]:
        """Each column's header texts as the file writes them, by canonical name
        (:meth:`TableLayout.texts_of`)."""
        if self.layout is None:
            return {canonical: [written] for written, canonical in self.renames.items()}
        return self.layout.texts_of(self.renames)

    def __post_init__(self) -> None:
        # What the reader decided about the file, for the report.
        decided = self.layout.decisions() if self.layout is not None else []
        if self.merged_columns:
            decided.append({"code": "merged_cells", "columns": self.merged_columns})
        self.source["decisions"] = decided + self.conventions.decisions()
        log.debug(
            "%s: %s, encoding %s, delimiter %r, parser %s; %s",
            self.source.get("file"),
            self.source.get("format"),
            self.source.get("encoding"),
            self.source.get("delimiter"),
            self.parser,
            self.source["decisions"] or "header on row 1, no convention to decide",
        )


def file_described(
    path: Path,
    kind: str,
    *,
    sha256: str | None,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> dict[str, Any]:
    """The file as the report's ``input`` describes it."""
    return {
        "file": str(path),
        "format": kind,
        "encoding": encoding,
        "delimiter": delimiter,
        "sheet": sheet,
        "sha256": sha256,
    }


def is_arrow_text(kind: pa.DataType) -> bool:
    """Text in an Arrow table: strings, or a dictionary of them."""
    if pa.types.is_dictionary(kind):
        return is_arrow_text(kind.value_type)
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def looks_like_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


@dataclass(frozen=True)
class ReadMode:
    """How the streaming reader parses; the engine changes it when an attempt says why."""

    typed: bool = True
    """Let Arrow type clean cells (fast); NeedTextRead switches it off."""
    polars: bool = True
    """Parse plain UTF-8 CSV with polars (fastest); NeedArrowRead switches to Arrow's reader,
    which numbers and sets aside broken rows and reads every encoding."""
    block_size: int = STREAM_BLOCK
    """Bytes Arrow's reader parses at a time; NeedLargerBlocks makes it larger."""
    batch_rows: int = BATCH_ROWS
    """Rows handed over at a time (CSV and Parquet)."""
    text_columns: frozenset[str] = frozenset()
    """Columns (header names) polars reads as text on a typed read: each had a cell the
    typed read could not take (NeedTextColumn)."""
    conventions: bool = False
    """A number cell further down was written so that its column's conventions decide it
    ("950.000", "1.200.000 đ"; NeedTextColumn, NeedTextRead): they are looked at."""
    broken_lines: BrokenLines | None = None
    """Blank and short lines of a file without quotes, found by a first polars read that
    could not vouch for its rows: the engine's second pass skips the blank ones and sets the
    short ones aside, as Arrow's reader would."""


PLAIN_INTEGER = re.compile(r"[+-]?\d{1,18}")
"""An integer cell the typed reads take (polars' and Arrow's): a cell at the start of a file
written otherwise ("5.650.000", "nhiều") makes its column read as text from the start."""


class NeedArrowRead(Exception):
    """The polars reader met what only Arrow's reader handles (a row that may be broken, bytes
    that are not UTF-8, a parse error): the caller starts again with Arrow's reader."""


class NeedTextColumn(Exception):
    """Polars' typed read met a cell it could not take in one column: the caller reads the
    file again with that column as text (the others stay typed), and its conventions
    looked at if the cell is written so (``conventions``: "950.000", "1.200.000 đ")."""

    def __init__(self, name: str, conventions: bool = False) -> None:
        super().__init__(name)
        self.name = name
        self.conventions = conventions


TEXT_COLUMNS_TRIED = 3
"""Columns read as text one by one before the whole file is read as text (each costs the
read up to its cell)."""
FAILED_COLUMN = re.compile(
    r"could not parse `(?P<cell>.*?)` as .* at column 'column_(?P<number>\d+)'"
)


class NeedTextRead(Exception):
    """A cell did not convert on the typed read: the caller reads again as text (and looks
    at the columns' conventions when the cell is written so: ``conventions``)."""

    def __init__(self, conventions: bool = False) -> None:
        super().__init__()
        self.conventions = conventions


def read_again_as_text(
    name: str | None, cell: str | None, tried: frozenset[str]
) -> NeedTextColumn | NeedTextRead:
    """What a typed read that failed on ``cell`` of column ``name`` (header name; None if not
    known) asks for: that column as text, the others typed, unless ``tried`` columns are
    already read so (then, or for a column not known, every column as text); the columns'
    conventions looked at when the cell is written so ("950.000", "1.200.000 đ", a tick: a
    ticked column's first tick may be far down, its blanks above it meaning no)."""
    conventions = cell is not None and (
        number_needs_conventions(cell.strip()) or cell.strip() in TICKS
    )
    if name is not None and len(tried) < TEXT_COLUMNS_TRIED:
        return NeedTextColumn(name, conventions)
    return NeedTextRead(conventions)


class NeedLargerBlocks(Exception):
    """A row is longer than Arrow's block and no stray quote explains it: the caller starts
    again with larger blocks."""


def looks_like_parquet(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PAR1"

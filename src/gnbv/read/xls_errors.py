"""The cells of an .xls sheet (Excel 97-2003) that show an Excel error (``#DIV/0!``, ``#N/A``).

calamine gives such a cell as a blank one, as it does in an .xlsx (:mod:`gnbv.read.xlsx_errors`
says why that is a wrong figure); nor does it say which cells they are. xlrd does, reading
the whole sheet cell by cell in Python (2.4 s for a sheet of 47,000 households): it is asked
only when the workbook's stream holds the mark of an error, a formula whose kept result is
one or an error typed as a value. Looking for the mark takes 0.1 s on the same sheet.
"""

from __future__ import annotations

import mmap
import os
import re
from pathlib import Path
from typing import Any

from gnbv.read.xlsx_errors import ErrorCells

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an .xls (a compound file of Excel 97-2003) starts."""

_CODES = rb"[\x00\x07\x0f\x17\x1d\x24\x2a]"
"""The error codes of Excel 97-2003: #NULL!, #DIV/0!, #VALUE!, #REF!, #NAME?, #NUM!, #N/A."""
_ERROR_MARKS = re.compile(
    # FORMULA record (0x0006): row, column, format, then its result: 2, 0, the error's code,
    # three zeros and 0xFFFF (not a number). BOOLERR record (0x0205, 8 bytes): row,
    # column, format, the code, and 1 (an error, not a yes/no).
    rb"\x06\x00..(?s:.{6})\x02\x00" + _CODES + rb"\x00\x00\x00\xff\xff"
    rb"|\x05\x02\x08\x00(?s:.{6})" + _CODES + rb"\x01",
    re.DOTALL,
)


def is_xls(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(OLE_MAGIC)) == OLE_MAGIC


def xls_error_cells(path: Path, sheet: str) -> ErrorCells:
    """The cells showing an Excel error on the .xls workbook's sheet named ``sheet``, by
    row (from 1) and column (0 for column A); none when the workbook holds no error's mark,
    or when xlrd cannot read what calamine read (nothing to add)."""
    import xlrd

    try:
        with open(os.devnull, "w") as quiet:
            if not _has_error_mark(path, quiet):
                return {}
            book = xlrd.open_workbook(str(path), on_demand=True, logfile=quiet)
            try:
                return _errors(book.sheet_by_name(sheet))
            finally:
                book.release_resources()
    except (xlrd.XLRDError, OSError, ValueError, KeyError, IndexError, AssertionError):
        return {}


def _has_error_mark(path: Path, quiet: Any) -> bool:
    """Whether the workbook's stream (its records, out of the compound file) holds the record
    of a cell showing an error: a mark found elsewhere (inside a text) costs only the time
    of xlrd's read, which says what the cells are."""
    from xlrd.compdoc import CompDoc

    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mem:
        document = CompDoc(mem, logfile=quiet)
        for name in ("Workbook", "Book"):
            # Where the stream lies in the file (a copy only if its sectors are scattered)
            stream, start, length = document.locate_named_stream(name)
            if stream is not None:
                return _ERROR_MARKS.search(stream, start, start + length) is not None
        return False


def _errors(sheet: Any) -> ErrorCells:
    from xlrd import XL_CELL_ERROR
    from xlrd.biffh import error_text_from_code

    found: ErrorCells = {}
    for row in range(sheet.nrows):
        types = sheet.row_types(row)
        if XL_CELL_ERROR not in types:
            continue
        values = sheet.row_values(row)
        found[row + 1] = {
            column: error_text_from_code.get(values[column], "#VALUE!")
            for column, kind in enumerate(types)
            if kind == XL_CELL_ERROR
        }
    return found

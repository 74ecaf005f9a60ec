"""Files gnbv writes: whole or not at all (a temporary file in the same folder, then rename)."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl

from gnbv.errors import StorageError, UsageError

FORMULA_STARTS = ("=", "+", "-", "@")


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` fill a temporary file in the same folder, then rename it onto ``path``.

    The system refusing the temporary file or the rename is a :class:`StorageError`; so is
    an ``OSError`` that ``write`` raises as :func:`writing_to` (``write`` may also read
    other files, whose errors are not this path's).
    """
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(
            f"{path}: the folder {directory} does not exist",
            key="err_no_folder",
            params={"path": path, "folder": directory},
        )
    with writing_to(path):
        descriptor, name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
        os.close(descriptor)
    temporary = Path(name)
    try:
        write(temporary)
        with writing_to(path):
            os.chmod(temporary, 0o666 & ~_current_umask())
            os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextmanager
def writing_to(path: Path) -> Iterator[None]:
    """An ``OSError`` inside (a full disk, no permission) is said as a failure to write
    ``path``: the user's to fix, not a bug in gnbv."""
    try:
        yield
    except OSError as error:
        raise StorageError.writing(path, error) from error


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader never sees a half-written file.

    Two runs writing the same path each write their own temporary file; the last rename wins
    and the file is always one run's whole output.
    """
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(
            f"{path}: the folder {directory} does not exist",
            key="err_no_folder",
            params={"path": path, "folder": directory},
        )
    with writing_to(path):
        handle = tempfile.NamedTemporaryFile(
            "w",
            encoding="utf-8",
            newline="",
            dir=directory,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
        )
        try:
            with handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            # NamedTemporaryFile creates the file 0600; give it the mode a plain open() would.
            os.chmod(handle.name, 0o666 & ~_current_umask())
            os.replace(handle.name, path)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise


FORMULA_CELL = "^[" + "".join(re.escape(start) for start in FORMULA_STARTS) + "]"
"""A text cell a spreadsheet would run as a formula: it starts with one of FORMULA_STARTS."""
PLAIN_SIGNED = r"^[-+]\d+(\.\d+)?$"
"""A plain number with its sign (``-0.02``, a count typed ``+3``): a number, not a formula,
and written as it is, so that a rejects file's corrected rows are read again as they were."""


def defused(text: pl.Expr) -> pl.Expr:
    """Text cells a spreadsheet would run as a formula, with a leading apostrophe."""
    formula = text.str.contains(FORMULA_CELL) & ~text.str.contains(PLAIN_SIGNED)
    return pl.when(formula).then(pl.lit("'") + text).otherwise(text)


def csv_text(frame: pd.DataFrame, *, header: bool = True, line_end: str = "\n") -> str:
    """``frame`` as the CSV text of every file gnbv writes: formulas in its text columns
    defused (:func:`defused`), a cell quoted only where it must be, a blank and a missing cell
    both written as nothing, numbers and words as pandas writes them.

    The rows are written by polars: pandas' writer took seconds for each hundred thousand
    rows, and a rejects file can have millions. Cells polars would write otherwise (yes/no,
    fractions, mixed Python values) are made text first, as pandas writes them.
    """
    columns: dict[str, pl.Series] = {}
    text_columns: list[str] = []
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position]
        name = str(position)
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            text_columns.append(name)
        if not (pd.api.types.is_string_dtype(values) or pd.api.types.is_integer_dtype(values)):
            values = values.astype("str").where(values.notna())
        columns[name] = pl.from_pandas(values.rename(name))
    body = pl.DataFrame(columns, height=len(frame))
    return _written(body, list(frame.columns), text_columns, header, line_end)


def table_csv_text(frame: pl.DataFrame, *, header: bool = True, line_end: str = "\n") -> str:
    """:func:`csv_text` of a polars table (the rows of a census as read, for its rejects):
    text and categories are text, integers are written as integers (a column with a blank
    cell too: no "4.0"), any other value as pandas writes it."""
    columns: dict[str, pl.Series] = {}
    text_columns: list[str] = []
    for position, series in enumerate(frame.get_columns()):
        name = str(position)
        dtype = series.dtype
        if dtype in (pl.String, pl.Null) or isinstance(dtype, pl.Categorical | pl.Enum):
            text_columns.append(name)
            columns[name] = series.cast(pl.String).rename(name)
        elif dtype.is_integer():
            columns[name] = series.rename(name)
        else:
            values = series.to_pandas()
            columns[name] = pl.from_pandas(values.astype("str").where(values.notna()).rename(name))
    body = pl.DataFrame(columns, height=frame.height)
    return _written(body, frame.columns, text_columns, header, line_end)


def _written(
    body: pl.DataFrame, names: list[Any], text_columns: list[str], header: bool, line_end: str
) -> str:
    """The CSV text of ``body`` (columns named by position) headed by ``names``."""
    heading = pd.DataFrame(columns=names).to_csv(index=False, lineterminator=line_end)
    # polars writes a blank cell as "" and a missing one as nothing; a row of one blank cell
    # must stay "" (an empty line is no row to a reader).
    text = pl.col(pl.String)
    blanks = text.fill_null("") if body.width == 1 else text.replace("", None)
    rows = (
        body.with_columns(
            defused(pl.col(name).cast(pl.String)).alias(name) for name in text_columns
        )
        .with_columns(blanks)
        .write_csv(include_header=False, line_terminator=line_end, quote_style="necessary")
    )
    return (heading if header else "") + rows


BOM = "\ufeff"
"""Starts every CSV file gnbv writes for people (lists, rejects, classes, reports): Excel
reads the file as UTF-8 and shows Vietnamese right. Python reads it with ``utf-8-sig``."""


def write_csv(frame: pd.DataFrame, path: Path, *, bom: bool = True) -> None:
    atomic_write_text(path, (BOM if bom else "") + csv_text(frame))

"""The rejects file (``--rejects``): the rows set aside, as read, with their reasons.

Rows are spooled to an anonymous temporary file as they come (a census with millions of bad
rows does not hold them in memory) and the file is written whole, atomically, at the end.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from gnbv.core.validation.batch import CensusValidation
from gnbv.errors import StorageError
from gnbv.io.writers import (
    BOM,
    atomic_write,
    atomic_write_text,
    csv_text,
    table_csv_text,
    writing_to,
)
from gnbv.read.source import is_arrow_text
from gnbv.render.tables import RejectsWording


def as_written(table: pa.Table) -> pa.Table:
    """Yes/no cells a reader typed, written back as the contract writes them ("true",
    "false", blank), and text in Unicode's composed form (NFC: a cp1258 export writes its
    tone marks apart): a rejects file reads the same whichever kind of file the census was,
    and a district typed "Hiệp Hòa" in a filter finds its rows."""
    for number, column in enumerate(table.columns):
        if pa.types.is_boolean(column.type):
            words = pc.fill_null(pc.if_else(column, "true", "false"), "")
            table = table.set_column(number, table.field(number).name, words)
        elif is_arrow_text(column.type):
            if pa.types.is_dictionary(column.type):  # a unit's name, a status: decoded
                column = column.cast(column.type.value_type)
            composed = pc.utf8_normalize(column, form="NFC")
            table = table.set_column(number, table.field(number).name, composed)
    return table


@dataclass(frozen=True)
class RejectsTarget:
    """Where the rejects file goes, and how it is worded (none: canonical column names and
    reason codes, for programs)."""

    path: Path
    wording: RejectsWording | None = field(default=None)


def _reasons_by_row(problems: pd.DataFrame) -> pl.DataFrame:
    """Each row's reason codes, in one cell ("income_per_capita:not_a_number; ..."), by row
    number. Most bad rows have one problem: only rows with several are joined one by one (a
    census of bad rows has millions)."""
    columns, reasons, rows = problems["column"], problems["reason"], problems["row"]
    labels = pd.Series(np.where(columns == "", reasons, columns + ":" + reasons))
    several = rows.duplicated(keep=False).to_numpy()
    joined = pd.Series(labels[~several].to_numpy(), index=rows[~several].to_numpy())
    if several.any():
        grouped = labels[several].groupby(rows[several].to_numpy()).agg("; ".join)
        joined = pd.concat([joined, grouped])
    return pl.DataFrame(
        {"row": joined.index.to_numpy(dtype=np.int64), "reasons": joined.to_numpy(dtype=object)},
        schema={"row": pl.Int64, "reasons": pl.String},
    )


def _in_words(codes: pl.Series, wording: RejectsWording) -> pl.Series:
    """Rows' reason codes in words ("Thu nhập bình quân: cột số chứa chữ; ..."): each
    different set of codes worded once (a file has few)."""

    def words(label: str) -> str:
        column, _, reason = label.rpartition(":")
        said = wording.reasons.get(reason, reason)
        return f"{wording.headings.get(column, column)}: {said}" if column else said

    worded = {joined: "; ".join(map(words, joined.split("; "))) for joined in codes.unique()}
    return codes.replace_strict(worded, return_dtype=pl.String)


SPOOLED_ROWS = 10_000
"""Rows of the rejects file written to its spool at a time."""


def rejects_parts(
    table: pa.Table,
    validation: CensusValidation,
    wording: RejectsWording | None = None,
    rows_at_a_time: int = SPOOLED_ROWS,
) -> Iterator[pl.DataFrame]:
    """The rows of a batch (``table``, as read) that ``validation`` set aside, with their row
    number and reasons, in the file's order, ``rows_at_a_time`` at a time (at least one part,
    empty when none was set aside). The cells stay as read: a count is written 4, not 4.0,
    whatever the other rows of its part hold.

    Rows that could not be split into fields keep their whole line in ``raw_line``. Taken
    from the batch a part at a time: a batch of every row set aside, copied whole with its
    reasons, held about a hundred megabytes more than the batch.
    """
    reasons = _reasons_by_row(validation.problems)
    positions = np.flatnonzero(validation.invalid_mask)
    lines = pl.DataFrame(
        {
            "row": [row for row, _ in validation.unreadable],
            "raw_line": [text for _, text in validation.unreadable],
        },
        schema={"row": pl.Int64, "raw_line": pl.String},
    )
    # The file's order: rows read into columns (positions first) and lines that were not.
    numbers = np.concatenate([validation.row_numbers[positions], lines["row"].to_numpy()])
    order = np.argsort(numbers, kind="stable")
    for start in range(0, max(len(order), 1), rows_at_a_time):
        chosen = order[start : start + rows_at_a_time]
        read = chosen[chosen < len(positions)]
        rows = pl.DataFrame(as_written(table.take(pa.array(positions[read]))))
        rows = rows.insert_column(0, pl.Series("row", numbers[read], dtype=pl.Int64))
        if validation.unreadable:
            these = lines[chosen[chosen >= len(positions)] - len(positions)]
            if len(these):
                rows = pl.concat([rows, these], how="diagonal_relaxed")
                rows = rows.sort("row", maintain_order=True)
            else:
                rows = rows.with_columns(raw_line=pl.lit(None, pl.String))
        yield _with_reasons(rows, reasons, wording)


def _with_reasons(
    rows: pl.DataFrame, reasons: pl.DataFrame, wording: RejectsWording | None
) -> pl.DataFrame:
    codes = rows.select("row").join(reasons, on="row", how="left", maintain_order="left")
    said = [codes["reasons"].fill_null("")]
    if wording is not None:
        said = [_in_words(said[0], wording).alias("reason_words"), said[0]]
    rows = rows.select(pl.col("row"), *said, pl.exclude("row"))
    if wording is not None:
        rows = rows.rename({"reasons": "reason_codes"}).rename({"reason_words": "reasons"})
        rows = rows.rename(dict(wording.headings), strict=False)
    return rows


def _spool() -> TextIO:
    """An anonymous temporary file (gone when closed, or if gnbv is killed); in memory when
    there is no usable temporary directory."""
    try:
        return tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
    except OSError:
        return io.StringIO()


class RejectsFile:
    """The rows set aside for one file, gathered batch by batch."""

    def __init__(self, target: RejectsTarget) -> None:
        self.target = target.path
        self.wording = target.wording
        self.spool: TextIO | None = None

    def add(self, table: pa.Table, validation: CensusValidation) -> None:
        """The rows of one batch (``table``, as read) that ``validation`` set aside
        (:func:`rejects_parts`); cells a spreadsheet would run as formulas are defused, as in
        every CSV gnbv writes."""
        first = self.spool is None
        if self.spool is None:
            self.spool = _spool()
        try:
            parts = enumerate(rejects_parts(table, validation, self.wording))
            for number, part in parts:
                self.spool.write(table_csv_text(part, header=first and number == 0))
        except OSError as error:  # the temporary folder is full, most likely
            raise StorageError(
                f"the rows set aside for {self.target} could not be kept in a temporary "
                f"file: {error.strerror or error}",
                hint="set TMPDIR to a folder with space (or run without --rejects)",
                key="err_temporary_write",
                params={"reason": error.strerror or error},
            ) from error

    def write(self) -> None:
        """The file, whole (a header alone when no row was set aside)."""
        spool = self.spool
        if spool is None:
            names = ["row", "reasons"]
            if self.wording is not None:
                names = [self.wording.headings[name] for name in ("row", "reasons", "reason_codes")]
            atomic_write_text(self.target, BOM + csv_text(pd.DataFrame(columns=names)))
            return

        def copy(temporary: Path) -> None:
            with writing_to(self.target):
                spool.seek(0)
                with temporary.open("w", encoding="utf-8", newline="") as handle:
                    handle.write(BOM)
                    shutil.copyfileobj(spool, handle)
                    handle.flush()
                    os.fsync(handle.fileno())

        atomic_write(self.target, copy)

    def close(self) -> None:
        """The spooled rows go (the pass is over, done or given up for another)."""
        if self.spool is not None:
            self.spool.close()

"""The rejects file (``--rejects``): the rows set aside, as read, with their reasons.

Rows are spooled to an anonymous temporary file as they come (a census with millions of bad
rows does not hold them in memory) and the file is written whole, atomically, at the end.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import TextIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from gnbv.core.census import CensusValidation
from gnbv.errors import StorageError
from gnbv.io.writers import BOM, atomic_write, atomic_write_text, neutralise_formulas, writing_to


def as_written(table: pa.Table) -> pa.Table:
    """Yes/no cells a reader typed, written back as the contract writes them ("true",
    "false", blank): a rejects file reads the same whichever reader read the census."""
    for number, column in enumerate(table.columns):
        if pa.types.is_boolean(column.type):
            words = pc.fill_null(pc.if_else(column, "true", "false"), "")
            table = table.set_column(number, table.field(number).name, words)
    return table


def rejects_table(raw: pd.DataFrame, validation: CensusValidation) -> pd.DataFrame:
    """The set-aside rows as they were read, with their row number and reasons.

    Rows that could not be split into fields keep their whole line in ``raw_line``.
    """
    problems = validation.problems
    labels = np.where(
        problems["column"] == "", problems["reason"], problems["column"] + ":" + problems["reason"]
    )
    reasons = pd.Series(labels, index=problems.index).groupby(problems["row"]).agg("; ".join)
    rows = raw.loc[validation.invalid_mask].copy()
    rows.insert(0, "row", validation.row_numbers[validation.invalid_mask])
    if validation.unreadable:
        lines = pd.DataFrame(
            {
                "row": [row for row, _ in validation.unreadable],
                "raw_line": [text for _, text in validation.unreadable],
            }
        )
        rows = pd.concat([rows, lines], ignore_index=True).sort_values("row", kind="stable")
    rows.insert(1, "reasons", rows["row"].map(reasons).fillna(""))
    return rows.reset_index(drop=True)


def _spool() -> TextIO:
    """An anonymous temporary file (gone when closed, or if gnbv is killed); in memory when
    there is no usable temporary directory."""
    try:
        return tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
    except OSError:
        return io.StringIO()


class RejectsFile:
    """The rows set aside for one file, gathered batch by batch."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.spool: TextIO | None = None

    def add(self, rows: pd.DataFrame) -> None:
        """Rows of :func:`rejects_table`; cells a spreadsheet would run as
        formulas are defused, as in every CSV gnbv writes."""
        first = self.spool is None
        if self.spool is None:
            self.spool = _spool()
        text = neutralise_formulas(rows).to_csv(index=False, header=first, lineterminator="\n")
        try:
            self.spool.write(text)
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
            atomic_write_text(self.target, BOM + "row,reasons\n")
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

"""The rejects file (``--rejects``): the rows set aside, as read, with their reasons.

Rows are spooled to an anonymous temporary file as they come (a census with millions of bad
rows does not hold them in memory) and the file is written whole, atomically, at the end.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class RejectsWording:
    """The rejects file for a person: its columns headed in their words and each reason
    said in words, the reason codes kept in a column of their own (``reason_codes``).

    ``headings`` heads the columns ``row``, ``reasons``, ``reason_codes``, ``raw_line`` and
    the census's (by canonical name); ``reasons`` words each reason code.
    """

    headings: Mapping[str, str]
    reasons: Mapping[str, str]


@dataclass(frozen=True)
class RejectsTarget:
    """Where the rejects file goes, and how it is worded (none: canonical column names and
    reason codes, for programs)."""

    path: Path
    wording: RejectsWording | None = field(default=None)


def _reasons_by_row(problems: pd.DataFrame, wording: RejectsWording | None) -> pd.Series:
    """Each row's reasons, in one cell: "income_per_capita:not_a_number; ..." or, worded,
    "Thu nhập bình quân đầu người: cột số chứa chữ; ..."."""
    columns, reasons = problems["column"], problems["reason"]
    if wording is None:
        labels = np.where(columns == "", reasons, columns + ":" + reasons)
    else:
        column_words = columns.map(wording.headings).fillna(columns)
        reason_words = reasons.map(wording.reasons).fillna(reasons)
        labels = np.where(columns == "", reason_words, column_words + ": " + reason_words)
    return pd.Series(labels, index=problems.index).groupby(problems["row"]).agg("; ".join)


def rejects_table(
    raw: pd.DataFrame, validation: CensusValidation, wording: RejectsWording | None = None
) -> pd.DataFrame:
    """The set-aside rows as they were read, with their row number and reasons.

    Rows that could not be split into fields keep their whole line in ``raw_line``.
    """
    problems = validation.problems
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
    rows.insert(1, "reasons", rows["row"].map(_reasons_by_row(problems, None)).fillna(""))
    if wording is not None:
        words = rows["row"].map(_reasons_by_row(problems, wording)).fillna("")
        rows.insert(1, "reason_words", words)
        rows = rows.rename(columns={"reasons": "reason_codes", "reason_words": "reasons"})
        rows = rows.rename(columns=dict(wording.headings))
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

    def __init__(self, target: RejectsTarget) -> None:
        self.target = target.path
        self.wording = target.wording
        self.spool: TextIO | None = None

    def add(self, raw: pd.DataFrame, validation: CensusValidation) -> None:
        """The set-aside rows of one batch (:func:`rejects_table`); cells a spreadsheet would
        run as formulas are defused, as in every CSV gnbv writes."""
        rows = rejects_table(raw, validation, self.wording)
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
            names = ["row", "reasons"]
            if self.wording is not None:
                names = [self.wording.headings[name] for name in ("row", "reasons", "reason_codes")]
            header = pd.DataFrame(columns=names)
            atomic_write_text(self.target, BOM + header.to_csv(index=False, lineterminator="\n"))
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

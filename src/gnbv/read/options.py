"""How to read a census file, as a user or a program asks for it.

Kept apart from the reader so that naming the options imports nothing heavy: ``gnbv check``
builds them before pandas and polars load, while the file's scan already runs on the other
core (:func:`gnbv.read.scan.start_early_scan`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

STREAM_BLOCK = 1 << 20
"""Bytes of CSV Arrow parses at a time (small blocks keep both cores busy)."""
BATCH_ROWS = 200_000
"""Rows validated together (parsed blocks are gathered up to this many)."""


@dataclass(frozen=True)
class ReadOptions:
    """How to read a census file; every field may be left to detection."""

    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    columns: Path | None = None
    """A column mapping YAML (a district's own headers and codes)."""
    show_values: bool = False
    batch_rows: int = BATCH_ROWS
    """Rows of the census handed over, and validated, at most this many at a time: fewer hold
    less memory, at some speed."""
    block_bytes: int = STREAM_BLOCK
    """Bytes of a CSV that is not plain UTF-8 parsed at a time (Arrow's reader)."""
    earlier_sheet: str | None = None
    """The sheet of the earlier census (``--baseline``, the previous review), when its
    workbook names it otherwise; None: ``sheet``."""
    sheet_option: str = "--sheet"
    """The option that names this file's sheet, as a refusal's hint gives it."""

    def for_earlier(self) -> ReadOptions:
        """How to read the earlier census: its own sheet, if given."""
        return replace(
            self, sheet=self.earlier_sheet or self.sheet, sheet_option="--previous-sheet"
        )

"""Read a census CSV file into text cells under canonical column names.

Every cell stays text ("" for blank): deciding what a bad cell is belongs to the validation in
``gnbv.core.census``, which reports it by row and column instead of failing the whole read.
Only the columns gnbv knows are read, which is what makes large files fast.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from gnbv.core.census import header_lookup, normalise_header
from gnbv.errors import CensusReadError


def _read_header(path: Path) -> list[str]:
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
    except UnicodeDecodeError as error:
        raise CensusReadError(
            f"{path}: the header is not UTF-8 text (byte {error.start})",
            hint="save the file as CSV UTF-8",
        ) from error
    if not first.strip():
        raise CensusReadError(
            f"{path}: the file is empty or its first line is blank",
            hint="the first line must be the header",
        )
    return next(csv.reader(io.StringIO(first)))


def read_census_text(path: Path, required: list[str]) -> pd.DataFrame:
    """The file's known columns as text, renamed to canonical names.

    Raises :class:`CensusReadError` (exit 2) for a missing file, an unreadable header, a
    header that names one column twice, or missing required columns (all listed at once).
    """
    if not path.exists():
        raise CensusReadError(f"{path}: no such file", hint="check the path")
    if path.is_dir():
        raise CensusReadError(f"{path}: is a directory, not a census file")
    header = _read_header(path)
    lookup = header_lookup()
    renames: dict[str, str] = {}
    seen: dict[str, str] = {}
    for column_number, name in enumerate(header, start=1):
        canonical = lookup.get(normalise_header(name))
        if canonical is None:
            continue
        if canonical in seen:
            raise CensusReadError(
                f"{path}: columns {seen[canonical]!r} and {name!r} (column {column_number}) "
                f"both mean {canonical}",
                hint="keep one of them",
            )
        seen[canonical] = name
        renames[name] = canonical
    missing = [column for column in required if column not in seen]
    if missing:
        raise CensusReadError(
            f"{path}: missing required column{'s' if len(missing) > 1 else ''}: "
            f"{', '.join(missing)}",
            hint="add them, or rename the header (the README lists the accepted names)",
        )
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    try:
        table = pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(encoding="utf-8"),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                include_columns=list(renames),
                column_types=dict.fromkeys(renames, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as error:
        # Arrow quotes the offending row; cut it off: census rows are personal data.
        reason = re.sub(r"(got \d+)\b.*", r"\1", str(error), flags=re.DOTALL)
        raise CensusReadError(
            f"{path}: cannot be read as CSV: {reason}",
            hint="check the row named above for a stray quote or a wrong number of fields",
        ) from None
    frame: pd.DataFrame = table.to_pandas()
    frame.columns = [renames[name] for name in frame.columns]
    frame.attrs["source"] = str(path)
    return frame

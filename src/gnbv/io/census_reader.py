"""Read a census file (CSV in any of the accepted encodings and delimiters, or .xlsx) into text
cells under canonical column names.

Every cell stays text ("" for blank): deciding what a bad cell is belongs to the validation in
``gnbv.core.census``, which reports it by row and column instead of failing the whole read.
Only the columns gnbv knows are kept, which is what makes large files fast. A row with more or
fewer fields than the header (or cut off by the end of the file) is set aside as
``wrong_field_count`` with its row number, not a reason to refuse the file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from gnbv.core.census import FIRST_DATA_ROW, header_lookup, normalise_header
from gnbv.core.mapping import ColumnMapping
from gnbv.errors import CensusReadError
from gnbv.io.text_source import open_text_source

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_DEFAULT_BLOCK = 1 << 20
_LARGEST_BLOCK = 1 << 30


@dataclass
class RawCensus:
    frame: pd.DataFrame
    row_numbers: np.ndarray
    unreadable: list[tuple[int, str]] = field(default_factory=list)
    source: dict[str, Any] = field(default_factory=dict)
    """file, format, encoding, delimiter, sheet, sha256: said in the report."""


def _map_header(
    path: Path, header: list[str], required: list[str], mapping: ColumnMapping | None
) -> dict[str, str]:
    """Their header -> canonical name, for the columns gnbv knows."""
    lookup = header_lookup()
    theirs = {
        normalise_header(key): value for key, value in (mapping.columns if mapping else {}).items()
    }
    renames: dict[str, str] = {}
    seen: dict[str, str] = {}
    for number, name in enumerate(header, start=1):
        key = normalise_header(name)
        canonical = theirs.get(key) or lookup.get(key)
        if canonical is None:
            continue
        if canonical in seen:
            raise CensusReadError(
                f"{path}: columns {seen[canonical]!r} and {name!r} (column {number}) both mean "
                f"{canonical}",
                hint="keep one of them, or map one elsewhere with --columns",
            )
        seen[canonical] = name
        renames[name] = canonical
    missing = [column for column in required if column not in seen]
    if missing:
        raise CensusReadError(
            f"{path}: missing required column{'s' if len(missing) > 1 else ''}: "
            f"{', '.join(missing)}",
            hint="add them, rename the headers (the README lists the accepted names), or map "
            "them with --columns FILE",
        )
    return renames


def _read_csv_table(
    source: Any,
    delimiter: str,
    names: list[str],
    serial: bool,
    bad_rows: list[tuple[int | None, str]],
) -> Any:
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    def on_bad_row(row: Any) -> str:
        bad_rows.append((row.number, row.text))
        return "skip"

    block = _DEFAULT_BLOCK
    while True:
        try:
            stream = source() if callable(source) else source
            return pa_csv.read_csv(
                stream,
                read_options=pa_csv.ReadOptions(use_threads=not serial, block_size=block),
                parse_options=pa_csv.ParseOptions(
                    delimiter=delimiter, newlines_in_values=True, invalid_row_handler=on_bad_row
                ),
                convert_options=pa_csv.ConvertOptions(
                    include_columns=names,
                    column_types=dict.fromkeys(names, pa.string()),
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
        except pa.ArrowInvalid as error:
            # A field longer than a parse block: retry with larger blocks, up to 1 GiB.
            if "straddling" in str(error) and block < _LARGEST_BLOCK:
                block *= 16
                bad_rows.clear()
                continue
            raise


def _read_csv(
    path: Path,
    required: list[str],
    *,
    encoding: str | None,
    delimiter: str | None,
    mapping: ColumnMapping | None,
) -> RawCensus:
    import pyarrow as pa

    text = open_text_source(path, encoding=encoding, delimiter=delimiter)
    renames = _map_header(path, text.header, required, mapping)
    bad_rows: list[tuple[int | None, str]] = []
    try:
        table = _read_csv_table(text.stream, text.delimiter, list(renames), False, bad_rows)
        if bad_rows:
            # Only the serial reader numbers the rows it skips; read again to name them.
            bad_rows.clear()
            table = _read_csv_table(text.stream, text.delimiter, list(renames), True, bad_rows)
    except pa.ArrowInvalid as error:
        # Arrow may quote the offending row: census rows are personal data, so keep only
        # the first sentence of its message.
        reason = str(error).split(":", 1)[0]
        raise CensusReadError(
            f"{path}: cannot be read as CSV: {reason}",
            hint="check the file is a CSV export of the census",
        ) from None
    frame: pd.DataFrame = table.to_pandas()
    frame.columns = [renames[name] for name in frame.columns]
    skipped = sorted(int(number) for number, _ in bad_rows if number is not None)
    total = len(frame) + len(skipped)
    all_numbers = np.arange(FIRST_DATA_ROW, FIRST_DATA_ROW + total, dtype=np.int64)
    row_numbers = np.setdiff1d(all_numbers, np.array(skipped, dtype=np.int64), assume_unique=True)
    unreadable = sorted((int(number), line) for number, line in bad_rows if number is not None)
    source = {
        "file": str(path),
        "format": "csv",
        "encoding": text.encoding,
        "delimiter": text.delimiter,
        "sheet": None,
        "sha256": text.sha256,
    }
    return RawCensus(frame, row_numbers, unreadable, source)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _read_xlsx(
    path: Path, required: list[str], *, sheet: str | None, mapping: ColumnMapping | None
) -> RawCensus:
    import openpyxl

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        raise CensusReadError(
            f"{path}: this is a zip file (an .xlsx workbook?), not a CSV file",
            hint="give an .xlsx workbook its .xlsx name, or export CSV",
        )
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types on a damaged workbook
        raise CensusReadError(
            f"{path}: not a readable .xlsx workbook ({type(error).__name__})",
            hint="open it in Excel and save it again as .xlsx",
        ) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise CensusReadError(
                f"{path}: no sheet {sheet!r}; sheets: {', '.join(workbook.sheetnames)}"
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        rows = worksheet.iter_rows(values_only=True)
        header: list[str] | None = None
        records: list[list[str]] = []
        numbers: list[int] = []
        try:
            for number, values in enumerate(rows, start=1):
                cells = [_cell_text(value) for value in values]
                if not any(cell.strip() for cell in cells):
                    continue  # blank rows: skipped, row numbers of the rest stay Excel's
                if header is None:
                    header = cells
                    continue
                records.append(cells)
                numbers.append(number)
        except Exception as error:  # a damaged sheet inside a readable zip
            raise CensusReadError(
                f"{path}: the sheet {worksheet.title!r} cannot be read ({type(error).__name__})",
                hint="open it in Excel and save it again as .xlsx",
            ) from None
    finally:
        workbook.close()
    if header is None:
        raise CensusReadError(
            f"{path}: the sheet {worksheet.title!r} is empty",
            hint="the first row must be the header",
        )
    renames = _map_header(path, header, required, mapping)
    positions = [header.index(name) for name in renames]
    width = len(header)
    data = {renames[header[p]]: [r[p] if p < len(r) else "" for r in records] for p in positions}
    frame = (
        pd.DataFrame(data, dtype="str")
        if records
        else pd.DataFrame({name: pd.Series([], dtype="str") for name in renames.values()})
    )
    too_wide = [
        number
        for number, record in zip(numbers, records, strict=True)
        if len(record) > width and any(cell.strip() for cell in record[width:])
    ]
    source = {
        "file": str(path),
        "format": "xlsx",
        "encoding": None,
        "delimiter": None,
        "sheet": worksheet.title,
        "sha256": digest,
    }
    raw = RawCensus(frame, np.array(numbers, dtype=np.int64), [], source)
    if too_wide:
        keep = ~np.isin(raw.row_numbers, too_wide)
        raw = RawCensus(
            frame.loc[keep].reset_index(drop=True),
            raw.row_numbers[keep],
            [(number, "") for number in too_wide],
            source,
        )
    return raw


def _looks_like_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def read_census(
    path: Path,
    required: list[str],
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
) -> RawCensus:
    """The file's known columns as text, renamed to canonical names, with row numbers.

    Raises :class:`CensusReadError` (exit 2) for a missing or unreadable file, a header that
    names one column twice, or missing required columns (all listed at once).
    """
    if not path.exists():
        raise CensusReadError(f"{path}: no such file", hint="check the path")
    if path.is_dir():
        raise CensusReadError(f"{path}: is a directory, not a census file")
    if path.suffix.lower() in EXCEL_SUFFIXES or _looks_like_zip(path):
        return _read_xlsx(path, required, sheet=sheet, mapping=mapping)
    if sheet is not None:
        raise CensusReadError(f"{path}: --sheet is for .xlsx workbooks")
    return _read_csv(path, required, encoding=encoding, delimiter=delimiter, mapping=mapping)

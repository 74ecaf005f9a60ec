"""Parquet files, read row group by row group (columns typed or text: a text column's
conventions, "950.000", "1.200.000 đ", ticks, decided from the whole column as a CSV's are)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa

from gnbv.core.contract.columns import FIRST_DATA_ROW
from gnbv.core.contract.conventions import (
    ColumnConventions,
    columns_that_may_decide,
    decide_conventions,
    evidence_of_blocks,
)
from gnbv.core.contract.mapping import ColumnMapping
from gnbv.errors import CensusReadError
from gnbv.read.columns import map_header
from gnbv.read.scan import file_sha256
from gnbv.read.source import (
    CensusBatch,
    CensusStream,
    file_described,
    is_arrow_text,
    rows_in_a_batch,
)


def stream_parquet(
    path: Path, required: list[str], mapping: ColumnMapping | None, batch_rows: int
) -> CensusStream:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several types on a damaged file
        raise CensusReadError(
            f"{path}: not a readable Parquet file ({type(error).__name__})",
            hint="write it again, or export CSV",
            key="err_bad_parquet",
            params={"path": path},
        ) from None
    renames = map_header(path, parquet.schema_arrow.names, required, mapping)
    as_text = [name for name in renames if is_arrow_text(parquet.schema_arrow.field(name).type)]
    rows = rows_in_a_batch(batch_rows, len(as_text))  # text holds more memory, as a CSV's

    def batches() -> Iterator[CensusBatch]:
        next_row = FIRST_DATA_ROW
        for batch in parquet.iter_batches(batch_size=rows, columns=list(renames)):
            table = pa.Table.from_batches([batch]).rename_columns(
                [renames[name] for name in batch.schema.names]
            )
            numbers = np.arange(next_row, next_row + table.num_rows, dtype=np.int64)
            next_row += table.num_rows
            yield CensusBatch(table, numbers, [], 0)

    source = file_described(path, "parquet", sha256=file_sha256(path))
    conventions = _conventions(path, renames, as_text, required)
    return CensusStream(source, batches(), renames, parser="parquet", conventions=conventions)


def _conventions(
    path: Path, renames: dict[str, str], as_text: list[str], required: list[str]
) -> ColumnConventions:
    """How the text columns write thousands, units and yes/no, from the whole of them (those
    columns read once more, by polars' streaming engine, a few at a time: memory stays
    flat), as a CSV's are decided: the same cells give the same report in either file. Typed
    columns hold plain values and decide nothing; a Parquet typed throughout is not read
    twice (``as_text``: the file's text columns, by header)."""
    deciding = columns_that_may_decide(renames.values(), [renames[name] for name in as_text])
    names = [(name, canonical) for name, canonical in renames.items() if canonical in deciding]
    if not names:
        return ColumnConventions()
    headers = {canonical: [name] for name, canonical in names}
    counts: dict[str, int] = {}
    for start in range(0, len(names), COLUMNS_LOOKED_AT_TOGETHER):
        group = names[start : start + COLUMNS_LOOKED_AT_TOGETHER]
        cells = pl.scan_parquet(path).select(pl.col(name).alias(c) for name, c in group)
        counts |= evidence_of_blocks([c for _, c in group], [cells], headers)
    return decide_conventions(counts, [c for _, c in names], required)


COLUMNS_LOOKED_AT_TOGETHER = 8
"""Columns of a Parquet file counted in one query: polars' streaming engine holds the cells
of every column it counts, for each piece it reads (the 33 number and yes/no columns of 2
million households at once: 400 to 620 MB; eight at a time: 240 to 360 MB, in the same time;
the compressed file is decoded once per query)."""

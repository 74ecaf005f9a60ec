"""Parquet files, read row group by row group (columns typed or text)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa

from gnbv.core.contract.columns import FIRST_DATA_ROW
from gnbv.core.contract.mapping import ColumnMapping
from gnbv.errors import CensusReadError
from gnbv.read.columns import map_header
from gnbv.read.scan import file_sha256
from gnbv.read.source import CensusBatch, CensusStream


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

    def batches() -> Iterator[CensusBatch]:
        next_row = FIRST_DATA_ROW
        for batch in parquet.iter_batches(batch_size=batch_rows, columns=list(renames)):
            table = pa.Table.from_batches([batch]).rename_columns(
                [renames[name] for name in batch.schema.names]
            )
            numbers = np.arange(next_row, next_row + table.num_rows, dtype=np.int64)
            next_row += table.num_rows
            yield CensusBatch(table, numbers, [], 0)

    digest = file_sha256(path)
    source = {
        "file": str(path),
        "format": "parquet",
        "encoding": None,
        "delimiter": None,
        "sheet": None,
        "sha256": digest,
    }
    return CensusStream(source, batches(), renames, parser="parquet")

"""Files gnbv writes: whole or not at all (a temporary file in the same folder, then rename)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

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


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula get a leading apostrophe; a plain
    negative number (``-0.02``) is a number, not a formula, and is left as it is."""
    out = frame.copy()
    for position in range(out.shape[1]):
        values = out.iloc[:, position]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            text = values.astype("str")
            risky = (
                text.str.startswith(FORMULA_STARTS) & ~text.str.fullmatch(r"-\d+(\.\d+)?")
            ).fillna(False).to_numpy(dtype=bool) & values.notna().to_numpy(dtype=bool)
            if risky.any():
                out.isetitem(position, np.where(risky, "'" + text, values.astype("object")))
    return out


BOM = "\ufeff"
"""Starts every CSV file gnbv writes for people (lists, rejects, classes, reports): Excel
reads the file as UTF-8 and shows Vietnamese right. Python reads it with ``utf-8-sig``."""


def write_csv(frame: pd.DataFrame, path: Path, *, bom: bool = True) -> None:
    text = neutralise_formulas(frame).to_csv(index=False, lineterminator="\n")
    atomic_write_text(path, (BOM if bom else "") + text)


def refuse_overwriting_inputs(output: Path, inputs: list[Path]) -> None:
    for source in inputs:
        if source.exists() and output.exists() and output.resolve() == source.resolve():
            raise UsageError(
                f"{output}: refusing to overwrite an input file",
                hint="choose another output path",
                key="err_overwrite_input",
                params={"path": output},
            )

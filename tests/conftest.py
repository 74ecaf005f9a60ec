"""Shared helpers: run the CLI in-process, find the shipped files, build census files in code."""

from __future__ import annotations

import csv
import gzip
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from gnbv.cli import run
from gnbv.core.plan.model import Plan
from gnbv.core.plan.standards import Standard
from gnbv.io.yaml_loader import load_plan, load_standard
from gnbv.read.census import open_census_stream, with_read_retries
from gnbv.read.source import ReadMode
from gnbv.synth.office import to_cp1258

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
PLAN_2024 = ROOT / "plan_2024.yaml"

DEPRIVATIONS = [
    "dep_employment",
    "dep_dependents",
    "dep_nutrition",
    "dep_health_insurance",
    "dep_adult_education",
    "dep_child_schooling",
    "dep_housing_quality",
    "dep_housing_area",
    "dep_water",
    "dep_sanitation",
    "dep_telecom",
    "dep_information_access",
]
REQUIRED = [
    "household_id",
    "district",
    "commune",
    "area",
    "members",
    "income_per_capita",
    *DEPRIVATIONS,
]


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Iterator[object]:
    """Run ``gnbv`` in this process through its one error boundary; return code and streams."""

    def invoke(*args: str | Path, cwd: Path | None = None) -> CliResult:
        previous = Path.cwd()
        if cwd is not None:
            os.chdir(cwd)
        try:
            capsys.readouterr()
            code = run([str(arg) for arg in args])
            out, err = capsys.readouterr()
        finally:
            os.chdir(previous)
        return CliResult(code, out, err)

    yield invoke


@pytest.fixture(scope="session")
def plan_2024() -> Plan:
    return load_plan(PLAN_2024)


@pytest.fixture(scope="session")
def nd07() -> Standard:
    return load_standard("nd07_2022_2025")


def plan_of_districts(folder: Path, districts: list[str]) -> Path:
    """``plan_2024.yaml`` whose province is made of these districts only, every target as
    the plan states it: a small census worked by hand lives in one or two districts, and a
    figure of the whole province needs every district the plan lists."""
    import yaml

    document = yaml.safe_load(PLAN_2024.read_text(encoding="utf-8"))
    areas = document["areas"]
    areas["districts"] = districts
    areas["poor_districts"] = [name for name in areas["poor_districts"] if name in districts]
    path = folder / f"plan_2024_{len(districts)}_districts.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def one_district_census(source: Path, out: Path, district: str = "Sơn Động") -> Path:
    """The households of one district of a census file (UTF-8 CSV): a district office's."""
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("district")
    with out.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([rows[0], *(r for r in rows[1:] if r[column] == district)])
    return out


def household(
    household_id: str,
    *,
    district: str = "Sơn Động",
    commune: str = "An Lạc",
    area: str = "rural",
    members: int | str = 4,
    income: int | str = 3_000_000,
    deprived: int | list[str] = 0,
    **extra: object,
) -> dict[str, str]:
    """One census row as text; ``deprived``: the first N deprivation flags, or their names."""
    row = {
        "household_id": household_id,
        "district": district,
        "commune": commune,
        "area": area,
        "members": str(members),
        "income_per_capita": str(income),
    }
    for position, column in enumerate(DEPRIVATIONS):
        chosen = position < deprived if isinstance(deprived, int) else column in deprived
        row[column] = "true" if chosen else "false"
    for key, value in extra.items():
        if isinstance(value, bool):
            row[key] = "true" if value else "false"
        else:
            row[key] = "" if value is None else str(value)
    return row


def write_census(path: Path, rows: list[dict[str, str]]) -> Path:
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def in_three_kinds(text: str, folder: Path, name: str = "census.csv") -> list[Path]:
    """A census's text as gnbv's readers meet it: plain UTF-8 (polars' read), gzip and
    cp1258 (Arrow's, the second converted as it is read); not in cp1258 when the text holds
    a character cp1258 cannot write (a "✓": such a file does not exist)."""
    kinds = {
        name: text.encode("utf-8"),
        f"{name}.gz": gzip.compress(text.encode("utf-8"), mtime=0),
    }
    try:
        kinds[f"cp1258_{name}"] = to_cp1258(text)
    except UnicodeEncodeError:
        pass
    for file_name, data in kinds.items():
        (folder / file_name).write_bytes(data)
    return [folder / file_name for file_name in kinds]


def assert_golden(name: str, text: str) -> None:
    """Compare rendered text with ``tests/golden/NAME``; GNBV_UPDATE_GOLDEN=1 rewrites it.

    Trailing spaces are dropped on both sides: rich pads lines, editors strip them.
    """
    normalised = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    path = GOLDEN / name
    if os.environ.get("GNBV_UPDATE_GOLDEN") == "1":
        path.write_text(normalised, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with GNBV_UPDATE_GOLDEN=1 to create it"
    assert normalised == path.read_text(encoding="utf-8")


@dataclass
class WholeCensus:
    frame: pd.DataFrame
    row_numbers: np.ndarray
    unreadable: list[tuple[int, str]]


def read_census(path: Path, required: list[str]) -> WholeCensus:
    """A census read whole, every cell as text, by Arrow's reader: a reference for tests
    that validate a file in one go, apart from the engine."""

    def attempt(mode: ReadMode) -> WholeCensus:
        stream = open_census_stream(path, required, mode=mode)
        batches = list(stream.batches)
        table = pa.concat_tables([batch.table for batch in batches], promote_options="default")
        numbers = np.concatenate([batch.row_numbers for batch in batches])
        unreadable = [row for batch in batches for row in batch.unreadable]
        return WholeCensus(table.to_pandas(), numbers, unreadable)

    return with_read_retries(attempt, ReadMode(typed=False, polars=False))

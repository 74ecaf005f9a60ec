"""A stray double quote never costs households silently.

A quote that opens a cell and is not closed on its line makes every row after it (up to the
next stray quote, or the end of the file) part of that one cell: before, such a census was
reported on the rows above the quote, as if the others did not exist. Now the run stops and
says the line and column of the quote; a cell that really holds a line break (a note typed
on two lines in Excel) is read as before.
"""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, PLAN_2024

UNCLOSED = DATA / "census_unclosed_quote.csv"
STRAY_PAIR = DATA / "census_stray_quotes.csv"
NOTE = DATA / "census_note_on_two_lines.csv"


def _check(cli: Any, path: Path) -> Any:
    return cli("check", path, "--plan", PLAN_2024, "--format", "json", "--lang", "en")


@pytest.mark.parametrize(("census", "swallowed"), [(UNCLOSED, 20), (STRAY_PAIR, 4)])
def test_a_stray_quote_stops_the_run_and_says_where_it_is(
    cli: Any, census: Path, swallowed: int
) -> None:
    result = _check(cli, census)
    assert result.exit_code == 2
    assert "line 11, column 'commune'" in result.stderr
    assert f"{swallowed} rows after it" in result.stderr
    assert "remove the stray double quote on line 11" in result.stderr
    document = json.loads(result.stdout)
    assert document["status"] == "error" and "rates" not in document


def test_the_file_reads_whole_once_the_quote_is_removed(cli: Any, tmp_path: Path) -> None:
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(UNCLOSED.read_text(encoding="utf-8").replace(',"', ","), encoding="utf-8")
    document = json.loads(_check(cli, fixed).stdout)
    assert document["input"]["rows"] == 30 and document["input"]["invalid_rows"] == 0


def _cp1258(text: str) -> bytes:
    """Vietnamese in cp1258: base letters and tone marks apart (what Python's codec cannot
    write becomes "?": only the quotes' places matter here)."""
    return unicodedata.normalize("NFD", text).encode("cp1258", errors="replace")


@pytest.mark.parametrize("encoding", ["cp1258", "utf-16"])
@pytest.mark.parametrize("census", [UNCLOSED, STRAY_PAIR])
def test_a_census_in_another_encoding_says_the_line_too(
    cli: Any, tmp_path: Path, census: Path, encoding: str
) -> None:
    text = census.read_text(encoding="utf-8")
    converted = tmp_path / f"census_{encoding}.csv"
    converted.write_bytes(_cp1258(text) if encoding == "cp1258" else text.encode("utf-16"))
    result = _check(cli, converted)
    assert result.exit_code == 2
    assert "line 11, column 'commune'" in result.stderr


@pytest.mark.parametrize("census", [UNCLOSED, STRAY_PAIR])
def test_a_gzipped_census_says_the_line_too(cli: Any, tmp_path: Path, census: Path) -> None:
    compressed = tmp_path / "census.csv.gz"
    compressed.write_bytes(gzip.compress(census.read_bytes()))
    result = _check(cli, compressed)
    assert result.exit_code == 2
    assert "line 11, column 'commune'" in result.stderr


def _large_unclosed(tmp_path: Path) -> Path:
    """Over a megabyte of rows after the quote: longer than a block of Arrow's reader."""
    header, *rows = UNCLOSED.read_text(encoding="utf-8").replace(',"', ",").splitlines()
    lines = [header]
    for copy in range(500):
        for number, row in enumerate(rows):
            fields = row.split(",")
            fields[0] = f"BG{copy:05d}{number:04d}"
            lines.append(",".join(fields))
    fields = lines[11].split(",")
    fields[2] = '"' + fields[2]
    lines[11] = ",".join(fields)
    census = tmp_path / "large.csv"
    census.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert census.stat().st_size > 2**20
    return census


def test_rows_longer_than_a_block_stop_the_run(cli: Any, tmp_path: Path) -> None:
    census = _large_unclosed(tmp_path)
    result = _check(cli, census)
    assert result.exit_code == 2
    assert "line 12, column 'commune'" in result.stderr
    gzipped = tmp_path / "large.csv.gz"
    gzipped.write_bytes(gzip.compress(census.read_bytes()))
    result = _check(cli, gzipped)
    assert result.exit_code == 2
    assert "line 12, column 'commune'" in result.stderr


@pytest.mark.parametrize("compressed", [False, True])
def test_a_note_on_two_lines_is_one_household_among_the_others(
    cli: Any, tmp_path: Path, compressed: bool
) -> None:
    census = NOTE
    if compressed:
        census = tmp_path / "note.csv.gz"
        census.write_bytes(gzip.compress(NOTE.read_bytes()))
    result = cli("check", census, "--plan", PLAN_2024, "--format", "json", "--exit-zero")
    assert result.exit_code == 0
    summary = json.loads(result.stdout)["input"]
    assert summary["rows"] == 30 and summary["invalid_rows"] == 0


@pytest.mark.parametrize("form", ["gzip", "cp1258"])
def test_a_cell_of_megabytes_is_read_whatever_the_file(cli: Any, tmp_path: Path, form: str) -> None:
    """Longer than a block of Arrow's reader, and no stray quote: read with larger blocks."""
    header, *rows = UNCLOSED.read_text(encoding="utf-8").replace(',"', ",").splitlines()
    fields = rows[3].split(",")
    fields[2] = "x" * 3_000_000
    rows[3] = ",".join(fields)
    text = "\n".join([header, *rows]) + "\n"
    census = tmp_path / ("census.csv.gz" if form == "gzip" else "census.csv")
    census.write_bytes(gzip.compress(text.encode()) if form == "gzip" else _cp1258(text))
    result = cli("check", census, "--plan", PLAN_2024, "--format", "json", "--exit-zero")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["input"]["rows"] == 30

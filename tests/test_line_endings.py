"""Lines may end in "\\n", "\\r\\n" or "\\r" alone (an old Mac export): the same report.

Before, a file whose lines end in a carriage return alone stopped with an internal error
(exit 4): the fast reader took the whole file as one line.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, PLAN_2024

CENSUS = DATA / "census_note_on_two_lines.csv"


def _report(cli: Any, path: Path) -> dict[str, Any]:
    result = cli("check", path, "--plan", PLAN_2024, "--format", "json", "--exit-zero")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    for key in ("file", "format", "sha256"):  # which file, not what it says
        document["input"].pop(key)
    return document


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
@pytest.mark.parametrize("compressed", [False, True])
def test_every_line_ending_gives_the_same_report(
    cli: Any, tmp_path: Path, ending: str, compressed: bool
) -> None:
    text = CENSUS.read_text(encoding="utf-8")
    written = text.replace("\n", ending).encode("utf-8")
    census = tmp_path / ("census.csv.gz" if compressed else "census.csv")
    census.write_bytes(gzip.compress(written) if compressed else written)
    report = _report(cli, census)
    assert report["input"]["rows"] == 30
    assert report == _report(cli, CENSUS)

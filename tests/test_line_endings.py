"""Lines may end in "\\n", "\\r\\n" or "\\r" alone (an old Mac export): the same report.

Before, a file whose lines end in a carriage return alone stopped with an internal error
(exit 4): the fast reader took the whole file as one line.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, PLAN_2024, in_three_kinds

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


def _read(cli: Any, path: Path) -> dict[str, Any]:
    """The report of a census with rows set aside (more than the quality gate allows)."""
    result = cli("check", path, "--plan", PLAN_2024, "--format", "json", "--max-invalid", "100")
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.mark.parametrize(
    ("census", "rows_above"),
    [("census_header_on_two_lines.csv", 0), ("census_form_header_on_two_lines.csv", 2)],
)
def test_a_header_typed_on_two_lines_is_read_and_rows_keep_their_numbers(
    cli: Any, tmp_path: Path, census: str, rows_above: int
) -> None:
    """Excel saves a header cell typed with Alt+Enter ("Thu nhập bình quân⏎(đồng/người/
    tháng)") as a quoted cell holding a line break. The header was read up to that break:
    the file was refused, every column after it "missing". Now it is read as the same
    header typed on one line, in every kind of file, under a form's title rows too, and each
    row keeps the number a spreadsheet gives it (a row cut short, row 30, included)."""
    text = (DATA / census).read_bytes().decode("utf-8")
    above_households = text.index("BG01")
    # Lines end in "\r\n"; a break typed in a cell is a "\n" alone.
    typed_breaks = re.compile(r"(?<!\r)\n")
    assert len(typed_breaks.findall(text[:above_households])) == 3 + (1 if rows_above else 0)
    header_on_one_line = tmp_path / "one_line.csv"
    one_line = typed_breaks.sub(" ", text[:above_households]) + text[above_households:]
    header_on_one_line.write_bytes(one_line.encode("utf-8"))
    expected = _read(cli, header_on_one_line)["households"]
    for path in in_three_kinds(text, tmp_path):
        report = _read(cli, path)
        problems = [(p["row"], p["reason"]) for p in report["input"]["problems"]]
        assert problems == [
            (12 + rows_above, "invalid_area"),
            (30 + rows_above, "wrong_field_count"),
        ], path.name
        assert report["households"] == expected
        assert report["input"]["valid_rows"] == 38

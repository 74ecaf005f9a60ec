"""Every kind of census file gnbv reads gives the report recorded for it.

``tests/corpus/files/`` holds one named file per kind (encodings, delimiters, quoting, short
rows, blank lines, Vietnamese words, numbers and headers, ids, gzip, Parquet, xlsx, a column
mapping, and files that must be refused); ``tests/corpus/expected/`` holds what gnbv gave for
each: exit code, JSON report, messages, rejects file and, for some, the ``classify`` output.
A change to the engine must give the same, byte for byte; a deliberate change to a report is
recorded again with ``GNBV_UPDATE_CORPUS=1 pytest tests/test_corpus.py`` and reviewed as a diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PLAN_2024

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = CORPUS / "files"
EXPECTED = CORPUS / "expected"

CASES: dict[str, list[str]] = {
    "canonical.csv": [],
    "utf8_bom.csv": [],
    "utf16_tab.txt": [],
    "cp1258_semicolon.csv": [],
    "nfd.csv": [],
    "tab.tsv": [],
    "lf_no_final_newline.csv": [],
    "vietnamese_words.csv": [],
    "status_prev_words.csv": [],
    "dotted_thousands.csv": [],
    "doubtful_numbers.csv": ["--max-invalid", "100"],
    "bad_cells.csv": ["--max-invalid", "100"],
    "bad_cells.csv --show-values": ["--max-invalid", "100", "--show-values"],
    "ids.csv": ["--max-invalid", "100"],
    "quoted.csv": [],
    "field_counts.csv": ["--max-invalid", "100"],
    "blank_lines.csv": [],
    "vietnamese_headers.csv": [],
    "optional_blanks.csv": [],
    "mapped.csv": ["--columns", "mapped.yaml"],
    "every_row_invalid.csv": [],
    "missing_columns.csv": [],
    "header_only.csv": [],
    "empty.csv": [],
    "nul_bytes.csv": [],
    "latin1.csv": [],
    "zip_named_csv.csv": [],
    "census.csv.gz": [],
    "census.xlsx": [],
    "census.xlsx --sheet": ["--sheet", "Ho"],
    "text.parquet": [],
    "typed.parquet": [],
    "three_thousand_rows.csv": [],
    "cp1258_semicolon.csv --encoding": ["--encoding", "cp1258", "--delimiter", ";"],
    "canonical.csv --encoding utf-16": ["--encoding", "utf-16"],
}
CLASSIFIED = ["canonical.csv", "bad_cells.csv", "ids.csv", "mapped.csv", "census.xlsx"]
DATA = Path(__file__).resolve().parent / "data"
OFFICE_FILES = sorted(
    path.name
    for path in DATA.iterdir()
    if path.name.startswith(("census_", "office_form")) and path.suffix != ".yaml"
)
"""The named defect files of the other tests, and the office form as CSV, .xlsx, .xls and .ods:
the kinds of file the reader learned after the corpus was made (title rows, ticks, merged
cells, totals and subtotal rows, signatures, forms joined, stray quotes, units, TCVN3, a
password) give their whole recorded report too."""


def _record(name: str, found: dict[str, Any]) -> None:
    path = EXPECTED / f"{name.replace(' ', '_')}.json"
    if os.environ.get("GNBV_UPDATE_CORPUS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no recorded report {path}; GNBV_UPDATE_CORPUS=1 records it"
    assert found == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", list(CASES))
def test_check_gives_the_recorded_report(cli: Any, tmp_path: Path, case: str) -> None:
    name = case.split(" ")[0]
    _record(case, _checked(cli, tmp_path, name, *CASES[case]))


@pytest.mark.parametrize("name", OFFICE_FILES)
def test_check_gives_the_recorded_report_of_an_office_file(
    cli: Any, tmp_path: Path, name: str
) -> None:
    _record(f"data/{name}", _checked(cli, tmp_path, name, folder=DATA))


def _checked(cli: Any, tmp_path: Path, *args: Any, folder: Path = FILES) -> dict[str, Any]:
    """What ``gnbv check`` gives for a corpus file: exit code, report, messages, rejects."""
    rejects = tmp_path / "rejects.csv"
    options = ["--plan", PLAN_2024, "--format", "json", "--rejects", rejects]
    result = cli("check", args[0], *options, *args[1:], cwd=folder)
    found = {
        "exit_code": result.exit_code,
        "report": json.loads(result.stdout) if result.stdout else None,
        "stderr": result.stderr.replace(str(tmp_path), "<tmp>").splitlines(),
        "rejects": rejects.read_text(encoding="utf-8").splitlines() if rejects.exists() else None,
    }
    if found["report"] and "plan" in found["report"]:
        found["report"]["plan"]["file"] = "plan_2024.yaml"
    return found


@pytest.mark.parametrize("name", CLASSIFIED)
def test_classify_gives_the_recorded_classes(cli: Any, tmp_path: Path, name: str) -> None:
    out = tmp_path / "classes.csv"
    extra = ["--columns", "mapped.yaml"] if name == "mapped.csv" else []
    result = cli("classify", name, "--plan", PLAN_2024, "-o", out, *extra, cwd=FILES)
    found = {
        "exit_code": result.exit_code,
        "stderr": result.stderr.replace(str(tmp_path), "<tmp>").splitlines(),
        "classes": out.read_text(encoding="utf-8").splitlines() if out.exists() else None,
    }
    _record(f"classify {name}", found)


@pytest.mark.parametrize("case", [case for case in CASES if "--columns" not in CASES[case]])
def test_a_mapping_of_the_contracts_own_names_changes_nothing(
    cli: Any, tmp_path: Path, case: str
) -> None:
    """A district's mapping that names columns the file already names as the contract does
    (its yes/no and number columns among them) reads every kind of file as without one."""
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "columns:\n  household_id: household_id\n  members: members\n  dep_water: dep_water\n",
        encoding="utf-8",
    )
    found = _checked(cli, tmp_path, case.split(" ")[0], *CASES[case], "--columns", mapping)
    expected = EXPECTED / f"{case.replace(' ', '_')}.json"
    assert found == json.loads(expected.read_text(encoding="utf-8"))

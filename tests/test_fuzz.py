"""Fuzzing the readers and the CLI: whatever the bytes, no traceback, a documented exit code,
and with --format json a parsable JSON document on stdout.

CI runs a few hundred examples; for a longer run: GNBV_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gnbv.core.contract.columns import COLUMN_SPECS
from tests.conftest import DATA, PLAN_2024, REQUIRED, in_three_kinds

EXAMPLES = int(os.environ.get("GNBV_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
CHECK_CODES = {0, 1, 2, 3}


def _check_bytes(cli: object, data: bytes, suffix: str = ".csv") -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"census{suffix}"
        path.write_bytes(data)
        result = cli("check", path, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
    assert result.exit_code in CHECK_CODES, result.stderr
    assert "Traceback" not in result.stderr
    document = json.loads(result.stdout)
    assert document["exit_code"] == result.exit_code


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(cli: object, data: bytes) -> None:
    _check_bytes(cli, data)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_after_a_valid_header(cli: object, data: bytes) -> None:
    _check_bytes(cli, (",".join(REQUIRED) + "\n").encode() + data)


@FUZZ
@given(st.binary(max_size=500))
def test_random_bytes_as_xlsx(cli: object, data: bytes) -> None:
    _check_bytes(cli, b"PK\x03\x04" + data, ".xlsx")


field = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "true", "false", "có", "không", "rural", "urban", "poor", "1.500",
                     "1.500.000", "-1", "0", "7", "1500000", '"', '""', "\n", ";", "\t", " "]),
    st.integers(-10, 5_000_000).map(str),
)  # fmt: skip
columns = st.lists(st.sampled_from([*REQUIRED, "ethnic_minority", "status_prev", "members",
                                    "Mã hộ", "junk", ""]), min_size=1, max_size=25)  # fmt: skip


@st.composite
def csv_documents(draw: st.DrawFn) -> bytes:
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(columns)
    rows = draw(st.lists(st.lists(field, min_size=0, max_size=len(header) + 2), max_size=8))

    def cell(value: str) -> str:
        if draw(st.booleans()) or any(c in value for c in (delimiter, '"', "\n")):
            return '"' + value.replace('"', '""') + '"' if draw(st.booleans()) else value
        return value

    lines = [delimiter.join(cell(v) for v in header)]
    lines += [delimiter.join(cell(v) for v in row) for row in rows]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return "\n".join(lines).encode(encoding)


@FUZZ
@given(csv_documents())
def test_random_csv_grammar(cli: object, data: bytes) -> None:
    _check_bytes(cli, data)


yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=10)),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)  # fmt: skip


@FUZZ
@given(st.one_of(st.text(max_size=300), yaml_values.map(lambda v: yaml.safe_dump(v))))
def test_random_yaml_plans(cli: object, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        result = cli("plan", "validate", path)  # type: ignore[operator]
        budget = cli("budget", "--plan", path, "--format", "json")  # type: ignore[operator]
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert budget.exit_code == 2 and json.loads(budget.stdout)["status"] == "error"


@FUZZ
@given(st.sampled_from(["value: 1.8", "op: '<='", "province: Bắc Giang", "amount_mvnd: 20000,",
                        "kind: province", "standard: nd07_2022_2025"]),
       st.sampled_from(["", "!!python/object:os.system", "&a", "*a", "[", "{", "-1", "1e999",
                        "null", "'", "\t", "~"]))  # fmt: skip
def test_mutated_shipped_plan(cli: object, needle: str, insert: str) -> None:
    """Small mutations of the real plan: valid (0) or refused (2), never anything else."""
    text = PLAN_2024.read_text(encoding="utf-8-sig")
    mutated = text.replace(needle, needle.split(":")[0] + ": " + insert, 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(mutated, encoding="utf-8")
        result = cli("plan", "validate", path)  # type: ignore[operator]
    assert result.exit_code in (0, 2), result.stderr
    assert "Traceback" not in result.stderr


OFFICE_CELLS = ["", " ", "4 ", " 4", "07", "+3", "-1", "x", "✓", "có", "Không", "1", "0", "TRUE",
                "nhiều", "5.650.000", "950.000", "1.200.000 đ", "1,5", "2.5", "Thành Thị",
                "NÔNG THÔN", "hộ nghèo", "cận nghèo", "a,b", "hai\ndòng", 'nói "có"', "Tổng cộng",
                "99999999999999999999"]  # fmt: skip
"""Cells as district offices write them, or mistype them."""


@st.composite
def damaged_censuses(draw: st.DrawFn) -> str:
    """The office form's census with a few rows damaged as hand-made files are: a cell
    written otherwise, a row cut short or one cell too long (the first one too), a blank
    line, a line of commas, a row copied twice, a column written otherwise all the way down."""
    text = (DATA / "office_form_canonical.csv").read_text(encoding="utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(rows) - 1))
        damage = draw(
            st.sampled_from(["cell", "short", "long", "blank", "commas", "copy", "column"])
        )
        if damage == "cell":
            column = draw(st.integers(0, len(rows[at]) - 1)) if rows[at] else 0
            rows[at][column : column + 1] = (
                [draw(st.sampled_from(OFFICE_CELLS))] if rows[at] else []
            )
        elif damage == "short":
            rows[at] = rows[at][: draw(st.integers(1, max(1, len(rows[at]) - 1)))]
        elif damage == "long":
            rows[at] = [*rows[at], "ghi chú"]
        elif damage in ("blank", "commas"):
            rows.insert(at, [] if damage == "blank" else [""] * len(header))
        elif damage == "copy":
            rows.insert(draw(st.integers(0, len(rows))), list(rows[at]))
        else:
            column, cell = (
                draw(st.integers(0, len(header) - 1)),
                draw(st.sampled_from(OFFICE_CELLS)),
            )
            rows = [[*row[:column], cell, *row[column + 1 :]] if len(row) > column else row
                    for row in rows]  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        if row:
            writer.writerow(row)
        else:
            out.write("\n")
    return out.getvalue()


@settings(max_examples=max(EXAMPLES // 6, 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(damaged_censuses())
@example((DATA / "census_short_first_row.csv").read_text(encoding="utf-8"))
@example((DATA / "census_long_first_row.csv").read_text(encoding="utf-8"))
def test_a_damaged_census_gives_the_same_report_plain_gzipped_or_in_cp1258(
    cli: object, text: str
) -> None:
    """Whatever the damage: a documented exit code, a JSON report, and the same report (the
    same figures, problems and rows set aside) whichever of gnbv's readers reads it."""
    with tempfile.TemporaryDirectory() as folder:
        reports = []
        for path in in_three_kinds(text, Path(folder)):
            result = cli("check", path, "--plan", PLAN_2024, "--format", "json")  # type: ignore[operator]
            assert result.exit_code in CHECK_CODES, result.stderr
            document = json.loads(result.stdout)
            for key in ("file", "format", "encoding", "sha256"):
                (document.get("input") or {}).pop(key, None)
            document.pop("labels", None)
            document.get("error", {}).pop("message", None)  # a refusal names its file
            reports.append(document)
    assert all(report == reports[0] for report in reports[1:])


EXCEL_ERRORS = ["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!"]
_SHIPPED = (DATA.parent.parent / "data" / "households.csv").read_text(encoding="utf-8-sig")
_SHIPPED_LINES = _SHIPPED.splitlines()[:61]


@settings(max_examples=max(EXAMPLES // 6, 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    cells=st.lists(
        st.tuples(st.integers(0, 59), st.integers(0, 35), st.sampled_from(EXCEL_ERRORS)),
        min_size=1,
        max_size=4,
        unique_by=lambda cell: cell[0],
    )
)
@example(cells=[(1, 0, "#N/A"), (40, 0, "#N/A")])  # two ids a lookup did not find: no repeat
def test_each_excel_error_sets_aside_its_row_alone(
    cli: object, cells: list[tuple[int, int, str]]
) -> None:
    """Wherever a formula's error stands among the households (any column, any error), its
    row is set aside as ``excel_error`` for that column, and no other row is; two ids
    showing #N/A are no household repeated."""
    header = _SHIPPED_LINES[0].split(",")
    rows = [line.split(",") for line in _SHIPPED_LINES[1:]]
    for row, column, shown in cells:
        rows[row][column] = shown
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "census.csv"
        path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
        result = cli("check", path, "--plan", PLAN_2024, "--format", "json", "--max-invalid", "100")  # type: ignore[operator]
    summary = json.loads(result.stdout)["input"]
    found = sorted((p["row"], p["column"], p["reason"]) for p in summary["problems"])
    assert found == sorted((row + 2, header[column], "excel_error") for row, column, _ in cells)
    assert summary["valid_rows"] == len(rows) - len(cells)


_NAMES = {name: spec.vietnamese[0] for name, spec in COLUMN_SPECS.items() if spec.vietnamese}
_ON_TWO_LINES = [name for name in _SHIPPED_LINES[0].split(",") if " " in _NAMES.get(name, "")]


@settings(max_examples=max(EXAMPLES // 12, 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    broken=st.lists(
        st.tuples(st.sampled_from(_ON_TWO_LINES), st.integers(0, 5)),
        min_size=1,
        max_size=6,
        unique_by=lambda cell: cell[0],
    ),
    title_rows=st.integers(0, 2),
    short_row=st.none() | st.integers(0, 59),
)
def test_a_header_typed_on_two_lines_reads_as_on_one(
    cli: object, broken: list[tuple[str, int]], title_rows: int, short_row: int | None
) -> None:
    """Vietnamese headers, some typed on two lines in their cell (Alt+Enter, a line break at
    any of their spaces), under title rows or not, a row cut short or not: the report is
    that of the same headers on one line, whichever reader reads the file."""
    canonical = _SHIPPED_LINES[0].split(",")
    rows = [line.split(",") for line in _SHIPPED_LINES[1:]]
    if short_row is not None:
        rows[short_row] = rows[short_row][:-2]
    one_line = [_NAMES.get(name, name) for name in canonical]
    two_lines = list(one_line)
    for name, space in broken:
        words = _NAMES[name].split(" ")
        at = 1 + space % (len(words) - 1)
        two_lines[canonical.index(name)] = " ".join(words[:at]) + "\n" + " ".join(words[at:])

    def text(header: list[str]) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerows([["DANH SÁCH HỘ\nNĂM 2024"] + [""] * (len(header) - 1)] * title_rows)
        writer.writerows([header, *rows])
        return out.getvalue()

    def report(path: Path) -> dict[str, object]:
        result = cli("check", path, "--plan", PLAN_2024, "--format", "json", "--max-invalid", "100")  # type: ignore[operator]
        document: dict[str, Any] = json.loads(result.stdout)
        for key in ("file", "format", "encoding", "sha256"):
            document["input"].pop(key)
        document.pop("labels")
        return document

    with tempfile.TemporaryDirectory() as folder:
        expected_path = Path(folder) / "one_line.csv"
        expected_path.write_bytes(text(one_line).encode("utf-8"))
        expected = report(expected_path)
        for path in in_three_kinds(text(two_lines), Path(folder)):
            assert report(path) == expected, path.name

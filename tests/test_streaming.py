"""The streaming engine gives the same report as the in-memory path, whatever the batches."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import logging
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gnbv.core.plan.standards import Standard
from gnbv.engine import stream_census
from gnbv.errors import CensusReadError
from gnbv.io.rejects import RejectsTarget
from gnbv.read.lines import whole_rows
from gnbv.read.options import ReadOptions
from gnbv.read.streamed import Streamed
from gnbv.service import run_check, run_streaming_check
from gnbv.synth.census import synthesise, to_census_text
from gnbv.synth.office import to_cp1258
from tests.conftest import PLAN_2024

SOURCE_KEYS = ("file", "format", "encoding", "delimiter", "sheet", "sha256")


@pytest.fixture(scope="module")
def census_text(nd07: Standard) -> pd.DataFrame:
    frame = to_census_text(synthesise(nd07, scale=0.01, seed=11)).astype("str")
    # A duplicate of the first household far from it (another batch), and bad cells.
    duplicate = frame.iloc[[0]].copy()
    frame.loc[len(frame) // 2, "members"] = "nhiều"
    frame.loc[len(frame) // 3, "income_per_capita"] = "1.500"
    return pd.concat([frame, duplicate], ignore_index=True)


SMALL_BATCHES = ReadOptions(batch_rows=200, block_bytes=16 * 1024)
"""Dozens of batches on a census of a few thousand rows: repeated ids, broken rows and
problems fall in different batches."""


def _without_source(document: dict[str, object]) -> dict[str, object]:
    for key in SOURCE_KEYS:
        document["input"].pop(key)  # type: ignore[attr-defined]
    return document


def _in_memory(path: Path, options: ReadOptions = ReadOptions()) -> dict[str, object]:
    report, _ = run_check(PLAN_2024, path, max_invalid_percent=100, read_options=options)
    return _without_source(report.to_dict())


def _streamed(path: Path, options: ReadOptions = ReadOptions()) -> dict[str, object]:
    report = run_streaming_check(PLAN_2024, path, max_invalid_percent=100, read_options=options)
    return _without_source(report.to_dict())


def test_many_small_batches_give_the_same_report(census_text: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "census.csv"
    census_text.to_csv(path, index=False)
    streamed = _streamed(path, SMALL_BATCHES)
    assert streamed == _in_memory(path, SMALL_BATCHES)
    reasons = streamed["input"]["invalid_by_reason"]  # type: ignore[index]
    assert reasons == {"ambiguous_number": 1, "duplicate_id": 1, "not_a_number": 1}
    duplicate = [p for p in streamed["input"]["problems"] if p["reason"] == "duplicate_id"]  # type: ignore[index]
    assert duplicate[0]["row"] == len(census_text) + 1  # the last row, not the first


def test_broken_rows_in_several_batches(census_text: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "census.csv"
    lines = census_text.to_csv(index=False).splitlines()
    for position in (10, 1_000, 2_500, len(lines) - 1):
        lines[position] += ",extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    streamed = _streamed(path, SMALL_BATCHES)
    assert streamed == _in_memory(path, SMALL_BATCHES)
    rows = [p["row"] for p in streamed["input"]["problems"] if p["reason"] == "wrong_field_count"]  # type: ignore[index]
    assert rows == [11, 1_001, 2_501, len(lines)]


def test_gzip_and_parquet_inputs(census_text: pd.DataFrame, tmp_path: Path) -> None:
    plain = tmp_path / "census.csv"
    census_text.to_csv(plain, index=False)
    expected = _streamed(plain)
    compressed = tmp_path / "census.csv.gz"
    compressed.write_bytes(gzip.compress(plain.read_bytes()))
    assert _streamed(compressed) == expected
    parquet = tmp_path / "census.parquet"
    census_text.to_parquet(parquet, index=False)
    assert _streamed(parquet) == expected


def test_typed_parquet(nd07: Standard, tmp_path: Path) -> None:
    """Parquet written by another tool holds numbers and booleans, not text."""
    typed = synthesise(nd07, scale=0.005, seed=5)
    typed["status_prev"] = typed["status_prev"].replace("", None)
    parquet = tmp_path / "typed.parquet"
    typed.to_parquet(parquet, index=False)
    text = tmp_path / "text.csv"
    to_census_text(synthesise(nd07, scale=0.005, seed=5)).to_csv(text, index=False)
    assert _streamed(parquet) == _streamed(text)


def test_rejects_file_from_the_stream(census_text: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "census.csv"
    census_text.to_csv(path, index=False)
    rejects = tmp_path / "rejects.csv"
    run_streaming_check(
        PLAN_2024,
        path,
        max_invalid_percent=100,
        rejects=RejectsTarget(rejects),
        read_options=SMALL_BATCHES,
    )
    frame = pd.read_csv(rejects, dtype=str)
    assert sorted(frame["reasons"]) == [
        "household_id:duplicate_id",
        "income_per_capita:ambiguous_number",
        "members:not_a_number",
    ]


def test_streamed_rejects_defuse_formulas_like_every_csv_gnbv_writes(
    census_text: pd.DataFrame, tmp_path: Path
) -> None:
    """A set-aside row's cell that a spreadsheet would run ("=HYPERLINK(...)") is written
    with a leading apostrophe, in every batch's part of the file, as ``write_csv`` does."""
    frame = census_text.copy()
    for row in (3, len(frame) - 2):  # in the first batch and in a later one
        frame.loc[row, "members"] = "nhiều"
        frame.loc[row, "commune"] = '=HYPERLINK("http://x")'
    path = tmp_path / "census_formula_in_bad_row.csv"
    frame.to_csv(path, index=False)
    rejects = tmp_path / "rejects.csv"
    run_streaming_check(
        PLAN_2024,
        path,
        max_invalid_percent=100,
        rejects=RejectsTarget(rejects),
        read_options=SMALL_BATCHES,
    )
    written = pd.read_csv(rejects, dtype=str, keep_default_na=False)
    defused = '\'=HYPERLINK("http://x")'
    assert (written["commune"] == defused).sum() == 2
    assert not written["commune"].str.startswith("=").any()
    assert not any(name.startswith(".rejects") for name in os.listdir(tmp_path))


def test_a_census_of_bad_rows_gives_every_one_once_in_its_rejects(
    nd07: Standard, tmp_path: Path
) -> None:
    """Every household of a census of 45,000 set aside (an area no rule knows): the rejects
    file, written a slice at a time to keep memory down, holds each row once, in the file's
    order, under one header."""
    frame = to_census_text(synthesise(nd07, scale=0.1, seed=5)).astype("str").head(45_000)
    frame["area"] = "núi"
    path = tmp_path / "bad_areas.csv"
    frame.to_csv(path, index=False)
    rejects = tmp_path / "rejects.csv"
    run_streaming_check(PLAN_2024, path, max_invalid_percent=100, rejects=RejectsTarget(rejects))
    written = pd.read_csv(rejects, dtype=str, keep_default_na=False)
    assert written["row"].tolist() == [str(row) for row in range(2, len(frame) + 2)]
    assert set(written["reasons"]) == {"area:invalid_area"}
    assert written["household_id"].tolist() == frame["household_id"].tolist()


def test_short_lines_among_bad_rows_keep_the_file_s_order_in_its_rejects(
    nd07: Standard, tmp_path: Path
) -> None:
    """Lines cut short (their whole line kept) among 45,000 rows set aside, in the first,
    second and last slice the rejects file is written in: every row once, in the file's order."""
    frame = to_census_text(synthesise(nd07, scale=0.1, seed=5)).astype("str").head(45_000)
    frame["area"] = "núi"
    path = tmp_path / "bad_areas_and_short_lines.csv"
    lines = frame.to_csv(index=False).splitlines()
    short = [12, 20_007, 44_000]  # rows of the file (the header is row 1)
    for row in short:
        lines[row - 1] = ",".join(lines[row - 1].split(",")[:3])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    run_streaming_check(PLAN_2024, path, max_invalid_percent=100, rejects=RejectsTarget(rejects))
    written = pd.read_csv(rejects, dtype=str, keep_default_na=False)
    assert written["row"].tolist() == [str(row) for row in range(2, len(frame) + 2)]
    cut = written[written["raw_line"] != ""]
    assert cut["row"].tolist() == [str(row) for row in short]
    assert cut["raw_line"].tolist() == [lines[row - 1] for row in short]


def test_typed_fast_path_equals_the_text_path(nd07: Standard, tmp_path: Path) -> None:
    """A clean file goes through Arrow's typed conversion; the report is the text path's."""
    path = tmp_path / "clean.csv"
    to_census_text(synthesise(nd07, scale=0.01, seed=21)).to_csv(path, index=False)
    typed = _streamed(path, SMALL_BATCHES)
    assert typed == _in_memory(path, SMALL_BATCHES)
    assert typed["input"]["invalid_rows"] == 0  # type: ignore[index]


def test_shipped_data_streamed_equals_in_memory() -> None:
    """The shipped census gives the same report through either engine."""
    from tests.conftest import ROOT

    path = ROOT / "data" / "households.csv"
    assert _streamed(path) == _in_memory(path)


@pytest.mark.parametrize("name", ["households.csv", "households.csv.gz"])
def test_progress_is_said_batch_by_batch(name: str, tmp_path: Path) -> None:
    """A caller of the API showing progress sees it move every ``batch_rows`` rows, up to
    every row of the census (plain CSV, and gzip through Arrow's reader)."""
    from gnbv import api
    from tests.conftest import ROOT

    path = tmp_path / name
    text = (ROOT / "data" / "households.csv").read_bytes()
    path.write_bytes(gzip.compress(text) if name.endswith(".gz") else text)
    said: list[int] = []
    options = ReadOptions(batch_rows=5_000, block_bytes=64 * 1024)
    report = api.check(
        path,
        plan=PLAN_2024,
        exit_zero=True,
        read_options=options,
        on_progress=lambda rows, _: said.append(rows),
    )
    rows = report.to_dict()["input"]["rows"]
    assert len(said) >= rows // 5_000
    assert said == sorted(said) and said[-1] == rows


def test_classify_streams_and_restarts_cleanly(
    census_text: pd.DataFrame, tmp_path: Path, nd07: Standard
) -> None:
    """classify writes batch by batch; a broken row makes the engine read again carefully, and
    the output starts again rather than holding the first attempt's rows twice."""
    from gnbv.core.analysis.check import classification_table
    from gnbv.core.contract.columns import required_columns
    from gnbv.core.validation.batch import validate_census
    from gnbv.service import stream_classification

    path = tmp_path / "census.csv"
    lines = census_text.to_csv(index=False).splitlines()
    lines[3_000] += ",extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "classes.csv"
    summary = stream_classification(path, out, nd07, SMALL_BATCHES).summary
    streamed = pd.read_csv(out, dtype=str)
    required = required_columns(nd07.deprivation_columns)
    from tests.conftest import read_census

    raw = read_census(path, required)
    expected = classification_table(
        validate_census(
            raw.frame, required, row_numbers=raw.row_numbers, unreadable=raw.unreadable
        ),
        nd07,
    ).astype(str)
    assert len(streamed) == summary.valid_rows == len(expected)
    assert streamed["household_id"].tolist() == expected["household_id"].tolist()
    assert streamed["class"].tolist() == expected["class"].tolist()


def test_classify_with_no_valid_household(tmp_path: Path, nd07: Standard) -> None:
    from gnbv.service import stream_classification
    from tests.conftest import household, write_census

    path = write_census(tmp_path / "c.csv", [household("A", members="?")])
    out = tmp_path / "classes.csv"
    summary = stream_classification(path, out, nd07).summary
    assert summary.invalid_rows == 1
    assert out.read_text(encoding="utf-8-sig") == (
        "household_id,district,commune,area,income_per_capita,deprivations,class\n"
    )


def test_a_census_changed_after_the_early_scan_began_is_hashed_as_read(
    nd07: Standard, tmp_path: Path
) -> None:
    """``gnbv check`` starts the SHA-256 of a large census before the heavy imports; an
    export still being written (a row added after the scan began) is reported with the
    hash and the households of the file as it was read, never of an older version."""
    from gnbv.read.scan import EARLY_SCAN_MIN_BYTES, start_early_scan

    frame = to_census_text(synthesise(nd07, scale=0.01, seed=3)).astype("str")
    text = frame.to_csv(index=False, lineterminator="\n")
    header, body = text.split("\n", 1)
    copies = EARLY_SCAN_MIN_BYTES // len(body.encode()) + 1
    census = tmp_path / "census_large.csv"
    with census.open("w", encoding="utf-8") as handle:
        handle.write(header + "\n")
        for copy in range(copies):  # the same households under other ids
            handle.write(body.replace("\nBG", f"\nC{copy}BG").replace("BG", f"C{copy}BG", 1))
    start_early_scan(census)
    with census.open("a", encoding="utf-8") as handle:
        handle.write(body.split("\n", 1)[0].replace("BG", "LATE-BG", 1) + "\n")
    streamed = stream_census(census, nd07, 100.0)
    assert streamed.summary.source["sha256"] == hashlib.sha256(census.read_bytes()).hexdigest()
    assert streamed.summary.rows == copies * len(frame) + 1
    assert streamed.summary.invalid_rows == 0


def test_the_mapped_scan_finds_what_the_read_scan_finds(tmp_path: Path) -> None:
    """The background scan maps the file rather than reading it: same SHA-256, and the NUL
    byte and quote it looks for are found past the first chunk, where a cut would hide them."""
    from gnbv.read import scan as scanner

    census = tmp_path / "census.csv"
    head = b"household_id,district\n" + b"A1,Y\xc3\xaan Th\xe1\xba\xbf\n" * 1000
    late = scanner.CHUNK + 5
    body = bytearray(head.ljust(late + 10, b"x"))
    body[late - 1] = ord('"')
    body[late + 3] = 0
    census.write_bytes(bytes(body))
    mapped, read = scanner._scan_mapped(census), scanner._scan(census, False)
    assert mapped is not None
    assert (mapped.sha256, mapped.size, mapped.head) == (read.sha256, read.size, read.head)
    assert (mapped.first_quote, mapped.first_nul) == (late - 1, late + 3)
    assert (read.first_quote, read.first_nul) == (late - 1, late + 3)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert scanner._scan_mapped(empty) is None  # cannot be mapped: read instead
    assert scanner.scan_in_background(empty).result().size == 0


@pytest.mark.parametrize("comma", [True, False])
def test_a_quote_past_the_start_of_the_file_is_read_as_a_quote(
    nd07: Standard, tmp_path: Path, comma: bool
) -> None:
    """The start has no '"'; a quoted cell further on is read as the cell inside the quotes:
    a commune's name with a comma (one cell, not two) or a district in quotes."""
    frame = to_census_text(synthesise(nd07, scale=0.01, seed=5)).astype("str")
    if comma:
        frame.loc[len(frame) - 3, "commune"] = "Xã A, thôn B"
    path = tmp_path / "census_late_quotes.csv"
    text = frame.to_csv(index=False, lineterminator="\n")
    lines = text.splitlines()
    assert '"' not in "\n".join(lines[:-5]) and len(text.encode()) > 70_000
    district = frame.loc[len(frame) - 1, "district"]
    lines[-1] = lines[-1].replace(f",{district},", f',"{district}",', 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    streamed = stream_census(path, nd07, 100.0)
    assert streamed.summary.invalid_rows == 0
    assert '"' not in "".join(streamed.cube.frame["district"].astype(str))
    assert _streamed(path) == _in_memory(path)


def test_a_file_that_falls_back_to_arrow_says_its_hash_and_problems(
    nd07: Standard, tmp_path: Path
) -> None:
    """A row cut short sends the file from polars to Arrow's reader, which takes the SHA-256
    computed beside polars' read (a 2 GB file hashed once, see ``bench/``): the report says
    the file's hash and the problem, as a fresh read by Arrow's reader (gzip) does."""
    from tests.conftest import household, write_census

    census = write_census(tmp_path / "c.csv", [household(f"H{n}") for n in range(5)])
    lines = census.read_text(encoding="utf-8-sig").splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0]  # one field short
    census.write_text("\n".join(lines) + "\n", encoding="utf-8")
    streamed = stream_census(census, nd07, 100.0)
    assert streamed.summary.source["sha256"] == hashlib.sha256(census.read_bytes()).hexdigest()
    assert streamed.summary.invalid_by_reason == {"wrong_field_count": 1}
    assert streamed.summary.source["encoding"] == "utf-8"
    packed = tmp_path / "c.csv.gz"
    packed.write_bytes(gzip.compress(census.read_bytes()))
    assert stream_census(packed, nd07, 100.0).summary.problems == streamed.summary.problems


def test_a_reused_scan_still_checks_utf8(tmp_path: Path) -> None:
    """The background scan does not look for bytes that are not UTF-8: a reader that takes
    its hash still finds the first one, past the first chunk, as a fresh scan does."""
    from gnbv.read import scan as scanner

    census = tmp_path / "census.csv"
    late = scanner.CHUNK + 7
    body = bytearray(b"household_id,district\n".ljust(late + 10, b"a"))
    body[late] = 0xFF
    census.write_bytes(bytes(body))
    scanner._scans.clear()
    scanner.scan_in_background(census).result()
    reused = scanner.scan_reusing_earlier(census, True)
    fresh = scanner._scan(census, True)
    assert reused == fresh
    assert reused.first_non_utf8 == late
    assert scanner.scan_reusing_earlier(census, False).first_non_utf8 is None
    cut = tmp_path / "cut.csv"  # ends inside a character
    cut.write_bytes(b"household_id,district\nA1,Y\xc3")
    scanner.scan_in_background(cut).result()
    assert scanner.scan_reusing_earlier(cut, True) == scanner._scan(cut, True)
    assert scanner._scan(cut, True).first_non_utf8 == len(cut.read_bytes()) - 1


_LINES = st.lists(
    st.tuples(
        st.sampled_from(["whole", "short", "blank", "spaces"]),
        st.integers(0, 5000),  # long lines cross the (small) windows
        st.sampled_from([b"\n", b"\r\n"]),
    ),
    max_size=16,
)


@settings(max_examples=100, deadline=None)
@given(lines=_LINES, last_break=st.booleans())
def test_broken_lines_are_found_across_windows(
    tmp_path_factory: pytest.TempPathFactory,
    lines: list[tuple[str, int, bytes]],
    last_break: bool,
) -> None:
    """Blank and short lines, counted window by window over the mapped file, are those a
    line-by-line reading finds, wherever a window cuts a line (or its "\\r\\n")."""
    from mmap import ALLOCATIONGRANULARITY

    from gnbv.read import lines as counted_lines

    texts = [b"a,b,c"]
    for kind, size, _ in lines:
        filler = b"x" * size
        texts.append(
            {
                "whole": b"1," + filler + b",3",
                "short": b"1," + filler,
                "blank": b"",
                "spaces": filler[:3] + b" ",
            }[kind]
        )
    breaks = [b"\n"] + [line_break for _, _, line_break in lines]
    data = b"".join(text + line_break for text, line_break in zip(texts, breaks, strict=True))
    if not last_break and lines:
        data = data[: -len(breaks[-1])]
    path = tmp_path_factory.mktemp("lines") / "census.csv"
    path.write_bytes(data)
    blank, short, spans, start = [], [], [], 0
    pieces = data.split(b"\n")
    if data.endswith(b"\n"):
        pieces.pop()  # what follows the last line break is no line
    for number, raw in enumerate(pieces):
        text = raw[:-1] if raw.endswith(b"\r") else raw
        if number and not text:
            blank.append(number)
        elif number and text.count(b",") != 2:
            short.append(number)
            spans.append([start, start + len(text)])
        start += len(raw) + 1
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(counted_lines, "CHUNK", ALLOCATIONGRANULARITY)
        found = counted_lines.find_broken_lines(path, ",", 3)
    assert found is not None
    assert found.blank.tolist() == blank
    assert found.short.tolist() == short
    assert found.short_spans.tolist() == spans
    for (begin, end), number in zip(spans, short, strict=True):
        assert counted_lines.read_span(path, (begin, end)).encode() == data[begin:end]
        assert number  # never the header


def test_a_second_pass_sets_broken_lines_aside_and_follows_repeated_ids(
    census_text: pd.DataFrame, tmp_path: Path
) -> None:
    """What only the whole file shows, in one file: an id repeated far from its first row, a
    count written as a word further down than the reader looks ("nhiều"), a short line and
    blank lines. The report is the one Arrow's reader gives on the same file gzipped."""
    lines = census_text.to_csv(index=False, lineterminator="\n").splitlines()
    lines[len(lines) // 4] = lines[len(lines) // 4].rsplit(",", 1)[0]  # one field short
    lines.insert(len(lines) // 5, "")
    lines.insert(len(lines) // 6, "")
    text = "\n".join(lines) + "\n"
    plain = tmp_path / "census_broken_lines.csv"
    plain.write_text(text, encoding="utf-8")
    packed = tmp_path / "census_broken_lines.csv.gz"
    packed.write_bytes(gzip.compress(text.encode("utf-8")))
    report = _streamed(plain)
    assert report == _streamed(packed)
    reasons = report["input"]["invalid_by_reason"]  # type: ignore[index]
    assert reasons["wrong_field_count"] == 1
    assert reasons["duplicate_id"] == 1
    assert reasons["not_a_number"] == 1


@pytest.mark.parametrize("more", [False, True])
@pytest.mark.parametrize("name", ["census_late_cells.csv.gz", "census_late_cells_cp1258.csv"])
def test_cells_arrow_s_typed_read_cannot_take_far_down_give_polars_report(
    census_text: pd.DataFrame, tmp_path: Path, name: str, more: bool
) -> None:
    """Gzipped or in cp1258 (Arrow's reader), a census with cells its typed read cannot take
    further down than the reader looks: a count written "nhiều", an income "1.500" and, with
    ``more``, a yes/no written "co" (no marks), a count "hai" and an income "5.650.000" (more
    columns than are read as text one by one: then the whole file is). The report is polars'
    on the same census in plain UTF-8."""
    frame = census_text.copy()
    if more:
        late = len(frame) * 3 // 4
        frame.loc[late, "dep_water"] = "co"
        frame.loc[late + 1, "able_workers"] = "hai"
        frame.loc[late + 2, "income_per_capita"] = "5.650.000"
    text = frame.to_csv(index=False, lineterminator="\n")
    plain = tmp_path / "census_late_cells.csv"
    plain.write_text(text, encoding="utf-8")
    other = tmp_path / name
    other.write_bytes(gzip.compress(text.encode()) if name.endswith(".gz") else to_cp1258(text))
    report = _streamed(plain)
    assert report == _streamed(other)
    reasons = report["input"]["invalid_by_reason"]  # type: ignore[index]
    assert reasons["not_a_number"] == (2 if more else 1)


@pytest.mark.parametrize("name", ["census_cp1258.csv", "census_utf16.csv", "census_cp1258.csv.gz"])
def test_a_census_outside_utf8_gives_the_report_of_the_same_census_in_utf8(
    census_text: pd.DataFrame, tmp_path: Path, name: str
) -> None:
    """A census in cp1258 (Excel's "CSV" on a Vietnamese Windows), UTF-16 or gzipped cp1258
    is read as its text converted (never held whole): its report is the one of the same
    census in UTF-8, the columns' conventions included. Incomes "950.000" (950 or 950,000?)
    are decided by the one that writes its thousands unambiguously, "5.650.000", in a row
    one field short far down: the whole column decides, that row too."""
    frame = census_text.copy()
    frame["income_per_capita"] = frame["income_per_capita"].astype("str")
    ambiguous = slice(0, len(frame) // 2)
    frame.iloc[ambiguous, frame.columns.get_loc("income_per_capita")] = "950.000"
    short_row = len(frame) * 4 // 5
    frame.loc[short_row, "income_per_capita"] = "5.650.000"
    assert frame.columns[-1] != "income_per_capita"
    lines = frame.to_csv(index=False, lineterminator="\n").splitlines()
    lines[short_row + 1] = lines[short_row + 1].rsplit(",", 1)[0]
    text = "\n".join(lines) + "\n"
    plain = tmp_path / "census.csv"
    plain.write_text(text, encoding="utf-8")
    other = tmp_path / name
    if name == "census_utf16.csv":
        other.write_bytes(text.encode("utf-16"))
    else:
        written = to_cp1258(text)
        other.write_bytes(gzip.compress(written) if name.endswith(".gz") else written)
    report = _streamed(plain)
    assert report == _streamed(other)
    assert {"code": "thousands_separator", "column": "income_per_capita", "separator": "."} in (
        report["input"]["decisions"]  # type: ignore[index]
    )
    assert report["input"]["invalid_by_reason"]["wrong_field_count"] == 1  # type: ignore[index]


_CELLS = st.text(alphabet='ab,"\nệ', max_size=6)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.lists(_CELLS, min_size=1, max_size=3), max_size=20), size=st.integers(16, 64)
)
def test_a_converted_text_is_cut_into_whole_rows(
    rows: list[list[str]], size: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The pieces a converted text is handed to polars' reader in (for the columns'
    conventions) end at rows' ends, never inside a quoted cell that holds a line break or a
    delimiter: read piece by piece, the rows are those of the whole text. (Pieces of a few
    bytes, each longer than a quarter of a row, as 8 MiB pieces are.)"""
    written = io.StringIO()
    csv.writer(written, lineterminator="\n").writerows(rows)
    path = tmp_path_factory.mktemp("pieces") / "census_cp1258.csv"
    path.write_bytes(to_cp1258(written.getvalue()))
    text = path.read_bytes().decode("cp1258")  # its tone marks apart, as cp1258 writes them
    pieces = list(whole_rows(Streamed(path, gzipped=False, codec="cp1258"), size))
    assert b"".join(pieces).decode() == text
    by_piece = [row for piece in pieces for row in csv.reader(io.StringIO(piece.decode()))]
    assert by_piece == list(csv.reader(io.StringIO(text)))


def test_a_byte_cp1258_cannot_decode_far_down_is_refused_with_its_offset(
    census_text: pd.DataFrame, tmp_path: Path
) -> None:
    """A census in cp1258 whose text holds a byte cp1258 has no character for (0x81), further
    down than a block of the conversion: refused, saying which byte at which offset."""
    header, *rows = census_text.to_csv(index=False, lineterminator="\n").splitlines(True)
    start = to_cp1258(header + "".join(rows))
    while len(start) < 6_000_000:  # past a block of the conversion
        start += to_cp1258("".join(rows))
    path = tmp_path / "census_cp1258_bad_byte.csv"
    path.write_bytes(start + b"H-\x81" + to_cp1258(rows[0]))
    with pytest.raises(CensusReadError) as refused:
        _streamed(path)
    assert refused.value.key == "err_cannot_decode"
    assert refused.value.params["offset"] == len(start) + 2
    assert refused.value.params["byte"] == "0x81"


def test_a_district_writing_thousands_further_down_is_read_once(
    nd07: Standard, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A province's file joins its districts' exports; one in the middle writes incomes
    "5.650.000". The reader samples rows across the file before reading it, so the column is
    read as text from the start (not found by a failed read and read again); the report is
    the one Arrow's reader gives on the same file gzipped. The whole column decides its
    thousands separator, as the README says, not the file's start: that district's
    "950.000" is 950,000, not a doubtful row."""
    frame = to_census_text(synthesise(nd07, scale=0.03, seed=7)).astype("str")
    middle = slice(len(frame) * 2 // 5, len(frame) * 3 // 5)
    frame.iloc[middle, frame.columns.get_loc("income_per_capita")] = [
        f"{int(value):,}".replace(",", ".") for value in frame["income_per_capita"].iloc[middle]
    ]
    text = frame.to_csv(index=False, lineterminator="\n")
    assert len(text.encode()) > 2_000_000  # beyond the first 64 KiB and 16 sampled blocks
    plain = tmp_path / "province.csv"
    plain.write_text(text, encoding="utf-8")
    packed = tmp_path / "province.csv.gz"
    packed.write_bytes(gzip.compress(text.encode("utf-8")))
    with caplog.at_level(logging.DEBUG, logger="gnbv.read"):
        report = _streamed(plain)
    assert not [record for record in caplog.records if "reading again" in record.getMessage()]
    assert report == _streamed(packed)
    assert report["input"]["invalid_by_reason"] == {}  # type: ignore[index]
    assert {"code": "thousands_separator", "column": "income_per_capita", "separator": "."} in (
        report["input"]["decisions"]  # type: ignore[index]
    )


def test_a_census_that_changes_between_the_two_passes_is_read_as_it_now_is(
    census_text: pd.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repeated id makes the engine read the file twice; a line cut short written in
    between (an export still running) is not taken for a whole row: the second pass goes to
    the careful reader and the report is the one of the file as it now is."""
    import gnbv.engine as engine

    path = tmp_path / "census.csv"
    census_text.to_csv(path, index=False, lineterminator="\n")
    first_pass = engine._stream_once
    calls = []

    def then_append(*args: object, **kwargs: object) -> object:
        result = first_pass(*args, **kwargs)  # type: ignore[arg-type]
        if not calls:
            with path.open("a", encoding="utf-8") as handle:
                handle.write("H-LATE,Việt Yên,Tự Lạn\n")
        calls.append(result)
        return result

    monkeypatch.setattr(engine, "_stream_once", then_append)
    changed = _streamed(path)
    monkeypatch.undo()
    assert len(calls) >= 2
    assert changed == _streamed(path)
    assert changed["input"]["invalid_by_reason"]["wrong_field_count"] == 1  # type: ignore[index]


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz"])
def test_cells_written_with_a_space_after_give_the_report_of_cells_written_plainly(
    census_text: pd.DataFrame, tmp_path: Path, suffix: str
) -> None:
    """A district's export writes "Thành thị ", "có ", "4 " and "BG010000001 " (a space
    after each) throughout: the report is the one of the same census written plainly, its
    urban households measured against the urban line, a household whose id is written once
    with the space and once without counted once."""
    areas = {"rural": "Nông thôn", "urban": "Thành thị"}
    yes_no = {"true": "có", "false": "không"}
    ids = census_text["household_id"].copy()
    ids[5] = ids[4]  # the same household twice
    plain = census_text.assign(
        area=census_text["area"].map(areas),
        dep_water=census_text["dep_water"].map(yes_no),
        household_id=ids,
    )
    spaced = plain.assign(
        area=plain["area"] + " ",
        dep_water=plain["dep_water"] + " ",
        members=plain["members"] + " ",
        household_id=(plain["household_id"] + " ").where(plain.index != 5, ids[5]),
    )
    plain.to_csv(tmp_path / f"census_plain_cells{suffix}", index=False)
    spaced.to_csv(tmp_path / f"census_cells_with_a_space_after{suffix}", index=False)
    assert set(census_text["area"]) == {"rural", "urban"}
    expected = _streamed(tmp_path / f"census_plain_cells{suffix}")
    assert expected["input"]["invalid_by_reason"]["duplicate_id"] == 2  # type: ignore[index]
    assert _streamed(tmp_path / f"census_cells_with_a_space_after{suffix}") == expected

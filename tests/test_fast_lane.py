"""The fast lane accepts a batch only when the full validation would, and sums it the same.

The full validation (``validate_census``) is the reference: for any batch, either the fast
lane refuses it (it then goes through the full validation), or the full validation finds
no problem and the two give the same sums, key by key.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gnbv.read.census
import gnbv.read.source
from gnbv.core.census import CensusOptions, RecordedIds, validate_census
from gnbv.core.check import census_cube
from gnbv.core.contract import required_columns
from gnbv.core.cube import KEYS
from gnbv.core.fast_lane import FastLane
from gnbv.core.standards import Standard
from gnbv.service import run_check, run_streaming_check, stream_census
from gnbv.synth.census import synthesise, to_census_text
from tests.conftest import PLAN_2024
from tests.test_streaming import _small_batches


@pytest.fixture(scope="module")
def clean_text(nd07: Standard) -> pd.DataFrame:
    """A clean synthetic batch, every cell text (as a CSV gives it)."""
    return to_census_text(synthesise(nd07, scale=0.004, seed=3)).astype("str")


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    keys = [key for key in KEYS if key in frame.columns]
    frame = frame.sort_values(keys, kind="stable", na_position="first").reset_index(drop=True)
    return frame[sorted(frame.columns)]


def _full_sums(
    frame: pd.DataFrame, standard: Standard, options: CensusOptions = CensusOptions()
) -> pd.DataFrame | None:
    """The reference: the full validation's sums, or None when it finds any problem."""
    required = required_columns(standard.deprivation_columns)
    validation = validate_census(
        pa.Table.from_pandas(frame, preserve_index=False), required, options=options
    )
    if validation.invalid_rows:
        return None
    _, cube = census_cube(validation, standard)
    return _ordered(cube.frame)


def _lane(standard: Standard, options: CensusOptions = CensusOptions()) -> FastLane:
    required = required_columns(standard.deprivation_columns)
    return FastLane(standard, required, options, RecordedIds())


def _lane_sums(lane: FastLane, frame: pl.DataFrame) -> pd.DataFrame | None:
    if not lane.add(frame):
        assert lane.rows == 0 and lane.cube() is None  # a refused batch leaves no trace
        assert not lane.seen.parts  # type: ignore[attr-defined]
        return None
    cube = lane.cube()
    assert cube is not None
    return _ordered(cube.frame)


def test_text_cells_sum_as_the_full_validation(clean_text: pd.DataFrame, nd07: Standard) -> None:
    expected = _full_sums(clean_text, nd07)
    assert expected is not None
    lane_sums = _lane_sums(_lane(nd07), pl.from_pandas(clean_text))
    assert lane_sums is not None
    pd.testing.assert_frame_equal(lane_sums, expected)


def test_typed_columns_sum_as_the_full_validation(nd07: Standard) -> None:
    """Integers and booleans typed by the reader (polars' typed pass, Parquet)."""
    typed = synthesise(nd07, scale=0.004, seed=4)
    typed["status_prev"] = typed["status_prev"].replace("", None)
    expected = _full_sums(to_census_text(typed).astype("str").replace("None", ""), nd07)
    lane_sums = _lane_sums(_lane(nd07), pl.from_pandas(typed))
    assert expected is not None and lane_sums is not None
    pd.testing.assert_frame_equal(lane_sums, expected)


def test_words_blanks_and_dictionary_columns(clean_text: pd.DataFrame, nd07: Standard) -> None:
    """Vietnamese words, names typed with extra spaces, optional blanks, Arrow dictionaries."""
    frame = clean_text.copy()
    rows = np.arange(len(frame))
    frame.loc[rows % 7 == 0, "area"] = frame.loc[rows % 7 == 0, "area"].map(
        {"rural": "Nông thôn", "urban": "Thành thị"}
    )
    frame.loc[rows % 5 == 0, "dep_water"] = frame.loc[rows % 5 == 0, "dep_water"].map(
        {"true": "Có", "false": "không"}
    )
    frame.loc[rows % 11 == 0, "district"] = " " + frame.loc[rows % 11 == 0, "district"] + "  "
    frame.loc[rows % 13 == 0, "status_prev"] = "Hộ nghèo"
    for column in ("insured_members", "meritorious", "status_prev", "stable_job_workers"):
        frame.loc[rows % 17 == 3, column] = ""
    expected = _full_sums(frame, nd07)
    assert expected is not None
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.set_column(
        table.column_names.index("commune"), "commune", table.column("commune").dictionary_encode()
    )
    as_polars = pl.from_arrow(table)
    assert isinstance(as_polars, pl.DataFrame)
    lane_sums = _lane_sums(_lane(nd07), as_polars)
    assert lane_sums is not None
    pd.testing.assert_frame_equal(lane_sums, expected)


def test_a_district_mapping_applies_in_the_fast_lane(
    clean_text: pd.DataFrame, nd07: Standard
) -> None:
    """``blank_means_false`` and a district's own codes (``--columns``)."""
    options = CensusOptions(
        blank_means_false=frozenset({"meritorious"}), value_maps={"area": {"NT": "rural"}}
    )
    frame = clean_text.copy()
    frame.loc[frame["meritorious"] == "false", "meritorious"] = ""
    frame.loc[frame["area"] == "rural", "area"] = "NT"
    expected = _full_sums(frame, nd07, options)
    lane_sums = _lane_sums(_lane(nd07, options), pl.from_pandas(frame))
    assert expected is not None and lane_sums is not None
    pd.testing.assert_frame_equal(lane_sums, expected)


def test_a_word_mapped_for_one_boolean_column_is_not_taken_in_another(
    clean_text: pd.DataFrame, nd07: Standard
) -> None:
    """Boolean columns share what the lane learnt of their cells, unless an option sets one
    apart: "có nước" means false in ``dep_water`` only, a blank means false in
    ``meritorious`` only (in ``ethnic_minority`` it stays unknown)."""
    options = CensusOptions(
        blank_means_false=frozenset({"meritorious"}),
        value_maps={"dep_water": {"có nước": "false"}},
    )
    frame = clean_text.copy()
    frame.loc[frame["dep_water"] == "false", "dep_water"] = "có nước"
    frame.loc[frame["meritorious"] == "false", "meritorious"] = ""
    frame.loc[::3, "ethnic_minority"] = ""
    lane = _lane(nd07, options)
    accepted = _lane_sums(lane, pl.from_pandas(frame))
    expected = _full_sums(frame, nd07, options)
    assert accepted is not None and expected is not None
    pd.testing.assert_frame_equal(accepted, expected)
    other = frame.copy()
    other.loc[7, "dep_sanitation"] = "có nước"
    assert _full_sums(other, nd07, options) is None
    assert not lane.add(pl.from_pandas(other))  # the same lane: it has learnt the word


BAD_CELLS = {
    "ambiguous_number": ("income_per_capita", "1.500"),
    "out_of_range": ("members", "0"),
    "not_a_number": ("members", "nhiều"),
    "missing_value": ("income_per_capita", ""),
    "invalid_boolean": ("dep_water", "maybe"),
    "invalid_area": ("area", "miền núi"),
    "invalid_status": ("status_prev", "giàu"),
    "control_character": ("commune", "Dĩnh\x01Kế"),
    "missing_district": ("district", ""),
    "missing_id": ("household_id", ""),
}


@pytest.mark.parametrize("case", sorted(BAD_CELLS))
def test_one_bad_cell_sends_the_batch_to_the_full_validation(
    case: str, clean_text: pd.DataFrame, nd07: Standard
) -> None:
    column, value = BAD_CELLS[case]
    frame = clean_text.copy()
    frame.loc[len(frame) // 2, column] = value
    assert _full_sums(frame, nd07) is None
    assert _lane_sums(_lane(nd07), pl.from_pandas(frame)) is None


def test_a_part_larger_than_its_total_and_a_repeated_id(
    clean_text: pd.DataFrame, nd07: Standard
) -> None:
    exceeding = clean_text.copy()
    exceeding.loc[5, "school_age_children"] = "1"
    exceeding.loc[5, "children_in_school"] = "2"
    repeated = clean_text.copy()
    repeated.loc[9, "household_id"] = repeated.loc[3, "household_id"]
    for frame in (exceeding, repeated):
        assert _full_sums(frame, nd07) is None
        assert _lane_sums(_lane(nd07), pl.from_pandas(frame)) is None


def test_an_id_the_fast_lane_cannot_vouch_for_is_still_valid(
    clean_text: pd.DataFrame, nd07: Standard
) -> None:
    """An id with a space is left to the full validation, which accepts it."""
    frame = clean_text.copy()
    frame.loc[2, "household_id"] = "BG 01 0002"
    assert _full_sums(frame, nd07) is not None
    assert _lane_sums(_lane(nd07), pl.from_pandas(frame)) is None


# Per column: cells the full rules accept, then cells they reject.
CELLS = {
    "members": (["1", "4", "07", "+3"], ["0", "101", "2.5", "1.500", "", "bốn"]),
    "income_per_capita": (
        ["0", "1500000", "2000000", "2000001", "1.500.000", "12.000.001", "01.500.000"],
        ["-1", "", "x", "1,5", "1.500", "1.50.000", "1.500.000.", "99.999.999.999.999.999.999"],
    ),
    "area": (["rural", "urban", "Nông thôn", "THÀNH THỊ"], ["", "núi"]),
    "dep_water": (["true", "false", "1", "0", "có", "Không"], ["", "?"]),
    "status_prev": (["poor", "near_poor", "middle", "non_poor", "", "cận nghèo"], ["rich"]),
    "insured_members": (["0", "1", ""], ["200", "-1"]),
    "commune": (["Dĩnh Kế", "Dĩnh  Kế", " Trần Phú"], ["", "A\x02"]),
}


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_the_fast_lane_never_accepts_what_the_full_validation_rejects(
    data: st.DataObject, clean_text: pd.DataFrame, nd07: Standard
) -> None:
    size = data.draw(st.integers(min_value=1, max_value=25))
    frame = clean_text.head(size).copy().reset_index(drop=True)
    for column, (good, bad) in CELLS.items():
        # Most columns draw good cells only, so that whole batches are often clean.
        pool = good + bad if data.draw(st.integers(0, 3)) == 0 else good
        frame[column] = data.draw(st.lists(st.sampled_from(pool), min_size=size, max_size=size))
    frame.loc[frame["insured_members"] != "", "insured_members"] = "0"  # never above members
    expected = _full_sums(frame, nd07)
    lane_sums = _lane_sums(_lane(nd07), pl.from_pandas(frame))
    if lane_sums is not None:
        assert expected is not None
        pd.testing.assert_frame_equal(lane_sums, expected)
    elif expected is not None:
        # Refusing a clean batch is allowed (it is then only slower), but only for the cells
        # the fast lane leaves to the full rules: integers written with group separators.
        assert frame["income_per_capita"].str.contains(".", regex=False).any()


# The engine as a whole: which reader, which lane, how many passes.


def _same_report(path: Path) -> dict[str, object]:
    streamed = run_streaming_check(PLAN_2024, path, max_invalid_percent=100).to_dict()
    in_memory, _ = run_check(PLAN_2024, path, max_invalid_percent=100)
    assert streamed == in_memory.to_dict()
    return streamed


def test_a_clean_census_takes_polars_and_the_fast_lane(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "clean.csv"
    clean_text.to_csv(path, index=False)
    _small_batches(monkeypatch)
    streamed = stream_census(path, nd07, 1.0)
    assert (streamed.parser, streamed.fast_rows, streamed.passes) == ("polars", len(clean_text), 1)
    _same_report(path)


def test_blank_last_cells_in_whole_rows_stay_with_polars(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A blank last cell might be a row cut short (polars pads one with blanks): counting
    the file's delimiters shows every row is whole, so the one read stands. With a '"' in
    the file the count could be spoilt by a quoted comma: Arrow's reader then decides."""
    frame = clean_text.copy()
    frame.loc[[40, 41, 300], "housing_supported"] = ""
    path = tmp_path / "blank_last_cells.csv"
    frame.to_csv(path, index=False)
    _small_batches(monkeypatch)
    streamed = stream_census(path, nd07, 100.0)
    assert (streamed.parser, streamed.passes, streamed.summary.invalid_rows) == ("polars", 1, 0)
    assert streamed.fast_rows == len(frame)  # a blank optional cell is not a suspect row
    _same_report(path)
    frame.loc[500, "commune"] = '"' + frame.loc[500, "commune"] + '"'  # quoted by the writer
    quoted = tmp_path / "blank_last_cells_quoted.csv"
    frame.to_csv(quoted, index=False)
    assert stream_census(quoted, nd07, 100.0).parser == "arrow"
    _same_report(quoted)


@pytest.mark.parametrize("line_break", ["\n", "\r\n"])
def test_short_rows_and_blank_lines_are_set_aside_and_polars_reads_on(
    clean_text: pd.DataFrame,
    nd07: Standard,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    line_break: str,
) -> None:
    """Polars would pad a short row with blanks and read a blank line as a row of blanks.
    The delimiter count says a line is not whole; counting line by line says which; polars
    reads the file again with the short row set aside (``wrong_field_count``, by its row
    number, with its text in the rejects) and the blank lines skipped, as Arrow's reader
    does (the in-memory report, read by Arrow, is the same)."""
    frame = clean_text.copy()
    frame.loc[40, "housing_supported"] = ""
    path = tmp_path / "short_row.csv"
    frame.to_csv(path, index=False)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    short = lines[60].rsplit(",", 1)[0]
    lines[60] = short  # a row one field short: row 61
    lines.insert(30, "")  # a blank line before it: not a row
    path.write_bytes((line_break.join(lines) + line_break * 2).encode())  # one more at the end
    _small_batches(monkeypatch)
    rejects = tmp_path / "rejects.csv"
    streamed = stream_census(path, nd07, 100.0, rejects=rejects)
    assert streamed.parser == "polars"
    assert streamed.summary.rows == len(frame)
    assert streamed.summary.invalid_by_reason == {"wrong_field_count": 1}
    assert [problem["row"] for problem in streamed.summary.problems] == [61]
    assert streamed.fast_rows == len(frame) - 1  # all but the short row summed in the query
    set_aside = pd.read_csv(rejects, dtype=str)
    assert (set_aside.loc[0, "row"], set_aside.loc[0, "raw_line"]) == ("61", short)
    _same_report(path)


def test_too_many_broken_lines_hand_the_file_to_arrows_reader(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lines set aside are kept in memory (two numbers each): beyond a limit, Arrow's reader,
    which sets them aside as it reads."""
    from gnbv.read import text as text_source

    path = tmp_path / "short_rows.csv"
    clean_text.to_csv(path, index=False)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    for number in (20, 60):
        lines[number] = lines[number].rsplit(",", 1)[0]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(text_source, "BROKEN_LINES_KEPT", 1)
    _small_batches(monkeypatch)
    streamed = stream_census(path, nd07, 100.0)
    assert streamed.parser == "arrow"
    assert streamed.summary.invalid_by_reason == {"wrong_field_count": 2}
    _same_report(path)


def test_repeated_ids_read_the_census_twice_and_keep_the_first(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frame = clean_text.copy()
    first = frame.loc[10, "household_id"]
    frame.loc[10, "members"] = "nhiều"  # the first row with the id is itself set aside
    frame.loc[400, "household_id"] = first
    frame.loc[900, "household_id"] = first
    frame.loc[950, "household_id"] = frame.loc[20, "household_id"]
    path = tmp_path / "repeated.csv"
    frame.to_csv(path, index=False)
    _small_batches(monkeypatch)
    streamed = stream_census(path, nd07, 100.0)
    assert streamed.passes == 2
    assert streamed.summary.invalid_by_reason == {"duplicate_id": 3, "not_a_number": 1}
    rows = sorted(p["row"] for p in streamed.summary.problems if p["reason"] == "duplicate_id")
    assert rows == [402, 902, 952]
    _same_report(path)


def test_the_second_pass_over_repeated_ids_is_one_query_too(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every cell types, so both passes are the one polars query; on the second only the
    rows with a repeated id leave the lane, and the full validation keeps the first."""
    frame = clean_text.copy()
    frame.loc[[400, 900], "household_id"] = frame.loc[10, "household_id"]
    frame.loc[950, "household_id"] = frame.loc[20, "household_id"]
    frame.loc[30, "area"] = "thành  thị"  # suspect for another reason (two spaces), kept
    path = tmp_path / "repeated_typed.csv"
    frame.to_csv(path, index=False)
    _small_batches(monkeypatch)
    streamed = stream_census(path, nd07, 100.0)
    assert (streamed.passes, streamed.parser) == (2, "polars")
    assert streamed.fast_rows == len(frame) - 6  # rows 10, 20, 400, 900, 950 and 30
    assert streamed.summary.invalid_by_reason == {"duplicate_id": 3}
    rows = sorted(p["row"] for p in streamed.summary.problems)
    assert rows == [402, 902, 952]
    _same_report(path)


def test_areas_and_booleans_written_in_vietnamese_stay_in_the_one_query(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real exports write "Thành thị", "có"/"không", "1"/"0", "x": polars reads those yes/no
    columns as text (the start of the file shows it), and the lane types the usual spellings
    of the accepted words itself. Only rows with other cells leave it; same report."""
    frame = clean_text.copy()
    frame["area"] = frame["area"].map({"urban": "Thành thị", "rural": "NÔNG THÔN"})
    frame.loc[::3, "area"] = "nông thôn"
    for name in ("dep_water", "ethnic_minority", "meritorious"):
        frame[name] = frame[name].map({"true": "có", "false": "không", "": ""})
    frame["dep_housing_area"] = frame["dep_housing_area"].map({"true": "x", "false": "0"})
    frame["telecom_need"] = frame["telecom_need"].map({"true": "1", "false": "0", "": ""})
    frame.loc[5, "meritorious"] = ""  # optional: blank is unknown, still summed
    frame.loc[7, "dep_water"] = "Có"
    frame.loc[50, "area"] = "thanh thi"  # not a word the rules know: invalid_area
    frame.loc[60, "ethnic_minority"] = "chắc"  # nor this: invalid_boolean
    path = tmp_path / "vietnamese_words.csv"
    frame.to_csv(path, index=False)
    _small_batches(monkeypatch)
    streamed = stream_census(path, nd07, 100.0)
    assert (streamed.parser, streamed.passes) == ("polars", 1)
    assert streamed.fast_rows == len(frame) - 2
    assert streamed.summary.invalid_by_reason == {"invalid_area": 1, "invalid_boolean": 1}
    _same_report(path)


def test_ids_with_single_spaces_stay_in_the_one_query(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An id such as "BG 01 0002" or "BĐ 40" is left as it is by the full rules, so the query
    sums its row; two spaces running (folded into one), a space at an end, a tab or a letter
    typed decomposed (not NFC) make the row the full validation's. Same report either way;
    a repeat of a spaced id written with two spaces is found."""
    frame = clean_text.copy()
    frame["household_id"] = frame["household_id"].str.replace("BG", "BG ", n=1, regex=False)
    frame.loc[10, "household_id"] = "BG  dup"
    frame.loc[11, "household_id"] = "BG dup"  # the same id once folded: a duplicate_id
    frame.loc[20, "household_id"] = " BG 20"
    frame.loc[30, "household_id"] = "BG\t30"
    frame.loc[40, "household_id"] = "BĐ 40"
    frame.loc[50, "household_id"] = "Ho\u0323 50"  # "Họ 50" decomposed: NFC changes it
    path = tmp_path / "census_spaced_ids.csv"
    frame.to_csv(path, index=False)
    _small_batches(monkeypatch)
    streamed = stream_census(path, nd07, 100.0)
    assert (streamed.parser, streamed.passes) == ("polars", 2)  # an id repeats: read again
    # Rows 10, 20, 30 and 50; and 11, whose id repeats, on the second pass.
    assert streamed.fast_rows == len(frame) - 5
    assert streamed.summary.invalid_by_reason == {"duplicate_id": 1}
    _same_report(path)


def test_a_word_in_a_number_column_keeps_the_file_in_the_one_query(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "nhiều" in a count fails polars' typed read; read again as text, the file stays in the
    one query: a number written plainly or with its thousands dotted ("1.500.000") is typed
    there, any other writing ("07", "+3", "1.500") leaves the lane for the full validation,
    which reads or rejects it."""
    frame = clean_text.copy()
    frame.loc[900, "members"] = "nhiều"  # not_a_number
    frame.loc[10, "members"] = "07"
    frame.loc[20, "able_workers"] = "+1"
    frame.loc[30, "income_per_capita"] = "1.500.000"
    frame.loc[40, "insured_members"] = ""  # optional: blank is unknown, stays in the lane
    path = tmp_path / "census_word_in_a_count.csv"
    frame.to_csv(path, index=False)
    _small_batches(monkeypatch)
    reads = _record_polars_reads(monkeypatch)
    streamed = stream_census(path, nd07, 100.0)
    assert (streamed.parser, streamed.passes) == ("polars", 1)
    # Rows 10 ("07", members read as text) and 900; "+1" in a column polars typed is 1.
    assert streamed.fast_rows == len(frame) - 2
    assert streamed.summary.invalid_by_reason == {"not_a_number": 1}
    # The start of the file shows "07" and "1.500.000": those columns are read as text from
    # the first read; "nhiều" further down costs one more read of that column as text.
    assert reads[0][0] and len(reads) <= 2, reads
    _same_report(path)


def test_words_in_many_number_columns_read_the_file_as_text(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Words in four number columns: those columns read as text (decided from the start of
    the file, not from failed reads), same report."""
    frame = clean_text.copy()
    for row, column in enumerate(
        ["members", "able_workers", "school_age_children", "job_supported"]
    ):
        frame.loc[100 * row + 50, column] = "nhiều"
    path = tmp_path / "census_words_in_counts.csv"
    frame.to_csv(path, index=False)
    reads = _record_polars_reads(monkeypatch)
    streamed = stream_census(path, nd07, 100.0)
    assert streamed.summary.invalid_by_reason == {"not_a_number": 4}
    # The words stand in the first 64 KiB: their columns are text from the first read.
    assert len(reads) <= 2, reads
    _same_report(path)


def _record_polars_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, set[str]]]:
    """(typed, text columns) of each polars read of the census, in order."""
    reads: list[tuple[bool, set[str]]] = []
    original = gnbv.read.census.stream_csv_polars

    def recording(*args: Any, **kwargs: Any) -> Any:
        reads.append((kwargs["typed"], set(kwargs["text_columns"])))
        return original(*args, **kwargs)

    monkeypatch.setattr(gnbv.read.census, "stream_csv_polars", recording)
    return reads


def test_windows_exports_take_the_fast_reader(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path
) -> None:
    """A UTF-8 byte-order mark, CRLF line ends and semicolons: still polars, same numbers."""
    plain = tmp_path / "plain.csv"
    clean_text.to_csv(plain, index=False)
    windows = tmp_path / "windows.csv"
    text = clean_text.to_csv(index=False, sep=";", lineterminator="\r\n")
    windows.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    streamed = stream_census(windows, nd07, 1.0)
    assert streamed.parser == "polars" and streamed.fast_rows == len(clean_text)
    reference = stream_census(plain, nd07, 1.0)
    pd.testing.assert_frame_equal(_ordered(streamed.cube.frame), _ordered(reference.cube.frame))
    compressed = tmp_path / "census.csv.gz"
    compressed.write_bytes(gzip.compress(plain.read_bytes()))
    assert stream_census(compressed, nd07, 1.0).parser == "arrow"  # gzip: Arrow's reader


def test_a_required_blank_refused_once_does_not_upset_later_batches(
    clean_text: pd.DataFrame, nd07: Standard
) -> None:
    """The verdict on a blank (missing: rejected) is remembered; a later batch without
    blanks is summed as usual."""
    with_blank = clean_text.head(50).copy()
    with_blank.loc[7, "dep_water"] = ""
    lane = _lane(nd07)
    assert not lane.add(pl.from_pandas(with_blank))
    clean = pl.from_pandas(clean_text.tail(50)).with_columns(pl.col("dep_water") == "true")
    assert _lane_sums(lane, clean) is not None


# The whole file as one query (FastLane.route): a suspect row goes to the full validation
# alone, with its row number.


def test_only_suspect_rows_leave_the_whole_file_lane(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frame = clean_text.copy()
    frame.loc[5, "members"] = "0"  # below the least
    frame.loc[50, "dep_water"] = ""  # a required value missing
    frame.loc[120, "children_in_school"] = "9"  # more than the school-age children
    frame.loc[130, "district"] = ""  # a required value missing
    frame.loc[70, "area"] = " Thành thị"  # valid, but a spelling only the full rules read
    frame.loc[90, "household_id"] = "BG  01 0090"  # valid (folded to one space), not plain
    frame.loc[95, "ethnic_minority"] = ""  # valid (unknown): stays in the lane
    path = tmp_path / "census_suspect_rows.csv"
    frame.to_csv(path, index=False)
    rejects = tmp_path / "rejects.csv"
    _small_batches(monkeypatch)
    streamed = stream_census(path, nd07, 100.0, rejects=rejects)
    assert (streamed.parser, streamed.passes) == ("polars", 1)
    assert streamed.fast_rows == len(frame) - 6
    assert streamed.summary.invalid_rows == 4
    rejected = pd.read_csv(rejects)["row"].tolist()
    assert rejected == [7, 52, 122, 132]  # in file order (header is row 1)
    _same_report(path)


def test_a_key_cell_the_rules_reject_sends_the_file_to_the_batches(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A district or commune cell is typed once summed; one the rules reject (a control
    character) is found only then, and the file is read again batch by batch."""
    frame = clean_text.copy()
    frame.loc[30, "commune"] = "Dĩnh\x02Kế"
    path = tmp_path / "census_control_character.csv"
    frame.to_csv(path, index=False)
    _small_batches(monkeypatch)
    streamed = stream_census(path, nd07, 100.0)
    assert streamed.summary.invalid_by_reason == {"invalid_value": 1}
    assert streamed.fast_rows == len(frame) - 200  # the batch of 200 rows with the cell
    _same_report(path)


FILE_EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
"""For property tests that write a file and check it twice (streamed and in memory)."""


@FILE_EXAMPLES
@given(data=st.data())
def test_any_mix_of_cells_streams_to_the_in_memory_report(
    data: st.DataObject, clean_text: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Whichever lane and reader a file ends up in, the report is the in-memory one."""
    size = data.draw(st.integers(min_value=1, max_value=60))
    frame = clean_text.head(size).copy().reset_index(drop=True)
    for column, (good, bad) in CELLS.items():
        pool = good + bad if data.draw(st.integers(0, 3)) == 0 else good
        frame[column] = data.draw(st.lists(st.sampled_from(pool), min_size=size, max_size=size))
    frame.loc[frame["insured_members"] != "", "insured_members"] = "0"
    path = tmp_path_factory.mktemp("mix") / "census.csv"
    frame.to_csv(path, index=False)
    _same_report(path)


@FILE_EXAMPLES
@given(data=st.data())
def test_any_short_rows_and_blank_lines_stream_to_the_in_memory_report(
    data: st.DataObject, clean_text: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Lines cut short by one field or more, blank lines anywhere (the last too), either line
    break: the polars read that sets them aside reports what Arrow's reader (the in-memory
    path) reports: the same rows, numbers, reasons and sums."""
    size = data.draw(st.integers(min_value=1, max_value=60))
    lines = clean_text.head(size).to_csv(index=False).splitlines()
    for _ in range(data.draw(st.integers(0, 4))):
        number = data.draw(st.integers(1, len(lines) - 1))
        if lines[number]:
            cut = data.draw(st.integers(1, 35))
            lines[number] = lines[number].rsplit(",", cut)[0]
    for _ in range(data.draw(st.integers(0, 3))):
        lines.insert(data.draw(st.integers(1, len(lines))), "")
    line_break = data.draw(st.sampled_from(["\n", "\r\n"]))
    path = tmp_path_factory.mktemp("broken") / "census.csv"
    path.write_bytes(line_break.join(lines).encode() + line_break.encode())
    _same_report(path)

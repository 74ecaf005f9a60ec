"""The one query sums only rows the rules accept, and sums them as the rules do.

The full validation (``validate_census``) is the reference: for any rows, the query's clean
rows are rows the full validation accepts, and the clean rows' sums plus the full
validation of the others give the full validation's sums of all of them, key by key. And a
census file gives the same report streamed (the query) and held in memory (the rules alone).
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gnbv.core.analysis.check import census_cube
from gnbv.core.analysis.cube import KEYS, Cube, add_cubes
from gnbv.core.contract.columns import required_columns
from gnbv.core.contract.rules import CensusOptions, WordJudge
from gnbv.core.plan.standards import Standard
from gnbv.core.validation.batch import validate_census
from gnbv.core.validation.ids import id_hashes
from gnbv.core.validation.query import CensusQuery
from gnbv.core.validation.sums import SUSPECT
from gnbv.engine import stream_census
from gnbv.io.rejects import RejectsTarget
from gnbv.read.options import ReadOptions
from gnbv.service import run_check, run_streaming_check
from gnbv.synth.census import synthesise, to_census_text
from tests.conftest import PLAN_2024
from tests.test_streaming import SMALL_BATCHES


@pytest.fixture(scope="module")
def clean_text(nd07: Standard) -> pd.DataFrame:
    """A clean synthetic batch, every cell text (as a CSV gives it)."""
    return to_census_text(synthesise(nd07, scale=0.004, seed=3)).astype("str")


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    keys = [key for key in KEYS if key in frame.columns]
    frame = frame.sort_values(keys, kind="stable", na_position="first").reset_index(drop=True)
    return frame[sorted(frame.columns)]


def _table(frame: pd.DataFrame | pl.DataFrame) -> pa.Table:
    if isinstance(frame, pl.DataFrame):
        return frame.to_arrow()
    return pa.Table.from_pandas(frame, preserve_index=False)


_JUDGE = WordJudge(CensusOptions())
"""The words rule's verdicts with the default options, shared by the tests as a run shares
them across its batches (each example judging the same cells afresh took a fifth of the
time)."""


def _judge(options: CensusOptions) -> WordJudge:
    return _JUDGE if options == CensusOptions() else WordJudge(options)


def _full_sums(
    frame: pd.DataFrame | pl.DataFrame, standard: Standard, options: CensusOptions = CensusOptions()
) -> pd.DataFrame | None:
    """The reference: the full validation's sums, or None when it finds any problem."""
    required = required_columns(standard.deprivation_columns)
    validation = validate_census(_table(frame), required, options=options, judge=_judge(options))
    if validation.invalid_rows:
        return None
    _, cube = census_cube(validation, standard)
    return _ordered(cube.frame)


def _suspect(
    frame: pd.DataFrame | pl.DataFrame,
    standard: Standard,
    options: CensusOptions = CensusOptions(),
    query: CensusQuery | None = None,
    batch: bool = False,
) -> np.ndarray:
    """The rows the query leaves to the full validation, after checking the invariant: its
    clean rows are valid, and its sums with the full validation of the others are the full
    validation's sums. ``batch``: the rows as a batch (in memory), not a file's query."""
    required = required_columns(standard.deprivation_columns)
    query = query or CensusQuery(standard, required, options, judge=_judge(options))
    rows = frame if isinstance(frame, pl.DataFrame) else pl.from_pandas(frame)
    routing = query.route(rows if batch else rows.lazy())
    sums, marked = pl.collect_all([routing.sums, routing.marked.select(SUSPECT)])
    suspect: np.ndarray = marked.to_series().to_numpy()
    every = validate_census(_table(rows), required, options=options, judge=_judge(options))
    _, expected = census_cube(every, standard)
    before = len(query.sums)
    if not query.add_summed(sums):  # a key cell the rules reject: every row suspect
        assert every.invalid_rows
        return np.ones(rows.height, dtype=bool)
    assert not every.invalid_mask[~suspect].any(), "a row the rules reject was summed"
    _, rest = census_cube(
        validate_census(
            _table(rows.filter(pl.Series(suspect))),
            required,
            options=options,
            judge=_judge(options),
        ),
        standard,
    )
    summed = CensusQuery(standard, required, options)
    summed.sums, summed.columns_present = query.sums[before:], query.columns_present
    cubes: list[Cube] = [rest] + ([cube] if (cube := summed.cube()) is not None else [])
    pd.testing.assert_frame_equal(
        _ordered(add_cubes(cubes).frame), _ordered(expected.frame), check_dtype=False
    )
    return suspect


def test_text_cells_sum_as_the_full_validation(clean_text: pd.DataFrame, nd07: Standard) -> None:
    assert _full_sums(clean_text, nd07) is not None
    assert not _suspect(clean_text, nd07).any()


def test_typed_columns_sum_as_the_full_validation(nd07: Standard) -> None:
    """Integers and booleans typed by the reader (polars' typed pass, Parquet)."""
    typed = synthesise(nd07, scale=0.004, seed=4)
    typed["status_prev"] = typed["status_prev"].replace("", None)
    expected = _full_sums(to_census_text(typed).astype("str").replace("None", ""), nd07)
    assert expected is not None
    assert _full_sums(pl.from_pandas(typed), nd07) is not None
    pd.testing.assert_frame_equal(_full_sums(pl.from_pandas(typed), nd07), expected)
    assert not _suspect(pl.from_pandas(typed), nd07).any()


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
    assert _full_sums(frame, nd07) is not None
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.set_column(
        table.column_names.index("commune"), "commune", table.column("commune").dictionary_encode()
    )
    as_polars = pl.from_arrow(table)
    assert isinstance(as_polars, pl.DataFrame)
    _suspect(as_polars, nd07)


def test_a_district_mapping_applies_in_the_query(clean_text: pd.DataFrame, nd07: Standard) -> None:
    """``blank_means_false`` and a district's own codes (``--columns``)."""
    options = CensusOptions(
        blank_means_false=frozenset({"meritorious"}), value_maps={"area": {"NT": "rural"}}
    )
    frame = clean_text.copy()
    frame.loc[frame["meritorious"] == "false", "meritorious"] = ""
    frame.loc[frame["area"] == "rural", "area"] = "NT"
    assert _full_sums(frame, nd07, options) is not None
    assert not _suspect(frame, nd07, options).any()


def test_a_word_mapped_for_one_boolean_column_is_not_taken_in_another(
    clean_text: pd.DataFrame, nd07: Standard
) -> None:
    """Boolean columns share what the query learnt of their cells, unless an option sets one
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
    query = CensusQuery(nd07, required_columns(nd07.deprivation_columns), options)
    assert _full_sums(frame, nd07, options) is not None
    _suspect(frame, nd07, options, query)
    other = frame.copy()
    other.loc[7, "dep_sanitation"] = "có nước"
    assert _full_sums(other, nd07, options) is None
    assert _suspect(other, nd07, options, query)[7]  # the same query: it has learnt the word


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
def test_a_bad_cell_is_never_summed(case: str, clean_text: pd.DataFrame, nd07: Standard) -> None:
    column, value = BAD_CELLS[case]
    frame = clean_text.copy()
    frame.loc[len(frame) // 2, column] = value
    assert _full_sums(frame, nd07) is None
    assert _suspect(frame, nd07)[len(frame) // 2]


def test_a_part_larger_than_its_total_is_never_summed(
    clean_text: pd.DataFrame, nd07: Standard
) -> None:
    exceeding = clean_text.copy()
    exceeding.loc[5, "school_age_children"] = "1"
    exceeding.loc[5, "children_in_school"] = "2"
    assert _full_sums(exceeding, nd07) is None
    assert _suspect(exceeding, nd07)[5]


def test_ids_with_spaces_are_valid_whether_summed_or_suspect(
    clean_text: pd.DataFrame, nd07: Standard
) -> None:
    frame = clean_text.copy()
    frame.loc[2, "household_id"] = "BG 01 0002"
    frame.loc[3, "household_id"] = "BG  01 0003"
    assert _full_sums(frame, nd07) is not None
    _suspect(frame, nd07)


# Per column: cells the full rules accept, then cells they reject.
CELLS = {
    "members": (["1", "4", "07", "+3", "4 ", " 2"], ["0", "101", "2.5", "1.500", "", "bốn", " "]),
    "income_per_capita": (
        ["0", "1500000", "2000000", "2000001", "1.500.000", "12.000.001", "01.500.000", "7 "],
        [
            "-1",
            "",
            "x",
            "1,5",
            "1.500",
            "1.50.000",
            "1.500.000.",
            "99.999.999.999.999.999.999",
            "-",
        ],
    ),
    "area": (
        ["rural", "urban", "Nông thôn", "THÀNH THỊ", "Nông thôn ", " thành  thị"],
        ["", "núi"],
    ),
    "dep_water": (["true", "false", "1", "0", "có", "Không", "có ", " không"], ["", "?"]),
    "status_prev": (
        ["poor", "near_poor", "middle", "non_poor", "", "cận nghèo", " Hộ nghèo "],
        ["rich"],
    ),
    "insured_members": (["0", "1", "", "-", " -   "], ["200", "-1"]),
    "commune": (["Dĩnh Kế", "Dĩnh  Kế", " Trần Phú"], ["", "A\x02"]),
}


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_the_query_never_sums_what_the_full_validation_rejects(
    data: st.DataObject, clean_text: pd.DataFrame, nd07: Standard
) -> None:
    size = data.draw(st.integers(min_value=1, max_value=25))
    frame = clean_text.head(size).copy().reset_index(drop=True)
    for column, (good, bad) in CELLS.items():
        # Most columns draw good cells only, so that whole batches are often clean.
        pool = good + bad if data.draw(st.integers(0, 3)) == 0 else good
        frame[column] = data.draw(st.lists(st.sampled_from(pool), min_size=size, max_size=size))
    frame.loc[~frame["insured_members"].str.strip().isin(["", "-"]), "insured_members"] = (
        "0"  # never above members
    )
    _suspect(frame, nd07)
    # The cells the reader saw before the read (all of them, good and bad): the query sums
    # the rows of the words the rules read as words, and only those, and trims the numbers
    # of a column where one has a space around it.
    seen_columns = ["area", "dep_water", "status_prev", "members", "insured_members"]
    seen = {column: frame[column].unique().tolist() for column in seen_columns}
    required = required_columns(nd07.deprivation_columns)
    _suspect(frame, nd07, query=CensusQuery(nd07, required, CensusOptions(), cells_seen=seen))
    _suspect(frame, nd07, batch=True)  # a batch: its own word cells are seen


def test_word_cells_seen_before_the_read_are_summed_by_the_query(
    clean_text: pd.DataFrame, nd07: Standard
) -> None:
    """A district writes its areas and yes/no with a space after them throughout: the rows
    are summed as the rules read them once the reader has seen such cells."""
    frame = clean_text.copy()
    frame["area"] = frame["area"].map({"rural": "Nông thôn ", "urban": "Thành thị "})
    frame["dep_water"] = frame["dep_water"].map({"true": "có ", "false": "không "})
    seen = {"area": ["Nông thôn ", "Thành thị "], "dep_water": ["có ", "không "]}
    required = required_columns(nd07.deprivation_columns)
    query = CensusQuery(nd07, required, CensusOptions(), cells_seen=seen)
    assert not _suspect(frame, nd07, query=query).any()


def test_numbers_and_ids_with_a_space_after_them_are_summed_by_the_query(
    clean_text: pd.DataFrame, nd07: Standard
) -> None:
    """An export writes "4 " and "BG010000001 " throughout: once the reader has seen such
    cells (or a batch has them), the rows are summed as the rules read them."""
    frame = clean_text.copy()
    for column in ("household_id", "members", "income_per_capita"):
        frame[column] = frame[column] + " "
    seen = {column: frame[column].head(3).tolist() for column in ("household_id", "members")}
    seen["income_per_capita"] = ["7940000 "]
    required = required_columns(nd07.deprivation_columns)
    query = CensusQuery(nd07, required, CensusOptions(), cells_seen=seen)
    assert not _suspect(frame, nd07, query=query).any()
    assert not _suspect(frame, nd07, batch=True).any()


# Files: the same report streamed and in memory, whatever they hold.


def _same_report(path: Path, options: ReadOptions = ReadOptions()) -> dict[str, object]:
    """The report streamed and in memory, both read in batches of ``options``."""
    streamed = run_streaming_check(PLAN_2024, path, max_invalid_percent=100, read_options=options)
    in_memory, _ = run_check(PLAN_2024, path, max_invalid_percent=100, read_options=options)
    assert streamed.to_dict() == in_memory.to_dict()
    return streamed.to_dict()


def test_a_clean_census_in_small_batches(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path
) -> None:
    path = tmp_path / "clean.csv"
    clean_text.to_csv(path, index=False)
    streamed = stream_census(path, nd07, 1.0, SMALL_BATCHES)
    assert (streamed.summary.rows, streamed.summary.invalid_rows) == (len(clean_text), 0)
    _same_report(path, SMALL_BATCHES)


def test_blank_last_cells_are_blanks_not_short_rows(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path
) -> None:
    """A blank last cell is a blank (unknown), not a row cut short; also with quotes."""
    frame = clean_text.copy()
    frame.loc[[40, 41, 300], "housing_supported"] = ""
    path = tmp_path / "blank_last_cells.csv"
    frame.to_csv(path, index=False)
    streamed = stream_census(path, nd07, 100.0, SMALL_BATCHES)
    assert streamed.summary.invalid_rows == 0
    _same_report(path, SMALL_BATCHES)
    frame.loc[500, "commune"] = '"' + frame.loc[500, "commune"] + '"'  # quoted by the writer
    quoted = tmp_path / "blank_last_cells_quoted.csv"
    frame.to_csv(quoted, index=False)
    assert stream_census(quoted, nd07, 100.0, SMALL_BATCHES).summary.invalid_rows == 0
    _same_report(quoted, SMALL_BATCHES)


@pytest.mark.parametrize("line_break", ["\n", "\r\n"])
def test_short_rows_are_set_aside_and_blank_lines_skipped(
    clean_text: pd.DataFrame,
    nd07: Standard,
    tmp_path: Path,
    line_break: str,
) -> None:
    """A short row is set aside (``wrong_field_count``, by its row number, with its text in
    the rejects), blank lines are not rows; the in-memory report is the same."""
    frame = clean_text.copy()
    frame.loc[40, "housing_supported"] = ""
    path = tmp_path / "short_row.csv"
    frame.to_csv(path, index=False)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    short = lines[60].rsplit(",", 1)[0]
    lines[60] = short  # a row one field short: row 61
    lines.insert(30, "")  # a blank line before it: not a row
    path.write_bytes((line_break.join(lines) + line_break * 2).encode())  # one more at the end
    rejects = tmp_path / "rejects.csv"
    streamed = stream_census(path, nd07, 100.0, SMALL_BATCHES, rejects=RejectsTarget(rejects))
    assert streamed.summary.rows == len(frame)
    assert streamed.summary.invalid_by_reason == {"wrong_field_count": 1}
    assert [problem["row"] for problem in streamed.summary.problems] == [61]
    set_aside = pd.read_csv(rejects, dtype=str)
    assert (set_aside.loc[0, "row"], set_aside.loc[0, "raw_line"]) == ("61", short)
    _same_report(path, SMALL_BATCHES)


def test_repeated_ids_keep_the_first(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path
) -> None:
    frame = clean_text.copy()
    first = frame.loc[10, "household_id"]
    frame.loc[10, "members"] = "nhiều"  # the first row with the id is itself set aside
    frame.loc[400, "household_id"] = first
    frame.loc[900, "household_id"] = first
    frame.loc[950, "household_id"] = frame.loc[20, "household_id"]
    path = tmp_path / "repeated.csv"
    frame.to_csv(path, index=False)
    streamed = stream_census(path, nd07, 100.0, SMALL_BATCHES)
    assert streamed.summary.invalid_by_reason == {"duplicate_id": 3, "not_a_number": 1}
    rows = sorted(p["row"] for p in streamed.summary.problems if p["reason"] == "duplicate_id")
    assert rows == [402, 902, 952]
    _same_report(path, SMALL_BATCHES)


def test_repeated_ids_beside_a_suspect_row(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path
) -> None:
    """Repeated ids among clean rows and beside a valid row the query leaves to the rules
    (an area written with two spaces): the first of each id is kept."""
    frame = clean_text.copy()
    frame.loc[[400, 900], "household_id"] = frame.loc[10, "household_id"]
    frame.loc[950, "household_id"] = frame.loc[20, "household_id"]
    frame.loc[30, "area"] = "thành  thị"  # suspect for another reason (two spaces), kept
    path = tmp_path / "repeated_typed.csv"
    frame.to_csv(path, index=False)
    streamed = stream_census(path, nd07, 100.0, SMALL_BATCHES)
    assert streamed.summary.invalid_by_reason == {"duplicate_id": 3}
    rows = sorted(p["row"] for p in streamed.summary.problems)
    assert rows == [402, 902, 952]
    _same_report(path, SMALL_BATCHES)


def test_areas_and_booleans_written_in_vietnamese(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path
) -> None:
    """Real exports write "Thành thị", "có"/"không", "1"/"0", "x": read as the words they
    are; other words set aside; same report streamed and in memory."""
    frame = clean_text.copy()
    frame["area"] = frame["area"].map({"urban": "Thành thị", "rural": "NÔNG THÔN"})
    frame.loc[::3, "area"] = "nông thôn"
    for name in ("dep_water", "ethnic_minority", "meritorious"):
        frame[name] = frame[name].map({"true": "có", "false": "không", "": ""})
    frame["dep_housing_area"] = frame["dep_housing_area"].map({"true": "x", "false": "0"})
    frame["telecom_need"] = frame["telecom_need"].map({"true": "1", "false": "0", "": ""})
    frame.loc[5, "meritorious"] = ""  # optional: blank is unknown, still summed
    frame.loc[7, "dep_water"] = "Có"
    frame.loc[50, "area"] = "miền núi"  # not a word the rules know: invalid_area
    frame.loc[51, "area"] = "thanh thi"  # "thành thị" typed without marks: read as urban
    frame.loc[60, "ethnic_minority"] = "chắc"  # nor this: invalid_boolean
    path = tmp_path / "vietnamese_words.csv"
    frame.to_csv(path, index=False)
    streamed = stream_census(path, nd07, 100.0, SMALL_BATCHES)
    assert streamed.summary.invalid_by_reason == {"invalid_area": 1, "invalid_boolean": 1}
    _same_report(path, SMALL_BATCHES)


def test_ids_with_spaces_tabs_and_decomposed_letters(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path
) -> None:
    """An id such as "BG 01 0002" or "BĐ 40" is valid as written; two spaces running are
    one, a space at an end is trimmed, a tab is a space, a letter typed decomposed is the
    same letter: a repeat of a spaced id written with two spaces is found."""
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
    streamed = stream_census(path, nd07, 100.0, SMALL_BATCHES)
    assert streamed.summary.invalid_by_reason == {"duplicate_id": 1}
    _same_report(path, SMALL_BATCHES)


def test_numbers_written_otherwise_in_a_number_column(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path
) -> None:
    """ "nhiều" in a count is not a number; "07", "+1" and "1.500.000" are numbers; a blank
    optional count is unknown."""
    frame = clean_text.copy()
    frame.loc[900, "members"] = "nhiều"  # not_a_number
    frame.loc[10, "members"] = "07"
    frame.loc[20, "able_workers"] = "+1"
    frame.loc[30, "income_per_capita"] = "1.500.000"
    frame.loc[40, "insured_members"] = ""  # optional: blank is unknown
    path = tmp_path / "census_word_in_a_count.csv"
    frame.to_csv(path, index=False)
    streamed = stream_census(path, nd07, 100.0, SMALL_BATCHES)
    assert streamed.summary.invalid_by_reason == {"not_a_number": 1}
    _same_report(path, SMALL_BATCHES)


def test_words_in_many_number_columns(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path
) -> None:
    """Words in four number columns: four rows set aside, same report."""
    frame = clean_text.copy()
    for row, column in enumerate(
        ["members", "able_workers", "school_age_children", "job_supported"]
    ):
        frame.loc[100 * row + 50, column] = "nhiều"
    path = tmp_path / "census_words_in_counts.csv"
    frame.to_csv(path, index=False)
    streamed = stream_census(path, nd07, 100.0)
    assert streamed.summary.invalid_by_reason == {"not_a_number": 4}
    _same_report(path)


def test_windows_exports_and_gzip_give_the_same_sums(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path
) -> None:
    """A UTF-8 byte-order mark, CRLF line ends and semicolons: still polars, same numbers."""
    plain = tmp_path / "plain.csv"
    clean_text.to_csv(plain, index=False)
    windows = tmp_path / "windows.csv"
    text = clean_text.to_csv(index=False, sep=";", lineterminator="\r\n")
    windows.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    reference = _ordered(stream_census(plain, nd07, 1.0).cube.frame)
    compressed = tmp_path / "census.csv.gz"
    compressed.write_bytes(gzip.compress(plain.read_bytes()))
    for path in (windows, compressed):
        pd.testing.assert_frame_equal(
            _ordered(stream_census(path, nd07, 1.0).cube.frame), reference
        )


def test_a_required_blank_refused_once_does_not_upset_later_batches(
    clean_text: pd.DataFrame, nd07: Standard
) -> None:
    """The verdict on a blank (missing: rejected) is remembered; a later batch without
    blanks is summed as usual."""
    with_blank = clean_text.head(50).copy()
    with_blank.loc[7, "dep_water"] = ""
    query = CensusQuery(nd07, required_columns(nd07.deprivation_columns), CensusOptions())
    assert _suspect(with_blank, nd07, query=query)[7]
    clean = pl.from_pandas(clean_text.tail(50)).with_columns(pl.col("dep_water") == "true")
    assert not _suspect(clean, nd07, query=query).any()


# A suspect row goes to the full validation alone, with its row number.


def test_rows_set_aside_keep_their_file_order_and_numbers(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path
) -> None:
    frame = clean_text.copy()
    frame.loc[5, "members"] = "0"  # below the least
    frame.loc[50, "dep_water"] = ""  # a required value missing
    frame.loc[120, "children_in_school"] = "9"  # more than the school-age children
    frame.loc[130, "district"] = ""  # a required value missing
    frame.loc[70, "area"] = " Thành thị"  # valid, but a spelling only the full rules read
    frame.loc[90, "household_id"] = "BG  01 0090"  # valid (folded to one space), not plain
    frame.loc[95, "ethnic_minority"] = ""  # valid (unknown)
    path = tmp_path / "census_suspect_rows.csv"
    frame.to_csv(path, index=False)
    rejects = tmp_path / "rejects.csv"
    streamed = stream_census(path, nd07, 100.0, SMALL_BATCHES, rejects=RejectsTarget(rejects))
    assert streamed.summary.invalid_rows == 4
    rejected = pd.read_csv(rejects)["row"].tolist()
    assert rejected == [7, 52, 122, 132]  # in file order (header is row 1)
    _same_report(path, SMALL_BATCHES)


def test_a_control_character_in_a_commune_name(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path
) -> None:
    """A commune name with a control character is ``invalid_value``, that row alone."""
    frame = clean_text.copy()
    frame.loc[30, "commune"] = "Dĩnh\x02Kế"
    path = tmp_path / "census_control_character.csv"
    frame.to_csv(path, index=False)
    streamed = stream_census(path, nd07, 100.0, SMALL_BATCHES)
    assert streamed.summary.invalid_by_reason == {"invalid_value": 1}
    _same_report(path, SMALL_BATCHES)


def test_a_rejected_commune_and_repeated_ids_in_one_file(
    clean_text: pd.DataFrame, nd07: Standard, tmp_path: Path
) -> None:
    """Both are known only once the whole file is read; one more reading follows both: the
    commune's row is ``invalid_value``, the second row of each id a ``duplicate_id``, a
    "Tổng cộng" written as a district is a totals row, skipped; rows summed once."""
    frame = clean_text.copy()
    frame.loc[30, "commune"] = "Dĩnh\x02Kế"
    frame.loc[[400, 900], "household_id"] = frame.loc[10, "household_id"]
    frame.loc[950, "district"] = "TỔNG CỘNG"
    path = tmp_path / "census_rejected_commune_repeated_ids.csv"
    frame.to_csv(path, index=False)
    streamed = stream_census(path, nd07, 100.0)
    assert streamed.summary.invalid_by_reason == {"duplicate_id": 2, "invalid_value": 1}
    assert streamed.summary.rows == len(frame) - 1  # the totals row is not a household
    assert int(streamed.cube.frame["n"].sum()) == len(frame) - 1 - 3
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
    """Whatever the cells, the streamed report is the in-memory one."""
    size = data.draw(st.integers(min_value=1, max_value=60))
    frame = clean_text.head(size).copy().reset_index(drop=True)
    for column, (good, bad) in CELLS.items():
        pool = good + bad if data.draw(st.integers(0, 3)) == 0 else good
        frame[column] = data.draw(st.lists(st.sampled_from(pool), min_size=size, max_size=size))
    frame.loc[~frame["insured_members"].str.strip().isin(["", "-"]), "insured_members"] = "0"
    path = tmp_path_factory.mktemp("mix") / "census.csv"
    frame.to_csv(path, index=False)
    _same_report(path)


@FILE_EXAMPLES
@given(data=st.data())
def test_any_short_rows_and_blank_lines_stream_to_the_in_memory_report(
    data: st.DataObject, clean_text: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Lines cut short by one field or more, blank lines anywhere (the last too), either line
    break: streamed and in memory, the same rows, numbers, reasons and sums."""
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


ID_PARTS = st.text(alphabet=[" ", "\u00a0", "\u2009", "\u3000", "\t", "\u200b", "B", "Đ", "\u0300"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ids=st.lists(st.tuples(ID_PARTS, ID_PARTS), min_size=1, max_size=8),
    seen=st.sampled_from([[], ["S1"], ["S1 "]]),
    batch=st.booleans(),
)
def test_an_id_the_query_hashes_is_the_id_as_the_rule_reads_it(
    ids: list[tuple[str, str]],
    seen: list[str],
    batch: bool,
    clean_text: pd.DataFrame,
    nd07: Standard,
) -> None:
    """The query hashes a clean row's id to find repeated ids: it must be the hash of the id
    the rule reads, or a repeat would go unseen ("S1" and "S1" after a no-break space; "S1"
    and "S1 " where the reader saw ids written with a space after them)."""
    frame = clean_text.head(len(ids)).copy().reset_index(drop=True)
    frame["household_id"] = [
        f"{before}{number}{after}" for number, (before, after) in enumerate(ids)
    ]
    required = required_columns(nd07.deprivation_columns)
    query = CensusQuery(nd07, required, CensusOptions(), cells_seen={"household_id": seen})
    rows = pl.from_pandas(frame)
    routing = query.route(rows if batch else rows.lazy())
    assert routing.hashes is not None
    marked, hashes = pl.collect_all([routing.marked.select(SUSPECT), routing.hashes])
    suspect = marked.to_series().to_numpy()
    validation = validate_census(_table(frame), required)
    assert not validation.invalid_mask[~suspect].any()
    read = pd.Series(
        validation.valid["household_id"].to_numpy(), index=np.flatnonzero(~validation.invalid_mask)
    )
    clean = np.flatnonzero(~suspect)
    expected = id_hashes(pl.Series(read[clean].tolist(), dtype=pl.String))
    assert hashes.to_series().to_list() == expected.to_list()

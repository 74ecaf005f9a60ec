"""A commune is printed as most of its households write it, however many spellings it has."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from gnbv.core.contract.units import bare_name, match_units, unit_key

SPELLINGS = ["Dĩnh Kế", "dĩnh kế", "Xã Dĩnh Kế", " DĨNH  KẾ ", "Tân Mỹ", "Phường Tân Mỹ", "b"]
DISTRICTS = ["Sơn Động", "sơn động", "Huyện Sơn Động", "Lục Nam", "Yên Dũng"]

rows = st.lists(
    st.tuples(st.sampled_from(DISTRICTS), st.sampled_from(SPELLINGS), st.integers(1, 9)),
    min_size=1,
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(rows)
def test_each_commune_is_printed_as_most_of_its_households_write_it(
    written: list[tuple[str, str, int]],
) -> None:
    frame = (
        pd.DataFrame(written, columns=["district", "commune", "n"])
        .groupby(["district", "commune"], sort=True)["n"]
        .sum()
        .reset_index()
    )
    names = match_units(frame, ["Sơn Động", "Lục Nam"], plan_lists_districts=True)
    assert set(names.unknown_districts) == ({"Yên Dũng"} & set(frame["district"]))
    frame["printed_district"] = frame["district"].map(names.districts)
    for (district, _), unit in frame.groupby(
        ["printed_district", frame["commune"].map(unit_key)], sort=False
    ):
        counts = unit.groupby("commune")["n"].sum()
        printed = {names.communes[(district, name)] for name in unit["commune"]}
        assert len(printed) == 1  # one unit, one name, whatever the spelling
        most = counts.max()
        assert printed.pop() in {bare_name(name) for name in counts[counts == most].index}


def test_abbreviated_administrative_words_name_the_plan_s_units(
    cli: object, tmp_path: object
) -> None:
    """Forms abbreviate: "H. Sơn Động", "TX. Việt Yên", "TT. Chũ", "X. An Lạc". Read as
    other units, Sơn Động's households counted in no district's target (T2: no data)."""
    import json
    from pathlib import Path

    from tests.conftest import DATA, PLAN_2024

    frame = pd.read_csv(DATA / "census_under_a_million_canonical.csv", dtype=str)
    frame = frame.fillna("")
    communes = set(frame["commune"])
    frame["district"] = frame["district"].map(
        {"Sơn Động": "H. Sơn Động", "Việt Yên": "TX. Việt Yên"}
    )
    frame["commune"] = [
        ("TT. " if district.startswith("TX") else "X. ") + name
        for district, name in zip(frame["district"], frame["commune"], strict=True)
    ]
    census = Path(str(tmp_path)) / "abbreviated.csv"
    frame.to_csv(census, index=False)
    args = ["check", census, "--plan", PLAN_2024, "--format", "json", "--lang", "en"]
    document = json.loads(cli(*args).stdout)  # type: ignore[operator]
    assert not [text for text in document["warnings"] if "not a unit of the plan" in text]
    assert [unit["name"] for unit in document["districts"]] == ["Sơn Động", "Việt Yên"]
    assert {unit["name"] for unit in document["communes"]} == communes


def test_a_commune_and_a_town_of_one_name_are_two_units(cli: object, tmp_path: object) -> None:
    """ "Xã An Châu" and "Thị trấn An Châu" of one district were counted as one commune, "An
    Châu", their households added together. Their kinds keep them apart, printed; a cell
    without its kind stays with neither."""
    import json
    from pathlib import Path

    from tests.conftest import DATA, PLAN_2024

    frame = pd.read_csv(DATA / "census_under_a_million_canonical.csv", dtype=str).fillna("")
    frame = frame[frame["district"] == "Việt Yên"].head(6).copy()
    frame["commune"] = ["Xã An Châu"] * 2 + ["TT. An Châu"] * 3 + ["An Châu"]
    census = Path(str(tmp_path)) / "two_kinds.csv"
    frame.to_csv(census, index=False)
    args = ["check", census, "--plan", PLAN_2024, "--format", "json", "--exit-zero"]
    document = json.loads(cli(*args).stdout)  # type: ignore[operator]
    households = {unit["name"]: unit["households"] for unit in document["communes"]}
    assert households == {"Xã An Châu": 2, "Thị trấn An Châu": 3, "An Châu": 1}
    listed = Path(str(tmp_path)) / "town.csv"
    cli("list", census, "--plan", PLAN_2024, "--commune", "TT. An Chau", "-o", listed)  # type: ignore[operator]
    town = pd.read_csv(listed, encoding="utf-8-sig", dtype=str)
    assert set(town["Xã/phường/thị trấn"]) == {"Thị trấn An Châu"} and len(town) == 3


def test_unit_names_with_characters_that_print_as_nothing_are_the_units(cli: object) -> None:
    """Names pasted from a web page or a document carry a zero-width space, a soft hyphen
    or a byte-order mark (``census_units_with_invisible_characters.csv``): "Sơn Động" so
    written was not the plan's district, its households out of its targets (a warning
    said so), and a commune was two. They are the units they print as."""
    import json

    from tests.conftest import DATA, PLAN_2024, ROOT

    def units(path: object) -> tuple[object, object, object]:
        args = ["check", path, "--plan", PLAN_2024, "--format", "json", "--exit-zero"]
        document = json.loads(cli(*args).stdout)  # type: ignore[operator]
        return document["districts"], document["communes"], document["targets"]

    pasted = units(DATA / "census_units_with_invisible_characters.csv")
    assert pasted == units(ROOT / "tests" / "corpus" / "files" / "canonical.csv")

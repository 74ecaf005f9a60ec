"""District and commune names matched to the plan's units.

Offices write a unit's name many ways: "Sơn Động", "sơn động", "Huyện Sơn Động", " SƠN ĐỘNG ".
They name one unit when they are equal after Unicode NFC, trimming, folding inner spaces, case
folding and dropping a leading administrative word (:data:`UNIT_WORDS`). The report prints the
plan's spelling of a district; a commune, which the plan does not list, is printed as most of
its households write it. A district the plan does not know is named in a warning, once.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where frames are handled: the plan needs only unit_key
    import pandas as pd

UNIT_WORDS = (
    "thành phố",
    "thị xã",
    "thị trấn",
    "huyện",
    "quận",
    "phường",
    "xã",
    "tp.",
    "tp",
    "tx.",
    "tx",
    "tt.",
    "tt",
    "h.",
    "q.",
    "p.",
    "x.",
)
"""Administrative words, and their abbreviations as forms write them ("H. Sơn Động", "TX.
Việt Yên", "TT. Chũ"), that may stand in front of a unit's name (longest first). A single
letter only with its dot: no name starts so."""


COMMUNE_KINDS = {
    "xã": "Xã",
    "x.": "Xã",
    "phường": "Phường",
    "p.": "Phường",
    "thị trấn": "Thị trấn",
    "tt.": "Thị trấn",
    "tt": "Thị trấn",
}
"""The kinds of commune-level unit, as the administrative word in front of a name says."""


def commune_kind(name: str) -> str | None:
    """The kind of commune-level unit ``name`` says it is ("TT. Chũ": "Thị trấn"), if any."""
    word = _administrative_word(_spaces_folded(name))
    return COMMUNE_KINDS.get(word) if word else None


DISTRICT_WORDS = tuple(word for word in UNIT_WORDS if word not in COMMUNE_KINDS)
"""The words that say a district-level unit follows ("huyện Sơn Động", "TP. Bắc Giang"):
the administrative words that name no kind of commune."""


def units_of_part(districts: list[str], communes: list[str]) -> list[str]:
    """The units a census of part of the province is of, as its forms name them: its
    districts, or its commune when it holds one (a commune's own file, signed there)."""
    return communes if len(districts) == 1 and len(communes) == 1 else districts


def district_named_in(text: str, districts: Iterable[str]) -> str | None:
    """The one of ``districts`` an office's name says it is of ("Phòng Lao động - TB&XH
    huyện Sơn Động": Sơn Động), if exactly one. A district word must stand before the name:
    "Sở … tỉnh Bắc Giang" is the province's office, though a district shares its name."""
    folded = _spaces_folded(text).casefold()
    words = "|".join(re.escape(word) for word in DISTRICT_WORDS)
    named = {
        district
        for district in districts
        if re.search(rf"(?:^|\W)(?:{words})\s*{re.escape(unit_key(district))}(?!\w)", folded)
    }
    return named.pop() if len(named) == 1 else None


@functools.lru_cache(maxsize=1 << 16)  # a census names a few hundred units, row after row
def unit_key(name: str) -> str:
    """The form two spellings of one unit share: "Huyện Sơn Động" and " sơn  động" alike."""
    return bare_name(name).casefold()


@functools.lru_cache(maxsize=1 << 16)
def bare_name(name: str) -> str:
    """A unit's name as written, without the administrative word in front ("Xã Dĩnh Kế" is
    printed "Dĩnh Kế", as a file without the word prints it), spaces folded."""
    text = _spaces_folded(name)
    word = _administrative_word(text)
    return text[len(word) :].lstrip(" .") if word else text


def _spaces_folded(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(name)).split())


def _administrative_word(text: str) -> str | None:
    """The word of :data:`UNIT_WORDS` in front of the name ``text`` writes, if a name
    follows it."""
    folded = text.casefold()
    for word in UNIT_WORDS:
        if folded.startswith(word + " ") or (word.endswith(".") and folded.startswith(word)):
            if text[len(word) :].lstrip(" ."):
                return word
    return None


@dataclass(frozen=True)
class UnitNames:
    """How the census's unit names are printed: the plan's spelling where it has one."""

    districts: dict[str, str] = field(default_factory=dict)
    """Name as written -> name printed."""
    communes: dict[tuple[str, str], str] = field(default_factory=dict)
    """(district printed, commune as written) -> commune printed."""
    unknown_districts: list[str] = field(default_factory=list)
    """Districts of the census that are not units of the plan (when the plan lists them)."""
    unmarked_districts: dict[str, str] = field(default_factory=dict)
    """Districts written without their tone marks ("Son Dong"), as written -> the plan's
    district they were read as (the only one written so without marks)."""

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with its ``district`` and ``commune`` columns printed names."""
        if frame.empty or "district" not in frame.columns:
            return frame
        out = frame.copy()
        written = frame["district"].astype("str")
        out["district"] = written.map(self.districts).fillna(written)
        if "commune" in frame.columns:
            # As lists: a column of text iterated cell by cell is slow (a cell a call).
            communes = frame["commune"].astype("str").tolist()
            pairs = zip(out["district"].tolist(), communes, strict=True)
            out["commune"] = [self.communes.get(pair, pair[1]) for pair in pairs]
        return out


def _most_used(spellings: pd.Series) -> str:
    """The spelling most households use (ties: the shorter, then the first in order)."""
    ranked = sorted(
        ((str(name), int(count)) for name, count in spellings.items()),
        key=lambda item: (-item[1], len(item[0]), item[0]),
    )
    return bare_name(ranked[0][0])


def match_units(
    written: pd.DataFrame, plan_districts: Iterable[str], *, plan_lists_districts: bool
) -> UnitNames:
    """Printed names for the units of ``written`` (columns district, commune, n: households).

    Few rows (one per unit and key of the sums), so plain Python is fine here.
    """
    if written.empty:
        return UnitNames()
    plan_by_key = {unit_key(name): name for name in plan_districts}
    frame = written.assign(
        district=written["district"].astype("str"), commune=written["commune"].astype("str")
    )
    frame["district_key"] = frame["district"].map(unit_key)
    districts: dict[str, str] = {}
    unknown: list[str] = []
    without_marks: dict[str, str] = {}
    for key, part in frame.groupby("district_key", sort=True):
        spellings = part.groupby("district")["n"].sum()
        printed = plan_by_key.get(str(key))
        if printed is None and (alike := alike_without_marks(str(key), plan_by_key)):
            # "Son Dong", "Sơn Đông": the plan's one district written so without its marks
            # (a keyboard without Vietnamese, an export in ASCII); said in a warning.
            printed = plan_by_key[alike]
            without_marks.update({bare_name(str(name)): printed for name in spellings.index})
        if printed is None:
            printed = _most_used(spellings)
            if plan_lists_districts:
                unknown.append(printed)
        for name in spellings.index:
            districts[str(name)] = printed
    frame["district_printed"] = frame["district"].map(districts)
    frame["commune_key"] = frame["commune"].map(unit_key)
    return UnitNames(districts, _commune_names(frame), unknown, without_marks)


def alike_without_marks(key: str, keys: Iterable[str]) -> str | None:
    """The one of ``keys`` (unit keys) that ``key`` is without Vietnamese marks, if exactly
    one is: "son dong" is "sơn động" where no other unit is written so."""
    alike = {known for known in keys if unmarked(known) == unmarked(key)}
    return alike.pop() if len(alike) == 1 else None


def without_marks(text: str) -> str:
    """Vietnamese written without its marks, as a keyboard without a Vietnamese input method
    types it: "Sơn Động" as "Son Dong", "có" as "co", "nông thôn" as "nong thon"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def unmarked(name: str) -> str:
    """A unit's key without Vietnamese marks: "Sơn Động", "Son Dong" and "Sơn Đông" alike."""
    return without_marks(unit_key(name))


def _commune_names(frame: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(district printed, commune as written) -> the spelling most of the commune's
    households use (as :func:`_most_used` ranks them), for every commune at once: a few
    hundred communes one by one took a tenth of a second."""
    unit = ["district_printed", "commune_key"]
    spellings = frame.groupby([*unit, "commune"], sort=False)["n"].sum().reset_index()
    # "Xã An Châu" and "Thị trấn An Châu" of one district are two units: their kind keeps
    # them apart and is printed (a name written without its kind stays with neither)
    kinds = spellings["commune"].map(commune_kind)
    two_kinds = kinds.groupby([spellings[name] for name in unit]).transform("nunique") > 1
    apart = two_kinds & kinds.notna()
    if apart.any():
        keys = spellings.loc[apart, "commune_key"].astype("str")
        spellings.loc[apart, "commune_key"] = keys + "\0" + kinds[apart].astype("str")
    ranked = spellings.assign(length=spellings["commune"].str.len()).sort_values(
        [*unit, "n", "length", "commune"], ascending=[True, True, False, True, True]
    )
    first = ranked.drop_duplicates(unit)
    printed = {
        (district, key): _printed_commune(key, name)
        for district, key, name in zip(
            first["district_printed"], first["commune_key"], first["commune"], strict=True
        )
    }
    return {
        (str(district), str(name)): printed[(district, key)]
        for district, key, name in zip(
            spellings["district_printed"],
            spellings["commune_key"],
            spellings["commune"],
            strict=True,
        )
    }


def _printed_commune(key: str, name: str) -> str:
    """A commune's printed name: without its kind, unless its kind keeps it apart from a
    unit of the same name (``key`` then ends with the kind)."""
    kind = key.partition("\0")[2]
    return f"{kind} {bare_name(name)}" if kind else bare_name(name)

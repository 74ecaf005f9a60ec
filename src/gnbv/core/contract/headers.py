"""How a header names a census column: the contract's headers (:mod:`gnbv.core.contract.columns`)
as a file writes them, NFC or not, in any case, with a note, a unit, a colon, a star or the
form's column number around the name. A new way of writing a header is a rule here."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from gnbv.core.contract.columns import COLUMN_SPECS, COLUMNS, INVISIBLE


def normalise_header(text: str) -> str:
    folded = re.sub(INVISIBLE, "", unicodedata.normalize("NFC", text)).strip().casefold()
    return " ".join(folded.split())


HEADER_UNIT = re.compile(r"(?P<name>.+?)\s*\((?P<unit>[^()]+)\)")
"""A header, then a unit in brackets."""


UNIT_MARKERS = re.compile(
    r"\d|%|\b(?:đồng|đ|vnđ|vnd|nghìn|ngàn|triệu|tỷ|người|khẩu|hộ|tháng|năm|kg|m2|m²)\b"
)
"""What makes the words in a header's brackets a unit ("đồng/người/tháng", "nghìn đồng",
"1.000đ", "người"); other words are a note ("ước tính", "ghi rõ", "x")."""


def states_a_unit(bracketed: str) -> bool:
    return UNIT_MARKERS.search(bracketed) is not None


def contract_column(header: str, lookup: Mapping[str, str]) -> str | None:
    """The census column a header names (``lookup``: :func:`header_lookup`, with the user's
    own headers): an accepted header; one with a note in brackets after it ("Thu nhập bình
    quân (ước tính)", "Mã hộ (theo phần mềm)"); or one with a unit in brackets, for a column
    whose headers state units (:attr:`ColumnSpec.units`; a unit it does not read in is the
    reader's to refuse, :func:`unit_not_read`). A colon or a required column's star after
    it is no part of the name ("Mã hộ:", "Mã hộ *"), nor the form's column number before or
    after it ("1. Mã hộ", "Mã hộ (1)": :data:`HEADER_COLUMN_NUMBER`)."""
    written = normalise_header(header)
    if written in lookup:
        return lookup[written]
    key = _name_part(written)
    if key in lookup:
        return lookup[key]
    if units_listed(key) in lookup:
        return lookup[units_listed(key)]
    stated = HEADER_UNIT.fullmatch(key)
    canonical = lookup.get(stated["name"]) if stated else None
    if canonical is None or stated is None:
        return None
    if not states_a_unit(stated["unit"]):
        return canonical
    return canonical if COLUMN_SPECS[canonical].units else None


HEADER_COLUMN_NUMBER = re.compile(
    r"^(?:\d{1,2}\.\d{1,2}\.?(?=\s)|\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})?\s*[.):\-–])\s*"
    r"|\s*\((?:cột\s*)?\d{1,2}\)$",
    re.IGNORECASE,
)
"""A form's column number written in its header's cell, before the name ("1. Mã hộ", "(1)
Mã hộ", "1 - Mã hộ"; an indicator's number, "1.1 Việc làm", "4.2. Diện tích nhà ở") or after
it in brackets, often on the cell's second line ("Mã hộ (1)", "Mã hộ (cột 1)"). Not a bare
number after the name: "Mã hộ 2" may be a second code, which would then be refused as a
second id column. One or two digits: "(1000)" after an income is its unit, a thousand đồng,
and stays one (refused: :func:`unit_not_read`)."""


def without_column_number(header: str) -> str:
    """A header without its column number (:data:`HEADER_COLUMN_NUMBER`); a header that is
    only a number stays."""
    return HEADER_COLUMN_NUMBER.sub("", header).strip() or header


def _name_part(key: str) -> str:
    """A normalised header without a colon or a required column's star after it ("mã hộ:",
    "mã hộ *"; "*" alone stays) and without its column number."""
    unmarked = key.rstrip(":* ") or key
    return without_column_number(unmarked).rstrip(":* ") or unmarked


def unit_not_read(header: str, lookup: Mapping[str, str]) -> str | None:
    """The unit a header states in brackets when its column is not read in it ("nghìn
    đồng" for the income, read in đồng), else None."""
    written = normalise_header(header)
    stated = HEADER_UNIT.fullmatch(_name_part(written))
    column = contract_column(header, lookup) if written not in lookup and stated else None
    if column is None or stated is None or not states_a_unit(stated["unit"]):
        return None
    units = {unit.replace(" ", "") for unit in COLUMN_SPECS[column].units}
    return None if stated["unit"].replace(" ", "") in units else stated["unit"]


def header_lookup() -> dict[str, str]:
    """Accepted header (normalised) -> canonical column name; a header listing units is
    also kept as :func:`units_listed` writes it."""
    lookup: dict[str, str] = {}
    for spec in COLUMNS:
        lookup[normalise_header(spec.name)] = spec.name
        for alias in spec.vietnamese:
            lookup[normalise_header(alias)] = spec.name
            lookup.setdefault(units_listed(normalise_header(alias)), spec.name)
    return lookup


_UNITS_SEPARATOR = re.compile(r"\s*[,;/]\s*")


def units_listed(key: str) -> str:
    """A header listing kinds of unit, its separators written one way: "Xã, phường, thị
    trấn" and "Xã / phường / thị trấn" alike."""
    return _UNITS_SEPARATOR.sub("/", key)

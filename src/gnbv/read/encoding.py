"""Which encoding a census text file is in, and the refusals of text gnbv cannot read.

In this order: what ``--encoding`` says; a byte-order mark (UTF-8 or UTF-16, Excel's "Unicode
text"); UTF-8; Windows-1258 (cp1258, the legacy Vietnamese code page) when the bytes are not
UTF-8 but read as Vietnamese in cp1258. Text typed with the TCVN3 (ABC) fonts is refused with
how to convert it; anything else with the byte offset of the first byte that is not UTF-8:
never read as mojibake.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from gnbv.core.contract.columns import COLUMNS
from gnbv.errors import CensusReadError
from gnbv.read.scan import CHUNK, Scan, refuse_nul

ENCODING_ALIASES = {
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf8-sig": "utf-8-sig",
    "utf16": "utf-16",
    "utf-16": "utf-16",
    "utf-16-le": "utf-16-le",
    "utf-16-be": "utf-16-be",
    "cp1258": "cp1258",
    "windows-1258": "cp1258",
    "windows1258": "cp1258",
}
# Vietnamese in cp1258: tone marks are separate combining bytes (0xCC grave, 0xEC acute,
# 0xD2 hook, 0xDE tilde, 0xF2 dot below) after a vowel (ă â ê ô ơ ư have their own bytes).
# Requiring a vowel + tone pair keeps Latin-1 and other non-UTF-8 files from passing as cp1258.
CP1258_VIETNAMESE = re.compile(
    rb"[AEIOUYaeiouy\xe2\xe3\xea\xf4\xf5\xfd\xc2\xc3\xca\xd4\xd5\xdd][\xcc\xec\xd2\xde\xf2]"
)


def written_in_cp1258(path: Path) -> bool:
    """Vietnamese in cp1258 anywhere in the file (:data:`CP1258_VIETNAMESE`), read a block
    at a time (a byte kept from each: a vowel and its tone mark may be cut apart)."""
    with path.open("rb") as handle:
        kept = b""
        while block := handle.read(CHUNK):
            if CP1258_VIETNAMESE.search(kept + block):
                return True
            kept = block[-1:]
    return False


def encoding_named(declared: str) -> str:
    """The encoding ``--encoding`` names (utf8, UTF-8, windows-1258, …), or a refusal."""
    name = ENCODING_ALIASES.get(declared.strip().lower())
    if name is None:
        raise CensusReadError(
            f"unknown --encoding {declared!r}",
            hint="use utf-8, utf-16 or cp1258",
            key="err_unknown_encoding",
            params={"encoding": declared},
        )
    return name


def choose_encoding(path: Path, scan: Scan, declared: str | None) -> str:
    if declared is not None:
        return encoding_named(declared)
    if scan.head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if scan.head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    refuse_nul(path, scan)
    if scan.first_non_utf8 is None:
        return "utf-8"
    if written_in_cp1258(path):
        return "cp1258"
    if typed_in_tcvn3([scan.head.decode("latin-1")]):
        raise tcvn3_error(path)
    raise CensusReadError(
        f"{path}: not UTF-8: byte 0x{byte_at(path, scan.first_non_utf8):02X} at byte offset "
        f"{scan.first_non_utf8} cannot be decoded",
        hint="save the file as CSV UTF-8, or give its encoding with --encoding (utf-16, cp1258)",
        key="err_not_utf8",
        params={
            "path": path,
            "byte": f"0x{byte_at(path, scan.first_non_utf8):02X}",
            "offset": scan.first_non_utf8,
        },
    )


# The TCVN3 (ABC) fonts (.VnTime, .VnArial) show these characters as Vietnamese letters: a
# text typed with them holds "M· hé" where the screen shows "Mã hộ" (capitals are the same
# codes in the fonts for capitals, .VnTimeH).
_TCVN3 = (
    "àµ á¸ ả¶ ã· ạ¹ ă¨ ằ» ắ¾ ẳ¼ ẵ½ ặÆ â© ầÇ ấÊ ẩÈ ẫÉ ậË đ® èÌ éÐ ẻÎ ẽÏ ẹÑ êª ềÒ ếÕ ểÓ ễÔ ệÖ "
    "ì× íÝ ỉØ ĩÜ ịÞ òß óã ỏá õâ ọä ô« ồå ốè ổæ ỗç ộé ơ¬ ờê ớí ởë ỡì ợî ùï úó ủñ ũò ụô "
    "ư\u00ad ừõ ứø ửö ữ÷ ựù ỳú ýý ỷû ỹü ỵþ Ă¡ Â¢ Ê£ Ô¤ Ơ¥ Ư¦ Đ§"
)
_FROM_TCVN3 = str.maketrans({pair[1]: pair[0] for pair in _TCVN3.split(" ")})


def typed_in_tcvn3(cells: list[str]) -> bool:
    """Whether text is Vietnamese typed with the TCVN3 fonts: read through their table, it
    names at least two of the census's columns by their Vietnamese headers, which it did
    not as it is (a Latin-1 file's "ñ" or "ö" is not enough)."""
    written = " ".join(cells)
    as_is = " ".join(written.casefold().split())
    converted = " ".join(written.translate(_FROM_TCVN3).casefold().split())
    named = {
        header
        for spec in COLUMNS
        for header in spec.vietnamese
        if " " in header and header in converted and header not in as_is
    }
    return len(named) >= 2


def tcvn3_error(path: Path) -> CensusReadError:
    return CensusReadError(
        f"{path}: the text is typed with the TCVN3 (ABC) fonts (.VnTime), not in Unicode: "
        "its headers cannot be read",
        hint="convert it to Unicode (Unikey: Công cụ chuyển mã, from TCVN3 (ABC) to Unicode) "
        "and run again",
        key="err_tcvn3",
        params={"path": path},
    )


def gzip_not_utf8(path: Path) -> CensusReadError:
    """A compressed census whose text is not UTF-8 (nor recognised as another encoding)."""
    return CensusReadError(
        f"{path}: the compressed census is not UTF-8 text",
        hint="give its encoding with --encoding (cp1258, utf-16), or save it as UTF-8",
        key="err_gzip_not_utf8",
        params={"path": path},
    )


def utf8_head(head: bytes) -> bool:
    """The file's first bytes are UTF-8 (a character cut at the end of them aside)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return len(head) - error.start < 4
    return True


def byte_at(path: Path, offset: int) -> int:
    with path.open("rb") as handle:
        handle.seek(offset)
        return handle.read(1)[0]

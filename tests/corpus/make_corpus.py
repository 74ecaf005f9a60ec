"""Write the corpus of census files gnbv reads: every kind of file, one named file each.

The files are committed as they are (a workbook written again would hold a new timestamp, and
its SHA-256, which the report gives, would change), so this script is only for making the
corpus again after a deliberate change: ``python -m tests.corpus.make_corpus``. Then record the
reports: ``GNBV_UPDATE_CORPUS=1 pytest tests/test_corpus.py``, and review the diff.

Each file holds the hand-worked census of ``test_check_by_hand`` written some other way, or
that census with a kind of defect, so that the reports differ only where the file does.
"""

from __future__ import annotations

import csv
import datetime
import gzip
import io
import unicodedata
from pathlib import Path

import openpyxl

from tests.conftest import household
from tests.test_check_by_hand import HOUSEHOLDS
from tests.test_real_files import to_cp1258

CORPUS = Path(__file__).resolve().parent / "files"


def _text(rows: list[dict[str, str]], delimiter: str = ",", newline: str = "\r\n") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator=newline
    )
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _with(index: int, **values: str) -> list[dict[str, str]]:
    rows = [dict(row) for row in HOUSEHOLDS]
    rows[index].update(values)
    return rows


def _words(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Areas and yes/no cells as Vietnamese offices write them, in mixed case."""
    out = []
    for position, row in enumerate(rows):
        words = {}
        for key, value in row.items():
            if value == "rural":
                value = "Nông thôn" if position % 2 else "NÔNG THÔN"
            elif value == "urban":
                value = "Thành thị"
            elif value == "true":
                value = ("Có", "x", "1", "TRUE")[position % 4]
            elif value == "false":
                value = ("không", "0", "Không", "false")[position % 4]
            words[key] = value
        out.append(words)
    return out


def _xlsx(path: Path, rows: list[dict[str, str]], *, blank_row: bool = False) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Ho"
    sheet.append(list(rows[0]))
    for position, row in enumerate(rows):
        cells: list[object] = []
        for key, value in row.items():
            # As Excel stores them: numbers as numbers (some as text), text as text.
            numeric = value.isdigit() and key != "household_id" and position % 3 != 2
            cells.append(int(value) if numeric else value)
        sheet.append(cells)
        if blank_row and position == 4:
            sheet.append([])
    fixed = datetime.datetime(2024, 12, 31, 8, 0)  # the same bytes each time it is made
    workbook.properties.created = workbook.properties.modified = fixed
    workbook.save(path)


def _parquet(path: Path, rows: list[dict[str, str]], *, typed: bool) -> None:
    import pandas as pd

    frame = pd.DataFrame(rows)
    if typed:
        for column in frame.columns:
            values = frame[column]
            if values.isin(["true", "false"]).all():
                frame[column] = values == "true"
            elif values.str.fullmatch(r"\d+").all() and column != "household_id":
                frame[column] = values.astype("int64")
    frame.to_parquet(path, index=False)


def make() -> None:
    CORPUS.mkdir(parents=True, exist_ok=True)
    text = _text(HOUSEHOLDS)
    lf = _text(HOUSEHOLDS, newline="\n")
    files: dict[str, bytes] = {
        "canonical.csv": text.encode(),
        "utf8_bom.csv": b"\xef\xbb\xbf" + text.encode(),
        "utf16_tab.txt": _text(HOUSEHOLDS, "\t").encode("utf-16"),
        "cp1258_semicolon.csv": to_cp1258(_text(HOUSEHOLDS, ";")),
        "nfd.csv": unicodedata.normalize("NFD", text).encode(),
        "tab.tsv": _text(HOUSEHOLDS, "\t").encode(),
        "lf_no_final_newline.csv": lf.rstrip("\n").encode(),
        "vietnamese_words.csv": _text(_words(HOUSEHOLDS)).encode(),
        "status_prev_words.csv": _text(
            [
                {**row, "status_prev": word}
                for row, word in zip(
                    HOUSEHOLDS,
                    [
                        "Nghèo",
                        "cận nghèo",
                        "hộ nghèo",
                        "Không nghèo",
                        "POOR",
                        "Hộ cận nghèo",
                        "trung bình",
                        "không nghèo",
                        "mức sống trung bình",
                        "",
                    ],
                    strict=True,
                )
            ]
        ).encode(),
        "dotted_thousands.csv": _text(
            [
                {**row, "income_per_capita": f"{int(row['income_per_capita']):,}".replace(",", ".")}
                for row in HOUSEHOLDS
            ]
        ).encode(),
        "doubtful_numbers.csv": _text(
            [
                {**row, "income_per_capita": cell}
                for row, cell in zip(
                    HOUSEHOLDS,
                    [
                        "1 000 000",
                        "1.200",
                        "1,800,000",
                        "4e6",
                        "1400000.0",
                        "2,5",
                        "nan",
                        "99999999999999999999",
                        "-5",
                        "2250001",
                    ],
                    strict=True,
                )
            ]
        ).encode(),
        "bad_cells.csv": _text(
            [
                {**HOUSEHOLDS[0], "dep_water": "maybe"},
                {**HOUSEHOLDS[1], "area": "mountain"},
                {**HOUSEHOLDS[2], "status_prev": "rich"},
                {**HOUSEHOLDS[3], "insured_members": "9"},
                {**HOUSEHOLDS[4], "members": "0"},
                {**HOUSEHOLDS[5], "district": ""},
                {**HOUSEHOLDS[6], "commune": "Tự\x07Lạn"},
                {**HOUSEHOLDS[7], "members": "=1+1", "household_id": "=HYPERLINK(1)"},
                HOUSEHOLDS[8],
                HOUSEHOLDS[9],
            ]
        ).encode(),
        "ids.csv": _text(
            [
                {**HOUSEHOLDS[0], "household_id": "BG 01 0001"},
                {**HOUSEHOLDS[1], "household_id": unicodedata.normalize("NFD", "HĐ0102")},
                {**HOUSEHOLDS[2], "household_id": "HĐ0103"},
                {**HOUSEHOLDS[3], "household_id": "S1"},
                {**HOUSEHOLDS[4], "household_id": "S1"},
                {**HOUSEHOLDS[5], "household_id": " V2 "},
                {**HOUSEHOLDS[6], "household_id": ""},
                *HOUSEHOLDS[7:],
                {**HOUSEHOLDS[8], "household_id": "S1"},
            ]
        ).encode(),
        "quoted.csv": _text(_with(0, commune="An Lạc, Sơn Động"))
        .replace("S2,", '"S\n2",', 1)
        .encode(),
        "field_counts.csv": "\n".join(
            [
                *lf.rstrip("\n").split("\n")[:3],
                lf.split("\n")[3] + ",extra",
                lf.split("\n")[4].rsplit(",", 3)[0],
                *lf.rstrip("\n").split("\n")[5:],
                '"Z9,Sơn Động,An Lạc',
            ]
        ).encode(),
        "blank_lines.csv": (
            "\n".join([*lf.split("\n")[:4], "", "  ", *lf.split("\n")[4:]]) + "\n\n"
        ).encode(),
        "vietnamese_headers.csv": _text(
            [{_VIETNAMESE.get(key, key): value for key, value in row.items()} for row in HOUSEHOLDS]
        ).encode(),
        "optional_blanks.csv": _text(
            [
                {**row, "insured_members": "", "housing_supported": "", "ethnic_minority": ""}
                if position % 2
                else row
                for position, row in enumerate(HOUSEHOLDS)
            ]
        ).encode(),
        "mapped.csv": _text(_mapped(HOUSEHOLDS)).encode(),
        "every_row_invalid.csv": _text([{**row, "members": "0"} for row in HOUSEHOLDS]).encode(),
        "missing_columns.csv": _text(
            [{k: v for k, v in row.items() if not k.startswith("dep_w")} for row in HOUSEHOLDS]
        ).encode(),
        "header_only.csv": text.split("\r\n")[0].encode() + b"\r\n",
        "empty.csv": b"",
        "nul_bytes.csv": text.encode() + b"X\x00,1\r\n",
        "latin1.csv": text.encode() + "Zoé,a\r\n".encode("latin-1"),
        "zip_named_csv.csv": b"PK\x03\x04" + bytes(range(64)),
        "census.csv.gz": gzip.compress(text.encode(), mtime=0),
    }
    for name, data in files.items():
        (CORPUS / name).write_bytes(data)
    (CORPUS / "mapped.yaml").write_text(
        "columns:\n  Ma so ho: household_id\n  Vung: area\n"
        "values:\n  area: {NT: rural, TT: urban}\n  status_prev: {N: poor, CN: near_poor}\n"
        "booleans:\n  'true': [c]\n  'false': [k]\n  blank_means_false: [dep_water]\n",
        encoding="utf-8",
    )
    _xlsx(CORPUS / "census.xlsx", HOUSEHOLDS, blank_row=True)
    _parquet(CORPUS / "text.parquet", HOUSEHOLDS, typed=False)
    _parquet(CORPUS / "typed.parquet", HOUSEHOLDS, typed=True)
    many = [
        household(f"M{i:05d}", income=900_000 + 1_000 * (i % 2_000), deprived=i % 5)
        for i in range(3_000)
    ]
    many[1_500]["members"] = "nhiều"
    (CORPUS / "three_thousand_rows.csv").write_text(_text(many), encoding="utf-8")


_VIETNAMESE = {
    "household_id": "Mã hộ",
    "district": "Huyện",
    "commune": "Xã",
    "area": "Khu vực",
    "members": "Số nhân khẩu",
    "income_per_capita": "Thu nhập bình quân đầu người/tháng",
    "dep_employment": "Thiếu hụt việc làm",
    "status_prev": "Phân loại đầu kỳ",
}


def _mapped(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    out = []
    for row in rows:
        renamed = {
            ("Ma so ho" if key == "household_id" else "Vung" if key == "area" else key): value
            for key, value in row.items()
        }
        renamed["Vung"] = "NT" if renamed["Vung"] == "rural" else "TT"
        renamed["status_prev"] = {"poor": "N", "near_poor": "CN"}.get(
            renamed["status_prev"], renamed["status_prev"]
        )
        renamed["dep_water"] = "x" if renamed["dep_water"] == "true" else ""
        renamed["dep_telecom"] = "c" if renamed["dep_telecom"] == "true" else "k"
        out.append(renamed)
    return out


if __name__ == "__main__":
    make()

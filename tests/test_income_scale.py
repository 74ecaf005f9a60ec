"""Incomes typed in thousands of đồng (1.500 for 1.500.000): no row looks bad, yet every
household of the commune falls below the poverty line. The report says so."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl

from tests.conftest import DATA, PLAN_2024, ROOT

CENSUS = DATA / "census_income_in_thousands.csv"
"""Sơn Động: An Lạc typed its incomes in thousands; Vĩnh An in đồng; Cẩm Đàn in đồng with
one household of no income (real: not a reason to warn)."""


def _income_warnings(warnings: list[str]) -> list[str]:
    return [text for text in warnings if "thousands" in text]


def test_a_commune_with_incomes_in_thousands_is_named(cli: Any) -> None:
    args = ["check", CENSUS, "--plan", PLAN_2024, "--format", "json"]
    result = cli(*args, "--lang", "en")
    warnings = _income_warnings(json.loads(result.stdout)["warnings"])
    assert len(warnings) == 1
    assert "1 commune(s) (Sơn Động: An Lạc)" in warnings[0]
    assert "3 in all" in warnings[0] and "below 15000 đồng" in warnings[0]
    said = cli(*args).stderr  # in Vietnamese, on stderr
    assert "nghìn đồng" in said and "Sơn Động: An Lạc" in said
    assert "Vĩnh An" not in said and "Cẩm Đàn" not in said


def test_incomes_in_dong_raise_no_such_warning(cli: Any) -> None:
    shipped = ROOT / "data" / "households.csv"
    result = cli("check", shipped, "--plan", PLAN_2024, "--format", "json", "--lang", "en")
    assert _income_warnings(json.loads(result.stdout)["warnings"]) == []


def test_the_printed_forms_carry_it(cli: Any, tmp_path: Path) -> None:
    """Whoever signs the targets form or the review's summary must know the rates may be
    wrong."""
    out = tmp_path / "report.xlsx"
    cli("check", CENSUS, "--plan", PLAN_2024, "--format", "xlsx", "-o", out)
    workbook = openpyxl.load_workbook(out)
    for sheet in ("Chỉ tiêu", "Biểu 1 - Kết quả rà soát"):
        texts = [cell.value for row in workbook[sheet].iter_rows() for cell in row]
        notes = [text for text in texts if isinstance(text, str) and "nghìn đồng" in text]
        assert len(notes) == 1 and "Sơn Động: An Lạc" in notes[0], sheet


def test_a_list_of_households_says_it_too(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "list.csv"
    result = cli("list", CENSUS, "--plan", PLAN_2024, "-o", out, "--lang", "en")
    assert result.exit_code == 0
    assert "thousands" in result.stderr and "Sơn Động: An Lạc" in result.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == 10  # the list itself is as before
    form = tmp_path / "list.xlsx"
    cli("list", CENSUS, "--plan", PLAN_2024, "-o", form)
    cells = [cell.value for row in openpyxl.load_workbook(form).active.iter_rows() for cell in row]
    assert any(isinstance(cell, str) and "nghìn đồng" in cell for cell in cells)


def test_classify_says_it_too(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "classes.csv"
    result = cli("classify", CENSUS, "--plan", PLAN_2024, "-o", out, "--lang", "en")
    assert result.exit_code == 0
    assert "thousands" in result.stderr and "Sơn Động: An Lạc" in result.stderr
    shipped = cli("classify", ROOT / "data" / "households.csv", "--plan", PLAN_2024, "-o", out)
    assert "nghìn đồng" not in shipped.stderr


def test_a_previous_census_in_thousands_is_named_as_the_previous_one(
    cli: Any, tmp_path: Path
) -> None:
    """Compared with a previous review typed in thousands, every poor household of An Lạc
    would read as having escaped poverty."""
    import pandas as pd

    now = pd.read_csv(CENSUS, dtype=str, keep_default_na=False)
    in_thousands = now["commune"] == "An Lạc"
    now.loc[in_thousands, "income_per_capita"] = [
        str(int(value) * 1000) for value in now.loc[in_thousands, "income_per_capita"]
    ]
    current = tmp_path / "now.csv"
    now.to_csv(current, index=False)
    args = ["compare", CENSUS, current, "--plan", PLAN_2024, "--format", "json", "--lang", "en"]
    warnings = _income_warnings(json.loads(cli(*args).stdout)["warnings"])
    assert len(warnings) == 1 and warnings[0].startswith("the previous census: incomes look")
    assert "Sơn Động: An Lạc" in warnings[0]
    said = cli(*args[:-2]).stderr
    assert "tệp rà soát năm trước: thu nhập có vẻ được ghi theo nghìn đồng" in said

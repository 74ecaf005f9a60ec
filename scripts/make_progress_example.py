"""Write data/tien_do_2024.xlsx: a SYNTHETIC progress workbook of the 2024 plan, filled with
invented figures of 30/09/2024 (no real allocation or disbursement), to try the commands on:

    python scripts/make_progress_example.py
    gnbv progress check data/tien_do_2024.xlsx

It starts from ``gnbv progress template`` and fills it as an office would: the plan year's
budget spread over the projects (adding up to the plan's figures), part of it disbursed,
funds carried over from 2022 and 2023, the works, livelihood projects, training and the
districts' allocation reports.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import openpyxl

from gnbv import api
from gnbv.io.yaml_loader import load_plan

ROOT = Path(__file__).resolve().parents[1]
FIRST_ROW = 6


def _spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` split into ``parts`` whole amounts that add up to it."""
    weights = [rng.uniform(0.5, 2.0) for _ in range(parts)]
    shares = [int(total * weight / sum(weights)) for weight in weights]
    shares[0] += total - sum(shares)
    return shares


def main() -> None:
    rng = random.Random(2024)
    plan = load_plan(ROOT / "plan_2024.yaml")
    path = ROOT / "data" / "tien_do_2024.xlsx"
    api.progress_template(path, plan=ROOT / "plan_2024.yaml")
    book = openpyxl.load_workbook(path)
    report = book["Thông tin báo cáo"]
    report.cell(row=FIRST_ROW + 2, column=2, value=dt.datetime(2024, 9, 30))
    report.cell(row=FIRST_ROW + 3, column=2, value="Sở Lao động - TB&XH (số liệu giả lập)")
    sheet = book["Giải ngân"]
    lines: dict[tuple[str, str], list[int]] = {}
    for row in range(FIRST_ROW, sheet.max_row + 1):
        source, capital = sheet.cell(row=row, column=2).value, sheet.cell(row=row, column=3).value
        if source:
            lines.setdefault((source, capital), []).append(row)
    names = {"Ngân sách trung ương": "central", "Ngân sách tỉnh": "provincial"}
    kinds = {"Đầu tư phát triển": "investment", "Sự nghiệp": "recurrent"}
    budget = {
        (source.id, line.capital_type): line.amount_mvnd
        for source in plan.budget.sources
        for line in source.lines
    }
    districts = plan.areas.districts or []
    last = FIRST_ROW
    for (source, capital), rows in lines.items():
        total = budget[(names[source], kinds[capital])]
        for row, amount in zip(rows, _spread(total, len(rows), rng), strict=True):
            low, high = (0.35, 0.9) if kinds[capital] == "recurrent" else (0.2, 0.8)
            pace = rng.uniform(low, high)
            sheet.cell(row=row, column=5, value=rng.choice(districts))
            sheet.cell(row=row, column=6, value=amount)
            sheet.cell(row=row, column=7, value=round(amount * pace, 3))
            last = max(last, row)
    carried = [
        [2022, "Ngân sách trung ương", "Đầu tư phát triển", "DA1.1", "Sơn Động", 4_520.0, 3_912.5],
        [2023, "Ngân sách trung ương", "Đầu tư phát triển", "DA1.1", "Sơn Động", 18_750.0, 9_120.0],
        [2023, "Ngân sách trung ương", "Sự nghiệp", "DA4.2", "Sơn Động", 1_200.0, 310.0],
        [2023, "Ngân sách tỉnh", "Sự nghiệp", "DA3.1", "Lục Ngạn", 2_150.0, 1_840.25],
    ]
    for offset, values in enumerate(carried, start=1):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=last + offset, column=column, value=value)
    works = book["Công trình"]
    states = {
        "W1": ("đã nghiệm thu bàn giao", 100, "20/06/2024"),
        "W2": ("hoàn thành", 100, "28/08/2024"),
        "W3": ("đang thi công", 85, None),
        "W4": ("đang thi công", 70, None),
        "W5": ("đang thi công", 40, None),
        "W6": ("đang thi công", 25, None),
        "W7": ("chưa khởi công", 0, None),
        "W8": ("đang thi công", 55, None),
        "W9": ("chưa khởi công", 0, None),
    }
    for row in range(FIRST_ROW, works.max_row + 1):
        state = states.get(str(works.cell(row=row, column=1).value))
        if state:
            for column, value in zip((3, 4, 5), state, strict=True):
                works.cell(row=row, column=column, value=value)
    projects = book["Dự án sinh kế"]
    for index in range(14):
        status = rng.choice(["hoàn thành", "hoàn thành", "đang thực hiện", "chưa triển khai"])
        values = [
            f"MH{index + 1:02d}",
            rng.choice(["DA2", "DA3.1"]),
            rng.choice(districts),
            rng.choice([250, 300, 450, 600, 800]),
            status,
            "15/08/2024" if status == "hoàn thành" else None,
            rng.randint(12, 60),
        ]
        for column, value in enumerate(values, start=1):
            projects.cell(row=FIRST_ROW + index, column=column, value=value)
    training = book["Tập huấn cán bộ"]
    for offset, (officials, trained) in enumerate([(35, 35), (160, 142), (1_250, 980)]):
        training.cell(row=FIRST_ROW + offset, column=3, value=officials)
        training.cell(row=FIRST_ROW + offset, column=4, value=trained)
    sent = book["Báo cáo phân bổ vốn"]
    for row in range(FIRST_ROW, sent.max_row + 1):
        if sent.cell(row=row, column=1).value and rng.random() < 0.8:
            day = dt.datetime(2024, 2, 1) + dt.timedelta(days=rng.randint(0, 22))
            sent.cell(row=row, column=2, value=day)
    book.save(path)
    print(path)


if __name__ == "__main__":
    main()

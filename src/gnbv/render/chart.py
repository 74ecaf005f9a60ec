"""Disbursement over the months against the straight line to the deadline, as an SVG picture:
one panel per source × capital type, the share disbursed at each date reported (from the
monthly history when there is one) and the dashed line from 0 % at the start of the year to
100 % at the deadline. Below the line is behind. Plain SVG text: no library needed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from gnbv.core.programme.history import Series
from gnbv.core.programme.results import ProgressCheck
from gnbv.render.labels import label
from gnbv.render.numbers import Lang

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 46, 14, 34, 30
COLUMNS = 2


@dataclass(frozen=True)
class ChartLine:
    title: str
    start: dt.date
    deadline: dt.date
    points: list[tuple[dt.date, float]]
    """(date, percent disbursed), oldest first."""


def _x(day: dt.date, line: ChartLine, left: float) -> float:
    span = max((line.deadline - line.start).days, 1)
    share = min(max((day - line.start).days / span, 0.0), 1.0)
    return left + LEFT + share * (WIDTH - LEFT - RIGHT)


def _y(percent: float, top: float) -> float:
    share = min(max(percent / 100.0, 0.0), 1.0)
    return top + TOP + (1 - share) * (HEIGHT - TOP - BOTTOM)


def _panel(line: ChartLine, left: float, top: float, labels: dict[str, str]) -> list[str]:
    parts = [
        f'<text x="{left + 8}" y="{top + 18}" font-size="12" font-weight="bold">'
        f"{escape(line.title)}</text>",
    ]
    for percent in (0, 50, 100):
        y = _y(percent, top)
        parts.append(
            f'<line x1="{left + LEFT}" y1="{y:.1f}" x2="{left + WIDTH - RIGHT}" y2="{y:.1f}" '
            'stroke="#ddd"/>'
        )
        parts.append(
            f'<text x="{left + LEFT - 6}" y="{y + 4:.1f}" font-size="10" text-anchor="end">'
            f"{percent}%</text>"
        )
    for day, anchor in ((line.start, "start"), (line.deadline, "end")):
        parts.append(
            f'<text x="{_x(day, line, left):.1f}" y="{top + HEIGHT - 10}" font-size="10" '
            f'text-anchor="{anchor}">{day.strftime("%d/%m/%Y")}</text>'
        )
    parts.append(
        f'<line x1="{_x(line.start, line, left):.1f}" y1="{_y(0, top):.1f}" '
        f'x2="{_x(line.deadline, line, left):.1f}" y2="{_y(100, top):.1f}" '
        'stroke="#888" stroke-dasharray="5,4"><title>'
        f"{escape(labels['straight'])}</title></line>"
    )
    points = [(line.start, 0.0), *line.points]
    path = " ".join(f"{_x(day, line, left):.1f},{_y(value, top):.1f}" for day, value in points)
    parts.append(f'<polyline points="{path}" fill="none" stroke="#1f5fa8" stroke-width="2"/>')
    for day, value in line.points:
        parts.append(
            f'<circle cx="{_x(day, line, left):.1f}" cy="{_y(value, top):.1f}" r="3" '
            f'fill="#1f5fa8"><title>{day.strftime("%d/%m/%Y")}: {value:.1f}%</title></circle>'
        )
    return parts


def disbursement_svg(lines: list[ChartLine], title: str, labels: dict[str, str]) -> str:
    """The panels side by side, two a row, under ``title`` and a legend."""
    rows = max(1, -(-len(lines) // COLUMNS))
    width, height = COLUMNS * WIDTH, rows * HEIGHT + 50
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="10" y="22" font-size="15" font-weight="bold">{escape(title)}</text>',
        f'<line x1="10" y1="36" x2="40" y2="36" stroke="#1f5fa8" stroke-width="2"/>'
        f'<text x="46" y="40" font-size="11">{escape(labels["actual"])}</text>',
        f'<line x1="220" y1="36" x2="250" y2="36" stroke="#888" stroke-dasharray="5,4"/>'
        f'<text x="256" y="40" font-size="11">{escape(labels["straight"])}</text>',
    ]
    for index, line in enumerate(lines):
        left = (index % COLUMNS) * WIDTH
        top = 50 + (index // COLUMNS) * HEIGHT
        parts += _panel(line, left, top, labels)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def chart_lines(check: ProgressCheck, history: list[Series], lang: Lang) -> list[ChartLine]:
    """A panel for each source × capital type of the plan year's funds: the dates of the
    history (``progress check --history``) and the workbook's own date."""
    past = {series.name: series for series in history}
    start = check.plan.programme.period_start if check.plan.programme else None
    lines = []
    for row in check.report.by_source:
        if row.funds != "plan_year" or row.pace is None or row.flow.rate is None or start is None:
            continue
        source, capital = str(row.key["source"]), str(row.key["capital_type"])
        points = {
            dt.date.fromisoformat(day): value
            for day, value, _ in past.get(f"plan_year {source} {capital}", Series("", [])).points
            if value is not None
        }
        points[check.report.progress.as_of] = float(row.flow.rate)
        title = f"{label(f'p_source_{source}', lang)} — {label(capital, lang)}"
        lines.append(ChartLine(title, start, row.pace.deadline, sorted(points.items())))
    return lines

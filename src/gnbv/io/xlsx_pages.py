"""Where a printed form's pages break, so that its signatures never stand on a page of their
own: an office signs the page that holds the end of its table, never a page of names alone.

A form prints fit to the width of an A4 landscape page: the spreadsheet scales it so that its
columns fill the width, then breaks pages where its rows, at that scale, fill the height, the
header rows repeated on each page. The writer sets every row's height and every column's width,
so the breaks can be worked out as the spreadsheet will make them: a column's width counts
characters of the default font (Calibri 11, seven pixels a digit, plus five of padding; 96
pixels an inch); an unset row is 15 points. The estimate is not exact (LibreOffice fits a
little more on a page than the margins leave): a page break is set where the signatures might
part from the table, which costs at most a page that did not need to be started.
"""

from __future__ import annotations

from collections.abc import Sequence

A4_LANDSCAPE_POINTS = (841.89, 595.28)
"""Width and height of the page, in points."""
SIDE_MARGIN_INCHES = 0.4
TOP_MARGIN_INCHES = 0.5
"""Also the bottom margin."""
DEFAULT_ROW_POINTS = 15.0
ROWS_KEPT_WITH_SIGNATURES = 3
"""The table's last rows that go to the signatures' page when they would part."""
SAFETY_POINTS = 15.0
"""Room left for the estimate's error (a row): checked against LibreOffice, it fits a row more
on a page now and then, never less."""


def column_points(width: float) -> float:
    """A column's printed width at full scale, from its width in characters."""
    return (width * 7 + 5) * 0.75


def fit_scale(widths: Sequence[float]) -> float:
    """The scale the spreadsheet prints at so that every column fits the page's width."""
    printable = A4_LANDSCAPE_POINTS[0] - 2 * 72 * SIDE_MARGIN_INCHES
    return min(1.0, printable / sum(column_points(width) for width in widths))


def page_starts(heights: Sequence[float], scale: float, titles: range) -> list[int]:
    """The first row (numbered from 1) of each printed page; ``heights`` are every row's, in
    points at full scale; ``titles`` the rows repeated at the top of each page after the
    first."""
    usable = (A4_LANDSCAPE_POINTS[1] - 2 * 72 * TOP_MARGIN_INCHES) / scale
    repeated = sum(heights[row - 1] for row in titles)
    starts, used = [1], 0.0
    for row, height in enumerate(heights, start=1):
        if used + height > usable and used > repeated:
            starts.append(row)
            used = repeated
        used += height
    return starts


def break_before_signatures(
    heights: Sequence[float], widths: Sequence[float], titles: range, table: range
) -> int | None:
    """The row after which a page break keeps the last rows of the table (``table``: its
    data rows) with the notes and signatures under it (to the last of ``heights``), or None
    when they are together anyway. Estimated with :data:`SAFETY_POINTS` to spare."""
    if len(table) <= ROWS_KEPT_WITH_SIGNATURES:
        return None  # a short table: its page holds it whole, or nothing would help
    scale = fit_scale(widths)
    padded = [*heights[:-1], heights[-1] + SAFETY_POINTS]
    starts = page_starts(padded, scale, titles)
    if starts[-1] <= table[-1]:
        return None  # the last page begins at a row of the table: it holds the signatures
    return table[-1] - ROWS_KEPT_WITH_SIGNATURES

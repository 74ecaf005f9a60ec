"""The console and the one way a table is laid out: columns fitted to the width (names
wrap, numbers never), plain text for pipes and cron; the progress bar."""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from gnbv.render.labels import label
from gnbv.render.numbers import Lang, fmt_int

PLAIN_WIDTH = 100
"""Width of text that is not shown on a terminal (a pipe, a file, cron's mail) unless the
``COLUMNS`` environment variable says otherwise."""


def plain_width() -> int:
    try:
        return max(40, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return PLAIN_WIDTH


def make_console(file: IO[str] | None = None, *, width: int | None = None) -> Console:
    stream = file if file is not None else sys.stdout
    is_terminal = stream.isatty()
    return Console(
        file=stream,
        width=width if width is not None else (None if is_terminal else plain_width()),
        color_system="auto" if is_terminal else None,
        force_terminal=is_terminal,
        highlight=False,
        emoji=False,
    )


def render_plain(render: Callable[[Console], None], width: int | None = None) -> str:
    """What ``render`` prints, as plain text ``width`` wide (``COLUMNS``, default 100), with
    no colour and no trailing spaces: for pipes, files and mail."""
    buffer = io.StringIO()
    render(make_console(buffer, width=width or plain_width()))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def file_path(path: str) -> Text:
    """A file's path in a table cell, folded over lines where the column is narrow (rich
    would cut it with "…"): the reader must see which file was read."""
    return Text(path, overflow="fold")


def titled_table(title: str) -> Table:
    """A table with its title on the left and a line under the header only. The title is
    one line even over a narrow table (the second part of a split one): rich would fold it
    to the table's width, mid-phrase."""
    heading = Text(title, no_wrap=True, overflow="ignore")
    return Table(title=heading, box=box.SIMPLE_HEAD, title_justify="left", show_lines=False)


@dataclass(frozen=True)
class Col:
    """A column of a table that must fit: figures never wrap; names and notes may."""

    header: str
    justify: Literal["left", "right"] = "right"
    wrap: bool = False
    narrowest: int | None = None
    """For a column that wraps: its narrowest width (default :data:`WRAPPED_MIN`)."""


WRAPPED_MIN = 14
"""Narrowest a name or note column is made; a longer word in it (a column's code in a note)
is folded, never a figure."""


def _widths(column: Col, cells: list[str]) -> tuple[int, int]:
    """The narrowest and the widest the column needs: a figure column is as wide as its
    widest line (figures are never broken), a header wraps at its spaces; a name or note
    column is at least :data:`WRAPPED_MIN` and at most its longest line."""
    texts = [Text.from_markup(cell).plain for cell in cells]
    header_words = max((cell_len(word) for word in column.header.split()), default=1)
    widest = max([1, *(cell_len(line) for text in texts for line in text.splitlines())])
    if column.wrap:
        natural = max(widest, cell_len(column.header))
        narrowest = column.narrowest if column.narrowest is not None else WRAPPED_MIN
        return min(narrowest, natural), natural
    return max(widest, header_words), max(widest, header_words)


def _build(
    title: str,
    columns: list[Col],
    widths: list[int],
    rows: list[list[str]],
    sections: frozenset[int],
) -> Table:
    table = titled_table(title)
    for column, width in zip(columns, widths, strict=True):
        table.add_column(column.header, justify=column.justify, width=width, overflow="fold")
    for index, row in enumerate(rows):
        if index in sections:
            table.add_section()
        table.add_row(*row)
    return table


def _layout(low: list[int], high: list[int], wrap: list[bool], room: int) -> list[int]:
    """Column widths within ``room``: each at least its narrowest; space left goes to the
    columns that need it, figures first, then names and notes, never past their widest."""
    widths = list(low)
    spare = room - sum(widths)
    for i in range(len(widths)):  # figures first, up to their widest (a header on one line)
        if not wrap[i] and spare > 0:
            grow = min(spare, high[i] - widths[i])
            widths[i] += grow
            spare -= grow
    # Then names and notes, the shortest first (a status on one line), the rest to the others.
    for i in sorted((i for i in range(len(widths)) if wrap[i]), key=lambda i: high[i]):
        grow = max(0, min(spare, high[i] - widths[i]))
        widths[i] += grow
        spare -= grow
    return widths


def longest_word(texts: list[str]) -> int:
    return max((cell_len(word) for text in texts for word in text.split()), default=1)


def print_fitted(
    console: Console,
    title: str,
    columns: list[Col],
    rows: list[list[str]],
    *,
    keys: int,
    trailing: int = 0,
    sections: frozenset[int] = frozenset(),
) -> None:
    """Print a table whole: the first ``keys`` and the last ``trailing`` columns (id, name,
    status) are kept together; when the console is too narrow for every column, the columns
    between them are split over several tables, each repeating those. No column is dropped
    and no figure is cut, at any width."""
    sizes = [_widths(column, [row[i] for row in rows]) for i, column in enumerate(columns)]
    lead = list(range(keys))
    tail = list(range(len(columns) - trailing, len(columns)))

    def room(indexes: list[int]) -> int:
        # Each column has a space of padding either side and one separator; two edges.
        return console.width - 3 * len(indexes) - 1

    groups: list[list[int]] = [[]]
    for index in range(keys, len(columns) - trailing):
        candidate = [*groups[-1], index]
        indexes = [*lead, *candidate, *tail]
        if sum(sizes[i][0] for i in indexes) <= room(indexes) or not groups[-1]:
            groups[-1] = candidate
        else:
            groups.append([index])
    for number, chosen in enumerate(groups, start=1):
        name = title if len(groups) == 1 else f"{title} ({number}/{len(groups)})"
        indexes = [*lead, *chosen, *tail]
        widths = _layout(
            [sizes[i][0] for i in indexes],
            [sizes[i][1] for i in indexes],
            [columns[i].wrap for i in indexes],
            room(indexes),
        )
        cells = [[row[i] for i in indexes] for row in rows]
        console.print(_build(name, [columns[i] for i in indexes], widths, cells, sections))


@contextmanager
def progress_bar(total_bytes: int, lang: Lang = "vi") -> Iterator[Callable[[int, int], None]]:
    """Rows read and rows per second on stderr; for terminals only (silent under cron)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.fields[rows]} " + label("progress_rows", lang)),
        BarColumn(),
        TextColumn("{task.fields[speed]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("census", total=total_bytes or None, rows="0", speed="")
        started = time.monotonic()

        def update(rows: int, bytes_read: int) -> None:
            elapsed = max(time.monotonic() - started, 1e-6)
            speed = label("progress_speed", lang, value=fmt_int(round(rows / elapsed), lang))
            progress.update(
                task, completed=bytes_read or None, rows=fmt_int(rows, lang), speed=speed
            )

        yield update

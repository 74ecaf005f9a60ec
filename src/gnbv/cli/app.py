"""What every command shares: the typer apps, the options, the run's state and messages.

Messages go to stderr in the user's language; tables and JSON go to stdout. Heavy modules
(pandas, rich, the census engine) are imported inside the functions that use them, so
``gnbv --help`` answers fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

import typer

from gnbv import __version__
from gnbv.exit_codes import ExitCode

if TYPE_CHECKING:
    from rich.console import Console

    from gnbv.core.analysis.report import ReportWarning

app = typer.Typer(
    name="gnbv",
    help="Check a province's sustainable poverty reduction plan against its household census.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
plan_app = typer.Typer(help="Validate and show a plan file.", no_args_is_help=True)
app.add_typer(plan_app, name="plan")
progress_app = typer.Typer(
    help="The programme's progress workbook: funds disbursed, works, projects, training.",
    no_args_is_help=True,
)
app.add_typer(progress_app, name="progress")


class Lang(StrEnum):
    vi = "vi"
    en = "en"

    @property
    def code(self) -> Literal["vi", "en"]:
        return "en" if self is Lang.en else "vi"


class OutputFormat(StrEnum):
    """What check and compare write."""

    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class TableOrJson(StrEnum):
    """What budget and history write: --help lists it, and another format is refused."""

    table = "table"
    json = "json"


class ProgressFormat(StrEnum):
    """What progress check writes (the forms as a workbook, not one CSV table)."""

    table = "table"
    json = "json"
    xlsx = "xlsx"


class RunState:
    """What the error boundary must know about the running command."""

    json_errors = False
    """--format json: an error is also a JSON document on stdout, for the program reading it."""
    quiet = False
    """--quiet: nothing on stderr but warnings and errors (for cron: no mail when all is well)."""
    lang: str = "vi"
    """The language of messages, from --lang (Vietnamese unless --lang en is given)."""


def say(key: str, **values: object) -> str:
    """The catalogue's words for ``key`` in the language of the run."""
    from gnbv.render.labels import label

    return label(key, "en" if RunState.lang == "en" else "vi", **values)


def number(count: int) -> str:
    """A count as the run's language writes it (47.247; 47,247 with --lang en)."""
    from gnbv.render.numbers import fmt_int

    return fmt_int(count, "en" if RunState.lang == "en" else "vi")


def warn_rows_set_aside(
    key: str, invalid: int, rows: int, percent: float, **values: object
) -> None:
    """The warning that rows were set aside (``key``: the census's or the workbook's), its
    counts and share written as the run's language writes them (``values``: the key's
    others)."""
    from gnbv.render.numbers import fmt_pct

    share = fmt_pct(percent, "en" if RunState.lang == "en" else "vi")
    warn(say(key, invalid=number(invalid), rows=number(rows), percent=share, **values))


def info(key: str, **values: object) -> None:
    """A message that says what was done: on stderr, unless --quiet."""
    if not RunState.quiet:
        typer.echo(say(key, **values), err=True)


def warn(text: str) -> None:
    typer.echo(f"{say('msg_warning')}: {text}", err=True)


def say_warnings(warnings: list[ReportWarning], lang: Lang) -> None:
    """A result's warnings on stderr, in the user's language (a report has them in its JSON
    and on its printed forms too)."""
    from gnbv.render.labels import warning_text

    for warning in warnings:
        warn(warning_text(warning, lang.value))


def fail(text: str) -> None:
    typer.echo(f"{say('msg_error')}: {text}", err=True)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"gnbv {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version_callback,
        is_eager=True,
        help="Show the version and exit.",
    ),
    debug: bool = typer.Option(
        False,
        "--debug",
        help="Show tracebacks of internal errors (may be given anywhere on the command line).",
    ),
    quiet: bool = typer.Option(
        False,
        "--quiet",
        help="Nothing on stderr but warnings and errors (may be given anywhere; for cron).",
    ),
) -> None:
    """gnbv: giảm nghèo bền vững — plan, census, gaps, budget."""


PlanOption = typer.Option(None, "--plan", help="Plan file (YAML).", dir_okay=False)
YearOption = typer.Option(None, "--year", help="Use plan_YYYY.yaml of the current folder.")
LangOption = typer.Option(Lang.vi, "--lang", help="Language of labels and number style.")
FormatOption = typer.Option(TableOrJson.table, "--format", help="table (for people) or json.")
ProgressFormatOption = typer.Option(
    ProgressFormat.table,
    "--format",
    help="table (for people), json or xlsx (the forms as a workbook; needs --output).",
)
ReportFormatOption = typer.Option(
    OutputFormat.table,
    "--format",
    help="table (for people), json, csv (one table) or xlsx (a workbook; needs --output).",
)
EncodingOption = typer.Option(
    None, "--encoding", help="Census text encoding: utf-8, utf-16, cp1258 (default: detected)."
)
DelimiterOption = typer.Option(
    None, "--delimiter", help="Census field delimiter: ',', ';' or 'tab' (default: detected)."
)
SheetOption = typer.Option(None, "--sheet", help="Sheet of an .xlsx census (default: the first).")
PreviousSheetOption = typer.Option(
    None,
    "--previous-sheet",
    help="Sheet of the previous census's workbook, when it names it otherwise (default: --sheet).",
)
IssuerOption = typer.Option(
    None,
    "--issuer",
    help='The office that makes the forms, top left of each ("UBND huyện Sơn Động"); '
    "default: the progress workbook's reporting unit, else the plan's lead agency for the "
    "whole province, a line to write in for a part of it.",
)
ProgressOption = typer.Option(
    None,
    "--progress",
    help="The programme's progress workbook (gnbv progress template makes one), or a folder "
    "of its tables as CSV files.",
)
HistoryOption = typer.Option(
    None,
    "--history",
    help="SQLite file the run's figures are added to (the same date replaces its figures).",
    dir_okay=False,
)
ColumnsOption = typer.Option(
    None,
    "--columns",
    help="YAML mapping a district's own headers and codes to gnbv's.",
    dir_okay=False,
)
MaxInvalidOption = typer.Option(
    1.0,
    "--max-invalid",
    min=0.0,
    max=100.0,
    help="Largest share of rows (percent) that may be set aside; above it, exit 3.",
)


def plan_path(plan: Path | None, year: int | None) -> Path:
    """The plan file: --plan, else plan_YYYY.yaml (--year), else the only one here."""
    from gnbv.io.plan_files import resolve_plan_path

    return resolve_plan_path(plan, year, Path.cwd())


def show(render: Callable[[Console], None]) -> None:
    """Tables on stdout: drawn for the terminal, or as plain text ``COLUMNS`` wide (default
    100) without trailing spaces when stdout is a pipe, a file or cron's mail."""
    from gnbv.render.terminal import make_console, render_plain

    if sys.stdout.isatty():
        render(make_console())
    else:
        sys.stdout.write(render_plain(render))


F = TypeVar("F", bound=StrEnum)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
"""Names Excel (or LibreOffice) opens as a workbook: a text written under one is a file it
refuses."""
FORMAT_OF_SUFFIX = {".xlsx": "xlsx", ".json": "json", ".csv": "csv"}


def output_format_for(
    ctx: typer.Context, output_format: F, output: Path | None, option: str = "output_format"
) -> F:
    """The format a report is written in. ``-o bao_cao.xlsx`` without ``--format`` is the
    workbook (``.json`` JSON, ``.csv`` CSV), where the command writes that format; a
    ``--format`` given that a name contradicts (JSON into ``.xlsx``, a workbook into
    ``.csv``), or xlsx without a file, is refused: a file Excel cannot open is found out only
    when it is sent."""
    from gnbv.errors import UsageError

    kind = type(output_format)
    suffix = output.suffix.lower() if output is not None else ""
    if output is not None and suffix == ".ods":
        raise UsageError(
            f"--output {output.name}: gnbv writes its workbooks as .xlsx (LibreOffice opens them)",
            hint="give it a .xlsx name",
            key="err_ods_output",
            params={"name": output.name},
        )
    source = ctx.get_parameter_source(option)
    if source is None or source.name == "DEFAULT":  # --format not given
        chosen = FORMAT_OF_SUFFIX.get(suffix)
        if chosen is not None and chosen in {member.value for member in kind}:
            output_format = kind(chosen)
    if output_format == "xlsx" and output is None:
        raise UsageError(
            "--format xlsx writes a workbook: give --output FILE.xlsx", key="err_xlsx_needs_output"
        )
    if output is not None and output_format != "xlsx" and suffix in WORKBOOK_SUFFIXES:
        raise UsageError(
            f"--output {output.name}: a workbook's name, but --format {output_format} writes text",
            hint="leave --format out for the workbook of forms, or give another name",
            key="err_output_not_workbook",
            params={"name": output.name, "format": output_format},
        )
    if output is not None and output_format == "xlsx" and suffix != ".xlsx":
        raise UsageError(
            f"--output {output.name}: --format xlsx writes a workbook, whose name ends in .xlsx",
            hint="give it a .xlsx name",
            key="err_workbook_name",
            params={"name": output.name},
        )
    return output_format


def refuse_workbook_name(path: Path | None, option: str) -> None:
    """A CSV written under a workbook's name (``classify -o danh_sach.xlsx``) is a file Excel
    refuses to open: refused before anything is read."""
    from gnbv.errors import UsageError

    if path is not None and path.suffix.lower() in WORKBOOK_SUFFIXES:
        raise UsageError(
            f"{option} {path.name}: this writes CSV, not a workbook",
            hint="give it a .csv name",
            key="err_csv_named_workbook",
            params={"option": option, "name": path.name},
        )


def refuse_overwriting_inputs(output: Path, inputs: list[Path]) -> None:
    """An output path that is one of the command's input files: refused before anything is
    read (and before pandas loads: ``gnbv check`` hashes the census meanwhile)."""
    from gnbv.errors import UsageError

    for source in inputs:
        if source.exists() and output.exists() and output.resolve() == source.resolve():
            raise UsageError(
                f"{output}: refusing to overwrite an input file",
                hint="choose another output path",
                key="err_overwrite_input",
                params={"path": output},
            )


@contextmanager
def progress_bar(census_file: Path, lang: Lang) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal; nothing under cron."""
    if not sys.stderr.isatty():
        yield None
        return
    from gnbv.render.terminal import progress_bar as bar

    size = census_file.stat().st_size if census_file.is_file() else 0
    with bar(size, lang.code) as update:
        yield update

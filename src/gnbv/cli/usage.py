"""Usage errors (an unknown option, a missing file, a bad value) and ``--help`` in the
user's language.

The command-line parser words them in English; the same facts are said from the catalogue,
recognised by the parser's wording (what is not recognised is shown as the parser words it).
The words of ``--help`` around the help texts ("Usage", "Options", "[required]", what an
option takes) are put in Vietnamese by the help's formatter (:class:`VietnameseContext`).
"""

from __future__ import annotations

import re
from typing import Any

import typer

from gnbv.cli.app import RunState, fail, say

_MESSAGES = (
    (
        re.compile(r"^No such option: (?P<option>\S+)(?: \(Possible options: (?P<options>.*)\))?$"),
        "usage_no_such_option",
    ),
    (
        re.compile(r"^No such command '(?P<command>.*?)'\.(?: Did you mean '(?P<options>.*)'\?)?$"),
        "usage_no_such_command",
    ),
    (re.compile(r"^Missing argument (?P<name>.*?)\.(?: .*)?$"), "usage_missing_argument"),
    (re.compile(r"^Missing option (?P<name>.*?)\.(?: .*)?$"), "usage_missing_option"),
    (re.compile(r"^Invalid value for (?P<name>.*?): (?P<detail>.*)$"), "usage_bad_value"),
    (
        re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<extra>.*)\)$"),
        "usage_extra_argument",
    ),
    (re.compile(r"^Option '(?P<option>.*)' requires an argument\.$"), "usage_needs_value"),
)
_DETAILS = (
    (re.compile(r"(?i)^(?:file|directory|path) '(?P<path>.*)' does not exist\.$"), "usage_no_path"),
    (
        re.compile(r"(?i)^(?:file|directory|path) '(?P<path>.*)' is a directory\.$"),
        "usage_directory",
    ),
    (re.compile(r"^Value '(?P<value>.*)' is not a valid integer\.$"), "usage_not_an_integer"),
    (re.compile(r"^Value '(?P<value>.*)' is not a valid float\.$"), "usage_not_a_number"),
    (re.compile(r"^Input should be a valid integer\b.*$"), "usage_an_integer_wanted"),
    (re.compile(r"^Input should be a valid number\b.*$"), "usage_a_number_wanted"),
    (
        re.compile(r"^(?:Value error, )?'(?P<value>.*)' is not one of (?P<choices>.*)\.$"),
        "usage_not_one_of",
    ),
)


_HELP_FORMATTER: Any = typer.Context.formatter_class


class _VietnameseHelp(_HELP_FORMATTER):  # type: ignore[misc]
    """The parser's help formatter, its own words in Vietnamese (``HELP_FRAME_VI``); the help
    texts themselves are swapped in on the commands (``gnbv.render.help_vi``)."""

    section_heading = ""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        words = re.sub(r"[A-Za-z_]+", lambda found: _frame_word(found.group()), args)
        words = re.sub(r"\{([^{}]+)\}", r"\1", words)  # a required argument, as written bare
        super().write_usage(prog, words, prefix=f"{_frame_word('Usage')}: ")

    def write_heading(self, heading: str) -> None:
        self.section_heading = heading
        super().write_heading(_frame_word(heading))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        described = [(self._term(term), _described(text)) for term, text in rows]
        super().write_dl(described, col_max, col_spacing)

    def _term(self, term: str) -> str:
        """An option's or argument's name and what it takes: ``--year <số nguyên>``."""
        if self.section_heading == "Arguments":
            term = re.sub(r"^\w+", lambda found: _frame_word(found.group()), term)
        term = re.sub(r"<list\[(.+)\]>", r"<\1>", term)  # a repeated option takes one each time
        return re.sub(r"<([^<>|]+)>", lambda found: f"<{_frame_word(found.group(1))}>", term)


_ARGUMENTS = ("census_file", "files", "plan_file", "workbook", "database")
"""The commands' arguments, named in Vietnamese in the usage line and its errors."""


def _frame_word(word: str) -> str:
    from gnbv.render.help_vi import HELP_FRAME_VI

    return HELP_FRAME_VI.get(word, word)


def _described(text: str) -> str:
    """An option's help in Vietnamese, and what the parser adds after it (``[mặc định: vi]``,
    ``[bắt buộc]``)."""
    from gnbv.render.help_vi import vietnamese_help

    found = re.fullmatch(r"(?s)(.*?)(\s+)\[([^\[\]]+)\]", text)
    body, space, extras = found.groups() if found else (text, "", "")
    body = vietnamese_help(body) or body if body else body
    if not extras:
        return body
    said = [
        re.sub(r"^(default|required)\b", lambda w: _frame_word(w.group()), item)
        for item in extras.split("; ")
    ]
    return f"{body}{space}[{'; '.join(said)}]"


class VietnameseContext(typer.Context):
    """A command's context whose ``--help`` and usage line are in Vietnamese."""

    formatter_class = _VietnameseHelp


def show_usage_error(error: typer.TyperException) -> None:
    """As the parser shows it with ``--lang en``; otherwise the usage line, the message in
    the catalogue's words and where to find help."""
    context: Any = getattr(error, "ctx", None)
    format_message = getattr(error, "format_message", None)
    if RunState.lang == "en" or not callable(format_message):
        show = getattr(error, "show", None)
        if callable(show):
            show()
        else:
            typer.echo(f"error: {error}", err=True)
        return
    if context is not None:
        typer.echo(context.get_usage(), err=True)
    fail(said(str(format_message())))
    if context is not None:
        command = f"{context.command_path} {context.help_option_names[0]}"
        typer.echo(f"{say('msg_hint')}: {say('usage_see_help', command=command)}", err=True)


def said(message: str) -> str:
    """The parser's message in the catalogue's words, or as it is if not recognised."""
    for pattern, key in _MESSAGES:
        if found := pattern.match(message):
            values = {name: value or "" for name, value in found.groupdict().items()}
            if values.get("name", "").strip("'") in _ARGUMENTS:  # as the usage line names it
                values["name"] = _frame_word(values["name"].strip("'"))
            if "detail" in values:
                values["detail"] = _detail(values["detail"])
            text = say(key, **values)
            if values.get("options"):
                text += " " + say("usage_did_you_mean", options=values["options"])
            return text
    return message


def _detail(message: str) -> str:
    for pattern, key in _DETAILS:
        if found := pattern.match(message):
            return say(key, **found.groupdict())
    return message

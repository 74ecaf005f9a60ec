"""The one error boundary: run a command, map what it raises to an exit code and a short
message on stderr in the user's language (and a JSON document with --format json);
a traceback only with --debug."""

from __future__ import annotations

import atexit
import logging
import os
import sys
import traceback
from typing import Any

import typer

from gnbv.cli.app import RunState, app, fail, say
from gnbv.cli.usage import VietnameseContext, show_usage_error
from gnbv.errors import GnbvError
from gnbv.exit_codes import ExitCode


def run(argv: list[str] | None = None) -> int:
    """Run gnbv with ``argv`` and return the exit code; the one error boundary."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    RunState.quiet = "--quiet" in args
    RunState.lang = _lang_of(args)
    args = [arg for arg in args if arg not in ("--debug", "--quiet")]
    reading = logging.getLogger("gnbv.read")
    said = logging.StreamHandler(sys.stderr)
    if debug:  # how the census is read, decision by decision, on stderr
        said.setFormatter(logging.Formatter("debug: %(message)s"))
        reading.addHandler(said)
        reading.setLevel(logging.DEBUG)
    try:
        return _run(args, debug)
    finally:
        reading.removeHandler(said)
        reading.setLevel(logging.NOTSET)


def _run(args: list[str], debug: bool) -> int:
    RunState.json_errors = False
    try:
        command = typer.main.get_command(app)
        if RunState.lang != "en":
            _help_in_vietnamese(command)
        result = command.main(args=args, prog_name="gnbv", standalone_mode=False)
        return int(result) if isinstance(result, int) else ExitCode.OK
    except typer.Exit as stop:
        return int(stop.exit_code)
    except typer.Abort as stop:
        if isinstance(stop.__cause__, EOFError):  # the parser's word for an EOFError: no
            return _internal_error(stop.__cause__, debug)  # prompt waits for input here
        typer.echo(say("msg_interrupted"), err=True)
        return ExitCode.INTERRUPTED
    except typer.TyperException as error:  # usage errors: unknown option, bad value, ...
        show_usage_error(error)
        return ExitCode.USAGE_OR_INPUT_ERROR
    except GnbvError as error:
        _print_error(error)
        _emit_json_error(error.message, error.hint, ExitCode.USAGE_OR_INPUT_ERROR)
        return ExitCode.USAGE_OR_INPUT_ERROR
    except KeyboardInterrupt:
        typer.echo(say("msg_interrupted"), err=True)
        return ExitCode.INTERRUPTED
    except Exception as error:  # the boundary: anything else is a bug in gnbv
        return _internal_error(error, debug)


def _internal_error(error: BaseException, debug: bool) -> int:
    """A bug in gnbv: said in a line (the traceback with --debug), exit 4."""
    if debug:
        traceback.print_exception(error)
    typer.echo(say("msg_internal_error", name=type(error).__name__), err=True)
    _emit_json_error("internal error", "run again with --debug", ExitCode.INTERNAL_ERROR)
    return ExitCode.INTERNAL_ERROR


def _print_error(error: GnbvError) -> None:
    """The message and hint in the user's language where the catalogue has them."""
    from gnbv.render.labels import has_label

    message, hint = error.message, error.hint
    if error.key is not None and has_label(error.key):
        message = say(error.key, **error.params)
        if has_label(f"{error.key}_hint"):
            hint = say(f"{error.key}_hint", **error.params)
    fail(message)
    if error.items and error.key is not None and has_label(error.key):
        for item in error.items:  # every problem, in the user's language where known
            known = item.key is not None and has_label(item.key)
            params = dict(item.params)
            if RunState.lang == "vi" and isinstance(params.get("expected"), str):
                # pydantic lists the allowed values in English: 'a', 'b' or 'c'
                params["expected"] = str(params["expected"]).replace("' or '", "' hoặc '")
            text = say(item.key, **params) if known and item.key else item.text
            fail(f"{item.where}: {text}")
    for detail in [] if error.items else error.details:
        fail(detail)
    for suggestion in error.suggestions:
        typer.echo(f"{say('msg_hint')}: {say('err_did_you_mean', **suggestion)}", err=True)
    if hint:
        typer.echo(f"{say('msg_hint')}: {hint}", err=True)


def _emit_json_error(message: str, hint: str | None, code: int) -> None:
    if RunState.json_errors:
        from gnbv.io.json_out import dumps, error_document

        sys.stdout.write(dumps(error_document(message, hint, code)))


def _help_in_vietnamese(command: Any) -> None:
    """Every command's and option's --help text in Vietnamese (gnbv.render.help_vi), and the
    words of the help around them (:class:`gnbv.cli.usage.VietnameseContext`)."""
    from gnbv.render.help_vi import vietnamese_help

    command.context_class = VietnameseContext
    if command.help:
        command.help = vietnamese_help(command.help) or command.help
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            param.help = vietnamese_help(text) or text
    for sub in getattr(command, "commands", {}).values():
        _help_in_vietnamese(sub)


def _lang_of(args: list[str]) -> str:
    """The --lang of the command line (``--lang en`` or ``--lang=en``), for messages printed
    before or outside a command; Vietnamese by default."""
    for position, arg in enumerate(args):
        if arg == "--lang" and position + 1 < len(args):
            return args[position + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "vi"


RUNTIME_SETTINGS = {
    "_RJEM_MALLOC_CONF": "dirty_decay_ms:200,muzzy_decay_ms:0",
    "OPENBLAS_NUM_THREADS": "1",
}
"""Read when the libraries load, so set before they do; the environment can override them.

Polars' allocator keeps what it frees for 10 s by default: a census read in a few seconds
then holds the read's memory while its suspect rows are validated. Given back after 0.2 s
instead: about 60 MB lower at the peak, at the same speed. Numpy's OpenBLAS starts a thread
per core, which waits spinning, for linear algebra gnbv never does: with one, a small
census's check takes 14 % less CPU (bench/RESULTS.md)."""


def write_utf8() -> None:
    """stdout and stderr in UTF-8, whatever the system's code page: on Windows, output sent
    to a file or a pipe (a scheduled job: ``gnbv check ... > report.json``) is encoded in
    the ANSI code page (cp1258 on a Vietnamese system), which cannot write ``ỗ``, and the
    run failed on its first Vietnamese word. JSON is UTF-8 by definition."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and callable(reconfigure):
            reconfigure(encoding="utf-8")


def main() -> None:
    """The ``gnbv`` command."""
    for name, value in RUNTIME_SETTINGS.items():
        os.environ.setdefault(name, value)
    write_utf8()
    leave = _LeaveWithoutTeardown()
    atexit.register(leave)  # the first registered after logging's: it runs last but one
    leave.code = run()
    sys.exit(leave.code)


class _LeaveWithoutTeardown:
    """The process ends once everything it writes is written, without the interpreter's
    teardown: freeing pandas', polars' and pyarrow's modules object by object took 0.13 s
    of every run (a tenth of a small census's check; bench/RESULTS.md).

    Called by :mod:`atexit` after the other exit functions (registered before any library a
    command imports, so they run before it), once Python has waited for the threads that
    are not daemons. Logging is shut down and stdout and stderr flushed as the teardown
    would; if that fails (a closed pipe) or no exit code was set, Python ends as usual.
    """

    def __init__(self) -> None:
        self.code: int | None = None

    def __call__(self) -> None:
        if self.code is None:
            return
        try:
            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            return
        os._exit(self.code)

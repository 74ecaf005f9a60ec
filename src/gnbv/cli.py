"""The command line: parse options, call the library, pick a renderer, return an exit code.

The only module that imports typer. Heavy modules (pandas, the census engine) are imported
inside the commands that use them, so ``gnbv --help`` answers fast. :func:`run` is the one
error boundary: it maps exceptions to exit codes and short messages on stderr.
"""

from __future__ import annotations

import sys
import traceback
from enum import Enum
from pathlib import Path

import click
import typer

from gnbv import __version__
from gnbv.errors import GnbvError
from gnbv.exit_codes import ExitCode

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


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class OutputFormat(str, Enum):
    table = "table"
    json = "json"


class _RunState:
    """What the error boundary must know about the running command."""

    json_errors = False


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"gnbv {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                 help="Show the version and exit."),  # fmt: skip
    debug: bool = typer.Option(False, "--debug",
                               help="Show tracebacks of internal errors (may be given "
                                    "anywhere on the command line)."),  # fmt: skip
) -> None:
    """gnbv: giảm nghèo bền vững — plan, census, gaps, budget."""


PlanOption = typer.Option(None, "--plan", help="Plan file (YAML).", dir_okay=False)
YearOption = typer.Option(None, "--year", help="Use plan_YYYY.yaml of the current folder.")
LangOption = typer.Option(Lang.vi, "--lang", help="Language of labels and number style.")
FormatOption = typer.Option(OutputFormat.table, "--format", help="table (for people) or json.")


def _plan_path(plan: Path | None, year: int | None) -> Path:
    from gnbv.io.plan_files import resolve_plan_path

    return resolve_plan_path(plan, year, Path.cwd())


@plan_app.command("validate")
def plan_validate(
    plan_file: Path | None = typer.Argument(None, help="Plan file; default: the only "
                                            "plan_*.yaml here."),  # fmt: skip
) -> int:
    """Check a plan file: structure, known metrics, unique ids, totals that add up."""
    from gnbv.io.yaml_loader import load_plan

    path = _plan_path(plan_file, None)
    plan = load_plan(path)
    typer.echo(f"{path}: ok — {len(plan.targets)} targets, {len(plan.projects)} projects, "
               f"budget {plan.budget.stated_total_mvnd:,} million VND reconciled", err=True)  # fmt: skip
    return ExitCode.OK


@plan_app.command("show")
def plan_show(
    plan_file: Path | None = typer.Argument(None, help="Plan file; default: the only "
                                            "plan_*.yaml here."),  # fmt: skip
    lang: Lang = LangOption,
) -> int:
    """List the plan's targets as a table."""
    from gnbv.io.yaml_loader import load_plan
    from gnbv.render.terminal import make_console, render_plan_targets

    plan = load_plan(_plan_path(plan_file, None))
    render_plan_targets(plan, lang.value, make_console())
    return ExitCode.OK


@app.command("budget")
def budget(
    year: int | None = YearOption,
    plan_file: Path | None = PlanOption,
    output_format: OutputFormat = FormatOption,
    lang: Lang = LangOption,
) -> int:
    """Show the plan's budget (sources x capital types), reconciled against its stated totals.

    Exits 2 when a stated total does not equal the sum of its parts.
    """
    from gnbv.core.budget import reconcile_budget
    from gnbv.core.budget_report import budget_document
    from gnbv.io.json_out import dumps
    from gnbv.io.yaml_loader import load_plan
    from gnbv.render.terminal import make_console, render_budget

    _RunState.json_errors = output_format is OutputFormat.json
    # Totals are reconciled here, shown, and turned into the exit code, instead of refused
    # at load time, so that the user sees which total is off.
    plan = load_plan(_plan_path(plan_file, year), check_consistency=False)
    summary = reconcile_budget(plan.budget)
    code = ExitCode.OK if summary.reconciled else ExitCode.USAGE_OR_INPUT_ERROR
    if output_format is OutputFormat.json:
        sys.stdout.write(dumps(budget_document(plan, summary, int(code))))
    else:
        render_budget(summary, plan, lang.value, make_console())
    for check in summary.checks:
        if not check.ok:
            typer.echo(f"error: {check.message}", err=True)
    return code


def _print_error(error: GnbvError) -> None:
    typer.echo(f"error: {error.message}", err=True)
    for detail in error.details:
        typer.echo(f"error: {detail}", err=True)
    if error.hint:
        typer.echo(f"hint: {error.hint}", err=True)


def _emit_json_error(message: str, hint: str | None, code: int) -> None:
    if _RunState.json_errors:
        from gnbv.io.json_out import dumps, error_document

        sys.stdout.write(dumps(error_document(message, hint, code)))


def run(argv: list[str] | None = None) -> int:
    """Run gnbv with ``argv`` and return the exit code; the one error boundary."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    args = [arg for arg in args if arg != "--debug"]
    _RunState.json_errors = False
    try:
        result = app(args=args, prog_name="gnbv", standalone_mode=False)
        return int(result) if isinstance(result, int) else ExitCode.OK
    except click.exceptions.Exit as stop:
        return int(stop.exit_code)
    except click.exceptions.Abort:
        typer.echo("interrupted", err=True)
        return ExitCode.INTERRUPTED
    except click.ClickException as error:
        error.show()
        return ExitCode.USAGE_OR_INPUT_ERROR
    except GnbvError as error:
        _print_error(error)
        _emit_json_error(error.message, error.hint, ExitCode.USAGE_OR_INPUT_ERROR)
        return ExitCode.USAGE_OR_INPUT_ERROR
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        return ExitCode.INTERRUPTED
    except Exception as error:  # the boundary: anything else is a bug in gnbv
        if debug:
            traceback.print_exc()
        typer.echo(f"internal error: {type(error).__name__} (run again with --debug for the "
                   "traceback, and report it)", err=True)  # fmt: skip
        _emit_json_error("internal error", "run again with --debug", ExitCode.INTERNAL_ERROR)
        return ExitCode.INTERNAL_ERROR


def main() -> None:
    sys.exit(run())

"""``gnbv plan validate``, ``gnbv plan show`` and ``gnbv synth`` (a synthetic census)."""

from __future__ import annotations

from pathlib import Path

import typer

from gnbv.cli.app import (
    Lang,
    LangOption,
    app,
    info,
    number,
    plan_app,
    plan_path,
    refuse_workbook_name,
    show,
)
from gnbv.exit_codes import ExitCode


@plan_app.command("validate")
def plan_validate(
    plan_file: Path | None = typer.Argument(
        None, help="Plan file; default: the only plan_*.yaml here."
    ),
    lang: Lang = LangOption,
) -> int:
    """Check a plan file: structure, known metrics, unique ids, totals that add up."""
    from gnbv.io.yaml_loader import load_plan
    from gnbv.render.numbers import fmt_int

    path = plan_path(plan_file, None)
    plan = load_plan(path)
    info(
        "msg_plan_ok",
        path=path,
        targets=len(plan.targets),
        projects=len(plan.projects),
        total=fmt_int(plan.budget.stated_total_mvnd, lang.value),
    )
    return ExitCode.OK


@plan_app.command("show")
def plan_show(
    plan_file: Path | None = typer.Argument(
        None, help="Plan file; default: the only plan_*.yaml here."
    ),
    lang: Lang = LangOption,
) -> int:
    """List the plan's targets as a table."""
    from gnbv.io.yaml_loader import load_plan
    from gnbv.render.terminal import render_plan_targets

    plan = load_plan(plan_path(plan_file, None))
    show(lambda console: render_plan_targets(plan, lang.value, console))
    return ExitCode.OK


@app.command("synth")
def synth(
    output: Path = typer.Option(..., "-o", "--output", help="CSV to write."),
    scale: float = typer.Option(
        0.1,
        "--scale",
        min=0.0001,
        max=100.0,
        help="Share of Bắc Giang's ~477,000 households (1 = full).",
    ),
    seed: int = typer.Option(2024, "--seed", help="Same seed, same file."),
    year: int = typer.Option(2024, "--year", help="Year whose poverty standard is used."),
    previous: Path | None = typer.Option(
        None, "--previous", help="Also write the previous year's census of the same households."
    ),
    lang: Lang = LangOption,
) -> int:
    """Generate a synthetic census of Bắc Giang (no real household) in the census format."""
    from gnbv.core.plan.standards import standard_for_year
    from gnbv.errors import UsageError
    from gnbv.io.writers import write_csv
    from gnbv.io.yaml_loader import load_standards
    from gnbv.synth.census import synthesise_years, to_census_text

    refuse_workbook_name(output, "--output")
    refuse_workbook_name(previous, "--previous")
    standard = standard_for_year(load_standards(), year)
    if standard is None:
        raise UsageError(
            f"no poverty standard shipped for {year}",
            key="err_no_standard_year",
            params={"year": year},
        )
    before, now = synthesise_years(standard, scale=scale, seed=seed)
    write_csv(to_census_text(now), output, bom=False)  # a census file, as the contract has it
    info("msg_synth_written", count=number(len(now)), path=output)
    if previous is not None:
        write_csv(to_census_text(before), previous, bom=False)
        info("msg_synth_previous_written", count=number(len(before)), year=year - 1, path=previous)
    return ExitCode.OK

"""Which plan file a command uses: ``--plan PATH``, ``--year YYYY``, or the only one here."""

from __future__ import annotations

from pathlib import Path

from gnbv.errors import UsageError


def resolve_plan_path(plan: Path | None, year: int | None, directory: Path) -> Path:
    if plan is not None and year is not None:
        raise UsageError("give --plan or --year, not both", key="err_plan_and_year")
    if plan is not None:
        return plan
    if year is not None:
        candidate = directory / f"plan_{year}.yaml"
        if not candidate.exists():
            raise UsageError(
                f"no plan for {year}: {candidate} does not exist",
                hint="run from the folder that holds the plan, or give --plan PATH",
                key="err_no_plan_year",
                params={"year": year, "path": candidate},
            )
        return candidate
    found = sorted(directory.glob("plan_*.yaml"))
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(
            f"no plan_*.yaml in {directory}",
            hint="give --plan PATH or --year YYYY",
            key="err_no_plan",
            params={"folder": directory},
        )
    names = ", ".join(path.name for path in found)
    raise UsageError(
        f"several plans in {directory}: {names}",
        hint="choose one with --plan PATH or --year YYYY",
        key="err_several_plans",
        params={"folder": directory, "names": names},
    )

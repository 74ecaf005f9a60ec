"""Rules across the items of a plan (unique ids, parts adding up to stated totals, districts
among the plan's units): every problem with its place, instead of stopping at the first.

Apart from :mod:`gnbv.core.plan.model` (the models) so that the budget, which reads the models,
and these checks, which read the budget, import in one direction only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gnbv.core.contract.units import unit_key
from gnbv.core.plan.budget import reconcile_budget
from gnbv.core.plan.model import Baseline, Loc, Plan, Project


@dataclass(frozen=True)
class PlanProblem:
    loc: Loc
    message: str
    key: str | None = None
    """The message in the label catalogue, with ``params`` (for the user's language)."""
    params: dict[str, object] = field(default_factory=dict)


def _duplicates(values: list[str]) -> dict[str, list[int]]:
    seen: dict[str, list[int]] = {}
    for index, value in enumerate(values):
        seen.setdefault(value, []).append(index)
    return {value: where for value, where in seen.items() if len(where) > 1}


def _unit_problems(plan: Plan) -> list[PlanProblem]:
    """Districts the plan names must be among its units, when it lists them."""
    if plan.areas.districts is None:
        return []
    units = {unit_key(name) for name in plan.areas.districts}
    problems = [
        PlanProblem(
            ("areas", "poor_districts", index),
            f"{name!r} is not in areas.districts",
            "rule_not_a_unit",
            {"name": name},
        )
        for index, name in enumerate(plan.areas.poor_districts)
        if unit_key(name) not in units
    ]
    for index, target in enumerate(plan.targets):
        name = target.scope.name
        if target.scope.kind == "district" and name and unit_key(name) not in units:
            problems.append(
                PlanProblem(
                    ("targets", index, "scope", "name"),
                    f"{name!r} is not in areas.districts",
                    "rule_not_a_unit",
                    {"name": name},
                )
            )
    return problems


def plan_problems(plan: Plan, known_standards: set[str]) -> list[PlanProblem]:
    """Every rule across items that a reader of the plan would check, as problems with places."""
    problems: list[PlanProblem] = []
    if plan.plan.standard not in known_standards:
        known = ", ".join(sorted(known_standards))
        problems.append(
            PlanProblem(
                ("plan", "standard"),
                f"unknown standard {plan.plan.standard!r}; known: {known}",
                "rule_unknown_standard",
                {"standard": plan.plan.standard, "known": known},
            )
        )
    problems.extend(_repeated_problems(plan))
    for index, project in enumerate(plan.projects):
        problems.extend(_project_problems(index, project))
    problems.extend(_unit_problems(plan))
    problems.extend(_baseline_problems(plan.baseline))
    for check in reconcile_budget(plan.budget).checks:
        if not check.ok:
            problems.append(
                PlanProblem(
                    check.loc,
                    check.message,
                    "rule_budget_total",
                    {
                        "name": check.name_vi,
                        "stated": check.stated_mvnd,
                        "computed": check.computed_mvnd,
                        "difference": f"{check.difference_mvnd:+}",
                    },
                )
            )
    return problems


def _repeated_problems(plan: Plan) -> list[PlanProblem]:
    """A target id or a project code given twice."""
    problems = []
    for target_id, where in _duplicates([t.id for t in plan.targets]).items():
        for index in where[1:]:
            problems.append(
                PlanProblem(
                    ("targets", index, "id"),
                    f"duplicate target id {target_id!r} (first at targets[{where[0]}])",
                    "rule_target_twice",
                    {"id": target_id, "first": where[0]},
                )
            )
    for code, where in _duplicates([p.code for p in plan.projects]).items():
        for index in where[1:]:
            problems.append(
                PlanProblem(
                    ("projects", index, "code"),
                    f"duplicate project code {code!r}",
                    "rule_project_twice",
                    {"code": code},
                )
            )
    return problems


def _project_problems(index: int, project: Project) -> list[PlanProblem]:
    """A project's sub-projects under its code, and the counts of sub-projects and works the
    plan states against those it lists."""
    problems = []
    for sub_index, sub in enumerate(project.subprojects):
        if not sub.code.startswith(project.code + "."):
            problems.append(
                PlanProblem(
                    ("projects", index, "subprojects", sub_index, "code"),
                    f"sub-project {sub.code} is not under project {project.code}",
                    "rule_subproject",
                    {"sub": sub.code, "project": project.code},
                )
            )
    stated = project.stated_subproject_count
    if stated is not None and stated != len(project.subprojects):
        problems.append(
            PlanProblem(
                ("projects", index, "stated_subproject_count"),
                f"the plan states {stated} sub-projects of "
                f"{project.code}, {len(project.subprojects)} are listed",
                "rule_subproject_count",
                {"stated": stated, "project": project.code, "listed": len(project.subprojects)},
            )
        )
    counts = project.stated_work_counts
    for status in ("carried_over", "new") if counts is not None else ():
        listed = sum(1 for work in project.works if work.status == status)
        if listed != getattr(counts, status):
            problems.append(
                PlanProblem(
                    ("projects", index, "stated_work_counts", status),
                    f"the plan states {getattr(counts, status)} {status} works of "
                    f"{project.code}, {listed} are listed",
                    f"rule_work_count_{status}",
                    {"stated": getattr(counts, status), "project": project.code, "listed": listed},
                )
            )
    return problems


def _baseline_problems(baseline: Baseline) -> list[PlanProblem]:
    """The stated poor + near-poor must equal the stated total, in households and in rate."""
    problems: list[PlanProblem] = []
    by_key = {(f.metric, f.scope): (index, f) for index, f in enumerate(baseline.figures)}
    for (metric, scope), (index, together) in by_key.items():
        if metric != "poor_and_near_poor_rate":
            continue
        poor = by_key.get(("poverty_rate", scope))
        near = by_key.get(("near_poverty_rate", scope))
        if poor is None or near is None:
            continue
        parts = (poor[1], near[1])
        if together.households is not None and all(p.households is not None for p in parts):
            total = sum(p.households or 0 for p in parts)
            if total != together.households:
                problems.append(
                    PlanProblem(
                        ("baseline", "figures", index, "households"),
                        f"stated {together.households} households, "
                        f"poor + near-poor add up to {total}",
                        "rule_baseline_households",
                        {"stated": together.households, "total": total},
                    )
                )
        if together.rate is not None and all(p.rate is not None for p in parts):
            total_rate = sum(p.rate or 0.0 for p in parts)
            # Each stated rate is rounded to 0.01, so the sum may differ by up to 0.01.
            if abs(total_rate - together.rate) > 0.010001:
                problems.append(
                    PlanProblem(
                        ("baseline", "figures", index, "rate"),
                        f"stated {together.rate} %, poor + near-poor add up to {total_rate:.2f} %",
                        "rule_baseline_rate_sum",
                        {"stated": together.rate, "total": f"{total_rate:.2f}"},
                    )
                )
    return problems

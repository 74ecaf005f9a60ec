"""The budget: sources x capital types, reconciled against the totals the plan states."""

from __future__ import annotations

from dataclasses import dataclass

from gnbv.core.plan.model import CAPITAL_TYPES, Budget, CapitalType, Loc


@dataclass(frozen=True)
class ReconciliationCheck:
    """One stated total compared with the sum of its parts."""

    loc: Loc
    name: str
    stated_mvnd: int
    computed_mvnd: int
    name_vi: str = ""
    """What is checked, in Vietnamese (the source's name, or the budget's total)."""

    @property
    def ok(self) -> bool:
        return self.stated_mvnd == self.computed_mvnd

    @property
    def difference_mvnd(self) -> int:
        return self.stated_mvnd - self.computed_mvnd

    @property
    def message(self) -> str:
        return (
            f"{self.name}: stated total {self.stated_mvnd:,} does not equal the sum of its "
            f"parts {self.computed_mvnd:,} (difference {self.difference_mvnd:+,} million VND)"
        )


@dataclass(frozen=True)
class SourceRow:
    id: str
    name_vi: str
    label_en: str
    by_capital_type: dict[CapitalType, int]
    total_mvnd: int
    stated_total_mvnd: int


@dataclass(frozen=True)
class BudgetSummary:
    sources: list[SourceRow]
    by_capital_type: dict[CapitalType, int]
    total_mvnd: int
    stated_total_mvnd: int
    checks: list[ReconciliationCheck]

    @property
    def reconciled(self) -> bool:
        return all(check.ok for check in self.checks)

    def share(self, amount_mvnd: int) -> float:
        """Share of the computed grand total, in percent."""
        return 100.0 * amount_mvnd / self.total_mvnd if self.total_mvnd else 0.0


def reconcile_budget(budget: Budget) -> BudgetSummary:
    rows: list[SourceRow] = []
    checks: list[ReconciliationCheck] = []
    for index, source in enumerate(budget.sources):
        by_type: dict[CapitalType, int] = dict.fromkeys(CAPITAL_TYPES, 0)
        for line in source.lines:
            by_type[line.capital_type] += line.amount_mvnd
        total = sum(by_type.values())
        rows.append(
            SourceRow(
                source.id, source.name_vi, source.label_en, by_type, total, source.stated_total_mvnd
            )
        )
        checks.append(
            ReconciliationCheck(
                ("budget", "sources", index, "stated_total_mvnd"),
                f"budget source {source.id!r} ({source.name_vi})",
                source.stated_total_mvnd,
                total,
                f"Nguồn {source.name_vi}",
            )
        )
    by_capital_type: dict[CapitalType, int] = {
        capital_type: sum(row.by_capital_type[capital_type] for row in rows)
        for capital_type in CAPITAL_TYPES
    }
    grand_total = sum(row.total_mvnd for row in rows)
    checks.append(
        ReconciliationCheck(
            ("budget", "stated_total_mvnd"),
            "budget total",
            budget.stated_total_mvnd,
            sum(s.stated_total_mvnd for s in budget.sources),
            "Tổng vốn",
        )
    )
    return BudgetSummary(rows, by_capital_type, grand_total, budget.stated_total_mvnd, checks)

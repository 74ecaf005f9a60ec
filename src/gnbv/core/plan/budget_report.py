"""The budget as a plain document, for JSON: amounts are integers of million VND."""

from __future__ import annotations

from typing import Any

from gnbv.core.plan.budget import BudgetSummary
from gnbv.core.plan.model import Plan


def budget_document(plan: Plan, summary: BudgetSummary, exit_code: int) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "status": "ok" if summary.reconciled else "mismatch",
        "exit_code": exit_code,
        "plan": {"province": plan.plan.province, "year": plan.plan.year},
        "unit": plan.budget.unit,
        "decision": plan.budget.decision_vi,
        "total_mvnd": summary.total_mvnd,
        "stated_total_mvnd": summary.stated_total_mvnd,
        "by_capital_type": dict(summary.by_capital_type),
        "sources": [
            {
                "id": row.id,
                "name_vi": row.name_vi,
                "name_en": row.label_en,
                **row.by_capital_type,
                "total_mvnd": row.total_mvnd,
                "stated_total_mvnd": row.stated_total_mvnd,
            }
            for row in summary.sources
        ],
        "reconciliation": {
            "ok": summary.reconciled,
            "checks": [
                {
                    "name": check.name,
                    "stated_mvnd": check.stated_mvnd,
                    "computed_mvnd": check.computed_mvnd,
                    "difference_mvnd": check.difference_mvnd,
                    "ok": check.ok,
                }
                for check in summary.checks
            ],
        },
    }

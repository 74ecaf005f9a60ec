"""The programme's progress as a plain document, for JSON: amounts in million VND to the
thousand VND, rates in percent, dates as ISO text."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from gnbv.core.analysis.report import SCHEMA_VERSION
from gnbv.core.analysis.targets import target_dict
from gnbv.core.programme.results import FlowRow, ProgressCheck


def _amount(value: Fraction | None) -> float | None:
    """Million VND for JSON, to the thousand VND."""
    return None if value is None else round(float(value), 3)


def _percent(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _flow_dict(row: FlowRow) -> dict[str, Any]:
    paced = row.pace
    return {
        **row.key,
        "funds": row.funds,
        "allocated_mvnd": _amount(row.flow.allocated),
        "disbursed_mvnd": _amount(row.flow.disbursed),
        "rate": _percent(row.flow.rate),
        "lines": row.flow.lines,
        "unknown_lines": row.flow.unknown_lines,
        "pace": None
        if paced is None
        else {
            "deadline": paced.deadline.isoformat(),
            "elapsed_percent": _percent(100 * paced.elapsed_share),
            "disbursed_percent": _percent(
                None if paced.disbursed_share is None else 100 * paced.disbursed_share
            ),
            "remaining_mvnd": _amount(paced.remaining),
            "months_left": paced.months_left,
            "per_month_mvnd": _amount(paced.per_month),
            "projected_rate": _percent(paced.projected_rate),
            "on_track": paced.on_track,
        },
    }


def progress_document(check: ProgressCheck, exit_code: int) -> dict[str, Any]:
    """The JSON of ``gnbv progress check`` (and the ``progress`` part of ``budget``)."""
    report, progress = check.report, check.report.progress
    return {
        "schema_version": SCHEMA_VERSION,
        "status": check.status,
        "exit_code": exit_code,
        "plan": {"province": check.plan.plan.province, "year": check.plan.plan.year},
        "input": {
            "file": check.file,
            "province": progress.province,
            "plan_year": progress.plan_year,
            "as_of": progress.as_of.isoformat(),
            "unit": progress.unit,
            "rows": progress.rows,
            "rows_set_aside": progress.rows_set_aside,
            "invalid_percent": check.invalid_percent,
            "max_invalid_percent": check.max_invalid_percent,
            "quality_gate": _gate(check),
            "problems": [
                {"sheet": p.sheet, "row": p.row, "column": p.column, "reason": p.reason}
                for p in progress.problems
            ],
            "skipped_rows": [
                {"sheet": sheet, "row": row, "reason": "no_data"} for sheet, row in progress.skipped
            ],
        },
        "targets": [target_dict(result) for result in check.targets],
        "disbursement": {
            "by_funds": [_flow_dict(row) for row in report.by_funds],
            "by_source": [_flow_dict(row) for row in report.by_source],
            "by_project": [_flow_dict(row) for row in report.by_project],
            "by_unit": [_flow_dict(row) for row in report.by_unit],
        },
        "reconciliation": {
            "ok": report.reconciled,
            "checks": [
                {
                    "source": item.source,
                    "capital_type": item.capital_type,
                    "planned_mvnd": item.planned,
                    "allocated_mvnd": _amount(item.allocated),
                    "difference_mvnd": _amount(item.difference),
                    "complete": item.complete,
                    "ok": item.ok,
                }
                for item in report.reconciliation
            ],
        },
        "works": [
            {
                "id": work.work_id,
                "carried_over": work.carried_over,
                "status": work.status,
                "completed_on": work.completed_on.isoformat() if work.completed_on else None,
                "state": work.state,
            }
            for work in report.works
        ],
        "allocation_reports": [
            {
                "unit": state.unit,
                "submitted_on": state.submitted_on.isoformat() if state.submitted_on else None,
                "state": state.state,
            }
            for state in report.reports
        ],
    }


def _gate(check: ProgressCheck) -> str | None:
    if check.max_invalid_percent is None:
        return None  # no gate applies (the budget's view of the workbook)
    return "passed" if check.quality_gate_passed else "failed"

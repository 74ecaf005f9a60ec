"""Funds against time: what a scope of allocation lines has disbursed, and the pace of it
against a deadline (the share of time gone by, the share of funds disbursed, what is left to
disburse each month, the rate at the deadline if the pace so far goes on). Exact fractions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from gnbv.core.programme.progress_contract import AllocationLine


@dataclass(frozen=True)
class Disbursement:
    """Funds allocated and disbursed over a scope of allocation lines."""

    allocated: Fraction
    disbursed: Fraction
    lines: int
    unknown_lines: int
    """Lines left out because an amount is blank."""

    @property
    def rate(self) -> Fraction | None:
        return 100 * self.disbursed / self.allocated if self.allocated else None


def disbursement(lines: list[AllocationLine]) -> Disbursement:
    known = [line for line in lines if line.allocated is not None and line.disbursed is not None]
    return Disbursement(
        sum((line.allocated or Fraction(0) for line in known), Fraction(0)),
        sum((line.disbursed or Fraction(0) for line in known), Fraction(0)),
        len(known),
        len(lines) - len(known),
    )


@dataclass(frozen=True)
class Pace:
    """Funds against time for one scope and its deadline."""

    deadline: dt.date
    elapsed_share: Fraction
    """The share of the time from the period's start to the deadline gone by on ``as_of``."""
    disbursed_share: Fraction | None
    remaining: Fraction
    months_left: int
    per_month: Fraction | None
    """To disburse each remaining month to meet the deadline; None when it has passed."""
    projected_rate: Fraction | None
    """The rate at the deadline if the pace so far goes on (at most 100)."""

    @property
    def on_track(self) -> bool | None:
        if self.disbursed_share is None:
            return None
        return self.disbursed_share >= self.elapsed_share


def _months_between(start: dt.date, end: dt.date) -> int:
    """Calendar months left after ``start`` up to ``end``, as an office counts them: from a
    report of 30/09 to a deadline of 31/01, October to January (4); ``start``'s own month
    counts when days of it are left (from 15/10: 4 as well). 0 when ``end`` is past."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    month_ends_on_start = (start + dt.timedelta(days=1)).month != start.month
    return months if month_ends_on_start else months + 1


def pace(flow: Disbursement, start: dt.date, deadline: dt.date, as_of: dt.date) -> Pace:
    span = (deadline - start).days
    gone = min(max((as_of - start).days, 0), span)
    elapsed = Fraction(gone, span) if span > 0 else Fraction(1)
    share = flow.disbursed / flow.allocated if flow.allocated else None
    remaining = flow.allocated - flow.disbursed
    months = _months_between(as_of, deadline)
    projected = None
    if share is not None and elapsed > 0:
        projected = min(Fraction(100), 100 * share / elapsed)
    return Pace(
        deadline,
        elapsed,
        share,
        remaining,
        months,
        remaining / months if months else None,
        projected,
    )

"""The programme's own progress: funds allocated and disbursed, works, livelihood projects,
training of officials and the districts' allocation reports (``shared/progress-format.md``).

:func:`validate_progress` turns the rows a reader found (cells as written, with their row
numbers) into typed lines and named problems, as the census validation does: a bad cell sets
its row aside with its sheet, row, column and reason; a blank amount is unknown, never 0.
Amounts are kept exactly, as fractions of a million VND.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import Any

from gnbv.core.contract.not_households import TEXTS_OF_A_NOTE
from gnbv.core.contract.rules import SHOWS_EXCEL_ERROR
from gnbv.core.contract.units import unit_key
from gnbv.core.plan.model import Plan
from gnbv.core.programme.progress_cells import (
    fold_cell,
    is_blank,
    number_conventions,
    parse_amount,
    parse_date,
    parse_integer,
)
from gnbv.core.programme.progress_contract import (
    CAPITAL_WORDS,
    LEVEL_WORDS,
    PROJECT_STATUS_WORDS,
    REPORT_KEYS,
    SHEETS,
    SOURCE_WORDS,
    WORK_STATUS_WORDS,
    AllocationLine,
    AllocationReport,
    LivelihoodLine,
    Problem,
    Progress,
    ProgressFileError,
    RawRow,
    TrainingLine,
    WorkLine,
)


class _Rows:
    """Collects one sheet's problems while its cells are typed."""

    def __init__(self, sheet: str, problems: list[Problem]) -> None:
        self.sheet = sheet
        self.problems = problems
        self.bad = False

    def flag(self, row: int, column: str, reason: str) -> None:
        self.problems.append(Problem(self.sheet, row, column, reason))
        self.bad = True

    def required(self, row: int, cells: dict[str, Any], column: str) -> Any:
        value = cells.get(column)
        if is_blank(value):
            self.flag(row, column, "missing_value")
            return None
        if isinstance(value, str) and SHOWS_EXCEL_ERROR.match(value.strip()):
            self.flag(row, column, "excel_error")  # a formula that failed: not a word
            return None
        return value

    def text(self, row: int, cells: dict[str, Any], column: str) -> str:
        """An optional text cell (a unit's name), trimmed; one showing an Excel error sets
        the row aside."""
        value = cells.get(column)
        if is_blank(value):
            return ""
        return str(self.required(row, cells, column) or "").strip()

    def integer(self, row: int, cells: dict[str, Any], column: str) -> int:
        """A required whole number (0 when it is not one: the row is then set aside)."""
        value = self.required(row, cells, column)
        if value is None:
            return 0
        parsed = parse_integer(value)
        if isinstance(parsed, str):
            self.flag(row, column, parsed)
            return 0
        return parsed

    def word(self, row: int, cells: dict[str, Any], column: str, words: dict[str, str]) -> str:
        value = self.required(row, cells, column)
        if value is None:
            return ""
        code = words.get(fold_cell(value))
        if code is None:
            self.flag(row, column, f"invalid_{column}")
            return ""
        return code

    def amount(
        self,
        row: int,
        cells: dict[str, Any],
        column: str,
        conventions: dict[str, str | None] | None = None,
    ) -> Fraction | None:
        value = cells.get(column)
        if is_blank(value):
            return None  # a blank amount is unknown, not 0
        parsed = parse_amount(value, (conventions or {}).get(column))
        if isinstance(parsed, str):
            self.flag(row, column, parsed)
            return None
        return parsed

    def date(self, row: int, cells: dict[str, Any], column: str, plan: Plan) -> dt.date | None:
        value = cells.get(column)
        if is_blank(value):
            return None
        parsed = parse_date(value)
        if isinstance(parsed, str):
            self.flag(row, column, parsed)
            return None
        if plan.programme is not None and not (
            plan.programme.period_start - dt.timedelta(days=366) <= parsed <= _period_end(plan)
        ):
            self.flag(row, column, "date_outside_period")
            return None
        return parsed


def _period_end(plan: Plan) -> dt.date:
    if plan.programme is None:
        return dt.date(plan.plan.year + 1, 12, 31)
    return max(d.date for d in plan.programme.disbursement_deadlines)


def _report_info(rows: list[RawRow], plan: Plan) -> tuple[str, int, dt.date, str]:
    keys = {fold_cell(word): key for key, words in REPORT_KEYS.items() for word in (key, *words)}
    values = {
        keys.get(fold_cell(cells.get("key")), fold_cell(cells.get("key"))): cells.get("value")
        for _, cells in rows
    }
    province = str(values.get("province") or "").strip()
    if unit_key(province) != unit_key(plan.plan.province):
        raise ProgressFileError(
            f"the report sheet's province is {province or 'blank'!r}, the plan's is "
            f"{plan.plan.province!r}",
            "this workbook is for another province: give the plan it belongs to",
            "err_progress_province",
            found=province or "—",
            wanted=plan.plan.province,
        )
    year = parse_integer(values.get("plan_year") or "")
    if year != plan.plan.year:
        raise ProgressFileError(
            f"the report sheet's plan_year is {values.get('plan_year')!r}, the plan's year is "
            f"{plan.plan.year}",
            "this workbook is for another year: give the plan of its year (--year)",
            "err_progress_year",
            found=values.get("plan_year") or "—",
            wanted=plan.plan.year,
        )
    as_of = parse_date(values.get("as_of") or "")
    if isinstance(as_of, str):
        raise ProgressFileError(
            "the report sheet's as_of (Ngày số liệu) is not a date",
            "write the date of the figures in the report sheet, e.g. 30/09/2024",
            "err_progress_date",
        )
    return province, year, as_of, str(values.get("unit") or "").strip()


def validate_progress(sheets: dict[str, list[RawRow]], plan: Plan) -> Progress:
    """Typed lines and named problems of a progress workbook read into ``sheets``; rows
    without data (a signature block under a table) skipped and said."""
    province, year, as_of, unit = _report_info(sheets.get("report", []), plan)
    progress = Progress(province, year, as_of, unit)
    known = _known_words(plan)
    sheets = dict(sheets)
    for name in SHEETS[1:]:
        kept = []
        for row, cells in sheets.get(name, []):
            if _without_data(cells, known):
                progress.skipped.append((name, row))
            else:
                kept.append((row, cells))
        sheets[name] = kept
        progress.rows += len(kept)
    _disbursement(sheets.get("disbursement", []), plan, progress)
    _works(sheets.get("works", []), plan, progress)
    _livelihood(sheets.get("livelihood_projects", []), plan, progress)
    _training(sheets.get("training", []), progress)
    _allocation_reports(sheets.get("allocation_reports", []), plan, progress)
    progress.problems.sort(
        key=lambda problem: (SHEETS.index(problem.sheet), problem.row, problem.column)
    )
    return progress


_ID_COLUMNS = ("work_id", "project_id")


def _known_words(plan: Plan) -> set[str]:
    """The words a table's cells take (sources, capital types, statuses, levels, the plan's
    project codes and districts), folded."""
    words = {*SOURCE_WORDS, *CAPITAL_WORDS, *WORK_STATUS_WORDS, *PROJECT_STATUS_WORDS}
    words |= {*LEVEL_WORDS, *(fold_cell(code) for code in plan.project_codes())}
    return words | {unit_key(name) for name in plan.areas.districts or []}


def _without_data(cells: dict[str, Any], known: set[str]) -> bool:
    """A row under a table that holds none of its lines: a place and date, "Người lập
    biểu", "(Ký, ghi rõ họ tên)", a signatory's name. It has no number or date the workbook
    keeps, no figure written as text, no word the tables take (``known``), no id with a
    figure in it ("CT-01"), and at most two different texts. A line whose figures are
    missing names its project, source or district, and stays a line with a problem."""
    texts = set()
    for column, value in cells.items():
        if is_blank(value):
            continue
        if not isinstance(value, str):
            return False
        folded = fold_cell(value)
        if folded in known or unit_key(value) in known:
            return False
        if column in _ID_COLUMNS and re.search(r"\d", value) and " " not in value.strip():
            return False
        if not isinstance(parse_amount(value), str):
            return False
        texts.add(folded)
    return len(texts) <= TEXTS_OF_A_NOTE


def _project(check: _Rows, row: int, cells: dict[str, Any], projects: dict[str, str]) -> str:
    """The project code of a line (upper case), which must be one of the plan's."""
    project = str(check.required(row, cells, "project") or "").strip().upper()
    if project and project not in projects:
        check.flag(row, "project", "unknown_project")
    return project


def _disbursement(rows: list[RawRow], plan: Plan, progress: Progress) -> None:
    """Funds allocated and disbursed, by year of funds, source, capital type and project;
    each amount column's thousands convention decided from the whole column."""
    projects = plan.project_codes()
    conventions = number_conventions(rows, ("allocated_mvnd", "disbursed_mvnd"))
    for row, cells in rows:
        check = _Rows("disbursement", progress.problems)
        funds_year = check.integer(row, cells, "funds_year")
        if funds_year > plan.plan.year:
            check.flag(row, "funds_year", "funds_year_after_plan")
        source = check.word(row, cells, "source", SOURCE_WORDS)
        capital = check.word(row, cells, "capital_type", CAPITAL_WORDS)
        project = _project(check, row, cells, projects)
        allocated = check.amount(row, cells, "allocated_mvnd", conventions)
        disbursed = check.amount(row, cells, "disbursed_mvnd", conventions)
        if allocated is not None and disbursed is not None and disbursed > allocated:
            check.flag(row, "disbursed_mvnd", "disbursed_over_allocated")
        unit = check.text(row, cells, "unit")
        if not check.bad:
            progress.allocations.append(
                AllocationLine(
                    row, funds_year, source, capital, project, unit, allocated, disbursed
                )
            )


def _works(rows: list[RawRow], plan: Plan, progress: Progress) -> None:
    projects = plan.project_codes()
    for row, cells in rows:
        if all(is_blank(cells.get(name)) for name in ("status", "progress_pct", "completed_on")):
            continue  # a work listed by the template, not reported on
        check = _Rows("works", progress.problems)
        work_id = str(check.required(row, cells, "work_id") or "").strip()
        project = _project(check, row, cells, projects)
        # A work the office has not reported on yet (status blank) is not an error.
        status = (
            check.word(row, cells, "status", WORK_STATUS_WORDS)
            if not is_blank(cells.get("status"))
            else ""
        )
        written = cells.get("progress_pct")
        if isinstance(written, str) and written.strip().endswith("%"):  # "85%", "85 %"
            cells = cells | {"progress_pct": written.strip().removesuffix("%")}
        percent = check.amount(row, cells, "progress_pct")
        if percent is not None and percent > 100:
            check.flag(row, "progress_pct", "out_of_range")
        completed_on = check.date(row, cells, "completed_on", plan)
        if not check.bad:
            progress.works.append(WorkLine(row, work_id, project, status, percent, completed_on))


def _livelihood(rows: list[RawRow], plan: Plan, progress: Progress) -> None:
    projects = plan.project_codes()
    conventions = number_conventions(rows, ("allocated_mvnd",))
    for row, cells in rows:
        check = _Rows("livelihood_projects", progress.problems)
        project_id = str(check.required(row, cells, "project_id") or "").strip()
        project = _project(check, row, cells, projects)
        allocated = check.amount(row, cells, "allocated_mvnd", conventions)
        status = check.word(row, cells, "status", PROJECT_STATUS_WORDS)
        completed_on = check.date(row, cells, "completed_on", plan)
        unit = check.text(row, cells, "unit")
        if not check.bad:
            progress.livelihood.append(
                LivelihoodLine(row, project_id, project, unit, allocated, status, completed_on)
            )


def _training(rows: list[RawRow], progress: Progress) -> None:
    for row, cells in rows:
        check = _Rows("training", progress.problems)
        level = check.word(row, cells, "level", LEVEL_WORDS)
        counts = [check.integer(row, cells, column) for column in ("officials", "trained")]
        if counts[1] > counts[0]:
            check.flag(row, "trained", "count_exceeds_total")
        unit = check.text(row, cells, "unit")
        if not check.bad:
            progress.training.append(TrainingLine(row, level, unit, *counts))


def _allocation_reports(rows: list[RawRow], plan: Plan, progress: Progress) -> None:
    for row, cells in rows:
        check = _Rows("allocation_reports", progress.problems)
        unit_name = str(check.required(row, cells, "unit") or "").strip()
        submitted = check.date(row, cells, "submitted_on", plan)
        if not check.bad:
            progress.allocation_reports.append(AllocationReport(row, unit_name, submitted))

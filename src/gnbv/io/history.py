"""The monthly history: each run's figures kept in an SQLite file (``--history gnbv.sqlite``).

One row a run (command, plan, as-of date, input files and their SHA-256) with its targets'
values and statuses and its disbursement lines' rates. Running again for the same command,
plan and as-of date replaces that date's figures: one row a date, never duplicates. Every run
is one transaction, so the file is never left half-written; a file written by a newer gnbv
(a higher schema version) is refused rather than changed.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from gnbv.core.programme.history import Run, Series
from gnbv.errors import GnbvError, StorageError

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    province TEXT NOT NULL,
    plan_year INTEGER NOT NULL,
    as_of TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    inputs TEXT NOT NULL,
    UNIQUE (command, province, plan_year, as_of)
);
CREATE TABLE IF NOT EXISTS targets (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    target_id TEXT NOT NULL,
    metric TEXT NOT NULL,
    actual REAL,
    status TEXT NOT NULL,
    gap_points REAL,
    gap_count REAL,
    unit TEXT NOT NULL,
    PRIMARY KEY (run_id, target_id)
);
CREATE TABLE IF NOT EXISTS disbursement (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    allocated_mvnd REAL,
    disbursed_mvnd REAL,
    rate REAL,
    deadline TEXT,
    projected_rate REAL,
    on_track INTEGER,
    PRIMARY KEY (run_id, scope)
);
"""


class HistoryError(GnbvError):
    """The history file cannot be used (newer schema, not a gnbv history)."""


@contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    try:
        connection = sqlite3.connect(path)
    except sqlite3.Error as error:
        raise StorageError(
            f"{path}: cannot open the history: {error}",
            key="err_history_open",
            params={"path": path, "reason": error},
        ) from error
    with closing(connection):
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            _check_version(path, connection)
        except sqlite3.DatabaseError as error:  # "file is not a database", most likely
            raise HistoryError(
                f"{path}: not a gnbv history ({error})",
                hint="give --history a new file name, or the file an earlier run wrote",
                key="err_history_not",
                params={"path": path},
            ) from error
        yield connection


def _check_version(path: Path, connection: sqlite3.Connection) -> None:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "meta" not in tables:
        return
    found = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if found is not None and int(found[0]) > SCHEMA_VERSION:
        raise HistoryError(
            f"{path}: written by a newer gnbv (history schema {found[0]}, this gnbv reads "
            f"{SCHEMA_VERSION})",
            hint="update gnbv, or give --history another file",
            key="err_history_newer",
            params={"path": path, "found": found[0], "known": SCHEMA_VERSION},
        )


def record(path: Path, run: Run) -> None:
    """Add ``run`` to the history at ``path`` (created if need be), replacing a run of the
    same command, plan and as-of date; all or nothing."""
    with _connect(path) as connection:
        with connection:  # one transaction: committed whole, or rolled back
            connection.executescript("BEGIN;" + SCHEMA)
            _refuse_another_unit(path, connection, run.province)
            connection.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
            )
            connection.execute(
                "DELETE FROM runs WHERE command = ? AND province = ? AND plan_year = ? "
                "AND as_of = ?",
                (run.command, run.province, run.plan_year, run.as_of.isoformat()),
            )
            cursor = connection.execute(
                "INSERT INTO runs (command, province, plan_year, as_of, recorded_at, inputs) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    run.command,
                    run.province,
                    run.plan_year,
                    run.as_of.isoformat(),
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    json.dumps(run.inputs, ensure_ascii=False, sort_keys=True),
                ),
            )
            run_id = cursor.lastrowid
            connection.executemany(
                "INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run_id,
                        t.target_id,
                        t.metric,
                        t.actual,
                        t.status,
                        t.gap_points,
                        t.gap_count,
                        t.unit,
                    )
                    for t in run.targets
                ],
            )
            connection.executemany(
                "INSERT INTO disbursement VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run_id,
                        f.scope,
                        f.allocated_mvnd,
                        f.disbursed_mvnd,
                        f.rate,
                        f.deadline,
                        f.projected_rate,
                        None if f.on_track is None else int(f.on_track),
                    )
                    for f in run.flows
                ],
            )


def _refuse_another_unit(path: Path, connection: sqlite3.Connection, unit: str) -> None:
    """A history holds one unit's series (the province's, or a district's): another unit's
    run would replace its figures of the same date and mix into its series."""
    held = [row[0] for row in connection.execute("SELECT DISTINCT province FROM runs")]
    if held and unit not in held:
        raise HistoryError(
            f"{path}: the history holds the figures of {held[0]!r}; this run's are of {unit!r}",
            hint="give --history another file for them",
            key="err_history_other_unit",
            params={"path": path, "held": held[0], "unit": unit},
        )


def read_series(path: Path, plan_year: int | None = None) -> tuple[list[Series], list[Series]]:
    """Every target's series and every disbursement line's series, oldest date first, one
    series per plan year (only ``plan_year``'s if given), the latest plan year's first."""
    if not path.exists():
        raise HistoryError(
            f"{path}: no such file",
            hint="runs with --history FILE write it",
            key="err_history_missing",
            params={"path": path},
        )
    with _connect(path) as connection:
        year = (plan_year, plan_year)  # every plan year's, or the one asked for
        rows = connection.execute(
            "SELECT r.plan_year, t.target_id, r.as_of, t.actual, t.status, t.unit, t.rowid "
            "FROM targets t JOIN runs r ON r.id = t.run_id "
            "WHERE (? IS NULL OR r.plan_year = ?) "
            "ORDER BY r.plan_year, t.target_id, r.as_of, r.command",
            year,
        ).fetchall()
        flows = connection.execute(
            "SELECT r.plan_year, d.scope, r.as_of, d.rate, d.on_track, d.rowid "
            "FROM disbursement d JOIN runs r ON r.id = d.run_id "
            "WHERE (? IS NULL OR r.plan_year = ?) "
            "ORDER BY r.plan_year, d.scope, r.as_of",
            year,
        ).fetchall()
    targets: dict[tuple[int, str], Series] = {}
    for year_of, target_id, as_of, actual, status, unit, _ in rows:
        key = (year_of, target_id)
        series = targets.setdefault(key, Series(target_id, [], unit, year_of))
        series.points.append((as_of, actual, status))
    lines: dict[tuple[int, str], Series] = {}
    for year_of, scope, as_of, rate, on_track, _ in flows:
        pace = "" if on_track is None else ("on_track" if on_track else "behind")
        line = lines.setdefault((year_of, scope), Series(scope, [], plan_year=year_of))
        line.points.append((as_of, rate, pace))
    return _as_recorded(targets, rows), _as_recorded(lines, flows)


def _as_recorded(series: dict[tuple[int, str], Series], rows: list[Any]) -> list[Series]:
    """The series of the latest plan year first; within a year, in the order the latest run
    recorded them, the plan's (T1, T2, ..., T10, D1, ...; the plan year's funds, then those
    carried over), not as their names sort (T1, T10, T2); one the latest runs no longer
    have comes after."""
    recorded: dict[tuple[int, str], tuple[str, int]] = {}
    for year, name, as_of, *_, rowid in rows:
        last = recorded.get((year, name))
        if last is None or as_of > last[0] or (as_of == last[0] and rowid < last[1]):
            recorded[(year, name)] = (as_of, rowid)
    keys = sorted(recorded, key=lambda key: recorded[key][1])
    keys.sort(key=lambda key: recorded[key][0], reverse=True)
    keys.sort(key=lambda key: key[0], reverse=True)
    return [series[key] for key in keys]

"""Benchmark: gnbv check against DuckDB and polars on the same synthetic census.

    pip install duckdb                 # only for this benchmark (polars comes with gnbv)
    python bench/bench.py              # 1M rows
    python bench/bench.py --rows 1000000 10000000

Each tool runs as its own process, --repeat times (in turn); the table shows the median wall
time with the range, and the largest peak memory (max RSS), measured by the parent with
wait4. DuckDB and polars do the same classification (standard of Decree 07/2021)
and count households per commune and class; gnbv does that and everything else of its report
(validation of every cell, duplicates, every indicator, targets). The per-commune poor counts
of the three are compared, so the table cannot hide a wrong answer. It is a benchmark, not a
test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from gnbv.io.yaml_loader import load_standard

ROOT = Path(__file__).resolve().parents[1]
HOUSEHOLDS_FULL_SCALE = 477_000
# The classification the other tools run comes from gnbv's own standard file, so the three
# cannot drift apart.
STANDARD = load_standard("nd07_2022_2025")
DEPRIVATIONS = STANDARD.deprivation_columns
LINES = {
    area: (lines.poverty_line, lines.middle_upper) for area, lines in STANDARD.income_lines.items()
}

DUCKDB = """
import duckdb, json, sys
deps = " + ".join(f"CAST({{c}} AS INTEGER)" for c in {deps!r})
query = f'''
WITH h AS (
  SELECT district, commune, income_per_capita AS income, area, {{deps}} AS n_dep
  FROM read_csv('{path}', header=true)
), c AS (
  SELECT district, commune,
    CASE WHEN income <= (CASE WHEN area = 'urban' THEN {urban_line} ELSE {rural_line} END)
           THEN (CASE WHEN n_dep >= 3 THEN 'poor' ELSE 'near_poor' END)
         WHEN income <= (CASE WHEN area = 'urban' THEN {urban_upper} ELSE {rural_upper} END)
           THEN 'middle'
         ELSE 'non_poor' END AS class
  FROM h)
SELECT district, commune, count(*) FILTER (WHERE class = 'poor') AS poor, count(*) AS n
FROM c GROUP BY district, commune'''
connection = duckdb.connect()
connection.execute("SET enable_progress_bar = false")
rows = connection.sql(query).fetchall()
json.dump({{f"{{d}}/{{c}}": p for d, c, p, n in rows}}, sys.stdout)
"""

FULL_WORK = "duckdb, gnbv's work"
DUCKDB_FULL_RUNNER = """
import duckdb, json, sys
connection = duckdb.connect()
connection.execute("SET enable_progress_bar = false")
poor = {}
for district, commune, klass, households in connection.sql(sys.argv[1]).fetchall():
    key = f"{district}/{commune}"
    poor[key] = poor.get(key, 0) + (households if klass == "poor" else 0)
json.dump(poor, sys.stdout)
"""


def duckdb_full_work(path: Path) -> str:
    """The query for DuckDB doing the work gnbv does: every column of the census contract
    read as text and type-checked (a row with a cell that does not type, out of range, or a
    part larger than its total is set aside), repeated ids found (the first row kept), every
    valid household classified and its measures summed by the report's keys."""
    from gnbv.core.contract.columns import COLUMNS

    with path.open(encoding="utf-8") as handle:
        header = set(handle.readline().strip().split(","))
    typed, bad = [], []
    for spec in [spec for spec in COLUMNS if spec.name in header]:
        name = spec.name
        if spec.kind == "int":
            typed.append(f"TRY_CAST(replace({name}, '.', '') AS BIGINT) AS {name}_t")
            checks = [f"({name} <> '' AND {name}_t IS NULL)"]
            if spec.required:
                checks.append(f"{name}_t IS NULL")
            if spec.minimum is not None:
                checks.append(f"{name}_t < {spec.minimum}")
            if spec.maximum is not None:
                checks.append(f"{name}_t > {spec.maximum}")
            if spec.total_of:
                checks.append(f"{name}_t > {spec.total_of}_t")
            bad += [f"coalesce({check}, false)" for check in checks]
        elif spec.kind == "bool":
            typed.append(
                f"CASE WHEN lower({name}) IN ('true','1','yes','có','x') THEN true "
                f"WHEN lower({name}) IN ('false','0','no','không') THEN false END AS {name}_t"
            )
            blank = f"coalesce({name}, '') = ''"
            bad.append(f"({blank} AND {str(spec.required).lower()})")
            bad.append(f"(NOT {blank} AND {name}_t IS NULL)")
        elif spec.kind == "area":
            typed.append(f"lower({name}) AS {name}_t")
            bad.append(f"coalesce(lower({name}) NOT IN ('rural', 'urban'), true)")
        else:
            typed.append(f"{name} AS {name}_t")
            if spec.required:
                bad.append(f"coalesce({name}, '') = ''")
    deps = " + ".join(f"CAST({column}_t AS INTEGER)" for column in DEPRIVATIONS)
    (rural_line, rural_upper), (urban_line, urban_upper) = LINES["rural"], LINES["urban"]
    line = f"CASE WHEN area_t = 'urban' THEN {urban_line} ELSE {rural_line} END"
    upper = f"CASE WHEN area_t = 'urban' THEN {urban_upper} ELSE {rural_upper} END"
    return f"""
WITH raw AS (SELECT *, row_number() OVER () AS line
             FROM read_csv('{path}', header=true, all_varchar=true)),
t AS (SELECT *, {", ".join(typed)} FROM raw),
checked AS (SELECT *, ({" OR ".join(bad)}) AS bad,
                   row_number() OVER (PARTITION BY household_id ORDER BY line) > 1 AS repeated
            FROM t),
c AS (SELECT *, {deps} AS n_dep,
             CASE WHEN income_per_capita_t <= {line}
                    THEN (CASE WHEN {deps} >= 3 THEN 'poor' ELSE 'near_poor' END)
                  WHEN income_per_capita_t <= {upper} THEN 'middle' ELSE 'non_poor' END AS class
      FROM checked WHERE NOT bad AND NOT repeated),
sums AS (SELECT district, commune, area_t, class, status_prev_t, ethnic_minority_t,
                special_difficulty_commune_t, count(*) AS households, sum(n_dep) AS deprived,
                sum(insured_members_t), sum(members_t), sum(children_in_school_t),
                sum(school_age_children_t), sum(job_supported_t), sum(job_support_need_t),
                sum(agri_supported_t), sum(agri_support_need_t),
                count(*) FILTER (WHERE housing_need_t AND housing_supported_t)
         FROM c GROUP BY ALL)
SELECT district, commune, class, sum(households) FROM sums GROUP BY ALL"""


POLARS = """
import polars as pl, json, sys
deps = {deps!r}
urban = pl.col("area") == "urban"
line = pl.when(urban).then({urban_line}).otherwise({rural_line})
upper = pl.when(urban).then({urban_upper}).otherwise({rural_upper})
n_dep = pl.sum_horizontal([pl.col(c).cast(pl.Int32) for c in deps])
klass = (pl.when(pl.col("income_per_capita") <= line)
         .then(pl.when(n_dep >= 3).then(pl.lit("poor")).otherwise(pl.lit("near_poor")))
         .when(pl.col("income_per_capita") <= upper).then(pl.lit("middle"))
         .otherwise(pl.lit("non_poor")))
out = (pl.scan_csv('{path}')
       .select(["district", "commune", klass.alias("class")])
       .group_by(["district", "commune"])
       .agg((pl.col("class") == "poor").sum().alias("poor"), pl.len().alias("n"))
       .collect(engine="streaming"))
json.dump({{f"{{d}}/{{c}}": p for d, c, p, n in out.iter_rows()}}, sys.stdout)
"""


# Python caches gnbv's compiled modules as it does for an installed package (pip compiles them
# at install; DuckDB's and polars' come compiled), also where PYTHONDONTWRITEBYTECODE is set:
# otherwise every gnbv run would compile its forty modules again (about 0.3 s).
CHILD_ENVIRONMENT = {
    name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
}


def measure(command: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB, and stdout of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=CHILD_ENVIRONMENT,
    )
    out_chunks = []
    assert process.stdout is not None
    while chunk := process.stdout.read(1 << 16):
        out_chunks.append(chunk)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in ok:
        raise SystemExit(f"{command[:3]} failed: {process.stderr.read().decode()[-500:]}")  # type: ignore[union-attr]
    return elapsed, usage.ru_maxrss / 1024, b"".join(out_chunks).decode()


def census(rows: int, folder: Path) -> Path:
    path = folder / f"census_{rows}.csv"
    if not path.exists():
        print(f"generating {path} ...", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "gnbv",
                "synth",
                "-o",
                str(path),
                "--scale",
                str(rows / HOUSEHOLDS_FULL_SCALE),
                "--seed",
                "1",
            ],
            check=True,
            cwd=ROOT,
        )
    return path


def _commands(path: Path) -> dict[str, list[str]]:
    """Each tool's command on one file (the others only if installed)."""
    commands = {
        "gnbv": [
            sys.executable,
            "-m",
            "gnbv",
            "check",
            str(path),
            "--plan",
            "plan_2024.yaml",
            "--format",
            "json",
            "--exit-zero",
        ]
    }
    for name, code in (("duckdb", DUCKDB), ("polars", POLARS)):
        try:
            __import__(name)
        except ImportError:
            print(f"{name} not installed: pip install {name}", file=sys.stderr)
            continue
        if name == "duckdb":
            commands[FULL_WORK] = [sys.executable, "-c", DUCKDB_FULL_RUNNER, duckdb_full_work(path)]
        script = code.format(
            deps=DEPRIVATIONS,
            path=path,
            urban_line=LINES["urban"][0],
            rural_line=LINES["rural"][0],
            urban_upper=LINES["urban"][1],
            rural_upper=LINES["rural"][1],
        )
        commands[name] = [sys.executable, "-c", script]
    return commands


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--folder", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each tool, taken in turn; the table gives the median time",
    )
    arguments = parser.parse_args()
    arguments.folder.mkdir(parents=True, exist_ok=True)
    results = []
    for rows in arguments.rows:
        path = census(rows, arguments.folder).resolve()
        line: dict[str, Any] = {"MB": path.stat().st_size / 1e6}
        commands = _commands(path)
        # Compile (and cache) gnbv's modules before the first timed run.
        warm_up = [sys.executable, "-c", "import gnbv.cli, gnbv.service"]
        subprocess.run(warm_up, check=True, env=CHILD_ENVIRONMENT, cwd=ROOT)
        runs: dict[str, list[tuple[float, float]]] = {tool: [] for tool in commands}
        poor: dict[str, dict[str, int]] = {}
        # In turn (gnbv, DuckDB, polars, gnbv, ...): a slow spell of a shared machine then
        # falls on every tool, not on one.
        for _ in range(arguments.repeat):
            for tool, command in commands.items():
                seconds, peak, out = measure(command, ok=(0, 1, 3) if tool == "gnbv" else (0,))
                runs[tool].append((seconds, peak))
                if tool == "gnbv":
                    report = json.loads(out)
                    line["rows"] = report["input"]["rows"]
                    communes = report["communes"]
                    poor[tool] = {f"{c['district']}/{c['name']}": c["poor"] for c in communes}
                else:
                    poor[tool] = json.loads(out)
        for tool in commands:
            if poor[tool] != poor["gnbv"]:
                print(f"warning: {tool}'s poor counts differ from gnbv's", file=sys.stderr)
            times = [seconds for seconds, _ in runs[tool]]
            line[tool] = (statistics.median(times), min(times), max(times))
            line[tool + " MB"] = max(peak for _, peak in runs[tool])
        results.append(line)
    print("| rows | file MB | tool | wall s (median) | range | peak MB | × DuckDB |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    for line in results:
        reference = line.get("duckdb", (None,))[0]
        for tool in ("gnbv", "duckdb", FULL_WORK, "polars"):
            if tool in line:
                median, low, high = line[tool]
                ratio = f"{median / reference:.2f}" if reference else "—"
                print(
                    f"| {line['rows']:,} | {line['MB']:,.0f} | {tool} | {median:.1f} | "
                    f"{low:.1f}–{high:.1f} | {line[tool + ' MB']:,.0f} | {ratio} |"
                )


if __name__ == "__main__":
    main()

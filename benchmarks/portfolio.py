#!/usr/bin/env python3
"""Time the portfolio path on generated ledgers, as ratios to the byte-reading floor measured in the same run.

    python benchmarks/portfolio.py [--ledgers 100] [--records 1000] [--period 2026-Q3] [--work DIR]

It generates LEDGERS ledgers of RECORDS records (benchmarks/generate.py, seeds 1..LEDGERS; kept under
--work for the next run), then times, in this one process: the floor (reading every byte of every ledger
file), `export --format parquet` of every ledger (validation included, cache cold), the portfolio report
over all of them (validation with a warm cache, export, SQL, render), and one DuckDB query over the
combined measurements of the exported files beside the floor of reading those Parquet files' bytes.
Nothing is asserted: compare the ratios on your machine. Needs `pip install 'impactctl[portfolio]'`.

With --check it then adds the shipped ledger and holds the portfolio to the sum of the single-ledger
reports (headline figures and indicator statuses of each ledger), as tests/test_portfolio.py does on a few.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import shutil
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 26)  # the generated ledgers are judged as of this day
QUERY = """SELECT o.domain, count(*) AS measurements, count(DISTINCT m.ledger_id) AS centres, avg(m.value) AS mean
FROM read_parquet('{folder}/*/measurements.parquet') m
JOIN read_parquet('{folder}/*/outcomes.parquet') o ON o.ledger_id = m.ledger_id AND o.id = m.outcome
WHERE m.date BETWEEN DATE '2026-01-01' AND DATE '2026-12-31'
GROUP BY o.domain ORDER BY o.domain"""


def floor(paths: list[Path]) -> tuple[float, int]:
    """Seconds to read every byte of the files, and how many bytes."""
    start, total = time.perf_counter(), 0
    for path in paths:
        with open(path, "rb") as handle:
            total += len(handle.read())
    return time.perf_counter() - start, total


def files(root: Path) -> list[Path]:
    """The files under `root`, leaving out hidden folders (a ledger's `.impactctl/` cache)."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(folder) / name for name in names]
    return found


def timed(action):
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ledgers", type=int, default=100)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--period", default="2026-Q3")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "impactctl-portfolio-bench")
    parser.add_argument("--check", action="store_true", help="also check the portfolio against each ledger's report")
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("impactctl_bench_generate", HERE / "generate.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    roots = [args.work / f"records-{args.records}" / f"centre-{n:03d}" for n in range(1, args.ledgers + 1)]
    for seed, root in enumerate(roots, 1):
        if not (root / "ledger.yaml").is_file():
            generator.generate(root, args.records, 0.0, seed)
    for root in roots:  # a cold validation cache: none in the ledgers, and a new signing key
        shutil.rmtree(root / ".impactctl", ignore_errors=True)
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="impactctl-bench-cache-")

    import duckdb

    from impactctl import api, portfolio
    from impactctl.exports import parquet
    from impactctl.report.privacy import Redactor

    ledger_files = [path for root in roots for path in files(root)]
    floor_seconds, floor_bytes = floor(ledger_files)
    out = Path(tempfile.mkdtemp(prefix="impactctl-bench-parquet-"))

    def export_all() -> None:
        for n, root in enumerate(roots):
            ledger, check = api.check(root, today=TODAY)
            assert ledger is not None and not check.errors, root
            parquet.write(ledger, Redactor(ledger), out / f"c{n:03d}", f"{parquet.ledger_id(ledger)}-{n:03d}")

    export_seconds, _ = timed(export_all)
    report_seconds, result = timed(lambda: portfolio.portfolio(roots, args.period, today=TODAY))
    assert not result.left_out and len(result.included) == len(roots)
    parquet_floor, parquet_bytes = floor(files(out))
    con = duckdb.connect()
    query_seconds, rows = timed(lambda: con.execute(QUERY.format(folder=out.as_posix())).fetchall())
    measurements = sum(row[1] for row in rows)
    print(f"{args.ledgers} ledgers × {args.records} records: {len(ledger_files):,} files, {floor_bytes / 1e6:.1f} MB "
          f"of YAML; Parquet export {parquet_bytes / 1e6:.1f} MB; period {args.period}\n")
    print("| step | seconds | × YAML floor |")
    print("|---|---:|---:|")
    for name, seconds in (("floor: read every ledger byte", floor_seconds),
                          ("export --format parquet, every ledger (cold cache)", export_seconds),
                          ("portfolio report (warm cache)", report_seconds)):
        print(f"| {name} | {seconds:.3f} | {seconds / floor_seconds:.1f} |")
    print(f"\n| DuckDB query | seconds | × Parquet floor ({parquet_floor:.3f} s) |\n|---|---:|---:|")
    print(f"| measurements of 2026 by domain over all centres ({measurements:,} rows counted) | {query_seconds:.3f} | "
          f"{query_seconds / parquet_floor:.1f} |")
    if args.check:
        shipped = Path(tempfile.mkdtemp(prefix="impactctl-bench-shipped-")) / "ledger"
        shutil.copytree(HERE.parent / "ledger", shipped)  # out of git: statuses from the ledger alone, as the portfolio
        print("\n" + check([*roots, shipped], args.period))


def check(roots: list[Path], period_text: str) -> str:
    """Compare every ledger's headline figures and indicator statuses in the portfolio with its own report."""
    from collections import Counter

    from impactctl import api, portfolio
    from impactctl.model.periods import parse_period
    from impactctl.report import attribution, viewmodel

    result = portfolio.portfolio(roots, period_text, today=TODAY)
    headline = {row["ledger_id"]: row for row in result.answers["headline"]}
    columns = ("activities_completed", "people_reached", "cost_minor", "new_evidence", "measurements",
               "outcomes_achieved")
    differ = []
    for lid, root in result.included:
        ledger, _ = api.check(root, today=TODAY)
        period = parse_period(period_text, TODAY, ledger.config.centre.reporting_year_start_month)
        model = viewmodel.build(ledger, period, "public")
        row = headline[lid]
        mine = [row[c] if c != "cost_minor" or row[c] is None else attribution.major_units(row[c]) for c in columns]
        theirs = [r["value"] for r in model["headline"]]
        statuses = Counter({r["status"]: r["indicators"] for r in result.answers["indicator_status"]
                            if r["ledger_id"] == lid})
        own = Counter(i["status"] for o in model["outcomes"] for i in o["indicators"])
        if mine != theirs or statuses != own:
            differ.append(f"{root}: portfolio {mine} {dict(statuses)}, report {theirs} {dict(own)}")
    if differ:
        return "check: DIFFER\n" + "\n".join(differ)
    return (f"check: the portfolio of {len(result.included)} ledgers agrees with each one's report, figure for "
            "figure (headline and indicator statuses)")


if __name__ == "__main__":
    main()

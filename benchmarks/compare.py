#!/usr/bin/env python3
"""Time two checkouts of impactctl side by side, alternating, on the same generated ledger; print medians and ratios.

    python benchmarks/compare.py --old /path/to/old/checkout --new . [--records 10000] [--rounds 5]

Each round runs, for old and new in turn (old first in even rounds, new first in odd ones, so neither
always runs on a warmer machine), the steps of benchmarks/run.py that time impactctl itself, on a fresh
copy of one ledger generated once by this checkout's generator, with a fresh XDG_CACHE_HOME:
validate (cold), validate (second run, from the cache), the Markdown and the HTML report, and a focused
edit (`record` of one measurement). Every command is `python -m impactctl` with this same interpreter
and PYTHONPATH set to the checkout, so only the code differs. The table gives each side's median, the
ratio new/old, and whether the two wrote the same output (after the working folder's name is replaced).
Nothing is asserted: read the ratios beside the spread of the runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIDES = ("old", "new")


def _load_runner():
    """benchmarks/run.py, whose ledger cache, spawner and command lines this reuses."""
    spec = importlib.util.spec_from_file_location("impactctl_bench_run", HERE / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


RUN = _load_runner()


def steps(sample: dict) -> list[tuple[str, list[str]]]:
    """The timed steps, in order, as impactctl arguments (the edits come last: they change the copy)."""
    report = ["report", "-L", "ledger", "--today", RUN.TODAY, "--period", "2026-Q3"]
    measured_on = min(dt.date.today(), dt.date(2026, 11, 20)).isoformat()  # as run.py: never a future day
    return [
        ("validate (cold)", ["validate", "ledger", "--today", RUN.TODAY]),
        ("validate (second run)", ["validate", "ledger", "--today", RUN.TODAY]),
        ("report", report),
        ("report (HTML)", report + ["--format", "html"]),
        ("export json", ["export", "-L", "ledger", "--today", RUN.TODAY, "--format", "json", "--output", "ledger.json"]),
        ("add-outcome", ["add-outcome", "-L", "ledger", "--no-input", "--id", "bench-added-outcome",
                         "--title", "Employers understand how insecure work affects mental health",
                         "--area", "work", "--domain", "conceptual", "--group", "employers", "--owner", "Dr A. Author",
                         "--statement", "By 31 December 2028, 40% of surveyed employers can name two ways insecure "
                                        "work affects mental health, up from 10%.",
                         "--due", "2028-12-31", "--indicator-name", "Employers aware", "--measure", "percent",
                         "--unit", "%", "--baseline", "10", "--baseline-date", "2026-11-01", "--target", "40"]),
        ("record (focused edit)", ["record", sample["outcome"], "-L", "ledger", "--value", "50", "--date", measured_on,
                                   "--indicator", sample["indicator"], "--evidence", sample["evidence"],
                                   "--note", "Benchmark measurement."]),
    ]


def side_env(checkout: Path) -> dict[str, str]:
    """The environment of one side: this environment, with the checkout first on PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("IMPACTCTL_LEDGER", "GITHUB_ACTIONS", "GITLAB_CI")}
    env["NO_COLOR"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(checkout), os.environ.get("PYTHONPATH")) if p)
    return env


def check_side(name: str, checkout: Path) -> str:
    """The side's `impactctl --version`, after checking that its code is the one imported."""
    probe = "import impactctl, sys; print(impactctl.__file__)"
    # Run from a neutral folder: `python -c` puts the working folder first on sys.path, so run from inside a
    # checkout it would import that checkout whatever PYTHONPATH says (the steps run in their own folder).
    neutral = tempfile.gettempdir()
    found = subprocess.run([sys.executable, "-c", probe], env=side_env(checkout), capture_output=True, text=True,
                           cwd=neutral)
    where = Path(found.stdout.strip() or ".").resolve()
    if found.returncode != 0 or checkout not in where.parents:
        raise SystemExit(f"--{name} {checkout}: Python imports impactctl from {where}, not from the checkout")
    version = subprocess.run([sys.executable, "-m", "impactctl", "--version"], env=side_env(checkout),
                             capture_output=True, text=True, cwd=neutral)
    if version.returncode != 0:  # it cannot even start: every step would time its failure
        last = (version.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise SystemExit(f"--{name} {checkout}: `impactctl --version` fails: {last}")
    return version.stdout.strip()


def one_round(ledger: Path, work: Path, side: str, checkout: Path, sample: dict, logs: Path) -> dict[str, "RUN.Run"]:
    """Every step once for one side, on a fresh copy with a fresh cache folder."""
    here = work / side
    shutil.rmtree(here, ignore_errors=True)
    here.mkdir(parents=True)
    shutil.copytree(ledger, here / "ledger")
    (here / "xdg").mkdir()
    if hasattr(os, "sync"):
        os.sync()  # the copy's write-back must not compete with the first step
    env = dict(side_env(checkout), XDG_CACHE_HOME=str(here / "xdg"))
    runs = {}
    for n, (name, args) in enumerate(steps(sample)):
        runs[name] = RUN.measure([sys.executable, "-m", "impactctl", *args], here, env, logs / f"{side}-{n}.log")
    return runs


def same_output(logs: Path, work: Path, count: int) -> list[bool]:
    """Whether old and new wrote the same output at each step (last round), working folders aside."""
    def text(side: str, n: int) -> str:
        return (logs / f"{side}-{n}.log").read_text(encoding="utf-8", errors="replace").replace(str(work / side), "WORK")
    return [text("old", n) == text("new", n) for n in range(count)]


def table(names: list[str], runs: dict[str, dict[str, list]], same: list[bool]) -> str:
    rows = ["| step | old median s | new median s | new/old | old runs (s) | new runs (s) | exit old/new | same output |",
            "|---|---:|---:|---:|---|---|---|---|"]
    for name, identical in zip(names, same):
        old, new = runs["old"][name], runs["new"][name]
        m_old, m_new = (statistics.median(r.seconds for r in side) for side in (old, new))
        codes = "/".join(",".join(sorted({str(r.code) for r in side})) for side in (old, new))
        rows.append(f"| {name} | {m_old:.3f} | {m_new:.3f} | {m_new / m_old:.2f} | "
                    f"{' '.join(f'{r.seconds:.2f}' for r in old)} | {' '.join(f'{r.seconds:.2f}' for r in new)} | "
                    f"{codes} | {'yes' if identical else 'NO'} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", type=Path, required=True, help="the checkout to compare against (e.g. a git worktree)")
    parser.add_argument("--new", type=Path, default=HERE.parent, help="the checkout under test (default: this one)")
    parser.add_argument("--records", type=int, default=10_000, help="size of the generated ledger (default 10000)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; each runs both sides once (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "impactctl-bench",
                        help="where the generated ledger is kept between runs (default /tmp/impactctl-bench)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    checkouts = {"old": args.old.resolve(), "new": args.new.resolve()}
    versions = {side: check_side(side, path) for side, path in checkouts.items()}
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    RUN.SPAWN = RUN.Spawner()  # first, while this process is small (see run.py)
    ledger, summary, provenance = RUN.ensure_ledger(RUN.load_generator(), args.cache_dir, args.records, args.seed)
    work = Path(tempfile.mkdtemp(prefix="compare-", dir=args.cache_dir))
    logs = work / "logs"
    logs.mkdir()
    names = [name for name, _ in steps(summary["sample"])]
    runs: dict[str, dict[str, list]] = {side: {name: [] for name in names} for side in SIDES}
    for n in range(args.rounds):
        for side in (SIDES if n % 2 == 0 else SIDES[::-1]):
            for name, run in one_round(ledger, work, side, checkouts[side], summary["sample"], logs).items():
                runs[side][name].append(run)
    RUN.SPAWN.close()
    print(f"# old {checkouts['old']} ({versions['old']}) against new {checkouts['new']} ({versions['new']})\n")
    print(f"{args.records:,} records, seed {args.seed}; ledger {provenance}; {args.rounds} rounds, alternating; "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs\n")
    print(table(names, runs, same_output(logs, work, len(names))))
    failed = [name for name in names for side in SIDES if any(run.code != 0 for run in runs[side][name])]
    if failed:  # a failing step's time says nothing: keep its logs to read
        print(f"\nsteps that failed (exit code not 0), logs kept in {logs}: {', '.join(sorted(set(failed)))}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

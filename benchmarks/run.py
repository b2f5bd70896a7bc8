#!/usr/bin/env python3
"""Time impactctl on generated ledgers of several sizes, as whole processes, against a floor.

    python benchmarks/run.py [--sizes 1000,10000] [--repeat 3] [--seed 1] [--impactctl "CMD"]

For each size it generates a ledger with benchmarks/generate.py (or reuses the one cached under
--cache-dir for that size, seed and generator version), then runs every step --repeat times as a
separate process, start-up included, and prints a Markdown table: the median wall-clock time, the
ratio to the floor measured in the same run, and the peak resident memory of the process (from
os.wait4, which gives each child's own rusage). Nothing is asserted: compare the ratios, and the
targets in benchmarks/README.md, on your own machine.

Each repetition works on a fresh copy of the ledger with a fresh XDG_CACHE_HOME, so the first
`validate` of a repetition is cold (no impactctl cache) and the next one is the "second run".
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TODAY = "2026-11-26"  # validate --today: the generated ledgers are judged as of this day

FLOOR = r"""
import os, sys
total = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith(".")]
    for name in files:
        with open(os.path.join(folder, name), "rb") as handle:
            total += len(handle.read())
print(total)
"""

# Targets from the issue "Speed at portfolio scale", shown beside the figures (never asserted).
TARGETS = {
    ("validate (cold)", 10_000): "≤ 1.5 s",
    ("validate (second run)", 10_000): "≤ 0.3 s",
    ("validate (cold)", 100_000): "≤ 12 s, < 1 GB",
    ("validate (second run)", 100_000): "≤ 2.5 s, < 1 GB",
    ("report", 10_000): "≤ 1 s",
    ("report (HTML)", 10_000): "≤ 1.5 × report",
    ("add-outcome", 10_000): "≤ 0.5 s",
    ("record", 10_000): "≤ 0.5 s",
}


def load_generator():
    spec = importlib.util.spec_from_file_location("impactctl_bench_generate", HERE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Run:
    seconds: float
    maxrss: int      # bytes
    code: int
    log: str


@dataclass
class Step:
    name: str
    runs: list[Run] = field(default_factory=list)
    note: str = ""
    skipped: str = ""    # why the step did not run ("not installed", ...)
    expect: int | None = 0

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak(self) -> int:
        return max(r.maxrss for r in self.runs)


# The process that starts every measured command. On Linux a child's ru_maxrss starts from its parent's
# peak RSS (exec keeps the old address space's high-water mark), so commands are not started by this
# runner, which may have built a large ledger in memory, but by this small helper, started first.
SPAWNER = r"""
import json, os, sys, time
for line in sys.stdin:
    job = json.loads(line)
    os.chdir(job["cwd"])
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
               (os.POSIX_SPAWN_DUP2, 1, 2)]
    start = time.perf_counter()
    pid = os.posix_spawn(job["cmd"][0], job["cmd"], job["env"], file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "maxrss": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status)}),
          flush=True)
"""


class Spawner:
    """Runs commands one at a time in the helper process; each run's wall time, own peak RSS and exit code."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", SPAWNER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def run(self, cmd: list[str], cwd: Path, env: dict[str, str], log: Path) -> Run:
        program = shutil.which(cmd[0], path=env.get("PATH")) or cmd[0]
        job = {"cmd": [os.path.abspath(program)] + cmd[1:], "cwd": str(cwd), "env": env, "log": str(log)}
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the spawner died running {shlex.join(cmd)}")
        done = json.loads(line)
        # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
        maxrss = done["maxrss"] if sys.platform == "darwin" else done["maxrss"] * 1024
        return Run(done["seconds"], maxrss, done["code"], str(log))

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


SPAWN: Spawner | None = None


def measure(cmd: list[str], cwd: Path, env: dict[str, str], log: Path) -> Run:
    """Run `cmd` to completion; its wall time (start-up included), own peak RSS and exit code (output in `log`)."""
    return SPAWN.run(cmd, cwd, env, log)


def measure_batches(batches: list[list[str]], cwd: Path, env: dict[str, str], log: Path) -> Run:
    """Several processes as one step (argument lists too long for one): summed time, largest RSS, worst exit."""
    runs = [measure(cmd, cwd, env, log.with_suffix(f".{i}.log")) for i, cmd in enumerate(batches)]
    with open(log, "w", encoding="utf-8") as out:
        for run in runs:
            out.write(Path(run.log).read_text(encoding="utf-8", errors="replace"))
    return Run(sum(r.seconds for r in runs), max(r.maxrss for r in runs), max(r.code for r in runs), str(log))


def chunks(prefix: list[str], args: list[str], limit: int = 512 * 1024) -> list[list[str]]:
    """`prefix + args` split so that no command line exceeds `limit` bytes."""
    batches, current, size = [], [], 0
    for arg in args:
        if current and size + len(arg) + 1 > limit:
            batches.append(prefix + current)
            current, size = [], 0
        current.append(arg)
        size += len(arg) + 1
    return batches + [prefix + current] if current else batches


def which(name: str) -> str | None:
    """A tool on PATH, or beside this Python (an unactivated virtual environment)."""
    return shutil.which(name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))


def ensure_ledger(generator, cache: Path, size: int, seed: int) -> tuple[Path, dict, str]:
    """The cached ledger of this size and seed (generated when absent), its summary, and how it was obtained."""
    sources = [HERE / "generate.py", *sorted((HERE / "generator").glob("*.py"))]  # the generator's code, all of it
    version = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:12]
    home = cache / f"ledger-n{size}-s{seed}-g{version}"
    summary_path = home / "summary.json"
    if summary_path.is_file():
        return home / "ledger", json.loads(summary_path.read_text(encoding="utf-8")), f"reused {home}"
    if home.exists():
        shutil.rmtree(home)   # an interrupted generation
    start = time.perf_counter()
    summary = generator.generate(home / "ledger", size, 0.0, seed)
    took = time.perf_counter() - start
    summary_path.write_text(json.dumps(summary, indent=1), encoding="utf-8")   # written last: complete
    return home / "ledger", summary, f"generated in {took:.1f} s into {home}"


def tree_size(root: Path) -> tuple[int, int]:
    files = size = 0
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(folder, name))
    return files, size


GIT_SIZE_LIMIT = 10_000
HISTORY_COMMITS, HISTORY_FILES = 30, 10


def make_history(ledger: Path, env: dict[str, str]) -> None:
    """Make the ledger copy a git repository: everything committed in June 2026, then HISTORY_COMMITS commits
    dated in July to September 2026, each putting a word before HISTORY_FILES activities' descriptions."""
    def git(*args: str, date: str = "2026-06-01T10:00:00") -> None:
        dated = dict(env, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME="Bench",
                     GIT_AUTHOR_EMAIL="bench@example.org", GIT_COMMITTER_NAME="Bench",
                     GIT_COMMITTER_EMAIL="bench@example.org")
        subprocess.run(["git", "-c", "gc.auto=0", *args], cwd=ledger, env=dated, check=True, capture_output=True)

    git("init", "-q", ".")
    git("add", "-A")
    git("commit", "-q", "-m", "The ledger")
    activities = sorted((ledger / "activities").glob("*.yaml"))
    for n in range(HISTORY_COMMITS):
        for path in activities[n * HISTORY_FILES:(n + 1) * HISTORY_FILES]:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("description: >-\n", "description: >-\n  Updated.\n", 1), encoding="utf-8")
        git("commit", "-q", "-a", "-m", f"Update {n}", date=f"2026-{7 + n // 10:02d}-{1 + (n % 10) * 2:02d}T10:00:00")


def snapshot(*roots: Path) -> set[str]:
    """Every path under the roots, to see whether a command left a cache behind."""
    seen = set()
    for root in roots:
        for folder, dirs, names in os.walk(root):
            for name in dirs + names:
                seen.add(os.path.join(folder, name))
    return seen


def bench_size(args, generator, size: int, impactctl: list[str], base_env: dict[str, str]) -> dict:
    ledger, summary, provenance = ensure_ledger(generator, args.cache_dir, size, args.seed)
    files, nbytes = tree_size(ledger)
    work_root = Path(tempfile.mkdtemp(prefix=f"work-n{size}-", dir=args.cache_dir))
    logs = work_root / "logs"
    logs.mkdir()

    env = dict(base_env)
    yamllint, cjs = which("yamllint"), which("check-jsonschema")
    report_help = subprocess.run(impactctl + ["report", "--help"], env=env, capture_output=True, text=True)
    has_report = report_help.returncode == 0
    schema = work_root / "outcomes.schema.json"
    made = subprocess.run(impactctl + ["schema", "outcomes"], env=env, capture_output=True, text=True)
    schema.write_text(made.stdout, encoding="utf-8")

    sample = summary["sample"]
    measured_on = min(dt.date.today(), dt.date(2026, 11, 20)).isoformat()
    steps = {name: Step(name) for name in (
        "python start-up", "floor: read every file", "impactctl start-up (--version)", "validate (cold)",
        "validate (second run)", "report", "report (HTML)", "yamllint -d relaxed", "check-jsonschema outcomes/", "add-outcome",
        "record", "report (git history)")}
    steps["python start-up"].note = "`python -c pass`, for scale"
    steps["floor: read every file"].note = "a Python process that reads every file's bytes"
    if not has_report:
        steps["report"].skipped = "not available yet"
    has_html = has_report and "--format" in report_help.stdout
    if not has_html:
        steps["report (HTML)"].skipped = "not available yet"
    if not yamllint:
        steps["yamllint -d relaxed"].skipped = "not installed"
    if not cjs:
        steps["check-jsonschema outcomes/"].skipped = "not installed"
    elif made.returncode != 0 or not made.stdout.strip():
        steps["check-jsonschema outcomes/"].skipped = "`impactctl schema outcomes` failed"
    cache_notes = []

    for rep in range(args.repeat):
        # A fresh copy and a fresh XDG cache: the first validate of each repetition is cold.
        work = work_root / f"rep{rep}"
        work.mkdir()
        copy = work / "ledger"
        shutil.copytree(ledger, copy)
        # Flush the copy to disk first: otherwise writing back its 100 MB (at 100k) competes with the next
        # steps for the CPU, and the first repetition times the copy as much as impactctl.
        if hasattr(os, "sync"):
            os.sync()
        xdg = work / "xdg-cache"
        xdg.mkdir()
        env = dict(base_env, XDG_CACHE_HOME=str(xdg))

        def run(name: str, cmd: list[str], cwd: Path = work) -> None:
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            steps[name].runs.append(measure(cmd, cwd, env, logs / f"{slug}-{rep}.log"))

        run("python start-up", [sys.executable, "-c", "pass"])
        run("floor: read every file", [sys.executable, "-c", FLOOR, str(copy)])
        run("impactctl start-up (--version)", impactctl + ["--version"])
        before = snapshot(copy, xdg)
        run("validate (cold)", impactctl + ["validate", "ledger", "--today", TODAY])
        left = sorted(os.path.relpath(p, work) for p in snapshot(copy, xdg) - before)
        cache_notes.append(left)
        run("validate (second run)", impactctl + ["validate", "ledger", "--today", TODAY])
        if has_report:
            options = report_help.stdout
            cmd = impactctl + ["report"] + (["-L", "ledger"] if "--ledger" in options else ["ledger"])
            cmd += ["--today", TODAY] if "--today" in options else []
            run("report", cmd + (["--period", "2026-Q3"] if "--period" in options else []))
        if has_html:
            run("report (HTML)", cmd + ["--period", "2026-Q3", "--format", "html"])
        # The general-purpose tools take minutes on big ledgers: above --tools-once-above, one run each.
        tools_now = rep == 0 or size <= args.tools_once_above
        if yamllint and tools_now:
            run("yamllint -d relaxed", [yamllint, "-d", "relaxed", "ledger"])
        if not steps["check-jsonschema outcomes/"].skipped and tools_now:
            names = sorted(f"outcomes/{n}" for n in os.listdir(copy / "outcomes") if n.endswith(".yaml"))
            batches = chunks([cjs, "--schemafile", str(schema)], names)
            steps["check-jsonschema outcomes/"].runs.append(
                measure_batches(batches, copy, env, logs / f"check-jsonschema-{rep}.log"))
            if len(batches) > 1:
                steps["check-jsonschema outcomes/"].note = f"{len(batches)} processes (command-line length), summed"
        run("add-outcome", impactctl + [
            "add-outcome", "-L", "ledger", "--no-input", "--id", "bench-added-outcome",
            "--title", "Employers understand how insecure work affects mental health",
            "--area", "work", "--domain", "conceptual", "--group", "employers", "--owner", "Dr A. Author",
            "--statement", "By 31 December 2028, 40% of surveyed employers can name two ways insecure work "
                           "affects mental health, up from 10%.",
            "--due", "2028-12-31", "--indicator-name", "Employers aware", "--measure", "percent", "--unit", "%",
            "--baseline", "10", "--baseline-date", "2026-11-01", "--target", "40"])
        run("record", impactctl + [
            "record", sample["outcome"], "-L", "ledger", "--value", "50", "--date", measured_on,
            "--indicator", sample["indicator"], "--evidence", sample["evidence"], "--note", "Benchmark measurement."])
        # The report again, in a git repository whose quarter has 30 commits (its "changes" section reads them).
        if has_report and size <= GIT_SIZE_LIMIT and which("git"):
            make_history(copy, env)
            subprocess.run(impactctl + ["validate", "ledger", "--today", TODAY], cwd=work, env=env,
                           capture_output=True)  # not timed: the edits above changed the ledger
            run("report (git history)", cmd + (["--period", "2026-Q3"] if "--period" in options else []))

    left = cache_notes[0] if cache_notes else []
    steps["validate (cold)"].note = "fresh copy, fresh XDG_CACHE_HOME; `--today " + TODAY + "`"
    steps["validate (second run)"].note = (
        "same copy again; the cold run wrote nothing, so this is NOT yet a warm-cache figure" if not left else
        "same copy again, after the cold run wrote " + ", ".join(left[:3]) + (" ..." if len(left) > 3 else ""))
    steps["report (git history)"].note = (
        f"the same report with the copy in git: one commit of the ledger, then {HISTORY_COMMITS} commits in "
        f"2026-Q3 changing {HISTORY_FILES} activities each")
    if size > GIT_SIZE_LIMIT:
        steps["report (git history)"].skipped = f"only up to {GIT_SIZE_LIMIT:,} records (committing takes minutes)"
    elif not which("git"):
        steps["report (git history)"].skipped = "git not installed"
    if has_html and steps["report"].runs and steps["report (HTML)"].runs:
        ratio = steps["report (HTML)"].median / steps["report"].median
        steps["report (HTML)"].note = f"`--format html` (inline SVG charts): {ratio:.2f} × the Markdown report"
    steps["add-outcome"].note = "all required flags, --no-input, on the copy"
    steps["record"].note = f"a measurement on `{sample['outcome']}`"
    if not args.keep:
        shutil.rmtree(work_root, ignore_errors=True)
    return {"size": size, "files": files, "bytes": nbytes, "summary": summary, "provenance": provenance,
            "steps": list(steps.values()), "work": str(work_root), "kept": args.keep}


def table(result: dict, floor_name: str = "floor: read every file") -> str:
    steps = result["steps"]
    floor = next(s for s in steps if s.name == floor_name).median
    rows = ["| step | median s | × floor | peak MB | runs (s) | exit | target | notes |",
            "|---|---:|---:|---:|---|---|---|---|"]
    for step in steps:
        target = TARGETS.get((step.name, result["size"]), "")
        if step.skipped:
            rows.append(f"| {step.name} | – | – | – | – | – | {target} | {step.skipped} |")
            continue
        codes = sorted({r.code for r in step.runs})
        exit_text = ", ".join(map(str, codes)) + ("" if codes == [step.expect] else " ⚠")
        runs = " ".join(f"{r.seconds:.2f}" for r in step.runs)
        rows.append(f"| {step.name} | {step.median:.3f} | {step.median / floor:.1f} | {step.peak / 2**20:.0f} | "
                    f"{runs} | {exit_text} | {target} | {step.note} |")
    return "\n".join(rows)


def failures(result: dict) -> list[str]:
    out = []
    for step in result["steps"]:
        for run in step.runs:
            if run.code != step.expect:
                text = Path(run.log).read_text(encoding="utf-8", errors="replace") if Path(run.log).exists() else ""
                tail = "\n".join(text.strip().splitlines()[-8:])
                out.append(f"- {step.name}: exit {run.code}\n\n```text\n{tail}\n```")
                break
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated record counts (default 1000,10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the median is shown (default 3)")
    parser.add_argument("--tools-once-above", type=int, default=10_000,
                        help="run yamllint and check-jsonschema only once on ledgers larger than this (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--impactctl", default=None,
                        help='the impactctl command, e.g. ".venv/bin/impactctl" (default: this Python -m impactctl, '
                             "from the source tree)")
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "impactctl-bench",
                        help="where generated ledgers are kept between runs (default /tmp/impactctl-bench)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the working copies and logs")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes numbers separated by commas, e.g. 1000,10000")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    args.cache_dir.mkdir(parents=True, exist_ok=True)

    base_env = {k: v for k, v in os.environ.items() if k not in ("IMPACTCTL_LEDGER", "GITHUB_ACTIONS", "GITLAB_CI")}
    base_env["NO_COLOR"] = "1"
    if args.impactctl:
        impactctl = shlex.split(args.impactctl)
    else:
        impactctl = [sys.executable, "-m", "impactctl"]
        base_env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)
    version = subprocess.run(impactctl + ["--version"], env=base_env, capture_output=True, text=True)
    if version.returncode != 0:
        print(f"cannot run {shlex.join(impactctl)} --version:\n{version.stdout}{version.stderr}", file=sys.stderr)
        return 2

    global SPAWN
    SPAWN = Spawner()   # first, while this process is small
    generator = load_generator()
    print("# impactctl benchmarks\n")
    print(f"- {version.stdout.strip()} via `{shlex.join(impactctl)}`")
    print(f"- Python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} CPUs; "
          f"{dt.datetime.now().isoformat(timespec='seconds')}")
    print(f"- median of {args.repeat} runs per step, each a whole process (start-up included); peak MB is that "
          "process's own maximum resident set size (os.wait4)")
    print("- ratios are to the floor measured in this same run; nothing is asserted\n")
    results = []
    for size in sizes:
        result = bench_size(args, generator, size, impactctl, base_env)
        results.append(result)
        counts = ", ".join(f"{n:,} {kind}" for kind, n in result["summary"]["counts"].items())
        print(f"## {size:,} records\n")
        print(f"{result['files']:,} files, {result['bytes'] / 2**20:.1f} MB ({counts}); ledger {result['provenance']}"
              + (f"; working copies kept in {result['work']}" if result["kept"] else "") + "\n")
        print(table(result) + "\n")
        bad = failures(result)
        if bad:
            print("Unexpected exit codes:\n")
            print("\n\n".join(bad) + "\n")
        sys.stdout.flush()
    SPAWN.close()
    if args.json:
        args.json.write_text(json.dumps([{
            "size": r["size"], "files": r["files"], "bytes": r["bytes"], "counts": r["summary"]["counts"],
            "steps": [{"name": s.name, "skipped": s.skipped, "median_s": s.median if s.runs else None,
                       "peak_bytes": s.peak if s.runs else None, "runs_s": [x.seconds for x in s.runs],
                       "exit_codes": [x.code for x in s.runs], "note": s.note} for s in r["steps"]],
        } for r in results], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

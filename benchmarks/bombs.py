#!/usr/bin/env python3
"""Time validation of one-file bombs with tens of thousands of problems, in this process, against floors.

    python benchmarks/bombs.py [--repeat 5] [--count 60000]

Each bomb is one record holding `--count` problems (a key repeated in one flow mapping; unknown keys);
impactctl lists the first 100 and a note. The floors, measured in the same process and the same run,
are reading the file's bytes and building libyaml's node tree for it (which any YAML reader must do);
the ratio says how much impactctl's own work adds, whatever the machine's load. Start-up (importing
impactctl) is paid once before timing and is not counted: `benchmarks/run.py` measures whole processes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from impactctl import api  # noqa: E402
from tests.helpers import write_ledger  # noqa: E402

TODAY = dt.date(2026, 11, 26)


def bombs(count: int) -> dict[str, str]:
    return {
        "duplicate keys": "id: a\nx: {" + ", ".join(["k: 1"] * count) + "}\n",
        "unknown keys": "id: a\n" + "".join(f"k{i}: {i}\n" for i in range(count)),
    }


def median_seconds(step, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per step; the median is shown (default 5)")
    parser.add_argument("--count", type=int, default=60_000, help="problems in each bomb (default 60,000)")
    args = parser.parse_args()
    print("| bomb | read bytes | libyaml compose | impactctl validate | × compose | problems listed |")
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        for name, text in bombs(args.count).items():
            root = write_ledger(Path(scratch) / name.replace(" ", "-"), {"outcomes/a.yaml": text})
            path = root / "outcomes/a.yaml"
            read = median_seconds(path.read_bytes, args.repeat)
            compose = median_seconds(lambda: yaml.compose(path.read_text(), Loader=yaml.CSafeLoader), args.repeat)
            result = api.validate(root, today=TODAY, use_cache=False)  # warm the imports once
            own = median_seconds(lambda: api.validate(root, today=TODAY, use_cache=False), args.repeat)
            print(f"| {name} | {read * 1000:.2f} ms | {compose:.3f} s | {own:.3f} s | {own / compose:.1f} | {len(result.problems)} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate a realistic impact ledger (format v1) of any size, for benchmarks and tests.

    python benchmarks/generate.py OUT_DIR --records N [--broken FRACTION] [--seed S] [--force]

The ledger is a pure function of (records, broken, seed): the same arguments give the same bytes.
It has the vocabularies of the shipped `ledger/ledger.yaml` and this mix of records:

    stakeholders ~15%   organisations, groups and people; an advisory group with members from every group
    outcomes     ~30%   SMART outcomes with 2-3 indicators and several measurements each
    activities   ~35%   every outcome is supported by two activities
    evidence     ~20%   measurements cite evidence; achieved outcomes cite evidence

At `--broken 0` the ledger validates with no errors and no warnings as of 2026-11-26
(`impactctl validate OUT_DIR --today 2026-11-26`). With `--broken F`, that fraction of the record files
(chosen by the seed) gets one realistic mistake each: a typo'd key, an unknown vocabulary value, a
dangling reference, an impossible date, a YAML syntax error, a duplicate key or a tab.

Only the standard library is used; the YAML is written as text, in block style with 2-space indentation,
like the shipped ledger. Import it to call `generate(out_dir, records, broken, seed)` from a test. The work is
done by the modules of benchmarks/generator/ (see its __init__); this file is their command line.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import shutil
import sys
from pathlib import Path

PACKAGE = "impactctl_bench_generator"  # benchmarks/ is no package: callers load this file by its path


def _load(module: str):
    """A module of benchmarks/generator/, loaded by path under a private name (once per process)."""
    if PACKAGE not in sys.modules:
        folder = Path(__file__).resolve().parent / "generator"
        spec = importlib.util.spec_from_file_location(PACKAGE, folder / "__init__.py",
                                                      submodule_search_locations=[str(folder)])
        package = importlib.util.module_from_spec(spec)
        sys.modules[PACKAGE] = package
        spec.loader.exec_module(package)
    return importlib.import_module(f"{PACKAGE}.{module}")


_data, _assemble = _load("data"), _load("assemble")
MARKER, MIN_RECORDS, KINDS, MISTAKES = _data.MARKER, _data.MIN_RECORDS, _data.KINDS, _data.MISTAKES
build, generate = _assemble.build, _assemble.generate
break_file = _load("mutate").break_file
Builder = _load("builder").Builder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="example: python benchmarks/generate.py /tmp/ledger-10k --records 10000")
    parser.add_argument("out_dir", help="folder to write the ledger into (absent or empty)")
    parser.add_argument("--records", type=int, required=True, help=f"number of records (at least {MIN_RECORDS})")
    parser.add_argument("--broken", type=float, default=0.0, help="fraction of record files given one mistake")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--force", action="store_true",
                        help="replace OUT_DIR if it holds a ledger this script generated")
    args = parser.parse_args(argv)
    out = Path(args.out_dir)
    if args.force and out.exists():
        config = out / "ledger.yaml"
        head = config.read_text(encoding="utf-8")[:len(MARKER)] if config.is_file() else ""
        if head != MARKER:
            parser.error(f"--force replaces only ledgers made by this script; {out} is not one")
        shutil.rmtree(out)
    try:
        summary = generate(out, args.records, args.broken, args.seed)
    except (ValueError, FileExistsError) as exc:
        parser.error(str(exc))
    counts = ", ".join(f"{n} {kind}" for kind, n in summary["counts"].items())
    print(f"wrote {out}: {args.records} records ({counts}), {summary['bytes']:,} bytes; "
          f"{len(summary['broken'])} files broken")
    for item in summary["broken"]:
        print(f"  {item['mistake']:<18} {item['path']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""benchmarks/compare.py: two checkouts timed side by side on one generated ledger, with a table of ratios."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_comparing_a_checkout_with_itself_gives_every_step_the_same_output(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("benchmark_compare", REPO / "benchmarks" / "compare.py")
    compare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare)

    assert compare.main(["--old", str(REPO), "--new", str(REPO), "--records", "40", "--rounds", "1",
                         "--cache-dir", str(tmp_path)]) == 0

    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ") and "median" not in line]
    assert [row.split(" | ")[0].lstrip("| ") for row in rows] == [
        "validate (cold)", "validate (second run)", "report", "report (HTML)", "export json", "add-outcome",
        "record (focused edit)"]
    assert all(row.endswith("| 0/0 | yes |") for row in rows)

"""Inputs the fuzzer (fuzz/fuzz_loader.py) once crashed the loader with: each must now give problems or a record."""

from pathlib import Path

import pytest

from impactctl.source.loader import check_file_bytes

REGRESSIONS = sorted((Path(__file__).resolve().parent.parent / "fuzz" / "regressions").iterdir())


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
@pytest.mark.parametrize("kind", ["outcomes", "activities", "stakeholders", "evidence"])
def test_fuzzer_finding_is_fixed(path, kind):
    record, problems = check_file_bytes(f"{kind}/x.yaml", kind, path.read_bytes())
    assert record is not None or problems

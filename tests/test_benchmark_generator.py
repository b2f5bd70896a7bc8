"""The benchmark ledger generator (benchmarks/generate.py): sound ledgers validate; broken ones fail where broken."""

from __future__ import annotations

import datetime
import importlib.util
import os
from pathlib import Path

from impactctl import api
from impactctl.problems import Severity

TODAY = datetime.date(2026, 11, 26)
GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"
COVERAGE_RULES = {"coverage-group-domain", "advisory-coverage"}


def load_generator():
    """benchmarks/ is not a package: load generate.py from its path."""
    spec = importlib.util.spec_from_file_location("benchmark_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def files_of(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_a_generated_ledger_validates_with_no_errors(tmp_path):
    root = tmp_path / "ledger"
    summary = load_generator().generate(root, 200, 0.0, 7)

    result = api.validate(root, today=TODAY)

    assert result.records == 200
    assert summary["broken"] == []
    assert [p for p in result.problems if p.severity is Severity.ERROR] == []
    assert {p.code for p in result.problems} <= COVERAGE_RULES


def test_broken_files_are_about_the_fraction_asked_and_generation_is_deterministic(tmp_path):
    generator = load_generator()
    first, second = tmp_path / "a", tmp_path / "b"
    summary = generator.generate(first, 200, 0.1, 7)
    generator.generate(second, 200, 0.1, 7)

    assert files_of(first) == files_of(second)

    result = api.validate(first, today=TODAY)
    with_errors = {os.path.relpath(p.path, first) for p in result.problems if p.severity is Severity.ERROR}
    broken = {item["path"] for item in summary["broken"]}
    assert 15 <= len(with_errors) <= 25          # about 10% of 200 record files
    assert with_errors == broken                 # every mistake is reported, and only where it was made
    assert len({item["mistake"] for item in summary["broken"]}) >= 4


def test_both_readers_agree_on_every_file_of_a_generated_ledger(tmp_path):
    """Validation reads with libyaml and our YAML 1.2 construction; editing reads with ruamel.yaml. On the
    benchmark's ledgers, sound and broken, they must read every file the same, and where ruamel cannot read
    a file at all, validation must report an error in it."""
    from ruamel.yaml import YAML

    from impactctl.source import fastyaml
    from tests.test_yaml_layer import plain

    root = tmp_path / "ledger"
    summary = load_generator().generate(root, 300, 0.2, 11)
    result = api.validate(root, today=TODAY)
    with_errors = {p.path.split("/ledger/", 1)[1] for p in result.problems if p.severity is Severity.ERROR}
    refused = 0
    for path in sorted(root.rglob("*.yaml")):
        rel, text = str(path.relative_to(root)), path.read_text(encoding="utf-8")
        data, _, problems = fastyaml.load(rel, text)
        try:
            expected = plain(YAML().load(text))
        except Exception:  # ruamel refuses it (syntax, duplicate key, tab, impossible date)
            refused += 1
            assert rel in with_errors, f"ruamel cannot read {rel}, yet validation found no error in it"
            continue
        if not problems:
            assert data == expected, rel
    assert refused and len(summary["broken"]) >= refused

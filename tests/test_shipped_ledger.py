"""The Centre's own ledger, shipped in ledger/, validates clean: no errors and no warnings."""

from pathlib import Path

from impactctl import api

LEDGER = Path(__file__).resolve().parent.parent / "ledger"


def test_shipped_ledger_validates_clean():
    result = api.validate(LEDGER)
    assert [f"{p.location} {p.code} {p.message}" for p in result.problems] == []
    assert result.records > 50


def test_shipped_ledger_raises_coverage_rules_to_errors():
    from impactctl.source.loader import load_config

    config, _ = load_config(LEDGER)
    assert config.setting("coverage-group-domain").severity == "error"
    assert config.setting("advisory-coverage").severity == "error"

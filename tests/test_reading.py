"""The one reader says how it answered, so a ledger of None is never ambiguous; api refuses a ledger with errors once."""

from __future__ import annotations

import shutil
from pathlib import Path

from impactctl import api
from impactctl.source.reading import Answer, read_ledger
from tests.helpers import OUTCOME, TODAY, write_ledger

SHIPPED = Path(__file__).resolve().parent.parent / "ledger"


def no_rules(ledger):
    return []


def test_checked_then_from_the_cache_with_or_without_the_ledger(tmp_path):
    root = tmp_path / "ledger"
    shutil.copytree(SHIPPED, root, ignore=shutil.ignore_patterns(".impactctl"))
    first = read_ledger(root, no_rules, today=TODAY)
    assert first.answer is Answer.CHECKED and first.ledger is not None and first.records == len(first.ledger.entries)
    again = read_ledger(root, no_rules, today=TODAY)
    assert again.answer is Answer.FROM_CACHE and again.ledger is None
    assert (again.problems, again.records, again.files) == (first.problems, first.records, first.files)
    loaded = read_ledger(root, no_rules, today=TODAY, need_ledger=True)
    assert loaded.answer is Answer.FROM_CACHE and len(loaded.ledger.entries) == first.records


def test_an_unusable_ledger_yaml_says_so(tmp_path):
    root = write_ledger(tmp_path / "ledger", {"outcomes/a.yaml": OUTCOME}, config="format: [\n")
    reading = read_ledger(root, no_rules, today=TODAY, use_cache=False)
    assert reading.answer is Answer.CONFIG_UNUSABLE and reading.ledger is None
    assert any(p.path == "ledger.yaml" and p.code == "yaml-syntax" for p in reading.problems)
    assert isinstance(api.valid_ledger(root, TODAY), api.Refused)


def test_a_focused_reading_counts_its_files_and_keeps_their_problems_only(tmp_path):
    root = tmp_path / "ledger"
    shutil.copytree(SHIPPED, root, ignore=shutil.ignore_patterns(".impactctl"))
    target = "outcomes/parents-adversity-awareness.yaml"
    broken = (root / target).read_text().replace("status: active", "status: ongoing")
    reading = read_ledger(root, no_rules, today=TODAY, focus={target}, overrides={target: broken})
    assert reading.answer is Answer.CHECKED and reading.files == 1
    assert {p.path for p in reading.problems} == {target}
    refusal = api.errors_in(root, {target: broken}, TODAY)
    assert [p.code for p in refusal.check.problems] == ["schema-choice"] and refusal.files == (target,)
    assert api.errors_in(root, {target: (root / target).read_text()}, TODAY) is None
    valid = api.valid_ledger(root, TODAY)
    assert isinstance(valid, api.Valid) and valid.check.errors == 0

"""`list` and `show` at 60, 80 and 120 columns: no value is cut. `list` keeps each record's id, status and due
whole on its line and every word of its title; `show` prints every date whole."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl.cli import app
from tests.helpers import CONFIG, OUTCOME, TODAY, write_ledger

runner = CliRunner()
SHIPPED = Path(__file__).resolve().parent.parent / "ledger"
WIDTHS = [60, 80, 120]


def run(monkeypatch, width: int, ledger: Path, *args: str):
    monkeypatch.setenv("COLUMNS", str(width))
    result = runner.invoke(app, [*args, "-L", str(ledger), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    if "json" not in args:
        assert "…" not in result.stdout and max(len(line.rstrip()) for line in result.stdout.splitlines()) <= width
    return result.stdout


def words_in_order(words: list[str], text: str) -> bool:
    found = iter(text.split())
    return all(word in found for word in words)


def blocks(text: str, ids: list[str]) -> dict[str, str]:
    """Each record's part of the output: from the line starting with its id to the next record's line."""
    lines = text.splitlines()
    starts = [next(n for n, line in enumerate(lines) if line.split()[:1] == [record_id]) for record_id in ids]
    ends = [*starts[1:], len(lines)]
    return {record_id: "\n".join(lines[a:b]) for record_id, a, b in zip(ids, starts, ends)}


@pytest.mark.parametrize("width", WIDTHS)
def test_list_outcomes_keeps_id_status_due_and_every_title_word(monkeypatch, width):
    records = json.loads(run(monkeypatch, 120, SHIPPED, "list", "outcomes", "--format", "json"))
    out = run(monkeypatch, width, SHIPPED, "list", "outcomes")
    by_id = blocks(out, [r["id"] for r in records])
    for record in records:
        first = by_id[record["id"]].splitlines()[0].split()
        assert record["status"] in first and record["due"] in first, (width, first)
        assert words_in_order(record["title"].split(), by_id[record["id"]]), (width, record["title"])
    assert "domain" in out if width == 120 else True  # wide enough: the optional column is shown too


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ["activities", "stakeholders", "evidence"])
def test_list_of_every_kind_cuts_no_value(monkeypatch, width, kind):
    records = json.loads(run(monkeypatch, 120, SHIPPED, "list", kind, "--format", "json"))
    out = run(monkeypatch, width, SHIPPED, "list", kind)
    by_id = blocks(out, [r["id"] for r in records])
    for record in records:
        assert words_in_order((record.get("title") or record["name"]).split(), by_id[record["id"]])


@pytest.mark.parametrize("width", WIDTHS)
def test_a_long_id_and_a_long_word_in_the_title_are_kept_whole(tmp_path, monkeypatch, width):
    long_id = "employers-understand-workplace-mental-health-2026"  # 49 characters: a line of 60 holds it
    title = "See https://example.org/a/very/long/address/about/workplace/mental/health for the plan"
    outcome = OUTCOME.format(id=long_id).replace("Employers understand workplace mental health", title)
    root = write_ledger(tmp_path / "ledger", {f"outcomes/{long_id}.yaml": outcome}, CONFIG)
    out = run(monkeypatch, width, root, "list", "outcomes")
    block = blocks(out, [long_id])[long_id]
    assert block.splitlines()[0].split()[:1] == [long_id]
    assert "active" in block.split() and "2028-12-31" in block.split()
    others = {long_id, "conceptual", "active", "2028-12-31", "1", "outcome", "title:", "status:", "due:"}
    rest = [token for token in block.split() if token not in others]
    assert "".join(rest) == "".join(title.split())  # the long word is folded across lines, not cut


@pytest.mark.parametrize("width", WIDTHS)
def test_show_prints_every_date_and_value_whole(monkeypatch, width):
    shown = json.loads(run(monkeypatch, 120, SHIPPED, "show", "parents-adversity-awareness", "--format", "json"))
    out = run(monkeypatch, width, SHIPPED, "show", "parents-adversity-awareness")
    record = shown["record"]
    dates = {record["due"], *([record["status_date"]] if record.get("status_date") else [])}
    for indicator in record["indicators"]:
        dates |= {indicator["baseline"]["date"], indicator["target"]["date"],
                  max(m["date"] for m in indicator["measurements"])}
    printed = set(re.findall(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])", out))
    assert dates <= printed, (width, dates - printed)
    for link in shown["links"]:
        assert link["id"] in out.split() and link["field"] in out.split()
        assert words_in_order(link["title"].split(), out)
    assert words_in_order(record["statement"].split(), out)

"""Build throwaway ledgers from inline YAML and read back what validate found, as (path, line, col, code)."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from impactctl import api
from impactctl.problems import CheckResult, Severity

TODAY = dt.date(2026, 11, 26)

# A small, complete ledger.yaml: one area, two groups, two domains; coverage rules stay warnings.
CONFIG = """\
format: 1
centre:
  name: Test Centre
  start: 2024-01-01
  end: 2029-12-31
  reporting_year_start_month: 1
vocabularies:
  areas:
    work: Work
    communities: Communities
  groups:
    employers: Employers
    publics: Publics
  domains:
    conceptual: Conceptual
    instrumental: Instrumental
  activity_types:
    study: Study
    advisory-meeting: Advisory meeting
  evidence_types:
    survey: Survey
    letter: Letter
"""

OUTCOME = """\
id: {id}
title: Employers understand workplace mental health
area: work
domain: conceptual
groups: [employers]
owner: Dr A. Researcher
statement: Employers in the region report better understanding.
due: 2028-12-31
status: active
indicators:
  - id: aware
    name: Employers aware of the guidance
    measure: percent
    unit: "% of surveyed employers"
    direction: increase
    baseline: {{value: 10, date: 2025-01-01}}
    target: {{value: 50, date: 2028-12-31}}
"""


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def write_ledger(root: Path, files: dict[str, str], config: str = CONFIG) -> Path:
    """A ledger at `root` holding ledger.yaml and the given files (paths relative to the ledger)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "ledger.yaml").write_text(config, encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(dedent(content), encoding="utf-8")
    return root


def run(root: Path, today: dt.date = TODAY) -> CheckResult:
    result = api.validate(root, today=today)
    assert_focus_agrees(root, result, today)
    return result


def assert_focus_agrees(root: Path, result: CheckResult, today: dt.date = TODAY) -> None:
    """An edit is judged by a check focused on its file (rules read only the records they need): for every
    file, that check must find exactly what the whole-ledger check finds in it."""
    from impactctl.source.tree import list_record_files

    rels = ["ledger.yaml", *(rel for rel, _ in list_record_files(root)[0])]
    for rel in rels:
        _, focused = api.check(root, today=today, focus={rel})
        wanted = f"{result.ledger}/{rel}"
        expected = [p for p in result.problems if p.path == wanted]
        assert focused.problems == expected, f"the check focused on {rel} disagrees with the whole-ledger check"


def found(root: Path, files: dict[str, str], config: str = CONFIG, code: str | None = None,
          severity: Severity | None = None, today: dt.date = TODAY) -> list[tuple[str, int, int, str]]:
    """(path relative to the ledger, line, column, code) of each problem, optionally of one code or severity."""
    write_ledger(root, files, config)
    result = run(root, today)
    prefix = result.ledger + "/"  # the ledger as messages name it: with `/` on every system
    return [
        (p.path.removeprefix(prefix), p.line, p.column, p.code)
        for p in result.problems
        if (code is None or p.code == code) and (severity is None or p.severity is severity)
    ]


def errors(root: Path, files: dict[str, str], config: str = CONFIG, today: dt.date = TODAY) -> list[tuple[str, int, int, str]]:
    """Only the errors: what makes the ledger fail (coverage warnings of a tiny ledger left out)."""
    return found(root, files, config, severity=Severity.ERROR, today=today)

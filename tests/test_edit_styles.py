"""Edits on hand-written files keep the author's style: golden files per style and edit, and `git diff` after
`record` on a four-space file shows only added lines."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl import authoring
from impactctl.cli import app
from tests.helpers import TODAY, write_ledger

GOLDEN = Path(__file__).resolve().parent / "golden" / "edits"
STYLES = ["four-space", "crlf-bom", "no-final-newline"]
EVIDENCE = "id: ev-survey\ntitle: Employer survey\ntype: survey\ndate: 2026-06-01\nurl: https://example.org/survey\n"

EDITS = {
    "record": lambda root: authoring.record_measurement(root, "a", 25, dt.date(2026, 6, 1), evidence=["ev-survey"],
                                                        note="Summer survey.", today=TODAY),
    "set-status": lambda root: authoring.set_status(root, "a", "achieved", evidence=["ev-survey"], today=TODAY),
    "set-target": lambda root: authoring.set_field(root, "a", "indicators.0.target.value", "60", today=TODAY),
    "set-groups": lambda root: authoring.set_field(root, "a", "groups", "employers,publics", today=TODAY),
    "set-new-field": lambda root: authoring.set_field(root, "a", "rationale", "Employers asked for it.", today=TODAY),
}


def _ledger(tmp_path: Path, style: str) -> Path:
    return write_ledger(tmp_path / "ledger", {"outcomes/a.yaml": (GOLDEN / f"{style}.yaml").read_bytes(),
                                              "evidence/ev-survey.yaml": EVIDENCE})


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize("style", STYLES)
def test_an_edit_matches_its_golden_file(tmp_path, style, edit, update_golden):
    root = _ledger(tmp_path, style)
    result = EDITS[edit](root)
    assert result.written and not result.problems, result.problems
    after = (root / "outcomes/a.yaml").read_bytes()
    golden = GOLDEN / "after" / f"{style}.{edit}.yaml"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(after)
    assert after == golden.read_bytes()


def test_git_diff_after_record_on_a_four_space_file_shows_only_added_lines(tmp_path):
    root = _ledger(tmp_path, "four-space")

    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=root,
                              check=True, capture_output=True, text=True, timeout=600).stdout

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "hand-written")
    result = CliRunner().invoke(app, ["record", "a", "--value", "25", "--date", "2026-06-01", "--evidence", "ev-survey",
                                      "--note", "Summer survey.", "-L", str(root)])
    assert result.exit_code == 0, result.output
    diff = git("diff", "--unified=0", "--", "outcomes/a.yaml").splitlines()
    changed = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["+            -   date: 2026-06-01", "+                value: 25", "+                evidence:",
                       "+                    -   ev-survey", "+                note: Summer survey."]


def test_an_edit_that_cannot_be_spliced_exactly_is_refused_and_nothing_is_written(tmp_path):
    from tests.helpers import OUTCOME

    # `tags` shares the list `groups` holds: rewriting `groups` in place would change `tags` too.
    text = OUTCOME.format(id="a").replace("groups: [employers]", "groups: &g [employers]") + "tags: *g\n"
    root = write_ledger(tmp_path / "ledger", {"outcomes/a.yaml": text.encode()})
    result = CliRunner().invoke(app, ["set", "a", "groups", "employers,publics", "-L", str(root)])
    assert result.exit_code == 2
    assert "outcomes/a.yaml: this edit cannot be made without rewriting other parts of the file" in result.output
    assert (root / "outcomes/a.yaml").read_text() == text

"""`impactctl changes` and the git adapter, each test on a throwaway git repository with fixed dates."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl import history
from impactctl.cli import app
from impactctl.source import git
from tests.helpers import CONFIG, dedent

OUTCOME = """\
id: employers-aware
title: Employers understand workplace mental health
area: work
domain: conceptual
groups: [employers]
stakeholders: [cipd]
owner: Dr A. Researcher
statement: Employers in the region report better understanding.
due: 2028-12-31
status: {status}
indicators:
  - id: aware
    name: Employers aware of the guidance
    measure: percent
    unit: "%"
    direction: increase
    baseline: {{value: 10, date: 2025-01-01}}
    target: {{value: {target}, date: 2028-12-31}}
    measurements:
{measurements}"""

MEASUREMENT = "      - {{date: {date}, value: {value}}}\n"


def outcome(status: str = "active", target: int = 50, measurements: tuple = (("2026-03-31", 20),)) -> str:
    rows = "".join(MEASUREMENT.format(date=d, value=v) for d, v in measurements) or "      []\n"
    return OUTCOME.format(status=status, target=target, measurements=rows)


STAKEHOLDER = """\
id: {id}
name: {name}
type: organisation
group: employers
"""

ACTIVITY = """\
id: roundtable
title: Employer roundtable
type: study
area: work
start: 2026-07-01
lead: Dr A. Researcher
outcomes: [employers-aware]
"""


class Repo:
    """A git repository with the ledger in `ledger/`; each commit has the author and date given."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ledger = path / "ledger"
        self.ledger.mkdir(parents=True)
        self.git("init", "-q")

    def git(self, *args: str, date: str = "2026-01-01", cwd: Path | None = None) -> str:
        stamp = f"{date}T12:00:00+00:00"
        env = {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        done = subprocess.run(["git", *args], cwd=cwd or self.path, capture_output=True, text=True, check=True,
                              env={**_clean_env(), **env})
        return done.stdout.strip()

    def write(self, rel: str, text: str) -> None:
        path = self.ledger / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")

    def remove(self, rel: str) -> None:
        (self.ledger / rel).unlink()

    def commit(self, author: str, date: str, message: str = "change") -> str:
        self.git("add", "-A")
        self.git("-c", f"user.name={author}", "-c", "user.email=someone@example.org", "commit", "-q",
                 "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD")


def _clean_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch, tmp_path):
    """No user or system git configuration (signing, hooks, default branch) reaches the tests."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


@pytest.fixture
def repo(tmp_path) -> Repo:
    """Q2: Ann starts the ledger; Q3: Bo achieves the outcome, adds an activity, drops a stakeholder,
    Ann records a measurement; Q4: Cy adds a stakeholder."""
    repo = Repo(tmp_path / "repo")
    repo.write("ledger.yaml", CONFIG)
    repo.write("outcomes/employers-aware.yaml", outcome())
    repo.write("stakeholders/cipd.yaml", STAKEHOLDER.format(id="cipd", name="CIPD"))
    repo.write("stakeholders/acas.yaml", STAKEHOLDER.format(id="acas", name="Acas"))
    repo.write("notes.txt", "not a record\n")
    repo.start = repo.commit("Ann", "2026-05-10", "start the ledger")
    repo.write("outcomes/employers-aware.yaml", outcome(status="achieved"))
    repo.write("activities/roundtable.yaml", ACTIVITY)
    repo.remove("stakeholders/acas.yaml")
    repo.write("notes.txt", "still not a record\n")
    repo.commit("Bo", "2026-07-10")
    repo.write("outcomes/employers-aware.yaml", outcome(status="achieved", measurements=(("2026-03-31", 20),
                                                                                            ("2026-08-31", 35))))
    repo.q3 = repo.commit("Ann", "2026-08-31")
    repo.write("stakeholders/mind.yaml", STAKEHOLDER.format(id="mind", name="Mind"))
    repo.commit("Cy", "2026-11-02")
    return repo


def by_path(found: history.History) -> dict[str, history.RecordChange]:
    return {c.path: c for c in found.changes}


def test_added_changed_and_removed_records_with_their_authors(repo):
    found = history.changes_between(repo.ledger, repo.start, repo.q3)

    assert found.available and not found.shallow and found.note == ""
    changes = by_path(found)
    assert sorted(changes) == ["activities/roundtable.yaml", "outcomes/employers-aware.yaml", "stakeholders/acas.yaml"]
    achieved = changes["outcomes/employers-aware.yaml"]
    assert (achieved.action, achieved.kind, achieved.id) == ("changed", "outcomes", "employers-aware")
    assert achieved.authors == ["Bo", "Ann"]
    assert (achieved.first, achieved.last) == (dt.date(2026, 7, 10), dt.date(2026, 8, 31))
    assert (changes["activities/roundtable.yaml"].action, changes["activities/roundtable.yaml"].authors) == ("added", ["Bo"])
    assert (changes["stakeholders/acas.yaml"].action, changes["stakeholders/acas.yaml"].id) == ("removed", "acas")


def test_field_level_details_of_a_changed_record(repo):
    achieved = by_path(history.changes_between(repo.ledger, repo.start, repo.q3))["outcomes/employers-aware.yaml"]

    assert achieved.details == ["status active → achieved", "indicator aware: +1 measurement"]


def test_details_read_like_the_change():
    before = {"title": "Old", "status": "active", "stakeholders": ["cipd"], "outcomes": ["x", "y"],
              "reach": {"count": 40},
              "indicators": [{"id": "ind-x", "target": {"value": 40, "date": "2028-12-31"},
                              "measurements": [{"date": "2026-03-31", "value": 20}]},
                             {"id": "ind-gone"}]}
    after = {"title": "New", "status": "active", "stakeholders": ["cipd", "mind"], "outcomes": ["y"],
             "reach": {"count": 45}, "due": "2029-03-31",
             "indicators": [{"id": "ind-x", "target": {"value": 50, "date": "2028-12-31"},
                             "measurements": [{"date": "2026-03-31", "value": 22}, {"date": "2026-09-30", "value": 30},
                                              {"date": "2026-10-31", "value": 31}]}]}

    assert history.describe(before, after) == [
        "title changed",
        "+ stakeholders: mind",
        "- outcomes: x",
        "reach.count 40 → 45",
        "+ due: 2029-03-31",
        "indicator ind-x: target 40 → 50",
        "indicator ind-x: measurement 2026-03-31: value 20 → 22",
        "indicator ind-x: +2 measurements",
        "- indicator ind-gone",
    ]


def test_a_file_that_stops_being_yaml_is_reported_without_details(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("ledger.yaml", CONFIG)
    repo.write("outcomes/employers-aware.yaml", outcome())
    first = repo.commit("Ann", "2026-07-01")
    repo.write("outcomes/employers-aware.yaml", "id: [unclosed\n")
    second = repo.commit("Bo", "2026-07-02")

    change = history.changes_between(repo.ledger, first, second).changes[0]
    assert (change.action, change.details) == ("changed", ["not readable as YAML after the change"])


def test_a_period_counts_only_the_commits_authored_in_it(repo):
    found = history.changes_in_period(repo.ledger, dt.date(2026, 7, 1), dt.date(2026, 9, 30))

    changes = by_path(found)
    assert sorted(changes) == ["activities/roundtable.yaml", "outcomes/employers-aware.yaml", "stakeholders/acas.yaml"]
    assert changes["outcomes/employers-aware.yaml"].authors == ["Bo", "Ann"]
    assert found.base == repo.start and found.tip == repo.q3


def test_a_period_from_before_the_first_commit_sees_everything_added(repo):
    found = history.changes_in_period(repo.ledger, dt.date(2026, 4, 1), dt.date(2026, 6, 30))

    assert {c.action for c in found.changes} == {"added"}
    assert [c.path for c in found.changes][0] == "ledger.yaml"
    assert found.changes[0].kind == "ledger"
    assert "notes.txt" not in [c.path for c in found.changes]


def test_a_period_seen_from_a_past_revision(repo):
    found = history.changes_in_period(repo.ledger, dt.date(2026, 7, 1), dt.date(2026, 12, 31), head=repo.q3)

    assert "stakeholders/mind.yaml" not in by_path(found) and found.tip == repo.q3


def test_a_period_without_commits_is_empty(repo):
    assert history.changes_in_period(repo.ledger, dt.date(2025, 1, 1), dt.date(2025, 3, 31)).changes == []
    assert history.changes_in_period(repo.ledger, dt.date(2027, 1, 1), dt.date(2027, 3, 31)).changes == []


def test_a_bad_revision_is_named(repo):
    with pytest.raises(git.BadRevision, match="'no-such-tag'"):
        history.changes_between(repo.ledger, "no-such-tag", "HEAD")
    with pytest.raises(git.BadRevision, match="'--output=x'"):
        git.log(repo.ledger, rev_range="--output=x")


def test_a_shallow_clone_says_so_and_still_works(repo, tmp_path):
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone))

    found = history.changes_in_period(clone / "ledger", dt.date(2026, 10, 1), dt.date(2026, 12, 31))

    assert found.available and found.shallow
    assert "shallow clone" in found.note and "first seen" in found.note
    assert "stakeholders/mind.yaml" in by_path(found)
    with pytest.raises(git.BadRevision, match="shallow clone"):
        history.changes_between(clone / "ledger", "HEAD~2", "HEAD")


def test_outside_a_git_repository_history_is_unavailable(tmp_path):
    ledger = tmp_path / "plain" / "ledger"
    ledger.mkdir(parents=True)
    (ledger / "ledger.yaml").write_text(CONFIG, encoding="utf-8")

    found = history.changes_in_period(ledger, dt.date(2026, 7, 1), dt.date(2026, 9, 30))

    assert (found.available, found.changes) == (False, [])
    assert "not a git repository" in found.note
    assert git.repo_info(ledger) is None


def test_repo_info_knows_where_the_ledger_sits(repo):
    info = git.repo_info(repo.ledger)
    assert (info.toplevel.resolve(), info.prefix, info.shallow) == (repo.path.resolve(), "ledger/", False)


def test_export_at_a_revision_gives_the_old_content(repo, tmp_path):
    exported = git.export(repo.ledger, repo.start, tmp_path / "old")

    assert exported == tmp_path / "old" / "ledger"
    assert "status: active" in (exported / "outcomes" / "employers-aware.yaml").read_text(encoding="utf-8")
    assert (exported / "stakeholders" / "acas.yaml").is_file()
    assert not (exported / "activities").exists()
    texts = {path: (before, after) for path, before, after in git.diff_texts(repo.ledger, repo.start, "HEAD")}
    assert texts["activities/roundtable.yaml"][0] is None
    assert "status: active" in texts["outcomes/employers-aware.yaml"][0]
    assert "status: achieved" in texts["outcomes/employers-aware.yaml"][1]


def test_log_lists_ledger_files_oldest_first_by_author_date(repo):
    commits = git.log(repo.ledger, since=dt.date(2026, 7, 1), until=dt.date(2026, 9, 30))

    assert [(c.author, c.date) for c in commits] == [("Bo", dt.date(2026, 7, 10)), ("Ann", dt.date(2026, 8, 31))]
    assert sorted((f.status, f.path) for f in commits[0].files) == [
        ("A", "activities/roundtable.yaml"), ("D", "stakeholders/acas.yaml"), ("M", "notes.txt"),
        ("M", "outcomes/employers-aware.yaml")]


runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, ["changes", *args])


def test_cli_lists_changes_in_a_range(repo):
    result = invoke(f"{repo.start}..{repo.q3}", "-L", str(repo.ledger))

    assert result.exit_code == 0, result.output
    assert ("outcomes/employers-aware.yaml (changed by Bo, Ann): status active → achieved; "
            "indicator aware: +1 measurement") in result.stdout.splitlines()
    assert "activities/roundtable.yaml (added by Bo)" in result.stdout.splitlines()


def test_cli_default_is_the_last_complete_quarter_of_the_reporting_year(repo):
    repo.write("ledger.yaml", CONFIG.replace("reporting_year_start_month: 1", "reporting_year_start_month: 4"))
    repo.commit("Dee", "2026-12-01")

    result = invoke("-L", str(repo.ledger), "--today", "2026-10-05", "--format", "json")

    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["range"] == "2026-Q2 (2026-07-01..2026-09-30)"
    assert {c["path"] for c in document["changes"]} == {
        "activities/roundtable.yaml", "outcomes/employers-aware.yaml", "stakeholders/acas.yaml"}
    achieved = next(c for c in document["changes"] if c["id"] == "employers-aware")
    assert (achieved["first"], achieved["last"], achieved["authors"]) == ("2026-07-10", "2026-08-31", ["Bo", "Ann"])


def test_cli_bad_revision_exits_2_naming_it(repo):
    result = invoke("v9.9..HEAD", "-L", str(repo.ledger))

    assert result.exit_code == 2
    assert "unknown revision 'v9.9'" in result.stderr
    assert "Traceback" not in result.output


def test_cli_bad_period_exits_2(repo):
    result = invoke("--period", "2026-Q5", "-L", str(repo.ledger))

    assert result.exit_code == 2
    assert "is not a period" in result.stderr


def test_cli_range_and_period_together_exit_2(repo):
    assert invoke("HEAD~1..HEAD", "--period", "2026-Q3", "-L", str(repo.ledger)).exit_code == 2


def test_cli_on_a_shallow_clone_notes_it_and_succeeds(repo, tmp_path):
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone))

    result = invoke("--period", "2026-Q4", "-L", str(clone / "ledger"))

    assert result.exit_code == 0, result.output
    assert "shallow clone" in result.stderr
    assert "stakeholders/mind.yaml (added by Cy)" in result.stdout


def test_cli_outside_a_git_repository_exits_2(tmp_path):
    ledger = tmp_path / "ledger"
    ledger.mkdir()
    (ledger / "ledger.yaml").write_text(CONFIG, encoding="utf-8")

    result = invoke("--period", "2026-Q3", "-L", str(ledger))

    assert result.exit_code == 2
    assert "not a git repository" in result.stderr


def test_cli_help_has_an_example():
    result = runner.invoke(app, ["changes", "--help"])
    assert any(line.strip().startswith("Example:") for line in result.stdout.splitlines())


def test_without_the_git_program_history_is_unavailable(repo, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))

    found = history.changes_between(repo.ledger, "HEAD~1", "HEAD")

    assert (found.available, found.changes) == (False, [])
    assert "git is not installed" in found.note


@pytest.mark.skipif(sys.platform == "win32", reason="a link to /etc/passwd is POSIX")
def test_export_writes_regular_files_only(repo, tmp_path):
    (repo.ledger / "evidence").mkdir()
    (repo.ledger / "evidence" / "link.yaml").symlink_to("/etc/passwd")
    repo.commit("Ann", "2026-12-01")

    exported = git.export(repo.ledger, "HEAD", tmp_path / "now")

    assert not (exported / "evidence" / "link.yaml").exists()
    assert (exported / "stakeholders" / "mind.yaml").is_file()

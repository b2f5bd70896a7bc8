"""One mistake, one message: a record that cannot be read takes no part in the ledger-wide rules; warnings
can be hidden (`validate --errors-only`); GitHub annotations list errors before warnings."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from impactctl.cli import app
from tests.helpers import CONFIG, OUTCOME, found, write_ledger

# One group and one domain, so that a single outcome covers the plan and a single member the advisory group.
SMALL = CONFIG.replace("    publics: Publics\n", "").replace("    instrumental: Instrumental\n", "")

FILES = {
    "outcomes/a.yaml": OUTCOME.format(id="a").replace("status: active", "status: achieved"),
    "activities/study.yaml": """\
        id: study
        title: Workplace study
        type: study
        area: work
        start: 2025-01-01
        lead: Dr B. Lead
        outcomes: [a]
        """,
    "stakeholders/cipd.yaml": """\
        id: cipd
        name: CIPD
        type: organisation
        group: employers
        advisory: {role: member, since: 2024-01-01}
        """,
    "evidence/survey.yaml": """\
        id: survey
        title: Employer survey
        date: 2026-03-01
        type: survey
        url: https://example.org/survey
        outcomes: [a]
        """,
}


def test_the_small_ledger_is_clean(tmp_path):
    """Each case below breaks one file of this ledger, which has no problem at all."""
    assert found(tmp_path, FILES, config=SMALL) == []


@pytest.mark.parametrize("rel,old,new,code", [
    # the only outcome: coverage-group-domain would say no outcome covers employers
    ("outcomes/a.yaml", "status: achieved", "status: ongoing", "schema-choice"),
    ("outcomes/a.yaml", "title: Employers", "title: [Employers", "yaml-syntax"),
    # the only activity: outcome-unsupported would say no activity contributes to `a`
    ("activities/study.yaml", "start: 2025-01-01", "start: 2025-13-01", "schema-format"),
    ("activities/study.yaml", "title: Workplace study", "title: Workplace: study", "yaml-syntax"),
    # the only advisory member: advisory-coverage would say employers have no member
    ("stakeholders/cipd.yaml", "since: 2024-01-01", "since: 2024-01-01, term: 3", "schema-unknown-key"),
    # the only evidence naming `a`: achieved-evidence would say nothing shows it was achieved
    ("evidence/survey.yaml", "date: 2026-03-01", "date: 01/03/2026", "schema-format"),
])
def test_a_record_that_cannot_be_read_gives_one_message(tmp_path, rel, old, new, code):
    files = dict(FILES)
    assert old in files[rel]
    files[rel] = files[rel].replace(old, new)
    problems = found(tmp_path, files, config=SMALL)
    assert [(path, found_code) for path, _, _, found_code in problems] == [(rel, code)]


@pytest.mark.parametrize("rel,code", [
    ("outcomes/a.yaml", "coverage-group-domain"),
    ("activities/study.yaml", "outcome-unsupported"),
    ("stakeholders/cipd.yaml", "advisory-coverage"),
    ("evidence/survey.yaml", "achieved-evidence"),
])
def test_a_record_that_is_not_there_still_counts_as_missing(tmp_path, rel, code):
    """The rules are silent only while a record cannot be read: without the file, they speak."""
    files = {name: text for name, text in FILES.items() if name != rel}
    problems = found(tmp_path, files, config=SMALL)
    assert code in {found_code for _, _, _, found_code in problems}


runner = CliRunner()
# A broken outcome (an error) beside warnings about ledger.yaml, which come first in file order.
MIXED = {"outcomes/b.yaml": OUTCOME.format(id="b").replace("due: 2028-12-31", "due: 2028-02-30")}


def test_errors_only_hides_warnings_and_says_how_many(tmp_path):
    root = write_ledger(tmp_path, {"outcomes/a.yaml": OUTCOME.format(id="a"), **MIXED})
    everything = runner.invoke(app, ["validate", str(root), "--today", "2026-11-26"])
    assert "[advisory-coverage]" in everything.output and "[outcome-unsupported]" in everything.output
    shown = runner.invoke(app, ["validate", str(root), "--today", "2026-11-26", "--errors-only"])
    assert shown.exit_code == 1
    assert ": warning " not in shown.output and "[schema-format]" in shown.output
    warnings = everything.output.count(": warning ")
    assert warnings >= 3 and f"1 error, {warnings} warnings hidden by --errors-only" in shown.output


def test_errors_only_with_warnings_alone_passes_unless_strict(tmp_path):
    root = write_ledger(tmp_path, {"outcomes/a.yaml": OUTCOME.format(id="a")})
    shown = runner.invoke(app, ["validate", str(root), "--today", "2026-11-26", "--errors-only"])
    assert shown.exit_code == 0 and ": warning " not in shown.output
    warnings = runner.invoke(app, ["validate", str(root), "--today", "2026-11-26"]).output.count(": warning ")
    assert warnings == 6 and "✔ valid with 0 errors, 6 warnings hidden by --errors-only" in shown.output
    strict = runner.invoke(app, ["validate", str(root), "--today", "2026-11-26", "--errors-only", "--strict"])
    assert strict.exit_code == 1


def test_github_annotations_list_errors_before_warnings(tmp_path):
    """GitHub shows ten annotations of a kind per step: errors come first, so warnings never crowd them out."""
    root = write_ledger(tmp_path, {"activities/a-first.yaml": "id: a-first\ntitle: [unclosed\n",
                                   "outcomes/a.yaml": OUTCOME.format(id="a"), **MIXED})
    result = runner.invoke(app, ["validate", str(root), "--today", "2026-11-26", "--format", "github"])
    kinds = [line.split(" ", 1)[0] for line in result.output.splitlines() if line.startswith("::")]
    assert kinds == sorted(kinds, key=lambda kind: kind != "::error") and kinds.count("::error") == 2
    assert "::warning" in kinds
    listed = [line for line in result.output.splitlines() if line.startswith("::")]
    paths = [line.split("file=", 1)[1].split(",", 1)[0] for line in listed]
    assert paths[0].endswith("activities/a-first.yaml") and paths[1].endswith("outcomes/b.yaml")

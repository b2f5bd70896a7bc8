"""The report's "Advisory group: challenges and responses": raised in the period, answered in it (with the
response), still open at its end with their age, and per outcome the challenges it has drawn.

Inline ledgers on helpers.CONFIG; TODAY is 2026-11-26; periods are calendar quarters.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from impactctl.cli import app
from tests.helpers import OUTCOME, TODAY, write_ledger

runner = CliRunner()

MEMBER = """\
id: adv-kim-sato
name: Kim Sato
type: person
group: employers
consent_to_name: {consent}
advisory:
  role: Member for small employers
  since: 2024-01-01
"""

MEETING = """\
id: meeting-{month}
title: Advisory group meeting
type: advisory-meeting
area: work
start: 2026-{month}-10
lead: Dr B. Lead
"""

ANSWERED = """\
id: ask-for-a-guide
text: Write a short guide for small employers.
raised: 2026-06-10
raised_by: adv-kim-sato
meeting: meeting-06
kind: request
outcomes: [employers-aware]
owner: Dr A. Researcher
due: 2026-09-30
status: answered
response:
  text: The guide went out in August.
  date: 2026-08-20
  evidence: [guide-letter]
"""

OPEN = """\
id: test-with-staff
text: Test the survey with staff
  before sending it.
raised: 2026-07-10
raised_by: publics
meeting: meeting-07
kind: challenge
outcomes: [employers-aware]
owner: Dr A. Researcher
due: 2026-08-31
status: open
"""

EVIDENCE = """\
id: guide-letter
title: Letter about the guide
date: 2026-08-20
type: letter
url: https://example.org/letter
"""


def ledger(tmp_path: Path, consent: str = "false") -> Path:
    return write_ledger(tmp_path / "l", {
        "outcomes/employers-aware.yaml": OUTCOME.format(id="employers-aware"),
        "stakeholders/adv-kim-sato.yaml": MEMBER.format(consent=consent),
        "activities/meeting-06.yaml": MEETING.format(month="06"), "activities/meeting-07.yaml": MEETING.format(month="07"),
        "evidence/guide-letter.yaml": EVIDENCE,
        "challenges/ask-for-a-guide.yaml": ANSWERED, "challenges/test-with-staff.yaml": OPEN})


def section(root: Path, *args: str) -> str:
    result = runner.invoke(app, ["report", str(root), "--today", TODAY.isoformat(), *args])
    assert result.exit_code == 0, result.output
    text = result.output
    start = text.index("## Advisory group: challenges and responses")
    return text[start:text.index("\n## ", start + 1)]


def test_q3_shows_what_was_raised_answered_and_left_open_with_its_age(tmp_path):
    text = section(ledger(tmp_path), "--period", "2026-Q3")
    assert ("| 2026-07-10 | Test the survey with staff before sending it. (`test-with-staff`) | Challenge | "
            "Members from Publics | Dr A. Researcher | 2026-08-31 | open |") in text
    assert "ask-for-a-guide`) | Request" not in text  # raised in Q2, not in Q3
    assert ("| 2026-08-20 | Write a short guide for small employers. (`ask-for-a-guide`) | Member for small employers "
            "| answered | The guide went out in August. | guide-letter |") in text
    assert ("| Test the survey with staff before sending it. (`test-with-staff`) | Members from Publics | 2026-07-10 "
            "| 82 | 2026-08-31 (overdue) | Dr A. Researcher |") in text
    assert ("| Employers understand workplace mental health (`employers-aware`) | 2 | "
            "ask-for-a-guide, test-with-staff |") in text


def test_q2_knows_only_what_was_raised_by_its_end(tmp_path):
    text = section(ledger(tmp_path), "--period", "2026-Q2")
    assert "test-with-staff" not in text
    assert "No challenge was answered in 2026-Q2." in text
    assert "| Write a short guide for small employers. (`ask-for-a-guide`) | Member for small employers | 2026-06-10 | 20 |" in text


def test_a_member_is_named_only_with_consent_or_in_the_internal_profile(tmp_path):
    hidden = section(ledger(tmp_path / "a"), "--period", "2026-Q3")
    assert "Kim" not in hidden and "Sato" not in hidden
    assert "Kim Sato" in section(ledger(tmp_path / "b", consent="true"), "--period", "2026-Q3")
    assert "Kim Sato" in section(ledger(tmp_path / "c"), "--period", "2026-Q3", "--profile", "internal")


def test_the_html_report_has_the_section_with_the_same_rows(tmp_path):
    result = runner.invoke(app, ["report", str(ledger(tmp_path)), "--today", TODAY.isoformat(), "--period", "2026-Q3",
                                 "--format", "html"])
    assert result.exit_code == 0, result.output
    html = result.output
    assert '<h2 id="challenges">Advisory group: challenges and responses</h2>' in html
    assert "<td>The guide went out in August.</td>" in html
    assert '<td class="num">82</td>' in html


def test_show_outcome_lists_the_challenges_it_has_drawn(tmp_path):
    result = runner.invoke(app, ["show", "employers-aware", "-L", str(ledger(tmp_path)), "--today", TODAY.isoformat(),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    incoming = [(l["kind"], l["id"], l["field"]) for l in json.loads(result.stdout)["links"] if l["direction"] == "incoming"]
    assert ("challenges", "ask-for-a-guide", "outcomes") in incoming and ("challenges", "test-with-staff", "outcomes") in incoming


def test_a_challenges_text_cannot_break_its_table_or_inject(tmp_path):
    root = ledger(tmp_path)
    path = root / "challenges/ask-for-a-guide.yaml"
    path.write_text(path.read_text().replace(
        "text: The guide went out in August.", 'text: "A | B <script>alert(1)</script> [x](javascript:alert(1))"'))
    text = section(root, "--period", "2026-Q3")
    row = next(line for line in text.splitlines() if line.startswith("| 2026-08-20 |"))
    assert row.count(" | ") == 5  # six cells: the response's | did not add one
    assert "<script>" not in text and "[x](javascript:" not in text
    html = runner.invoke(app, ["report", str(root), "--today", TODAY.isoformat(), "--period", "2026-Q3", "--format", "html"])
    assert "<script>alert" not in html.output and "&lt;script&gt;alert(1)&lt;/script&gt;" in html.output

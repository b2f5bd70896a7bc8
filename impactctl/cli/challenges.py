"""Commands for the advisory group's challenges: add-challenge records one, respond records the centre's answer."""

from __future__ import annotations

import datetime as dt
from typing import List, Optional

import typer

from impactctl.cli import answers, complete, options
from impactctl.cli.common import ledger_root
from impactctl.cli.form import DRY_RUN, NO_INPUT, Form, finish, interactive, today

# The model's words (impactctl.model.records.ChallengeStatus), repeated so that starting the CLI does not import pydantic.
CHALLENGE_STATUSES = ["open", "in-progress", "answered", "declined"]
RESPONSE_STATUSES = ["answered", "declined", "in-progress"]


def add_challenge(
    text: Optional[str] = typer.Option(None, "--text", help="What the advisory group raised, in a sentence or two."),
    raised_by: Optional[str] = typer.Option(None, "--raised-by", autocompletion=complete.stakeholders_or_groups(), help="The member's stakeholder id, or a stakeholder-group key when the group spoke as one."),
    meeting: Optional[str] = typer.Option(None, "--meeting", autocompletion=complete.ids("activities"), help="The advisory meeting (an activity id) where it was raised."),
    kind: Optional[str] = typer.Option(None, "--kind", autocompletion=complete.vocabulary("challenge_kinds"), help="challenge, recommendation, request, support-offered (ledger.yaml's challenge_kinds)."),
    raised: Optional[str] = options.day("--raised", "When it was raised, YYYY-MM-DD (default today).",
                                         asked=True),
    outcome: Optional[List[str]] = typer.Option(None, "--outcome", autocompletion=complete.ids("outcomes"), help="An outcome it concerns; repeat for more."),
    activity: Optional[List[str]] = typer.Option(None, "--activity", autocompletion=complete.ids("activities"), help="An activity it concerns; repeat for more."),
    owner: Optional[str] = typer.Option(None, "--owner", help="Who in the centre owns the answer."),
    due: Optional[dt.date] = options.day("--due", "When an answer is due (YYYY-MM-DD)."),
    id: Optional[str] = typer.Option(None, "--id", help="The record id (default: made from the text)."),
    ledger: Optional[str] = options.LEDGER,
    dry_run: bool = DRY_RUN,
    no_input: bool = NO_INPUT,
) -> None:
    """Record what the advisory group raised at a meeting: a challenge, recommendation, request or offer of support.

    \b
    Example:
      impactctl add-challenge \\
        --text "Offer a shorter training for small businesses" \\
        --raised-by adv-marcus-oyelaran --meeting advisory-meeting-2026-06 \\
        --raised 2026-06-24 --kind recommendation \\
        --outcome line-manager-training --owner "Dr Sofia Lindqvist" \\
        --due 2026-09-30
    """
    from impactctl.authoring import add_record

    root = ledger_root(None, ledger)
    form = Form(root, interactive(no_input))
    form.need("text", text, "--text")
    form.need("raised", raised, "--raised", answers.date, default=today())
    form.need("raised_by", raised_by, "--raised-by",
              answers.choice(form.ids("stakeholders") + form.vocabulary("groups"), "stakeholder or group", listed=False)
              if form.ask else answers.text)
    form.need("meeting", meeting, "--meeting", form.known("activities", "meeting"))
    form.need("kind", kind, "--kind", form.choice("challenge_kinds", "kind"))
    form.fields.update(outcomes=outcome or [], activities=activity or [])
    form.need("owner", owner, "--owner")
    form.fields["due"] = due
    fields = form.done()
    fields["id"] = id
    finish(lambda: add_record(root, "challenges", fields, dry_run, today()), dry_run)


def respond(
    challenge_id: Optional[str] = typer.Argument(None, autocompletion=complete.ids("challenges"), help="The challenge."),
    text: Optional[str] = typer.Option(None, "--text", help="The centre's answer, or its reason for declining."),
    status: str = typer.Option("answered", "--status", autocompletion=complete.choices(*RESPONSE_STATUSES), help="answered, declined or in-progress."),
    date: Optional[dt.date] = options.day("--date", "When the centre responded, YYYY-MM-DD (default today)."),
    evidence: Optional[List[str]] = typer.Option(None, "--evidence", autocompletion=complete.ids("evidence"), help="Evidence of what was done; repeat for more."),
    ledger: Optional[str] = options.LEDGER,
    dry_run: bool = DRY_RUN,
    no_input: bool = NO_INPUT,
) -> None:
    """Record the centre's response to a challenge and set its status, keeping every other byte of the file.

    \b
    Example:
      impactctl respond ch-2026-06-small-employers --status answered \\
        --text "A half-day version ran from September" --date 2026-09-25 \\
        --evidence ev-line-manager-completions-q3
    """
    from impactctl import authoring

    root = ledger_root(None, ledger)
    form = Form(root, interactive(no_input))
    challenge_id = form.need("challenge", challenge_id, "CHALLENGE_ID", form.known("challenges", "challenge"))
    status = form.need("status", status, "--status", answers.choice(RESPONSE_STATUSES, "status"))
    text = form.need("text", text, "--text")
    form.done()
    finish(lambda: authoring.respond(root, challenge_id, text, status, date, evidence, dry_run, today()), dry_run)

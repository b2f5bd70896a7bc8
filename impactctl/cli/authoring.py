"""Authoring commands: add-outcome, add-activity, add-stakeholder, add-evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any, List, Optional

import typer

from impactctl.cli import answers, complete, options
from impactctl.cli.common import fail, ledger_root
from impactctl.cli.form import DRY_RUN, MEASURES, NO_INPUT, STATUSES, Form, finish, interactive, today


def add_outcome(
    title: Optional[str] = typer.Option(None, "--title", help="A short name for the outcome."),
    area: Optional[str] = typer.Option(None, "--area", autocompletion=complete.vocabulary("areas"), help="An impact area key from ledger.yaml."),
    domain: Optional[str] = typer.Option(None, "--domain", autocompletion=complete.vocabulary("domains"), help="A domain key (conceptual, capacity-building, ...)."),
    group: Optional[List[str]] = typer.Option(None, "--group", autocompletion=complete.vocabulary("groups"), help="A stakeholder-group key; repeat for more."),
    stakeholder: Optional[List[str]] = typer.Option(None, "--stakeholder", autocompletion=complete.ids("stakeholders"), help="A stakeholder id; repeat for more."),
    owner: Optional[str] = typer.Option(None, "--owner", help="Who answers for the outcome."),
    statement: Optional[str] = typer.Option(None, "--statement", help="What will change, for whom (specific)."),
    rationale: Optional[str] = typer.Option(None, "--rationale", help="Why it is attainable and relevant."),
    due: Optional[str] = options.day("--due", "When it is due (YYYY-MM-DD).", asked=True),
    status: str = typer.Option("planned", "--status", help="planned, active, achieved, missed or dropped."),
    indicator_id: Optional[str] = typer.Option(None, "--indicator-id", help="Id of the indicator (default: from its name)."),
    indicator_name: Optional[str] = typer.Option(None, "--indicator-name", help="What the indicator measures."),
    measure: Optional[str] = typer.Option(None, "--measure", autocompletion=complete.choices("count", "percent", "currency", "qualitative"), help="count, percent, currency or qualitative."),
    unit: Optional[str] = typer.Option(None, "--unit", help="The unit of a quantitative indicator."),
    direction: str = typer.Option("increase", "--direction", help="increase or decrease."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="The value at the start."),
    baseline_date: Optional[str] = options.day("--baseline-date", "When the baseline was measured (YYYY-MM-DD).",
                                                asked=True),
    target: Optional[str] = typer.Option(None, "--target", help="The value to reach."),
    target_date: Optional[dt.date] = options.day("--target-date", "Date of the target (default: --due)."),
    id: Optional[str] = typer.Option(None, "--id", help="The record id (default: made from the title)."),
    ledger: Optional[str] = options.LEDGER,
    dry_run: bool = DRY_RUN,
    no_input: bool = NO_INPUT,
) -> None:
    """Add a SMART outcome with its first indicator.

    \b
    Example:
      impactctl add-outcome --title "Employers understand insecure work" \\
        --area work --domain conceptual --group employers \\
        --owner "Dr A. Author" --statement "..." --due 2028-12-31 \\
        --indicator-name "Employers aware" --measure percent --unit "%" \\
        --baseline 10 --baseline-date 2026-01-15 --target 40
    """
    from impactctl.authoring import add_record, parse_value

    root = ledger_root(None, ledger)
    form = Form(root, interactive(no_input))
    form.need("title", title, "--title")
    form.need("area", area, "--area", form.choice("areas", "area"))
    form.need("domain", domain, "--domain", form.choice("domains", "domain"))
    form.need("groups", group, "--group", form.choice("groups", "group"), many=True)
    form.fields["stakeholders"] = stakeholder or []
    form.need("owner", owner, "--owner")
    form.need("statement", statement, "--statement")
    form.fields["rationale"] = rationale
    due_date = form.need("due", due, "--due", answers.date)
    form.need("status", status, "--status", answers.choice(STATUSES, "status"))
    name = form.need("_name", indicator_name, "--indicator-name")
    kind = form.need("_measure", measure, "--measure", answers.choice(MEASURES, "measure"))
    direction = form.need("_direction", direction, "--direction", answers.choice(["increase", "decrease"], "direction"))
    indicator: dict[str, Any] = {"id": indicator_id or _indicator_id(name), "name": name, "measure": kind,
                                 "direction": direction}
    if kind != "qualitative":
        indicator["unit"] = form.need("_unit", unit, "--unit")
        base = form.need("_baseline", baseline, "--baseline", answers.number)
        if base is not None:
            when = form.need("_baseline_date", baseline_date, "--baseline-date", answers.date)
            indicator["baseline"] = {"value": parse_value(str(base)), "date": when}
        goal = form.need("_target", target, "--target", answers.number)
        if goal is not None:
            indicator["target"] = {"value": parse_value(str(goal)),
                                   "date": target_date or due_date}
    fields = {k: v for k, v in form.done().items() if not k.startswith("_")}
    fields["indicators"] = [{k: v for k, v in indicator.items() if v is not None}]
    fields["id"] = id
    finish(lambda: add_record(root, "outcomes", fields, dry_run), dry_run)


def _indicator_id(name: str | None) -> str | None:
    from impactctl.model.ids import slugify

    if not name:
        return None
    made = slugify(name, limit=40)
    if not made:
        fail(f"no indicator id can be made from {name!r}: it has no letter or digit that can be written in ASCII; "
             "give one with --indicator-id")
    return made


def add_activity(
    title: Optional[str] = typer.Option(None, "--title", help="What was done."),
    type: Optional[str] = typer.Option(None, "--type", autocompletion=complete.vocabulary("activity_types"), help="An activity type key from ledger.yaml."),
    area: Optional[str] = typer.Option(None, "--area", autocompletion=complete.vocabulary("areas"), help="An impact area key."),
    start: Optional[str] = options.day("--start", "Start date (YYYY-MM-DD).", asked=True),
    end: Optional[dt.date] = options.day("--end", "End date (YYYY-MM-DD)."),
    lead: Optional[str] = typer.Option(None, "--lead", help="Who led it."),
    description: Optional[str] = typer.Option(None, "--description", help="A few sentences on the activity."),
    stakeholder: Optional[List[str]] = typer.Option(None, "--stakeholder", autocompletion=complete.ids("stakeholders"), help="A stakeholder id; repeat for more."),
    outcome: Optional[List[str]] = typer.Option(None, "--outcome", autocompletion=complete.ids("outcomes"), help="An outcome it contributes to; repeat for more."),
    audience: Optional[str] = typer.Option(None, "--audience", help="Who it reached."),
    count: Optional[int] = typer.Option(None, "--count", help="How many people it reached."),
    geography: Optional[str] = typer.Option(None, "--geography", help="local, regional, national or international."),
    cost: Optional[float] = typer.Option(None, "--cost", help="What it cost."),
    currency: str = typer.Option("GBP", "--currency", help="ISO 4217 currency of --cost."),
    country: Optional[List[str]] = typer.Option(None, "--country", help="An ISO 3166 country code; repeat for more."),
    id: Optional[str] = typer.Option(None, "--id", help="The record id (default: made from the title)."),
    ledger: Optional[str] = options.LEDGER,
    dry_run: bool = DRY_RUN,
    no_input: bool = NO_INPUT,
) -> None:
    """Add an activity: a study, an event, a briefing, a web resource...

    \b
    Example:
      impactctl add-activity --title "Employer roundtable" \\
        --type engagement-event --area work --start 2026-10-01 \\
        --lead "Dr A. Author" --outcome employer-wellbeing-policies --count 40
    """
    from impactctl.authoring import add_record

    root = ledger_root(None, ledger)
    form = Form(root, interactive(no_input))
    form.need("title", title, "--title")
    form.need("type", type, "--type", form.choice("activity_types", "type"))
    form.need("area", area, "--area", form.choice("areas", "area"))
    form.need("start", start, "--start", answers.date)
    form.fields["end"] = end
    form.need("lead", lead, "--lead")
    fields = form.done()
    reach = {k: v for k, v in (("audience", audience), ("count", count), ("geography", geography)) if v is not None}
    fields.update(description=description, stakeholders=stakeholder or [], outcomes=outcome or [],
                  reach=reach or None, countries=country or [], id=id,
                  cost={"amount": int(cost) if cost == int(cost) else cost, "currency": currency} if cost is not None else None)
    finish(lambda: add_record(root, "activities", fields, dry_run), dry_run)


def add_stakeholder(
    name: Optional[str] = typer.Option(None, "--name", help="The person's, group's or organisation's name."),
    type: Optional[str] = typer.Option(None, "--type", help="organisation, group or person."),
    group: Optional[str] = typer.Option(None, "--group", autocompletion=complete.vocabulary("groups"), help="A stakeholder-group key from ledger.yaml."),
    description: Optional[str] = typer.Option(None, "--description", help="Who they are."),
    url: Optional[str] = typer.Option(None, "--url", help="Their web site."),
    advisory_role: Optional[str] = typer.Option(None, "--advisory-role", help="Role in the advisory group, if a member."),
    advisory_since: Optional[dt.date] = options.day("--advisory-since", "Member since (default today)."),
    consent_to_name: bool = typer.Option(False, "--consent-to-name", help="A person agreed to be named in public output."),
    email: Optional[str] = typer.Option(None, "--email", help="Contact e-mail (private: never published)."),
    phone: Optional[str] = typer.Option(None, "--phone", help="Contact phone (private: never published)."),
    id: Optional[str] = typer.Option(None, "--id", help="The record id (default: made from the name)."),
    ledger: Optional[str] = options.LEDGER,
    dry_run: bool = DRY_RUN,
    no_input: bool = NO_INPUT,
) -> None:
    """Add a stakeholder: an organisation, a group, or a person (e.g. an advisory-group member).

    \b
    Example:
      impactctl add-stakeholder --name "Mind" --type organisation \\
        --group ngos-policy
    """
    from impactctl.authoring import add_record

    root = ledger_root(None, ledger)
    form = Form(root, interactive(no_input))
    form.need("name", name, "--name")
    form.need("type", type, "--type", answers.choice(["organisation", "group", "person"], "type"))
    form.need("group", group, "--group", form.choice("groups", "group"))
    fields = form.done()
    contact = {k: v for k, v in (("email", email), ("phone", phone)) if v}
    advisory = ({"role": advisory_role, "since": advisory_since or today()}
                if advisory_role else None)
    fields.update(description=description, url=url, consent_to_name=consent_to_name or None,
                  advisory=advisory, contact=contact or None, id=id)
    finish(lambda: add_record(root, "stakeholders", fields, dry_run), dry_run)


def add_evidence(
    title: Optional[str] = typer.Option(None, "--title", help="What the evidence is."),
    type: Optional[str] = typer.Option(None, "--type", autocompletion=complete.vocabulary("evidence_types"), help="An evidence type key from ledger.yaml."),
    date: Optional[str] = options.day("--date", "Its date (default today).", asked=True),
    url: Optional[str] = typer.Option(None, "--url", help="Where it can be seen."),
    file: Optional[str] = typer.Option(None, "--file", help="A file inside the ledger, named from the ledger folder "
                                       "(evidence/files/letter.pdf) or from here; its sha256 is recorded."),
    copy: bool = typer.Option(False, "--copy", help="Copy --file from anywhere into evidence/files/ (never over a "
                              "different file of that name)."),
    outcome: Optional[List[str]] = typer.Option(None, "--outcome", autocompletion=complete.ids("outcomes"), help="An outcome it shows; repeat for more."),
    activity: Optional[List[str]] = typer.Option(None, "--activity", autocompletion=complete.ids("activities"), help="An activity it comes from; repeat for more."),
    corroborator: Optional[str] = typer.Option(None, "--corroborator", autocompletion=complete.ids("stakeholders"), help="A stakeholder id who can confirm it."),
    note: Optional[str] = typer.Option(None, "--note", help="A note."),
    id: Optional[str] = typer.Option(None, "--id", help="The record id (default: made from the title)."),
    ledger: Optional[str] = options.LEDGER,
    dry_run: bool = DRY_RUN,
    no_input: bool = NO_INPUT,
) -> None:
    """Add a piece of evidence: a link, or a file kept in the ledger with its sha256.

    \b
    Example:
      impactctl add-evidence --title "Letter from the council" --type letter \\
        --file evidence/files/council-letter.pdf \\
        --outcome thrive-city-action-plans
      impactctl add-evidence --title "Signed letter" --type letter \\
        --file ~/Downloads/signed-letter.pdf --copy \\
        --outcome thrive-city-action-plans
    """
    from impactctl import authoring

    root = ledger_root(None, ledger)
    if copy and not file:
        fail("--copy needs --file, the file to copy into evidence/files/")
    form = Form(root, interactive(no_input))
    form.need("title", title, "--title")
    form.need("type", type, "--type", form.choice("evidence_types", "type"))
    if not url and not file:
        url = form.need("url", url, "--url (or --file)")
    form.need("date", date, "--date", answers.date, default=today())
    fields = form.done()
    fields.update(outcomes=outcome or [], activities=activity or [], corroborator=corroborator, note=note, id=id)
    if url:
        fields["url"] = url
    finish(lambda: authoring.add_evidence(root, fields, file, copy, dry_run), dry_run)

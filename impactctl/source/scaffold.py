"""A new, empty ledger's files: ledger.yaml with commented default vocabularies, folders, schemas, README."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from impactctl.model.kinds import FOLDERS
from impactctl.source import writer
from impactctl.source.discover import CONFIG_NAME

LEDGER_YAML = """\
# ledger.yaml: the centre this ledger belongs to, the words its records may use, and its rule settings.
# The format is described in the impactctl README, "Ledger format v1".
format: 1

centre:
  name: {name}
  # funder: Economic and Social Research Council (ESRC)
  # grant: ES/X000000/1
  start: {start}
  end: {end}
  # The month your reporting year starts: 1 = January; 4 makes 2026-Q1 April to June.
  reporting_year_start_month: 1
  currency: GBP

# Each vocabulary maps a key (used in records) to a label (shown in reports). Change them freely:
# `impactctl validate` then checks every record against your words.
vocabularies:
  # The fields in which the centre means to make a difference.
  areas:
    policy: Policy
    practice: Practice
    public-understanding: Public understanding
  # The groups the centre promises outcomes to; the advisory group should have a member from each.
  groups:
    service-users: Service users and the people who care for them
    policy-makers: Policy makers, NGOs and service providers
    employers: Employers
    publics: Wider publics
  # The three domains of change of a SMART outcome plan.
  domains:
    conceptual: Conceptual (knowledge, awareness, values, language)
    capacity-building: Capacity building (engagement, co-design, evidence-based practice)
    instrumental: Instrumental (changed strategies, plans, networks, investment)
  # What the centre does.
  activity_types:
    study: Research study
    targeted-output: Targeted output (briefing, report, toolkit)
    engagement-event: Engagement event
    co-produced-proposal: Co-produced proposal
    international-collaboration: International collaboration
    web-resource: Web resource
    researcher-development: Researcher development
    advisory-meeting: Advisory group meeting
  # What shows that an outcome happened.
  evidence_types:
    survey: Survey
    testimonial: Testimonial
    letter: Letter of support
    policy-document: Policy document
    media: Media coverage
    web-analytics: Web analytics
    meeting-minutes: Meeting minutes
    citation: Citation in policy or practice
  # What the advisory group raises with the centre (challenges/).
  challenge_kinds:
    challenge: Challenge
    recommendation: Recommendation
    request: Request
    support-offered: Support offered

# Raise, lower or switch off any rule (`impactctl rules` lists them), e.g.
#   coverage-group-domain: error
#   measurement-evidence: off
rules: {{}}
"""

README = """\
# {name}: impact ledger

This folder is an impactctl ledger: one YAML file per record.

- `ledger.yaml`: the centre, its vocabularies and its rule settings
- `stakeholders/`, `outcomes/`, `activities/`, `evidence/`, `challenges/`: one file per record, named after its id
- `evidence/files/`: documents kept as evidence (recorded with their sha256)

Add records with `impactctl add-outcome`, `add-activity`, `add-stakeholder`, `add-evidence`,
`add-challenge` (and `respond` to one); record progress with `impactctl record`; check everything with
`impactctl validate`. Editors with the YAML language server (e.g. VS Code's YAML extension) complete and
check fields from the schemas in `.schemas/`, mapped in `.vscode/settings.json` at the repository's root.
"""


def ledger_files(name: str, schemas: dict[str, dict], today: dt.date) -> dict[str, str]:
    """Each file of a new ledger, by its path inside the ledger folder -> its text."""
    files: dict[str, str] = {
        CONFIG_NAME: LEDGER_YAML.format(name=json.dumps(name), start=today.replace(month=1, day=1),
                                        end=today.replace(year=today.year + 5, month=12, day=31)),
        "README.md": README.format(name=name),
        ".gitignore": ".impactctl/\n",
        **{f"{kind}/.gitkeep": "" for kind in FOLDERS},
        "evidence/files/.gitkeep": "",
    }
    for schema_name, schema in schemas.items():
        files[f".schemas/{schema_name}.schema.json"] = json.dumps(schema, indent=2) + "\n"
    return files


def create_missing(base: Path, files: dict[str, str]) -> tuple[list[Path], list[Path]]:
    """Create each file under `base` that does not exist yet; never touches one that does.
    Returns (written, left alone)."""
    written, kept = [], []
    # ledger.yaml goes last, so that a half-finished init never looks like a ledger.
    for rel in sorted(files, key=lambda r: r == CONFIG_NAME):
        path = base / rel
        if path.exists() or path.is_symlink() or not writer.create_file(path, files[rel]):
            kept.append(path)
        else:
            written.append(path)
    return written, kept

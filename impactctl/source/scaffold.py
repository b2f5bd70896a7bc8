"""Create a new, empty ledger: ledger.yaml with commented default vocabularies, folders, editor schemas, README."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Callable

from impactctl.errors import UsageError
from impactctl.model.records import KINDS
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

# Raise, lower or switch off any rule (`impactctl rules` lists them), e.g.
#   coverage-group-domain: error
#   measurement-evidence: off
rules: {{}}
"""

README = """\
# {name}: impact ledger

This folder is an impactctl ledger: one YAML file per record.

- `ledger.yaml`: the centre, its vocabularies and its rule settings
- `stakeholders/`, `outcomes/`, `activities/`, `evidence/`: one file per record, named after its id
- `evidence/files/`: documents kept as evidence (recorded with their sha256)

Add records with `impactctl add-outcome`, `add-activity`, `add-stakeholder`, `add-evidence`; record progress
with `impactctl record`; check everything with `impactctl validate`. Editors with the YAML language server
(e.g. VS Code's YAML extension) complete and check fields from the schemas in `.schemas/`, mapped in
`.vscode/settings.json`.
"""


def create_ledger(root: Path, name: str, schemas: Callable[[], dict[str, dict]], today: dt.date) -> list[Path]:
    """Write a new ledger at `root`; refuses when a ledger.yaml is already there. Returns the files written."""
    if (root / CONFIG_NAME).exists():
        raise UsageError(f"{root / CONFIG_NAME} already exists: init never overwrites a ledger")
    files: dict[str, str] = {
        CONFIG_NAME: LEDGER_YAML.format(name=json.dumps(name), start=today.replace(month=1, day=1),
                                        end=today.replace(year=today.year + 5, month=12, day=31)),
        "README.md": README.format(name=name),
        ".gitignore": ".impactctl/\n",
        **{f"{kind}/.gitkeep": "" for kind in KINDS},
        "evidence/files/.gitkeep": "",
    }
    mapping = {}
    for schema_name, schema in schemas().items():
        files[f".schemas/{schema_name}.schema.json"] = json.dumps(schema, indent=2) + "\n"
        pattern = CONFIG_NAME if schema_name == "ledger" else f"{schema_name}/*.yaml"
        mapping[f"./.schemas/{schema_name}.schema.json"] = pattern
    files[".vscode/settings.json"] = json.dumps({"yaml.schemas": mapping}, indent=2) + "\n"
    written = []
    # ledger.yaml goes last, so that a half-finished init never looks like a ledger.
    for rel in sorted(files, key=lambda r: r == CONFIG_NAME):
        path = root / rel
        if rel == CONFIG_NAME:
            if not writer.create_file(path, files[rel]):
                raise UsageError(f"{path.as_posix()} already exists: init never overwrites a ledger")
        elif not path.exists():
            writer.create_file(path, files[rel])
        written.append(path)
    return written

"""JSON Schemas (draft-07, as the YAML language server reads) of every record kind and of ledger.yaml."""

from __future__ import annotations

import json
from typing import Any, Optional

from impactctl.model.config import LedgerConfig
from impactctl.model.kinds import FOLDERS
from impactctl.model.records import KINDS

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

# Which vocabulary each vocabulary-backed field takes its values from.
VOCABULARY_FIELDS: dict[str, dict[str, str]] = {
    "outcomes": {"area": "areas", "domain": "domains", "groups": "groups"},
    "activities": {"type": "activity_types", "area": "areas"},
    "stakeholders": {"group": "groups"},
    "evidence": {"type": "evidence_types"},
    "challenges": {"kind": "challenge_kinds"},
}


def schema_names() -> list[str]:
    return ["ledger", *FOLDERS]


def schema_for(name: str, config: Optional[LedgerConfig] = None) -> dict[str, Any]:
    """The draft-07 schema of `ledger` or a record kind; with a config, vocabulary fields list their keys."""
    model = LedgerConfig if name == "ledger" else KINDS[name]
    schema = _draft07(model.model_json_schema(mode="validation"))
    schema["$schema"] = DRAFT_07
    schema["$id"] = f"https://impactctl.invalid/schema/v1/{name}.schema.json"
    if config is not None and name in VOCABULARY_FIELDS:
        _add_enums(schema, name, config)
    return schema


def _draft07(schema: dict[str, Any]) -> dict[str, Any]:
    """Rename 2020-12's `$defs` to draft-07's `definitions`, references included."""
    text = json.dumps(schema).replace('"#/$defs/', '"#/definitions/')
    converted = json.loads(text)
    if "$defs" in converted:
        converted["definitions"] = converted.pop("$defs")
    return converted


def _add_enums(schema: dict[str, Any], name: str, config: LedgerConfig) -> None:
    vocabularies = config.vocabularies
    for field, vocabulary in VOCABULARY_FIELDS[name].items():
        keys = list(getattr(vocabularies, vocabulary))
        prop = schema["properties"][field]
        target = prop.get("items", prop) if prop.get("type") == "array" else prop
        target["enum"] = keys

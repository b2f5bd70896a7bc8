"""The JSON export: the whole ledger in one document (version, profile, centre, vocabularies, every record)."""

from __future__ import annotations

from typing import Any

from impactctl.exports import records
from impactctl.exports.formats import ExportOptions
from impactctl.exports.tables import to_json
from impactctl.model import kinds
from impactctl.model.ledger import Ledger
from impactctl.report.privacy import Redactor

JSON_VERSION = 1
FILE = "ledger.json"


def files(ledger: Ledger, redactor: Redactor, options: ExportOptions) -> dict[str, str]:
    return {FILE: to_json(whole(ledger, redactor))}


def whole(ledger: Ledger, redactor: Redactor) -> dict[str, Any]:
    """The JSON export: version, profile, the centre, its vocabularies, then every record by kind."""
    config = ledger.config
    data: dict[str, Any] = {"version": JSON_VERSION, "profile": redactor.profile,
                            "centre": config.centre.model_dump(mode="json"),
                            "vocabularies": config.vocabularies.model_dump(mode="json")}
    for kind in kinds.FOLDERS:
        data[kind] = [records.as_dict(e, redactor) for e in records.sorted_entries(ledger, kind, redactor)]
    return data

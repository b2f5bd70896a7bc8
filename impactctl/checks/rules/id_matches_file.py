"""id-matches-file: a record's `id` equals its file name without `.yaml`.

So a record can always be found from its id, and its id from its path.

Passes (outcomes/parents-aware.yaml):   id: parents-aware
Fails  (outcomes/parents-aware.yaml):   id: parent-aware
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "id-matches-file"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    for entry in ledger.checked():
        if entry.record.id != entry.stem:
            yield finding(entry.path, ("id",), ID, f"the id `{entry.record.id}` does not match the file name `{entry.stem}.yaml`",
                          hint=f"rename the file to {entry.record.id}.yaml, or set `id: {entry.stem}`")

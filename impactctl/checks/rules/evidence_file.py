"""evidence-file: a piece of evidence points somewhere: a `url` or a `file` inside the ledger, whose `sha256` matches.

Passes:  file: evidence/files/minutes.txt   sha256: <the file's real sha256>
Fails:   file: ../../etc/passwd     (outside the ledger)
Fails:   file: evidence/files/gone.pdf   (no such file)
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "evidence-file"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    for entry in ledger.checked("evidence"):
        record = entry.record
        if not record.url and not record.file:
            yield finding(entry.path, (), ID, "the evidence has neither `url` nor `file`",
                          hint="add `url: https://...`, or `file: evidence/files/NAME` with its `sha256`")
            continue
        if not record.file:
            continue
        fact = ledger.attachments.get(record.file)
        if fact is None:
            continue
        if fact.outside:
            yield finding(entry.path, ("file",), ID, f"`{record.file}` is outside the ledger folder",
                          hint="copy the file under evidence/files/ and give its path from the ledger folder")
        elif fact.missing:
            yield finding(entry.path, ("file",), ID, f"the file `{record.file}` does not exist",
                          hint="paths are relative to the ledger folder, e.g. evidence/files/letter.pdf")
        elif record.sha256 is None:
            yield finding(entry.path, ("file",), ID, "the file has no `sha256`",
                          hint=f"add `sha256: {fact.sha256}`")
        elif record.sha256 != fact.sha256:
            yield finding(entry.path, ("sha256",), ID, f"`{record.file}` has changed since it was recorded (sha256 differs)",
                          hint=f"if the new file is right, set `sha256: {fact.sha256}`")

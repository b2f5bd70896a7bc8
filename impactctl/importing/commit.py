"""Committing an import: every change checked against the whole ledger, then written atomically or not at all."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from impactctl import api
from impactctl.authoring import read_text_exactly
from impactctl.errors import UsageError
from impactctl.importing.plan import FileChange
from impactctl.source import writer


def check_changes(root: Path, changes: list[FileChange], today: dt.date | None = None) -> api.Refused | None:
    """The import's refusal: the errors the changed files would have, found by checking them against the
    whole ledger with the new texts in place (the rules look for problems in the changed files only)."""
    overrides = {change.rel: change.after for change in changes if change.action != "unchanged"}
    return api.errors_in(root, overrides, today)


def write_changes(root: Path, changes: list[FileChange]) -> None:
    """Write each added or updated file atomically (the caller holds the ledger lock).

    Every file is first checked to be as it was read, so an editor's save in between stops the import
    before its first write.
    """
    for change in changes:
        path = root / change.rel
        if change.action == "added" and path.exists():
            raise UsageError(f"{change.rel} was created by someone else meanwhile; nothing was written, run the import again")
        if change.action == "updated" and read_text_exactly(path) != change.before:
            raise UsageError(f"{change.rel} changed on disk during the import; nothing was written, run the import again")
    for change in changes:
        if change.action == "added" and not writer.create_file(root / change.rel, change.after):
            raise UsageError(f"{change.rel} was created by someone else meanwhile; run the import again")
        if change.action == "updated":
            writer.replace_file(root / change.rel, change.after)

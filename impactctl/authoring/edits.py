"""One record file changed safely: read, change its round-trip document, splice, check, write under the lock."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any, Callable

from impactctl import api
from impactctl.authoring.ids import record_path
from impactctl.errors import UsageError
from impactctl.source import roundtrip, splice, writer
from impactctl.source.loader import read_yaml
from impactctl.source.tree import inside


@dataclasses.dataclass
class EditResult(api.MayBeRefused):
    """What an edit did or would do: the file, its diff, and its refusal (api.Refused) when the change
    would make the file invalid."""

    path: Path
    diff: str
    refusal: api.Refused | None = None
    written: bool = False


def edit_record(root: Path, record_id: str, change: Callable[[Any], None], dry_run: bool = False,
                today: dt.date | None = None) -> EditResult:
    """Apply `change` to the round-trip document of record `record_id` and write it back, checked."""
    if dry_run:
        return _edit(root, record_id, change, True, today)
    with writer.ledger_lock(root):
        return _edit(root, record_id, change, False, today)


def _edit(root: Path, record_id: str, change: Callable[[Any], None], dry_run: bool,
          today: dt.date | None) -> EditResult:
    rel = record_path(root, record_id)
    # Read first as validation reads it: never through a link to outside the ledger or from a device, and
    # never an alias bomb (ruamel keeps aliases shared, but writing the record back would expand them).
    data, _, problems = read_yaml(root, rel)
    if problems or not isinstance(data, dict):
        where = f"{rel}:{problems[0].line}:{problems[0].column}" if problems and problems[0].line else rel
        reason = problems[0].message if problems else "it does not hold a record's keys and values"
        raise UsageError(f"{where}: the record cannot be edited: {reason}; fix the file first "
                         "(`impactctl validate` lists every problem)")
    before = read_text_exactly(root / rel)
    try:
        document = roundtrip.load_text(before)
    except Exception as exc:  # ruamel raises many types on broken YAML; the user fixes the file first
        raise UsageError(f"{rel} cannot be edited until it is valid YAML ({type(exc).__name__}); "
                         "run `impactctl validate` to see where") from None
    change(document)
    # The intended data comes from the round-trip document; the text from splicing it into the author's own.
    after = splice.apply(before, document, rel)
    return _commit(root, rel, before, after, dry_run, today, create=False)


def read_text_exactly(path: Path) -> str:
    """A file's text with its line ends (CRLF stays CRLF) and byte order mark, as an edit must keep them."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _commit(root: Path, rel: str, before: str, after: str, dry_run: bool, today: dt.date | None,
            create: bool) -> EditResult:
    refusal = api.errors_in(root, {rel: after}, today)  # only this file's errors can refuse the edit
    edit = EditResult(root / rel, writer.unified_diff(rel, before, after), refusal)
    if edit.refused or dry_run:
        return edit
    if create:
        if not inside(root, (root / rel).parent):
            raise UsageError(f"{rel.split('/')[0]}/ is a symbolic link to outside the ledger folder; nothing was written")
        if not writer.create_file(root / rel, after):
            raise UsageError(f"{rel} was created by someone else meanwhile; run the command again")
    else:
        if read_text_exactly(root / rel) != before:
            raise UsageError(f"{rel} changed on disk while it was being edited; nothing was written, run the command again")
        writer.replace_file(root / rel, after)
    edit.written = True
    return edit

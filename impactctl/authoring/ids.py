"""Record ids: the ones a ledger already has (from file names), a free one for a new record, an id's file."""

from __future__ import annotations

import os
from pathlib import Path

from impactctl.errors import UsageError
from impactctl.model.ids import id_problem, slugify
from impactctl.model.kinds import FOLDERS
from impactctl.source.loader import RECORD_SUFFIX
from impactctl.suggest import closest, did_you_mean


def existing_ids(root: Path) -> dict[str, str]:
    """Every record id in the ledger (from file names) -> its kind; cheap: no file is parsed."""
    ids: dict[str, str] = {}
    for kind in FOLDERS:
        folder = root / kind
        if folder.is_dir():
            for name in os.listdir(folder):
                if name.endswith(RECORD_SUFFIX):
                    ids[name[: -len(RECORD_SUFFIX)]] = kind
    return ids


def choose_id(root: Path, wanted: str | None, title: str) -> str:
    """The id for a new record: the one asked for (if free and safe), else a unique slug of the title."""
    taken = {i.casefold() for i in existing_ids(root)}
    if wanted:
        reason = id_problem(wanted)
        if reason:
            raise UsageError(f"the id `{wanted}` cannot be used: {reason}")
        if wanted.casefold() in taken:
            raise UsageError(f"the id `{wanted}` is already used in this ledger; choose another with --id")
        return wanted
    base = slugify(title)
    if not base:
        raise UsageError(f"no id can be made from {title!r}: it has no letter or digit that can be written in "
                         "ASCII; give the record an id with --id (an `id` column when importing)")
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def record_path(root: Path, record_id: str) -> str:
    """`kind/id.yaml` of an existing record, or a usage error with a did-you-mean."""
    ids = existing_ids(root)
    if record_id in ids:
        return f"{ids[record_id]}/{record_id}{RECORD_SUFFIX}"
    meant = closest(record_id, ids)
    hint = f"; {did_you_mean(meant)}" if meant else ""
    raise UsageError(f"no record has the id `{record_id}`{hint}")

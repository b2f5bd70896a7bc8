"""What the reader asks of the cache: the whole-ledger result's key, whether it still answers, when to save."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from impactctl import __version__
from impactctl.source.cache import Cache, problem_to
from impactctl.source.attachments import attachment_digest
from impactctl.source.tree import Tree

if TYPE_CHECKING:
    from impactctl.model.ledger import Ledger
    from impactctl.problems import Problem

# A focused check (an edit) saves the cache only when it had to parse at least this many files.
SAVE_AFTER_PARSING = 50


def ledger_key(tree: Tree, today: dt.date) -> str:
    """Everything a whole-ledger result depends on: version, today, every file's bytes, the folder listing."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{__version__}\0{today.isoformat()}\0".encode())
    for rel in sorted(tree.digests):
        digest.update(f"{rel}\0{tree.digest(rel)}\0".encode())
    for problem in tree.listing_problems:
        digest.update(f"{problem.path}\0{problem.code}\0".encode())
    return digest.hexdigest()


def cached_result(root: Path, cache: Cache, key: str) -> dict[str, Any] | None:
    """The whole-ledger result stored for exactly these bytes, if every evidence file it read is unchanged."""
    result = cache.result
    if not result or result.get("key") != key:
        return None
    for name, known in result.get("attachments", {}).items():
        if attachment_digest(root, name) != known:
            return None
    return result


def remember(root: Path, cache: Cache, tree: Tree, today: dt.date, ledger: Ledger | None,
             problems: list[Problem], records: int, files: int) -> None:
    """Keep a whole-ledger result (every file has been read by now, so its key is known)."""
    attachments = {name: attachment_digest(root, name) for name in (ledger.attachments if ledger else {})}
    cache.set_result({"key": ledger_key(tree, today), "records": records, "files": files,
                      "attachments": attachments, "problems": [problem_to(p) for p in problems]})


def worth_saving_after(cache: Cache, overrides: dict[str, str] | None) -> bool:
    """Whether a focused check saves: writing every entry is worth it when many files had to be parsed (the
    first edit after a fresh clone), not for the one file an edit changes."""
    return not overrides or cache.stored - len(overrides) >= SAVE_AFTER_PARSING


def save(cache: Cache, tree: Tree) -> None:
    """Write the cache with the statuses and digests this run saw, keeping entries for existing files only
    (it writes nothing when nothing changed: set_stats leaves the cache clean when no status settled)."""
    cache.set_stats(tree.stats, tree.digests)
    cache.save(keep=tree.paths())

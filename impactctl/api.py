"""The use cases the CLI calls; also impactctl's public Python API.

Heavy modules (pydantic models, the rules) are imported inside the functions that need them, so that
an unchanged ledger re-validates from the cache without paying for them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from impactctl import __version__
from impactctl.problems import CheckResult, Problem
from impactctl.source.cache import Cache, problem_from, problem_to
from impactctl.source.discover import find_ledger
from impactctl.source.tree import Tree, attachment_digest, read_tree

if TYPE_CHECKING:
    from impactctl.model.ledger import Ledger


# A focused check (an edit) saves the cache only when it had to parse at least this many files.
SAVE_AFTER_PARSING = 50


def locate_ledger(path: str | None = None) -> Path:
    """The ledger folder: PATH, else $IMPACTCTL_LEDGER, else the nearest ledger.yaml at or above here, else ./ledger."""
    return find_ledger(path)


def validate(root: Path, today: dt.date | None = None, overrides: dict[str, str] | None = None,
             use_cache: bool = True) -> CheckResult:
    """Check every file of the ledger at `root`: YAML, schema and ledger rules, all in one pass.

    `overrides` (ledger-relative path -> text) checks an edit before it is written. With `use_cache`,
    files whose bytes are unchanged since an earlier run are not parsed again, and an unchanged
    ledger is answered from the cache. A file is trusted unread only while its size, modification
    time, change time and inode are as they were (no edit keeps its change time); otherwise its bytes
    are hashed, so the cache can never make a changed ledger pass.
    """
    return check(root, today, overrides, use_cache)[1]


def check(root: Path, today: dt.date | None = None, overrides: dict[str, str] | None = None,
          use_cache: bool = True, need_ledger: bool = False,
          focus: set[str] | None = None) -> tuple[Ledger | None, CheckResult]:
    """The loaded ledger (None when ledger.yaml is unusable, or answered from the cache without
    loading when `need_ledger` is false) and the result of validating it.

    `focus` (ledger-relative paths) asks for the problems in those files only, as an edit does: the
    rules still compare against the whole ledger, but read only the records they need to.
    """
    today = today or dt.date.today()
    if focus is not None:
        return _focused_check(root, today, overrides, use_cache, frozenset(focus))
    cache = Cache.open(root) if use_cache else None
    # With nothing cached to compare with, the record files are read by the processes that parse them.
    defer = not overrides and (cache is None or (cache.result is None and not cache.has_entries))
    tree = read_tree(root, overrides, cache.stats if cache is not None else None, defer=defer)
    cached = None
    if cache is not None and not overrides and not tree.deferred:
        cached = _cached_result(root, cache, _ledger_key(tree, today))
    if cached is not None:
        # The rules' findings for exactly these bytes are known: a report still needs the records (from the
        # cache's per-file entries), but not the rules run again.
        read_some = bool(tree.raw)
        ledger = _load_cached(root, today, tree, cache) if need_ledger else None
        if read_some or cache.dirty:  # some files had to be read (too fresh to trust last time, or copied)
            # (save writes only if some status has settled since: set_stats leaves the cache clean otherwise)
            cache.set_stats(tree.stats, tree.digests)
            cache.save(keep={rel for rel, _ in tree.files})
        return ledger, _finish(root, cached["records"], cached["files"], [problem_from(p) for p in cached["problems"]])
    ledger, problems, records, files = _full_check(root, today, tree, cache)
    if cache is not None and not overrides:
        key = _ledger_key(tree, today)  # every file has been read by now
        attachments = {name: attachment_digest(root, name) for name in (ledger.attachments if ledger else {})}
        cache.set_result({"key": key, "records": records, "files": files, "attachments": attachments,
                          "problems": [problem_to(p) for p in problems]})
        cache.set_stats(tree.stats, tree.digests)
        cache.save(keep={rel for rel, _ in tree.files})
    return ledger, _finish(root, records, files, problems)


def _focused_check(root: Path, today: dt.date, overrides: dict[str, str] | None, use_cache: bool,
                   focus: frozenset[str]) -> tuple[Ledger | None, CheckResult]:
    """Problems in the focus files only. Files read afresh still go into the cache's per-file entries;
    the whole-ledger entry is left alone, since these findings are not the whole ledger's."""
    cache = Cache.open(root) if use_cache else None
    tree = read_tree(root, overrides, cache.stats if cache is not None else None)
    ledger, problems, records, _ = _full_check(root, today, tree, cache, focus)
    # Saving costs a write of every entry, worth it when many files had to be parsed (the first edit after
    # a fresh clone), not for the one file an edit changes.
    if cache is not None and (not overrides or cache.stored - len(overrides) >= SAVE_AFTER_PARSING):
        cache.set_stats(tree.stats, tree.digests)
        cache.save(keep={rel for rel, _ in tree.files})
    return ledger, _finish(root, records, len(focus), problems)


def _load_cached(root: Path, today: dt.date, tree: Tree, cache: Cache) -> Ledger | None:
    """The ledger, its records taken from the cache's entries (the same bytes give the same records)."""
    from impactctl.source.loader import load_ledger

    return load_ledger(root, today=today, tree=tree, cache=cache)[0]


def _full_check(root: Path, today: dt.date, tree: Tree, cache: Cache | None,
                focus: frozenset[str] | None = None) -> tuple[Any, list[Problem], int, int]:
    """The ledger, the problems found (in the focus files only, when given), records and files checked."""
    from impactctl.checks import run_checks
    from impactctl.source.loader import gc_paused, load_ledger
    from impactctl.source.positions import resolve

    ledger, problems = load_ledger(root, today=today, tree=tree, cache=cache, focus=focus)
    records = 0
    if ledger is not None:
        with gc_paused():  # with a focus, the rules validate the cached records they read, as they go
            problems += run_checks(ledger)
        records = len(ledger.entries)
    if focus is not None:
        problems = [p for p in problems if p.path in focus]
    files = 1 + sum(len(ids) for ids in (ledger.unreadable.values() if ledger else ())) + records
    return ledger, resolve(root, problems, tree.raw), records, files


def _finish(root: Path, records: int, files: int, problems: list[Problem]) -> CheckResult:
    display = display_path(root)
    located = [dataclasses.replace(p, path=f"{display}/{p.path}") for p in problems]
    located.sort(key=Problem.sort_key)
    return CheckResult(ledger=display, files_checked=files, problems=located, records=records)


def _ledger_key(tree: Tree, today: dt.date) -> str:
    """Everything a whole-ledger result depends on: version, today, every file's bytes, the folder listing."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{__version__}\0{today.isoformat()}\0".encode())
    for rel in sorted(tree.digests):
        digest.update(f"{rel}\0{tree.digest(rel)}\0".encode())
    for problem in tree.listing_problems:
        digest.update(f"{problem.path}\0{problem.code}\0".encode())
    return digest.hexdigest()


def _cached_result(root: Path, cache: Cache, key: str) -> dict[str, Any] | None:
    result = cache.result
    if not result or result.get("key") != key:
        return None
    for name, known in result.get("attachments", {}).items():
        if attachment_digest(root, name) != known:
            return None
    return result


def display_path(root: Path) -> str:
    """How to name the ledger folder in messages: relative to here when inside it, so CI annotations match."""
    try:
        relative = os.path.relpath(root)
    except ValueError:  # on another drive (Windows): no relative path exists
        return Path(root).as_posix()
    return Path(root).as_posix() if relative.startswith("..") else Path(relative).as_posix()

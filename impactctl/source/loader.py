"""Load a whole ledger folder into a Ledger plus the problems found reading it, fast and with positions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from impactctl.model.config import LedgerConfig
from impactctl.model.ledger import Attachment, Ledger
from impactctl.problems import Problem
from impactctl.source import schema
from impactctl.source.cache import Cache
from impactctl.source.discover import CONFIG_NAME
from impactctl.source.recordfile import FileResult, Item, check_file_bytes, gc_paused, parse
from impactctl.source.attachments import MISSING, OUTSIDE, attachment_digest
from impactctl.source.tree import RECORD_SUFFIX, Tree, read_bytes, read_tree
from impactctl.source.workers import ParsePool

__all__ = ["RECORD_SUFFIX", "FileResult", "check_file_bytes", "load_ledger", "load_config", "read_yaml", "read_bytes"]


def load_ledger(root: Path, today: dt.date | None = None, overrides: dict[str, str] | None = None,
                tree: Tree | None = None, cache: Cache | None = None, focus: frozenset[str] | None = None,
                pool: ParsePool | None = None) -> tuple[Ledger | None, list[Problem]]:
    """The ledger (None when ledger.yaml is unusable) and every problem met while reading it.

    `overrides` maps ledger-relative paths to text that stands in for the file on disk (or adds a
    file): an edit is checked this way before it is written. `cache` skips files read before. `focus`
    (paths) sets the ledger's focus: rules look for problems in those files only, and records from the
    cache are validated when first read; without a focus every record is read, so all are validated now.
    `pool` parses the files (by default here, or on every core for a large ledger).
    """
    tree = tree or read_tree(root, overrides)
    with gc_paused():
        config, problems = _config_from(tree)
        problems += tree.listing_problems
        results = load_records(tree, cache, pool or ParsePool(root))
        if config is None:
            return None, problems + [p for r in results for p in r.problems]
        ledger = Ledger(root=str(root), config=config, today=today or dt.date.today(), focus=focus)
        for result in results:
            problems += result.problems
            entry = result.entry()
            if entry is not None:
                ledger.entries.append(entry)
                if focus is None:
                    entry.record  # noqa: B018 -- validate it now, with the collector paused (3x faster)
                    result.json = None  # and let its JSON go
            else:
                stem = result.path.rsplit("/", 1)[-1].removesuffix(RECORD_SUFFIX)
                ledger.unreadable.setdefault(result.kind, set()).add(stem)
    ledger.attachments = read_attachments(root, ledger)
    return ledger, problems


def load_config(root: Path) -> tuple[LedgerConfig | None, list[Problem]]:
    raw, problems = read_bytes(root, CONFIG_NAME)
    return _config(raw, problems)


def _config_from(tree: Tree) -> tuple[LedgerConfig | None, list[Problem]]:
    return _config(tree.bytes_of(CONFIG_NAME), tree.read_problems.get(CONFIG_NAME, []))


def _config(raw: bytes | None, problems: list[Problem]) -> tuple[LedgerConfig | None, list[Problem]]:
    data, node, problems = parse(CONFIG_NAME, raw, problems)
    if node is None or problems:
        return None, problems or [Problem(CONFIG_NAME, 0, 0, "config-empty", "ledger.yaml is empty",
                                          hint="run `impactctl init` to create one")]
    return schema.validate(CONFIG_NAME, LedgerConfig, data, node)


def read_yaml(root: Path, rel: str, override: str | None = None):
    """Data, node tree and problems of one ledger file (or of text standing in for it), read safely."""
    raw, problems = (override.encode("utf-8"), []) if override is not None else read_bytes(root, rel)
    return parse(rel, raw, problems)


def load_records(tree: Tree, cache: Cache | None, pool: ParsePool) -> list[FileResult]:
    """Every record file's result, in listing order: from the cache where the bytes are unchanged."""
    results: dict[str, FileResult] = {}
    misses: list[Item] = []
    for rel, kind in tree.files:
        if rel in tree.deferred:
            misses.append((rel, kind, None, None))  # read by whoever parses it
            continue
        hit = cache.lookup(rel, tree.digest(rel)) if cache else None
        if hit is not None:
            record_id, data, problems = hit
            results[rel] = FileResult(rel, kind, None, problems, record_id, data)
        else:
            misses.append((rel, kind, tree.bytes_of(rel), tree.read_problems[rel]))
    for result in pool.parse(misses):
        results[result.path] = result
        if result.read is not None:
            tree.record_read(result.path, result.read)
        if cache is not None and tree.digest(result.path):  # read (not a FIFO, link or unreadable file)
            record = result.record
            data = result.json or (record.model_dump_json().encode("utf-8") if record is not None else None)
            cache.store(result.path, tree.digest(result.path), record.id if record is not None else None,
                        data, result.problems)
        if result.record is not None:
            result.json = None  # the cache holds its own copy: keep one, not two, at 100,000 records
        if not result.problems:
            tree.forget(result.path)  # a clean file's bytes are not needed again: keep memory flat
    return [results[rel] for rel, _ in tree.files]


def read_attachments(root: Path, ledger: Ledger) -> dict[str, Attachment]:
    """sha256 of every evidence file the ledger names (in its focus); files outside the ledger are never read."""
    facts: dict[str, Attachment] = {}
    for entry in ledger.checked("evidence"):
        name = entry.record.file
        if not name or name in facts:
            continue
        digest = attachment_digest(root, name)
        facts[name] = Attachment(outside=digest == OUTSIDE, missing=digest == MISSING,
                                 sha256=digest if digest not in (OUTSIDE, MISSING) else None)
    return facts

"""Load a whole ledger folder into a Ledger plus the problems found reading it, fast and with positions."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator, Optional

from impactctl.model.config import LedgerConfig
from impactctl.model.ledger import Attachment, Entry, Ledger
from impactctl.model.records import KINDS, Record
from impactctl.problems import Problem
from impactctl.source import fastyaml, schema, text
from impactctl.source.cache import Cache
from impactctl.source.discover import CONFIG_NAME
from impactctl.source.tree import (
    MISSING,
    OUTSIDE,
    RECORD_SUFFIX,
    FileRead,
    Tree,
    attachment_digest,
    read_bytes,
    read_file,
    read_tree,
)

__all__ = ["RECORD_SUFFIX", "FileResult", "load_ledger", "load_config", "read_yaml", "read_bytes"]

# Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 2_000


@dataclass
class FileResult:
    """What reading one record file gave: the record (if valid) and its problems. A record answered from
    the cache comes as its id and JSON, validated into a model only when a rule or report reads it."""

    path: str
    kind: str
    record: Record | None
    problems: list[Problem]
    record_id: str | None = None
    json: bytes | None = None
    read: FileRead | None = None  # how a deferred file read (tree.deferred)

    def entry(self) -> Entry | None:
        if self.record is not None:
            return Entry(self.kind, self.path, self.record)
        if self.json is not None and self.record_id is not None:
            return Entry(self.kind, self.path, record_id=self.record_id,
                         load=functools.partial(KINDS[self.kind].model_validate_json, self.json))
        return None


@contextmanager
def gc_paused() -> Iterator[None]:
    """Building tens of thousands of small objects triggers the collector over and over; none is garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what was built lives as long as the command: never scan it again
        if enabled:
            gc.enable()


def load_ledger(root: Path, today: dt.date | None = None, overrides: dict[str, str] | None = None,
                tree: Tree | None = None, cache: Cache | None = None,
                focus: frozenset[str] | None = None) -> tuple[Ledger | None, list[Problem]]:
    """The ledger (None when ledger.yaml is unusable) and every problem met while reading it.

    `overrides` maps ledger-relative paths to text that stands in for the file on disk (or adds a
    file): an edit is checked this way before it is written. `cache` skips files read before. `focus`
    (paths) sets the ledger's focus: rules look for problems in those files only, and records from the
    cache are validated when first read; without a focus every record is read, so all are validated now.
    """
    tree = tree or read_tree(root, overrides)
    with gc_paused():
        config, problems = _config_from(tree)
        problems += tree.listing_problems
        results = load_records(tree, cache)
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


def parse(rel: str, raw: bytes | None, problems: list[Problem]):
    if raw is None:
        return None, None, problems
    content, problems = text.decode(rel, raw)
    if content is None:
        return None, None, problems
    return fastyaml.load(rel, content)


def load_records(tree: Tree, cache: Cache | None) -> list[FileResult]:
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
    for result in _parse_all(tree.root, misses):
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


# A file to parse: (path, kind, bytes, problems reading them), or (path, kind, None, None) for a file not
# read yet (tree.deferred), which the worker reads itself.
Item = tuple[str, str, Optional[bytes], Optional[list[Problem]]]
# What a worker sends back for one file: path, kind, the record's JSON, problems, and how a deferred file read.
Done = tuple[str, str, Optional[str], list[Problem], Optional[FileRead]]


def _from_data(rel: str, kind: str, data: str | None, problems: list[Problem], read: FileRead | None) -> FileResult:
    """A record from the JSON a worker process sent back (kept, for the cache)."""
    record = KINDS[kind].model_validate_json(data) if data is not None else None
    return FileResult(rel, kind, record, problems, json=data.encode("utf-8") if data is not None else None,
                      read=read)


# How worker processes start: None takes the platform's default (fork on Linux; spawn on macOS and
# Windows). Workers import this module afresh under spawn, so all they get is parse_chunk's arguments:
# the folder and a chunk of items (a file not read yet goes as its path and is read by the worker).
START_METHOD: str | None = None
CHUNK = 500


def _parse_all(root: Path, items: list[Item]) -> Iterator[FileResult]:
    """Parse and validate files; when there are many, on every core, yielding results in small chunks as
    they come so that memory stays flat."""
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_THRESHOLD or workers < 2:
        for rel, kind, raw, problems in items:
            raw, problems, read = _bytes(root, rel, raw, problems)
            yield FileResult(rel, kind, *_record(rel, kind, raw, problems), read=read)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [items[start:start + CHUNK] for start in range(0, len(items), CHUNK)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(START_METHOD)) as pool:
        for chunk in pool.map(parse_chunk, [root] * len(chunks), chunks):
            for item in chunk:
                yield _from_data(*item)


def parse_chunk(root: Path, items: list[Item]) -> list[Done]:
    """Parse and validate some files in a worker; a valid record comes back as its JSON (cheap to send), and
    a deferred file's digest and status without its bytes."""
    done = []
    with gc_paused():
        for rel, kind, raw, problems in items:
            raw, problems, read = _bytes(root, rel, raw, problems)
            record, problems = _record(rel, kind, raw, problems)
            if read is not None:
                read = replace(read, raw=None)
            done.append((rel, kind, record.model_dump_json() if record is not None else None, problems, read))
    return done


def _bytes(root: Path, rel: str, raw: bytes | None,
           problems: list[Problem] | None) -> tuple[bytes | None, list[Problem], FileRead | None]:
    """The item's bytes and read problems, reading a deferred file now (and saying how it read)."""
    if problems is not None:
        return raw, problems, None
    read = read_file(root, rel)
    return read.raw, list(read.problems), read


def check_file_bytes(rel: str, kind: str, raw: bytes) -> tuple[Record | None, list[Problem]]:
    """One record file's bytes through every per-file check (the fuzzing entry point)."""
    return _record(rel, kind, raw, [])


def _record(rel: str, kind: str, raw: bytes | None, problems: list[Problem]) -> tuple[Record | None, list[Problem]]:
    data, node, problems = parse(rel, raw, problems)
    if node is None and not problems:
        problems = [Problem(rel, 0, 0, "empty-file", "the file is empty", hint="write the record, or delete the file")]
    if problems:
        return None, problems
    return schema.validate(rel, KINDS[kind], data, node)


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

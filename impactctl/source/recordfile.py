"""One record file to its record and problems: read, parsed and validated here or in a worker process."""

from __future__ import annotations

import functools
import gc
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, Optional

from impactctl.model.ledger import Entry
from impactctl.model.records import KINDS, Record
from impactctl.problems import Problem
from impactctl.source import fastyaml, schema, text
from impactctl.source.tree import FileRead, read_file


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


# A file to parse: (path, kind, bytes, problems reading them), or (path, kind, None, None) for a file not
# read yet (tree.deferred), which whoever parses it reads.
Item = tuple[str, str, Optional[bytes], Optional[list[Problem]]]
# What a worker sends back for one file: path, kind, the record's JSON, problems, and how a deferred file read.
Done = tuple[str, str, Optional[str], list[Problem], Optional[FileRead]]


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


def parse_item(root: Path, item: Item) -> FileResult:
    """One file parsed and validated in this process."""
    rel, kind, raw, problems = item
    raw, problems, read = _bytes(root, rel, raw, problems)
    return FileResult(rel, kind, *_record(rel, kind, raw, problems), read=read)


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


def from_done(rel: str, kind: str, data: str | None, problems: list[Problem], read: FileRead | None) -> FileResult:
    """A record from the JSON a worker process sent back (kept, for the cache)."""
    record = KINDS[kind].model_validate_json(data) if data is not None else None
    return FileResult(rel, kind, record, problems, json=data.encode("utf-8") if data is not None else None,
                      read=read)


def _bytes(root: Path, rel: str, raw: bytes | None,
           problems: list[Problem] | None) -> tuple[bytes | None, list[Problem], FileRead | None]:
    """The item's bytes and read problems, reading a deferred file now (and saying how it read)."""
    if problems is not None:
        return raw, problems, None
    read = read_file(root, rel)
    return read.raw, list(read.problems), read


def parse(rel: str, raw: bytes | None, problems: list[Problem]):
    """Data, node tree and problems of a file's bytes (None, None and the problems when there are none)."""
    if raw is None:
        return None, None, problems
    content, problems = text.decode(rel, raw)
    if content is None:
        return None, None, problems
    return fastyaml.load(rel, content)


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

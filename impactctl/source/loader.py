"""Load a whole ledger folder into a Ledger plus the problems found reading it."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from impactctl.model.config import LedgerConfig
from impactctl.model.ledger import Attachment, Entry, Ledger
from impactctl.model.records import KINDS, Record
from impactctl.problems import Problem, Severity
from impactctl.source import fastyaml, schema, text
from impactctl.source.discover import CONFIG_NAME
from impactctl.source.limits import MAX_FILE_BYTES

RECORD_SUFFIX = ".yaml"


@dataclass
class FileResult:
    """What reading one record file gave: the record (if valid) and its problems."""

    path: str
    kind: str
    record: Record | None
    problems: list[Problem]


def load_ledger(root: Path, today: dt.date | None = None,
                overrides: dict[str, str] | None = None) -> tuple[Ledger | None, list[Problem]]:
    """The ledger (None when ledger.yaml is unusable) and every problem met while reading it.

    `overrides` maps ledger-relative paths to text that stands in for the file on disk (or
    adds a file): an edit is checked this way before it is written.
    """
    overrides = overrides or {}
    config, problems = load_config(root)
    files, listing_problems = list_record_files(root)
    files += [(rel, rel.split("/", 1)[0]) for rel in sorted(overrides) if (rel, rel.split("/", 1)[0]) not in files
              and rel.split("/", 1)[0] in KINDS]
    problems += listing_problems
    results = [load_record_file(root, rel, kind, overrides.get(rel)) for rel, kind in files]
    if config is None:
        return None, problems + [p for r in results for p in r.problems]
    ledger = Ledger(root=str(root), config=config, today=today or dt.date.today())
    for result in results:
        problems += result.problems
        if result.record is not None:
            ledger.entries.append(Entry(result.kind, result.path, result.record))
        else:
            stem = result.path.rsplit("/", 1)[-1].removesuffix(RECORD_SUFFIX)
            ledger.unreadable.setdefault(result.kind, set()).add(stem)
    ledger.attachments = read_attachments(root, ledger)
    return ledger, problems


def load_config(root: Path) -> tuple[LedgerConfig | None, list[Problem]]:
    data, node, problems = read_yaml(root, CONFIG_NAME)
    if node is None or problems:
        return None, problems or [Problem(CONFIG_NAME, 0, 0, "config-empty", "ledger.yaml is empty",
                                          hint="run `impactctl init` to create one")]
    config, schema_problems = schema.validate(CONFIG_NAME, LedgerConfig, data, node)
    return config, schema_problems


def read_yaml(root: Path, rel: str, override: str | None = None):
    """Data, node tree and problems of one ledger file (or of text standing in for it), read safely."""
    raw, problems = (override.encode("utf-8"), []) if override is not None else read_bytes(root, rel)
    if raw is None:
        return None, None, problems
    content, problems = text.decode(rel, raw)
    if content is None:
        return None, None, problems
    return fastyaml.load(rel, content)


def read_bytes(root: Path, rel: str) -> tuple[bytes | None, list[Problem]]:
    """A regular file's bytes inside the ledger; anything else is a problem, never followed."""
    path = root / rel
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode) and not _inside(root, path):
            return None, [Problem(rel, 0, 0, "path-outside-ledger", "this symbolic link points outside the ledger folder",
                                  hint="copy the file into the ledger instead of linking to it")]
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None, [Problem(rel, 0, 0, "not-a-file", "this is not a regular file",
                                  hint="remove it from the ledger folder")]
        if info.st_size > MAX_FILE_BYTES:
            return None, [text.too_large(rel, info.st_size)]
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1), []
    except OSError as exc:
        return None, [Problem(rel, 0, 0, "unreadable", f"the file cannot be read: {exc.strerror}")]


def list_record_files(root: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(relative path, kind) of every record file, sorted; stray files are warnings."""
    found: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for kind in KINDS:
        folder = root / kind
        if not folder.is_dir():
            continue
        for name in sorted(os.listdir(folder)):
            rel = f"{kind}/{name}"
            if name.endswith(RECORD_SUFFIX):
                found.append((rel, kind))
            elif name.endswith(".yml"):
                problems.append(Problem(rel, 0, 0, "file-name", "record files end in `.yaml`, not `.yml`",
                                        hint=f"rename it to {name[:-4]}.yaml"))
            elif not (kind == "evidence" and name == "files") and not name.startswith("."):
                problems.append(Problem(rel, 0, 0, "stray-file", f"`{name}` is not a record file and is ignored",
                                        severity=Severity.WARNING, hint=f"move it out of {kind}/"))
    return found, problems


def load_record_file(root: Path, rel: str, kind: str, override: str | None = None) -> FileResult:
    data, node, problems = read_yaml(root, rel, override)
    if node is None and not problems:
        problems = [Problem(rel, 0, 0, "empty-file", "the file is empty", hint="write the record, or delete the file")]
    if problems:
        return FileResult(rel, kind, None, problems)
    record, problems = schema.validate(rel, KINDS[kind], data, node)
    return FileResult(rel, kind, record, problems)


def read_attachments(root: Path, ledger: Ledger) -> dict[str, Attachment]:
    """sha256 of every evidence file the ledger names; files outside the ledger are never read."""
    facts: dict[str, Attachment] = {}
    for entry in ledger.evidence:
        name = entry.record.file
        if not name or name in facts:
            continue
        path = root / name
        if os.path.isabs(name) or not _inside(root, path):
            facts[name] = Attachment(outside=True)
        elif not path.is_file():
            facts[name] = Attachment(missing=True)
        else:
            facts[name] = Attachment(sha256=_sha256(path))
    return facts


def _inside(root: Path, path: Path) -> bool:
    real_root = os.path.realpath(root)
    return os.path.commonpath([real_root, os.path.realpath(path)]) == real_root


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

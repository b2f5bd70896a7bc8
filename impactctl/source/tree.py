"""Read every file of a ledger folder once: the listing, each file's bytes (safely) and a digest of each."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from impactctl.model import kinds
from impactctl.problems import Problem, Severity
from impactctl.source import text
from impactctl.source.discover import CONFIG_NAME
from impactctl.source.limits import MAX_FILE_BYTES

RECORD_SUFFIX = ".yaml"
# The record folders, in load order, from the table of record kinds (which imports no pydantic).
KIND_FOLDERS = kinds.FOLDERS


@dataclass
class Tree:
    """What is on disk: record files by kind, a digest of each, their bytes where read, problems reading them.

    Built by read_tree; after that it changes only through its methods, as the loader reads files
    (record_read, bytes_of, forget). Other modules read its fields, never assign them.
    """

    root: Path
    files: list[tuple[str, str]] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)
    # rel -> [size, mtime_ns, ctime_ns, inode] of each regular file, for the cache's next run.
    stats: dict[str, list[int]] = field(default_factory=dict)
    raw: dict[str, bytes | None] = field(default_factory=dict)
    read_problems: dict[str, list[Problem]] = field(default_factory=dict)
    listing_problems: list[Problem] = field(default_factory=list)
    overridden: set[str] = field(default_factory=set)
    # Files left for the loader's worker processes to read, hash and parse in one go (a ledger seen for
    # the first time); read_file() fills in their digest and status.
    deferred: set[str] = field(default_factory=set)

    def digest(self, rel: str) -> str:
        return self.digests.get(rel, "")

    def paths(self) -> set[str]:
        """Every record file's path (what the cache keeps entries for)."""
        return {rel for rel, _ in self.files}

    def take(self, rel: str, read: FileRead) -> None:
        """A file read here: its bytes, kept until the loader has parsed them, and how it read."""
        self.raw[rel] = read.raw
        self.record_read(rel, read)

    def forget(self, rel: str) -> None:
        """Drop a file's bytes once it has been read without problems (an override's text is kept)."""
        if rel not in self.overridden:
            self.raw.pop(rel, None)

    def record_read(self, rel: str, read: FileRead) -> None:
        """Take in how a file read: its digest, problems and status (its bytes are the caller's to keep;
        a worker's read of a deferred file comes without them)."""
        self.deferred.discard(rel)
        self.digests[rel], self.read_problems[rel] = read.digest, read.problems
        if read.status is not None and read.digest:
            self.stats[rel] = read.status

    def bytes_of(self, rel: str) -> bytes | None:
        """The file's bytes, reading them now if the cache let read_tree skip them."""
        if rel not in self.raw:
            self.raw[rel], self.read_problems[rel] = read_bytes(self.root, rel)
        return self.raw[rel]


@dataclass
class FileRead:
    """One file as read: its bytes (None when it could not be), digest, status and problems reading it."""

    raw: bytes | None
    digest: str
    status: list[int] | None
    problems: list[Problem]


def read_tree(root: Path, overrides: dict[str, str] | None = None,
              known: dict[str, list] | None = None, defer: bool = False) -> Tree:
    """Every record file and ledger.yaml, with a digest of each.

    `overrides` (path -> text) stand in for files or add them. `known` (path -> [size, mtime_ns,
    ctime_ns, inode, digest], from the cache) lets a file whose status is unchanged go unread: its
    change time moves on every write, and cannot be set back, so no edit keeps it. With `defer`, record
    files are not read here but left in `tree.deferred`, for worker processes to read as they parse.
    """
    overrides, known = overrides or {}, known or {}
    files, listing_problems = list_record_files(root)
    for rel in sorted(overrides):
        kind = rel.split("/", 1)[0]
        if kind in KIND_FOLDERS and (rel, kind) not in files:
            files.append((rel, kind))
    deferred = {rel for rel, _ in files if rel not in overrides} if defer else set()
    tree = Tree(root, files, listing_problems=listing_problems, overridden=set(overrides), deferred=deferred)
    for rel in [CONFIG_NAME, *(rel for rel, _ in files)]:
        if rel in deferred:
            continue
        if rel in overrides:
            raw = overrides[rel].encode("utf-8")
            tree.take(rel, FileRead(raw, _digest(raw), None, []))
            continue
        status = _status(root, rel)
        if status is not None and known.get(rel, [])[:4] == status:
            # Unchanged since the cache saw it: its digest is the cache's. (Inline: this runs once per file.)
            tree.digests[rel], tree.stats[rel], tree.read_problems[rel] = known[rel][4], status, []
            continue
        tree.take(rel, _read_with_status(root, rel, status))
    return tree


def read_file(root: Path, rel: str) -> FileRead:
    """One deferred file, read as read_tree reads files (in a worker process)."""
    return _read_with_status(root, rel, _status(root, rel))


def _read_with_status(root: Path, rel: str, status: list[int] | None) -> FileRead:
    raw, problems = _read_regular(root, rel, status)
    return FileRead(raw, _digest(raw), status, problems)


def _digest(raw: bytes | None) -> str:
    return "" if raw is None else hashlib.blake2b(raw, digest_size=16).hexdigest()


def _read_regular(root: Path, rel: str, status: list[int] | None) -> tuple[bytes | None, list[Problem]]:
    """Read a file already known to be a regular file of a fine size without another stat."""
    if status is None or status[0] > MAX_FILE_BYTES:
        return read_bytes(root, rel)
    try:
        return read_sized(os.path.join(root, rel), status[0]), []
    except OSError:
        return read_bytes(root, rel)  # it changed under us: take the careful path


def _status(root: Path, rel: str) -> list[int] | None:
    try:
        info = os.lstat(os.path.join(root, rel))
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    # The change time, or the modification time where later: Windows reports the creation time as st_ctime,
    # which no write moves, so there a file just written must still look just changed (cache.set_stats).
    return [info.st_size, info.st_mtime_ns, max(info.st_ctime_ns, info.st_mtime_ns), info.st_ino]


def list_record_files(root: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(relative path, kind) of every record file, sorted; stray files are warnings."""
    found: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for kind in KIND_FOLDERS:
        folder = root / kind
        if not folder.is_dir():
            continue
        if not inside(root, folder):  # its files would pass every check of read_bytes, which looks at the last link only
            problems.append(Problem(kind, 0, 0, "path-outside-ledger", f"the folder `{kind}` is a symbolic link to outside the ledger folder",
                                    hint="copy the records into the ledger instead of linking to them"))
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


def read_bytes(root: Path, rel: str) -> tuple[bytes | None, list[Problem]]:
    """A regular file's bytes inside the ledger; anything else is a problem, never followed."""
    path = os.path.join(root, rel)
    try:
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size <= MAX_FILE_BYTES:  # the usual case: one stat, one read
            return read_sized(path, info.st_size), []
        if stat.S_ISLNK(info.st_mode) and not inside(root, Path(path)):
            return None, [Problem(rel, 0, 0, "path-outside-ledger", "this symbolic link points outside the ledger folder",
                                  hint="copy the file into the ledger instead of linking to it")]
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None, [Problem(rel, 0, 0, "not-a-file", "this is not a regular file",
                                  hint="remove it from the ledger folder")]
        if info.st_size > MAX_FILE_BYTES:
            return None, [text.too_large(rel, info.st_size)]
        return read_sized(path, info.st_size), []
    except OSError as exc:
        return None, [Problem(rel, 0, 0, "unreadable", f"the file cannot be read: {exc.strerror}")]


def read_sized(path: str, size: int) -> bytes:
    """A file whose size was just taken, in one allocation of that size. (Reading with the 1 MB cap as the
    buffer size makes the allocator map a fresh memory segment per file: 100,000 files exhaust the
    process's limit on mappings.) A file that grew meanwhile is read up to the cap, so the size check holds."""
    with open(path, "rb") as handle:
        data = handle.read(size + 1)
        if len(data) > size:
            data += handle.read(MAX_FILE_BYTES + 1 - len(data))
    return data


def inside(root: Path, path: Path) -> bool:
    real_root = os.path.realpath(root)
    return os.path.commonpath([real_root, os.path.realpath(path)]) == real_root


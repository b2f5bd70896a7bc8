"""The validation cache: one signed file in the ledger's .impactctl/ folder, keyed on each file's content.

- Each record file's result (its id, its validated data as JSON and its YAML/schema problems) is kept
  as one line under the file's path and a digest of its bytes, so only files whose bytes changed are
  parsed again, and a record is validated from its JSON only when something reads it. A file is
  trusted unread only while its size, modification time, change time and inode match what was seen
  (and its last change was a clock tick before that run); otherwise it is hashed, so a file edited
  behind the cache's back, even keeping its size and modification time, is read afresh. An unchanged
  ledger re-validates from the whole-result entry.
- The file is signed with a key kept in the user's cache folder (never in the repository), so a cache
  file that arrives in a pull request, or is corrupt, or comes from another version, is ignored and rebuilt.
- It is written atomically (a temporary file, then a rename); two runs at once each leave a whole file.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import secrets
import stat
import tempfile
import time
from pathlib import Path
from typing import Any, BinaryIO

import platformdirs

from impactctl import __version__
from impactctl.problems import Problem, Severity
from impactctl.source.writer import private_folder

CACHE_NAME = ".impactctl/cache.jsonl"
_FORMAT = "impactctl-cache-4"  # 4: one line per file, its record kept as JSON text, validated only when read


def _key_file() -> Path:
    """The key's file in the user's cache folder: ~/.cache/impactctl on Linux, ~/Library/Caches/impactctl on
    macOS, %LOCALAPPDATA%\\impactctl\\Cache on Windows; XDG_CACHE_HOME, where set, is honoured everywhere."""
    base = os.environ.get("XDG_CACHE_HOME")
    folder = Path(base) / "impactctl" if base else platformdirs.user_cache_path("impactctl", appauthor=False)
    return folder / "cache-key"


def _signing_key() -> bytes | None:
    """A per-user secret, made on first use; without one (no writable home) the cache is not used."""
    path = _key_file()
    for _ in range(2):
        try:
            return bytes.fromhex(path.read_text().strip())
        except (OSError, ValueError):
            pass
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
        except FileExistsError:
            continue  # another process made it first (or it is unreadable): read it once more
        except OSError:
            return None
    return None


class Cache:
    """Results of earlier runs; every lookup is by content digest."""

    def __init__(self, root: Path, key: bytes | None) -> None:
        self.path = root / CACHE_NAME
        self._key = key
        self.result: dict[str, Any] | None = None
        self.stats: dict[str, list] = {}  # path -> [size, mtime_ns, ctime_ns, inode, digest]
        self._body_digest = ""  # the header's digest of the per-file entries, read on first lookup
        self._lines: dict[str, bytes] | None = None
        self.dirty = False
        self.stored = 0  # entries stored by this run
        self.opened_ns = time.time_ns()  # before any file of the ledger is looked at

    @classmethod
    def open(cls, root: Path) -> "Cache":
        cache = cls(root, _signing_key())
        if cache._key is not None:
            cache._read()
        return cache

    def _sign(self, payload: str) -> str:
        return hmac.new(self._key, payload.encode("utf-8"), hashlib.sha256).hexdigest()

    def _read(self) -> None:
        """Only the signed header is read now; the per-file entries wait until a lookup needs them."""
        try:
            with _open_regular(self.path) as handle:
                signature, header, stats = (handle.readline().decode("utf-8").rstrip("\n") for _ in range(3))
            if not hmac.compare_digest(signature, self._sign(header + "\n" + stats)):
                return
            meta = json.loads(header)
            if meta.get("format") != _FORMAT or meta.get("version") != __version__:
                return
            self.result, self._body_digest, self.stats = meta.get("result"), meta["body"], json.loads(stats)
        except (OSError, ValueError, TypeError, KeyError, UnicodeDecodeError):
            self.result, self._body_digest, self.stats = None, "", {}  # missing, corrupt or foreign

    @property
    def has_entries(self) -> bool:
        """Whether any file's entry was saved (known from the signed header, without reading the entries)."""
        return bool(self._body_digest) and self._body_digest != _EMPTY_BODY

    @property
    def lines(self) -> dict[str, bytes]:
        """JSON-quoted path -> that file's entry line (parsed only when looked up)."""
        if self._lines is None:
            self._lines = self._read_body()
        return self._lines

    def _read_body(self) -> dict[str, bytes]:
        if not self._body_digest:
            return {}
        lines: dict[str, bytes] = {}
        digest = hashlib.blake2b(digest_size=32)
        try:
            with _open_regular(self.path) as handle:
                for _ in range(3):
                    handle.readline()
                for line in handle:  # line by line, hashing as it goes: never the whole body and its lines at once
                    digest.update(line)
                    line = line.rstrip(b"\n")
                    if line:
                        lines[line[:line.find(b"\t")].decode("utf-8", "replace")] = line
        except OSError:
            return {}
        return lines if hmac.compare_digest(digest.hexdigest(), self._body_digest) else {}

    def lookup(self, rel: str, digest: str) -> tuple[str | None, bytes | None, list[Problem]] | None:
        """The record's id and JSON (None when it did not validate) and the file's problems, if its bytes
        are unchanged since they were stored."""
        line = self.lines.get(_quoted(rel))
        if line is None:
            return None
        try:
            _, stored, record_id, problems, data = line.split(b"\t")
            if stored.decode("ascii") != digest or (not record_id) != (data == b"null"):
                return None
            found = [] if problems == b"[]" else [problem_from(p) for p in json.loads(problems)]
            return record_id.decode("utf-8") or None, None if data == b"null" else data, found
        except (ValueError, TypeError, KeyError, UnicodeDecodeError):
            return None  # signed, so never forged; but never let a damaged line stop validation

    def store(self, rel: str, digest: str, record_id: str | None, data: bytes | None, problems: list[Problem]) -> None:
        """Remember one file's result (`data`: the record's JSON). JSON written compactly holds no tab or
        newline, nor does a valid id, so each entry is one line of tab-separated fields: path, digest,
        id, problems, record."""
        if record_id is not None and ("\t" in record_id or "\n" in record_id or not record_id):
            return  # not a valid id (the model would have refused it): simply not cached
        key = _quoted(rel)
        found = _compact([problem_to(p) for p in problems]) if problems else "[]"
        head = "\t".join((key, digest, record_id or "", found, ""))
        self.lines[key] = head.encode("utf-8") + (data if data is not None else b"null")
        self.dirty = True
        self.stored += 1

    def set_result(self, result: dict[str, Any]) -> None:
        if result != self.result:
            self.result = result
            self.dirty = True

    def set_stats(self, stats: dict[str, list[int]], digests: dict[str, str]) -> None:
        """Remember each file's status and digest, leaving out a file changed just before this run began:
        another write within the same tick of the file system's clock could keep its status (git's
        "racy clean"). Statuses are taken after the cache is opened, so a file whose change time is a
        tick older than that was read after its last change."""
        settled = {rel: [*status, digests[rel]] for rel, status in stats.items()
                   if status[2] < self.opened_ns - _racy_margin(status[2])}
        if settled != self.stats:
            self.stats = settled
            self.dirty = True

    def save(self, keep: set[str]) -> None:
        """Write the cache (only entries for files that still exist); a read-only ledger just goes uncached.

        The entries are already lines in memory: one pass hashes them for the signed header, a second
        writes the header and them to a temporary file, which then replaces the cache in one step.
        """
        if self._key is None or not self.dirty:
            return
        kept_keys = {_quoted(rel) for rel in keep}
        kept = [line for key, line in self.lines.items() if key in kept_keys]
        body = hashlib.blake2b(digest_size=32)
        for line in kept:
            body.update(line)
            body.update(b"\n")
        header = json.dumps({"format": _FORMAT, "version": __version__, "body": body.hexdigest(),
                             "result": self.result})
        stats = json.dumps(self.stats, separators=(",", ":"))
        tmp = None
        try:
            private_folder(self.path.parent.parent)
            fd, tmp = tempfile.mkstemp(prefix=".cache.", dir=self.path.parent)
            with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
                handle.write(f"{self._sign(header + chr(10) + stats)}\n{header}\n{stats}\n".encode("utf-8"))
                for line in kept:
                    handle.write(line)
                    handle.write(b"\n")
            os.replace(tmp, self.path)
        except OSError:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


_EMPTY_BODY = hashlib.blake2b(b"", digest_size=32).hexdigest()


def _racy_margin(ctime_ns: int) -> int:
    """How much older than this run a change must be to be safely in an earlier clock tick. A file
    system that stamps times finer than 10 ms (ext4, XFS, Btrfs, tmpfs, APFS, NTFS) takes them from a
    clock that ticks at least every 10 ms, so 100 ms is ample; one that stamps whole seconds or 10 ms
    steps (ext3, HFS+, FAT) needs two seconds."""
    return 100_000_000 if ctime_ns % 10_000_000 else 2_000_000_000


def _quoted(rel: str) -> str:
    """The path as a JSON string (the key of its line); most paths need no escaping, and skip json.dumps."""
    if rel.isascii() and rel.isprintable() and '"' not in rel and "\\" not in rel:
        return f'"{rel}"'
    return json.dumps(rel)


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


# Flags only some systems have: no link followed, no wait on a FIFO (POSIX); no newline translation (Windows).
_READ_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _open_regular(path: Path) -> BinaryIO:
    """The cache file, only if it is a regular file: never a link (to /dev/zero, say) nor a FIFO that blocks."""
    fd = os.open(path, os.O_RDONLY | _READ_FLAGS)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    return os.fdopen(fd, "rb")


def problem_to(problem: Problem) -> dict[str, Any]:
    return {"path": problem.path, "line": problem.line, "column": problem.column, "code": problem.code,
            "message": problem.message, "severity": problem.severity.value, "hint": problem.hint,
            "loc": list(problem.loc) if problem.loc is not None else None, "at_key": problem.at_key,
            "excerpt": problem.excerpt}


def problem_from(data: dict[str, Any]) -> Problem:
    loc = tuple(data["loc"]) if data.get("loc") is not None else None
    return Problem(data["path"], data["line"], data["column"], data["code"], data["message"],
                   Severity(data["severity"]), data.get("hint", ""), loc, data.get("at_key", False),
                   data.get("excerpt", ""))

"""The git adapter: the only module that runs `git`, always as a list of arguments, never through a shell.

Every call runs in the ledger folder with `-c core.quotepath=off`, an explicit `--format` whose fields
are split by unit separators (0x1f) and records by record separators (0x1e), and `-z` so paths come
NUL-terminated. Paths are returned relative to the ledger folder.

Failures are exceptions, all `GitError` (an ImpactctlError, so the CLI exits 2):
- `GitUnavailable`: the `git` program is not installed, or the folder is not in a git working tree
  (`repo_info` instead returns None for the latter, so callers can ask without catching);
- `BadRevision`: a revision git does not know, named in the message (with a hint on a shallow clone).

Renames are not followed (`--no-renames`): a renamed record is reported as removed plus added, which is
what the ledger sees (the file name is the id). `export` reads blobs with `ls-tree` and `cat-file` rather
than `git archive`, so `export-ignore`/`export-subst` attributes cannot change what is materialised and
there is no archive to sanitise; paths are still checked, and links and submodules are skipped.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from impactctl.errors import ImpactctlError

_US, _RS = "\x1f", "\x1e"
_LOG_FORMAT = "--format=%x1e%H%x1f%an%x1f%aI"


class GitError(ImpactctlError):
    """git could not do what was asked."""


class GitUnavailable(GitError):
    """No `git` program, or the ledger folder is not inside a git working tree."""


class BadRevision(GitError):
    """A revision (commit, tag, branch, HEAD~3 ...) that the repository does not have."""

    def __init__(self, rev: str, shallow: bool = False) -> None:
        hint = (" (this is a shallow clone, so older commits are missing: run `git fetch --unshallow`)"
                if shallow else "")
        super().__init__(f"unknown revision {rev!r}: no such commit, branch or tag in this repository{hint}")
        self.rev = rev


@dataclass(frozen=True)
class RepoInfo:
    """Where the ledger sits in its repository, and whether the history is complete."""

    toplevel: Path
    prefix: str  # the ledger folder relative to the toplevel, "" or ending in "/"
    shallow: bool


@dataclass(frozen=True)
class FileChange:
    """One file a commit touched: status A (added), M (modified), D (deleted); R only with renames on."""

    status: str
    path: str
    old_path: str | None = None


@dataclass(frozen=True)
class Commit:
    """One commit: its id, author name, author date, and the ledger files it changed."""

    sha: str
    author: str
    date: dt.date  # the author date, in the author's own time zone
    files: list[FileChange] = field(default_factory=list)


def _run(root: Path, args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess:
    if not Path(root).is_dir():
        raise GitUnavailable(f"{Path(root).as_posix()} is not a folder")
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, input=stdin,
                              capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise GitUnavailable("git is not installed (no `git` program on PATH), so the history cannot be read") from None


def _stderr(done: subprocess.CompletedProcess) -> str:
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"git exited with {done.returncode}"


def _git(root: Path, args: list[str], stdin: bytes | None = None) -> bytes:
    done = _run(root, args, stdin)
    if done.returncode != 0:
        if b"not a git repository" in done.stderr:
            raise GitUnavailable(_not_a_repo(root))
        raise GitError(f"git {args[0]} failed: {_stderr(done)}")
    return done.stdout


def _not_a_repo(root: Path) -> str:
    return f"not a git repository: {Path(root).as_posix()} is not inside a git working tree, so it has no history to read"


def repo_info(root: Path) -> RepoInfo | None:
    """The repository holding the ledger folder, or None when it is not in a git working tree.

    Raises GitUnavailable when git is not installed, GitError when git refuses the repository
    (for instance one owned by another user: `safe.directory`).
    """
    done = _run(root, ["rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository"])
    if done.returncode != 0:
        if b"not a git repository" in done.stderr:
            return None
        raise GitError(f"git cannot read the repository at {Path(root).as_posix()}: {_stderr(done)}")
    lines = done.stdout.decode("utf-8", "surrogateescape").split("\n")
    if len(lines) < 3 or not lines[0]:
        return None  # inside .git, or a bare repository: no working tree
    return RepoInfo(toplevel=Path(lines[0]), prefix=lines[1], shallow=lines[2].strip() == "true")


# Full commit ids already verified, by repository folder: a history asks about the same two or three
# commits several times, and each question would otherwise start a git process (25 ms each).
_VERIFIED: set[tuple[str, str]] = set()
_FULL_ID = re.compile(r"[0-9a-f]{40}")


def resolve(root: Path, rev: str) -> str:
    """The full commit id `rev` names; BadRevision when there is none."""
    if not rev or rev.startswith("-") or any(c in rev for c in "\0\n"):
        raise BadRevision(rev)
    if (str(root), rev) in _VERIFIED:
        return rev
    done = _run(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"])
    if done.returncode != 0:
        if b"not a git repository" in done.stderr:
            raise GitUnavailable(_not_a_repo(root))
        info = repo_info(root)
        raise BadRevision(rev, shallow=bool(info and info.shallow))
    sha = done.stdout.decode("ascii").strip()
    if _FULL_ID.fullmatch(sha):
        _VERIFIED.add((str(root), sha))
    return sha


def _range_args(root: Path, rev_range: str) -> list[str]:
    """`A..B`, `A...B` or a single revision, each side checked so a typo is named, not a git trace."""
    sep = "..." if "..." in rev_range else ".." if ".." in rev_range else None
    if sep is None:
        return [resolve(root, rev_range)]
    left, right = rev_range.split(sep, 1)
    return [f"{resolve(root, left or 'HEAD')}{sep}{resolve(root, right or 'HEAD')}"]


def has_commits(root: Path) -> bool:
    return _run(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).returncode == 0


def log(root: Path, since: dt.date | None = None, until: dt.date | None = None, rev_range: str | None = None,
        *, first_parent: bool = False, files: bool = True) -> list[Commit]:
    """Commits touching the ledger folder, oldest first, with the ledger files each one changed (unless
    `files` is false: listing them is most of the cost when a commit adds a whole ledger).

    `rev_range` is `A..B`, or one revision meaning everything reachable from it (default HEAD; an empty
    repository gives []). `since` and `until` keep commits whose author date lies between them (inclusive);
    they filter here, in Python, because git's own `--since` reads committer dates and stops early.
    Merge commits list no files unless `first_parent` (then their change against the first parent).
    """
    if rev_range is None and not has_commits(root):
        return []
    revs = _range_args(root, rev_range or "HEAD")
    args = ["log", "-z", _LOG_FORMAT, *(["--name-status"] if files else []), "--no-renames", "--relative",
            "--reverse", "--no-color", "--no-show-signature", "--no-ext-diff"]
    if first_parent:
        args += ["--first-parent", "-m"]
    out = _git(root, [*args, "--end-of-options", *revs, "--", "."]).decode("utf-8", "surrogateescape")
    commits = [_parse_commit(chunk) for chunk in out.split(_RS)[1:]]
    _VERIFIED.update((str(root), c.sha) for c in commits)  # git printed them: they are commits
    return [c for c in commits if (since is None or c.date >= since) and (until is None or c.date <= until)]


def commit(root: Path, rev: str) -> Commit:
    """One commit's id, author and author date (files not listed)."""
    out = _git(root, ["log", "-1", "-z", _LOG_FORMAT, "--no-show-signature", "--end-of-options", resolve(root, rev)])
    return _parse_commit(out.decode("utf-8", "surrogateescape").split(_RS)[1])


def _parse_commit(chunk: str) -> Commit:
    header, _, rest = chunk.partition("\0")
    sha, author, date = header.split(_US)
    return Commit(sha, author, dt.date.fromisoformat(date[:10]), _parse_name_status(rest.lstrip("\n")))


def _parse_name_status(text: str) -> list[FileChange]:
    parts = text.split("\0")
    changes, i = [], 0
    while i < len(parts) and parts[i]:
        status = parts[i][0]
        if status in "RC":
            changes.append(FileChange(status, parts[i + 2], parts[i + 1]))
            i += 3
        else:
            changes.append(FileChange(status, parts[i + 1]))
            i += 2
    return changes


def _empty_tree(root: Path) -> str:
    return _git(root, ["hash-object", "-t", "tree", "--stdin"], b"").decode("ascii").strip()


def diff_texts(root: Path, rev1: str | None, rev2: str) -> list[tuple[str, str | None, str | None]]:
    """(path, text at rev1, text at rev2) of each ledger file that differs between two revisions (rev1 None:
    the empty tree), sorted; a side where the file is absent is None. Two git processes in all: the blob
    ids come with the diff, and every blob is read in one `cat-file --batch`."""
    old = resolve(root, rev1) if rev1 is not None else _empty_tree(root)
    new = resolve(root, rev2)
    out = _git(root, ["diff", "-z", "--raw", "--no-abbrev", "--no-renames", "--relative", "--no-color",
                      "--no-ext-diff", "--end-of-options", old, new, "--", "."]).decode("utf-8", "surrogateescape")
    parts = out.split("\0")
    found = []
    for header, path in zip(parts[0::2], parts[1::2]):
        if not header.startswith(":"):
            break
        _, _, old_id, new_id, _ = header[1:].split(" ", 4)
        found.append((path, None if set(old_id) == {"0"} else old_id, None if set(new_id) == {"0"} else new_id))
    found.sort()
    ids = [blob for _, old_id, new_id in found for blob in (old_id, new_id) if blob is not None]
    texts = dict(zip(ids, (_text(blob) for blob in _read_blobs(root, ids))))
    return [(path, texts.get(old_id) if old_id else None, texts.get(new_id) if new_id else None)
            for path, old_id, new_id in found]


def files_at(root: Path, asked: list[tuple[str, str]]) -> list[dict[str, str]]:
    """For each (revision, ledger folder), {ledger-relative path: blob id} of the regular files directly in
    that folder at that revision ({} where it has no such folder). One `cat-file --batch` reads every tree
    asked (`ls-tree` would take a process each; naming each `rev:path` instead searched the folder's tree
    once per file: 4 s for 6,000 files)."""
    prefix = _info(root).prefix
    trees = _read_blobs(root, [f"{resolve(root, rev)}:{prefix}{folder}" for rev, folder in asked], kind=b"tree")
    return [_tree_files(data, f"{folder}/" if folder else "", len(resolve(root, rev)) // 2) if data else {}
            for (rev, folder), data in zip(asked, trees)]


def _tree_files(data: bytes, lead: str, id_bytes: int) -> dict[str, str]:
    """A raw tree object's regular files: entries are `<mode> <name>\\0<binary id>`."""
    files, pos = {}, 0
    while pos < len(data):
        space = data.index(b" ", pos)
        nul = data.index(b"\0", space)
        if data[pos:space] in (b"100644", b"100755"):
            files[lead + data[space + 1:nul].decode("utf-8", "surrogateescape")] = data[nul + 1:nul + 1 + id_bytes].hex()
        pos = nul + 1 + id_bytes
    return files


def changed_since(root: Path, rev: str, folders: list[str], current: str | None = None) -> set[str]:
    """Ledger-relative paths in the folders that differ between `rev` and `current` (None: the working tree,
    judged from the index's file status, so unchanged files are not read)."""
    against = [resolve(root, current)] if current is not None else []
    out = _git(root, ["diff", "-z", "--name-only", "--no-renames", "--relative", "--no-color", "--no-ext-diff",
                      "--end-of-options", resolve(root, rev), *against, "--", *(folders or ["."])])
    return {path for path in out.decode("utf-8", "surrogateescape").split("\0") if path}


def read_texts(root: Path, blob_ids: list[str]) -> dict[str, str | None]:
    """The texts of blobs by id, in one `cat-file --batch`."""
    ids = sorted(set(blob_ids))
    return dict(zip(ids, (_text(data) for data in _read_blobs(root, ids))))


def _info(root: Path) -> RepoInfo:
    info = repo_info(root)
    if info is None:
        raise GitUnavailable(_not_a_repo(root))
    return info


def _text(blob: bytes | None) -> str | None:
    return None if blob is None else blob.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")


def export(root: Path, rev: str, dest: Path) -> Path:
    """Write the ledger folder as it was at `rev` under `dest`, keeping its place in the repository,
    and return the ledger root inside `dest` (dest / the ledger's path from the repository top).

    Only regular files are written; symbolic links and submodules are skipped, and a path that is
    absolute or climbs out with `..` is refused (GitError).
    """
    sha = resolve(root, rev)
    prefix = _info(root).prefix
    target = Path(dest) / prefix if prefix else Path(dest)
    done = _run(root, ["ls-tree", "--full-tree", "-r", "-z", f"{sha}:{prefix}"])
    if done.returncode != 0:
        raise GitError(f"the ledger folder {prefix or '.'} does not exist at revision {rev!r}")
    entries = [_tree_entry(e) for e in done.stdout.decode("utf-8", "surrogateescape").split("\0") if e]
    files = [(mode, obj, path) for mode, kind, obj, path in entries if kind == "blob" and mode in ("100644", "100755")]
    blobs = _read_blobs(root, [obj for _, obj, _ in files])
    target.mkdir(parents=True, exist_ok=True)
    for (mode, obj, path), data in zip(files, blobs):
        out = target / _safe_relative(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        if mode == "100755":
            out.chmod(0o755)
    return target


def _tree_entry(line: str) -> tuple[str, str, str, str]:
    meta, _, path = line.partition("\t")
    mode, kind, obj = meta.split(" ")
    return mode, kind, obj, path


def _safe_relative(path: str) -> PurePosixPath:
    pure = PurePosixPath(path)
    if pure.is_absolute() or any(part in ("", ".", "..") for part in path.split("/")) or "\\" in path:
        raise GitError(f"refusing to export {path!r}: the path is absolute or leaves the ledger folder")
    return pure


def _read_blobs(root: Path, names: list[str], kind: bytes = b"blob") -> list[bytes | None]:
    """The contents of many blobs (ids or `rev:path`) through one `git cat-file --batch`; None where
    there is no such blob (missing, or a folder). `kind=b"tree"` reads trees (folders) instead."""
    if not names:
        return []
    out = _git(root, ["cat-file", "--batch"], "".join(f"{n}\n" for n in names).encode("utf-8", "surrogateescape"))
    blobs: list[bytes | None] = []
    pos = 0
    for _ in names:
        end = out.index(b"\n", pos)
        header = out[pos:end].split(b" ")
        if len(header) != 3:  # "<name> missing" or "<name> ambiguous"
            blobs.append(None)
            pos = end + 1
            continue
        size = int(header[2])
        blobs.append(out[end + 1:end + 1 + size] if header[1] == kind else None)
        pos = end + 1 + size + 1
    return blobs

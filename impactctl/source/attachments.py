"""Evidence files: hash one named from the ledger, find one named from the ledger or the working folder, copy one in."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from impactctl.errors import UsageError
from impactctl.source.tree import inside

FILES_FOLDER = "evidence/files"
OUTSIDE, MISSING = "outside", "missing"  # what attachment_digest gives instead of a digest


def attachment_digest(root: Path, name: str) -> str:
    """The sha256 of an evidence file named from the ledger folder, else OUTSIDE or MISSING; a file outside
    the ledger (by `..`, an absolute path or a symbolic link) is never opened. A name no file can have
    (a NUL byte, too long) is missing."""
    try:
        path = root / name
        if os.path.isabs(name) or not inside(root, path):
            return OUTSIDE
        return sha256_of(path) if path.is_file() else MISSING
    except (OSError, ValueError):
        return MISSING


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def locate(root: Path, given: str, cwd: Path) -> str:
    """The path from the ledger folder of an evidence file named from the ledger folder or from `cwd`;
    a usage error when it is outside the ledger (never opened) or nowhere."""
    from_root = root / given
    if not os.path.isabs(given) and inside(root, from_root) and _is_file(from_root):
        return given
    here = Path(cwd, given)
    for path in (here, from_root):
        if _is_file(path) and not inside(root, path):
            raise UsageError(f"{given} is outside the ledger folder {root}; add --copy to copy it into "
                             f"{FILES_FOLDER}/ and record its sha256")
    if _is_file(here):
        return Path(os.path.relpath(os.path.realpath(here), os.path.realpath(root))).as_posix()
    raise UsageError(f"no file {given}, neither from here ({cwd}) nor from the ledger folder {root}")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a NUL byte, a name too long: no file has it
        return False


def copy_in(root: Path, source: Path) -> tuple[str, bool]:
    """Copy `source` to evidence/files/ under its own name: (its path from the ledger, whether it was
    created). An identical file already there is reused; a different one is never overwritten."""
    if not _is_file(source):
        raise UsageError(f"no file {source} to copy")
    rel = f"{FILES_FOLDER}/{source.name}"
    target = root / rel
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    if not inside(root, folder):
        raise UsageError(f"{FILES_FOLDER}/ is a symbolic link to outside the ledger folder; nothing was copied")
    if os.path.lexists(target):
        return rel, _same(source, target, rel)
    fd, tmp = tempfile.mkstemp(prefix=f".{source.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as data:
            shutil.copyfileobj(data, out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # as a file the user made would be, not mkstemp's 0600
        try:
            os.link(tmp, target)  # never replaces a file someone put there meanwhile
        except FileExistsError:
            return rel, _same(source, target, rel)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return rel, True


def _same(source: Path, target: Path, rel: str) -> bool:
    if target.is_symlink() or not target.is_file() or sha256_of(target) != sha256_of(source):
        raise UsageError(f"{rel} already holds a different file; rename yours, or give --file the one there")
    return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove(root: Path, rel: str) -> None:
    """Take back a file copy_in created, when the record naming it was refused."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(root / rel)

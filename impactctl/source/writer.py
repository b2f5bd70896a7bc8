"""Write ledger files safely: atomic replace, exclusive create, a lock for read-modify-write, diffs."""

from __future__ import annotations

import contextlib
import difflib
import errno
import os
import secrets
import stat
import time
from pathlib import Path
from typing import Iterator

import filelock

from impactctl.errors import ImpactctlError

PRIVATE_FOLDER = ".impactctl"
LOCK_NAME = f"{PRIVATE_FOLDER}/write.lock"
# Test-only: seconds to wait with half of a temporary file written, so that a crash test's kill can land
# inside the write it means to test (a real write lasts about a millisecond). Unset in normal use.
PAUSE_MID_WRITE = "IMPACTCTL_TEST_PAUSE_MID_WRITE"
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # POSIX only; Windows has no such flag (nor, by default, links)


class WriteFailed(ImpactctlError):
    """The file system refused a write (full, read-only, no permission); nothing was changed."""


@contextlib.contextmanager
def ledger_lock(root: Path) -> Iterator[None]:
    """Serialise read-modify-write edits of one ledger across processes (two `record`s at once)."""
    lock_path = root / LOCK_NAME
    try:
        private_folder(root)
        lock = filelock.FileLock(lock_path)  # flock on POSIX, msvcrt on Windows
        lock.acquire()
    except OSError as exc:
        raise WriteFailed(f"cannot lock the ledger ({lock_path.as_posix()}): {exc.strerror}") from None
    try:
        yield
    finally:
        lock.release()


def private_folder(root: Path) -> Path:
    """The ledger's own `.impactctl/` (cache and lock), made if missing and ignored by git. A symbolic link
    there, or one for its `.gitignore`, is refused (OSError): writing through it would write outside the ledger."""
    folder = root / PRIVATE_FOLDER
    with contextlib.suppress(FileExistsError):
        folder.mkdir()
    if folder.is_symlink() or not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder of the ledger (a symbolic link?)", str(folder))
    try:
        fd = os.open(folder / ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o644)
    except FileExistsError:  # there already (or a link: O_EXCL never follows one)
        return folder
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("*\n")
    return folder


def replace_file(path: Path, text: str) -> None:
    """Write `text` to `path` atomically: readers see the old file or the new one, never a torn one."""
    tmp = _write_temp(path, text)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise WriteFailed(f"cannot write {path}: {exc.strerror}") from None


def create_file(path: Path, text: str) -> bool:
    """Create `path` with `text` atomically, only if it does not exist; False when it already does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_temp(path, text)
    try:
        os.link(tmp, path)  # fails if the name is taken: two writers can never both claim one id
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        raise WriteFailed(f"cannot create {path}: {exc.strerror}") from None
    finally:
        _discard(tmp)


def _write_temp(path: Path, text: str) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _open_temp(path)
    except OSError as exc:
        raise WriteFailed(f"cannot write in {path.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            half = len(text) // 2
            handle.write(text[:half])
            _pause_for_tests(handle)
            handle.write(text[half:])
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        _discard(tmp)
        reason = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror
        raise WriteFailed(f"cannot write {path}: {reason}; nothing was changed") from None
    return tmp


def _open_temp(path: Path) -> tuple[int, str]:
    """A new temporary file beside `path`, with the mode the finished file should have: the edited file's
    own mode, or for a new file what the user's umask gives (`0o666 & ~umask`, as `open()` would) —
    never `mkstemp`'s 0600, which would hide records, reports and exports from the user's group."""
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:  # no such file yet: the kernel applies the umask to 0o666
        mode = None
    for _ in range(100):
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
        except FileExistsError:
            continue
        if mode is not None:
            try:
                os.chmod(tmp, mode)  # the umask may have taken bits the edited file has
            except OSError:
                os.close(fd)
                _discard(tmp)
                raise
        return fd, tmp
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


def _pause_for_tests(handle) -> None:
    pause = os.environ.get(PAUSE_MID_WRITE)
    if pause:
        handle.flush()  # the half-written temporary file is on disk while we wait
        time.sleep(float(pause))


def _discard(tmp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


def unified_diff(rel: str, before: str, after: str) -> str:
    """The change as `git diff` would show it."""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{rel}" if before else "/dev/null", tofile=f"b/{rel}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)

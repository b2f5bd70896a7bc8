"""Find the ledger folder a command should work on, and say where it looked when there is none."""

from __future__ import annotations

import os
from pathlib import Path

from impactctl.errors import LedgerNotFound

CONFIG_NAME = "ledger.yaml"


def find_ledger(explicit: str | None = None, cwd: Path | None = None, env: dict[str, str] | None = None) -> Path:
    """The ledger root: an explicit path, else $IMPACTCTL_LEDGER, else the nearest folder
    at or above `cwd` holding ledger.yaml, else ./ledger."""
    env = os.environ if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    if explicit:
        return _must_hold_config(Path(explicit), "the path given")
    if env.get("IMPACTCTL_LEDGER"):
        return _must_hold_config(Path(env["IMPACTCTL_LEDGER"]), "IMPACTCTL_LEDGER")
    tried = []
    for folder in (cwd, *cwd.parents):
        tried.append(folder)
        if (folder / CONFIG_NAME).is_file():
            return folder
    fallback = cwd / "ledger"
    if (fallback / CONFIG_NAME).is_file():
        return fallback
    looked = ", ".join(str(p) for p in tried[:3]) + (" and above" if len(tried) > 3 else "")
    raise LedgerNotFound(
        f"no ledger found: no {CONFIG_NAME} in {looked}, nor in {fallback}. "
        "Pass the ledger folder (impactctl validate PATH), use --ledger/-L, or set IMPACTCTL_LEDGER."
    )


def _must_hold_config(path: Path, source: str) -> Path:
    if path.is_file() and path.name == CONFIG_NAME:
        return path.parent
    if not path.is_dir():
        raise LedgerNotFound(f"no ledger at {path.as_posix()} ({source}): that folder does not exist")
    if not (path / CONFIG_NAME).is_file():
        raise LedgerNotFound(f"no ledger at {path.as_posix()} ({source}): it has no {CONFIG_NAME}")
    return path

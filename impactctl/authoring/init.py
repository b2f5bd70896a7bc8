"""`init`: scaffold a new ledger and make its repository ready (CI, pre-commit, editor schemas); never overwrites."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path


@dataclasses.dataclass
class InitResult:
    """What `init` did: the files it wrote, the ones already there that it left alone, and the repository root."""

    written: list[Path]
    kept: list[Path]
    top: Path
    in_git: bool


def init_ledger(root: Path, name: str, today: dt.date | None = None, cwd: Path | None = None) -> InitResult:
    """Make a repository ready: a new ledger at `root` (editor schemas that know its vocabularies) and, at the
    repository root, a CI workflow, a pre-commit configuration and VS Code's schema map. Never overwrites."""
    from impactctl import __version__
    from impactctl.source import repo_files, scaffold

    top, in_git = _repository_root(Path(root), Path(cwd or Path.cwd()))
    ledger = repo_files.relative_ledger(Path(root), top)
    files = scaffold.ledger_files(name, _schemas(Path(root)), today or dt.date.today())
    written, kept = scaffold.create_missing(Path(root), files)
    more_written, more_kept = scaffold.create_missing(top, repo_files.repository_files(ledger, __version__))
    return InitResult(written + more_written, kept + more_kept, top, in_git)


def _repository_root(root: Path, cwd: Path) -> tuple[Path, bool]:
    """The git working tree holding `root`; outside git, the working directory (or, when the ledger is not
    under it, the ledger's parent folder)."""
    from impactctl.source import git

    existing = root.resolve()
    while not existing.is_dir():
        existing = existing.parent
    try:
        info = git.repo_info(existing)
    except git.GitUnavailable:
        info = None
    if info is not None:
        return info.toplevel.resolve(), True
    here = cwd.resolve()
    return (here if root.resolve().is_relative_to(here) else root.resolve().parent), False


def _schemas(root: Path) -> dict[str, dict]:
    """The JSON Schemas, listing the vocabularies of the ledger.yaml already there, else of the default one
    (a ledger.yaml with mistakes gets schemas without vocabularies: they still check everything else)."""
    from impactctl.model.config import LedgerConfig
    from impactctl.model.jsonschema import schema_for, schema_names
    from impactctl.source import fastyaml
    from impactctl.source.discover import CONFIG_NAME
    from impactctl.source.loader import load_config
    from impactctl.source.scaffold import LEDGER_YAML

    if (root / CONFIG_NAME).exists():
        config, _ = load_config(root)
    else:
        data, _, _ = fastyaml.load(CONFIG_NAME, LEDGER_YAML.format(name='"x"', start="2026-01-01", end="2030-12-31"))
        config = LedgerConfig.model_validate(data)
    return {name: schema_for(name, config) for name in schema_names()}

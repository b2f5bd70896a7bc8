"""`impactctl init` makes a repository ready: the ledger, and at the repository root (git's, else the working
directory) a CI workflow, a pre-commit configuration and VS Code's schema map; it never overwrites a file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from impactctl import __version__, api
from impactctl.cli import app

runner = CliRunner()
PROJECT = Path(__file__).resolve().parent.parent
KINDS = ("stakeholders", "outcomes", "activities", "evidence", "challenges")


def init(cwd: Path, monkeypatch, *args: str):
    monkeypatch.chdir(cwd)
    return runner.invoke(app, ["init", *args, "--no-input"])


def snapshot(top: Path) -> dict[str, bytes]:
    return {p.relative_to(top).as_posix(): p.read_bytes() for p in sorted(top.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(top).parts[:1]}


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A fresh `git init` repository with a folder `sub/` in it; git sees no repository above tmp_path."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    top = tmp_path / "repo"
    (top / "sub").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    return top


def test_init_in_a_subfolder_of_a_git_repository_writes_the_repository_files_at_its_root(repo, monkeypatch):
    done = init(repo / "sub", monkeypatch, "centre/ledger", "--name", "Test Centre")
    assert done.exit_code == 0, done.output
    assert f"git repository at {repo.resolve()}" in done.output
    ledger = repo / "sub/centre/ledger"
    assert api.validate(ledger).errors == 0
    assert not (ledger / ".vscode").exists()  # VS Code reads it only where a folder is opened: the root
    workflow = yaml.safe_load((repo / ".github/workflows/impactctl.yml").read_text())
    steps = workflow["jobs"]["ledger"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert f'pip install "impactctl=={__version__}"' in runs
    assert "impactctl validate sub/centre/ledger" in runs
    assert "impactctl report sub/centre/ledger --output impact-report.md" in runs
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "impact-report.md"
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True (YAML 1.1)
    assert "git+" in (repo / ".github/workflows/impactctl.yml").read_text()  # how to pin a git URL instead


def test_pre_commit_uses_this_projects_hook_at_the_version_tag(repo, monkeypatch):
    assert init(repo / "sub", monkeypatch, "ledger").exit_code == 0
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
    hooks = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text())
    (entry,) = config["repos"]
    assert entry["rev"] == f"v{__version__}"
    (hook,) = entry["hooks"]
    assert hook["id"] in {h["id"] for h in hooks} and hook["args"] == ["sub/ledger"]


def test_every_editor_schema_glob_from_the_repository_root_finds_the_ledgers_files(repo, monkeypatch):
    assert init(repo / "sub", monkeypatch, "centre/ledger").exit_code == 0
    ledger = repo / "sub/centre/ledger"
    for kind in KINDS:
        (ledger / kind / f"one-{kind}.yaml").write_text("id: x\n")
    mapping = json.loads((repo / ".vscode/settings.json").read_text())["yaml.schemas"]
    assert len(mapping) == 6
    matched = set()
    for schema, pattern in mapping.items():
        assert schema.startswith("./") and (repo / schema).is_file(), schema
        assert json.loads((repo / schema).read_text())["$schema"].startswith("http://json-schema.org/")
        matched |= {p.relative_to(ledger).as_posix() for p in repo.glob(pattern)}
    assert matched == {"ledger.yaml", *(f"{kind}/one-{kind}.yaml" for kind in KINDS)}


def test_outside_git_the_repository_files_go_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    done = init(tmp_path, monkeypatch, "ledger", "--name", "Test Centre")
    assert done.exit_code == 0, done.output
    assert "not in git" in done.output
    assert api.validate(tmp_path / "ledger").errors == 0
    mapping = json.loads((tmp_path / ".vscode/settings.json").read_text())["yaml.schemas"]
    assert mapping["./ledger/.schemas/outcomes.schema.json"] == "ledger/outcomes/*.yaml"
    assert "impactctl validate ledger" in (tmp_path / ".github/workflows/impactctl.yml").read_text()


def test_a_ledger_at_the_repository_root_maps_its_own_folders(repo, monkeypatch):
    assert init(repo, monkeypatch, ".", "--name", "Test Centre").exit_code == 0
    mapping = json.loads((repo / ".vscode/settings.json").read_text())["yaml.schemas"]
    assert mapping["./.schemas/ledger.schema.json"] == "ledger.yaml"
    assert mapping["./.schemas/evidence.schema.json"] == "evidence/*.yaml"
    assert "impactctl validate .\n" in (repo / ".github/workflows/impactctl.yml").read_text().replace("  #", "\n#")


def test_running_init_again_leaves_every_file_byte_identical_and_lists_each(repo, monkeypatch):
    (repo / ".vscode").mkdir()
    (repo / ".vscode/settings.json").write_text('{"editor.tabSize": 3}\n')  # the user's own, before init
    first = init(repo / "sub", monkeypatch, "ledger", "--name", "Test Centre")
    assert first.exit_code == 0, first.output
    assert "left alone (already there): " in first.output and "settings.json" in first.output
    assert (repo / ".vscode/settings.json").read_text() == '{"editor.tabSize": 3}\n'
    before = snapshot(repo)
    again = init(repo / "sub", monkeypatch, "ledger", "--name", "Another Name")
    assert again.exit_code == 0, again.output
    assert snapshot(repo) == before
    listed = [line.split(": ", 1)[1] for line in again.output.splitlines() if line.startswith("left alone")]
    assert sorted(Path(p).resolve().relative_to(repo.resolve()).as_posix() for p in listed) == sorted(before)

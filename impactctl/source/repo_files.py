"""The files `init` writes at the repository root: a CI workflow, a pre-commit configuration, VS Code's schema map."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from impactctl.model.kinds import FOLDERS
from impactctl.source.discover import CONFIG_NAME

# Where impactctl's source is published: pre-commit clones it to find `.pre-commit-hooks.yaml`.
SOURCE_REPOSITORY = "https://github.com/impactctl/impactctl"

WORKFLOW_PATH = ".github/workflows/impactctl.yml"
PRE_COMMIT_PATH = ".pre-commit-config.yaml"
VSCODE_PATH = ".vscode/settings.json"

WORKFLOW = """\
# The impact ledger, checked on every pull request: problems appear as annotations on the changed lines,
# and the quarterly report is built and kept as an artifact (Actions tab > the run > Artifacts).
# Written by `impactctl init`; edit freely.
name: impactctl
on:
  pull_request:
  push:
    branches: [main]
  workflow_dispatch:
jobs:
  ledger:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the whole history: the report lists what changed in the quarter, and who changed it
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      # impactctl at the version that wrote this file. To use your centre's own copy instead, pin a git URL:
      #   pip install "impactctl @ git+{source}@v{version}"
      - run: pip install "impactctl=={version}"
      - name: Validate the ledger
        run: {validate}  # annotations: --format github is chosen under GitHub Actions
      - name: Build the quarterly report
        run: {report}
      - uses: actions/upload-artifact@v4
        with:
          name: impact-report
          path: impact-report.md
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com) validates the impact ledger before each commit that touches it.
# Set up once per clone: pip install pre-commit && pre-commit install
# Written by `impactctl init`; edit freely.
repos:
  - repo: {source}
    rev: v{version}
    hooks:
      - id: impactctl-validate
        args: [{ledger}]
"""


def repository_files(ledger: str, version: str) -> dict[str, str]:
    """Each file's path from the repository root -> its text, for a ledger at `ledger` (posix, from that root)."""
    return {
        WORKFLOW_PATH: WORKFLOW.format(
            source=SOURCE_REPOSITORY, version=version,
            validate=_scalar(f"impactctl validate {shlex.quote(ledger)}"),
            report=_scalar(f"impactctl report {shlex.quote(ledger)} --output impact-report.md")),
        PRE_COMMIT_PATH: PRE_COMMIT.format(source=SOURCE_REPOSITORY, version=version, ledger=json.dumps(ledger)),
        VSCODE_PATH: json.dumps({"yaml.schemas": schema_map(ledger)}, indent=2) + "\n",
    }


def schema_map(ledger: str) -> dict[str, str]:
    """yaml.schemas: each schema file -> the files it checks, both relative to the repository root."""
    prefix = "" if ledger == "." else f"{ledger}/"
    patterns = {"ledger": CONFIG_NAME, **{kind: f"{kind}/*.yaml" for kind in FOLDERS}}
    return {f"./{prefix}.schemas/{name}.schema.json": prefix + pattern for name, pattern in patterns.items()}


def _scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when nothing in it means something to YAML, else double-quoted (JSON)."""
    return text if re.fullmatch(r"[\w][\w ./'=-]*", text) and not text.endswith(" ") else json.dumps(text)


def relative_ledger(ledger: Path, top: Path) -> str:
    """The ledger folder's path from the repository root, with `/` on every system ("." when it is the root)."""
    return ledger.resolve().relative_to(top.resolve()).as_posix() or "."

"""The layers of DESIGN.md hold: imports only point down (import-linter contract in pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    done = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_module_says_its_job():
    missing = [str(p) for p in (ROOT / "impactctl").rglob("*.py") if not _docstring(p)]
    assert missing == []


def _docstring(path: Path) -> bool:
    import ast

    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is not None


def test_the_reader_lists_the_record_folders_the_models_define():
    """source/tree.py takes its folders from model/kinds.py, the table the models are built from (no pydantic)."""
    from impactctl.model.records import KINDS
    from impactctl.source.tree import KIND_FOLDERS

    assert KIND_FOLDERS == tuple(KINDS)

"""The layers hold: imports only point down, each library has its owners (import-linter contracts in pyproject.toml), and docs/architecture.md draws them as they are."""

import re
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


def test_the_map_draws_the_layers_of_the_contract():
    """docs/architecture.md draws the layers the import-linter contract enforces, top to bottom."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")["layers"]
    contract = [{name.strip().removeprefix("impactctl.") for name in layer.split("|")} for layer in layers]
    drawing = _page().split("```", 2)[1].splitlines()
    # Each layer's line: its names, then (after a wide gap) what it does; the lines between are arrows.
    drawn = [{name.rstrip("/") for name in re.split(r"\s{5,}", line.strip())[0].split()}
             for line in drawing if line.strip() and line.strip() != "│"]
    assert drawn == contract, "docs/architecture.md's drawing of the layers differs from pyproject.toml's contract"


def test_the_map_gives_every_package_its_job():
    table = [line for line in _page().splitlines() if line.startswith("| `")]
    named = {name.rstrip("/") for line in table for name in re.findall(r"`([a-z_/]+)`", line.split("|")[1])}
    missing = _top_level_modules() - named
    assert not missing, f"give these modules a row in docs/architecture.md's table: {sorted(missing)}"


def _page() -> str:
    return (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


# Who may import each third-party library directly (docs/architecture.md's table says the same).
OWNERS = {"typer": {"cli"}, "ruamel": {"source"}, "jinja2": {"report"}, "duckdb": {"portfolio"},
          "pyarrow": {"exports"}, "pydantic": {"model", "source", "checks"}, "rich": {"output", "cli"},
          "filelock": {"source"}, "click": set()}


def test_every_module_is_in_the_contracts():
    """A new top-level module must be given a layer and named in each library's contract, or import-linter
    would not look at it at all."""
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    modules = _top_level_modules()
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    layered = {name.strip().removeprefix("impactctl.") for layer in layers for name in layer.split("|")}
    assert modules - layered == set(), "add these modules to a layer in pyproject.toml"
    for contract in (c for c in contracts if c["type"] == "forbidden"):
        library = contract["forbidden_modules"][0]
        sources = {name.removeprefix("impactctl.") for name in contract["source_modules"]}
        assert sources | OWNERS[library] == modules, (
            f"{contract['name']}: list every module but its owners in source_modules")


def _top_level_modules() -> set[str]:
    """impactctl's modules and packages of code (queries/ holds SQL files: it imports nothing)."""
    return {p.stem if p.is_file() else p.name for p in (ROOT / "impactctl").iterdir()
            if (p.suffix == ".py" or (p / "__init__.py").exists()) and not p.name.startswith("__")} - {"queries"}

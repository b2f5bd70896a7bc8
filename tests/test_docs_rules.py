"""docs/rules.md documents exactly the rules and problem codes impactctl can report, each with its meaning and fix."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from impactctl.checks import RULES

TOP = Path(__file__).resolve().parent.parent
SOURCE = TOP / "impactctl"
RULES_MD = TOP / "docs" / "rules.md"

# Where a problem's code is an argument: the function name -> the code's position (`_problem` is the YAML
# builder's method `self._problem(node, code, ...)`; module functions of that name take no code).
CODE_ARGUMENT = {"Problem": 3, "finding": 2, "_problem": 1}
# Non-literal codes are passed through from a caller scanned here too: a rule's own `ID`, a `code`
# parameter, or a problem read back from the cache.
FORWARDED = {"ID", "code", "data['code']"}


def _section(title: str) -> str:
    text = RULES_MD.read_text(encoding="utf-8")
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _table(title: str) -> list[list[str]]:
    """The rows of the section's table, each a list of its cells (the header and rule lines left out)."""
    rows = [line for line in _section(title).splitlines() if line.startswith("| `")]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


def _code(cell: str) -> str:
    assert re.fullmatch(r"`[a-z0-9-]+`", cell), cell
    return cell.strip("`")


def codes_in_source() -> set[str]:
    """Every code literal given to Problem(...)/finding(...)/_problem(...), and the schema's codes."""
    codes: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in CODE_ARGUMENT or name == "_problem" and not isinstance(node.func, ast.Attribute):
                continue
            position = CODE_ARGUMENT[name]
            argument = node.args[position] if len(node.args) > position else None
            if isinstance(argument, ast.Constant):
                codes.add(argument.value)
            else:
                assert argument is not None and ast.unparse(argument) in FORWARDED, \
                    f"{path}:{node.lineno}: a code this test cannot read; teach it where the code comes from"
    schema = ast.parse((SOURCE / "source" / "schema.py").read_text(encoding="utf-8"))
    describe = next(n for n in ast.walk(schema) if isinstance(n, ast.FunctionDef) and n.name == "_describe")
    for node in ast.walk(describe):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
            codes.add(node.value.elts[0].value)
    return codes


def test_the_rules_table_lists_every_registered_rule_in_order_with_its_default_severity():
    documented = [(_code(row[0]), row[1]) for row in _table("Rules")]
    assert documented == [(rule.ID, rule.SEVERITY.value) for rule in RULES]


def test_every_problem_code_in_the_source_is_documented_and_every_documented_code_exists():
    rule_ids = {rule.ID for rule in RULES}
    other = [_code(row[0]) for row in _table("Other problem codes")]
    assert len(other) == len(set(other)), "a code is listed twice"
    assert set(other) | rule_ids == codes_in_source() | rule_ids
    assert not set(other) & rule_ids


def test_every_documented_code_says_what_it_means_and_how_to_fix_it():
    for title, columns in (("Rules", 4), ("Other problem codes", 3)):
        for row in _table(title):
            assert len(row) == columns and all(len(cell) > 3 for cell in row), row


def test_the_scan_finds_codes_of_every_layer_that_reports_them():
    """The scan itself can fail: it must see codes from the YAML reader, the schema, the files and the rules' settings."""
    found = codes_in_source()
    assert {"yaml-tab", "schema-choice", "stray-file", "config-unknown-rule", "encoding"} <= found

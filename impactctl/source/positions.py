"""Give problems found by ledger rules their line and column, and every problem its source line."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path

from impactctl.problems import Problem
from impactctl.source import fastyaml, text
from impactctl.source.limits import MAX_PROBLEMS_PER_FILE
from impactctl.source.locate import Locator, line_text
from impactctl.source.tree import read_bytes


def resolve(root: Path, problems: list[Problem], raw: dict[str, bytes | None] | None = None) -> list[Problem]:
    """The same problems, located and with excerpts; only files with problems are parsed again.

    `raw` holds the bytes already read (so an edit not yet written is located in its new text). A file
    with more than MAX_PROBLEMS_PER_FILE problems keeps the first ones and a note that there are more.
    """
    by_path: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_path[problem.path].append(problem)
    resolved: list[Problem] = []
    for path, found in by_path.items():
        content = _text(root, path, (raw or {}).get(path))
        if content is not None:
            locator = None
            if any(_unlocated(p) for p in found):
                node, _ = fastyaml.compose(path, content)
                locator = Locator(node) if node is not None else None
            lines = content.split("\n")
            found = [_located(p, locator, lines) for p in found]
        resolved += _capped(path, found)
    return resolved


def _capped(path: str, found: list[Problem]) -> list[Problem]:
    if len(found) <= MAX_PROBLEMS_PER_FILE:
        return found
    found.sort(key=Problem.sort_key)
    limit = MAX_PROBLEMS_PER_FILE
    kept, rest = found[:limit], found[limit:]
    return kept + [Problem(path, 0, 0, "too-many-problems",
                           f"this file has more than {limit} problems; only the first {limit} are listed",
                           severity=max((p.severity for p in rest), key=lambda s: s.rank),
                           hint="fix these and validate again")]


def _unlocated(problem: Problem) -> bool:
    return problem.line == 0 and problem.loc is not None


def _located(problem: Problem, locator: Locator | None, lines: list[str]) -> Problem:
    if locator is not None and _unlocated(problem):
        line, col = locator.find(problem.loc, at_key=problem.at_key)
        problem = dataclasses.replace(problem, line=line, column=col)
    if problem.line > 0 and not problem.excerpt:
        problem = dataclasses.replace(problem, excerpt=line_text(lines, problem.line))
    return problem


def _text(root: Path, path: str, data: bytes | None) -> str | None:
    if data is None:
        data, _ = read_bytes(root, path)
    if data is None:
        return None
    content, _ = text.decode(path, data)
    return content

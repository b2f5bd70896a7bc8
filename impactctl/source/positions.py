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
    with more than MAX_PROBLEMS_PER_FILE problems keeps the first ones and a note that there are more;
    the list is cut before problems are rebuilt with positions and excerpts, so a hostile file with tens
    of thousands of problems costs one position lookup each, not one new Problem each.
    """
    by_path: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_path[problem.path].append(problem)
    resolved: list[Problem] = []
    for path, found in by_path.items():
        content = _text(root, path, (raw or {}).get(path))
        if content is None:
            resolved += _capped(path, [(p.line, p.column, p) for p in found])
            continue
        locator = None
        if any(_unlocated(p) for p in found):
            node, _ = fastyaml.compose(path, content)
            locator = Locator(node) if node is not None else None
        kept = _capped(path, [(*_position(p, locator), p) for p in found])
        lines = content.split("\n")
        resolved += [_located(p, lines) for p in kept]
    return resolved


def _capped(path: str, found: list[tuple[int, int, Problem]]) -> list[Problem]:
    """The problems of one file (each with its position, located or not), at most MAX_PROBLEMS_PER_FILE
    of them, first by position, then a note; each kept problem carries its position."""
    if len(found) > MAX_PROBLEMS_PER_FILE:
        found.sort(key=lambda item: (item[0], item[1], item[2].code))
    kept = [_at(problem, line, column) for line, column, problem in found[:MAX_PROBLEMS_PER_FILE]]
    rest = [problem for _, _, problem in found[MAX_PROBLEMS_PER_FILE:]]
    if not rest:
        return kept
    limit = MAX_PROBLEMS_PER_FILE
    return kept + [Problem(path, 0, 0, "too-many-problems",
                           f"this file has more than {limit} problems; only the first {limit} are listed",
                           severity=max((p.severity for p in rest), key=lambda s: s.rank),
                           hint="fix these and validate again")]


def _unlocated(problem: Problem) -> bool:
    return problem.line == 0 and problem.loc is not None


def _position(problem: Problem, locator: Locator | None) -> tuple[int, int]:
    if locator is not None and _unlocated(problem):
        return locator.find(problem.loc, at_key=problem.at_key)
    return problem.line, problem.column


def _at(problem: Problem, line: int, column: int) -> Problem:
    if (line, column) == (problem.line, problem.column):
        return problem
    return dataclasses.replace(problem, line=line, column=column)


def _located(problem: Problem, lines: list[str]) -> Problem:
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

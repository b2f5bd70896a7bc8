"""Give problems found by ledger rules their line and column, and every problem its source line."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path

from impactctl.problems import Problem
from impactctl.source import fastyaml, text
from impactctl.source.tree import read_bytes
from impactctl.source.locate import find, line_text


def resolve(root: Path, problems: list[Problem], raw: dict[str, bytes | None] | None = None) -> list[Problem]:
    """The same problems, located and with excerpts; only files with problems are parsed again.

    `raw` holds the bytes already read (so an edit not yet written is located in its new text).
    """
    by_path: dict[str, list[int]] = defaultdict(list)
    for index, problem in enumerate(problems):
        by_path[problem.path].append(index)
    resolved = list(problems)
    for path, indexes in by_path.items():
        content = _text(root, path, (raw or {}).get(path))
        if content is None:
            continue
        node = None
        if any(_unlocated(problems[i]) for i in indexes):
            node, _ = fastyaml.compose(path, content)
        for i in indexes:
            resolved[i] = _located(resolved[i], node, content)
    return resolved


def _unlocated(problem: Problem) -> bool:
    return problem.line == 0 and problem.loc is not None


def _located(problem: Problem, node, content: str) -> Problem:
    if node is not None and _unlocated(problem):
        line, col = find(node, problem.loc, at_key=problem.at_key)
        problem = dataclasses.replace(problem, line=line, column=col)
    if problem.line > 0 and not problem.excerpt:
        problem = dataclasses.replace(problem, excerpt=line_text(content, problem.line))
    return problem


def _text(root: Path, path: str, data: bytes | None) -> str | None:
    if data is None:
        data, _ = read_bytes(root, path)
    if data is None:
        return None
    content, _ = text.decode(path, data)
    return content

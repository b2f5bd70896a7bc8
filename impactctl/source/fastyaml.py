"""Fast, safe YAML reading: libyaml's composer, then our own YAML 1.2 core-schema construction.

libyaml gives a node tree in which every node carries its line and column, at a
fraction of the cost of a round-trip parse. We never let a YAML library build
objects: this module turns nodes into plain dicts, lists, strings, numbers,
booleans and None itself, so that
- scalars resolve as YAML 1.2 reads them (`no` is text, `0755` is 755), the same
  as ruamel.yaml, which does the editing: the rules are in `scalars`;
- dates stay text, for the models to check with a position;
- duplicate keys, non-text keys and non-standard tags are problems, never objects;
- aliases, nesting and node counts are bounded (no "billion laughs").
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from impactctl.problems import Problem
from impactctl.source import syntax_hints
from impactctl.source.limits import MAX_DEPTH, MAX_NODES
from impactctl.source.scalars import KEYWORDS, NUMBER_START, int_too_long, plain_number

STD = "tag:yaml.org,2002:"
PLAIN, QUOTED, SEQ, MAP = "?plain", "?quoted", "?seq", "?map"


class _Resolver:
    """Marks implicit tags instead of resolving them, so construction decides (YAML 1.2)."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return PLAIN if implicit[0] else QUOTED
        return SEQ if kind is yaml.SequenceNode else MAP

    def descend_resolver(self, *args: Any) -> None:
        pass

    def ascend_resolver(self, *args: Any) -> None:
        pass


if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser

    class _Composer(_Resolver, CParser):  # type: ignore[misc]
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)

else:  # pragma: no cover - PyYAML built without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Composer(_Resolver, Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            Reader.__init__(self, text)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

        def dispose(self) -> None:
            pass


def compose(path: str, text: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The document's node tree (None for an empty file), or the syntax problem that stops it."""
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(path, text, exc)]
    except yaml.YAMLError as exc:  # errors without a mark (e.g. libyaml's own limits)
        return None, [Problem(path, 1, 1, "yaml-syntax", f"YAML could not be read: {exc}")]
    except RecursionError:
        return None, [_too_deep(path, 1, 1)]
    finally:
        composer.dispose()
    return node, []


def _too_deep(path: str, line: int, col: int) -> Problem:
    return Problem(path, line, col, "yaml-too-deep", f"the document nests deeper than {MAX_DEPTH} levels",
                   hint="a record nests a few levels: close the brackets, or un-indent")


def _syntax_problem(path: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    if "expected a single document" in message:
        return Problem(path, line, col, "yaml-multiple-documents",
                       "the file holds more than one YAML document", hint="one record per file: remove the `---` and what follows")
    if "maximum nesting depth" in message:  # libyaml stops at 1,000 levels, before the constructor's own limit
        return _too_deep(path, line, col)
    explained = syntax_hints.explain(path, text, exc)
    if explained is not None:
        return explained
    hint = "check indentation and that every `key: value` has a space after the colon"
    if "\t" in message or "tab" in message:
        hint = "indent with spaces, never tabs"
    return Problem(path, line, col, "yaml-syntax", f"YAML syntax error: {message}", hint=hint)


class _Stop(Exception):
    """Construction cannot go on: a limit was passed."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


class Constructor:
    """Builds plain Python data from one document's nodes, collecting problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.nodes = 0
        self._active: set[int] = set()

    def build(self, node: yaml.Node) -> Any:
        try:
            return self._node(node, 0)
        except _Stop as stop:
            self.problems.append(stop.problem)
            return None

    def _problem(self, node: yaml.Node, code: str, message: str, hint: str = "") -> Problem:
        mark = node.start_mark
        return Problem(self.path, mark.line + 1, mark.column + 1, code, message, hint=hint)

    def _node(self, node: yaml.Node, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Stop(self._problem(node, "yaml-too-many-nodes",
                                      f"the document expands to more than {MAX_NODES:,} values (aliases count each time)",
                                      hint="write the values out instead of repeating anchors"))
        if depth > MAX_DEPTH:
            mark = node.start_mark
            raise _Stop(_too_deep(self.path, mark.line + 1, mark.column + 1))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if id(node) in self._active:
            raise _Stop(self._problem(node, "yaml-recursive-alias", "an alias refers to a node that contains it"))
        self._active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                self._check_tag(node, SEQ, STD + "seq")
                return [self._node(child, depth + 1) for child in node.value]
            self._check_tag(node, MAP, STD + "map")
            return self._mapping(node, depth)
        finally:
            self._active.discard(id(node))

    def _check_tag(self, node: yaml.Node, *allowed: str) -> bool:
        if node.tag in allowed:
            return True
        self.problems.append(self._problem(node, "yaml-tag", f"the tag `{node.tag}` is not allowed in a ledger",
                                           hint="remove the tag: ledger files use plain YAML values only"))
        return False

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: dict[str, Any] | None = None
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            is_merge = isinstance(key_node, yaml.ScalarNode) and key_node.tag == PLAIN and key_node.value == "<<"
            key = "<<" if is_merge else self._key(key_node)
            if key is None:
                continue
            if key in first_line:  # ruamel refuses a second `<<` too
                self.problems.append(self._duplicate(key_node, key, first_line[key]))
                continue
            first_line[key] = key_node.start_mark.line + 1
            if is_merge:
                merged = self._merge(value_node, depth)
                continue
            result[key] = self._node(value_node, depth + 1)
        for key, value in (merged or {}).items():
            result.setdefault(key, value)
        return result

    def _duplicate(self, key_node: yaml.Node, key: str, first: int) -> Problem:
        line = key_node.start_mark.line + 1
        where = "earlier on this line" if first == line else f"first on line {first}"
        return self._problem(key_node, "yaml-duplicate-key", f"the key `{key}` appears twice in this mapping ({where})",
                             hint="keep one of them and delete the other: YAML readers disagree on which wins")

    def _merge(self, node: yaml.Node, depth: int) -> dict[str, Any]:
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        merged: dict[str, Any] = {}
        for source in sources:
            value = self._node(source, depth + 1)
            if not isinstance(value, dict):
                self.problems.append(self._problem(source, "yaml-merge", "`<<` must merge a mapping or a list of mappings"))
                continue
            for key, item in value.items():
                merged.setdefault(key, item)
        return merged

    def _key(self, node: yaml.Node) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.problems.append(self._problem(node, "yaml-key", "a key must be text, not a list or mapping"))
            return None
        key = self._scalar(node)
        if not isinstance(key, str):
            self.problems.append(self._problem(node, "yaml-key", f"the key `{node.value}` must be text",
                                               hint=f'quote it: "{node.value}"'))
            return None
        return key

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == PLAIN:
            return self._plain(node)
        if tag in (QUOTED, STD + "str"):
            return value
        if tag in (STD + "int", STD + "float", STD + "bool", STD + "null"):
            resolved = self._plain(node)
            expected = {STD + "int": int, STD + "float": (float, int), STD + "bool": bool, STD + "null": type(None)}[tag]
            if isinstance(resolved, expected) and not (tag != STD + "bool" and isinstance(resolved, bool)):
                return float(resolved) if tag == STD + "float" else resolved
            self.problems.append(self._problem(node, "yaml-tag", f"`{value}` is not a valid {tag[len(STD):]}"))
            return value
        self._check_tag(node, PLAIN)
        return value

    def _plain(self, node: yaml.ScalarNode) -> Any:
        # scalars.resolve, inlined for the hot path: most scalars are words, which skip the number patterns.
        value = node.value
        if value in KEYWORDS:
            return KEYWORDS[value]
        if value[0] not in NUMBER_START:
            return value
        number = plain_number(value)
        if number is not None:
            return number
        if int_too_long(value):
            self.problems.append(self._problem(node, "yaml-number-too-long",
                                               f"a number of {len(value.replace('_', '')):,} digits is too long to read"))
        return value


def load(path: str, text: str) -> tuple[Any, yaml.Node | None, list[Problem]]:
    """Data, node tree and problems for one file's text."""
    node, problems = compose(path, text)
    tabs = tab_problems(path, text)
    if node is None:  # a tab that stopped libyaml is what to report on its line
        by_line = {tab.line: tab for tab in tabs}
        return None, None, [by_line.get(p.line, p) if p.code == "yaml-syntax" else p for p in problems]
    problems.extend(version_problems(path, text))
    constructor = Constructor(path)
    data = constructor.build(node)
    problems.extend(constructor.problems)
    problems.extend(tabs)
    return data, node, problems


def version_problems(path: str, text: str) -> list[Problem]:
    """A `%YAML 1.1` directive makes ruamel.yaml, the editor, read `no` and `0755` the YAML 1.1 way."""
    for number, line in enumerate(text.split("\n", 50)[:50], start=1):  # directives come first
        if line.startswith("%YAML") and line[5:].split("#")[0].strip() != "1.2":
            return [Problem(path, number, 1, "yaml-version", f"`{line.strip()}`: ledger files are read as YAML 1.2 only",
                            hint="delete this line (in YAML 1.1, `no` would mean false and `0755` would be 493)")]
        if line.strip() and not line.startswith(("%", "#")):
            break
    return []


def tab_problems(path: str, text: str) -> list[Problem]:
    """Tabs used as indentation or as the space after `:` or `-`: libyaml allows some, ruamel none."""
    if "\t" not in text:
        return []
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _TAB_SPACE.search(line)
        if match:
            found.append(Problem(path, number, match.end(), "yaml-tab", "a tab is used where YAML expects spaces",
                                 hint="replace the tab with spaces"))
    return found


_TAB_SPACE = re.compile(r"^[ ]*(?:-[ ]+)*\t|^[ ]*(?:-[ ]+)*[^\s#'\"][^#'\"]*?:[ ]*\t|^[ ]*-\t")

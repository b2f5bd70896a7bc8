"""Say what a YAML syntax error means in the words of the mistake people make, at the line they made it.

libyaml reports where its reading broke down, in parser terms ("mapping values are not allowed in this
context"), often a line after the mistake. The mistakes behind most of those errors are few: a colon and a
space inside an unquoted value, a key with no space after its colon, a bracket or quote never closed. Each
explainer below recognises one from the error and the line's text, and says what to type instead.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

import yaml

from impactctl.problems import Problem

# `key: value` at the start of a line (after any `- ` of a list item), the key plain text.
_KEY_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[^\s:#'\"\[\]{}][^:#]*?):\s+(?P<value>\S.*?)\s*$")
# `key:value`: a would-be key and its value with no space between.
_NO_SPACE = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/].*?)\s*$")
_OPENERS = {"flow sequence": ("[", "]", "list"), "flow mapping": ("{", "}", "mapping")}

Explainer = Callable[[str, list[str], yaml.MarkedYAMLError], Optional[Problem]]


def explain(path: str, text: str, exc: yaml.MarkedYAMLError) -> Problem | None:
    """A Problem naming the likely mistake and its fix, or None when the error is none of the known ones."""
    lines = text.split("\n")
    for explainer in EXPLAINERS:
        problem = explainer(path, lines, exc)
        if problem is not None:
            return problem
    return None


def _line(lines: list[str], mark: yaml.Mark | None) -> str:
    if mark is None or not 0 <= mark.line < len(lines):
        return ""
    return lines[mark.line].rstrip("\r")


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar, the form that can hold any colon, hash or quote."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def colon_in_value(path: str, lines: list[str], exc: yaml.MarkedYAMLError) -> Problem | None:
    """`title: Parents: carers` — a colon and a space inside an unquoted value starts a second key."""
    if "mapping values are not allowed" not in str(exc.problem):
        return None
    match = _KEY_VALUE.match(_line(lines, exc.problem_mark))
    if match is None:
        return None
    key, value = match["key"], match["value"]
    return Problem(path, exc.problem_mark.line + 1, match.start("value") + 1, "yaml-syntax",
                   f"the value of `{key}` holds a colon followed by a space, which YAML reads as the start of "
                   "another key", hint=f"put the value in quotes: {match['lead'].lstrip()}{key}: {quoted(value)}")


def no_space_after_colon(path: str, lines: list[str], exc: yaml.MarkedYAMLError) -> Problem | None:
    """`status:active` — without a space after the colon, YAML reads one word, not a key and its value."""
    if "could not find expected ':'" not in str(exc.problem) or exc.context_mark is None:
        return None
    mark = exc.context_mark
    match = _NO_SPACE.match(_line(lines, mark))
    if match is None:
        return Problem(path, mark.line + 1, mark.column + 1, "yaml-syntax",
                       "this line is neither `key: value` nor a list item, so YAML cannot tell where it belongs",
                       hint="write `key: value`, with a space after the colon, at the indentation of its neighbours")
    key, value = match["key"], match["value"]
    return Problem(path, mark.line + 1, match.end("key") + 1, "yaml-syntax",
                   f"`{key}:{value}` has no space after the colon, so YAML does not read it as the key `{key}`",
                   hint=f"write `{key}: {value}`")


def never_closed(path: str, lines: list[str], exc: yaml.MarkedYAMLError) -> Problem | None:
    """`groups: [publics, employers` or `title: "Parents` — a bracket, brace or quote left open."""
    context, opened = str(exc.context or ""), exc.context_mark
    if opened is None:
        return None
    line = _line(lines, opened)
    where = f"line {exc.problem_mark.line + 1}, column {exc.problem_mark.column + 1}" if exc.problem_mark else "the end"
    if "quoted scalar" in context:
        quote = line[opened.column:opened.column + 1] or '"'
        return Problem(path, opened.line + 1, opened.column + 1, "yaml-syntax",
                       f"the quote {quote} opened here is never closed",
                       hint=f"end the text with {quote} on the same line: {line.strip()}{quote}")
    for kind, (opener, closer, name) in _OPENERS.items():
        if kind in context:
            fix = f"close it with `{closer}`, e.g. `{line.strip()}{closer}`" if closer not in line else f"close it with `{closer}`"
            return Problem(path, opened.line + 1, opened.column + 1, "yaml-syntax",
                           f"the {name} opened with `{opener}` here is not closed: YAML expected `,` or `{closer}` at {where}",
                           hint=fix)
    return None


_QUOTED_VALUE = re.compile(r"""^(?P<lead>\s*(?:-\s+)*(?:[^\s:#'"][^:#]*?:\s+)?)(?P<quote>["'])(?P<rest>.*)$""")


def quote_left_open(path: str, lines: list[str], exc: yaml.MarkedYAMLError) -> Problem | None:
    """`owner: "Dr A. Researcher` with a quote further down: the text runs on to that quote, and libyaml
    stumbles there. The line that opened the quote without closing it is the one to fix."""
    broke = (exc.problem_mark or exc.context_mark)
    if broke is None:
        return None
    for number, line in enumerate(lines[:broke.line], start=1):
        match = _QUOTED_VALUE.match(line.rstrip("\r"))
        if match and not _closes(match["quote"], match["rest"]):
            return Problem(path, number, match.start("quote") + 1, "yaml-syntax",
                           f"the quote {match['quote']} opened here is not closed on this line, so YAML reads on "
                           f"to line {broke.line + 1} and stops there",
                           hint=f"end the text with {match['quote']} on this line: {line.strip()}{match['quote']}")
    return None


def _closes(quote: str, rest: str) -> bool:
    if quote == "'":
        return rest.replace("''", "").count("'") % 2 == 1
    return re.sub(r"\\.", "", rest).count('"') % 2 == 1


EXPLAINERS: list[Explainer] = [colon_in_value, no_space_after_colon, never_closed, quote_left_open]

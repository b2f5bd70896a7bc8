"""Make user text safe inside Markdown tables, HTML and Mermaid diagrams: it renders as the text it is."""

from __future__ import annotations

import re

# Characters with meaning anywhere in GitHub/GitLab-flavoured Markdown; `[` and `]` escaped means no link can form.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# Characters with meaning only at the start of a line: headings, lists, quotes.
_LINE_START = re.compile(r"^([#+=>-])")
_NUMBERED = re.compile(r"^(\d+)([.)])")
_WHITESPACE = re.compile(r"\s+")
_PERCENTS = re.compile(r"%+")


# Text made only of these characters, single-spaced, needs no escaping (most titles and labels): a fast path.
_PLAIN = re.compile(r"[\w ,.:;'’()/%?!–—-]*")


def markdown(text: object) -> str:
    """One line of literal text: newlines folded, Markdown and HTML neutralised."""
    value = str(text)
    if (_PLAIN.fullmatch(value) and "  " not in value and value == value.strip()
            and not _LINE_START.match(value) and not _NUMBERED.match(value)):
        return value
    value = _WHITESPACE.sub(" ", value).strip()
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    return _NUMBERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", value))


def html(text: object) -> str:
    """Literal text for an HTML element or a quoted attribute value: `& < > " '` become entities."""
    value = str(text)
    if _HTML_SPECIAL.search(value) is None:
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


_HTML_SPECIAL = re.compile("[&<>\"']")


def mermaid(text: object) -> str:
    """A Mermaid node or axis label, for use inside double quotes."""
    value = _WHITESPACE.sub(" ", str(text)).strip()
    replacements = {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;", "[": "#91;", "]": "#93;",
                    "{": "#123;", "}": "#125;", "|": "#124;", ";": "#59;", "%": "#37;"}
    return "".join(replacements.get(char, char) for char in value)[:120]


def chart_label(text: object) -> str:
    """A Mermaid chart title or axis label: characters that xychart cannot take are dropped; a `%` is kept
    alone (a unit like `% of respondents`) but never doubled, since `%%` opens a Mermaid comment or directive."""
    value = _WHITESPACE.sub(" ", str(text)).strip()
    value = "".join(char for char in value if char not in '"`[]{}|;<>&#\\')
    return _PERCENTS.sub("%", value)[:80].strip()

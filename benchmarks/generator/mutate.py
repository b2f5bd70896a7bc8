"""One realistic mistake in a record file: a typo'd key, a vocabulary slip, a dangling reference, an impossible
date, a YAML syntax error, a duplicate key or a tab."""

from __future__ import annotations

import random
import re

_KEY_TYPOS = {"stakeholders": "stakeholder", "description": "descripton", "statement": "statment",
              "rationale": "rationle", "evidence": "evidences", "activities": "activites", "outcomes": "outcome",
              "title": "titel", "owner": "owener", "countries": "country", "primary_audience": "primary-audience",
              "consent_to_name": "consent", "corroborator": "corroborater", "indicators": "indicator",
              "lead": "leader", "due": "deadline", "name": "nmae", "url": "link", "note": "notes", "reach": "reache"}
_VOCAB_SLIPS = {"childhood-families": "childhood-family", "work": "workplace", "communities": "community",
                "conceptual": "conceptional", "capacity-building": "capacity-build", "instrumental": "instrumentals",
                "service-users": "service-user", "ngos-policy": "ngo-policy", "employers": "employer",
                "publics": "public", "survey": "surveys", "testimonial": "testimony", "policy-document": "policy",
                "media": "press", "web-analytics": "analytics", "meeting-minutes": "minutes",
                "citation": "citations", "dataset": "data", "letter": "email",
                "interdisciplinary-study": "study", "targeted-output": "output", "engagement-event": "event",
                "co-produced-proposal": "coproduced-proposal", "international-collaboration": "international",
                "web-resource": "website", "researcher-development": "researcher-training",
                "advisory-meeting": "advisory-board", "policy-briefing": "briefing", "training": "trainings"}
_REF_KEYS = ("stakeholders", "outcomes", "activities", "evidence")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})$")


def break_file(text: str, mistake: str, rng: random.Random, known: set[str]) -> str | None:
    """`text` with one mistake of the given kind, or None when this file offers no place for it."""
    lines = text.split("\n")
    top = [i for i, line in enumerate(lines) if re.match(r"^[a-z_]+:", line)]
    if mistake not in _MISTAKES:
        raise ValueError(mistake)
    return "\n".join(lines) if _MISTAKES[mistake](lines, top, rng, known) else None


def _at(rng: random.Random, candidates: list[int]) -> int | None:
    return rng.choice(candidates) if candidates else None


# Each mistake edits `lines` in place (`top`: the indexes of top-level keys) and says whether it found a place.

def _typo_key(lines: list[str], top: list[int], rng: random.Random, known: set[str]) -> bool:
    i = _at(rng, [i for i in top if lines[i].split(":", 1)[0] in _KEY_TYPOS])
    if i is None:
        return False
    key, rest = lines[i].split(":", 1)
    lines[i] = _KEY_TYPOS[key] + ":" + rest
    return True


def _vocabulary(lines: list[str], top: list[int], rng: random.Random, known: set[str]) -> bool:
    cands = [i for i in top if lines[i].split(":", 1)[0] in ("area", "domain", "group", "type")
             and lines[i].split(": ", 1)[-1] in _VOCAB_SLIPS]
    cands += [i for i in range(len(lines)) if lines[i].startswith("  - ") and _section(lines, i) == "groups"]
    i = _at(rng, cands)
    if i is None:
        return False
    head, value = lines[i].rsplit(" ", 1)
    lines[i] = f"{head} {_VOCAB_SLIPS[value]}"
    return True


def _dangling_reference(lines: list[str], top: list[int], rng: random.Random, known: set[str]) -> bool:
    cands = [i for i in range(len(lines)) if re.match(r"^ *- [a-z0-9-]+$", lines[i])
             and (_section(lines, i) in _REF_KEYS or lines[i].startswith("          - "))]
    cands += [i for i in top if lines[i].startswith("corroborator:")]
    i = _at(rng, cands)
    if i is None:
        return False
    head, value = lines[i].rsplit(" ", 1)
    for _ in range(20):
        wrong = _misspell(value, rng)
        if wrong not in known:
            lines[i] = f"{head} {wrong}"
            return True
    return False


def _impossible_date(lines: list[str], top: list[int], rng: random.Random, known: set[str]) -> bool:
    i = _at(rng, [i for i, line in enumerate(lines)
                  if _DATE.search(line) and not line.lstrip().startswith(("id:", "- id:"))])
    if i is None:
        return False
    year = int(_DATE.search(lines[i]).group(1))
    bad = rng.choice(["02-30", "02-31", "04-31", "06-31", "09-31", "11-31"] + (["02-29"] if year % 4 else []))
    lines[i] = _DATE.sub(f"{year}-{bad}", lines[i])
    return True


def _yaml_syntax(lines: list[str], top: list[int], rng: random.Random, known: set[str]) -> bool:
    i = _at(rng, [i for i in top if lines[i].startswith(("title: ", "name: "))])
    if i is None:
        return False
    key, value = lines[i].split(": ", 1)
    if value.startswith('"'):
        lines[i] = f"{key}: {value[:-1]}"          # the closing quote forgotten
    else:
        words = value.split(" ")
        cut = max(1, len(words) // 3)              # a colon in an unquoted title
        lines[i] = f"{key}: {' '.join(words[:cut])}: {' '.join(words[cut:]) or 'draft'}"
    return True


def _duplicate_key(lines: list[str], top: list[int], rng: random.Random, known: set[str]) -> bool:
    i = _at(rng, [i for i in top
                  if re.match(r"^(title|status|owner|lead|type|area|date|due|name|start|end): \S", lines[i])])
    if i is None:
        return False
    key = lines[i].split(":", 1)[0]
    again = {"status": "status: achieved" if "active" in lines[i] else "status: active"}.get(key, lines[i])
    lines.insert(len(lines) - 1, again)         # added again at the end, above the final newline
    return True


def _tab(lines: list[str], top: list[int], rng: random.Random, known: set[str]) -> bool:
    if rng.random() < 0.5:                          # a tab as indentation
        i = _at(rng, [i for i, line in enumerate(lines) if line.startswith("  ") and not line.startswith("   ")])
        if i is None:
            return False
        lines[i] = "\t" + lines[i][2:]
    else:                                           # a tab after the colon, from aligning values
        i = _at(rng, [i for i in top if ": " in lines[i]])
        if i is None:
            return False
        lines[i] = lines[i].replace(": ", ":\t", 1)
    return True


_MISTAKES = {"typo-key": _typo_key, "vocabulary": _vocabulary, "dangling-reference": _dangling_reference,
             "impossible-date": _impossible_date, "yaml-syntax": _yaml_syntax, "duplicate-key": _duplicate_key,
             "tab": _tab}


def _section(lines: list[str], i: int) -> str:
    """The top-level key whose block holds line i."""
    for j in range(i, -1, -1):
        if lines[j] and not lines[j].startswith((" ", "#")):
            return lines[j].split(":", 1)[0]
    return ""


def _misspell(value: str, rng: random.Random) -> str:
    """A slip of the keyboard, never at the first character: a letter dropped, doubled, or two swapped."""
    i = rng.randrange(1, len(value) - 1)
    how = rng.choice(["drop", "double", "swap"])
    if how == "drop":
        return value[:i] + value[i + 1:]
    if how == "double":
        return value[:i] + value[i] + value[i:]
    return value[:i] + value[i + 1] + value[i] + value[i + 2:]

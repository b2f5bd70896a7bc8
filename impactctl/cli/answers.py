"""One answer at a terminal: checked as it is given and asked again when wrong; Ctrl-C or Ctrl-D stops with
nothing written."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Optional

import typer

from impactctl.model import days
from impactctl.source.value_hints import choice_hint, date_hint
from impactctl.suggest import did_you_mean

EXIT_STOPPED = 130  # as a shell reports a command stopped by Ctrl-C


class Wrong(ValueError):
    """An answer that cannot be used; the message says what to write instead. `strict`: refused even outside
    a terminal (a date that is not one); otherwise the value goes on to validation, which says where it is."""

    def __init__(self, message: str, strict: bool = False) -> None:
        super().__init__(message)
        self.strict = strict


Check = Callable[[str], Any]


def ask(label: str, check: Check, default: Optional[str] = None) -> Any:
    """Ask until the answer passes `check`; each wrong answer is told what to write instead."""
    while True:
        answer = read(label, default)
        try:
            return check(answer)
        except Wrong as exc:
            typer.echo(f"  {exc}", err=True)


def read(label: str, default: Optional[str] = None) -> str:
    """One line from the person at the terminal (never empty unless a default stands in)."""
    try:
        return typer.prompt(label, default=default, err=True).strip()
    except typer.Abort:  # Ctrl-C or Ctrl-D: nothing has been written yet, and nothing will be
        typer.echo("\nimpactctl: stopped; nothing was written", err=True)
        raise typer.Exit(EXIT_STOPPED) from None


def text(answer: str) -> str:
    if not answer.strip():
        raise Wrong("write something here")
    return answer.strip()


def date(answer: str) -> dt.date:
    """A YYYY-MM-DD date; another spelling (`31/12/2027`) is answered with its YYYY-MM-DD form."""
    answer = str(answer).strip()
    if not days.is_iso_day(answer):
        raise Wrong(f"`{answer}` is not a date: {date_hint(answer)}", strict=True)
    try:
        return days.calendar_day(answer)
    except ValueError as exc:  # 2026-02-30: the model's words, as a period with that day gets them
        raise Wrong(str(exc), strict=True) from None


def number(answer: str) -> int | float:
    answer = answer.strip()
    for kind in (int, float):
        try:
            value = kind(answer)
        except ValueError:
            continue
        if value == value and value not in (float("inf"), float("-inf")):
            return value
    bare = answer.rstrip("%").replace(",", "").strip()
    hint = f"write {bare} (the unit says what it counts)" if bare != answer and _is_number(bare) else \
        "write digits, e.g. 40 or 12.5"
    raise Wrong(f"`{answer}` is not a number: {hint}")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def choice(choices: list[str], field: str, listed: bool = True) -> Check:
    """One of `choices`, with a did-you-mean for a typo (or, for a status, a word meaning the same)."""

    def check(answer: str) -> str:
        answer = answer.strip()
        if answer in choices or not choices:  # no list to hold it to: validation judges
            return answer
        hint = choice_hint(answer, choices, field)
        meant = re.search(r"`[^`:]+: ([^`]+)`", hint)
        where = f"one of {', '.join(choices)}" if listed else f"a known {field}"
        advice = f"; {did_you_mean(meant[1])}" if meant else ""
        raise Wrong(f"`{answer}` is not {where}{advice}")

    check.choices = choices if listed else []  # type: ignore[attr-defined]  (shown before the question)
    return check


def several(check: Check) -> Check:
    """A comma-separated answer, each item checked by `check`."""

    def many(answer: str | list[str]) -> list[Any]:
        items = answer if isinstance(answer, list) else [a.strip() for a in answer.split(",") if a.strip()]
        if not items:
            raise Wrong("write at least one, separated by commas")
        return [check(item) for item in items]

    many.choices = getattr(check, "choices", [])  # type: ignore[attr-defined]
    return many

"""Reporters over one CheckResult, by name: text, json, github, gitlab, junit."""

from __future__ import annotations

from typing import Callable

from impactctl.output import github, gitlab, json_report, junit, text
from impactctl.problems import CheckResult

Reporter = Callable[[CheckResult, bool], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "junit": junit.render,
}

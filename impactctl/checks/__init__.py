"""The ledger rules, registered by hand, and the runner that applies each ledger's settings."""

from __future__ import annotations

import dataclasses
from typing import Any, Iterator

from impactctl.checks.base import Rule, finding
from impactctl.checks.rules import (
    achieved_evidence,
    advisory_coverage,
    challenge_overdue,
    challenge_response,
    challenge_source,
    country_code,
    coverage_group_domain,
    date_order,
    evidence_file,
    id_matches_file,
    id_unique,
    indicator_values,
    measurement_evidence,
    milestone_missed,
    outcome_overdue,
    outcome_unsupported,
    personal_data,
    reference_exists,
    smart_complete,
    vocabulary,
)
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity
from impactctl.suggest import closest, did_you_mean

RULES: list[Rule] = [
    id_matches_file,
    id_unique,
    reference_exists,
    vocabulary,
    country_code,
    date_order,
    indicator_values,
    smart_complete,
    evidence_file,
    achieved_evidence,
    coverage_group_domain,
    advisory_coverage,
    outcome_unsupported,
    measurement_evidence,
    milestone_missed,
    outcome_overdue,
    challenge_source,
    challenge_response,
    challenge_overdue,
    personal_data,
]

RULES_BY_ID: dict[str, Rule] = {rule.ID: rule for rule in RULES}


def run_checks(ledger: Ledger) -> list[Problem]:
    """Every enabled rule's problems, at the severity ledger.yaml sets; a crashing rule is a problem too."""
    problems = list(_unknown_rule_settings(ledger))
    for rule in RULES:
        setting = ledger.config.setting(rule.ID)
        severity = Severity(setting.severity) if setting.severity else rule.SEVERITY
        if severity is Severity.OFF:
            continue
        options = {**rule.OPTIONS, **_valid_options(rule, setting.options)}
        for problem in _safely(rule, ledger, options):
            problems.append(dataclasses.replace(problem, severity=severity))
    return problems


def _valid_options(rule: Rule, given: dict[str, Any]) -> dict[str, Any]:
    """The options that match a declared option's type; the others are reported by _unknown_rule_settings."""
    return {k: v for k, v in given.items() if k in rule.OPTIONS and type(v) is type(rule.OPTIONS[k])}


def _safely(rule: Rule, ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    try:
        yield from rule.check(ledger, options)
    except Exception as exc:  # a bug in a rule must not hide the other rules' findings
        yield Problem("ledger.yaml", 0, 0, "rule-crashed", f"rule {rule.ID} failed: {exc!r}",
                      hint="this is a bug in impactctl; please report it with the ledger that caused it")


def _unknown_rule_settings(ledger: Ledger) -> Iterator[Problem]:
    for name, setting in ledger.config.rules.items():
        if name not in RULES_BY_ID:
            hint = did_you_mean(closest(name, RULES_BY_ID)) or "see `impactctl rules` for the list"
            yield finding("ledger.yaml", ("rules", name), "config-unknown-rule", f"there is no rule `{name}`",
                          hint=hint, at_key=True)
            continue
        defaults = RULES_BY_ID[name].OPTIONS
        for option, value in setting.options.items():
            loc = ("rules", name, "options", option)
            if option not in defaults:
                known = ", ".join(defaults) or "none"
                yield finding("ledger.yaml", loc, "config-unknown-option", f"rule `{name}` has no option `{option}`",
                              hint=f"its options: {known}", at_key=True)
            elif type(value) is not type(defaults[option]):
                yield finding("ledger.yaml", loc, "config-option-type",
                              f"option `{option}` of rule `{name}` should be like {defaults[option]!r}",
                              hint=f"the default is {defaults[option]!r}")

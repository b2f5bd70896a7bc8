"""coverage-group-domain: the plan covers every stakeholder group in every domain with at least one outcome not dropped.

A warning by default, because a new ledger is incomplete by nature; a centre
that has finished its plan raises it to an error in ledger.yaml
(`rules: {coverage-group-domain: error}`).

While an outcome file cannot be read (a YAML or schema error), this rule says
nothing: that outcome may cover the pair, and its own error is the message.

Passes:  groups {employers}, domains {conceptual}: an outcome with `groups: [employers]`, `domain: conceptual`
Fails:   no outcome for employers in the conceptual domain
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "coverage-group-domain"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    if not ledger.in_focus("ledger.yaml") or not ledger.all_read("outcomes"):
        return
    vocabularies = ledger.config.vocabularies
    covered = {
        (group, entry.record.domain)
        for entry in ledger.outcomes
        if entry.record.status != "dropped"
        for group in entry.record.groups
    }
    for group, group_label in vocabularies.groups.items():
        for domain, domain_label in vocabularies.domains.items():
            if (group, domain) not in covered:
                yield finding("ledger.yaml", ("vocabularies", "groups", group), ID,
                              f"no outcome for {group_label} in the {domain_label} domain",
                              hint=f"add one: impactctl add-outcome --group {group} --domain {domain} ...", at_key=True)

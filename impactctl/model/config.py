"""The model of ledger.yaml: the centre, its vocabularies and its rule settings."""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import Field, StrictInt

from impactctl.model.ids import IsoDate, Text, VocabKey
from impactctl.model.records import Strict

Vocabulary = dict[VocabKey, Text]
SeverityName = Literal["error", "warning", "off"]


class Centre(Strict):
    """Who keeps this ledger and for which grant."""

    name: Text
    short_name: Optional[Text] = None
    funder: Optional[Text] = None
    grant: Optional[Text] = None
    start: IsoDate
    end: IsoDate
    reporting_year_start_month: StrictInt = Field(default=1, ge=1, le=12)
    currency: Text = Field(default="GBP", pattern=r"^[A-Z]{3}$")
    url: Optional[Text] = None


class Vocabularies(Strict):
    """The words records may use, each key with a human label: a centre sets its own."""

    areas: Vocabulary = Field(min_length=1)
    groups: Vocabulary = Field(min_length=1)
    domains: Vocabulary = Field(min_length=1)
    activity_types: Vocabulary = Field(min_length=1)
    evidence_types: Vocabulary = Field(min_length=1)


class RuleSetting(Strict):
    """A rule's severity and options, in the long form."""

    severity: Optional[SeverityName] = None
    options: dict[VocabKey, Union[StrictInt, float, str, bool, list[str]]] = Field(default_factory=dict)


class LedgerConfig(Strict):
    """The whole of ledger.yaml."""

    format: Literal[1] = 1
    centre: Centre
    vocabularies: Vocabularies
    rules: dict[VocabKey, Union[SeverityName, RuleSetting]] = Field(default_factory=dict)

    def setting(self, rule_id: str) -> RuleSetting:
        """The rule's setting, whichever form ledger.yaml used."""
        value = self.rules.get(rule_id)
        if value is None:
            return RuleSetting()
        if isinstance(value, str):
            return RuleSetting(severity=value)
        return value

"""The model of ledger.yaml: the centre, its vocabularies and its rule settings."""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BeforeValidator, Field, StrictBool, StrictFloat, StrictInt, StrictStr, StringConstraints

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


CHALLENGE_KINDS = {"challenge": "Challenge", "recommendation": "Recommendation", "request": "Request",
                   "support-offered": "Support offered"}


class Vocabularies(Strict):
    """The words records may use, each key with a human label: a centre sets its own."""

    areas: Vocabulary = Field(min_length=1)
    groups: Vocabulary = Field(min_length=1)
    domains: Vocabulary = Field(min_length=1)
    activity_types: Vocabulary = Field(min_length=1)
    evidence_types: Vocabulary = Field(min_length=1)
    # Added with challenges: a ledger written before them gets these four and stays valid.
    challenge_kinds: Vocabulary = Field(min_length=1, default_factory=lambda: dict(CHALLENGE_KINDS))


OptionName = Annotated[StrictStr, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,62}$")]


class RuleSetting(Strict):
    """A rule's severity and options; `rule-id: warning` is short for `rule-id: {severity: warning}`."""

    severity: Optional[SeverityName] = None
    options: dict[OptionName, Union[StrictInt, StrictFloat, StrictBool, StrictStr]] = Field(default_factory=dict)


def _short_form(value: object) -> object:
    return {"severity": value} if isinstance(value, str) else value


# The schema offers both forms, as validation accepts both (editors would mark the short one wrong otherwise).
RuleEntry = Annotated[RuleSetting,
                      BeforeValidator(_short_form, json_schema_input_type=Union[SeverityName, RuleSetting])]


class LedgerConfig(Strict):
    """The whole of ledger.yaml."""

    format: Literal[1] = 1
    centre: Centre
    vocabularies: Vocabularies
    rules: dict[VocabKey, RuleEntry] = Field(default_factory=dict)

    def setting(self, rule_id: str) -> RuleSetting:
        """The rule's setting in ledger.yaml, or the defaults."""
        return self.rules.get(rule_id) or RuleSetting()

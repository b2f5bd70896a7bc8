"""The record kinds of ledger format v1: stakeholders, outcomes, activities, evidence and challenges."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt

from impactctl.model.ids import CountryCode, IsoDate, RecordId, Text, Value, VocabKey
from impactctl.model.kinds import RECORD_KINDS


class Strict(BaseModel):
    """Every model forbids unknown keys so that a typo is reported, not ignored."""

    # NaN and infinities are kept as JSON's NaN/Infinity constants, so that a record read back from the
    # cache's JSON is the record that was stored (as null, a NaN target would no longer validate).
    model_config = ConfigDict(extra="forbid", validate_default=False, ser_json_inf_nan="constants")


class Record(Strict):
    """Fields every record has."""

    id: RecordId


# --- outcomes -----------------------------------------------------------------

OutcomeStatus = Literal["planned", "active", "achieved", "missed", "dropped"]
Measure = Literal["count", "percent", "currency", "qualitative"]
Direction = Literal["increase", "decrease"]


class Point(Strict):
    """A value at a date: a baseline or a target."""

    value: Value
    date: IsoDate


class Milestone(Strict):
    """An interim value the indicator should have reached by a date."""

    date: IsoDate
    value: Value


class Measurement(Strict):
    """One observed value of an indicator, with the evidence behind it."""

    date: IsoDate
    value: Value
    evidence: list[RecordId] = Field(default_factory=list)
    note: Optional[Text] = None


class Indicator(Strict):
    """How progress towards an outcome is measured."""

    id: RecordId
    name: Text
    measure: Measure
    unit: Optional[Text] = None
    direction: Direction = "increase"
    baseline: Optional[Point] = None
    target: Optional[Point] = None
    milestones: list[Milestone] = Field(default_factory=list)
    measurements: list[Measurement] = Field(default_factory=list)

    @property
    def quantitative(self) -> bool:
        return self.measure != "qualitative"


class Outcome(Record):
    """A SMART outcome promised to one or more stakeholder groups."""

    title: Text
    area: VocabKey
    domain: VocabKey
    groups: list[VocabKey] = Field(min_length=1)
    stakeholders: list[RecordId] = Field(default_factory=list)
    owner: Text
    statement: Text
    rationale: Optional[Text] = None
    due: Optional[IsoDate] = None
    status: OutcomeStatus = "planned"
    status_date: Optional[IsoDate] = None  # when the status last changed (set by `impactctl set-status`)
    evidence: list[RecordId] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    tags: list[VocabKey] = Field(default_factory=list)


# --- activities ---------------------------------------------------------------

Geography = Literal["local", "regional", "national", "international"]


class Reach(Strict):
    """Who an activity reached and how many."""

    audience: Optional[Text] = None
    count: Optional[StrictInt] = Field(default=None, ge=0)
    geography: Optional[Geography] = None


class Cost(Strict):
    """What an activity cost."""

    amount: StrictInt | StrictFloat = Field(ge=0)
    currency: Text = Field(pattern=r"^[A-Z]{3}$")


class Output(Strict):
    """Something an activity produced: a report, a tool, a web page."""

    title: Text
    url: Optional[Text] = Field(default=None, pattern=r"^https?://\S+$")


class Activity(Record):
    """Something the centre did to bring its outcomes about."""

    title: Text
    type: VocabKey
    area: VocabKey
    start: IsoDate
    end: Optional[IsoDate] = None
    lead: Text
    description: Optional[Text] = None
    stakeholders: list[RecordId] = Field(default_factory=list)
    outcomes: list[RecordId] = Field(default_factory=list)
    reach: Optional[Reach] = None
    cost: Optional[Cost] = None
    countries: list[CountryCode] = Field(default_factory=list)
    outputs: list[Output] = Field(default_factory=list)
    form: Optional[Text] = None
    primary_audience: Optional[Text] = None


# --- stakeholders -------------------------------------------------------------

StakeholderType = Literal["organisation", "group", "person"]


class Advisory(Strict):
    """Membership of the centre's non-academic advisory group."""

    role: Text
    since: IsoDate
    until: Optional[IsoDate] = None


class Contact(Strict):
    """How to reach a stakeholder: personal data, never shown in public output."""

    name: Optional[Text] = None
    email: Optional[Text] = None
    phone: Optional[Text] = None
    address: Optional[Text] = None
    note: Optional[Text] = None


class Stakeholder(Record):
    """A person, group or organisation the centre works with or for."""

    name: Text
    type: StakeholderType
    group: VocabKey
    description: Optional[Text] = None
    url: Optional[Text] = Field(default=None, pattern=r"^https?://\S+$")
    consent_to_name: StrictBool = False
    advisory: Optional[Advisory] = None
    contact: Optional[Contact] = None


# --- evidence -----------------------------------------------------------------


class Evidence(Record):
    """Something that shows an outcome happened: a document, a letter, a web page, a dataset."""

    title: Text
    date: IsoDate
    type: VocabKey
    url: Optional[Text] = Field(default=None, pattern=r"^https?://\S+$")
    file: Optional[Text] = None
    sha256: Optional[str] = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    outcomes: list[RecordId] = Field(default_factory=list)
    activities: list[RecordId] = Field(default_factory=list)
    corroborator: Optional[RecordId] = None
    note: Optional[Text] = None


# --- challenges ---------------------------------------------------------------

ChallengeStatus = Literal["open", "in-progress", "answered", "declined"]


class Response(Strict):
    """What the centre did about a challenge: its answer (or its reason for declining), when, and the proof."""

    text: Optional[Text] = None  # rule challenge-response asks for it where it matters (a declined challenge)
    date: IsoDate
    evidence: list[RecordId] = Field(default_factory=list)


class Challenge(Record):
    """Something the advisory group raised with the centre (a challenge, a recommendation, a request, an
    offer of support) and what became of it."""

    text: Text
    raised: IsoDate
    raised_by: RecordId  # a stakeholder id, or a stakeholder group key (ledger.yaml's `groups`)
    meeting: Optional[RecordId] = None  # the advisory meeting (an activity) where it was raised
    kind: VocabKey
    outcomes: list[RecordId] = Field(default_factory=list)  # what it concerns
    activities: list[RecordId] = Field(default_factory=list)
    owner: Text  # who in the centre owns the answer
    due: Optional[IsoDate] = None
    status: ChallengeStatus = "open"
    response: Optional[Response] = None


# The record kinds in the order they are loaded and reported (model/kinds.py declares them): folder -> model.
KINDS: dict[str, type[Record]] = {kind.folder: globals()[kind.model] for kind in RECORD_KINDS}

"""Property tests (Hypothesis): what the writer writes reads back the same, and no bytes make validate raise
or any rule crash (a rule that raises becomes a `rule-crashed` problem, so "did not raise" is not enough)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from impactctl import api, authoring
from impactctl.model.ids import slugify
from impactctl.model.records import Outcome, Stakeholder
from impactctl.source import fastyaml, roundtrip
from tests.helpers import OUTCOME, TODAY, write_ledger

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Free text as people type it: any printable character, spaces and newlines included; no '@', '+' or '0',
# so that the personal-data rule (e-mail addresses, phone numbers) has nothing to refuse.
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"), blacklist_characters="@+0")
               | st.sampled_from(["\n", " "]), min_size=1, max_size=60).filter(lambda t: t.strip())
WORDS = st.sampled_from(["yes", "no", "on", "off", "null", "~", "1e3", "0755", "1:30", "2026-01-01", "true",
                         "- item", "# hash", "key: value", "[a]", "{b}", "&anchor", "*alias", "!tag", "%", "'q'", '"q"'])

STAKEHOLDER = st.fixed_dictionaries({
    "name": TEXT | WORDS,
    "type": st.sampled_from(["organisation", "group"]),
    "group": st.sampled_from(["employers", "publics"]),
}, optional={"description": TEXT | WORDS, "url": st.just("https://example.org/x")})


def _ledger() -> Path:
    root = Path(tempfile.mkdtemp(prefix="impactctl-prop-")) / "ledger"
    return write_ledger(root, {})


def assert_no_rule_crashed(result) -> None:
    assert [p.message for p in result.problems if p.code == "rule-crashed"] == []


@SETTINGS
@given(fields=STAKEHOLDER)
def test_a_record_added_reads_back_the_same_and_round_trips_byte_for_byte(fields):
    root = _ledger()
    given_fields = dict(fields)
    if not slugify(fields["name"]):  # nothing to spell an id from (`:`, emoji): the author gives one, as add-* asks
        given_fields["id"] = "named-by-hand"
    result = authoring.add_record(root, "stakeholders", given_fields, today=TODAY)
    assert result.written, [p.message for p in result.problems]
    text = result.path.read_text(encoding="utf-8")
    data = fastyaml.load("x.yaml", text)[0]
    record = Stakeholder.model_validate(data)
    for key, value in fields.items():
        assert getattr(record, key) == value
    assert roundtrip.dump_text(roundtrip.load_text(text)) == text


@SETTINGS
@given(content=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_validate_never_raises_on_any_bytes(content):
    root = _ledger()
    (root / "outcomes").mkdir()
    (root / "outcomes/x.yaml").write_bytes(content)
    result = api.validate(root, today=TODAY, use_cache=False)
    assert result.files_checked >= 1
    assert_no_rule_crashed(result)


YAMLISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT | WORDS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT | WORDS, children, max_size=4),
    max_leaves=12)


@SETTINGS
@given(document=st.dictionaries(st.sampled_from(["id", "title", "area", "status", "indicators", "extra", "due"]),
                                YAMLISH, max_size=6))
def test_validate_never_raises_on_any_yaml_document(document):
    root = _ledger()
    (root / "outcomes").mkdir()
    (root / "outcomes/x.yaml").write_text(roundtrip.dump_text(roundtrip.to_yaml_value(document)), encoding="utf-8")
    result = api.validate(root, today=TODAY, use_cache=False)
    assert all(p.line >= 0 and p.column >= 0 for p in result.problems)
    assert_no_rule_crashed(result)


VALUES = st.integers() | st.floats(allow_nan=True, allow_infinity=True) | TEXT | WORDS


@SETTINGS
@given(baseline=VALUES, target=VALUES, measured=st.lists(VALUES, max_size=3), title=TEXT | WORDS)
def test_a_record_read_back_from_the_cache_json_is_the_record_stored(baseline, target, measured, title):
    """The cache and the worker processes keep records as JSON and validate them again when read: any
    value a YAML file can hold (NaN, infinities, huge integers, odd text) must come back unchanged."""
    data = fastyaml.load("x.yaml", OUTCOME.format(id="x"))[0]
    data["title"] = title
    indicator = data["indicators"][0]
    indicator["baseline"]["value"], indicator["target"]["value"] = baseline, target
    indicator["measurements"] = [{"date": "2026-01-01", "value": value} for value in measured]
    record = Outcome.model_validate(data)
    stored = record.model_dump_json()
    assert Outcome.model_validate_json(stored).model_dump_json() == stored


DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
NUMBERS = st.integers(min_value=-10**30, max_value=10**30) | st.floats(allow_nan=True, allow_infinity=True)


@SETTINGS
@given(title=TEXT | WORDS, due=DATES, status=st.sampled_from(["planned", "active", "achieved", "missed", "dropped"]),
       baseline=st.tuples(NUMBERS, DATES), target=st.tuples(NUMBERS, DATES),
       measured=st.lists(st.tuples(NUMBERS | TEXT, DATES), max_size=4),
       milestones=st.lists(st.tuples(NUMBERS, DATES), max_size=3), direction=st.sampled_from(["increase", "decrease"]))
def test_no_rule_crashes_on_a_record_that_loads(title, due, status, baseline, target, measured, milestones, direction):
    """A record that passes its schema reaches every rule: odd numbers (NaN, infinities, 30 digits), dates
    in any order and far from today, text measurements and every status never make a rule crash."""
    data = fastyaml.load("x.yaml", OUTCOME.format(id="x"))[0]
    data.update(title=title, due=due, status=status)
    indicator = data["indicators"][0]
    indicator["direction"] = direction
    indicator["baseline"] = {"value": baseline[0], "date": baseline[1]}
    indicator["target"] = {"value": target[0], "date": target[1]}
    indicator["milestones"] = [{"value": value, "date": day} for value, day in milestones]
    indicator["measurements"] = [{"date": day, "value": value} for value, day in measured]
    root = _ledger()
    (root / "outcomes").mkdir()
    (root / "outcomes/x.yaml").write_text(roundtrip.dump_text(roundtrip.to_yaml_value(data)), encoding="utf-8")
    result = api.validate(root, today=TODAY, use_cache=False)
    assert_no_rule_crashed(result)

"""Tags, keys and scalars: no tag ever builds an object, keys are text and unique at every depth, merge
keys and anchors work within limits, and every YAML 1.1 spelling reads the same on the validating path
(libyaml + impactctl's YAML 1.2 construction) as on the editing path (ruamel.yaml round trip)."""

from __future__ import annotations

import datetime as dt

import pytest
from ruamel.yaml import YAML

from impactctl.source import fastyaml
from tests.helpers import OUTCOME, write_ledger
from tests.hostile.common import codes, reported, validate

RECORD = OUTCOME.format(id="a")


def owner(value: str) -> str:
    """The test record with `owner:` (line 6, value at column 8) set to `value`."""
    return RECORD.replace("owner: Dr A. Researcher", f"owner: {value}")


@pytest.mark.parametrize("tagged", [
    "!!python/object/apply:os.system ['touch {canary}']",
    "!!python/object/new:os.system ['touch {canary}']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!set {{a, b}}",
    "!!omap [a: 1, b: 2]",
    "!!pairs [a: 1]",
    "!!timestamp 2026-01-01",
    "!!merge x",
    "!<tag:example.com,2000:app/thing> x",
    "!thing {{a: 1}}",
])
def test_tags_are_never_constructed(tmp_path, tagged):
    """Any tag outside the core schema is `yaml-tag` where it is written; nothing it names is run or built."""
    canary = tmp_path / "pwned"
    root = write_ledger(tmp_path / "ledger", {"outcomes/a.yaml": owner(tagged.format(canary=canary))})
    reported(validate(root), "outcomes/a.yaml:6:8", "yaml-tag")
    assert not canary.exists()


def test_a_tag_directive_cannot_smuggle_python_tags(tmp_path):
    """`%TAG !p! tag:yaml.org,2002:python/` then `!p!object/apply:...`: still `yaml-tag`."""
    text = "%TAG !p! tag:yaml.org,2002:python/\n---\n" + owner("!p!object/apply:os.system [id]")
    reported(validate(write_ledger(tmp_path, {"outcomes/a.yaml": text})), "outcomes/a.yaml:8:8", "yaml-tag")


def test_a_tag_on_the_whole_document(tmp_path):
    """`--- !!python/object:x` tags the record itself: `yaml-tag` at the tag."""
    text = "--- !!python/object:impactctl.model.records.Outcome\n" + RECORD
    reported(validate(write_ledger(tmp_path, {"outcomes/a.yaml": text})), "outcomes/a.yaml:1:5", "yaml-tag")


def test_a_tag_on_a_key(tmp_path):
    """`!!python/str owner:`: `yaml-tag` at the key."""
    text = RECORD.replace("owner:", "!!python/str owner:")
    reported(validate(write_ledger(tmp_path, {"outcomes/a.yaml": text})), "outcomes/a.yaml:6:1", "yaml-tag")


def test_core_tags_must_fit_their_value(tmp_path):
    """`!!int x` is not an int: `yaml-tag`; `!!str 12` is the text "12" and reads fine."""
    reported(validate(write_ledger(tmp_path / "a", {"outcomes/a.yaml": owner("!!int x")})), "outcomes/a.yaml:6:8", "yaml-tag")
    assert validate(write_ledger(tmp_path / "b", {"outcomes/a.yaml": owner("!!str 12")})).exit_code == 0


@pytest.mark.parametrize("key,where", [
    ("~: nothing", "outcomes/a.yaml:18:1"),
    ("null: nothing", "outcomes/a.yaml:18:1"),
    ("true: yes", "outcomes/a.yaml:18:1"),
    ("1.5: x", "outcomes/a.yaml:18:1"),
    ("0x10: x", "outcomes/a.yaml:18:1"),
    ("[a, b]: list", "outcomes/a.yaml:18:1"),
    ("{a: 1}: map", "outcomes/a.yaml:18:1"),
    ("? [complex, key]\n: value", "outcomes/a.yaml:18:3"),
    ("? {a: 1}\n: value", "outcomes/a.yaml:18:3"),
])
def test_keys_that_are_not_text(tmp_path, key, where):
    """Null, boolean, number, list and mapping keys (also as `? complex` keys): `yaml-key` at the key."""
    reported(validate(write_ledger(tmp_path, {"outcomes/a.yaml": RECORD + key + "\n"})), where, "yaml-key")


def test_keys_that_look_like_other_things_are_text(tmp_path):
    """`yes:`, `2026-01-01:` and a `? |` block key are text in YAML 1.2: unknown keys, named as written."""
    text = RECORD + "yes: 1\n2026-01-01: 2\n? |\n  block key\n: 3\n"
    found = codes(validate(write_ledger(tmp_path, {"outcomes/a.yaml": text})), "outcomes/a.yaml")
    assert found == ["schema-unknown-key"] * 3


@pytest.mark.parametrize("text,where", [
    (RECORD + "id: b\n", "outcomes/a.yaml:18:1"),                                   # at the top
    (RECORD + "'id': b\n", "outcomes/a.yaml:18:1"),                                 # quoted the second time
    (RECORD.replace("{value: 10, date: 2025-01-01}", "{value: 10, value: 11, date: 2025-01-01}"),
     "outcomes/a.yaml:16:27"),                                                      # in a flow mapping
    (RECORD.replace("    measure: percent", "    measure: percent\n    measure: count"), "outcomes/a.yaml:14:5"),
    ("id: a\n'1': x\n\"1\": y\n", "outcomes/a.yaml:3:1"),                           # two spellings of one key
    (RECORD + "<<: {id: b}\n<<: {title: c}\n", "outcomes/a.yaml:19:1"),             # two merge keys
])
def test_duplicate_keys_at_any_depth(tmp_path, text, where):
    """The same key twice in one mapping, however written: `yaml-duplicate-key` at the second."""
    reported(validate(write_ledger(tmp_path, {"outcomes/a.yaml": text})), where, "yaml-duplicate-key")


def test_anchors_aliases_and_merge_lists_read_as_ruamel_reads_them(tmp_path):
    """Scalar aliases, `<<: [*a, *b]` (the first wins) and explicit keys over merged ones: the validator's
    data equals ruamel.yaml's, and the record is valid."""
    text = RECORD.replace("    baseline: {value: 10, date: 2025-01-01}\n    target: {value: 50, date: 2028-12-31}\n",
                          "    baseline: &base {value: 10, date: &start 2025-01-01}\n"
                          "    target:\n      <<: [{value: 50}, *base]\n      date: 2028-12-31\n"
                          "    milestones:\n      - {date: *start, value: 10}\n")
    assert validate(write_ledger(tmp_path, {"outcomes/a.yaml": text})).exit_code == 0
    assert plain(fastyaml.load("a.yaml", text)[0]) == plain(YAML().load(text))


YAML_1_1_SPELLINGS = ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "0o17", "017", "0755", "+0755",
                      "1_000", "1_0.5", "1:30", "1:30:00", "190:20:30", "-1:30", "~", "Null", "0x1F", "0b101",
                      "1e3", "1.0e+3", ".5", "+.5", "-.inf", "0.", "-0", "00", "08", "09.5", "2026-1-1",
                      "2026-01-01", "1__0", "0_1", "_1", "1_", "0x_1", "0o_7", "0b", ".", "+", "tRUE", "NULL"]


@pytest.mark.parametrize("spelling", YAML_1_1_SPELLINGS)
def test_yaml_1_1_spellings_read_the_same_nested(spelling):
    """Each spelling as a mapping value, a block and a flow sequence item, in a nested flow mapping
    and quoted: libyaml + impactctl's YAML 1.2 construction reads what ruamel.yaml reads."""
    document = (f"a:\n  b: {spelling}\n  c:\n    - {spelling}\n    - [{spelling}, {{d: {spelling}}}]\n"
                f"  e: '{spelling}'\n  f: {{g: {{h: [{spelling}]}}}}\n")
    data, _, problems = fastyaml.load("x.yaml", document)
    assert problems == []
    assert plain(data) == plain(YAML().load(document))


def plain(value):
    """Plain data: ruamel's own types as dicts, lists and scalars; dates as ISO text (the validator keeps them as text)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value

"""Documents built to exhaust the reader: alias bombs, deep nesting, huge files, floods of keys, long lines.

Each runs the CLI in a subprocess capped at 2 GB of memory: the answer must be a problem with its
position and exit 1, never a crash or runaway memory. No test here times the answer (a busy machine is
slow, not wrong); `benchmarks/run.py --bombs` measures how long these take against reading the bytes.
"""

from __future__ import annotations

from tests.helpers import OUTCOME, write_ledger
from tests.hostile.common import codes, reported, validate
from tests.hostile.common import validate_bounded as bounded


def test_billion_laughs_is_stopped(tmp_path):
    """Nine levels of nine aliases (387 million values once expanded): yaml-too-many-nodes, never expanded."""
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in range(1, 9):
        name, previous = chr(97 + level), chr(96 + level)
        bomb += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
    root = write_ledger(tmp_path, {"outcomes/a.yaml": bomb})
    reported(bounded(root), "outcomes/a.yaml:1:13", "yaml-too-many-nodes")


def test_alias_bomb_through_merge_keys_is_stopped(tmp_path):
    """`<<: [*b, *b, ...]` nested eleven times expands the same way: yaml-too-many-nodes."""
    bomb = "a: &b0 {x: 1, y: 2}\n"
    for level in range(1, 12):
        bomb += f"b{level}: &b{level}\n  <<: [" + ", ".join([f"*b{level - 1}"] * 10) + "]\n  k{level}: v\n"
    root = write_ledger(tmp_path, {"outcomes/a.yaml": bomb})
    assert "yaml-too-many-nodes" in codes(bounded(root), "outcomes/a.yaml")


def test_a_recursive_alias_is_refused(tmp_path):
    """An anchor whose value contains its own alias would expand forever: yaml-recursive-alias."""
    root = write_ledger(tmp_path, {"outcomes/a.yaml": "id: a\ntitle: &t [x, *t]\n"})
    reported(validate(root), "outcomes/a.yaml:2:8", "yaml-recursive-alias")


def test_a_hundred_thousand_plain_values_are_too_many(tmp_path):
    """The value budget counts every value, aliased or not: a list of 100,001 zeros is yaml-too-many-nodes."""
    root = write_ledger(tmp_path, {"outcomes/a.yaml": "id: a\ntitle: [" + "0, " * 100_001 + "]\n"})
    assert codes(validate(root), "outcomes/a.yaml") == ["yaml-too-many-nodes"]


def test_flow_nesting_100000_deep_is_too_deep(tmp_path):
    """`[[[[...` 100,000 deep (200 KB): libyaml stops at 1,000 levels, reported as yaml-too-deep, not a crash."""
    root = write_ledger(tmp_path, {"outcomes/a.yaml": "id: a\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n"})
    reported(bounded(root), "outcomes/a.yaml:2:1007", "yaml-too-deep")


def test_flow_mappings_100000_deep_are_too_deep(tmp_path):
    """`{a: {a: {a: ...` 100,000 deep: yaml-too-deep."""
    root = write_ledger(tmp_path, {"outcomes/a.yaml": "id: a\ntitle: " + "{a: " * 100_000 + "}" * 100_000 + "\n"})
    reported(bounded(root), "outcomes/a.yaml:2:4004", "yaml-too-deep")


def test_block_sequences_100000_deep_are_too_deep(tmp_path):
    """`- - - - ... x` on one line nests block sequences 100,000 deep: yaml-too-deep."""
    root = write_ledger(tmp_path, {"outcomes/a.yaml": "id: a\ntitle:\n" + "- " * 100_000 + "x\n"})
    reported(bounded(root), "outcomes/a.yaml:3:1999", "yaml-too-deep")


def test_block_mappings_indented_1300_deep_are_too_deep(tmp_path):
    """Block mappings each indented one more space, 1,300 deep (850 KB): yaml-too-deep at the 1,000th."""
    deep = "".join(" " * level + "a:\n" for level in range(1300)) + " " * 1300 + "x\n"
    root = write_ledger(tmp_path, {"outcomes/a.yaml": deep})
    reported(bounded(root), "outcomes/a.yaml:1000:1001", "yaml-too-deep")


def test_the_depth_limit_is_64_levels(tmp_path):
    """64 levels are read (the record is then just wrong); the 65th is yaml-too-deep, at the node that passes it."""
    def nested(levels: int) -> str:  # `title` is level 1, each `[` one more
        return "id: a\ntitle: " + "[" * (levels - 1) + "x" + "]" * (levels - 1) + "\n"

    root = write_ledger(tmp_path / "ok", {"outcomes/a.yaml": nested(64)})
    assert codes(validate(root), "outcomes/a.yaml") == ["schema-missing", "schema-type"]
    root = write_ledger(tmp_path / "deep", {"outcomes/a.yaml": nested(65)})
    reported(validate(root), "outcomes/a.yaml:2:72", "yaml-too-deep")


def test_a_50_megabyte_file_is_refused_unread(tmp_path):
    """A 50 MB record: file-too-large, from its size alone."""
    root = write_ledger(tmp_path, {})
    (root / "outcomes").mkdir()
    with open(root / "outcomes/a.yaml", "wb") as handle:
        handle.write(b"id: a\nnote: ")
        handle.truncate(50_000_000)  # sparse: the test does not write 50 MB either
    line = reported(bounded(root), "outcomes/a.yaml", "file-too-large")
    assert "50,000,000 bytes" in line and "1,000,000" in line


def test_sixty_thousand_unknown_keys_list_a_hundred(tmp_path):
    """60,000 keys in one record: the first 100 are listed at their lines, then one too-many-problems note."""
    keys = "".join(f"k{i}: {i}\n" for i in range(60_000))
    root = write_ledger(tmp_path, {"outcomes/a.yaml": "id: a\n" + keys})
    outcome = bounded(root)
    reported(outcome, "outcomes/a.yaml:2:1", "schema-unknown-key")
    reported(outcome, "outcomes/a.yaml", "too-many-problems")
    found = codes(outcome, "outcomes/a.yaml")
    assert len(found) == 101 and found.count("schema-unknown-key") == 99  # and `title` etc. are missing


def test_sixty_thousand_duplicate_keys_list_a_hundred(tmp_path):
    """One flow mapping repeating a key 60,000 times: yaml-duplicate-key, listed 100 times, then the note."""
    root = write_ledger(tmp_path, {"outcomes/a.yaml": "id: a\nx: {" + ", ".join(["k: 1"] * 60_000) + "}\n"})
    outcome = bounded(root)
    reported(outcome, "outcomes/a.yaml:2:11", "yaml-duplicate-key")
    assert codes(outcome, "outcomes/a.yaml").count("yaml-duplicate-key") == 100


def test_a_900_kilobyte_line_with_a_mistake_at_its_end(tmp_path):
    """One line of 900 KB ending in an unknown key: schema-unknown-key at its column, 900,000 characters in."""
    root = write_ledger(tmp_path, {"outcomes/a.yaml": "{id: a, title: " + "y" * 900_000 + ", bogus: 1}\n"})
    reported(bounded(root), "outcomes/a.yaml:1:900018", "schema-unknown-key")


def test_a_900_kilobyte_title_is_read(tmp_path):
    """A valid record whose title is one 900 KB word is read (every rule scans it in linear time): exit 0."""
    text = OUTCOME.format(id="a").replace("title: Employers understand workplace mental health", "title: " + "y" * 900_000)
    outcome = bounded(write_ledger(tmp_path, {"outcomes/a.yaml": text}))
    assert outcome.exit_code == 0 and "Traceback" not in outcome.output, outcome.output[-2000:]

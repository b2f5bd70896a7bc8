"""The validation cache: an unchanged ledger re-validates from it; no edit can slip past it."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from impactctl import api
from impactctl.source import cache as cache_module
from impactctl.source import fastyaml
from tests.helpers import TODAY

SHIPPED = Path(__file__).resolve().parent.parent / "ledger"
TARGET = "outcomes/parents-adversity-awareness.yaml"


@pytest.fixture(params=["fresh files", "settled files"])
def ledger(tmp_path, request, monkeypatch) -> Path:
    """Files just written are read again (their status may not have settled); older files are trusted
    by status. The second case makes every file look old."""
    root = tmp_path / "ledger"
    shutil.copytree(SHIPPED, root, ignore=shutil.ignore_patterns(".impactctl"))
    if request.param == "settled files":
        later = cache_module.time.time_ns() + 10_000_000_000
        monkeypatch.setattr(cache_module.time, "time_ns", lambda: later)
    return root


def summary(root: Path):
    result = api.validate(root, today=TODAY)
    return [(p.path, p.line, p.column, p.code, p.message, p.excerpt) for p in result.problems], result.records


def no_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a file was parsed although the cache should have answered")

    monkeypatch.setattr(fastyaml, "load", refuse)


def test_an_unchanged_ledger_is_answered_from_the_cache(ledger, monkeypatch):
    first = summary(ledger)
    assert (ledger / cache_module.CACHE_NAME).exists()
    no_parsing(monkeypatch)
    assert summary(ledger) == first


def test_only_changed_files_are_parsed_again_and_positions_stay_exact(ledger, monkeypatch):
    summary(ledger)
    path = ledger / TARGET
    path.write_text(path.read_text().replace("status: active", "status: ongoing"))
    parsed = []
    real = fastyaml.load
    monkeypatch.setattr(fastyaml, "load", lambda rel, text: parsed.append(rel) or real(rel, text))
    problems, _ = summary(ledger)
    assert parsed == ["ledger.yaml", TARGET]  # ledger.yaml is small and always read
    assert [(p[1], p[2], p[3]) for p in problems if TARGET in p[0]] == [(25, 9, "schema-choice")]
    again, _ = summary(ledger)  # now from the cache: the same position and source line
    assert again == problems and [p[5] for p in again if TARGET in p[0]] == ["status: ongoing"]


def test_a_report_of_an_unchanged_ledger_takes_the_rules_findings_from_the_cache(ledger, monkeypatch):
    import impactctl.checks

    first = summary(ledger)
    parsed = []
    real = fastyaml.load
    monkeypatch.setattr(fastyaml, "load", lambda rel, text: parsed.append(rel) or real(rel, text))
    monkeypatch.setattr(impactctl.checks, "run_checks", lambda ledger: pytest.fail("the rules ran again"))
    loaded, result = api.check(ledger, today=TODAY)
    assert loaded is not None and len(loaded.entries) == first[1]
    assert parsed == ["ledger.yaml"]  # every record came from the cache
    assert [(p.path, p.line, p.column, p.code, p.message, p.excerpt) for p in result.problems] == first[0]


def test_a_report_after_an_edit_runs_the_rules_again(ledger):
    summary(ledger)
    path = ledger / TARGET
    path.write_text(path.read_text().replace("status: active", "status: ongoing"))
    loaded, result = api.check(ledger, today=TODAY)
    assert [(p.line, p.column, p.code) for p in result.problems if TARGET in p.path] == [(25, 9, "schema-choice")]


def test_an_edit_is_checked_reading_only_the_records_it_needs(ledger):
    """An edit is judged on its own file: the rules compare it with the ledger's ids, stakeholders and
    activities, but the other outcomes and the evidence stay unread JSON in the cache."""
    summary(ledger)
    text = (ledger / TARGET).read_text().replace("status: active", "status: ongoing")
    loaded, result = api.check(ledger, today=TODAY, overrides={TARGET: text}, focus={TARGET})
    assert [(p.line, p.column, p.code) for p in result.problems] == [(25, 9, "schema-choice")]
    loaded, result = api.check(ledger, today=TODAY, overrides={TARGET: text.replace("ongoing", "active")},
                               focus={TARGET})
    assert result.problems == []
    assert [e.path for e in loaded.outcomes if e.loaded] == [TARGET]
    assert not any(e.loaded for e in loaded.evidence)


EDITS = {
    "same length value": ("value: 38", "value: 39"),
    "typo in a key": ("status: active", "statud: active"),
    "broken syntax": ("status: active", "status: [ctive"),
    "wrong choice": ("status: active", "status: activ_"),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_keeping_size_and_mtime_is_caught(ledger, edit):
    clean, _ = summary(ledger)
    path = ledger / TARGET
    before = path.stat()
    old, new = EDITS[edit]
    text = path.read_text()
    assert old in text and len(old) == len(new)
    path.write_text(text.replace(old, new, 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    changed, _ = summary(ledger)
    if edit == "same length value":
        assert changed == clean  # still valid, but it was read again: measurement value 39 is fine
        assert "value: 39" in path.read_text()
    else:
        assert changed != clean and any(TARGET in p[0] for p in changed)


def test_a_changed_attachment_is_caught(ledger):
    assert summary(ledger)[0] == []
    attachment = ledger / "evidence/files/advisory-minutes-2026-06.txt"
    attachment.write_text(attachment.read_text() + "tampered\n")
    assert [p[3] for p in summary(ledger)[0]] == ["evidence-file"]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign key", "other version"])
def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(ledger, monkeypatch, damage, tmp_path):
    first = summary(ledger)
    cache_file = ledger / cache_module.CACHE_NAME
    text = cache_file.read_text()
    if damage == "garbage":
        cache_file.write_bytes(os.urandom(500))
    elif damage == "truncated":
        cache_file.write_text(text[:100])
    elif damage == "foreign key":  # a cache committed in a pull request, signed on another machine
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-machine"))
    else:
        monkeypatch.setattr(cache_module, "__version__", "0.0.0-other")
    parsed = []
    real = fastyaml.load
    monkeypatch.setattr(fastyaml, "load", lambda rel, text: parsed.append(rel) or real(rel, text))
    assert summary(ledger) == first
    assert len(parsed) > 80  # everything was read again


def test_a_damaged_body_is_read_again_file_by_file(ledger, monkeypatch):
    summary(ledger)
    path = ledger / TARGET
    path.write_text(path.read_text().replace("status: active", "status: planned"))
    cache_file = ledger / cache_module.CACHE_NAME
    text = cache_file.read_text()
    cache_file.write_text(text[: len(text) - 500])  # header intact, entries cut short
    parsed = []
    real = fastyaml.load
    monkeypatch.setattr(fastyaml, "load", lambda rel, text: parsed.append(rel) or real(rel, text))
    assert summary(ledger)[0] == []
    assert len(parsed) > 80


def test_a_forged_cache_cannot_make_a_broken_ledger_pass(ledger, monkeypatch, tmp_path):
    path = ledger / TARGET
    path.write_text(path.read_text().replace("status: active", "status: ongoing"))
    assert summary(ledger)[0]
    # An attacker without the key rewrites the cache to claim the ledger is clean.
    cache_file = ledger / cache_module.CACHE_NAME
    lines = cache_file.read_text().split("\n")
    lines[1] = lines[1].replace('"problems": [{', '"problems": [], "x": [{')
    cache_file.write_text("\n".join(lines))
    assert summary(ledger)[0]


@contextlib.contextmanager
def read_only(root: Path):
    """Make the ledger read-only for this process: by its mode bits for a user, and by the immutable
    attribute for root (whom mode bits do not stop), so the test means the same in a CI container."""
    if not hasattr(os, "geteuid"):
        pytest.skip("Windows: mode bits do not make a folder read-only")
    paths = [root, *root.rglob("*")]
    if os.geteuid() != 0:
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            for path in paths:
                path.chmod(0o755 if path.is_dir() else 0o644)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", *map(str, paths)]).returncode != 0:
        subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True)
        pytest.skip("running as root on a file system without the immutable attribute (chattr +i)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=True)


def test_a_read_only_ledger_validates_without_a_cache(ledger):
    with read_only(ledger):
        with pytest.raises(OSError):  # the test's premise: nothing can be written in the ledger
            (ledger / "probe").write_text("x")
        assert summary(ledger)[0] == []
        assert not (ledger / cache_module.CACHE_NAME).exists()


def test_two_processes_at_once(ledger):
    import sys

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    procs = [subprocess.Popen([sys.executable, "-m", "impactctl", "validate", str(ledger), "--today", TODAY.isoformat()],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    assert all(p.wait(timeout=600) == 0 for p in procs)
    assert summary(ledger)[0] == []


def test_a_file_changed_just_before_the_run_is_not_trusted_by_its_status(tmp_path):
    """Racy clean: a second write in the same clock tick as the one before a run could keep the status,
    so a status is remembered only when its change time is a tick older than the run. A tick is at most
    10 ms where the file system stamps finer times; it may be 1-2 s where times are whole seconds."""
    cache = cache_module.Cache(tmp_path, b"k" * 32)
    now = cache.opened_ns = 1_800_000_000_123_456_789
    ms = 1_000_000
    stats = {"fine-old": [1, 1, now - 150 * ms, 1], "fine-new": [1, 1, now - 30 * ms, 1],
             "coarse-old": [1, 1, (now // 10**9 - 3) * 10**9, 1], "coarse-new": [1, 1, (now // 10**9 - 1) * 10**9, 1]}
    cache.set_stats(stats, {rel: "digest" for rel in stats})
    assert sorted(cache.stats) == ["coarse-old", "fine-old"]


def test_parsing_on_every_core_gives_what_parsing_here_gives(ledger, monkeypatch):
    """Large ledgers are parsed by worker processes that send records back as JSON; made to run on this
    small one (with some broken files), they find the same problems, and the cache they fill answers the
    next run and a report with the same records."""
    from impactctl.source.workers import ParsePool

    (ledger / TARGET).write_text((ledger / TARGET).read_text().replace("status: active", "status: ongoing"))
    (ledger / "outcomes/broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    serial, _ = api.check(ledger, today=TODAY, use_cache=False)
    expected = api.validate(ledger, today=TODAY, use_cache=False).problems
    monkeypatch.setattr(ParsePool, "threshold", 1)
    monkeypatch.setattr(ParsePool, "chunk", 7)
    parallel, result = api.check(ledger, today=TODAY)
    assert result.problems == expected and {p.code for p in expected} >= {"schema-choice", "yaml-syntax"}
    assert [(e.path, e.record) for e in parallel.entries] == [(e.path, e.record) for e in serial.entries]
    monkeypatch.setattr(ParsePool, "threshold", 10_000)  # parse here again, to count what is parsed
    parsed = []
    real = fastyaml.load
    monkeypatch.setattr(fastyaml, "load", lambda rel, text: parsed.append(rel) or real(rel, text))
    (ledger / "outcomes/broken.yaml").write_text("id: broken\ntitle: [unclosed,\n")  # the rules run again
    again, result = api.check(ledger, today=TODAY)
    assert parsed == ["ledger.yaml", "outcomes/broken.yaml"]
    assert [(p.path, p.code) for p in result.problems] == [(p.path, p.code) for p in expected]
    assert [(e.path, e.record) for e in again.entries] == [(e.path, e.record) for e in serial.entries]


def test_the_first_edit_without_a_cache_leaves_one_for_the_next_command(ledger, monkeypatch):
    """After a fresh clone an edit parses every file; it keeps what it parsed, so the next command does not."""
    from impactctl import authoring

    assert not (ledger / cache_module.CACHE_NAME).exists()
    result = authoring.set_status(ledger, "parents-adversity-awareness", "dropped", dry_run=True, today=TODAY)
    assert not result.refused and (ledger / cache_module.CACHE_NAME).exists()
    parsed = []
    real = fastyaml.load
    monkeypatch.setattr(fastyaml, "load", lambda rel, text: parsed.append(rel) or real(rel, text))
    summary(ledger)
    assert parsed == ["ledger.yaml", TARGET]  # only the file the dry run stood in for

"""Runs on Windows and macOS as on Linux, as far as a Linux machine can show it: no POSIX-only module at
import, worker processes that start with `spawn`, the user's cache folder from platformdirs, `/` in paths."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from impactctl import api
from impactctl.source import cache as cache_module
from impactctl.source import workers
from tests.helpers import TODAY
from tests.test_benchmark_generator import load_generator

SHIPPED = Path(__file__).resolve().parent.parent / "ledger"

# Runs impactctl's command line in a Python where `fcntl` (POSIX only, absent on Windows) cannot be imported.
WITHOUT_FCNTL = textwrap.dedent("""\
    import sys

    class NoFcntl:
        def find_spec(self, name, path=None, target=None):
            if name == "fcntl":
                raise ImportError("no module named 'fcntl' (as on Windows)")
            return None

    sys.modules.pop("fcntl", None)
    sys.meta_path.insert(0, NoFcntl())
    from impactctl.cli import main
    sys.argv = ["impactctl", *sys.argv[1:]]
    main()
""")


def run_without_fcntl(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-c", WITHOUT_FCNTL, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def test_every_command_runs_where_fcntl_cannot_be_imported(tmp_path):
    """Windows has no fcntl: validate, add-activity and record work (and lock the ledger) without it."""
    shutil.copytree(SHIPPED, tmp_path / "ledger", ignore=shutil.ignore_patterns(".impactctl"))
    probe = run_without_fcntl("--version", cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr
    assert subprocess.run([sys.executable, "-c", WITHOUT_FCNTL.replace("from impactctl.cli import main", "import fcntl")],
                          capture_output=True, text=True, timeout=600).returncode != 0  # the blocker works
    checked = run_without_fcntl("validate", "-L", "ledger", "--today", TODAY.isoformat(), cwd=tmp_path)
    assert checked.returncode == 0 and "valid: no problems" in checked.stderr + checked.stdout, checked.stderr
    added = run_without_fcntl("add-activity", "-L", "ledger", "--no-input", "--title", "Employer roundtable",
                              "--type", "engagement-event", "--area", "work", "--start", "2026-10-01",
                              "--lead", "Dr A. Author", "--outcome", "parents-adversity-awareness", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert "ledger/activities/employer-roundtable.yaml" in added.stdout
    recorded = run_without_fcntl("record", "parents-adversity-awareness", "--indicator", "ind-parents-toolkit-users",
                                 "--value", "18", "--date", "2026-11-20", "-L", "ledger", cwd=tmp_path)
    assert recorded.returncode == 0, recorded.stderr
    assert "value: 18" in (tmp_path / "ledger/outcomes/parents-adversity-awareness.yaml").read_text()
    again = run_without_fcntl("validate", "-L", "ledger", "--today", TODAY.isoformat(), cwd=tmp_path)
    assert again.returncode == 0, again.stderr


def test_a_large_ledger_parsed_by_spawned_workers_gives_what_parsing_here_gives(tmp_path, monkeypatch):
    """macOS and Windows start worker processes with `spawn` (a fresh interpreter that inherits nothing):
    a generated ledger above the parallel threshold, some of it broken, gives the same problems and
    records parsed by spawned workers as parsed here, one file after another."""
    generate = load_generator().generate
    generate(tmp_path, 400, 0.05, 7)
    serial, serial_result = api.check(tmp_path, today=TODAY, use_cache=False)

    monkeypatch.setattr(workers.ParsePool, "threshold", 100)
    monkeypatch.setattr(workers.ParsePool, "chunk", 60)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)  # parallel even on a one-core machine
    monkeypatch.setattr(workers.ParsePool, "start_method", "spawn")
    started = []
    real_context = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: started.append(method) or real_context(method))
    spawned, spawned_result = api.check(tmp_path, today=TODAY, use_cache=False)

    assert started == ["spawn"] and len(spawned.entries) > workers.ParsePool.threshold
    assert serial_result.problems and spawned_result.problems == serial_result.problems
    assert [(p.message, p.hint) for p in spawned_result.problems] == [(p.message, p.hint) for p in serial_result.problems]
    assert [(e.path, e.record) for e in spawned.entries] == [(e.path, e.record) for e in serial.entries]
    assert not (tmp_path / cache_module.CACHE_NAME).exists()  # each run parsed every file


def test_the_cache_key_lives_in_the_user_cache_folder_platformdirs_names(tmp_path, monkeypatch):
    """Without XDG_CACHE_HOME the key goes where the system keeps caches (platformdirs), not ~/.cache."""
    import platformdirs

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(platformdirs, "user_cache_path", lambda app, appauthor=None: tmp_path / "Caches" / app)
    assert cache_module._key_file() == tmp_path / "Caches/impactctl/cache-key"
    assert cache_module._signing_key() and (tmp_path / "Caches/impactctl/cache-key").is_file()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_module._key_file() == tmp_path / "xdg/impactctl/cache-key"


def test_the_ledger_folder_is_named_with_slashes_in_messages(tmp_path, monkeypatch):
    """Problem paths and the ledger's name in messages use `/` on every system (CI annotations, copy-paste)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a/b").mkdir(parents=True)
    assert api.display_path(Path("a") / "b") == "a/b"
    assert api.display_path(tmp_path.parent) == tmp_path.parent.as_posix()


def test_no_module_imports_a_posix_only_module_at_import_time():
    """fcntl, resource, pwd, grp, termios and the like do not exist on Windows: every module of impactctl
    imports in a fresh interpreter where they cannot be imported."""
    modules = sorted(".".join(path.relative_to(SHIPPED.parent).with_suffix("").parts)
                     for path in (SHIPPED.parent / "impactctl").rglob("*.py"))
    blocker = WITHOUT_FCNTL.split("sys.modules.pop")[0].replace('name == "fcntl"', "name in POSIX_ONLY")
    code = (f"POSIX_ONLY = {{'fcntl', 'resource', 'pwd', 'grp', 'termios', 'tty', 'pty', 'syslog'}}\n"
            f"{blocker}\nfor name in POSIX_ONLY: sys.modules.pop(name, None)\n"
            f"sys.meta_path.insert(0, NoFcntl())\nimport importlib\n"
            f"for module in {modules!r}: importlib.import_module(module)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert len(modules) > 50 and done.returncode == 0, done.stderr


def test_a_file_just_written_is_not_trusted_where_st_ctime_is_its_creation_time(tmp_path, monkeypatch):
    """Windows reports a file's creation time as st_ctime, which no write moves: the status keeps the later
    of it and the modification time, so a file written just before a run is read again next time."""
    from impactctl.source import tree

    (tmp_path / "a.yaml").write_text("id: a\n")
    real = os.lstat(tmp_path / "a.yaml")
    created_long_ago = real.st_mtime_ns - 3_600 * 10**9
    as_on_windows = os.stat_result(tuple(real)[:10], {"st_mtime_ns": real.st_mtime_ns, "st_ctime_ns": created_long_ago})
    with monkeypatch.context() as patch:
        patch.setattr(tree.os, "lstat", lambda path: as_on_windows)
        status = tree._status(tmp_path, "a.yaml")
    assert status[2] == real.st_mtime_ns
    cache = cache_module.Cache(tmp_path, b"k" * 32)
    cache.opened_ns = real.st_mtime_ns + 5_000_000  # the run began 5 ms after the write
    cache.set_stats({"a.yaml": status}, {"a.yaml": "digest"})
    assert cache.stats == {}

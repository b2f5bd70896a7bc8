"""Test-wide settings: plain, fixed-width output with no colours, whatever terminal runs the tests."""

import shutil
from pathlib import Path

import pytest

SHIPPED = Path(__file__).resolve().parent.parent / "ledger"


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("IMPACTCTL_LEDGER", raising=False)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite the golden files from the current output.")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(autouse=True)
def _private_cache_key(monkeypatch, tmp_path_factory):
    """The validation cache's signing key goes to a throwaway folder, not the user's home."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture
def ledger(tmp_path) -> Path:
    """A copy of the Centre's shipped ledger to change freely (a test file may define its own `ledger`)."""
    root = tmp_path / "ledger"
    shutil.copytree(SHIPPED, root)
    return root


_CRASH_COUNTS: dict[str, tuple[int, int]] = {}


@pytest.fixture
def crash_counts() -> dict[str, tuple[int, int]]:
    """Where a crash test records how many of its kills landed inside a write, for the run's summary."""
    return _CRASH_COUNTS


def pytest_terminal_summary(terminalreporter):
    if _CRASH_COUNTS:
        counts = ", ".join(f"{command} {inside} of {kills}" for command, (inside, kills) in sorted(_CRASH_COUNTS.items()))
        terminalreporter.write_line(f"crash tests, kills that landed inside a write: {counts}")

"""Every `impactctl` command shown in README.md and docs/*.md runs, in document order, and exits as the page says.

A comment `<!-- docs-test: MODE -->` before a code block says where its commands run: `fresh` (an empty
folder), `init` (a ledger just made by `impactctl init ledger`), `shipped` (a copy of `ledger/`), or
`skip (reason)`; `, exit N` expects exit code N instead of 0. A block without a comment runs in the
folder of the block before it, so a page's `add-outcome` and then `record` build on each other. A block
marked `file NAME` (a CSV, say) is written to NAME in each folder the page runs in. Commands that take
`--today` are given the tests' day when the page does not give one, and `> FILE` writes the output to FILE.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from impactctl import authoring
from impactctl.cli import app
from impactctl.cli import authoring as cli_authoring
from impactctl.cli import editing as cli_editing
from tests.helpers import TODAY

TOP = Path(__file__).resolve().parent.parent
PAGES = [TOP / "README.md", *sorted((TOP / "docs").glob("*.md"))]
MARKER = re.compile(r"<!-- docs-test: (?P<mode>fresh|init|shipped|skip \(.+\)|file \S+)(?:, exit (?P<exit>\d+))? -->")
RUNNABLE = {"sh", "console", "text"}
MODES = ("fresh", "init", "shipped")


@dataclasses.dataclass
class Block:
    """One fenced code block of a page: its language, the marker before it, its lines."""

    line: int
    language: str
    marker: re.Match | None
    lines: list[str]

    def commands(self) -> list[str]:
        """Its `impactctl ...` commands, with continued lines joined and a `$ ` prompt taken off."""
        found, pending = [], ""
        for line in self.lines:
            if pending:
                line = pending + " " + line.strip()
                pending = ""
            if line.endswith("\\"):
                pending = line[:-1].rstrip()
                continue
            line = line.removeprefix("$ ")
            if line.startswith("impactctl "):
                found.append(line)
        return found


def blocks(page: Path) -> list[Block]:
    found, marker, current = [], None, None
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        if current is not None:
            if line.startswith("```"):
                found.append(current)
                current = None
            else:
                current.lines.append(line)
        elif line.startswith("```"):
            current, marker = Block(number, line[3:].strip(), marker, []), None
        elif line.strip():
            marker = MARKER.fullmatch(line.strip()) or (marker if line.startswith("<!--") else None)
    return found


def _takes_today(args: list[str]) -> bool:
    command = typer.main.get_command(app)
    name = next((arg for arg in args if not arg.startswith("-")), None)
    sub = command.commands.get(name) if name and hasattr(command, "commands") else None
    return sub is not None and any("--today" in param.opts for param in sub.params)


def _run(workspace: Path, text: str, expected: int, where: str) -> None:
    args = shlex.split(text, comments=True)[1:]
    target = None
    if ">" in args:
        args, target = args[:args.index(">")], args[args.index(">") + 1]
    if _takes_today(args) and "--today" not in args:
        args += ["--today", TODAY.isoformat()]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == expected, f"{where}: `{text}` exited {result.exit_code}\n{result.output}{result.exception!r}"
    if target:
        (workspace / target).write_text(result.stdout, encoding="utf-8")


def _workspace(folder: Path, mode: str, files: dict[str, str]) -> Path:
    folder.mkdir()
    if mode == "init":
        authoring.init_ledger(folder / "ledger", "Centre for Rural Health", today=TODAY, cwd=folder)
    elif mode == "shipped":
        shutil.copytree(TOP / "ledger", folder / "ledger", ignore=shutil.ignore_patterns(".impactctl"))
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def pinned_day(monkeypatch, tmp_path):
    """Commands that default to today (init's centre dates, a record's date) take the tests' day; nothing asks."""
    monkeypatch.setattr(authoring, "init_ledger", functools.partial(authoring.init_ledger, today=TODAY))
    monkeypatch.setattr(cli_authoring, "today", lambda: TODAY)
    monkeypatch.setattr(cli_editing, "today", lambda: TODAY)
    monkeypatch.setenv("CI", "1")  # never ask: a missing flag is an error, as in CI
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))  # git sees no repository above


def run_page(page: Path, tmp_path: Path, monkeypatch) -> tuple[Path | None, int]:
    """Run the page's commands in order; the folder the last block ran in, and how many commands ran."""
    workspace, files, ran = None, {}, 0
    for block in blocks(page):
        mode = block.marker["mode"] if block.marker else None
        if mode and mode.startswith("file "):
            files[mode[5:]] = "\n".join(block.lines) + "\n"
            if workspace:
                (workspace / mode[5:]).write_text(files[mode[5:]], encoding="utf-8")
            continue
        commands = block.commands() if block.language in RUNNABLE else []
        if not commands or (mode and mode.startswith("skip")):
            continue
        where = f"{page.name}:{block.line}"
        if mode in MODES:
            workspace = _workspace(tmp_path / f"block-{block.line}", mode, files)
            monkeypatch.chdir(workspace)
        assert workspace is not None, f"{where}: say where the block runs with <!-- docs-test: {'|'.join(MODES)} -->"
        expected = int(block.marker["exit"]) if block.marker and block.marker["exit"] else 0
        for command in commands:
            _run(workspace, command, expected, where)
            ran += 1
    return workspace, ran


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(TOP).as_posix())
def test_every_command_on_the_page_runs(page, tmp_path, monkeypatch, pinned_day):
    _, ran = run_page(page, tmp_path, monkeypatch)
    if page.name in ("README.md", "commands.md"):
        assert ran >= 5, f"only {ran} commands found on {page.name}: is the extraction broken?"


def test_the_workflow_init_wrote_passes_on_the_ledger_the_readme_builds(tmp_path, monkeypatch, pinned_day):
    """The README's tour ends in a pull request: the CI steps `init` wrote validate and report that ledger."""
    workspace, _ = run_page(TOP / "README.md", tmp_path, monkeypatch)
    workflow = yaml.safe_load((workspace / ".github/workflows/impactctl.yml").read_text(encoding="utf-8"))
    runs = [step["run"] for step in workflow["jobs"]["ledger"]["steps"] if step.get("run", "").startswith("impactctl ")]
    assert [run.split()[1] for run in runs] == ["validate", "report"]
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # as on GitHub: annotations
    for run in runs:
        _run(workspace, run, 0, ".github/workflows/impactctl.yml")
    report = (workspace / "impact-report.md").read_text(encoding="utf-8")
    assert report.startswith("# Centre for Rural Health: impact report, 2026-Q3")


def test_the_extraction_reads_prompts_continuations_and_markers(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("<!-- docs-test: shipped, exit 1 -->\n```text\n$ impactctl validate ledger\nledger/x.yaml\n```\n\n"
                    "```sh\nimpactctl add-outcome --title T \\\n    --area a\npython3 -m venv .venv\n```\n",
                    encoding="utf-8")
    first, second = blocks(page)
    assert (first.marker["mode"], first.marker["exit"], first.commands()) == ("shipped", "1", ["impactctl validate ledger"])
    assert (second.marker, second.commands()) == (None, ["impactctl add-outcome --title T --area a"])


def test_a_version_pinned_in_the_docs_is_this_version():
    from impactctl import __version__

    for page in PAGES:
        for pinned in re.findall(r"impactctl@v([0-9][0-9.]*[0-9])", page.read_text(encoding="utf-8")):
            assert pinned == __version__, f"{page.name} pins v{pinned}; this is {__version__}"


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors for a page's headings: lowercased, punctuation dropped, spaces as hyphens."""
    headings = re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), flags=re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def test_every_link_between_the_pages_reaches_a_file_and_a_heading():
    for page in PAGES:
        text = re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S))
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if target.startswith(("http://", "https://")):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            assert linked.exists(), f"{page.name}: {target} does not exist"
            assert not anchor or anchor in _anchors(linked), f"{page.name}: no heading #{anchor} in {linked.name}"

"""Every Mermaid block the report writes, drawn by the real renderer (mermaid-cli in headless Chromium): the
shipped ledger's 2026-Q3 report and a hostile ledger's, in one mmdc run. Skips, saying why, where the renderer
is not installed (`.ci/run` installs it: `npm ci` in tests/renderer, Debian's chromium)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import TODAY
from tests.hostile.common import invoke
from tests.hostile.test_injection import report  # noqa: F401 (the fixture: a report of record text built to break it)

RENDERER = Path(__file__).resolve().parent / "renderer"
MMDC = RENDERER / "node_modules" / ".bin" / "mmdc"
SHIPPED = Path(__file__).resolve().parent.parent / "ledger"
BLOCK = re.compile(r"^```mermaid\n(.*?)^```", re.MULTILINE | re.DOTALL)


def renderer_command(tmp_path: Path) -> list[str]:
    """mmdc with a Puppeteer configuration pointing at the system's Chromium, or a skip naming what is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    missing = [name for name, found in (("node", shutil.which("node")), ("chromium", chromium),
                                        (f"mmdc ({MMDC}; run `npm ci` in tests/renderer)", MMDC.exists())) if not found]
    if missing:
        pytest.skip("the Mermaid renderer is not installed here: no " + ", no ".join(missing))
    config = json.loads((RENDERER / "puppeteer.json").read_text())
    (tmp_path / "puppeteer.json").write_text(json.dumps({**config, "executablePath": chromium}))
    return [str(MMDC), "--quiet", "--puppeteerConfigFile", str(tmp_path / "puppeteer.json")]


def test_every_mermaid_block_renders_and_charts_name_two_distinct_series(tmp_path, report):  # noqa: F811
    command = renderer_command(tmp_path)
    shipped = tmp_path / "shipped.md"
    done = invoke("report", str(SHIPPED), "--today", TODAY.isoformat(), "--period", "2026-Q3", "--output", str(shipped))
    assert done.exit_code == 0, done.output
    blocks = BLOCK.findall(shipped.read_text()) + BLOCK.findall(report)
    assert sum("xychart-beta" in b for b in blocks) >= 8 and sum("flowchart LR" in b for b in blocks) == 2
    source = tmp_path / "all.md"
    source.write_text("".join(f"```mermaid\n{block}```\n\n" for block in blocks))
    ran = subprocess.run([*command, "--input", str(source), "--output", str(tmp_path / "out.md"),
                          "--outputFormat", "svg"], capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    for number, block in enumerate(blocks, start=1):
        svg = (tmp_path / f"out-{number}.svg").read_text()
        assert svg.startswith("<svg") and "Syntax error" not in svg, block
        if "xychart-beta" in block:
            assert ">measured<" in svg and ">planned path<" in svg, block  # the legend, in words
            bars = set(re.findall(r'<rect[^>]*fill="(#[0-9a-f]{6})"', svg)) - {"#ffffff"}
            lines = set(re.findall(r'<path[^>]*stroke="(#[0-9a-f]{6})"[^>]*fill="none"', svg)
                        + re.findall(r'<path[^>]*fill="none"[^>]*stroke="(#[0-9a-f]{6})"', svg))
            assert "#000000" in bars and "#6e6e6e" in lines, block  # black measured bars, grey planned line
        else:
            assert svg.count('class="cluster') >= 1, block  # the impact-area boxes

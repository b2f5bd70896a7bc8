"""The HTML report in a real browser (headless Chromium): axe-core finds no WCAG 2.2 AA violation, nothing is
fetched from any address, it reflows at phone width and 200 % zoom; a screenshot and an A4 PDF are kept in
tests/artifacts/. Skips, saying why, where no Chromium, Playwright or axe-core is installed (.ci/run installs them)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl.cli import app
from tests.helpers import TODAY

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules/axe-core/axe.min.js"
ARTIFACTS = HERE.parent / "artifacts"
# WCAG 2.2 A and AA, and axe's best practices (headings in order, one main landmark, all content in landmarks).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# No sandbox (CI runs as root in a container); no background traffic of the browser's own.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


def _chromium() -> str:
    found = os.environ.get("IMPACTCTL_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("no Chromium: install Debian's `chromium` package (or set IMPACTCTL_CHROMIUM) to run the browser tests")
    return found


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install '.[test]'")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS, timeout=120_000)
        yield browser
        browser.close()


@pytest.fixture
def html_file(ledger, tmp_path) -> Path:
    target = tmp_path / "report-2026-Q3.html"
    result = CliRunner().invoke(app, ["report", str(ledger), "--today", TODAY.isoformat(), "--period", "2026-Q3",
                                      "--output", str(target)])
    assert result.exit_code == 0, result.output
    return target


def open_page(browser, path: Path, width: int, requests: list[str]):
    """The report in a fresh page that records every request and lets none leave the machine. The page's own
    Content-Security-Policy is bypassed, so that it is the markup, not the policy, that fetches nothing."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    context.on("request", lambda request: requests.append(request.url))
    context.route("**/*", lambda route: route.continue_() if route.request.url == path.as_uri() else route.abort())
    page = context.new_page()
    page.goto(path.as_uri(), wait_until="load")
    return page


def test_no_request_is_made_to_any_address(browser, html_file):
    requests: list[str] = []
    page = open_page(browser, html_file, 1280, requests)
    page.wait_for_timeout(500)
    assert requests == [html_file.as_uri()]
    assert page.evaluate("document.scripts.length") == 0  # nothing to run: it reads with JavaScript off
    page.context.close()


def test_hostile_record_text_runs_nothing_and_fetches_nothing(browser, tmp_path):
    """Every text of the ledger holds `<script>alert(1)`, `<img src=x onerror>`, `<svg onload>`, an image link
    and `</style>`: in the browser no dialog opens, no request leaves, and the text is on the page as written."""
    from tests.hostile.test_injection import HTML_PAYLOAD, render

    render(tmp_path, HTML_PAYLOAD, "report.html")
    path = tmp_path / "report.html"
    requests: list[str] = []
    dialogs: list[str] = []
    page = open_page(browser, path, 1280, requests)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.mouse.move(300, 300)
    page.mouse.move(600, 800)
    page.wait_for_timeout(500)
    assert requests == [path.as_uri()] and dialogs == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('img, iframe, [onerror], [onload], [onmouseover]').length") == 0
    assert "<script>alert(1)</script>" in page.inner_text("h1")
    page.context.close()


@pytest.mark.parametrize("width", [1280, 640, 390])  # a desktop, 1280 px at 200 % zoom, a phone
def test_axe_finds_no_wcag_22_aa_violation_and_the_page_reflows(browser, html_file, width):
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed: run `npm ci` in {HERE} to run the accessibility test")
    requests: list[str] = []
    page = open_page(browser, html_file, width, requests)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling of the page
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    problems = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
                for v in results["violations"]]
    assert problems == []
    assert len(results["passes"]) > 20  # axe did run its rules
    page.context.close()


def test_screenshots_and_an_a4_pdf_are_kept_for_ci(browser, html_file):
    ARTIFACTS.mkdir(exist_ok=True)
    for width, name in [(1280, "report-2026-Q3-desktop.png"), (390, "report-2026-Q3-phone.png")]:
        page = open_page(browser, html_file, width, [])
        page.screenshot(path=str(ARTIFACTS / name), full_page=True)
        page.context.close()
    page = open_page(browser, html_file, 1280, [])
    pdf = page.pdf(path=str(ARTIFACTS / "report-2026-Q3.pdf"), format="A4", print_background=True)
    page.context.close()
    assert pdf.startswith(b"%PDF")
    assert {box for box in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)} == {(b"595.91998", b"842.88")}  # A4
    assert (ARTIFACTS / "report-2026-Q3-desktop.png").stat().st_size > 10_000

"""Record text written to break what it is shown in: Markdown tables, HTML, links, headings, Mermaid
diagrams in the report, and the lines of `validate`'s own output (which CI reads for annotations).
It must render as the text it is."""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser

import pytest

from tests.helpers import CONFIG, OUTCOME, write_ledger
from tests.hostile.common import REPO, TODAY, invoke

# Every trick at once; the newlines are real (written `\n` in YAML double quotes).
PAYLOAD = ('A | B <script>alert(1)</script> <img src=x onerror=alert(1)> [link](javascript:alert(1)) '
           '![img](https://x.example/i.png) `code` *em* _u_ ~~s~~ "]); --> %%{init: {"theme": "dark"}}%% '
           'click a0 call alert() &lt;b&gt; [ref]: javascript:alert(1)\n# injected heading\nline2\n- item\n'
           '> quote\n    code\n1. numbered')


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@pytest.fixture
def report(tmp_path) -> str:
    """The quarterly report of a ledger with the payload in every text a report shows."""
    return render(tmp_path, PAYLOAD, "report.md")


def render(tmp_path, payload: str, name: str) -> str:
    p = quoted(payload)
    config = (CONFIG.replace("name: Test Centre", f"name: {p}\n  funder: {p}")
              .replace("employers: Employers", f"employers: {quoted('Emp ' + payload)}")
              .replace("study: Study", f"study: {quoted('Study ' + payload)}"))
    outcome = OUTCOME.format(id="o").replace("title: Employers understand workplace mental health", f"title: {p}")
    outcome = (outcome.replace("name: Employers aware of the guidance", f"name: {p}")
               .replace('unit: "% of surveyed employers"', f"unit: {p}"))
    outcome += f"    measurements:\n      - {{date: 2026-08-01, value: 30, evidence: [ev], note: {p}}}\n"
    files = {
        "outcomes/o.yaml": outcome,
        "activities/act.yaml": f"id: act\ntitle: {p}\ntype: study\narea: work\nstart: 2026-08-01\nend: 2026-08-02\n"
                               f"lead: {p}\ndescription: {p}\noutcomes: [o]\nstakeholders: [s]\n"
                               f"reach: {{audience: {p}, count: 10, geography: local}}\n",
        "evidence/ev.yaml": f"id: ev\ntitle: {p}\ndate: 2026-08-03\ntype: letter\nurl: https://example.org/x\n"
                            f"outcomes: [o]\nnote: {p}\n",
        "stakeholders/s.yaml": f"id: s\nname: {quoted('Org ' + payload)}\ntype: organisation\ngroup: employers\n"
                               f"advisory: {{role: {p}, since: 2026-01-01}}\n",
    }
    root = write_ledger(tmp_path / "ledger", files, config)
    target = tmp_path / name
    outcome = invoke("report", str(root), "--today", TODAY, "--period", "2026-Q3", "--output", str(target))
    assert outcome.exit_code == 0, outcome.output
    text = target.read_text()
    assert text.count("alert(1)") > 20  # the payload is there, in many places
    return text


def cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row))


def test_tables_keep_their_column_count(report):
    """`|` and newlines in text never add or split a cell: every row of a table has its header's pipes."""
    tables, current = [], []
    for line in report.splitlines() + [""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    assert len(tables) > 8
    for table in tables:
        assert {cells(row) for row in table} == {cells(table[0])}, "\n".join(table)


def test_no_html_reaches_the_report(report):
    """`<script>`, `<img onerror>` and entities are shown as text: no `<` at all in the Markdown."""
    assert "<" not in report
    assert "&lt;script&gt;" in report and "&amp;lt;b&amp;gt;" in report


def test_no_link_or_image_syntax_survives(report):
    """`[link](javascript:...)`, `![img](...)` and `[ref]: javascript:` lose their brackets' meaning."""
    assert not re.search(r"(?<!\\)\]\(", report)
    assert not re.search(r"(?<!\\)!(?<!\\)\[", report)
    assert not re.search(r"^\s*(?<!\\)\[[^\]]*\]:", report, re.MULTILINE)
    assert "\\[link\\](javascript:alert(1))" in report


def test_no_line_starts_with_record_text(report):
    """A newline in a title never starts a heading, list item, quote or code block of the report's own."""
    for start in ("# injected", "line2", "- item", "> quote", "    code", "1. numbered"):
        assert not re.search(rf"^\s*{re.escape(start)}", report, re.MULTILINE), start
    assert "javascript:alert(1) # injected heading line2 - item &gt; quote code 1. numbered" in report  # folded


MERMAID_LINE = re.compile(r"""^(?:flowchart\ LR|xychart-beta|\ {4}end|\ {8}direction\ LR
    |%%\{init:\ \{"theme":\ "default",\ "xyChart":\ \{[^%]*\}\}\}%%
    |\ {4}subgraph\ s\d+\["(?P<s>[^"]*)"\]
    |\ {4,8}(?:a\d+\["(?P<a>[^"]*)"\]|o\d+\(\["(?P<o>[^"]*)"\]\)|g\d+\{\{"(?P<g>[^"]*)"\}\}|[aog]\d+\ -->\ [aog]\d+
    |title\ "(?P<t>[^"]*)"|x-axis\ "[\w\ -]+"\ \[(?:"[\d-]+"(?:,\ )?)+\]|y-axis\ "(?P<y>[^"]*)"\ [\d.-]+\ -->\ [\d.-]+
    |(?:line|bar)(?:\ "(?:measured|planned\ path)")?\ \[[\d.,\ -]+\]))$""", re.VERBOSE)


def test_mermaid_blocks_hold_only_their_own_syntax(report):
    """Inside ```mermaid blocks every line is a node, an edge or a chart line the report wrote; labels hold
    no quote, bracket, brace, `<`, `>`, `;` or `%` (so no `"]);`, `-->`, `%%{init}%%` or `click` can act)."""
    blocks = re.findall(r"^```mermaid\n(.*?)^```", report, re.MULTILINE | re.DOTALL)
    assert len(blocks) == 2 and "subgraph" in blocks[0] and "xychart-beta" in blocks[1]
    for line in "".join(blocks).splitlines():
        match = MERMAID_LINE.match(line)
        assert match, line
        node = match.group("a") or match.group("o") or match.group("g") or match.group("s") or ""
        label = re.sub(r"#\w+;", "", node)  # entities
        assert not set(label) & set('"[]{}<>;%`|'), label
        chart_text = (match.group("t") or "") + (match.group("y") or "")
        assert not set(chart_text) & set('"[]{}<>;`|#') and "%%" not in chart_text, chart_text


def test_validate_output_keeps_user_text_on_one_line(tmp_path):
    """A key, a vocabulary label and a file name holding a newline then `::error ...` (a GitHub workflow
    command) or a terminal escape: every output line is the report's own; the text is shown as `\\n`."""
    config = CONFIG.replace("employers: Employers", 'employers: "Employers\\n::error file=ledger.yaml::forged"')
    record = OUTCOME.format(id="a") + '"x\\n::warning::forged": 1\n'
    root = write_ledger(tmp_path, {"outcomes/a.yaml": record}, config)
    (root / "outcomes/b\n::error::forged\x1b]0;title\x07.txt").write_text("x")
    outcome = invoke("validate", str(root), "--today", TODAY, "--format", "github")
    assert outcome.exit_code == 1
    for line in outcome.output.splitlines():
        if line.startswith("::"):
            assert re.match(r"::(error|warning) file=[^:]+::", line), line
    assert "\x1b" not in outcome.output and "\x07" not in outcome.output
    assert "Employers\\n::error" in outcome.output


def test_git_authors_cannot_inject_into_the_changes_table(tmp_path, monkeypatch):
    """A commit author named `<img onerror> | x` shows in the changes table as text, columns kept."""
    if shutil.which("git") is None:
        pytest.skip("no git")
    from tests.test_history import Repo

    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    repo = Repo(tmp_path / "repo")
    (repo.ledger / "ledger.yaml").write_text(CONFIG)
    repo.commit("Ann", "2026-06-01", "the ledger")
    repo.write("outcomes/a.yaml", OUTCOME.format(id="a"))
    repo.commit("<img src=x onerror=alert(1)> | `x` [l](javascript:alert(1))", "2026-08-15", "add")
    outcome = invoke("report", str(repo.ledger), "--today", TODAY, "--period", "2026-Q3")
    assert outcome.exit_code == 0, outcome.output
    row = next(line for line in outcome.output.splitlines() if line.startswith("| `outcomes/a.yaml`"))
    assert cells(row) == 5 and "<" not in outcome.output and "](" not in outcome.output.replace("\\](", "")
    assert os.path.exists(repo.ledger / "outcomes/a.yaml")


# The same payload plus what breaks HTML itself: a closing </style> and </title>, quotes that end an attribute,
# an event handler, a javascript: link, an SVG with script, a comment and CDATA opener.
HTML_PAYLOAD = (PAYLOAD + ' </style><style>body{display:none}</style> </title> " onmouseover="alert(1)" x=\' '
                "<a href='javascript:alert(1)'>click</a> <svg onload=alert(1)><script>alert(1)</script></svg> "
                "<!-- <![CDATA[ &amp; &#x3C;")


class Parsed(HTMLParser):
    """What a browser's parser makes of the report: its elements, attributes, style text and all text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._open: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]
        self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        (self.styles if self._open and self._open[-1] == "style" else self.text).append(data)

    def handle_comment(self, data):
        raise AssertionError(f"a comment reached the report: {data[:60]}")


@pytest.fixture
def html_report(tmp_path) -> str:
    text = render(tmp_path, HTML_PAYLOAD, "report.html")
    assert text.startswith("<!DOCTYPE html>")
    return text


def test_no_element_or_attribute_comes_from_record_text(html_report):
    """`<script>`, `<img onerror>`, `<svg onload>`, `<a href=javascript:>`, a second `<style>`: none
    becomes an element; the only attributes are the template's own, and no value holds `javascript:`."""
    parsed = Parsed(html_report)
    assert not {"script", "img", "iframe", "object", "embed", "link", "form", "input"} & set(parsed.tags)
    assert parsed.tags.count("style") == 1
    assert parsed.tags.count("title") == 1 + parsed.tags.count("svg")  # the page's and each chart's own
    assert not [name for name, _ in parsed.attributes if name.startswith("on") or name in ("src", "srcdoc")]
    shipped = Parsed((REPO / "tests/golden/report-2026-Q3.html").read_text(encoding="utf-8"))
    assert {name for name, _ in parsed.attributes} <= {name for name, _ in shipped.attributes}
    assert set(parsed.tags) <= set(shipped.tags)
    hrefs = [value for name, value in parsed.attributes if name == "href"]
    assert hrefs and all(value.startswith("#") for value in hrefs)  # only the report's own contents links
    assert not any("alert" in value or "javascript" in value for _, value in parsed.attributes)
    assert "alert" not in "".join(parsed.styles) and "display:none" not in "".join(parsed.styles)


def test_record_text_reads_as_the_text_it_is(html_report):
    """The payload shows literally (entities and all), as the title and in the page's heading."""
    parsed = Parsed(html_report)
    text = "".join(parsed.text)
    assert f"{HTML_PAYLOAD}: impact report, 2026-Q3" in text
    assert text.count("<script>alert(1)</script>") > 10 and "&lt;b&gt;" in text and "&amp; &#x3C;" in text
    assert "<script" not in html_report.replace("&lt;script", "")

"""A ledger's own report template is code from the repository: every way out of Jinja's sandbox, every
file read, and every attempt to burn time or memory is refused or cut off with a clear reason, and no
report written. (tests/test_report.py has the first payloads, and the CLI's exit 1 and wording.)

Each test gives the render only the limit it is about and switches the others off, so that a busy machine
(a slow clock) or a small one (memory) cannot decide a test meant for another limit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from impactctl import reporting
from impactctl.errors import TemplateFailed
from impactctl.report.environment import RenderLimits
from tests.helpers import OUTCOME, write_ledger
from tests.hostile.common import TODAY

OUTPUT = RenderLimits.off(output_chars=5_000_000)  # the shipped bound is larger, sized for portfolio reports
MEMORY = RenderLimits.off(memory_bytes=1 << 30)
NO_LIMITS = RenderLimits.off()


@dataclass
class Outcome:
    exit_code: int
    output: str


@pytest.fixture
def ledger(tmp_path):
    """A small valid ledger with its own templates/ folder."""
    root = write_ledger(tmp_path / "ledger", {"outcomes/a.yaml": OUTCOME.format(id="a")})
    (root / "templates").mkdir()
    return root


def render(root, template: str, target, limits: RenderLimits = NO_LIMITS) -> Outcome:
    """The report use case with `limits`: exit 0 and the report, or 1 and the reason it was refused."""
    (root / "templates/quarterly.md.j2").write_text(template + "\n")
    try:
        result = reporting.report(root, "2026-Q3", output=target, today=dt.date.fromisoformat(TODAY), limits=limits)
    except TemplateFailed as exc:
        return Outcome(1, str(exc))
    return Outcome(0, result.text)


def refused(outcome: Outcome, target, reason: str) -> None:
    assert outcome.exit_code == 1, outcome.output
    assert reason in outcome.output, outcome.output
    assert not target.exists()
    for leak in ("uid=", "root:x:0", "<module", "<function", "<class", "__builtins__", "PATH="):
        assert leak not in outcome.output


@pytest.mark.parametrize("payload,reason", [
    ("{{ self.__init__.__globals__ }}", "unsafe"),
    ("{{ self._TemplateReference__context }}", "unsafe"),
    ("{{ lipsum.__globals__.os.popen('id').read() }}", "unsafe"),
    ("{{ range.__class__ }}", "unsafe"),
    ("{{ ''|attr('__class__') }}", "unsafe"),
    ("{{ (''|attr('__class__')|attr('__mro__'))[1] }}", "failed"),
    ("{{ ''.format.__self__ }}", "failed"),
    ("{{ '{0.__class__.__mro__}'.format(1) }}", "unsafe"),
    ("{{ '%s'|format(cycler.__init__) }}", "unsafe"),
    ("{{ joiner.__init__.__globals__ }}", "unsafe"),
    ("{{ namespace.__init__.__globals__ }}", "unsafe"),
    ("{{ ().__class__.__base__.__subclasses__() }}", "unsafe"),
    ("{{ headline.__class__ }}", "unsafe"),
    ("{{ period.__class__.__init__.__globals__['__builtins__'] }}", "unsafe"),
    ("{{ {}.update(a=1) }}", "unsafe"),
    ("{{ config }}", "undefined"),
])
def test_reaching_python_internals_is_refused(ledger, tmp_path, payload, reason):
    """Globals of functions, class hierarchies, `|attr`, `str.format` field access, mutation: refused by the sandbox."""
    refused(render(ledger, payload, tmp_path / "out.md"), tmp_path / "out.md", reason)


@pytest.mark.parametrize("payload", [
    "{% include '../../../etc/passwd' %}",
    "{% extends '/etc/passwd' %}",
    "{% include '/proc/self/environ' %}",
    "{% from 'os' import system %}{{ system('id') }}",
    "{% import '../ledger.yaml' as config %}",
])
def test_reading_files_or_importing_modules_is_refused(ledger, tmp_path, payload):
    """`include`, `extends` and `import` reach only templates in the template folders: the rest is not found."""
    refused(render(ledger, payload, tmp_path / "out.md"), tmp_path / "out.md", "failed")


@pytest.mark.parametrize("payload", [
    "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
    "{% include 'quarterly.md.j2' %}",
    "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
])
def test_endless_recursion_is_stopped(ledger, tmp_path, payload):
    """A macro calling itself, a template including itself, a recursive loop: RecursionError, reported."""
    refused(render(ledger, payload, tmp_path / "out.md"), tmp_path / "out.md", "RecursionError")


@pytest.mark.parametrize("payload,reason", [
    ("{{ 'x' * 10**10 }}", "would build 10,000,000,000"),
    ("{% set x = 'x' * 10**9 %}", "would build 1,000,000,000"),
    ("{{ ''.join(['x'] * 10**8) }}", "would build 100,000,000"),
    ("{% set ns = namespace(x=[1]) %}{% for i in range(40) %}{% set ns.x = ns.x + ns.x %}{% endfor %}",
     "would build 8,388,608"),
    ("{{ 10 ** (10 ** 8) }}", "too large a number"),
])
def test_building_huge_values_is_refused_before_it_runs(ledger, tmp_path, payload, reason):
    """Repeating or adding strings and lists beyond 5,000,000, or a power of 100,000,000 digits: refused at
    the operator, before a byte is allocated or a CPU second spent (no timer could interrupt it). The memory
    limit stays on only as a safety net: were the check to fail, the reason would differ and the test fail."""
    limits = RenderLimits.off(output_chars=5_000_000, number_bits=100_000, memory_bytes=1 << 30)
    refused(render(ledger, payload, tmp_path / "out.md", limits), tmp_path / "out.md", reason)


@pytest.mark.parametrize("payload", [
    "{{ 'x'.ljust(10**10) }}",
    "{{ 'x'|center(10**10) }}",
    "{{ '{:>10000000000}'.format(1) }}",
    "{{ '%*d'|format(10**10, 1) }}",
])
def test_methods_that_allocate_gigabytes_meet_the_memory_limit(ledger, tmp_path, payload):
    """Padding to ten billion characters: a MemoryError at the 1 GB a render may add, reported."""
    refused(render(ledger, payload, tmp_path / "out.md", MEMORY), tmp_path / "out.md", "MB of memory")


def test_doubling_a_string_forty_times_meets_the_memory_limit(ledger, tmp_path):
    """`~` cannot be checked before it runs: doubling a string forty times (a terabyte) meets the memory limit."""
    payload = "{% set ns = namespace(x='x') %}{% for i in range(40) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x|length }}"
    refused(render(ledger, payload, tmp_path / "out.md", MEMORY), tmp_path / "out.md", "MB of memory")


@pytest.mark.parametrize("payload", [
    "{% for a in range(3000) %}{% for b in range(3000) %}{{ a }}{% endfor %}{% endfor %}",
    "{% for i in range(100000) %}{{ lipsum(5, html=False) }}{% endfor %}",
    "{{ 'x' * 4000000 }}{{ 'y' * 4000000 }}",
])
def test_printing_too_much_is_cut_off(ledger, tmp_path, payload):
    """Nested loops printing, or two values each under the limit: cut off past 5,000,000 characters, with
    no clock running (however slow the machine, only the output limit can stop these)."""
    refused(render(ledger, payload, tmp_path / "out.md", OUTPUT), tmp_path / "out.md", "more than 5,000,000 characters")


@pytest.mark.parametrize("payload", [
    "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "{% macro spin(n) %}{% for i in range(100000) %}{% endfor %}{% endmacro %}"
    "{% for a in range(100000) %}{% set x = spin(a) %}{% endfor %}",
])
def test_a_loop_printing_nothing_meets_the_clock(ledger, tmp_path, payload):
    """A loop that prints nothing and allocates nothing can only be stopped by the clock, whatever the
    machine's speed: it runs for ever without one."""
    refused(render(ledger, payload, tmp_path / "out.md", RenderLimits.off(seconds=0.3)), tmp_path / "out.md",
            "ran for more than 0.3 s and was stopped")


def test_a_template_that_renders_nothing_writes_an_empty_report(ledger, tmp_path):
    """An empty result is a report, not "the ledger has errors": exit 0 and the (empty) file written."""
    outcome = render(ledger, "{% set x = centre.name %}", tmp_path / "out.md", RenderLimits())
    assert outcome.exit_code == 0 and outcome.output == "", outcome.output
    assert (tmp_path / "out.md").read_text() == ""


def test_ordinary_arithmetic_still_works(ledger, tmp_path):
    """The checked operators still compute what a report needs."""
    outcome = render(ledger, "{{ 2 ** 64 }} {{ '-' * 3 }} {{ [1] + [2] }} {{ 1 + 2 }} {{ 2.5 ** 2 }}", tmp_path / "out.md",
                     RenderLimits())
    assert outcome.exit_code == 0, outcome.output
    assert (tmp_path / "out.md").read_text() == "18,446,744,073,709,551,616 \\--- \\[1, 2\\] 3 6.25\n"

"""The one place that builds the Jinja environment: sandboxed, strict, escaping, bounded in time and size."""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from impactctl.errors import TemplateFailed
from impactctl.report import escape, formats


@dataclass(frozen=True)
class RenderLimits:
    """What one render may spend. `None` switches a limit off, so that a test of one limit is never
    decided by another (a busy machine must not turn an output-limit test into a clock test)."""

    seconds: float | None = 60.0  # the built-in report of 100,000 records renders in about 6 s
    output_chars: int | None = 100_000_000  # that report is about 45 MB; also the largest `*` or `+` result
    memory_bytes: int | None = 1 << 30  # what a render may add to the process
    number_bits: int | None = 100_000  # a number of about 30,000 digits; a report prints none longer than 4,300

    @classmethod
    def off(cls, **limits: float | int) -> RenderLimits:
        """Every limit switched off but the ones given: `RenderLimits.off(seconds=0.5)`."""
        return cls(**{"seconds": None, "output_chars": None, "memory_bytes": None, "number_bits": None, **limits})


DEFAULT_LIMITS = RenderLimits()


def builtin_dir() -> Path:
    """The built-in templates: inside the installed package, or the checkout's top-level templates/."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_templates", package.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise TemplateFailed("the built-in templates are missing from this installation")


def _finalizer(escape_text: Callable[[object], str]) -> Callable[[Any], Any]:
    """What every `{{ value }}` goes through: escaped for the format (Markdown, HTML) unless Python marked it
    as already safe. One function per format, the escape bound in it: it runs for every printed value."""

    def finalize(value: Any) -> Any:
        if isinstance(value, Markup):
            return value
        if value is None:
            return "—"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, int):
            return f"{value:,}"
        if isinstance(value, float):
            return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
        if isinstance(value, dt.date):
            return value.isoformat()
        return escape_text(value)

    return finalize


def make_environment(ledger_templates: Path | None, extra_dir: Path | None = None, output: str = "markdown",
                     limits: RenderLimits = DEFAULT_LIMITS) -> BoundedSandbox:
    """Ledger's own templates/ first (to override a built-in by name), then the built-ins; values escaped for
    `output` (one of report.formats), with the same sandbox and limits for all."""
    search = [p for p in (extra_dir, ledger_templates) if p is not None and p.is_dir()]
    loaders = [FileSystemLoader(str(p)) for p in search] + [FileSystemLoader(str(builtin_dir()))]
    env = BoundedSandbox(loader=ChoiceLoader(loaders), undefined=StrictUndefined, autoescape=False,
                         finalize=_finalizer(getattr(escape, formats.get(output).escape)),
                         keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.limits = limits
    return env


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with `*`, `+` and `**` checked before they run: one such operation can
    build gigabytes (`'x' * 10**10`) or compute for hours (`10 ** 10**9`), and no timer interrupts it."""

    intercepted_binops = frozenset({"*", "+", "**"})
    limits: RenderLimits = DEFAULT_LIMITS

    def getattr(self, obj: Any, attribute: str) -> Any:
        # `row.name` on a view-model dict: Jinja tries the attribute first and takes the key only after an
        # AttributeError, which costs a raised exception per lookup (about 100,000 in a large report).
        # A plain dict has no attributes but dict's own, so taking the key directly gives the same value.
        if type(obj) is dict and type(attribute) is str and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_size(self.limits, operator, left, right)
        return super().call_binop(context, operator, left, right)


_DICT_ATTRIBUTES = frozenset(dir(dict))


def _check_size(limits: RenderLimits, operator: str, left: Any, right: Any) -> None:
    numbers = [x for x in (left, right) if isinstance(x, int) and not isinstance(x, bool)]
    if operator == "**":
        bits = limits.number_bits
        if bits is not None and len(numbers) == 2 and abs(left) > 1 and right > 0 and right * abs(left).bit_length() > bits:
            raise SecurityError(f"`{left} ** {right}` is too large a number to compute")
        return
    most = limits.output_chars
    sizes = [len(x) for x in (left, right) if isinstance(x, (str, list, tuple))]
    size = sizes[0] * numbers[0] if operator == "*" and sizes and numbers else sum(sizes) if len(sizes) == 2 else 0
    if most is not None and size > most:
        raise SecurityError(f"`{operator}` would build {size:,} characters or items; a report has at most {most:,}")


def render(env: BoundedSandbox, name: str, context: dict[str, Any]) -> str:
    """Render a template within the environment's limits; any failure is a TemplateFailed with a reason."""
    limits = env.limits
    try:
        template = env.get_template(name)
        with _time_limit(limits.seconds), _memory_limit(limits.memory_bytes):
            return _generate(template.generate(**context), name, limits)
    except TemplateFailed:
        raise
    except TimeoutError:
        raise TemplateFailed(f"the template `{name}` ran for more than {limits.seconds:g} s and was stopped") from None
    except TemplateError as exc:
        where = f" (line {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise TemplateFailed(f"the template `{name}` failed{where}: {exc.message or type(exc).__name__}") from None
    except MemoryError:
        most = f"{limits.memory_bytes >> 20:,} MB" if limits.memory_bytes else "the available"
        raise TemplateFailed(f"the template `{name}` needed more than {most} of memory and was stopped") from None
    except (RecursionError, OverflowError, ValueError, TypeError, ArithmeticError) as exc:
        raise TemplateFailed(f"the template `{name}` failed: {type(exc).__name__}: {exc}") from None


def _generate(chunks: Iterator[str], name: str, limits: RenderLimits) -> str:
    """Gather the output, stopping past the output limit or the clock (checked between chunks too, where
    the alarm signal cannot reach: off the main thread, or on Windows)."""
    kept, size, started = [], 0, time.monotonic()
    for chunk in chunks:
        size += len(chunk)
        if limits.output_chars is not None and size > limits.output_chars:
            raise TemplateFailed(f"the template `{name}` produced more than {limits.output_chars:,} characters")
        if limits.seconds is not None and time.monotonic() - started > limits.seconds:
            raise TimeoutError
        kept.append(chunk)
    return "".join(kept)


@contextmanager
def _memory_limit(extra: int | None) -> Iterator[None]:
    """Let the process grow by at most `extra` bytes while a template renders, so that a template building
    huge values meets a MemoryError, not the machine's limit (where the system allows it: Linux, main thread)."""
    if extra is None:
        yield
        return
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            limit = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE") + extra
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        yield
        return
    unlimited = resource.RLIM_INFINITY
    if hard != unlimited:
        limit = min(limit, hard)
    if threading.current_thread() is not threading.main_thread() or (soft != unlimited and soft <= limit):
        yield  # a tighter limit is already set
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt a template stuck in a loop that prints nothing (only possible in the main thread)."""
    if seconds is None or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def _expired(signum: int, frame: Any) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

"""The one Problem type for everything a user can get wrong, and the CheckResult that carries them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace


class Severity(str, enum.Enum):
    """How much a problem matters; `off` switches a rule off in ledger.yaml."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "off": 0}[self.value]


@dataclass(frozen=True, eq=False)
class Problem:
    """One mistake in the user's files.

    `line` and `column` are 1-based; 0 means "the whole file" (or, for a
    problem found by a ledger rule, "not located yet": `loc` then holds the
    path inside the YAML document and the API resolves it to a position;
    `at_key` points at the key rather than its value).
    Equality is on (path, line, column, code) so tests do not depend on wording.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str = ""
    loc: tuple[str | int, ...] | None = None
    at_key: bool = False
    excerpt: str = ""

    def _key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def sort_key(self) -> tuple[str, int, int, str]:
        return self._key()

    @property
    def location(self) -> str:
        """`path:line:col`, or just the path for a whole-file problem."""
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass
class CheckResult:
    """What one validation run found, for reporters to present."""

    ledger: str
    files_checked: int
    problems: list[Problem]
    records: int = 0
    hidden_warnings: int = 0  # warnings left out of `problems` by `validate --errors-only`

    def errors_only(self) -> "CheckResult":
        """The same result without its warnings, which are only counted (in hidden_warnings)."""
        kept = [p for p in self.problems if p.severity is not Severity.WARNING]
        return replace(self, problems=kept, hidden_warnings=self.hidden_warnings + len(self.problems) - len(kept))

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    def fails(self, strict: bool = False) -> bool:
        """True when the run should exit 1: errors, or warnings under --strict."""
        return self.errors > 0 or (strict and self.warnings + self.hidden_warnings > 0)

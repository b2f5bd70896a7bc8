"""The loaded ledger: every record with the file it came from, for rules and reports to read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Generic, Optional, TypeVar

from impactctl.model.config import LedgerConfig
from impactctl.model.records import Activity, Challenge, Evidence, Outcome, Record, Stakeholder

R = TypeVar("R", bound=Record)


class Entry(Generic[R]):
    """One record and the ledger-relative path of its file (`outcomes/x.yaml`).

    A record answered from the cache arrives as its JSON and is validated into a model only when
    something reads it: an edit checked against a large ledger reads a few records, not all of them.
    """

    __slots__ = ("kind", "path", "id", "_record", "_load")

    def __init__(self, kind: str, path: str, record: R | None = None, *, record_id: str | None = None,
                 load: Callable[[], R] | None = None) -> None:
        if record is None and (load is None or record_id is None):
            raise TypeError("an Entry needs its record, or its id and a way to load the record")
        self.kind, self.path = kind, path
        self.id: str = record.id if record is not None else record_id
        self._record, self._load = record, load

    @property
    def record(self) -> R:
        if self._record is None:
            self._record, self._load = self._load(), None
        return self._record

    @property
    def loaded(self) -> bool:
        """Whether the record has been validated into a model (always, unless it came from the cache)."""
        return self._record is not None

    @property
    def stem(self) -> str:
        return self.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entry):
            return NotImplemented
        return (self.kind, self.path, self.record) == (other.kind, other.path, other.record)

    __hash__ = None  # type: ignore[assignment]  # records are mutable models

    def __repr__(self) -> str:
        return f"Entry({self.kind!r}, {self.path!r}, id={self.id!r})"


@dataclass(frozen=True)
class Attachment:
    """What is on disk for an evidence `file:`: its sha256, or why it could not be read."""

    sha256: Optional[str] = None
    missing: bool = False
    outside: bool = False


@dataclass
class Ledger:
    """Everything a rule may look at; built by the source layer, read by checks and reports."""

    root: str
    config: LedgerConfig
    entries: list[Entry] = field(default_factory=list)
    # Ids of record files that could not be read, so references to them do not cascade.
    unreadable: dict[str, set[str]] = field(default_factory=dict)
    attachments: dict[str, Attachment] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    # The files whose findings are wanted (an edit's file), or None for all: rules still read the whole
    # ledger for what they compare against, but look for problems in these files only.
    focus: Optional[frozenset[str]] = None
    _cached_views: Optional[tuple] = field(default=None, repr=False, compare=False)

    def of_kind(self, kind: str) -> list[Entry]:
        return self._views()[0].get(kind, [])

    def index(self, kind: str) -> dict[str, Entry]:
        """Records of a kind by id (the first, where an id is duplicated)."""
        return self._views()[1].get(kind, {})

    def _views(self) -> tuple[dict[str, list[Entry]], dict[str, dict[str, Entry]]]:
        """Entries by kind and by id, built once (again only if entries were added since)."""
        if self._cached_views is None or self._cached_views[0] != len(self.entries):
            by_kind: dict[str, list[Entry]] = {}
            by_id: dict[str, dict[str, Entry]] = {}
            for entry in self.entries:
                by_kind.setdefault(entry.kind, []).append(entry)
                by_id.setdefault(entry.kind, {}).setdefault(entry.id, entry)
            self._cached_views = (len(self.entries), by_kind, by_id)
        return self._cached_views[1], self._cached_views[2]

    def checked(self, kind: str | None = None) -> list[Entry]:
        """The entries whose problems are wanted: all of them (of a kind), or only those in the focus."""
        entries = self.entries if kind is None else self.of_kind(kind)
        if self.focus is None:
            return entries
        return [entry for entry in entries if entry.path in self.focus]

    def in_focus(self, path: str) -> bool:
        """Whether problems in this file (such as ledger.yaml, for the coverage rules) are wanted."""
        return self.focus is None or path in self.focus

    def all_read(self, kind: str) -> bool:
        """Whether every record file of this kind loaded. A rule that concludes from what no record of a
        kind says (no outcome covers this, no activity supports that) stays silent while one of them cannot
        be read: that file's own error is the one message, and the conclusion may be false."""
        return not self.unreadable.get(kind)

    def known_ids(self, kind: str) -> set[str]:
        """Ids a reference may point at: readable records and files that failed to load."""
        return set(self.index(kind)) | self.unreadable.get(kind, set())

    @property
    def outcomes(self) -> list[Entry[Outcome]]:
        return self.of_kind("outcomes")

    @property
    def activities(self) -> list[Entry[Activity]]:
        return self.of_kind("activities")

    @property
    def stakeholders(self) -> list[Entry[Stakeholder]]:
        return self.of_kind("stakeholders")

    @property
    def evidence(self) -> list[Entry[Evidence]]:
        return self.of_kind("evidence")

    @property
    def challenges(self) -> list[Entry[Challenge]]:
        return self.of_kind("challenges")

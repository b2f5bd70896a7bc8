"""The loaded ledger: every record with the file it came from, for rules and reports to read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Generic, Optional, TypeVar

from impactctl.model.config import LedgerConfig
from impactctl.model.records import Activity, Evidence, Outcome, Record, Stakeholder

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Entry(Generic[R]):
    """One record and the ledger-relative path of its file (`outcomes/x.yaml`)."""

    kind: str
    path: str
    record: R

    @property
    def stem(self) -> str:
        return self.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


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
                by_id.setdefault(entry.kind, {}).setdefault(entry.record.id, entry)
            self._cached_views = (len(self.entries), by_kind, by_id)
        return self._cached_views[1], self._cached_views[2]

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

"""Each outcome's status as it was at the end of a day (a period's end), never simply today's.

In order:
1. on or after the day the report is made (`today`), the status is the ledger's;
2. a `status_date` on or before the day means the status has held since then, so it held at the day;
3. otherwise (no `status_date`, or one after the day) the status in the last commit on or before the day,
   where the ledger is in git and the outcome's file was there (`past`, read by the use case);
4. without that: with no `status_date` nothing says the status changed, so it is the ledger's; with one
   after the day, the status before the change is not recorded and is inferred as the one before it in the
   usual order (planned → active → achieved, missed or dropped); the report states this rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from impactctl.model.ledger import Ledger
from impactctl.model.records import Outcome

# The status an outcome most likely had before it took each one.
_BEFORE = {"planned": "planned", "active": "planned", "achieved": "active", "missed": "active", "dropped": "active"}

# (status, status_date) of an outcome file at a commit, by ledger-relative path.
Past = dict[str, tuple[str, Optional[dt.date]]]


@dataclass(frozen=True)
class StatusAt:
    """An outcome's status at a day, since when, and whether it is inferred rather than recorded."""

    status: str
    since: Optional[dt.date]
    inferred: bool = False  # the ledger records a later change and not the status before it


def status_at(outcome: Outcome, day: dt.date, today: dt.date, past: Optional[tuple[str, Optional[dt.date]]]) -> StatusAt:
    """The outcome's status at the end of `day` (see the module's rules)."""
    if day >= today or (outcome.status_date is not None and outcome.status_date <= day):
        return StatusAt(outcome.status, outcome.status_date)
    if past is not None:
        status, since = past
        if since is None or since <= day:
            return StatusAt(status, since)
        return StatusAt(_BEFORE[status], None, True)
    if outcome.status_date is None:
        return StatusAt(outcome.status, None)
    return StatusAt(_BEFORE[outcome.status], None, True)


def statuses(ledger: Ledger, day: dt.date, past: Optional[Past] = None) -> dict[str, StatusAt]:
    """Every outcome's status at the end of `day`, by id."""
    past = past or {}
    return {e.record.id: status_at(e.record, day, ledger.today, past.get(e.path)) for e in ledger.outcomes}


def needs_history(outcome: Outcome, day: dt.date, today: dt.date) -> bool:
    """Whether the ledger alone cannot say the outcome's status at `day` (so git history may)."""
    return day < today and (outcome.status_date is None or outcome.status_date > day)


def describe(state: StatusAt) -> str:
    """A short note beside the status: since when. An inferred status has none, like the status it stands for
    before the change was recorded, so recording a change today leaves every past report as it was."""
    return f"since {state.since}" if state.since else ""

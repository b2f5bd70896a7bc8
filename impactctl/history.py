"""What changed in the ledger between two revisions, or during a reporting period, record by record.

A use case beside `api`: it reads the history through `source.git`, reads both versions of each changed
record with `source.fastyaml`, and returns data (no printing); `source.yamldiff` words each record's
field-level changes (`status active → achieved`, `indicator ind-x: +1 measurement`).

Not being in a git repository (or git missing) is not an exception here: the History says so with
`available=False` and a note. A revision git does not know raises `git.BadRevision` (an ImpactctlError).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, get_args

from impactctl.model import kinds
from impactctl.model.records import OutcomeStatus
from impactctl.source import fastyaml, git
from impactctl.source.limits import MAX_FILE_BYTES
from impactctl.source.yamldiff import describe

LEDGER_FILE = "ledger.yaml"
SHALLOW_NOTE = ("this is a shallow clone: history before the clone's depth is missing, so a record shown as "
                "added may only be first seen at that depth, and earlier changes are not shown "
                "(`git fetch --unshallow` fetches the whole history)")
_MISSING: Any = object()  # a version absent or not readable as YAML
OUTCOME_STATUSES = frozenset(get_args(OutcomeStatus))


@dataclass
class RecordChange:
    """One record file that was added, changed or removed, by whom and when."""

    path: str  # relative to the ledger folder
    kind: str  # stakeholders | outcomes | activities | evidence | ledger
    id: str
    action: str  # added | changed | removed
    authors: list[str]
    first: dt.date
    last: dt.date
    details: list[str] = field(default_factory=list)


@dataclass
class History:
    """The record changes found, and how far the history can be trusted."""

    changes: list[RecordChange]
    shallow: bool
    available: bool
    note: str
    base: str | None = None  # the commit compared from (None: before the first commit)
    tip: str | None = None  # the commit compared to (None: no commit in range)


def changes_between(root: Path, rev1: str, rev2: str) -> History:
    """Records added, changed and removed from `rev1` to `rev2`, with the authors of the commits between."""
    start = _open(root)
    if isinstance(start, History):
        return start
    base, tip = git.resolve(root, rev1), git.resolve(root, rev2)
    commits = git.log(root, rev_range=f"{base}..{tip}")
    return _history(root, base, tip, commits, start.shallow)


def changes_in_period(root: Path, start: dt.date, end: dt.date, *, head: str = "HEAD") -> History:
    """Records changed by commits authored from `start` to `end` (inclusive): each file as of the last
    commit before `start` (or absent) against the file as of the last commit authored by `end`.

    The two commits are taken along `head`'s first-parent line (pass a past revision to reproduce an old
    report), so a branch merged during the period counts in the period; its commits' authors are credited.
    """
    opened = _open(root)
    if isinstance(opened, History):
        return opened
    line = git.log(root, rev_range=None if head == "HEAD" else head, first_parent=True, files=False)
    before = [c for c in line if c.date < start]
    upto = [c for c in line if c.date <= end]
    base = before[-1].sha if before else None
    if not upto or (base is not None and base == upto[-1].sha):
        return History([], opened.shallow, True, SHALLOW_NOTE if opened.shallow else "", base, base)
    tip = upto[-1].sha
    commits = git.log(root, rev_range=f"{base}..{tip}" if base else tip)
    return _history(root, base, tip, commits, opened.shallow)


def _open(root: Path) -> git.RepoInfo | History:
    """The repository, or an unavailable History saying why there is none."""
    try:
        info = git.repo_info(root)
    except git.GitError as exc:
        return History([], False, False, str(exc))
    if info is None:
        return History([], False, False, "not a git repository: the ledger folder is not inside a git working tree, "
                                         "so it has no history to read")
    return info


def _history(root: Path, base: str | None, tip: str, commits: list[git.Commit], shallow: bool) -> History:
    touched: dict[str, list[git.Commit]] = {}
    for commit in commits:
        for change in commit.files:
            touched.setdefault(change.path, []).append(commit)
    tip_date = commits[-1].date if commits and commits[-1].sha == tip else git.commit(root, tip).date
    changes = [_record_change(rel, kind, before, after, touched.get(rel, []), tip_date)
               for rel, before, after in git.diff_texts(root, base, tip) if (kind := record_kind(rel)) is not None]
    changes.sort(key=lambda c: (c.kind != "ledger", c.path))
    return History(changes, shallow, True, SHALLOW_NOTE if shallow else "", base, tip)


def record_kind(rel: str) -> str | None:
    """`ledger` for ledger.yaml, the folder for a record file (`outcomes/x.yaml`), None for anything else."""
    if rel == LEDGER_FILE:
        return "ledger"
    parts = rel.split("/")
    if len(parts) == 2 and parts[0] in kinds.FOLDERS and parts[1].endswith(".yaml") and len(parts[1]) > 5:
        return parts[0]
    return None


def _record_change(rel: str, kind: str, old_text: str | None, new_text: str | None,
                   commits: list[git.Commit], tip_date: dt.date) -> RecordChange:
    """One file's change; with no commit in range touching it (a reversed range), dated at the tip."""
    old, new = _read(rel, old_text), _read(rel, new_text)
    action = "added" if old_text is None else "removed" if new_text is None else "changed"
    details: list[str] = []
    if action == "changed":
        if old is _MISSING or new is _MISSING:
            details = ["not readable as YAML " + ("before" if old is _MISSING else "after") + " the change"]
        else:
            details = describe(old, new)
    authors = list(dict.fromkeys(c.author for c in commits))
    dates = [c.date for c in commits] or [tip_date]
    return RecordChange(rel, kind, _record_id(rel, kind, new if new is not _MISSING else old), action, authors,
                        min(dates), max(dates), details)


def _read(rel: str, text: str | None) -> Any:
    """The document's data, or _MISSING when absent or unreadable."""
    if text is None or len(text) > MAX_FILE_BYTES:
        return _MISSING
    data, node, _ = fastyaml.load(rel, text)
    return data if node is not None else _MISSING


def _record_id(rel: str, kind: str, data: Any) -> str:
    if kind == "ledger":
        return "ledger"
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return data["id"]
    return rel.rsplit("/", 1)[-1].removesuffix(".yaml")



State = tuple[str, Optional[dt.date]]  # an outcome's (status, status_date)


def statuses_at_ends(root: Path, period: History, at_tip: dict[str, State], at_base: dict[str, State],
                     current: str | None = None) -> tuple[dict[str, State], dict[str, State]]:
    """The (status, status_date) outcome files had in the period's last commit (`period.tip`) and in the last
    commit before it began (`period.base`); `at_tip` and `at_base` name the files wanted with their state now.
    A file the commit does not have, or cannot be read there, is left out.

    "Now" is the working tree, or the revision `current` (a report `--as-of`). A file unchanged since the
    commit keeps its state now, so only files changed since are read and parsed: for the tip, those `git diff`
    finds changed from it to now; for the base, those too and the ones the period's history found changed.
    Three git processes at most, whatever the number of files.
    """
    ends = ((period.tip, at_tip), (period.base, at_base))
    asked = [(rev, now) for rev, now in ends if rev is not None and now]
    if period.tip is None or not asked:
        return {}, {}
    folders = sorted({rel.rpartition("/")[0] for _, now in asked for rel in now})
    trees = git.files_at(root, [(rev, folder) for rev, _ in asked for folder in folders])
    since_tip = git.changed_since(root, period.tip, folders, current)
    found: list[dict[str, State]] = []
    reads: list[tuple[dict[str, State], str, str]] = []
    for index, (rev, now) in enumerate(asked):
        files = {rel: blob for tree in trees[index * len(folders):(index + 1) * len(folders)] for rel, blob in tree.items()}
        changed = since_tip if rev == period.tip else since_tip | {c.path for c in period.changes}
        states: dict[str, State] = {}
        for rel, state in now.items():
            if rel in files and rel in changed:
                reads.append((states, rel, files[rel]))
            elif rel in files:
                states[rel] = state
        found.append(states)
    texts = git.read_texts(root, [blob for _, _, blob in reads])
    for states, rel, blob in reads:
        if (then := _status_in(rel, texts.get(blob))) is not None:
            states[rel] = then
    answers = iter(found)
    tip, base = (next(answers) if rev is not None and now else {} for rev, now in ends)
    return tip, base


def _status_in(rel: str, text: str | None) -> tuple[str, dt.date | None] | None:
    """An outcome file's (status, status_date), or None when it is absent or does not say clearly."""
    data = _read(rel, text)
    if not isinstance(data, dict):
        return None
    status, day = data.get("status", "planned"), data.get("status_date")
    if status not in OUTCOME_STATUSES:
        return None
    try:
        return status, dt.date.fromisoformat(day) if isinstance(day, str) else None
    except ValueError:
        return status, None

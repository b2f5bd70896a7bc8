"""The one way in for reading a ledger: its files, the cache, the worker processes, the rules and positions.

A run goes one of three ways. An unchanged ledger is answered from the cache's whole-ledger result
(records, if asked for, from the cache's per-file entries; nothing parsed, the rules not run). Otherwise
the files whose bytes changed are parsed, the rules run over the whole ledger, the problems are located,
and the result is kept for next time. A focused read (an edit, checked before it is written) does the
same but keeps only the focus files' problems, and leaves the whole-ledger result alone.

The models and the rules are imported only on the ways that need them, so that an unchanged ledger is
answered without paying for them.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from impactctl.problems import Problem
from impactctl.source.cache import Cache, problem_from
from impactctl.source.cache_policy import cached_result, ledger_key, remember, save, worth_saving_after
from impactctl.source.tree import Tree, read_tree
from impactctl.source.workers import ParsePool

if TYPE_CHECKING:
    from impactctl.model.ledger import Ledger

# The ledger rules, given by the caller (source/ sits beside checks/, and does not import it).
Rules = Callable[["Ledger"], list[Problem]]


class Answer(enum.Enum):
    """How a reading was answered, which says why its ledger may be None."""

    CHECKED = "checked"  # read and checked now: the ledger is loaded
    FROM_CACHE = "from-cache"  # the cache's result for these very bytes: the ledger is loaded only if asked for
    CONFIG_UNUSABLE = "config-unusable"  # ledger.yaml cannot be used: no ledger, the problems say why


@dataclass(frozen=True)
class Reading:
    """A ledger as read and checked: the ledger, its problems (located, paths relative to the folder), the
    records and files checked, and how it was answered."""

    ledger: Ledger | None
    problems: list[Problem]
    records: int
    files: int
    answer: Answer


def read_ledger(root: Path, rules: Rules, *, today: dt.date, focus: set[str] | None = None,
                overrides: dict[str, str] | None = None, use_cache: bool = True,
                need_ledger: bool = False) -> Reading:
    """Read and check the ledger at `root`: YAML, schema, and `rules` over the whole ledger.

    `overrides` (ledger-relative path -> text) stand in for files, to check an edit before it is written.
    `focus` (paths) asks for the problems in those files only: the rules still compare against the whole
    ledger but read only the records they need to. With `use_cache`, files whose bytes are unchanged
    are not parsed again, and an unchanged ledger is answered from the cache (with its ledger loaded
    only when `need_ledger`).
    """
    reader = _Reader(root, rules, today, Cache.open(root) if use_cache else None)
    if focus is not None:
        return reader.focused(frozenset(focus), overrides)
    return reader.whole(overrides, need_ledger)


class _Reader:
    """One run's reading: the folder, the rules, the day, the cache (None without one) and the worker pool."""

    def __init__(self, root: Path, rules: Rules, today: dt.date, cache: Cache | None) -> None:
        self.root, self.rules, self.today, self.cache = root, rules, today, cache
        self.pool = ParsePool(root)

    def _tree(self, overrides: dict[str, str] | None, defer: bool = False) -> Tree:
        return read_tree(self.root, overrides, self.cache.stats if self.cache is not None else None, defer=defer)

    def whole(self, overrides: dict[str, str] | None, need_ledger: bool) -> Reading:
        """The whole ledger's problems: from the cache when these very bytes were checked before; otherwise
        checked now, and (without overrides, which are not on disk) kept for next time."""
        cache = self.cache
        # With nothing cached to compare with, the record files are read by the processes that parse them.
        defer = not overrides and (cache is None or (cache.result is None and not cache.has_entries))
        tree = self._tree(overrides, defer)
        if cache is not None and not overrides and not tree.deferred:
            cached = cached_result(self.root, cache, ledger_key(tree, self.today))
            if cached is not None:
                return self._from_cache(tree, cache, cached, need_ledger)
        reading = self._check(tree)
        if cache is not None and not overrides:
            remember(self.root, cache, tree, self.today, reading.ledger, reading.problems, reading.records,
                     reading.files)
            save(cache, tree)
        return reading

    def focused(self, focus: frozenset[str], overrides: dict[str, str] | None) -> Reading:
        """Problems in the focus files only. Files read afresh still go into the cache's per-file entries;
        the whole-ledger entry is left alone, since these findings are not the whole ledger's."""
        tree = self._tree(overrides)
        reading = self._check(tree, focus)
        if self.cache is not None and worth_saving_after(self.cache, overrides):
            save(self.cache, tree)
        return replace(reading, files=len(focus))

    def _from_cache(self, tree: Tree, cache: Cache, cached: dict[str, Any], need_ledger: bool) -> Reading:
        """The rules' findings for exactly these bytes are known: a report still needs the records (from the
        cache's per-file entries), but not the rules run again."""
        read_some = bool(tree.raw)  # some files had to be read (too fresh to trust last time, or copied)
        ledger = None
        if need_ledger:
            from impactctl.source.loader import load_ledger

            ledger = load_ledger(self.root, today=self.today, tree=tree, cache=cache, pool=self.pool)[0]
        if read_some or cache.dirty:
            save(cache, tree)
        answer = Answer.CONFIG_UNUSABLE if need_ledger and ledger is None else Answer.FROM_CACHE
        problems = [problem_from(p) for p in cached["problems"]]
        return Reading(ledger, problems, cached["records"], cached["files"], answer)

    def _check(self, tree: Tree, focus: frozenset[str] | None = None) -> Reading:
        """Load the ledger (parsing what the cache does not hold), run the rules, locate the problems (in the
        focus files only, when given)."""
        from impactctl.source.loader import load_ledger
        from impactctl.source.positions import resolve
        from impactctl.source.recordfile import gc_paused

        ledger, problems = load_ledger(self.root, today=self.today, tree=tree, cache=self.cache, focus=focus,
                                       pool=self.pool)
        records = 0
        if ledger is not None:
            with gc_paused():  # with a focus, the rules validate the cached records they read, as they go
                problems += self.rules(ledger)
            records = len(ledger.entries)
        if focus is not None:
            problems = [p for p in problems if p.path in focus]
        files = 1 + sum(len(ids) for ids in (ledger.unreadable.values() if ledger else ())) + records
        answer = Answer.CHECKED if ledger is not None else Answer.CONFIG_UNUSABLE
        return Reading(ledger, resolve(self.root, problems, tree.raw), records, files, answer)

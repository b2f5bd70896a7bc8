"""Shell completion of record ids and vocabulary keys (install with `impactctl --install-completion`)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable


def _root() -> Path | None:
    from impactctl.errors import LedgerNotFound
    from impactctl.source.discover import find_ledger

    try:
        return find_ledger()
    except LedgerNotFound:
        return None


def vocabulary(name: str) -> Callable[[str], list[str]]:
    """Completes the keys of one of ledger.yaml's vocabularies."""

    def complete(incomplete: str) -> list[str]:
        from impactctl.source.loader import load_config

        root = _root()
        config = load_config(root)[0] if root else None
        keys = list(getattr(config.vocabularies, name)) if config else []
        return [key for key in keys if key.startswith(incomplete)]

    return complete


def ids(kind: str | None = None) -> Callable[[str], list[str]]:
    """Completes the ids of existing records (of one kind, or of any)."""

    def complete(incomplete: str) -> list[str]:
        from impactctl.authoring import existing_ids

        root = _root()
        found = existing_ids(root) if root else {}
        return sorted(i for i, k in found.items() if i.startswith(incomplete) and kind in (None, k))

    return complete


def choices(*values: str) -> Callable[[str], list[str]]:
    return lambda incomplete: [v for v in values if v.startswith(incomplete)]


def stakeholders_or_groups() -> Callable[[str], list[str]]:
    """Completes who raised a challenge: a stakeholder's id or a stakeholder-group key."""
    by_id, by_group = ids("stakeholders"), vocabulary("groups")
    return lambda incomplete: sorted({*by_id(incomplete), *by_group(incomplete)})

"""What the user probably meant by a word that is not known: the closest known one, and the one way to say so."""

from __future__ import annotations

import difflib
from typing import Callable, Iterable, Optional

CUTOFF = 0.6  # difflib's own: how alike two words must be for one to be offered for the other


def closest(word: str, known: Iterable[str], cutoff: float = CUTOFF) -> Optional[str]:
    """The known word most like `word` (a typo of it), or None when none is alike enough."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return close[0] if close else None


def _code(word: str) -> str:
    return f"`{word}`"


def did_you_mean(meant: Optional[str], quote: Callable[[str], str] = _code) -> str:
    """"did you mean `meant`?", or "" when nothing is meant. `quote=repr` for a message that quotes the user's
    own value as 'value' (the command-line errors of show, list and case-study)."""
    return f"did you mean {quote(meant)}?" if meant is not None else ""

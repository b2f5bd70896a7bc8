"""The privacy profiles, one line each: what --profile offers and the one check of a profile's name.

Kept apart from privacy.py (which applies a profile and loads the model) so that the command line can
offer the names without loading pydantic. Adding a profile is a line here and what it hides in privacy.py.
"""

from __future__ import annotations

from impactctl import tables

PUBLIC, INTERNAL = "public", "internal"

# Each profile, and what --profile's help says of it (in brackets after its name). The first is the default.
PROFILES: dict[str, str] = {
    PUBLIC: "no contacts; persons who have not agreed to be named are not named",
    INTERNAL: "",
}


def check(profile: str) -> str:
    """The profile, if it is one; else a UsageError listing them."""
    if profile not in PROFILES:
        raise tables.unknown("--profile", tuple(PROFILES), profile)
    return profile

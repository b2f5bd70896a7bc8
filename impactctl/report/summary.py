"""The report's status summary: indicators counted by status, and the outcomes that need attention."""

from __future__ import annotations

from typing import Any

from impactctl.report.progress import AT_RISK, BEHIND, OVERDUE, STATUSES

# An outcome needs attention when one of its indicators is in one of these states, worst first.
ATTENTION = (OVERDUE, BEHIND, AT_RISK)


def summary(outcomes: list[dict[str, Any]]) -> dict[str, Any]:
    """From the view-model's outcome rows (already judged at the period's end)."""
    counts = {state: 0 for state in STATUSES}
    attention = []
    for outcome in outcomes:
        states = [indicator["status"] for indicator in outcome["indicators"]]
        for state in states:
            counts[state] = counts.get(state, 0) + 1
        flagged = [f"{states.count(s)} {s}" for s in ATTENTION if s in states]
        if flagged:
            worst = min(ATTENTION.index(s) for s in states if s in ATTENTION)
            attention.append((worst, outcome["id"], {"id": outcome["id"], "title": outcome["title"],
                                                     "why": ", ".join(flagged)}))
    return {"columns": list(counts), "counts": list(counts.values()), "indicators": sum(counts.values()),
            "outcomes": len(outcomes), "attention": [row for _, _, row in sorted(attention, key=lambda a: a[:2])]}

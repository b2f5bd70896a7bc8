"""The pathway as a Mermaid flowchart: activities → outcomes within each impact area, then stakeholder groups."""

from __future__ import annotations

from impactctl.model.ledger import Entry, Ledger
from impactctl.report.escape import mermaid

MAX_PATHWAY_ACTIVITIES = 40


def pathway(ledger: Ledger, activities: list[Entry]) -> str:
    """Left to right: one box per impact area holding its activities and their outcomes, the stakeholder groups
    at the right (node ids are generated, never user text). An activity sits in the area of its outcomes when it
    can, so few edges cross between boxes; past MAX_PATHWAY_ACTIVITIES a node says how many are left out."""
    outcomes = ledger.index("outcomes")
    vocab = ledger.config.vocabularies
    shown = activities[:MAX_PATHWAY_ACTIVITIES]
    outcome_nodes: dict[str, str] = {}
    members: dict[str, list[str]] = {}  # area → node lines, in order of first appearance
    edges: list[str] = []
    for a, activity in enumerate(shown):
        linked = [oid for oid in activity.record.outcomes if oid in outcomes]
        areas = [outcomes[oid].record.area for oid in linked]
        home = activity.record.area if activity.record.area in areas or not areas else areas[0]
        members.setdefault(home, []).append(f'a{a}["{mermaid(activity.record.title)}"]')
        for oid in linked:
            if oid not in outcome_nodes:
                outcome_nodes[oid] = f"o{len(outcome_nodes)}"
                members.setdefault(outcomes[oid].record.area, []).append(
                    f'{outcome_nodes[oid]}(["{mermaid(outcomes[oid].record.title)}"])')
            edges.append(f"    a{a} --> {outcome_nodes[oid]}")
    lines = ["flowchart LR"]
    order = [area for area in vocab.areas if area in members] + sorted(set(members) - set(vocab.areas))
    for s, area in enumerate(order):
        lines.append(f'    subgraph s{s}["{mermaid(vocab.areas.get(area, area))}"]')
        lines.append("        direction LR")
        lines.extend(f"        {node}" for node in members[area])
        lines.append("    end")
    group_nodes: dict[str, str] = {}
    for oid, node in outcome_nodes.items():
        for group in outcomes[oid].record.groups:
            if group not in group_nodes:
                group_nodes[group] = f"g{len(group_nodes)}"
                lines.append(f'    {group_nodes[group]}{{{{"{mermaid(vocab.groups.get(group, group))}"}}}}')
            edges.append(f"    {node} --> {group_nodes[group]}")
    if len(activities) > len(shown):
        lines.append(f'    more["{len(activities) - len(shown)} more activities not shown"]')
    return "\n".join(lines + sorted(set(edges), key=edges.index))

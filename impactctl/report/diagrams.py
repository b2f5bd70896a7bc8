"""Mermaid diagrams as text: the pathway flowchart and a line chart per quantitative indicator."""

from __future__ import annotations

from impactctl.model.ledger import Entry, Ledger
from impactctl.model.periods import Period
from impactctl.model.records import Indicator
from impactctl.report.escape import chart_label, mermaid

MAX_PATHWAY_ACTIVITIES = 40


def pathway(ledger: Ledger, activities: list[Entry]) -> str:
    """activities → outcomes → stakeholder groups, for the period's activities (node ids are generated, never user text)."""
    outcomes = ledger.index("outcomes")
    groups = ledger.config.vocabularies.groups
    lines = ["flowchart LR"]
    outcome_nodes: dict[str, str] = {}
    group_nodes: dict[str, str] = {}
    edges: list[str] = []
    for a, activity in enumerate(activities[:MAX_PATHWAY_ACTIVITIES]):
        lines.append(f'    a{a}["{mermaid(activity.record.title)}"]')
        for oid in activity.record.outcomes:
            if oid not in outcomes:
                continue
            if oid not in outcome_nodes:
                outcome_nodes[oid] = f"o{len(outcome_nodes)}"
                lines.append(f'    {outcome_nodes[oid]}(["{mermaid(outcomes[oid].record.title)}"])')
            edges.append(f"    a{a} --> {outcome_nodes[oid]}")
    for oid, node in outcome_nodes.items():
        for group in outcomes[oid].record.groups:
            if group not in group_nodes:
                group_nodes[group] = f"g{len(group_nodes)}"
                lines.append(f'    {group_nodes[group]}{{{{"{mermaid(groups.get(group, group))}"}}}}')
            edges.append(f"    {node} --> {group_nodes[group]}")
    return "\n".join(lines + sorted(set(edges), key=edges.index))


def indicator_chart(title: str, indicator: Indicator, period: Period) -> str:
    """The indicator's measurements up to the period's end beside the planned straight line."""
    base, goal = indicator.baseline, indicator.target
    points = [(base.date, base.value)] + [(m.date, m.value) for m in sorted(indicator.measurements, key=lambda m: m.date)
                                          if m.date <= period.end and not isinstance(m.value, str)]
    span = (goal.date - base.date).days or 1
    plan = [round(base.value + (goal.value - base.value) * min(max((d - base.date).days / span, 0), 1), 2)
            for d, _ in points]
    values = [v for _, v in points] + [goal.value] + plan
    low, high = min(values), max(values)
    return "\n".join([
        "xychart-beta",
        f'    title "{chart_label(title)}"',
        "    x-axis [" + ", ".join(f'"{d.isoformat()}"' for d, _ in points) + "]",
        f'    y-axis "{chart_label(indicator.unit or "value")}" {_number(min(low, 0))} --> {_number(high * 1.1 if high > 0 else 1)}',
        "    line [" + ", ".join(_number(v) for _, v in points) + "]",
        "    line [" + ", ".join(_number(v) for v in plan) + "]",
    ])


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"

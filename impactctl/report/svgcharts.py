"""The HTML edition's figures: charts drawn in Python as inline SVG, each with a title, a description and its
data, and the pathway (a Mermaid diagram in Markdown) as a table."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

from markupsafe import Markup

from impactctl.model.ledger import Entry, Ledger
from impactctl.model.periods import Period
from impactctl.model.records import Indicator
from impactctl.report import plan
from impactctl.report.escape import html
from impactctl.report.progress import ACHIEVED, AT_RISK, BEHIND, NO_DATA, ON_TRACK, OVERDUE, STATUSES

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 92, 16, 16, 48  # room for the axis labels
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
# Four equal steps from the bottom of the plot to its top: the same lines on every chart, only the labels differ.
GRID = '<path class="grid" d="' + "".join(f"M{LEFT} {TOP + PLOT_H * k / 4:g}H{WIDTH - RIGHT}" for k in range(5)) + '"/>'
STATUS_FILL = {ON_TRACK: "#1e6b34", ACHIEVED: "#1d4f91", AT_RISK: "#8a5300", BEHIND: "#a12626", OVERDUE: "#a12626",
               NO_DATA: "#595959"}
# How a status is shown beside its word: a symbol and a style (class `status-KIND`); colour only repeats the word.
BADGES = {ON_TRACK: ("✓", "good"), ACHIEVED: ("★", "done"), AT_RISK: ("!", "warn"), BEHIND: ("✗", "bad"),
          OVERDUE: ("✗", "bad"), NO_DATA: ("?", "none")}


def build(ledger: Ledger, period: Period, activities: list[Entry], outcomes: list[dict[str, Any]]) -> dict[str, Any]:
    """The status overview of the view-model's `outcomes` (those not dropped at the period's end), a line chart
    per quantitative indicator, the pathway, and how each status is shown."""
    shown = {outcome["id"] for outcome in outcomes}
    live = [e.record for e in sorted(ledger.outcomes, key=lambda e: e.record.id) if e.record.id in shown]
    counts = Counter(indicator["status"] for outcome in outcomes for indicator in outcome["indicators"])
    charts = []
    for outcome in live:
        for indicator in outcome.indicators:
            if _numeric(indicator):
                charts.append(indicator_chart(outcome.id, indicator, period, len(charts) + 1))
    badges = {status: {"status": status, "mark": mark, "kind": kind} for status, (mark, kind) in BADGES.items()}
    return {"status": status_chart(counts), "indicators": charts, "pathway": pathway(ledger, activities),
            "badges": badges, "legend": [badges[status] for status in STATUSES]}


def pathway(ledger: Ledger, activities: list[Entry]) -> list[dict[str, Any]]:
    """activities → outcomes → stakeholder groups, one row per outcome the period's activities served."""
    outcomes, groups = ledger.index("outcomes"), ledger.config.vocabularies.groups
    served: dict[str, list[str]] = {}
    for entry in activities:
        for oid in entry.record.outcomes:
            if oid in outcomes:
                served.setdefault(oid, []).append(entry.record.title)
    return [{"outcome": outcomes[oid].record.title, "activities": titles,
             "groups": ", ".join(groups.get(g, g) for g in outcomes[oid].record.groups)}
            for oid, titles in sorted(served.items(), key=lambda item: outcomes[item[0]].record.title)]


def _numeric(indicator: Indicator) -> bool:
    return indicator.quantitative and plan.knots(indicator) is not None


def status_chart(counts: Counter) -> dict[str, Any]:
    """A horizontal bar per status, its count written beside it (the label, not the colour, says which)."""
    rows = [{"status": s, "count": counts.get(s, 0)} for s in STATUSES]
    total = sum(r["count"] for r in rows)
    most = max((r["count"] for r in rows), default=0) or 1
    bar, label_w, height, width = 26, 130, 34 * len(rows) + 8, 420  # narrow, so that its words stay legible on a phone
    parts = []
    for n, row in enumerate(rows):
        y = 8 + 34 * n
        length = round((width - label_w - 50) * row["count"] / most, 1)
        parts.append(f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end">{row["status"]}</text>'
                     f'<rect x="{label_w}" y="{y}" width="{length}" height="{bar}" fill="{STATUS_FILL[row["status"]]}"/>'
                     f'<text x="{label_w + length + 6}" y="{y + 18}">{row["count"]:,}</text>')
    description = "; ".join(f'{r["status"]}: {r["count"]:,}' for r in rows)
    svg = _svg("status", height, "Indicators by status", f"{total:,} indicator{'' if total == 1 else 's'}. {description}.", "".join(parts), width)
    return {"svg": svg, "rows": rows, "total": total}


def indicator_chart(outcome_id: str, indicator: Indicator, period: Period, number: int) -> dict[str, Any]:
    """Measurements up to the period's end (solid line, dots) beside the planned path (dashed): baseline →
    milestones → target."""
    base, goal = indicator.baseline, indicator.target
    path = plan.knots(indicator)
    measured = [(base.date, base.value)] + [(m.date, m.value) for m in sorted(indicator.measurements, key=lambda m: m.date)
                                            if m.date <= period.end and not isinstance(m.value, str)]
    rows = [{"date": d, "value": v, "plan": plan.planned_on(path, d)} for d, v in measured]
    first, last = base.date, max(goal.date, measured[-1][0], base.date + dt.timedelta(days=1))
    values = [v for _, v in measured + path]
    low = min(0, *values)
    step = _step(max(values) - low)
    origin, x_scale, y_scale = first.toordinal(), PLOT_W / (last - first).days, PLOT_H / (4 * step)

    def x(day: dt.date) -> str:
        return f"{LEFT + x_scale * (day.toordinal() - origin):.1f}"

    def y(value: float) -> str:
        return f"{TOP + PLOT_H - y_scale * (value - low):.1f}"

    points = [(x(d), y(v)) for d, v in measured]
    parts = [GRID, *(f'<text x="{LEFT - 8}" y="{TOP + PLOT_H * (4 - k) / 4 + 5:g}" text-anchor="end">'
                     f"{_number(low + step * k)}</text>" for k in range(5)),
             '<polyline class="plan" points="' + " ".join(f"{x(d)},{y(v)}" for d, v in path) + '"/>',
             '<polyline class="measured" points="' + " ".join(f"{px},{py}" for px, py in points) + '"/>',
             *(f'<circle cx="{px}" cy="{py}" r="4" class="dot"/>' for px, py in points),
             *(f'<text x="{x(d)}" y="{HEIGHT - BOTTOM + 20}" text-anchor="{anchor}">{d.isoformat()}</text>'
               for d, anchor in _ticks(first, last, period.end))]
    if first < period.end < last:
        parts.append(f'<line x1="{x(period.end)}" y1="{TOP}" x2="{x(period.end)}" y2="{TOP + PLOT_H}" class="now"/>')
    latest = rows[-1]
    unit = f" {indicator.unit}" if indicator.unit else ""
    description = (f"Latest {_number(latest['value'])}{unit} on {latest['date'].isoformat()}, where the plan expected "
                   f"{_number(latest['plan'])}; baseline {_number(base.value)} on {base.date.isoformat()}, "
                   + "".join(f"milestone {_number(v)} by {d.isoformat()}, " for d, v in path[1:-1])
                   + f"target {_number(goal.value)} by {goal.date.isoformat()}. Solid line and dots: measured; "
                   "dashed line: planned.")
    title = f"{indicator.name} ({outcome_id})"
    return {"title": title, "unit": indicator.unit or "", "rows": rows, "description": description,
            "svg": _svg(f"chart-{number}", HEIGHT, title, description, "".join(parts))}


def _ticks(first: dt.date, last: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """Dates under the axis: its two ends, and the period's end unless it would overlap one of them."""
    ticks = [(first, "start"), (last, "end")]
    margin = (last - first).days * 0.18
    if (end - first).days > margin and (last - end).days > margin:
        ticks.insert(1, (end, "middle"))
    return ticks


def _step(span: float) -> float:
    """A round step for four gridlines that cover `span` with a little room above."""
    raw = max(span * 1.05 / 4, 1e-9)
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _number(value: float) -> str:
    if type(value) is int:
        return f"{value:,}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _svg(ident: str, height: int, title: str, description: str, body: str, width: int = WIDTH) -> Markup:
    """The chart as an image with a name and a description (screen readers read both; the table gives the data)."""
    return Markup(
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'class="chart"><title id="{ident}-t">{html(title)}</title>'
        f'<desc id="{ident}-d">{html(description)}</desc>{body}</svg>')

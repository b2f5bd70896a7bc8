"""The outcome records: one for every group x domain, then random ones, with the evidence their waves cite."""

from __future__ import annotations

import datetime as dt

from .data import AREAS, DOMAINS, GROUPS, LAST_OBSERVED, RATIONALES, THEMES, TITLES, WHO
from .words import academic, cap, day_between, long_date, quarter_end
from .yamlout import Doc


class Outcomes:
    """Plans and writes the outcomes (a part of Builder: uses its rng, stakeholders, evidence and files)."""

    def outcome_plans(self) -> None:
        rng = self.rng
        self.oc: list[dict] = []
        pairs = [(g, d) for g in GROUPS for d in DOMAINS]
        for i in range(self.counts["outcomes"]):
            group, domain = pairs[i] if i < len(pairs) else (rng.choice(list(GROUPS)), rng.choice(list(DOMAINS)))
            area = rng.choice(list(AREAS))
            theme = rng.choice(THEMES[area])
            who = rng.choice(WHO[group])
            title = rng.choice(TITLES[domain]).format(Who=cap(who), theme=theme)
            status = "active" if i < len(pairs) else rng.choices(
                ["active", "planned", "achieved", "missed", "dropped"], [60, 15, 15, 4, 6])[0]
            if status in ("achieved", "missed"):
                due = quarter_end(rng, 2025, 2026)
                if due > LAST_OBSERVED:
                    due = dt.date(2026, 9, 30)
            else:
                due = quarter_end(rng, 2027, 2029)
            extra = [g for g in GROUPS if g != group]
            groups = [group] + ([rng.choice(extra)] if rng.random() < 0.15 else [])
            pool = [s for g in groups for s in self.sh_by_group[g]] or self.sh
            stakeholders = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
            record = {"id": self.new_id(title), "title": title, "area": area, "domain": domain, "groups": groups,
                      "stakeholders": [s["id"] for s in stakeholders], "status": status, "due": due,
                      "theme": theme, "who": who, "place": stakeholders[0]["place"], "activities": []}
            self.oc.append(record)
            if i < len(pairs):
                self.protected.add(f"outcomes/{record['id']}.yaml")

    def write_outcomes(self) -> None:
        rng = self.rng
        for o in self.oc:
            doc = Doc()
            doc.kv(0, "id", o["id"])
            doc.kv(0, "title", o["title"])
            doc.kv(0, "area", o["area"])
            doc.kv(0, "domain", o["domain"])
            doc.seq(0, "groups", o["groups"])
            doc.seq(0, "stakeholders", o["stakeholders"])
            doc.kv(0, "owner", academic(rng))
            indicators = [self.indicator_plan(o, j) for j in range(rng.choice([2, 2, 2, 3]))]
            seen: set[str] = set()
            for ind in indicators:
                while ind["id"] in seen:
                    ind["id"] += "-2"
                seen.add(ind["id"])
            first = indicators[0]
            rising = first["direction"] == "increase"
            change = "can name two ways it affects mental health" if rising else "report that it harms their wellbeing"
            doc.text(0, "statement", f"By {long_date(o['due'])}, {first['target']}% of {o['who']} in {o['place']} "
                                     f"taking part in the centre's work on {o['theme']} {change}, "
                                     f"{'up' if rising else 'down'} from {first['baseline']}%.")
            if rng.random() < 0.6:
                doc.text(0, "rationale", rng.choice(RATIONALES).format(
                    theme=o["theme"], place=o["place"], who=o["who"], Who=cap(o["who"])))
            doc.kv(0, "due", o["due"])
            doc.kv(0, "status", o["status"])
            baseline_date = day_between(rng, dt.date(2023, 1, 1), dt.date(2024, 12, 31))
            waves = self.waves(o, baseline_date)
            cited = []
            for ev in waves:
                if ev["id"] not in cited:
                    cited.append(ev["id"])
                if o["id"] not in ev["outcomes"]:
                    ev["outcomes"].append(o["id"])
            if o["status"] == "achieved":
                doc.seq(0, "evidence", cited[-1:])
            doc.key(0, "indicators")
            for ind in indicators:
                self.write_indicator(doc, o, ind, baseline_date, waves)
            self.files[f"outcomes/{o['id']}.yaml"] = doc.render()

    def waves(self, o: dict, baseline_date: dt.date) -> list[dict]:
        """The evidence an outcome's measurements come from, in date order: one or more survey waves."""
        rng = self.rng
        count = {"planned": rng.randint(0, 1), "dropped": 1}.get(o["status"], rng.randint(2, 3))
        hi = min(LAST_OBSERVED, o["due"]) if o["status"] in ("achieved", "missed") else LAST_OBSERVED
        lo = baseline_date + dt.timedelta(days=30)
        span = (hi - lo).days
        chosen: list[dict] = []
        for k in range(count):
            seg_lo = lo + dt.timedelta(days=span * k // count)
            seg_hi = lo + dt.timedelta(days=span * (k + 1) // count - 1)
            chosen.append(self.evidence_between(seg_lo, seg_hi))
        chosen.sort(key=lambda ev: ev["date"])
        return chosen

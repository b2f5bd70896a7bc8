"""An outcome's indicators: baseline, target, milestones, and measurements moving towards the target."""

from __future__ import annotations

import datetime as dt

from .data import NOTES, QUALITATIVE_STEPS
from .words import cap, day_between, slug
from .yamlout import Doc


class Indicators:
    """Plans and writes the indicators of one outcome (a part of Builder: uses its rng)."""

    def indicator_plan(self, o: dict, index: int) -> dict:
        rng = self.rng
        who, theme = o["who"], o["theme"]
        measure = "percent" if index == 0 else rng.choices(["percent", "count", "currency", "qualitative"],
                                                          [35, 40, 10, 15])[0]
        direction = "increase"
        if measure == "percent":
            if rng.random() < 0.25:
                direction = "decrease"
                name, unit = f"{cap(who)} reporting that {theme} harms their wellbeing", "% of respondents"
                base = rng.randint(35, 80)
                target = base - rng.randint(10, 30)
            else:
                name = f"{cap(who)} who can name two ways {theme} affects mental health"
                unit = f"% of surveyed {who}"
                base = rng.randint(5, 50)
                target = min(100, base + rng.randint(15, 45))
        elif measure == "count":
            thing = rng.choice(["people trained", "organisations", "downloads", "participants", "referrals"])
            name = {"people trained": f"{cap(who)} trained on {theme}",
                    "organisations": f"Organisations using the centre's evidence on {theme}",
                    "downloads": f"Downloads of the toolkit on {theme}",
                    "participants": f"{cap(who)} taking part in co-design sessions",
                    "referrals": "Referrals to community support after the pilot"}[thing]
            unit = thing
            base = rng.choice([0, 0, rng.randint(1, 200)])
            target = base + rng.choice([20, 50, 100, 250, 500, 1000, 2500])
        elif measure == "currency":
            name, unit = f"Funding committed to services addressing {theme}", "GBP"
            base = rng.choice([0, 25000, 50000])
            target = base + rng.choice([100000, 250000, 500000, 1200000])
        else:
            name, unit = f"Place of {theme} in local plans", None
            base = f"No reference to {theme} in the plan"
            target = f"{cap(theme)} named as a priority in the plan"
        return {"id": f"ind-{slug(name, 36)}", "name": name, "measure": measure, "unit": unit,
                "direction": direction, "baseline": base, "target": target}

    def write_indicator(self, doc: Doc, o: dict, ind: dict, baseline_date: dt.date, waves: list[dict]) -> None:
        rng = self.rng
        doc.kv(4, "id", ind["id"], first=True)
        doc.kv(4, "name", ind["name"])
        doc.kv(4, "measure", ind["measure"])
        if ind["unit"]:
            doc.kv(4, "unit", ind["unit"])
        doc.kv(4, "direction", ind["direction"])
        for key, value, day in (("baseline", ind["baseline"], baseline_date), ("target", ind["target"], o["due"])):
            doc.key(4, key)
            doc.kv(6, "value", value)
            doc.kv(6, "date", day)
        measurements = self.measurements(o, ind, waves)
        milestones = self.milestones(o, ind, measurements)
        if milestones:
            doc.key(4, "milestones")
            for day, value in milestones:
                doc.kv(8, "date", day, first=True)
                doc.kv(8, "value", value)
        if measurements:
            doc.key(4, "measurements")
            for ev, value in measurements:
                doc.kv(8, "date", ev["date"], first=True)
                doc.kv(8, "value", value)
                doc.seq(8, "evidence", [ev["id"]])
                if rng.random() < 0.15:
                    doc.kv(8, "note", rng.choice(NOTES))

    def measurements(self, o: dict, ind: dict, waves: list[dict]) -> list[tuple[dict, object]]:
        """(evidence, value) pairs: values move from the baseline towards the target; achieved outcomes reach it."""
        rng = self.rng
        measurements = []
        used = waves if len(waves) <= 1 else sorted(rng.sample(waves, rng.randint(max(1, len(waves) - 1), len(waves))),
                                                    key=lambda ev: ev["date"])
        if o["status"] == "achieved" and waves and used[-1] is not waves[-1]:
            used.append(waves[-1])
        progress = 0.0
        for k, ev in enumerate(used):
            last = k == len(used) - 1
            progress = 1.0 if (o["status"] == "achieved" and last) else min(0.9, progress + rng.uniform(0.1, 0.4))
            measurements.append((ev, self.value_at(ind, progress, k)))
        return measurements

    def milestones(self, o: dict, ind: dict, measurements: list[tuple[dict, object]]) -> list[tuple[dt.date, object]]:
        """(date, value) pairs for some open outcomes: perhaps one already passed, and one ahead."""
        rng = self.rng
        target_date = o["due"]
        milestones = []
        if ind["measure"] != "qualitative" and o["status"] in ("active", "planned") and rng.random() < 0.35:
            if measurements and rng.random() < 0.5:
                # A past milestone, reached by the first measurement in time.
                ev, value = measurements[0]
                milestones.append((ev["date"] + dt.timedelta(days=rng.randint(0, 45)),
                                   self.between(ind, ind["baseline"], value, 0.8)))
            future = day_between(rng, dt.date(2027, 3, 31), target_date)
            if future < target_date:
                milestones.append((future, self.between(ind, ind["baseline"], ind["target"], 0.6)))
        return milestones

    @staticmethod
    def between(ind: dict, start, end, fraction: float):
        """A value `fraction` of the way from start to end, rounded towards start (so it is reached)."""
        if isinstance(start, str):
            return end
        step = int((end - start) * fraction)
        return start + step

    def value_at(self, ind: dict, progress: float, k: int):
        if ind["measure"] == "qualitative":
            return ind["target"] if progress >= 1.0 else QUALITATIVE_STEPS[min(k, len(QUALITATIVE_STEPS) - 1)]
        value = self.between(ind, ind["baseline"], ind["target"], progress)
        if progress >= 1.0:
            value = ind["target"]
        if ind["measure"] == "percent":
            value = max(0, min(100, value))
        return value

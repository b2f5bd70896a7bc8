"""The activity records: every outcome supported by two activities, of every type."""

from __future__ import annotations

import datetime as dt

from .data import ACTIVITY_TYPES, AUDIENCES, DEPARTMENTS, FORMS, MONTHS, PARTNERS
from .words import academic, cap, day_between
from .yamlout import Doc


class Activities:
    """Plans and writes the activities (a part of Builder: uses its rng, outcomes and files)."""

    def activities(self) -> None:
        """Plan activities; each outcome is supported by two activities (one slot each, round robin)."""
        rng = self.rng
        n = self.counts["activities"]
        self.ac: list[dict] = [{"outcomes": []} for _ in range(n)]
        outcomes = self.oc
        order = list(range(len(outcomes)))
        for rnd in range(2):
            if rnd:
                rng.shuffle(order)
            for slot, o_index in enumerate(order):
                a = self.ac[(slot + rnd * (n // 2 + 1)) % n]
                if outcomes[o_index]["id"] not in a["outcomes"]:
                    a["outcomes"].append(outcomes[o_index]["id"])
        by_id = {o["id"]: o for o in outcomes}
        types = list(ACTIVITY_TYPES)
        for a in self.ac:
            if not a["outcomes"]:
                a["outcomes"].append(rng.choice(outcomes)["id"])
            first = by_id[a["outcomes"][0]]
            a_type = rng.choice(types)
            place = first["place"]
            theme, who = first["theme"], first["who"]
            partner = rng.choice(PARTNERS)
            start = day_between(rng, dt.date(2021, 1, 1), dt.date(2026, 10, 31))
            title = self.activity_title(a_type, theme, place, who, partner, start)
            a.update(id=self.new_id(title), title=title, type=a_type, area=first["area"], start=start, place=place,
                     theme=theme, who=who, partner=partner,
                     stakeholders=list(dict.fromkeys(
                         sid for oid in a["outcomes"] for sid in by_id[oid]["stakeholders"]))[:3])
            for oid in a["outcomes"]:
                by_id[oid]["activities"].append(a["id"])

    def activity_title(self, a_type: str, theme: str, place: str, who: str, partner: tuple, start: dt.date) -> str:
        # Every entry is built, whatever the type: the random stream stays the same as it always was.
        rng = self.rng
        return {
            "interdisciplinary-study": f"Study of {theme} and mental health in {place}",
            "targeted-output": f"Costed options on {theme} for {place}",
            "engagement-event": f"{place} {rng.choice(['roundtable', 'public talk', 'workshop'])} on {theme}",
            "co-produced-proposal": f"Co-produced proposals on {theme} with {place} Thrive",
            "international-collaboration": f"Cross-country learning on {theme} with the {partner[0]}",
            "web-resource": f"Online resource on {theme} for {who}",
            "researcher-development": f"Policy placements for early-career researchers on {theme}",
            "advisory-meeting": f"Advisory group meeting, {MONTHS[start.month - 1]} {start.year}",
            "policy-briefing": f"Briefing for {rng.choice(DEPARTMENTS)} on {theme}",
            "training": f"Training on {theme} for {who}",
        }[a_type]

    def write_activities(self) -> None:
        rng = self.rng
        for a in self.ac:
            doc = Doc()
            doc.kv(0, "id", a["id"])
            doc.kv(0, "title", a["title"])
            doc.kv(0, "type", a["type"])
            doc.kv(0, "area", a["area"])
            doc.kv(0, "start", a["start"])
            one_day = a["type"] in ("engagement-event", "advisory-meeting", "policy-briefing")
            end = a["start"] if one_day else a["start"] + dt.timedelta(days=rng.randint(30, 720))
            doc.kv(0, "end", end)
            doc.kv(0, "lead", academic(rng))
            doc.text(0, "description",
                     f"{rng.choice(['Working with', 'Together with', 'Co-led by'])} partners in {a['place']}, the "
                     f"centre {rng.choice(['brought together', 'worked alongside', 'trained'])} {a['who']} to look "
                     f"at {a['theme']} and what can be done about it locally, drawing on the centre's "
                     f"{rng.choice(['cohort studies', 'qualitative interviews', 'policy reviews'])}.")
            if a["stakeholders"]:
                doc.seq(0, "stakeholders", a["stakeholders"])
            doc.seq(0, "outcomes", a["outcomes"])
            international = a["type"] == "international-collaboration"
            doc.key(0, "reach")
            doc.kv(2, "audience", cap(a["who"]))
            doc.kv(2, "count", rng.choice([12, 25, 40, 60, 120, 300, 850, 2400]) + rng.randint(0, 9))
            doc.kv(2, "geography", "international" if international else rng.choice(["local", "regional", "national"]))
            if rng.random() < 0.7:
                doc.key(0, "cost")
                doc.kv(2, "amount", rng.choice([500, 1200, 3500, 8000, 14000, 25000, 60000]))
                doc.kv(2, "currency", "GBP")
            doc.seq(0, "countries", ["GB", a["partner"][1]] if international else ["GB"])
            if rng.random() < 0.6:
                doc.key(0, "outputs")
                for k in range(rng.randint(1, 2)):
                    title = rng.choice(["Briefing note", "Slides", "Summary for participants", "Report",
                                        "Recording"]) + f": {a['theme']}"
                    doc.kv(4, "title", title, first=True)
                    doc.kv(4, "url", f"https://documents.example.org/{a['id']}/{k + 1}")
            doc.kv(0, "form", rng.choice(FORMS))
            doc.kv(0, "primary_audience", rng.choice(AUDIENCES))
            self.files[f"activities/{a['id']}.yaml"] = doc.render()

"""The evidence records, dated up to the last observed day; some with an attached file."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib

from .data import EVIDENCE_TYPES, LAST_OBSERVED, MONTHS, PLACES
from .words import day_between
from .yamlout import Doc


class Evidence:
    """Plans and writes the evidence (a part of Builder: uses its rng, outcomes and files)."""

    def evidence_plans(self) -> None:
        rng = self.rng
        n = self.counts["evidence"]
        dates = sorted(day_between(rng, dt.date(2023, 3, 1), LAST_OBSERVED) for _ in range(n))
        self.ev = [{"date": d, "outcomes": [], "type": rng.choice(list(EVIDENCE_TYPES))} for d in dates]
        self.ev_ordinals = [d.toordinal() for d in dates]
        for e in self.ev:
            place = rng.choice(PLACES)
            when = f"{MONTHS[e['date'].month - 1]} {e['date'].year}"
            title = {
                "survey": f"{place} participants' survey, {when}",
                "testimonial": f"Testimonial from {place} partners, {when}",
                "policy-document": f"{place} plan citing the centre's work, {when}",
                "media": f"{rng.choice(['BBC', 'Local radio', 'The Guardian', 'Community paper'])} feature, {when}",
                "web-analytics": f"Hub analytics, {when}",
                "meeting-minutes": f"Minutes of the {place} partnership meeting, {when}",
                "citation": f"Citation in {place} commissioning guidance, {when}",
                "dataset": f"{place} monitoring records, {when}",
                "letter": f"Letter from {place} partners, {when}",
            }[e["type"]]
            e.update(id=self.new_id(title, "ev-"), title=title)

    def evidence_between(self, lo: dt.date, hi: dt.date) -> dict:
        """A piece of evidence dated in [lo, hi], else the nearest one after lo (never before lo)."""
        left = bisect.bisect_left(self.ev_ordinals, lo.toordinal())
        right = bisect.bisect_right(self.ev_ordinals, hi.toordinal())
        if right > left:
            return self.ev[self.rng.randrange(left, right)]
        return self.ev[min(left, len(self.ev) - 1)]

    def write_evidence(self) -> None:
        rng = self.rng
        by_id = {o["id"]: o for o in self.oc}
        for index, e in enumerate(self.ev):
            doc = Doc()
            doc.kv(0, "id", e["id"])
            doc.kv(0, "title", e["title"])
            doc.kv(0, "date", e["date"])
            doc.kv(0, "type", e["type"])
            if index % 40 == 7:
                name = f"evidence/files/{e['id']}.txt"
                body = (f"{e['title']}\n\nRecorded for the impact ledger on {e['date'].isoformat()}.\n").encode()
                self.attachments[name] = body
                doc.kv(0, "file", name)
                doc.kv(0, "sha256", hashlib.sha256(body).hexdigest())
            else:
                doc.kv(0, "url", f"https://documents.example.org/{e['id']}")
            outcomes = e["outcomes"][:3]
            if outcomes:
                doc.seq(0, "outcomes", outcomes)
                activities = by_id[outcomes[0]]["activities"][:rng.randint(0, 2)]
                if activities:
                    doc.seq(0, "activities", activities)
                doc.kv(0, "corroborator", by_id[outcomes[0]]["stakeholders"][0])
            if rng.random() < 0.5:
                count = rng.randint(12, 400)
                what = rng.choice(["responses", "attendees", "users", "records"])
                how = rng.choice(["collected by the partner", "summarised by the centre", "shared with consent"])
                against = rng.choice(["previous wave", "baseline", "partner report"])
                doc.text(0, "note", f"{count} {what}; {how} and checked against the {against}.")
            self.files[f"evidence/{e['id']}.yaml"] = doc.render()

"""The stakeholder records: organisations, groups and people, and the advisory group drawn from them."""

from __future__ import annotations

import datetime as dt

from .data import GROUPS, ORG_KINDS, PLACES, ROLES, TODAY, WHO
from .words import cap, day_between, person, slug
from .yamlout import Doc


class Stakeholders:
    """Plans and writes the stakeholders (a part of Builder: uses its rng, ids and files)."""

    def stakeholders(self) -> None:
        rng = self.rng
        self.sh: list[dict] = []
        self.sh_by_group: dict[str, list[dict]] = {g: [] for g in GROUPS}
        groups = list(GROUPS)
        for i in range(self.counts["stakeholders"]):
            group = groups[i % 4] if i < 8 else rng.choice(groups)
            place = rng.choice(PLACES)
            kind = "person" if i < 8 else rng.choices(["organisation", "group", "person"], [55, 15, 30])[0]
            if kind == "person":
                first, last = person(rng)
                name = f"{first} {last}"
            else:
                name = f"{place} {rng.choice(ORG_KINDS[group])}"
            record = {"id": self.new_id(name, "adv-" if i < 8 else ""), "name": name, "type": kind, "group": group,
                      "place": place, "first_last": name.split(" ", 1) if kind == "person" else None}
            # The first eight people are the advisory group's anchors: two current members per group.
            if i < 8 or (kind == "person" and rng.random() < 0.3):
                since = day_between(rng, dt.date(2021, 1, 1), dt.date(2025, 12, 31))
                until = None
                if i >= 8 and rng.random() < 0.25:
                    until = day_between(rng, since + dt.timedelta(days=180), since + dt.timedelta(days=900))
                    if until >= TODAY:
                        until = None
                record["advisory"] = (rng.choice(ROLES).format(who=rng.choice(WHO[group]), place=place), since, until)
            self.sh.append(record)
            self.sh_by_group[group].append(record)
            if i < 4:
                self.protected.add(f"stakeholders/{record['id']}.yaml")

    def write_stakeholders(self) -> None:
        rng = self.rng
        for s in self.sh:
            doc = Doc("Non-academic advisory group member. Fictional." if "advisory" in s else None)
            doc.kv(0, "id", s["id"])
            doc.kv(0, "name", s["name"])
            doc.kv(0, "type", s["type"])
            doc.kv(0, "group", s["group"])
            who = rng.choice(WHO[s["group"]])
            if s["type"] == "person":
                description = (f"Works with {who} in {s['place']}; has taken part in the centre's "
                               f"{rng.choice(['roundtables', 'co-design workshops', 'advisory meetings'])} "
                               f"since {rng.randint(2020, 2025)}.")
            else:
                description = (f"{cap(rng.choice(['a', 'an independent', 'a regional']))} "
                               f"{rng.choice(['charity', 'network', 'partnership', 'organisation'])} "
                               f"in {s['place']} working with {who}.")
            doc.text(0, "description", description)
            if s["type"] != "person":
                doc.kv(0, "url", f"https://www.example.org/{slug(s['name'], 40)}")
            if s["type"] == "person" or rng.random() < 0.2:
                doc.kv(0, "consent_to_name", s["type"] != "person" or rng.random() < 0.5)
            if "advisory" in s:
                role, since, until = s["advisory"]
                doc.key(0, "advisory")
                doc.kv(2, "role", role)
                doc.kv(2, "since", since)
                if until:
                    doc.kv(2, "until", until)
            if s["type"] == "person" or rng.random() < 0.4:
                first, last = s["first_last"] or person(rng)
                doc.key(0, "contact")
                if s["type"] != "person":
                    doc.kv(2, "name", f"{first} {last}")
                doc.kv(2, "email", f"{slug(first, 20)}.{slug(last, 20)}@example.org")
                doc.kv(2, "phone", f"+44 20 7946 0{rng.randint(0, 999):03d}")
                if rng.random() < 0.3:
                    doc.kv(2, "note", rng.choice(["Prefers email.", "Prefers not to be named in public reports.",
                                                  "Part-time; Tuesdays to Thursdays."]))
            self.files[f"stakeholders/{s['id']}.yaml"] = doc.render()

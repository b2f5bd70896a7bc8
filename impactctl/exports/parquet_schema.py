"""The Parquet export's schema, declared once: its tables (in order), their columns and types, and its version.

Read by the writer (parquet.py), the rows (parquet_rows.py) and the portfolio's DuckDB views; light (no
pyarrow), so that naming the tables loads nothing. The schema is documented in docs/portfolio.md; a change
of a column's name, type or meaning bumps VERSION.
"""

from __future__ import annotations

VERSION = 1

S, D, I, F, B, L = "string", "date", "int64", "float64", "bool", "list<string>"
_VALUE = (("value", F), ("value_text", S))  # a number, or (qualitative) words

# Table -> columns (name, type), in order. Every table starts with ledger_id.
SCHEMA: dict[str, tuple[tuple[str, str], ...]] = {
    "ledgers": (("ledger_id", S), ("schema_version", I), ("profile", S), ("centre", S), ("short_name", S),
                ("funder", S), ("grant", S), ("currency", S), ("reporting_year_start_month", I), ("today", D)),
    "vocabularies": (("ledger_id", S), ("vocabulary", S), ("key", S), ("label", S), ("position", I)),
    "outcomes": (("ledger_id", S), ("id", S), ("title", S), ("area", S), ("domain", S), ("groups", L),
                 ("stakeholders", L), ("owner", S), ("statement", S), ("rationale", S), ("due", D), ("status", S),
                 ("status_date", D), ("status_before", S), ("evidence", L), ("tags", L)),
    "indicators": (("ledger_id", S), ("outcome", S), ("id", S), ("position", I), ("name", S), ("measure", S),
                   ("unit", S), ("direction", S), ("baseline_value", F), ("baseline_text", S), ("baseline_date", D),
                   ("target_value", F), ("target_text", S), ("target_date", D)),
    "milestones": (("ledger_id", S), ("outcome", S), ("indicator", S), ("position", I), ("date", D), *_VALUE),
    "measurements": (("ledger_id", S), ("outcome", S), ("indicator", S), ("position", I), ("date", D), *_VALUE,
                     ("evidence", L), ("note", S)),
    "activities": (("ledger_id", S), ("id", S), ("title", S), ("type", S), ("area", S), ("start", D), ("end", D),
                   ("last_day", D), ("lead", S), ("description", S), ("stakeholders", L), ("outcomes", L),
                   ("reach_audience", S), ("reach_count", I), ("reach_geography", S), ("cost_amount", F),
                   ("cost_minor", I), ("cost_currency", S), ("countries", L), ("form", S), ("primary_audience", S)),
    "stakeholders": (("ledger_id", S), ("id", S), ("name", S), ("type", S), ("group", S), ("description", S),
                     ("url", S), ("consent_to_name", B), ("advisory_role", S), ("advisory_since", D),
                     ("advisory_until", D)),
    "evidence": (("ledger_id", S), ("id", S), ("title", S), ("date", D), ("type", S), ("url", S), ("file", S),
                 ("sha256", S), ("outcomes", L), ("activities", L), ("corroborator", S), ("note", S)),
}
# Internal profile only: a stakeholder's contact.
CONTACT = tuple((f"contact_{part}", S) for part in ("name", "email", "phone", "address", "note"))

# The tables, in the order they are written and read.
TABLES: tuple[str, ...] = tuple(SCHEMA)

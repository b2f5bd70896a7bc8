"""`export --format parquet`: one typed Parquet file per table, every row keyed to its ledger, privacy as elsewhere."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from impactctl.cli import app
from impactctl.exports.parquet import SCHEMA, VERSION
from tests.helpers import TODAY
from tests.test_exports import count_files, seed_private_fields

runner = CliRunner()
TABLES = ("ledgers", "vocabularies", "outcomes", "indicators", "milestones", "measurements", "activities",
          "stakeholders", "evidence")


def export(ledger: Path, folder: Path, *extra: str):
    return runner.invoke(app, ["export", "--format", "parquet", "--output", str(folder), *extra, "-L", str(ledger),
                               "--today", TODAY.isoformat()])


def rows(folder: Path, table: str) -> list[dict]:
    return pq.read_table(folder / f"{table}.parquet").to_pylist()


def test_one_typed_file_per_table_each_row_keyed_to_its_ledger(ledger, tmp_path):
    result = export(ledger, tmp_path / "pq")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    for table in TABLES:
        schema = pq.read_schema(tmp_path / "pq" / f"{table}.parquet")
        assert schema.names == [name for name, _ in SCHEMA[table]]
        assert {row["ledger_id"] for row in rows(tmp_path / "pq", table)} == {"csmh-es-s012567-1"}
    [centre] = rows(tmp_path / "pq", "ledgers")
    assert (centre["schema_version"], centre["profile"], centre["today"]) == (VERSION, "public", TODAY)
    for kind in ("outcomes", "activities", "stakeholders", "evidence"):
        assert len(rows(tmp_path / "pq", kind)) == count_files(ledger, kind)


def test_dates_numbers_and_lists_are_typed(tmp_path, ledger):
    (ledger / "outcomes" / "typed-outcome.yaml").write_text(
        "id: typed-outcome\ntitle: Typed\narea: work\ndomain: conceptual\ngroups: [employers, publics]\n"
        "owner: Dr A\nstatement: S.\ndue: 2028-12-31\nstatus: active\nstatus_date: 2026-08-01\nindicators:\n"
        "  - id: share\n    name: Share\n    measure: percent\n    unit: \"%\"\n    baseline: {value: 10, date: 2025-01-01}\n"
        "    target: {value: 50, date: 2028-12-31}\n    measurements:\n"
        "      - {date: 2026-03-01, value: 22.5}\n      - {date: 2026-06-01, value: 30}\n"
        "  - id: words\n    name: Words\n    measure: qualitative\n    measurements:\n"
        "      - {date: 2026-04-01, value: Working group formed}\n", encoding="utf-8")
    (ledger / "activities" / "typed-activity.yaml").write_text(
        "id: typed-activity\ntitle: Typed\ntype: training\narea: work\nstart: 2026-07-01\nend: 2026-07-10\n"
        "lead: Dr A\noutcomes: [typed-outcome]\nreach: {count: 40}\ncost: {amount: 1250.5, currency: GBP}\n",
        encoding="utf-8")
    assert export(ledger, tmp_path / "pq").exit_code == 0
    [outcome] = [r for r in rows(tmp_path / "pq", "outcomes") if r["id"] == "typed-outcome"]
    assert outcome["groups"] == ["employers", "publics"]
    assert (outcome["due"], outcome["status_date"]) == (dt.date(2028, 12, 31), dt.date(2026, 8, 1))
    assert (outcome["status"], outcome["status_before"]) == ("active", "planned")  # report.status, rule 4
    mine = [r for r in rows(tmp_path / "pq", "measurements") if r["outcome"] == "typed-outcome"]
    assert [(r["indicator"], r["position"], r["value"], r["value_text"]) for r in mine] == [
        ("share", 0, 22.5, None), ("share", 1, 30.0, None), ("words", 0, None, "Working group formed")]
    [indicator] = [r for r in rows(tmp_path / "pq", "indicators") if r["outcome"] == "typed-outcome" and r["id"] == "share"]
    assert (indicator["baseline_value"], indicator["target_date"]) == (10.0, dt.date(2028, 12, 31))
    [activity] = [r for r in rows(tmp_path / "pq", "activities") if r["id"] == "typed-activity"]
    assert (activity["reach_count"], activity["cost_minor"], activity["last_day"]) == (40, 125050, dt.date(2026, 7, 10))


def parquet_text(folder: Path) -> str:
    return "\n".join(str(rows(folder, table)) for table in TABLES)


def test_public_parquet_never_shows_contacts_or_unconsented_names(ledger, tmp_path):
    markers = seed_private_fields(ledger)
    assert export(ledger, tmp_path / "pq").exit_code == 0
    everything = parquet_text(tmp_path / "pq").lower()
    assert [m for m in markers if m.lower() in everything] == []
    assert "unnamed-person-1" in everything
    assert "contact_email" not in pq.read_schema(tmp_path / "pq" / "stakeholders.parquet").names


def test_internal_parquet_keeps_contacts(ledger, tmp_path):
    markers = seed_private_fields(ledger)
    assert export(ledger, tmp_path / "pq", "--profile", "internal").exit_code == 0
    everything = parquet_text(tmp_path / "pq").lower()
    assert all(m.lower() in everything for m in markers if m.lower().startswith("zqx"))


def test_without_pyarrow_the_message_names_the_extra(ledger, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` fail, as when it is not installed
    result = export(ledger, tmp_path / "pq")
    assert result.exit_code == 2
    assert "pip install 'impactctl[portfolio]'" in result.output
    assert not (tmp_path / "pq").exists()


def test_a_ledger_with_errors_writes_nothing(ledger, tmp_path):
    (ledger / "outcomes" / "broken.yaml").write_text("id: broken\ntitle: [\n", encoding="utf-8")
    result = export(ledger, tmp_path / "pq")
    assert result.exit_code == 1
    assert not (tmp_path / "pq").exists()

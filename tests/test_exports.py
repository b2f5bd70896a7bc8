"""Exports and the case study, each checked by its target's own rules: JSON and CSV read back, Researchfish
columns, IATI XML against the IATI 2.03 schema, REF word limits; refusal on errors; privacy."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from impactctl.cli import app
from impactctl.exports import case_study
from impactctl.exports.formats import FORMATS
from impactctl.exports.records import CHILD_COLUMNS, COLUMNS, CONTACT_COLUMNS
from impactctl.exports.researchfish import ENGAGEMENT_COLUMNS, INFLUENCE_COLUMNS
from tests.helpers import TODAY

runner = CliRunner()
SHIPPED = Path(__file__).resolve().parent.parent / "ledger"
IATI_SCHEMAS = Path(__file__).resolve().parent / "data" / "iati-schemas-2.03"  # published by IATI; see its README
KINDS = ("stakeholders", "outcomes", "activities", "evidence", "challenges")


def run(ledger: Path, *args: str):
    return runner.invoke(app, [*args, "-L", str(ledger), "--today", TODAY.isoformat()])


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def count_files(ledger: Path, kind: str) -> int:
    return len(list((ledger / kind).glob("*.yaml")))


# --- json --------------------------------------------------------------------------------------------


def test_json_is_the_whole_ledger(ledger):
    result = run(ledger, "export", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["version"], data["profile"]) == (1, "public")
    assert data["centre"]["name"] == "ESRC Centre for Society and Mental Health"
    assert set(data["vocabularies"]) == {"areas", "groups", "domains", "activity_types", "evidence_types",
                                       "challenge_kinds"}
    for kind in KINDS:
        assert len(data[kind]) == count_files(ledger, kind)


def test_json_to_a_file(ledger, tmp_path):
    target = tmp_path / "out" / "ledger.json"
    result = run(ledger, "export", "--format", "json", "--output", str(target))
    assert result.exit_code == 0 and result.stdout.strip() == str(target)
    assert json.loads(target.read_text())["version"] == 1


# --- csv ---------------------------------------------------------------------------------------------


def test_csv_writes_one_file_per_kind_read_back(ledger, tmp_path):
    folder = tmp_path / "csv"
    result = run(ledger, "export", "--format", "csv", "--output", str(folder))
    assert result.exit_code == 0, result.output
    for kind in KINDS:
        assert header(folder / f"{kind}.csv") == list(COLUMNS[kind])
        assert len(read_csv(folder / f"{kind}.csv")) == count_files(ledger, kind)
    for name, columns in CHILD_COLUMNS.items():
        assert header(folder / f"{name}.csv") == list(columns)
    measurements = read_csv(folder / "measurements.csv")
    dated = len(measurements) + len(read_csv(folder / "milestones.csv"))  # each a `- date:` item in the YAML
    assert dated == sum(p.read_text().count("\n      - date:") for p in (ledger / "outcomes").glob("*.yaml"))
    assert {"outcome": "parents-adversity-awareness", "indicator": "ind-parents-understanding"}.items() <= \
        next(r for r in measurements if r["outcome"] == "parents-adversity-awareness").items()


def test_csv_needs_a_folder(ledger):
    result = run(ledger, "export", "--format", "csv")
    assert result.exit_code == 2 and "--output" in result.output


def test_internal_csv_imports_back_unchanged(ledger, tmp_path):
    """The CSV field names are those `impactctl import` reads: an export imports back as no change."""
    folder = tmp_path / "csv"
    assert run(ledger, "export", "--format", "csv", "--profile", "internal", "--output", str(folder)).exit_code == 0
    assert header(folder / "stakeholders.csv") == list(COLUMNS["stakeholders"]) + list(CONTACT_COLUMNS)
    for kind in ("stakeholders", "activities", "evidence"):
        result = runner.invoke(app, ["import", str(folder / f"{kind}.csv"), "--kind", kind, "-L", str(ledger),
                                     "--dry-run"])
        assert result.exit_code == 0, result.output
        assert "added" not in result.stdout and "updated" not in result.stdout, result.stdout


# --- researchfish ------------------------------------------------------------------------------------


def test_researchfish_sections_have_the_form_columns(ledger, tmp_path):
    folder = tmp_path / "rf"
    result = run(ledger, "export", "--format", "researchfish", "--output", str(folder))
    assert result.exit_code == 0, result.output
    engagement = read_csv(folder / "engagement-activities.csv")
    assert header(folder / "engagement-activities.csv") == list(ENGAGEMENT_COLUMNS)
    with_form = [p.stem for p in (ledger / "activities").glob("*.yaml") if "\nform:" in p.read_text()]
    assert sorted(row["impactctl id"] for row in engagement) == sorted(with_form)
    assert {row["Geographical reach"] for row in engagement} <= {"Local", "Regional", "National", "International", ""}
    assert all(row["Title"] and row["Form of engagement activity"] and row["Year(s) of engagement activity"][:2] == "20"
               for row in engagement)
    influence = read_csv(folder / "influence-on-policy.csv")
    assert header(folder / "influence-on-policy.csv") == list(INFLUENCE_COLUMNS)
    assert influence and all("domain: instrumental" in (ledger / f"outcomes/{row['impactctl outcome']}.yaml").read_text()
                             for row in influence)
    assert "ev-tfl-policy-revision" in {row["impactctl id"] for row in influence}


def test_researchfish_neutralises_spreadsheet_formulas(ledger, tmp_path):
    path = ledger / "activities/briefing-dhsc-prevention.yaml"
    path.write_text(path.read_text().replace("title: Evidence briefing", "title: =HYPERLINK(1)+Evidence briefing"))
    assert run(ledger, "export", "--format", "researchfish", "--output", str(tmp_path / "rf")).exit_code == 0
    titles = [row["Title"] for row in read_csv(tmp_path / "rf" / "engagement-activities.csv")]
    assert "'=HYPERLINK(1)+Evidence briefing for DHSC on preventing mental ill health in childhood" in titles


# --- iati --------------------------------------------------------------------------------------------


def iati_document(ledger: Path, *args: str) -> str:
    result = run(ledger, "export", "--format", "iati", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_iati_is_valid_against_the_iati_activity_schema(ledger):
    import xmlschema
    schema = xmlschema.XMLSchema(str(IATI_SCHEMAS / "iati-activities-schema.xsd"))
    document = iati_document(ledger, "--iati-org", "GB-EDU-133873")
    schema.validate(document)  # raises with the path of the first violation


def test_iati_results_follow_the_codelists_and_rules(ledger):
    root = ET.fromstring(iati_document(ledger, "--iati-org", "GB-EDU-133873"))
    activity = root.find("iati-activity")
    assert activity.findtext("iati-identifier") == "GB-EDU-133873-ES-S012567-1"
    assert activity.find("reporting-org").get("ref") == "GB-EDU-133873"
    results = activity.findall("result")
    live = [p for p in (ledger / "outcomes").glob("*.yaml") if "status: dropped" not in p.read_text()]
    assert len(results) == len(live)
    for result in results:
        assert result.get("type") == "2"  # ResultType: outcome
        for indicator in result.findall("indicator"):
            measure = indicator.get("measure")
            assert measure in {"1", "2", "5"}  # IndicatorMeasure: unit, percentage, qualitative
            for baseline in indicator.findall("baseline"):
                assert int(baseline.get("year")) > 1900
            valued = indicator.findall("baseline") + indicator.findall("period/target") + indicator.findall("period/actual")
            for element in valued:
                if measure == "5":
                    assert element.get("value") is None and element.find("comment/narrative").text
                elif element.get("value") is not None:
                    float(element.get("value"))  # numbers only for quantitative indicators
            for period in indicator.findall("period"):
                start, end = (period.find(tag).get("iso-date") for tag in ("period-start", "period-end"))
                assert start < end and int(end[:4]) - int(start[:4]) <= 1


def test_iati_without_an_organisation_says_it_is_a_placeholder(ledger):
    result = run(ledger, "export", "--format", "iati")
    assert result.exit_code == 0 and "--iati-org" in result.stderr
    assert "<iati-identifier>XX-UNSET-" in result.stdout


# --- case study --------------------------------------------------------------------------------------


def test_case_study_within_the_limits(ledger, tmp_path):
    target = tmp_path / "case-study.md"
    result = run(ledger, "case-study", "line-manager-training", "employer-wellbeing-policies", "--output", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text()
    for number, title in [(1, "Summary of the impact"), (2, "Underpinning research"), (3, "References to the research"),
                          (4, "Details of the impact"), (5, "Sources to corroborate the impact")]:
        assert f"## {number}. {title}" in text
    assert "Insecure work, scheduling and mental health" in text  # the underpinning study
    assert "Transport for London revised return-to-work" in text  # a corroborating source
    assert all(count.ok for count in case_study.check(text))
    assert "1. Summary of the impact" in result.stderr and "over by" not in result.stderr


def test_case_study_with_a_too_long_summary_fails(ledger, tmp_path):
    path = ledger / "outcomes/line-manager-training.yaml"
    long = " ".join(["word"] * 120)
    text = path.read_text()
    start = text.index("statement:")
    end = text.index("\nrationale:")
    path.write_text(text[:start] + f"statement: {long}" + text[end:])
    target = tmp_path / "case-study.md"
    result = run(ledger, "case-study", "line-manager-training", "--output", str(target))
    assert result.exit_code == 1
    assert "1. Summary of the impact" in result.stderr and "over by" in result.stderr
    assert target.exists()  # written anyway, so the author can see what to cut
    summary = next(c for c in case_study.check(target.read_text()) if c.section.number == 1)
    assert (summary.count, summary.ok) == (120, False)


def test_check_an_edited_case_study(tmp_path):
    draft = tmp_path / "draft.md"
    references = "\n".join(f"{n}. Reference {n}" for n in range(1, 8))
    draft.write_text(f"## 1. Summary of the impact\n\n<!-- not counted -->Short **summary** here.\n\n"
                     f"## 3. References to the research\n\n{references}\n")
    result = runner.invoke(app, ["case-study", "--check", str(draft)])
    assert result.exit_code == 1
    counts = {c.section.number: c for c in case_study.check(draft.read_text())}
    assert (counts[1].count, counts[1].ok) == (3, True)
    assert (counts[3].count, counts[3].ok) == (7, False)
    assert counts[2].missing and "missing" in result.stdout


def test_case_study_of_an_unknown_outcome_is_a_usage_error(ledger):
    result = run(ledger, "case-study", "line-manager-trainin")
    assert result.exit_code == 2 and "did you mean 'line-manager-training'" in result.output
    assert run(ledger, "case-study", "mind").exit_code == 2


# --- a ledger with errors ----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [*(["export", "--format", f.name] for f in FORMATS),
                                  ["case-study", "line-manager-training"]])
def test_a_ledger_with_errors_exits_1_and_writes_nothing(ledger, tmp_path, args):
    (ledger / "outcomes/community-researchers.yaml").write_text("id: [broken\n")
    target = tmp_path / "out"
    result = run(ledger, *args, "--output", str(target))
    assert result.exit_code == 1, result.output
    assert "community-researchers.yaml:1:5" in result.stderr and "nothing was written" in result.stderr
    assert not target.exists() and result.stdout == ""


# --- privacy -----------------------------------------------------------------------------------------


def seed_private_fields(ledger: Path) -> list[str]:
    """Unique markers in every contact field of every stakeholder and in the name of every person who has not
    agreed to be named; the markers, plus the words of those persons' real ids (which are made of their names)."""
    yaml = YAML()
    markers = []
    for n, path in enumerate(sorted((ledger / "stakeholders").glob("*.yaml"))):
        record = yaml.load(path.read_text())
        contact = {field: f"zqx{field}{n}marker" for field in ("name", "email", "phone", "address", "note")}
        contact["email"] = f"zqxemail{n}marker@example.org"
        record["contact"] = contact
        markers += contact.values()
        if record["type"] == "person" and not record.get("consent_to_name", False):
            record["name"] = f"Zqxname{n}marker Person"
            markers += [f"Zqxname{n}marker", *record["id"].split("-")[1:]]
        with path.open("w") as handle:
            yaml.dump(record, handle)
        if record["type"] == "person" and not record.get("consent_to_name", False):
            _seed_challenge(ledger, n, record["id"])
    return markers


def _seed_challenge(ledger: Path, n: int, raised_by: str) -> None:
    """A challenge raised by a person who may not be named: where `raised_by` is shown, the person must not be."""
    (ledger / f"challenges/seeded-challenge-{n}.yaml").write_text(
        f"id: seeded-challenge-{n}\ntext: Report back on the toolkit.\nraised: 2026-06-24\nraised_by: {raised_by}\n"
        "meeting: advisory-meeting-2026-06\nkind: request\noutcomes: [parents-adversity-awareness]\n"
        "owner: Dr Hannah Whitcombe\nstatus: open\n")


def public_outputs(ledger: Path, tmp_path: Path, profile: str = "public") -> str:
    texts = []

    def out(*args: str) -> None:
        result = run(ledger, *args, "--profile", profile)
        assert result.exit_code == 0, result.output
        texts.append(result.output)

    for kind in KINDS:
        for format in ("table", "json", "csv"):
            out("list", kind, "--format", format)
    shown = KINDS if profile == "public" else ("stakeholders",)  # every record where nothing may leak
    ids = [record["id"] for kind in shown for record in json.loads(
        run(ledger, "list", kind, "--format", "json", "--profile", profile).stdout)]
    for record_id in ids:
        out("show", record_id)
        out("show", record_id, "--format", "json")
    for format in FORMATS:  # every export format, so that a new one is privacy-tested too
        folder = tmp_path / f"{profile}-{format.name}"
        out("export", "--format", format.name, "--output", str(folder if format.folder else folder / "file"))
        texts += [_text(path) for path in folder.rglob("*") if path.is_file()]
    for period in ("2026-Q1", "2026-Q2", "2026-Q3", "2026"):
        out("report", "--period", period)
    outcomes = [p.stem for p in (ledger / "outcomes").glob("*.yaml")]
    result = run(ledger, "case-study", *outcomes, "--profile", profile)
    assert result.exit_code in (0, 1), result.output  # so many outcomes exceed the word limits
    texts.append(result.output)
    return "\n".join(texts)


def _text(path: Path) -> str:
    """An exported file's text; a Parquet file's rows (it is binary), every value as Python writes it."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return str(pq.read_table(path).to_pylist())
    return path.read_text()


def test_public_outputs_never_show_contacts_or_unconsented_names(ledger, tmp_path):
    markers = seed_private_fields(ledger)
    assert run(ledger, "validate").exit_code == 0
    everything = public_outputs(ledger, tmp_path).lower()
    leaked = [marker for marker in markers if marker.lower() in everything]
    assert leaked == []
    assert "unnamed-person-1" in everything and "advisory-group member" in everything


def test_internal_profile_may_show_them(ledger, tmp_path):
    markers = seed_private_fields(ledger)
    everything = public_outputs(ledger, tmp_path, profile="internal").lower()
    assert all(marker.lower() in everything for marker in markers if marker.lower().startswith("zqx"))


def test_an_export_with_no_files_is_not_a_refusal(ledger, monkeypatch):
    """Only errors refuse an export: a folder format with nothing to write (here, made to return no files)
    exits 0, where `refused` used to be read off an empty file list ("the ledger has errors", exit 1)."""
    from impactctl.exports import record_csv

    monkeypatch.setattr(record_csv, "files", lambda *args: {})
    result = CliRunner().invoke(app, ["export", "-L", str(ledger), "--format", "csv", "--today", TODAY,
                                      "--output", str(ledger.parent / "out")])
    assert result.exit_code == 0, result.output
    assert "errors" not in result.output

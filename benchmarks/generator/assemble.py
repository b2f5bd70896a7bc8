"""The whole ledger: ledger.yaml, the records, the chosen mistakes and the summary; written to a folder."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
from pathlib import Path

from .builder import Builder
from .data import ACTIVITY_TYPES, AREAS, DOMAINS, EVIDENCE_TYPES, GROUPS, KINDS, MARKER, MISTAKES
from .mutate import break_file
from .yamlout import Doc


def ledger_yaml(records: int, seed: int) -> str:
    doc = Doc()
    doc.lines += [
        f"{MARKER} (records={records}, seed={seed}); fictional data for benchmarks.",
        "# Impact ledger format v1, with the vocabularies of the Centre for Society and Mental Health.",
        "format: 1",
        "",
        "centre:",
    ]
    for key, value in (("name", "ESRC Centre for Society and Mental Health (benchmark ledger)"),
                       ("short_name", "CSMH"), ("funder", "Economic and Social Research Council (ESRC)"),
                       ("grant", "ES/S012567/1"), ("start", dt.date(2020, 1, 1)), ("end", dt.date(2029, 12, 31)),
                       ("reporting_year_start_month", 1), ("currency", "GBP")):
        doc.kv(2, key, value)
    doc.lines += ["", "vocabularies:"]
    for name, vocab in (("areas", AREAS), ("groups", GROUPS), ("domains", DOMAINS),
                        ("activity_types", ACTIVITY_TYPES), ("evidence_types", EVIDENCE_TYPES)):
        doc.key(2, name)
        for key, label in vocab.items():
            doc.kv(4, key, label)
    doc.lines += ["", "rules:", "  coverage-group-domain: error", "  advisory-coverage: error"]
    return doc.render()


# --- entry points -----------------------------------------------------------------------------------


def build(records: int, broken: float = 0.0, seed: int = 1) -> tuple[dict[str, str], dict[str, bytes], dict]:
    """The ledger's files in memory: (path -> text, attachment path -> bytes, summary)."""
    if not 0.0 <= broken <= 1.0:
        raise ValueError("--broken is a fraction between 0 and 1")
    builder = Builder(records, seed)
    builder.build()
    files = builder.files
    # Mistakes use their own random stream, so the same seed gives the same sound records at any --broken.
    rng = random.Random(f"impactctl-bench-broken:{seed}")
    candidates = sorted(path for path in files if path not in builder.protected)
    wanted = min(len(candidates), round(broken * len(files)))
    chosen = sorted(rng.sample(candidates, wanted))
    known = builder.ids
    damaged: dict[str, str] = {}
    for path in chosen:
        order = list(MISTAKES)
        rng.shuffle(order)
        for mistake in order:
            text = break_file(files[path], mistake, rng, known)
            if text is not None:
                files[path] = text
                damaged[path] = mistake
                break
    all_files = {"ledger.yaml": ledger_yaml(records, seed), **files}
    outcome = next(o for o in builder.oc if o["status"] == "active")
    sample_evidence = builder.ev[-1]["id"]
    summary = {
        "records": records, "seed": seed, "broken_fraction": broken, "counts": builder.counts,
        "broken": [{"path": path, "mistake": mistake} for path, mistake in sorted(damaged.items())],
        "lines": {kind: round(sum(t.count("\n") for p, t in files.items() if p.startswith(kind + "/"))
                              / max(1, builder.counts[kind]), 1) for kind in KINDS},
        "bytes": sum(len(t.encode()) for t in all_files.values()) + sum(len(b) for b in builder.attachments.values()),
        # For benchmarks of `record`: an active outcome, its first indicator (a percentage) and some evidence.
        "sample": {"outcome": outcome["id"], "indicator": _first_indicator(files[f"outcomes/{outcome['id']}.yaml"]),
                   "evidence": sample_evidence},
    }
    return all_files, builder.attachments, summary


def _first_indicator(text: str) -> str:
    return re.search(r"^  - id: (\S+)$", text, re.M).group(1)


def generate(out_dir: str | os.PathLike, records: int, broken: float = 0.0, seed: int = 1) -> dict:
    """Write a ledger of `records` records into `out_dir` (created; must be empty or absent); returns a summary."""
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    files, attachments, summary = build(records, broken, seed)
    for kind in KINDS:
        (out / kind).mkdir(parents=True, exist_ok=True)
    if attachments:
        (out / "evidence" / "files").mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        with open(out / rel, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    for rel, data in attachments.items():
        with open(out / rel, "wb") as handle:
            handle.write(data)
    return summary

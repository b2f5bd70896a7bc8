"""Authoring use cases: add records, record measurements, set fields; each edit checked before it is written."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
from pathlib import Path
from typing import Any, Callable

from impactctl import api
from impactctl.errors import UsageError
from impactctl.model.ids import id_problem, slugify
from impactctl.model.records import KINDS, SINGULAR, Indicator
from impactctl.problems import Problem, Severity
from impactctl.source import roundtrip, writer
from impactctl.source.loader import RECORD_SUFFIX, read_yaml
from impactctl.source.tree import inside


@dataclasses.dataclass
class EditResult:
    """What an edit did or would do: the file, its diff, and the errors that refused it."""

    path: Path
    diff: str
    problems: list[Problem]
    written: bool = False

    @property
    def refused(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)


def existing_ids(root: Path) -> dict[str, str]:
    """Every record id in the ledger (from file names) -> its kind; cheap: no file is parsed."""
    ids: dict[str, str] = {}
    for kind in KINDS:
        folder = root / kind
        if folder.is_dir():
            for name in os.listdir(folder):
                if name.endswith(RECORD_SUFFIX):
                    ids[name[: -len(RECORD_SUFFIX)]] = kind
    return ids


def choose_id(root: Path, wanted: str | None, title: str, fallback: str = "record") -> str:
    """The id for a new record: the one asked for (if free and safe), else a unique slug of the title
    (or of `fallback`, e.g. `stakeholder`, when the title has no letter or digit to make one from)."""
    taken = {i.casefold() for i in existing_ids(root)}
    if wanted:
        reason = id_problem(wanted)
        if reason:
            raise UsageError(f"the id `{wanted}` cannot be used: {reason}")
        if wanted.casefold() in taken:
            raise UsageError(f"the id `{wanted}` is already used in this ledger; choose another with --id")
        return wanted
    base = slugify(title) or fallback
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def add_record(root: Path, kind: str, fields: dict[str, Any], dry_run: bool = False,
               today: dt.date | None = None) -> EditResult:
    """Create a new record file of `kind` from `fields`; the id comes from `fields['id']` or the title."""
    title = fields.get("title") or fields.get("name") or ""
    if dry_run:
        return _create(root, kind, fields, title, dry_run, today)
    with writer.ledger_lock(root):
        return _create(root, kind, fields, title, dry_run, today)


def _create(root: Path, kind: str, fields: dict[str, Any], title: str, dry_run: bool,
            today: dt.date | None) -> EditResult:
    record_id = choose_id(root, fields.get("id"), title, fallback=SINGULAR[kind])
    record = _ordered(kind, {**fields, "id": record_id})
    rel = f"{kind}/{record_id}{RECORD_SUFFIX}"
    text = roundtrip.dump_text(roundtrip.to_yaml_value(record))
    return _commit(root, rel, "", text, dry_run, today, create=True)


def _ordered(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Fields in the model's order, leaving out the ones not given."""
    order = list(KINDS[kind].model_fields)
    unknown = [key for key in fields if key not in order]
    if unknown:
        raise UsageError(f"{kind} records have no field {', '.join(unknown)}")
    ordered = {key: fields[key] for key in order if fields.get(key) not in (None, [], {}, "")}
    if "indicators" in ordered:
        indicator_order = list(Indicator.model_fields)
        ordered["indicators"] = [{k: item[k] for k in indicator_order if item.get(k) not in (None, [], {}, "")}
                                 for item in ordered["indicators"]]
    return ordered


def edit_record(root: Path, record_id: str, change: Callable[[Any], None], dry_run: bool = False,
                today: dt.date | None = None) -> EditResult:
    """Apply `change` to the round-trip document of record `record_id` and write it back, checked."""
    if dry_run:
        return _edit(root, record_id, change, True, today)
    with writer.ledger_lock(root):
        return _edit(root, record_id, change, False, today)


def _edit(root: Path, record_id: str, change: Callable[[Any], None], dry_run: bool,
          today: dt.date | None) -> EditResult:
    rel = record_path(root, record_id)
    # Read first as validation reads it: never through a link to outside the ledger or from a device, and
    # never an alias bomb (ruamel keeps aliases shared, but writing the record back would expand them).
    data, _, problems = read_yaml(root, rel)
    if problems or not isinstance(data, dict):
        where = f"{rel}:{problems[0].line}:{problems[0].column}" if problems and problems[0].line else rel
        reason = problems[0].message if problems else "it does not hold a record's keys and values"
        raise UsageError(f"{where}: the record cannot be edited: {reason}; fix the file first "
                         "(`impactctl validate` lists every problem)")
    before = (root / rel).read_text(encoding="utf-8")
    try:
        document = roundtrip.load_text(before)
    except Exception as exc:  # ruamel raises many types on broken YAML; the user fixes the file first
        raise UsageError(f"{rel} cannot be edited until it is valid YAML ({type(exc).__name__}); "
                         "run `impactctl validate` to see where") from None
    change(document)
    after = roundtrip.dump_text(document)
    return _commit(root, rel, before, after, dry_run, today, create=False)


def record_path(root: Path, record_id: str) -> str:
    """`kind/id.yaml` of an existing record, or a usage error with a did-you-mean."""
    ids = existing_ids(root)
    if record_id in ids:
        return f"{ids[record_id]}/{record_id}{RECORD_SUFFIX}"
    close = difflib.get_close_matches(record_id, list(ids), n=1)
    hint = f"; did you mean `{close[0]}`?" if close else ""
    raise UsageError(f"no record has the id `{record_id}`{hint}")


def _commit(root: Path, rel: str, before: str, after: str, dry_run: bool, today: dt.date | None,
            create: bool) -> EditResult:
    # Only this file's errors can refuse the edit, so the rules look for problems in it alone.
    _, result = api.check(root, today=today, overrides={rel: after}, focus={rel})
    prefix = f"{result.ledger}/{rel}"
    problems = [p for p in result.problems if p.path == prefix and p.severity is Severity.ERROR]
    edit = EditResult(root / rel, writer.unified_diff(rel, before, after), problems)
    if edit.refused or dry_run:
        return edit
    if create:
        if not inside(root, (root / rel).parent):
            raise UsageError(f"{rel.split('/')[0]}/ is a symbolic link to outside the ledger folder; nothing was written")
        if not writer.create_file(root / rel, after):
            raise UsageError(f"{rel} was created by someone else meanwhile; run the command again")
    else:
        if (root / rel).read_text(encoding="utf-8") != before:
            raise UsageError(f"{rel} changed on disk while it was being edited; nothing was written, run the command again")
        writer.replace_file(root / rel, after)
    edit.written = True
    return edit


def record_measurement(root: Path, outcome_id: str, value: Any, date: dt.date, indicator: str | None = None,
                       evidence: list[str] | None = None, note: str | None = None, dry_run: bool = False,
                       today: dt.date | None = None) -> EditResult:
    """Append a measurement to an outcome's indicator (the only one, or the one named)."""
    if not record_path(root, outcome_id).startswith("outcomes/"):
        raise UsageError(f"`{outcome_id}` is not an outcome; measurements belong to outcomes")
    measurement = {"date": date, "value": value}
    if evidence:
        measurement["evidence"] = list(evidence)
    if note:
        measurement["note"] = note

    def change(document: Any) -> None:
        target = _indicator(document, outcome_id, indicator)
        if "measurements" not in target or target["measurements"] is None:
            target["measurements"] = roundtrip.to_yaml_value([])
        target["measurements"].append(roundtrip.to_yaml_value(measurement))

    return edit_record(root, outcome_id, change, dry_run, today)


def _indicator(document: Any, outcome_id: str, wanted: str | None) -> Any:
    indicators = document.get("indicators") or []
    ids = [str(item.get("id")) for item in indicators if hasattr(item, "get")]
    if wanted is None:
        if len(ids) == 1:
            return indicators[0]
        raise UsageError(f"`{outcome_id}` has {len(ids)} indicators; choose one with --indicator ({', '.join(ids) or 'none'})")
    if wanted not in ids:
        raise UsageError(f"`{outcome_id}` has no indicator `{wanted}`; its indicators: {', '.join(ids) or 'none'}")
    return indicators[ids.index(wanted)]


def set_status(root: Path, outcome_id: str, status: str, evidence: list[str] | None = None,
               dry_run: bool = False, today: dt.date | None = None) -> EditResult:
    """Change an outcome's status, citing evidence for it (needed to mark it achieved)."""
    if not record_path(root, outcome_id).startswith("outcomes/"):
        raise UsageError(f"`{outcome_id}` is not an outcome")

    def change(document: Any) -> None:
        document["status"] = status
        _set_after(document, "status_date", today or dt.date.today(), after="status")
        for item in evidence or []:
            cited = document.get("evidence")
            if cited is None:
                document["evidence"] = cited = roundtrip.to_yaml_value([])
            if item not in cited:
                cited.append(item)

    return edit_record(root, outcome_id, change, dry_run, today)


def _set_after(document: Any, key: str, value: Any, after: str) -> None:
    """Set `key`, placing it just after `after` when it is new (so the file reads in the model's order)."""
    if key in document or after not in document:
        document[key] = value
        return
    document.insert(list(document).index(after) + 1, key, value)


def set_field(root: Path, record_id: str, field: str, value: str, dry_run: bool = False,
              today: dt.date | None = None) -> EditResult:
    """Set one field, named by a dotted path (`reach.count`, `indicators.0.target.value`), to a value.

    The value is read as YAML 1.2 reads a plain scalar (`12` is a number, `no` is text); `a,b` sets a list
    when the field holds a list; an empty value removes the field.
    """
    parts = [int(p) if p.isdigit() else p for p in field.split(".")]

    def change(document: Any) -> None:
        parent = document
        for part in parts[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                raise UsageError(f"the record has no `{field}`") from None
        last = parts[-1]
        if value == "":
            if isinstance(parent, dict):
                parent.pop(last, None)
            return
        current = parent.get(last) if isinstance(parent, dict) else None
        new: Any = [parse_value(v.strip()) for v in value.split(",")] if isinstance(current, list) else parse_value(value)
        parent[last] = roundtrip.to_yaml_value(new)

    return edit_record(root, record_id, change, dry_run, today)


def parse_value(text: str) -> Any:
    """A command-line value as a ledger value: numbers as numbers, ISO dates as dates, the rest as text."""
    text = text.strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # the model reports an impossible date with its position
    for number in (int, float):
        try:
            value = number(text)
        except ValueError:
            continue
        if value == value and value not in (float("inf"), float("-inf")):
            return value
    return text


def file_sha256(root: Path, name: str) -> str | None:
    """The sha256 of an evidence file inside the ledger; None when it is missing or outside the ledger
    (never read then: validation says which)."""
    from impactctl.source.tree import MISSING, OUTSIDE, attachment_digest

    digest = attachment_digest(root, name)
    return None if digest in (MISSING, OUTSIDE) else digest


@dataclasses.dataclass
class InitResult:
    """What `init` did: the files it wrote, the ones already there that it left alone, and the repository root."""

    written: list[Path]
    kept: list[Path]
    top: Path
    in_git: bool


def init_ledger(root: Path, name: str, today: dt.date | None = None, cwd: Path | None = None) -> InitResult:
    """Make a repository ready: a new ledger at `root` (editor schemas that know its vocabularies) and, at the
    repository root, a CI workflow, a pre-commit configuration and VS Code's schema map. Never overwrites."""
    from impactctl import __version__
    from impactctl.source import repo_files, scaffold

    top, in_git = _repository_root(Path(root), Path(cwd or Path.cwd()))
    ledger = repo_files.relative_ledger(Path(root), top)
    files = scaffold.ledger_files(name, _schemas(Path(root)), today or dt.date.today())
    written, kept = scaffold.create_missing(Path(root), files)
    more_written, more_kept = scaffold.create_missing(top, repo_files.repository_files(ledger, __version__))
    return InitResult(written + more_written, kept + more_kept, top, in_git)


def _repository_root(root: Path, cwd: Path) -> tuple[Path, bool]:
    """The git working tree holding `root`; outside git, the working directory (or, when the ledger is not
    under it, the ledger's parent folder)."""
    from impactctl.source import git

    existing = root.resolve()
    while not existing.is_dir():
        existing = existing.parent
    try:
        info = git.repo_info(existing)
    except git.GitUnavailable:
        info = None
    if info is not None:
        return info.toplevel.resolve(), True
    here = cwd.resolve()
    return (here if root.resolve().is_relative_to(here) else root.resolve().parent), False


def _schemas(root: Path) -> dict[str, dict]:
    """The JSON Schemas, listing the vocabularies of the ledger.yaml already there, else of the default one
    (a ledger.yaml with mistakes gets schemas without vocabularies: they still check everything else)."""
    from impactctl.model.config import LedgerConfig
    from impactctl.model.jsonschema import schema_for, schema_names
    from impactctl.source import fastyaml
    from impactctl.source.discover import CONFIG_NAME
    from impactctl.source.loader import load_config
    from impactctl.source.scaffold import LEDGER_YAML

    if (root / CONFIG_NAME).exists():
        config, _ = load_config(root)
    else:
        data, _, _ = fastyaml.load(CONFIG_NAME, LEDGER_YAML.format(name='"x"', start="2026-01-01", end="2030-12-31"))
        config = LedgerConfig.model_validate(data)
    return {name: schema_for(name, config) for name in schema_names()}

"""Authoring use cases: add records, record measurements, set fields; each edit checked before it is written."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import typing
from pathlib import Path
from typing import Any, Callable

from impactctl import api
from impactctl.errors import UsageError
from impactctl.model.ids import id_problem, slugify
from impactctl.model.records import KINDS, Indicator, Response
from impactctl.problems import Problem, Severity
from impactctl.source import attachments, fastyaml, roundtrip, splice, writer
from impactctl.source.loader import RECORD_SUFFIX, read_yaml
from impactctl.source.tree import inside
from impactctl.suggest import closest, did_you_mean


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


def choose_id(root: Path, wanted: str | None, title: str) -> str:
    """The id for a new record: the one asked for (if free and safe), else a unique slug of the title."""
    taken = {i.casefold() for i in existing_ids(root)}
    if wanted:
        reason = id_problem(wanted)
        if reason:
            raise UsageError(f"the id `{wanted}` cannot be used: {reason}")
        if wanted.casefold() in taken:
            raise UsageError(f"the id `{wanted}` is already used in this ledger; choose another with --id")
        return wanted
    base = slugify(title)
    if not base:
        raise UsageError(f"no id can be made from {title!r}: it has no letter or digit that can be written in "
                         "ASCII; give the record an id with --id (an `id` column when importing)")
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def add_record(root: Path, kind: str, fields: dict[str, Any], dry_run: bool = False,
               today: dt.date | None = None) -> EditResult:
    """Create a new record file of `kind` from `fields`; the id comes from `fields['id']` or the title."""
    title = fields.get("title") or fields.get("name") or fields.get("text") or ""
    if dry_run:
        return _create(root, kind, fields, title, dry_run, today)
    with writer.ledger_lock(root):
        return _create(root, kind, fields, title, dry_run, today)


def _create(root: Path, kind: str, fields: dict[str, Any], title: str, dry_run: bool,
            today: dt.date | None) -> EditResult:
    record_id = choose_id(root, fields.get("id"), title)
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
    before = read_text_exactly(root / rel)
    try:
        document = roundtrip.load_text(before)
    except Exception as exc:  # ruamel raises many types on broken YAML; the user fixes the file first
        raise UsageError(f"{rel} cannot be edited until it is valid YAML ({type(exc).__name__}); "
                         "run `impactctl validate` to see where") from None
    change(document)
    # The intended data comes from the round-trip document; the text from splicing it into the author's own.
    after = splice.apply(before, document, rel)
    return _commit(root, rel, before, after, dry_run, today, create=False)


def read_text_exactly(path: Path) -> str:
    """A file's text with its line ends (CRLF stays CRLF) and byte order mark, as an edit must keep them."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def record_path(root: Path, record_id: str) -> str:
    """`kind/id.yaml` of an existing record, or a usage error with a did-you-mean."""
    ids = existing_ids(root)
    if record_id in ids:
        return f"{ids[record_id]}/{record_id}{RECORD_SUFFIX}"
    meant = closest(record_id, ids)
    hint = f"; {did_you_mean(meant)}" if meant else ""
    raise UsageError(f"no record has the id `{record_id}`{hint}")


def _commit(root: Path, rel: str, before: str, after: str, dry_run: bool, today: dt.date | None,
            create: bool) -> EditResult:
    problems = api.errors_in(root, {rel: after}, today)  # only this file's errors can refuse the edit
    edit = EditResult(root / rel, writer.unified_diff(rel, before, after), problems)
    if edit.refused or dry_run:
        return edit
    if create:
        if not inside(root, (root / rel).parent):
            raise UsageError(f"{rel.split('/')[0]}/ is a symbolic link to outside the ledger folder; nothing was written")
        if not writer.create_file(root / rel, after):
            raise UsageError(f"{rel} was created by someone else meanwhile; run the command again")
    else:
        if read_text_exactly(root / rel) != before:
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
            put_in_order(target, Indicator, "measurements", [])
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
               dry_run: bool = False, today: dt.date | None = None, date: dt.date | None = None) -> EditResult:
    """Change an outcome's status on `date` (default today), citing evidence for it (needed to mark it achieved).

    The `status_date` says when the status last changed, and past reports are judged by it: setting the
    status it already has keeps its date (only adds evidence); a date after today is refused.
    """
    if not record_path(root, outcome_id).startswith("outcomes/"):
        raise UsageError(f"`{outcome_id}` is not an outcome")
    today = today or dt.date.today()
    if date is not None and date > today:
        raise UsageError(f"--date {date} is after today ({today}): a change is dated when it happened")

    def change(document: Any) -> None:
        unchanged = str(document.get("status", "planned")) == status
        recorded = document.get("status_date")
        if unchanged and recorded is not None:
            if date is not None and str(date) != str(recorded):
                raise UsageError(f"`{outcome_id}` has been {status} since {recorded}; to correct that date, run "
                                 f"impactctl set {outcome_id} status_date {date}")
        elif not unchanged or date is not None:
            # An unchanged status without a date gets one only when told when it began.
            document["status"] = status
            _set_after(document, "status_date", date or today, after="status")
        for item in evidence or []:
            cited = document.get("evidence")
            if cited is None:
                put_in_order(document, KINDS["outcomes"], "evidence", [])  # before `indicators`, as the model orders it
                cited = document["evidence"]
            if item not in cited:
                cited.append(item)

    return edit_record(root, outcome_id, change, dry_run, today)


def respond(root: Path, challenge_id: str, text: str | None, status: str = "answered", date: dt.date | None = None,
            evidence: list[str] | None = None, dry_run: bool = False, today: dt.date | None = None) -> EditResult:
    """Record the centre's response to an advisory-group challenge, dated `date` (default today), and its status.

    The response's text replaces any earlier one; evidence is added to what it already cites.
    """
    if not record_path(root, challenge_id).startswith("challenges/"):
        raise UsageError(f"`{challenge_id}` is not a challenge; responses belong to challenges")
    today = today or dt.date.today()
    if date is not None and date > today:
        raise UsageError(f"--date {date} is after today ({today}): a response is dated when it was given")

    def change(document: Any) -> None:
        document["status"] = status
        if document.get("response") is None:
            put_in_order(document, KINDS["challenges"], "response", {})
        response = document["response"]
        if text:
            put_in_order(response, Response, "text", text)
        put_in_order(response, Response, "date", date or today)
        for item in evidence or []:
            if response.get("evidence") is None:
                put_in_order(response, Response, "evidence", [])
            if item not in response["evidence"]:
                response["evidence"].append(item)

    return edit_record(root, challenge_id, change, dry_run, today)


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
        if isinstance(parent, dict):
            put_in_order(parent, _model_at(kind, parts), last, new)
        else:
            parent[last] = roundtrip.to_yaml_value(new)

    kind = record_path(root, record_id).split("/")[0]
    return edit_record(root, record_id, change, dry_run, today)


def model_in(annotation: Any) -> Any:
    """The record model inside a field's type (`Optional[Reach]`, `list[Indicator]`), else None."""
    if hasattr(annotation, "model_fields"):
        return annotation
    return next((m for m in map(model_in, typing.get_args(annotation)) if m is not None), None)


def _model_at(kind: str, parts: list) -> Any:
    """The model of the mapping that holds the last part of a dotted path (None when it has none)."""
    model = KINDS[kind]
    for part in parts[:-1]:
        if isinstance(part, str) and model is not None:
            field = model.model_fields.get(part)
            model = model_in(field.annotation) if field else None
    return model


def put_in_order(mapping: Any, model: Any, key: str, value: Any) -> None:
    """Set `key`; a key the file lacks goes where the model orders it, not at the end; a list the author
    wrote in flow style (`groups: [a]`) stays in flow style."""
    new = roundtrip.to_yaml_value(value)
    current = mapping.get(key)
    if isinstance(new, list) and hasattr(current, "fa") and current.fa.flow_style():
        new.fa.set_flow_style()
    if key in mapping:
        mapping[key] = new
        return
    order = list(model.model_fields) if model is not None else []
    if key not in order:
        mapping[key] = new
        return
    earlier = [i for i, k in enumerate(mapping) if k in order and order.index(k) < order.index(key)]
    mapping.insert(earlier[-1] + 1 if earlier else 0, key, new)


def parse_value(text: str) -> Any:
    """A command-line value as a ledger value: numbers as numbers, ISO dates as dates, the rest as text."""
    text = text.strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # the model reports an impossible date with its position
    number = fastyaml.plain_number(text)
    if number is None or (isinstance(number, float) and not math.isfinite(number)):  # NaN, infinities stay text
        return text
    return number


def add_evidence(root: Path, fields: dict[str, Any], file: str | None = None, copy: bool = False,
                 dry_run: bool = False, today: dt.date | None = None, cwd: Path | None = None) -> EditResult:
    """Add a piece of evidence; its `file` is named from the ledger folder or the working folder, or with
    `copy` is copied into evidence/files/ from anywhere (and taken back if the record is refused)."""
    if not file:
        return add_record(root, "evidence", fields, dry_run, today)
    cwd = cwd or Path.cwd()
    if not copy:
        rel = attachments.locate(root, file, cwd)
        return add_record(root, "evidence", {**fields, "file": rel, "sha256": file_sha256(root, rel)}, dry_run, today)
    source = Path(cwd, file)
    if dry_run:  # nothing is copied: the record is checked as it will be, its file's check left to the copy
        rel, digest = f"{attachments.FILES_FOLDER}/{source.name}", _source_sha256(source)
        result = add_record(root, "evidence", {**fields, "file": rel, "sha256": digest}, True, today)
        result.problems = [p for p in result.problems if p.code != "evidence-file"]
        return result
    rel, created = attachments.copy_in(root, source)
    try:
        result = add_record(root, "evidence", {**fields, "file": rel, "sha256": file_sha256(root, rel)}, False, today)
    except BaseException:
        if created:
            attachments.remove(root, rel)
        raise
    if result.refused and created:
        attachments.remove(root, rel)
    return result


def _source_sha256(source: Path) -> str:
    from impactctl.source.tree import sha256_of

    try:
        return sha256_of(source)
    except (OSError, ValueError):
        raise UsageError(f"no file {source} to copy") from None


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

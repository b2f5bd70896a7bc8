"""The portfolio use case: validate many ledgers, export each to Parquet, answer with the package's SQL in DuckDB.

A ledger with errors is left out whole (and said so), never half-counted. Each ledger's period is read
with its own reporting year. The SQL files (impactctl/queries) run unchanged by hand; docs/portfolio.md.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from impactctl import api
from impactctl.errors import UsageError
from impactctl.exports import parquet
from impactctl.exports.parquet_schema import TABLES
from impactctl.model.periods import parse_period
from impactctl.report import environment, formats, profiles
from impactctl.report import portfolio as view
from impactctl.report.privacy import Redactor
from impactctl.source import writer

QUERIES = ("headline", "indicator_status", "behind", "coverage", "reach")


@dataclass
class Left:
    """A ledger left out of the portfolio, and why."""

    root: Path
    reason: str


@dataclass
class PortfolioResult:
    """The rendered portfolio report, the query answers behind it, and the ledgers left out."""

    text: str = ""
    answers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    included: list[tuple[str, Path]] = field(default_factory=list)
    left_out: list[Left] = field(default_factory=list)
    written: Path | None = None


def portfolio(roots: list[Path], period: str | None = None, output_format: str = "markdown",
              output: Path | None = None, profile: str = profiles.PUBLIC, today: dt.date | None = None) -> PortfolioResult:
    """The portfolio report of the ledgers at `roots` for `period` (default: each one's last complete quarter)."""
    suffix = formats.get(output_format).suffix
    duckdb = _duckdb()
    parquet.require()
    day = today or dt.date.today()
    result = PortfolioResult()
    with tempfile.TemporaryDirectory(prefix="impactctl-portfolio-") as work:
        periods = _export_all(roots, period, profile, day, Path(work), result)
        if not result.included:
            return result
        result.answers = run_queries(duckdb, Path(work), periods)
    model = view.build(result.answers, [(lid, str(root)) for lid, root in result.included],
                       [(str(left.root), left.reason) for left in result.left_out], profile)
    env = environment.make_environment(None, output=output_format)
    result.text = environment.render(env, "portfolio" + suffix, model)
    if output is not None:
        writer.replace_file(output, result.text)
        result.written = output
    return result


def _export_all(roots: list[Path], period: str | None, profile: str, day: dt.date, work: Path,
                result: PortfolioResult) -> list[tuple[Any, ...]]:
    """Validate and export each ledger into `work/<ledger_id>/`; the period of each one exported."""
    periods = []
    for root in roots:
        valid = api.valid_ledger(root, day)
        if isinstance(valid, api.Refused):
            result.left_out.append(Left(root, f"{valid.check.errors} error(s)"))
            continue
        ledger = valid.ledger
        try:
            chosen = parse_period(period, day, ledger.config.centre.reporting_year_start_month)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        lid = _unique(parquet.ledger_id(ledger), {taken for taken, _ in result.included})
        parquet.write(ledger, Redactor(ledger, profile), work / lid, lid)
        result.included.append((lid, root))
        periods.append((lid, chosen.label, chosen.start, chosen.end, ledger.today))
    return periods


def _unique(lid: str, taken: set[str]) -> str:
    """Two ledgers of one centre and grant are told apart by a number: `csmh-es-s012567-1-2`."""
    number, unique = 1, lid
    while unique in taken:
        number += 1
        unique = f"{lid}-{number}"
    return unique


def run_queries(duckdb: Any, folder: Path, periods: list[tuple[Any, ...]]) -> dict[str, list[dict[str, Any]]]:
    """Each query's rows over the Parquet files under `folder` (one subfolder per ledger), as dicts."""
    con = duckdb.connect()
    try:
        for table in TABLES:
            files = ", ".join(_literal(str(p)) for p in sorted(folder.glob(f"*/{table}.parquet")))
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{files}])")
        con.execute("CREATE TABLE periods (ledger_id VARCHAR, label VARCHAR, period_start DATE, "
                    "period_end DATE, today DATE)")
        con.executemany("INSERT INTO periods VALUES (?, ?, ?, ?, ?)", periods)
        con.execute(query("views"))
        answers = {}
        for name in QUERIES:
            cursor = con.execute(query(name))
            names = [d[0] for d in cursor.description]
            answers[name] = [dict(zip(names, row)) for row in cursor.fetchall()]
        return answers
    finally:
        con.close()


def _literal(text: str) -> str:
    """A SQL string literal (a view cannot take a bound parameter)."""
    return "'" + text.replace("'", "''") + "'"


def query(name: str) -> str:
    """The text of one of the package's SQL files."""
    return resources.files("impactctl.queries").joinpath(f"{name}.sql").read_text(encoding="utf-8")


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise UsageError(f"impactctl portfolio needs duckdb and pyarrow: {parquet.INSTALL}") from None
    return duckdb

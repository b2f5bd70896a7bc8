"""The export formats, one line each: the table `impactctl export` dispatches on and builds its --format from.

Adding a format is a module in impactctl/exports (a `files` function, or `write` for binary files) and one
line in FORMATS. The functions are named "module:function" within impactctl.exports and imported only when
the format is used, so that the command line starts without loading pydantic or pyarrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from impactctl import tables


@dataclass(frozen=True)
class ExportOptions:
    """What a format may need beyond the ledger and its privacy profile."""

    iati_org: Optional[str] = None


@dataclass(frozen=True)
class ExportFormat:
    """One export format.

    `files(ledger, redactor, options) -> {file name: text}`, written atomically by the use case; or, for a
    format of binary files, `write(ledger, redactor, folder) -> [paths]`, which writes them itself.
    `requires()` raises a UsageError naming a missing extra (checked before validating, so it is said at
    once); `notes(options) -> [str]` are said on standard error (a placeholder the user should replace).
    """

    name: str
    help: str  # what --format's help says of it, in brackets after the name
    title: str  # how the export command's summary names it
    folder: bool = False  # several files, in the folder --output names; else one file (or standard output)
    files: Optional[str] = None
    write: Optional[str] = None
    requires: Optional[str] = None
    notes: Optional[str] = None

    def __post_init__(self) -> None:
        if (self.files is None) == (self.write is None):
            raise ValueError(f"export format {self.name}: give exactly one of files= or write=")
        if self.write is not None and not self.folder:
            raise ValueError(f"export format {self.name}: write= writes files into a folder: set folder=True")

    def function(self, role: str) -> Callable[..., Any]:
        """The format's `files`, `write`, `requires` or `notes` function (a no-op when it has none)."""
        ref = getattr(self, role)
        if ref is None:
            return lambda *args: []
        return tables.imported("impactctl.exports", ref)


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("json", "the whole ledger", "JSON", files="ledger_json:files"),
    ExportFormat("csv", "one file per record kind", "CSV", folder=True, files="record_csv:files"),
    ExportFormat("researchfish", "one CSV per section", "Researchfish sections", folder=True,
                 files="researchfish:files"),
    ExportFormat("iati", "IATI 2.03 results XML", "IATI results", files="iati:files", notes="iati:notes"),
    ExportFormat("parquet", "one typed file per table, for `impactctl portfolio`; needs impactctl[portfolio]",
                 "Parquet", folder=True, write="parquet:write", requires="parquet:require"),
)

NAMES = tables.names(FORMATS)


def get(name: str) -> ExportFormat:
    """The format called `name`, or a UsageError listing them."""
    return tables.find(FORMATS, name, "--format")


"""The machine-readable report: a stable, documented JSON document (see docs/output.md)."""

from __future__ import annotations

import json

from impactctl.problems import CheckResult

SCHEMA_VERSION = 1


def render(result: CheckResult, color: bool = False) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "ledger": result.ledger,
        "summary": {
            "records": result.records,
            "files": result.files_checked,
            "errors": result.errors,
            "warnings": result.warnings,
        },
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "code": p.code,
                "severity": p.severity.value,
                "message": p.message,
                "hint": p.hint,
            }
            for p in result.problems
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

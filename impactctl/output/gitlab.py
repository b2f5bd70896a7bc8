"""GitLab Code Quality report (JSON), with fingerprints that survive lines moving."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from impactctl.problems import CheckResult, Severity

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def render(result: CheckResult, color: bool = False) -> str:
    seen: Counter[str] = Counter()
    issues = []
    for p in result.problems:
        # The fingerprint leaves the line number out, so a problem keeps its identity when lines above it change.
        basis = "\0".join((p.path, p.code, p.message, p.excerpt.strip()))
        seen[basis] += 1
        fingerprint = hashlib.sha256(f"{basis}\0{seen[basis]}".encode()).hexdigest()
        issues.append({
            "description": p.message + (f" (fix: {p.hint})" if p.hint else ""),
            "check_name": p.code,
            "fingerprint": fingerprint,
            "severity": _SEVERITY.get(p.severity, "info"),
            "location": {"path": p.path, "lines": {"begin": max(p.line, 1)}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"

"""JUnit XML: one test case per problem (or one passing case), for CI test-report views."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from impactctl.problems import CheckResult, Severity


def render(result: CheckResult, color: bool = False) -> str:
    failures = [p for p in result.problems if p.severity is Severity.ERROR]
    suite = ET.Element("testsuite", name="impactctl validate", tests=str(max(len(result.problems), 1)),
                       failures=str(len(failures)), errors="0",
                       skipped=str(len(result.problems) - len(failures)))
    for p in result.problems:
        path, location, message = _xml(p.path), _xml(p.location), _xml(p.message)
        case = ET.SubElement(suite, "testcase", classname=path, name=f"{location} {p.code}", file=path)
        body = f"{location}: {message}" + (f"\nfix: {_xml(p.hint)}" if p.hint else "")
        if p.severity is Severity.ERROR:
            ET.SubElement(case, "failure", message=message, type=p.code).text = body
        else:
            ET.SubElement(case, "skipped", message=f"warning: {message}").text = body
    if not result.problems:
        ET.SubElement(suite, "testcase", classname=result.ledger, name="ledger is valid")
    suites = ET.Element("testsuites")
    suites.append(suite)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


# Characters XML 1.0 cannot hold at all (a file name or key written with YAML escapes can carry them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)

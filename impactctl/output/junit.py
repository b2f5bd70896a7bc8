"""JUnit XML: one test case per problem (or one passing case), for CI test-report views."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from impactctl.problems import CheckResult, Severity


def render(result: CheckResult, color: bool = False) -> str:
    failures = [p for p in result.problems if p.severity is Severity.ERROR]
    suite = ET.Element("testsuite", name="impactctl validate", tests=str(max(len(result.problems), 1)),
                       failures=str(len(failures)), errors="0",
                       skipped=str(len(result.problems) - len(failures)))
    for p in result.problems:
        case = ET.SubElement(suite, "testcase", classname=p.path, name=f"{p.location} {p.code}", file=p.path)
        body = f"{p.location}: {p.message}" + (f"\nfix: {p.hint}" if p.hint else "")
        if p.severity is Severity.ERROR:
            ET.SubElement(case, "failure", message=p.message, type=p.code).text = body
        else:
            ET.SubElement(case, "skipped", message=f"warning: {p.message}").text = body
    if not result.problems:
        ET.SubElement(suite, "testcase", classname=result.ledger, name="ledger is valid")
    suites = ET.Element("testsuites")
    suites.append(suite)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"

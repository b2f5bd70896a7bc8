"""Coverage-guided fuzzing (atheris) of the loader: any bytes in a ledger file give problems, never an exception.

Run: python fuzz/fuzz_loader.py -runs=20000 -seed=1 fuzz/corpus   (a crash is written as crash-*; keep it
in fuzz/regressions/, where tests/test_fuzz_regressions.py replays it on every test run)
"""

import sys

import atheris

with atheris.instrument_imports(include=["impactctl"]):
    from impactctl.source.loader import check_file_bytes


def test_one_input(data: bytes) -> None:
    for kind in ("outcomes", "activities", "stakeholders", "evidence"):
        record, problems = check_file_bytes(f"{kind}/x.yaml", kind, data)
        assert record is not None or problems, "an unreadable file must say why"


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

"""impactctl: a command-line impact ledger over plain YAML files."""

__version__ = "0.1.0"

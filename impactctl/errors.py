"""Exceptions for conditions that are not mistakes in ledger data (those are Problems)."""


class ImpactctlError(Exception):
    """Base class: the CLI turns these into a message and exit code 2."""


class LedgerNotFound(ImpactctlError):
    """No ledger folder where the user pointed, or anywhere impactctl looked."""


class UsageError(ImpactctlError):
    """A command was given options that cannot work together."""


class TemplateFailed(ImpactctlError):
    """A report template could not be found or rendered (sandbox, time or size limit); nothing is written."""

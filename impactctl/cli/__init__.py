"""The command line: the only user of typer; commands parse options, call the API, print and exit."""

from impactctl.cli import authoring as _authoring  # noqa: F401  (registers its commands)
from impactctl.cli.app import app


def main() -> None:
    """Entry point of the `impactctl` command."""
    app()


__all__ = ["app", "main"]

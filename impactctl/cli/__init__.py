"""The command line: the only user of typer; commands parse options, call the API, print and exit."""

from impactctl.cli.app import app


def main() -> None:
    """Entry point of the `impactctl` command."""
    app()


__all__ = ["app", "main"]

"""Lets `python -m impactctl` run the command line."""

from impactctl.cli import main

main()

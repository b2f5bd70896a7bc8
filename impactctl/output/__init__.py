"""Reporters over one CheckResult (text, json, github, gitlab, junit); the table of them is reporters.py."""

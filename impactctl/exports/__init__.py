"""Exports: pure functions from a loaded Ledger to the text, rows and bytes other systems read (no I/O)."""

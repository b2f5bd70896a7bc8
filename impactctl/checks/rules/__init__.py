"""One module per ledger rule; the list in impactctl.checks registers them."""

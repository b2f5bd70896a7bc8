"""Reading and writing ledger files: the only user of YAML parsers and of the ledger's file system."""

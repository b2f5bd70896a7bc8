"""The size limits every ledger file is held to, so hostile input cannot exhaust the machine."""

# A record is a few KB; anything past this is a mistake or an attack.
MAX_FILE_BYTES = 1_000_000
# Nesting deeper than this is never a record (ledger records nest four levels).
MAX_DEPTH = 64
# Nodes built from one file, counting every alias expansion: stops "billion laughs".
MAX_NODES = 100_000
# Problems listed for one file; past this a note says there are more (a hostile file can have 100,000).
MAX_PROBLEMS_PER_FILE = 100

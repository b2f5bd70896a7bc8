"""The worker processes that parse a large ledger's record files on every core."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from impactctl.source.recordfile import FileResult, Item


class ParsePool:
    """Parses record files: here, one after another, or, when there are many, in worker processes on every
    core (at most 8), yielding results in small chunks as they come so that memory stays flat.

    `start_method` None takes the platform's default (fork on Linux; spawn on macOS and Windows). A worker
    started by spawn imports this package afresh and inherits nothing, so all it gets is parse_chunk's
    arguments: the folder and a chunk of items (a file not read yet goes as its path; the worker reads it).
    """

    threshold = 2_000  # below this many files to parse, starting worker processes costs more than it saves
    start_method: str | None = None
    chunk = 500  # files per message to and from a worker

    def __init__(self, root: Path) -> None:
        self.root = root

    def parse(self, items: list[Item]) -> Iterator[FileResult]:
        """Every item's result, in the order of `items`."""
        # Imported here: the reader makes a pool before it knows whether the cache answers without parsing.
        from impactctl.source.recordfile import from_done, parse_chunk, parse_item

        workers = min(os.cpu_count() or 1, 8)
        if len(items) < self.threshold or workers < 2:
            for item in items:
                yield parse_item(self.root, item)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        size = self.chunk
        chunks = [items[start:start + size] for start in range(0, len(items), size)]
        context = multiprocessing.get_context(self.start_method)
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for done in pool.map(parse_chunk, [self.root] * len(chunks), chunks):
                for item in done:
                    yield from_done(*item)

"""Extraction in N worker processes on this machine (``factwire ingest --workers N``).

Each worker process loads the spaCy pipeline once, when it starts, then extracts the chunks
of articles it is sent; the parent reads the input, sends at most ``2 * N`` chunks ahead and
stores the facts that come back. Processes are forked where the platform allows it (the
parent has already imported factwire), so a worker starts in the time the model takes to load.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from factwire.batch import BatchError, extract_chunk
from factwire.errors import FactwireError
from factwire.model import Article, ArticleFacts
from factwire.options import ExtractOptions

# Seconds a worker waits for the others to load their pipeline before giving up.
LOAD_TIMEOUT = 600


def _start_method() -> str:
    # fork: the child already has factwire imported, and ``python -m factwire`` is not
    # re-run in it as it would be under spawn.
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _load_pipeline(loaded) -> None:
    """Worker initializer: load the pipeline once, then wait until every worker has."""
    from factwire.nlp import load

    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    load()
    loaded.wait(LOAD_TIMEOUT)


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent is gone (killed with SIGKILL, it cannot say so)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _ready() -> bool:
    return True


class WorkerPool:
    """N worker processes, each with its own pipeline; chunks go to whichever is free."""

    def __init__(self, workers: int, options: ExtractOptions | None = None):
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        context = multiprocessing.get_context(_start_method())
        self.workers = workers
        self.options = options
        self._pool = ProcessPoolExecutor(workers, mp_context=context,
                                         initializer=_load_pipeline,
                                         initargs=(context.Barrier(workers),))

    def warm_up(self) -> None:
        """Wait until every worker has loaded its pipeline (for timing runs)."""
        for future in [self._pool.submit(_ready) for _ in range(self.workers)]:
            self._result(future)

    def extract(self, chunks: Iterable[list[Article]]
                ) -> Iterator[list[ArticleFacts | FactwireError]]:
        """Outcomes chunk by chunk, as workers finish them; at most 2N chunks in flight."""
        pending: set[Future] = set()
        for chunk in chunks:
            pending.add(self._pool.submit(extract_chunk, chunk, self.options))
            if len(pending) >= 2 * self.workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (self._result(future) for future in done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (self._result(future) for future in done)

    def _result(self, future: Future):
        try:
            return future.result()
        except BrokenProcessPool as error:
            raise BatchError("a worker process died (out of memory, or killed); articles "
                             "stored so far are kept: run the command again to resume"
                             ) from error

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

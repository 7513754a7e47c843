"""Extraction in N worker processes on this machine (``factwire ingest --workers N``).

The parent reads the input, sends at most ``2 * N`` chunks ahead and stores the facts that
come back; each worker process loads the spaCy pipeline once, in its initializer, and then
extracts the chunks it is sent.

Workers are never forked from the parent: it may be running threads (tqdm's monitor, a Dask
client, a web server or test client in the same program), and a child forked while another
thread holds a lock (logging's, an import lock, a queue's) waits on it forever. They are
forked from multiprocessing's fork server instead: a fresh, single-threaded interpreter that
imports factwire, spaCy and the component modules once, so that each worker only has to load
the model. Where there is no fork server (Windows), the workers are spawned.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection

from factwire.batch import BatchError, Work, extract_chunk
from factwire.model import Article
from factwire.nlp import COMPONENTS
from factwire.options import ExtractOptions

# Seconds a worker waits for the others to load their pipeline before giving up.
LOAD_TIMEOUT = 600
# Imported once by the fork server, so that workers forked from it start with them: the
# program's main module (as multiprocessing does by default), this module, the pipeline's and
# the store's rows (an ingest's workers prepare them: factwire.batch.prepare_chunk).
PRELOAD = ["__main__", __name__, *(module for _, module in COMPONENTS),
           "factwire.store.linking"]


def worker_context() -> multiprocessing.context.BaseContext:
    """The multiprocessing context workers are started with: a fork server where there is one."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)  # no effect once this process's server runs
    return context


def _start_worker(owner: Connection, loaded, setup: Callable[[], None] | None) -> None:
    """Worker initializer: watch the owner, load the pipeline, wait until every worker has."""
    from factwire.pipeline import warm_up

    threading.Thread(target=_exit_with_owner, args=(owner,), daemon=True).start()
    warm_up()  # the pipeline and every table its components load on first use
    if setup is not None:
        setup()
    loaded.wait(LOAD_TIMEOUT)


def _exit_with_owner(owner: Connection) -> None:
    """End this worker when the process that owns the pool is gone (killed with SIGKILL, it
    cannot say so): only the owner holds the other end of ``owner``, which then reads EOF.

    Not the parent: that is the fork server, which lives as long as any of its children.
    """
    try:
        owner.recv()
    except (EOFError, OSError):
        pass  # the owner is gone: the end of this worker is the point
    os._exit(1)


def _ready() -> int:
    return os.getpid()


class WorkerPool:
    """N worker processes, each with its own pipeline; chunks go to whichever is free.

    ``setup``: a module-level function each worker runs once after loading its pipeline
    (to configure logging, say); it is sent to the workers by name.
    """

    def __init__(self, workers: int, options: ExtractOptions | None = None,
                 setup: Callable[[], None] | None = None):
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        context = worker_context()
        self.workers = workers
        self.options = options
        watched, self._owner = context.Pipe(duplex=False)
        self._pool = ProcessPoolExecutor(workers, mp_context=context,
                                         initializer=_start_worker,
                                         initargs=(watched, context.Barrier(workers), setup))
        # The executor starts a process per task while none is idle, and no worker is idle
        # before all have passed the barrier: one task each starts all N now, loading in
        # parallel while the parent reads its input.
        self._started = [self._pool.submit(_ready) for _ in range(workers)]
        watched.close()  # the workers have their copies; the owner keeps only its end

    def warm_up(self) -> None:
        """Wait until every worker has loaded its pipeline (for timing runs)."""
        for future in self._started:
            self._result(future)

    def extract(self, chunks: Iterable[list[Article]], work: Work = extract_chunk
                ) -> Iterator[list]:
        """Outcomes chunk by chunk (of ``work``, a module-level function), as workers finish
        them; at most 2N chunks in flight."""
        pending: set[Future] = set()
        for chunk in chunks:
            pending.add(self._pool.submit(work, chunk, self.options))
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
        self._owner.close()

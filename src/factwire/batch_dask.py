"""Extraction on a Dask distributed cluster (``factwire ingest --dask ADDRESS``).

``ADDRESS`` is a scheduler address (``tcp://10.0.0.5:8786``) or ``local:N``, a LocalCluster
of N worker processes on this machine, one thread each. Each worker process loads the spaCy
pipeline once (``factwire.nlp.load`` is cached per process) and keeps it for every chunk it is
given. The client reads the input, keeps a bounded number of chunks in flight (two per worker
thread), and stores the facts as they come back: it is the one writer of the store. Workers
need factwire installed in the same version as the client; they never touch the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from factwire.batch import BatchError, Work, extract_chunk
from factwire.model import Article
from factwire.options import ExtractOptions

LOCAL = re.compile(r"local:(\d+)")
# Seconds to wait for a scheduler, and for workers to join it.
CONNECT_TIMEOUT = 60
# A LocalCluster's scheduler and nannies run in this process, beside the store writer, and
# each worker samples its own stack for the dashboard's profile (every 10 ms) and its
# memory (every 100 ms): a cluster without a dashboard needs none of it so often. Together
# they cost ~5-10% of the CPU of an ingest (benchmarks/throughput.py).
QUIET_LOCAL_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def _import_distributed():
    try:
        import distributed
    except ImportError as error:
        raise BatchError("--dask needs Dask distributed: pip install 'dask[distributed]'"
                         ) from error
    return distributed


def _local_cluster(workers: int):
    """A LocalCluster of ``workers`` processes, one thread each."""
    import dask
    import distributed

    # Dask has workers return freed memory to the OS at every 64 kB (MALLOC_TRIM_THRESHOLD_);
    # spaCy allocates and frees a lot, and the trimming costs ~10% of a worker's CPU
    # (benchmarks/throughput.py). Memory stays bounded without it: chunks are small.
    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ,
                          **QUIET_LOCAL_CLUSTER}):
        return distributed.LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                                        dashboard_address=None)


def _load_pipeline() -> str:
    from factwire.pipeline import warm_up

    return ",".join(warm_up().pipe_names)


class DaskEngine:
    """Chunks of articles extracted on a Dask cluster, results gathered by this client."""

    def __init__(self, address: str, options: ExtractOptions | None = None):
        distributed = _import_distributed()
        self.options = options
        self._cluster = None
        local = LOCAL.fullmatch(address)
        try:
            if local:
                self._cluster = _local_cluster(max(1, int(local.group(1))))
                self._client = distributed.Client(self._cluster)
            else:
                self._client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            self.close()
            raise BatchError(f"{address}: cannot reach the Dask scheduler ({error}); start "
                             "it with `dask scheduler` or use --dask local:N") from error
        self._distributed = distributed

    def slots(self) -> int:
        """Worker threads in the cluster now (at least 1, so that work can be queued)."""
        workers = self._client.scheduler_info()["workers"].values()
        return max(1, sum(worker.get("nthreads", 1) for worker in workers))

    def warm_up(self) -> None:
        """Have every worker load its pipeline now (for timing runs)."""
        self._client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        addresses = list(self._client.scheduler_info()["workers"])
        futures = [self._client.submit(_load_pipeline, workers=[address], pure=False,
                                       allow_other_workers=False) for address in addresses]
        self._client.gather(futures)

    def extract(self, chunks: Iterable[list[Article]], work: Work = extract_chunk
                ) -> Iterator[list]:
        """Outcomes chunk by chunk (of ``work``, a module-level function), as workers finish
        them; two chunks per thread in flight."""
        self._client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        running = self._distributed.as_completed()
        limit = 2 * self.slots()
        for sent, chunk in enumerate(chunks, start=1):
            running.add(self._client.submit(work, chunk, self.options, pure=False))
            if sent % 32 == 0:
                limit = 2 * self.slots()  # workers may have joined or left
            if running.count() >= limit:
                yield self._take(next(running))
        for future in running:
            yield self._take(future)

    def _take(self, future) -> list:
        try:
            return future.result()
        except (self._distributed.comm.CommClosedError, self._distributed.KilledWorker) as error:
            raise BatchError(f"the Dask cluster failed ({type(error).__name__}: {error}); "
                             "articles stored so far are kept: run the command again to "
                             "resume") from error
        finally:
            future.release()

    def close(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()

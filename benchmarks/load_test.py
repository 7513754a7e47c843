"""A bounded load test of ``factwire serve`` on loopback: 1, 10 and 50 concurrent clients.

    python benchmarks/load_test.py --db /tmp/reuters.db [--requests 1000] [--time-limit 60]
                                   [--clients 1 10 50] [--workers 2] [--unique]
                                   [--url http://127.0.0.1:PORT]

Without ``--url`` the script copies ``--db`` (a store, e.g. the Reuters-21578 one made by
``benchmarks/store_reuters.py --db /tmp/reuters.db``) to a temporary folder, starts
``factwire serve --workers N`` on it on 127.0.0.1 and a free port, waits until every worker
has finished its start-up warm-up, and stops it at the end. With ``--url`` it loads a server
already running, which must be on a loopback address.

For each number of clients, a fixed number of GET requests (``--requests``), spread evenly
over the list endpoints /api/events, /api/entities and /api/articles with varied page
offsets (45 different URLs, as a dashboard's users paging through lists would ask; with
``--unique`` every request asks a different page, so no response can come from the server's
cache), is shared among the clients, each with its own keep-alive connection; a level stops
early at ``--time-limit`` seconds. Printed per level: requests/s, p50 and p99 latency (ms) and
errors (non-2xx answers, timeouts, dropped connections), overall and per endpoint; the
machine's load average; and (with ``--db``) the server's CPU time per request.
Target at 50 clients: zero errors, p99 under 500 ms.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ENDPOINTS = ("/api/events", "/api/entities", "/api/articles")
PAGE_SIZES = (10, 20, 50)
STARTUP_SECONDS = 300
# what each server process logs once its start-up work is over (done, or failed)
WARMED = ("warm-up done", "warming the dashboard failed")
REQUEST_TIMEOUT = 30.0


@dataclass
class Level:
    """What one level of concurrency measured."""

    clients: int
    seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    first_errors: list[str] = field(default_factory=list)

    def record(self, endpoint: str, latency: float | None, error: str | None) -> None:
        if latency is not None:
            self.latencies.setdefault(endpoint, []).append(latency)
        if error is not None:
            self.errors[endpoint] = self.errors.get(endpoint, 0) + 1
            if len(self.first_errors) < 5:
                self.first_errors.append(f"{endpoint}: {error}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def plan(requests: int, unique: bool = False, level: int = 0) -> list[str]:
    """The request paths of one level: endpoints in turn, page sizes and offsets varied
    (``unique``: no page of an endpoint asked twice, in this level or an earlier one)."""
    paths = []
    per_endpoint = -(-requests // len(ENDPOINTS))
    for number in range(requests):
        endpoint = ENDPOINTS[number % len(ENDPOINTS)]
        limit = PAGE_SIZES[(number // len(ENDPOINTS)) % len(PAGE_SIZES)]
        offset = ((number // len(ENDPOINTS) + level * per_endpoint) if unique
                  else (number * 7) % 5 * limit)
        paths.append(f"{endpoint}?limit={limit}&offset={offset}")
    return paths


def client(host: str, port: int, paths: list[str], lock: threading.Lock, deadline: float,
           level: Level) -> None:
    """One client: take the next path, GET it on a keep-alive connection, record the outcome."""
    connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT)
    while time.monotonic() < deadline:
        with lock:
            if not paths:
                break
            path = paths.pop()
        endpoint = path.split("?")[0]
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept": "application/json"})
            response = connection.getresponse()
            response.read()
            latency = time.perf_counter() - started
            error = None if 200 <= response.status < 300 else f"HTTP {response.status}"
            level.record(endpoint, latency, error)
        except (OSError, http.client.HTTPException) as failure:
            level.record(endpoint, None, f"{type(failure).__name__}: {failure}")
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT)
    connection.close()


def run_level(host: str, port: int, clients: int, requests: int, time_limit: float,
              unique: bool = False, number: int = 0) -> Level:
    level = Level(clients)
    paths = plan(requests, unique, number)[::-1]
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + time_limit
    threads = [threading.Thread(target=client, args=(host, port, paths, lock, deadline, level))
               for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    level.seconds = time.monotonic() - started
    return level


def report(level: Level, requests: int) -> None:
    every = [v for values in level.latencies.values() for v in values]
    done = len(every) + sum(level.errors.values())
    rate = len(every) / level.seconds if level.seconds else 0.0
    print(f"{level.clients:>3} clients: {done}/{requests} requests in {level.seconds:.1f} s, "
          f"{rate:.1f} req/s, p50 {1000 * percentile(every, 0.5):.0f} ms, "
          f"p99 {1000 * percentile(every, 0.99):.0f} ms, errors {sum(level.errors.values())}"
          + ("" if done == requests else "  (stopped at the time limit)"))
    for endpoint in ENDPOINTS:
        values = level.latencies.get(endpoint, [])
        print(f"      {endpoint:<14} n={len(values):<5} "
              f"mean {1000 * statistics.fmean(values) if values else float('nan'):.0f} ms, "
              f"p50 {1000 * percentile(values, 0.5):.0f} ms, "
              f"p99 {1000 * percentile(values, 0.99):.0f} ms, "
              f"errors {level.errors.get(endpoint, 0)}")
    for message in level.first_errors:
        print(f"      e.g. {message}")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by process ``pid`` and its live descendants,
    from /proc (Linux): a cost per request that, unlike latency, other load hardly skews."""
    proc = Path("/proc") / str(pid)
    try:
        fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        children = (proc / "task" / str(pid) / "children").read_text().split()
    except OSError:
        return 0.0  # the process has ended
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) for child in children)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, workdir: Path, workers: int = 1
                 ) -> tuple[subprocess.Popen, int, Path]:
    """``factwire serve`` on a copy of ``db``, on 127.0.0.1; returns once every worker has
    warmed up (or, with a server that does not log its warm-up, once it answers)."""
    copy = workdir / db.name
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as source, \
            sqlite3.connect(copy) as target:
        source.backup(target)  # a consistent snapshot, even while another process writes
    port = free_port()
    log = workdir / "serve.log"
    env = {key: value for key, value in os.environ.items() if key != "FACTWIRE_TOKEN"}
    process = subprocess.Popen(
        [sys.executable, "-m", "factwire", "serve", "--db", str(copy), "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers)], stdout=log.open("w"),
        stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"factwire serve exited with code {process.returncode}:\n"
                     + log.read_text()[-2000:])
        logged = log.read_text()
        if sum(logged.count(line) for line in WARMED) >= workers and answers(port):
            return process, port, log
        time.sleep(0.5)
    process.kill()
    sys.exit(f"factwire serve did not answer within {STARTUP_SECONDS} s")


def answers(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/api/articles?limit=1")
        return connection.getresponse().status == 200
    except OSError:
        return False


def loopback(url: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    try:
        is_loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        is_loopback = False
    if not is_loopback:
        sys.exit(f"{url}: the load test only runs against a loopback address (127.0.0.1)")
    return host, parts.port or 80


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="the store to serve (copied first)")
    parser.add_argument("--url", help="a running server on loopback, instead of --db")
    parser.add_argument("--server-pid", type=int,
                        help="with --url: the server's process id, to report its CPU time")
    parser.add_argument("--requests", type=int, default=1000, help="requests per level")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per level")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--workers", type=int, default=1, help="server processes (with --db)")
    parser.add_argument("--unique", action="store_true",
                        help="every request a different page (nothing served from a cache)")
    args = parser.parse_args()
    if args.url:
        host, port = loopback(args.url)
        process = None
    else:
        if args.db is None or not args.db.exists():
            sys.exit(f"{args.db}: no such store; make one with "
                     "`python benchmarks/store_reuters.py --db /tmp/reuters.db` and pass it "
                     "with --db (or pass --url of a running server)")
        workdir = Path(tempfile.mkdtemp(prefix="factwire-load-"))
        process, port, _ = start_server(args.db, workdir, args.workers)
        host = "127.0.0.1"
    try:
        print(f"load test of http://{host}:{port}: {args.requests} requests per level over "
              f"{', '.join(ENDPOINTS)}{' (each page once)' if args.unique else ''}; "
              + ("" if args.url else f"{args.workers} worker(s); ")
              + f"time limit {args.time_limit:.0f} s per level; "
              f"load average {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
        for number, clients in enumerate(args.clients):
            pid = process.pid if process else args.server_pid
            used = cpu_seconds(pid) if pid else None
            level = run_level(host, port, clients, args.requests, args.time_limit,
                              args.unique, number)
            report(level, args.requests)
            served = sum(len(v) for v in level.latencies.values())
            cpu = (f"; server CPU {1000 * (cpu_seconds(pid) - used) / served:.2f} ms "
                   "per request" if pid and served else "")
            print(f"      load average {' '.join(f'{v:.1f}' for v in os.getloadavg())}{cpu}")
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

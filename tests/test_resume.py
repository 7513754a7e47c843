"""An ingest killed with SIGKILL halfway and run again stores every article exactly once."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from factwire.batch import ingest_paths
from factwire.cli import cli
from factwire.store import Store

ARTICLES = 60
KILL_AFTER = 10  # articles stored before the first run is killed
STARTUP_SECONDS = 120  # generous: the model loads in the subprocess on a busy machine

PLACES = ["Paris", "Nairobi", "Lima", "Hanoi", "Oslo", "Quito", "Accra", "Manila"]


def write_corpus(path: Path) -> None:
    """A JSON Lines file of short, distinct articles."""
    with path.open("w", encoding="utf-8") as out:
        for number in range(ARTICLES):
            text = (f"Police in {PLACES[number % len(PLACES)]} arrested {number + 2} "
                    f"protesters on Tuesday, officials said in report {number}.")
            out.write(json.dumps({"id": str(number), "text": text,
                                  "published": "2025-04-02"}) + "\n")


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0


def ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "factwire", "ingest", str(corpus), "--db", str(db),
            "--no-progress"]


def kill_after_some_are_stored(corpus: Path, db: Path) -> int:
    """Start an ingest, SIGKILL it once KILL_AFTER articles are stored; return how many were."""
    process = subprocess.Popen(ingest_command(corpus, db), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while stored_count(db) < KILL_AFTER:
            assert process.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() < deadline, "the ingest stored nothing in time"
            time.sleep(0.02)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    return stored_count(db)


def fact_rows(db: Path) -> dict[str, list]:
    """Every article's facts as stored, and the fact rows per article in each table."""
    with sqlite3.connect(db) as connection:
        rows = {"articles": sorted(connection.execute("SELECT id, facts_json FROM articles"))}
        for table in ("entities", "mentions", "times", "quantities", "quotes", "events",
                      "event_args", "removed_spans"):
            rows[table] = sorted(connection.execute(
                f"SELECT article_id, count(*) FROM {table} GROUP BY article_id"))
    return rows


def test_an_ingest_killed_halfway_resumes_without_losing_or_doubling_articles(tmp_path, nlp):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    db = tmp_path / "killed.db"
    stored_before_kill = kill_after_some_are_stored(corpus, db)
    assert KILL_AFTER <= stored_before_kill < ARTICLES

    rerun = CliRunner().invoke(cli, ingest_command(corpus, db)[3:])  # in-process: model loaded
    assert rerun.exit_code == 0, rerun.output
    assert rerun.stderr.strip().splitlines()[-1] == (
        f"{ARTICLES - stored_before_kill} stored, {stored_before_kill} already present, "
        "0 failed")

    with Store(tmp_path / "clean.db") as store:  # the same corpus, never interrupted
        clean = ingest_paths([str(corpus)], store, progress=False, nlp=nlp)
    assert clean.stored == ARTICLES
    assert fact_rows(db) == fact_rows(tmp_path / "clean.db")


def child_pids(parent: int) -> list[int]:
    """The processes whose parent is ``parent`` (from /proc: Linux)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def worker_pids(ingest: int) -> tuple[list[int], list[int]]:
    """(the ingest's worker processes, all its descendants). Workers are forked by a fork
    server, a child of the ingest (beside multiprocessing's resource tracker)."""
    children = child_pids(ingest)
    workers = [pid for child in children for pid in child_pids(child)]
    return workers, children + workers


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:120]
    except OSError:
        return f"{pid} (ended)"


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_worker_processes_end_when_their_ingest_is_killed(tmp_path):
    """The workers, the fork server that started them and the resource tracker all end."""
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    process = subprocess.Popen([*ingest_command(corpus, tmp_path / "f.db"), "--workers", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while len(worker_pids(process.pid)[0]) < 2:
            assert process.poll() is None, "the ingest ended before its workers started"
            assert time.monotonic() < deadline, "the workers did not start in time"
            time.sleep(0.05)
        time.sleep(0.5)  # each worker starts watching its owner before it loads the model
        workers, descendants = worker_pids(process.pid)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in descendants) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(workers) == 2
    assert not [command_line(pid) for pid in descendants if alive(pid)]

"""Faults around the store: a locked database, a full disk, two writers, serving meanwhile.

An ingest killed with SIGKILL and run again (nothing lost, nothing duplicated) is tested in
tests/test_resume.py; it is not repeated here.

SQLite waits ``busy_timeout`` (30 s in ``factwire.store.engine.SQLITE_PRAGMAS``) for another
writer; these tests shorten it to one second so they stay fast. A full disk is simulated with
SQLite's ``max_page_count``, which makes the next write that needs a page fail with
"database or disk is full", as a full disk does.
"""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import factwire.store.engine as store_engine
from factwire import extract
from factwire.batch import ingest_paths
from factwire.cli import cli
from factwire.errors import StoreError
from factwire.store import Store

BUSY_MS = 1000
TABLES = ("articles", "entities", "mentions", "times", "quantities", "quotes", "events")
PLACES = ["Paris", "Nairobi", "Lima", "Hanoi", "Oslo", "Quito", "Accra", "Manila"]


@pytest.fixture
def short_busy_timeout(monkeypatch):
    pragmas = tuple(p.replace("busy_timeout=30000", f"busy_timeout={BUSY_MS}")
                    for p in store_engine.SQLITE_PRAGMAS)
    assert pragmas != store_engine.SQLITE_PRAGMAS, "the busy_timeout pragma changed"
    monkeypatch.setattr(store_engine, "SQLITE_PRAGMAS", pragmas)


@pytest.fixture(scope="module")
def small_facts():
    return extract("Police arrested 40 people in Lima on Monday, officials said.",
                   published="2025-04-02")


@pytest.fixture(scope="module")
def big_facts():
    text = " ".join(f"Floods hit {place} on Tuesday, killing {n + 3} people, officials said."
                    for n, place in enumerate(PLACES * 25))
    return extract(text, published="2025-04-02")


def write_corpus(path: Path, count: int, offset: int = 0, sentences: int = 1) -> None:
    """A JSON Lines file of ``count`` distinct articles (numbered from ``offset``)."""
    with path.open("w", encoding="utf-8") as out:
        for number in range(offset, offset + count):
            text = " ".join(f"Police in {PLACES[(number + n) % len(PLACES)]} arrested "
                            f"{number + n + 2} protesters on Tuesday, officials said in "
                            f"report {number}." for n in range(sentences))
            out.write(json.dumps({"id": str(number), "text": text,
                                  "published": "2025-04-02"}) + "\n")


def row_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        names = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in TABLES if table in names}


class WriteLock:
    """Another writer holding SQLite's write lock on ``db`` until released."""

    def __init__(self, db: Path):
        self.connection = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        self.connection.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.connection.execute("ROLLBACK")
        self.connection.close()


# --- the database locked by another writer ------------------------------------------------

def test_a_locked_database_waits_then_fails_with_a_clear_error(tmp_path, short_busy_timeout,
                                                               small_facts, big_facts):
    db = tmp_path / "locked.db"
    with Store(db) as store:
        store.add(small_facts)
    before = row_counts(db)
    lock = WriteLock(db)
    try:
        with Store(db) as store:
            started = time.monotonic()
            with pytest.raises(StoreError) as caught:
                store.add(big_facts)
            waited = time.monotonic() - started
    finally:
        lock.release()
    assert waited >= 0.9 * BUSY_MS / 1000
    assert str(caught.value) == (f"{db}: could not write article {big_facts.article.id[:12]} "
                                 "(database is locked); nothing was written")
    assert row_counts(db) == before


def test_a_lock_released_within_the_wait_lets_the_write_through(tmp_path, short_busy_timeout,
                                                                small_facts):
    db = tmp_path / "briefly-locked.db"
    Store(db).close()
    lock = WriteLock(db)
    threading.Timer(0.3, lock.release).start()
    with Store(db) as store:
        assert store.add(small_facts) is True
        assert store.has(small_facts.article.id)


def test_ingest_into_a_locked_database_names_each_article_and_exits_1(tmp_path,
                                                                      short_busy_timeout):
    corpus, db = tmp_path / "wire.jsonl", tmp_path / "locked.db"
    write_corpus(corpus, 2)
    Store(db).close()
    lock = WriteLock(db)
    try:
        result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(db),
                                          "--no-progress"])
    finally:
        lock.release()
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "0 stored, 0 already present, 2 failed"
    assert all(line.startswith(f"skipped {corpus}:{n}: {db}: could not write article ")
               and line.endswith("(database is locked); nothing was written")
               for n, line in enumerate(lines[:-1], start=1))
    assert row_counts(db)["articles"] == 0


# --- the disk full --------------------------------------------------------------------------

def fill_limit(monkeypatch, db: Path) -> None:
    """Let the database grow by no page: the next write needing one finds the disk full."""
    with sqlite3.connect(db) as connection:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    monkeypatch.setattr(store_engine, "SQLITE_PRAGMAS",
                        (*store_engine.SQLITE_PRAGMAS, f"PRAGMA max_page_count={pages}"))


def test_a_full_disk_gives_a_clear_error_and_no_half_written_article(tmp_path, monkeypatch,
                                                                     small_facts, big_facts):
    db = tmp_path / "full.db"
    with Store(db) as store:
        store.add(small_facts)
    before = row_counts(db)
    fill_limit(monkeypatch, db)
    with Store(db) as store:
        with pytest.raises(StoreError) as caught:
            store.add(big_facts)
        assert not store.has(big_facts.article.id)
        assert store.has(small_facts.article.id)
    assert str(caught.value) == (f"{db}: could not write article {big_facts.article.id[:12]} "
                                 "(database or disk is full); nothing was written")
    assert row_counts(db) == before


def test_after_the_disk_full_error_the_same_article_stores_once_there_is_room(
        tmp_path, monkeypatch, small_facts, big_facts):
    db = tmp_path / "full-then-room.db"
    with Store(db) as store:
        store.add(small_facts)
    pristine = store_engine.SQLITE_PRAGMAS
    fill_limit(monkeypatch, db)
    with Store(db) as store, pytest.raises(StoreError):
        store.add(big_facts)
    monkeypatch.setattr(store_engine, "SQLITE_PRAGMAS", pristine)
    with Store(db) as store:
        assert store.add(big_facts) is True
    assert row_counts(db)["articles"] == 2


def test_ingest_onto_a_full_disk_counts_the_failures_and_stores_nothing_partial(tmp_path,
                                                                             monkeypatch):
    corpus, db = tmp_path / "wire.jsonl", tmp_path / "full.db"
    write_corpus(corpus, 3, sentences=30)  # each needs new pages
    Store(db).close()
    before = row_counts(db)
    fill_limit(monkeypatch, db)
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "0 stored, 0 already present, 3 failed"
    assert all(line.endswith("(database or disk is full); nothing was written")
               for line in lines[:-1])
    assert row_counts(db) == before


# --- two ingest processes on one SQLite file at once -----------------------------------------

def _ingest_in_child(corpus: str, db: str, results) -> None:
    """Ingest ``corpus`` into ``db``; put (stored, present, failed, messages) on ``results``."""
    messages: list[str] = []
    try:
        with Store(db) as store:
            result = ingest_paths([corpus], store, progress=False, on_skip=messages.append)
    except Exception as error:  # noqa: BLE001 - the parent asserts on it
        results.put((0, 0, 0, [f"{type(error).__name__}: {error}"]))
        return
    results.put((result.stored, result.present, result.failed, messages))


@pytest.fixture
def forking():
    """Processes started from a fork server, not forked from this one: by now this process
    runs other threads (the TestClient's event loop, tqdm's monitor, Dask's), and a child
    forked while one of them holds a lock inside SQLite waits for it forever (seen here:
    the child stuck in sqlite3Malloc's mutex)."""
    return multiprocessing.get_context("forkserver")


@pytest.mark.parametrize("fresh", [True, False], ids=["new-file", "existing-file"])
def test_two_ingests_on_one_file_at_once_store_each_article_exactly_once(tmp_path, forking,
                                                                         fresh):
    first, second, db = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "shared.db"
    write_corpus(first, 30)             # articles 0-29
    write_corpus(second, 30, offset=15)  # articles 15-44: 15 in common
    if not fresh:
        Store(db).close()
    results = forking.Queue()
    processes = [forking.Process(target=_ingest_in_child, args=(str(c), str(db), results))
                 for c in (first, second)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    assert [messages for *_, messages in outcomes] == [[], []]
    assert sum(stored for stored, *_ in outcomes) == 45
    assert sum(present for _, present, *_ in outcomes) == 15
    with sqlite3.connect(db) as connection:
        ids = [row[0] for row in connection.execute("SELECT source_id FROM articles")]
    assert sorted(ids, key=int) == [str(n) for n in range(45)]


# --- serving while ingesting -----------------------------------------------------------------

def test_the_api_answers_while_another_process_ingests(tmp_path, forking):
    from fastapi.testclient import TestClient

    from factwire.web.app import create_app

    corpus, db = tmp_path / "wire.jsonl", tmp_path / "served.db"
    write_corpus(corpus, 60)
    Store(db).close()
    results = forking.Queue()
    writer = forking.Process(target=_ingest_in_child, args=(str(corpus), str(db), results))
    statuses: list[int] = []
    with TestClient(create_app(str(db))) as client:
        writer.start()
        while writer.is_alive() and len(statuses) < 400:
            for path in ("/api/articles", "/api/events", "/api/entities"):
                statuses.append(client.get(path).status_code)
        stored, present, failed, messages = results.get(timeout=120)
        writer.join(timeout=30)
        final = client.get("/api/articles", params={"limit": 5})
    assert (stored, present, failed, messages) == (60, 0, 0, [])
    assert statuses and set(statuses) == {200}
    assert final.status_code == 200
    assert row_counts(db)["articles"] == 60


def _open_when_released(db: str, barrier, results) -> None:
    barrier.wait()
    try:
        Store(db).close()
    except Exception as error:  # noqa: BLE001 - the parent asserts on it
        results.put(f"{type(error).__name__}: {error}")
        return
    results.put(None)


def test_two_processes_creating_one_new_store_at_once_both_open_it(tmp_path, forking):
    # switching a new file to WAL fails at once ("database is locked", no busy wait) while
    # the other process creates it: before the retry, 21 of 60 such openings failed
    failures = []
    for round_ in range(20):
        db, barrier, results = tmp_path / f"new{round_}.db", forking.Barrier(2), forking.Queue()
        processes = [forking.Process(target=_open_when_released,
                                     args=(str(db), barrier, results)) for _ in range(2)]
        for process in processes:
            process.start()
        failures += [r for r in (results.get(timeout=120) for _ in processes) if r]
        for process in processes:
            process.join(timeout=30)
    assert failures == []

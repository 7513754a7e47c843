"""Batches through worker processes and Dask store exactly what one process stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factwire import batch
from factwire.batch import CHUNK_ITEMS, ingest_paths
from factwire.batch_workers import WorkerPool
from factwire.model import Article
from factwire.pipeline import make_article
from factwire.store import Store

ARTICLES = [
    "Floods hit northern Italy on Tuesday, forcing 2,000 people from their homes, "
    "the civil protection agency said.",
    'Thousands of workers marched in Paris on Monday. "We want fair wages," union leader '
    "Sophie Binet told reporters.",
    "Russia launched its spring conscription drive on Tuesday, aiming to call up 160,000 men.",
    "Kenya's central bank cut its main lending rate to 9.75 percent on Wednesday.",
    "Police in Nairobi arrested 12 protesters near parliament on Thursday.",
]


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Five good articles and one binary file in the middle of them."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number, text in enumerate(ARTICLES):
        (folder / f"{number}.txt").write_text(text + "\n", encoding="utf-8")
    (folder / "2_bad.txt").write_bytes(b"\x00\x01binary\xff" * 20)
    return folder


def stored_facts(db: Path) -> dict[str, str]:
    """article id -> its stored facts JSON, read straight from the SQLite file."""
    with sqlite3.connect(db) as connection:
        return dict(connection.execute("SELECT id, facts_json FROM articles"))


def ingest(corpus: Path, db: Path, **where) -> tuple[batch.IngestResult, list[str]]:
    skipped: list[str] = []
    with Store(db) as store:
        result = ingest_paths([str(corpus)], store, progress=False, on_skip=skipped.append,
                              **where)
    return result, skipped


def test_two_workers_store_the_same_facts_as_one_process(corpus, tmp_path, nlp):
    one, _ = ingest(corpus, tmp_path / "one.db", nlp=nlp)
    two, skipped = ingest(corpus, tmp_path / "two.db", workers=2)
    assert (two.stored, two.present, two.failed) == (5, 0, 1) == (one.stored, one.present,
                                                                  one.failed)
    assert stored_facts(tmp_path / "two.db") == stored_facts(tmp_path / "one.db")
    assert skipped == [f"{corpus / '2_bad.txt'}: binary data (NUL bytes), not text"]


def test_a_bad_file_is_reported_and_the_rest_is_stored(corpus, tmp_path, nlp):
    result, skipped = ingest(corpus, tmp_path / "f.db", nlp=nlp)
    assert (result.stored, result.failed) == (5, 1)
    assert result.errors == skipped == [f"{corpus / '2_bad.txt'}: binary data (NUL bytes), "
                                        "not text"]


def test_articles_already_stored_are_not_extracted_again(corpus, tmp_path, nlp):
    ingest(corpus, tmp_path / "f.db", nlp=nlp)
    again, _ = ingest(corpus, tmp_path / "f.db", workers=2)
    assert (again.stored, again.present, again.failed) == (0, 5, 1)


REAL_EXTRACT_ARTICLES = batch.pipeline.extract_articles


def _extract_with_a_bug(articles, **kwargs):
    for article in articles:
        if "Nairobi" in article.text:
            raise IndexError("a bug in a component")
        yield from REAL_EXTRACT_ARTICLES([article], **kwargs)


def install_a_bug() -> None:
    """Worker setup: the pipeline of this worker raises on the article about Nairobi."""
    batch.pipeline.extract_articles = _extract_with_a_bug


def test_a_crash_in_a_worker_fails_only_its_article(corpus, tmp_path):
    with Store(tmp_path / "f.db") as store:
        skipped: list[str] = []
        pool = WorkerPool(2, setup=install_a_bug)  # workers are not forked from here
        try:
            result = batch.ingest_items(batch.read_paths([str(corpus)]), store, pool,
                                        progress=False, on_skip=skipped.append)
        finally:
            pool.close()
    assert (result.stored, result.failed) == (4, 2)
    assert f"{corpus / '4.txt'}: extraction crashed (IndexError: a bug in a component); this " \
           "is a factwire bug, please report it with the article" in skipped


def test_workers_do_not_inherit_this_process_state(monkeypatch):
    """Workers start from a fresh interpreter (a fork server), not a fork of this process:
    a lock another thread holds here, or a patch made here, is not in them."""
    monkeypatch.setattr(batch.pipeline, "extract_articles", _extract_with_a_bug)
    pool = WorkerPool(1)
    try:
        outcomes = next(pool.extract([[make_article("Police in Nairobi arrested 12 people.")]]))
    finally:
        pool.close()
    assert isinstance(outcomes[0].article, Article)


def test_worker_pool_reads_at_most_two_chunks_per_worker_ahead(nlp):
    read = 0

    def chunks():
        nonlocal read
        for number in range(12):
            read += 1
            yield [make_article(f"Rain fell in Paris on day {number}.")]

    pool = WorkerPool(2)
    returned = 0
    try:
        for outcomes in pool.extract(chunks()):
            returned += 1
            assert read - returned < 2 * 2  # chunks out at a worker, besides this one
            assert isinstance(outcomes[0].article, Article)
    finally:
        pool.close()
    assert read == returned == 12


def test_ingest_reads_the_input_in_bounded_chunks(nlp):
    assert 16 <= CHUNK_ITEMS <= 256  # enough for nlp.pipe batches, little memory per chunk


def test_dask_local_cluster_stores_the_same_facts_as_one_process(corpus, tmp_path, nlp):
    pytest.importorskip("distributed")
    one, _ = ingest(corpus, tmp_path / "one.db", nlp=nlp)
    dask, skipped = ingest(corpus, tmp_path / "dask.db", dask="local:2")
    assert (dask.stored, dask.present, dask.failed) == (5, 0, 1)
    assert stored_facts(tmp_path / "dask.db") == stored_facts(tmp_path / "one.db")
    assert skipped == [f"{corpus / '2_bad.txt'}: binary data (NUL bytes), not text"]


def test_dask_and_workers_cannot_be_combined_on_the_command_line(corpus, tmp_path):
    from click.testing import CliRunner

    from factwire.cli import cli

    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "f.db"),
                                      "--workers", "2", "--dask", "local:2"])
    assert result.exit_code == 2
    assert "use either --workers or --dask, not both" in result.output

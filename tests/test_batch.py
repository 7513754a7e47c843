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
from factwire.store import Store, write

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


# --- the writer: a chunk in one transaction ----------------------------------------------

LINK_CORPUS = Path(__file__).parent / "data" / "corpus_link" / "articles.jsonl"
# what may differ between two stores of the same articles: when they were written
WRITTEN_AT = {("articles", "ingested_at"), ("factwire_schema_version", "applied_at")}


def every_table(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table (and of the search index), in the order they were written."""
    with sqlite3.connect(db) as connection:
        names = [row[0] for row in connection.execute(  # not the search index's own tables
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'article_search_%' ORDER BY name")]
        tables = {}
        for name in names:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info('{name}')")
                       if (name, row[1]) not in WRITTEN_AT]
            listed = ", ".join(f'"{column}"' for column in columns)
            tables[name] = connection.execute(
                f'SELECT {listed} FROM "{name}" ORDER BY rowid').fetchall()
    return tables


def test_a_chunk_stored_at_once_is_the_store_of_its_articles_added_one_by_one(tmp_path, nlp):
    """The corpus merges events, has a republished copy and contradicting figures: linking
    a chunk in one transaction writes every row, and every id, as article by article."""
    with Store(tmp_path / "chunk.db") as store:
        result = ingest_paths([str(LINK_CORPUS)], store, progress=False, nlp=nlp)
    assert (result.stored, result.failed) == (9, 0)
    articles = [item for item in batch.read_paths([str(LINK_CORPUS)])]
    with Store(tmp_path / "one_by_one.db") as store:
        assert all(store.add(facts) for facts in batch.extract_chunk(articles, nlp=nlp))
    chunk, one_by_one = every_table(tmp_path / "chunk.db"), every_table(tmp_path / "one_by_one.db")
    assert chunk["merged_events"] and chunk["contradictions"] and chunk["entity_aliases"]
    assert chunk == one_by_one


class InProcessAndMeanwhile:
    """The in-process engine; once the first chunk is taken (what is stored was checked),
    ``meanwhile`` (another writer, say) runs."""

    def __init__(self, nlp, meanwhile=lambda: None):
        self.nlp, self.meanwhile = nlp, meanwhile

    def extract(self, chunks, work=batch.extract_chunk):
        for number, chunk in enumerate(chunks):
            if number == 0:
                self.meanwhile()
            yield work(chunk, None, self.nlp)

    def close(self) -> None:
        pass


def test_an_article_another_writer_stored_meanwhile_is_present_and_the_rest_stored(
        tmp_path, nlp):
    articles = [make_article(text, "2025-04-02", source_path=f"{n}.txt")
                for n, text in enumerate(ARTICLES)]
    db = tmp_path / "f.db"

    def another_writer() -> None:  # stores article 2 after the ingest checked what is stored
        with Store(db) as other:
            other.add(batch.extract_chunk([articles[2]], nlp=nlp)[0])

    with Store(db) as store:
        result = batch.ingest_items(articles, store, InProcessAndMeanwhile(nlp, another_writer),
                                    progress=False)
        assert (result.stored, result.present, result.failed) == (4, 1, 0)
        assert sorted(store.article_ids()) == sorted(a.id for a in articles)


def test_when_a_chunk_cannot_be_stored_at_once_each_article_is_stored_alone(
        tmp_path, nlp, monkeypatch):
    """Another writer stores an article between the last check and the chunk's transaction:
    the transaction fails on it, and each article is then stored in its own."""
    articles = [make_article(text, "2025-04-02") for text in ARTICLES]
    db = tmp_path / "f.db"

    def another_writer() -> None:
        with Store(db) as other:
            other.add(batch.extract_chunk([articles[2]], nlp=nlp)[0])

    monkeypatch.setattr(write, "stored_ids", lambda connection, ids: set())  # checks miss it
    with Store(db) as store:
        result = batch.ingest_items(articles, store, InProcessAndMeanwhile(nlp, another_writer),
                                    progress=False)
        assert (result.stored, result.present, result.failed) == (4, 1, 0)
        assert store.count_articles() == 5
    monkeypatch.undo()
    chunk = tmp_path / "chunk.db"
    with Store(chunk) as store:
        batch.ingest_items(articles, store, InProcessAndMeanwhile(nlp), progress=False)
    # the same record, but for the order (the other writer stored article 2 first)
    assert sorted(row[1:] for row in every_table(db)["merged_events"]) == sorted(
        row[1:] for row in every_table(chunk)["merged_events"])


def test_the_same_article_twice_in_a_chunk_is_stored_once(tmp_path, nlp):
    articles = [make_article(text, "2025-04-02") for text in ARTICLES[:2]]
    with Store(tmp_path / "f.db") as store:
        result = batch.ingest_items([*articles, articles[0]], store, InProcessAndMeanwhile(nlp),
                                    progress=False)
        assert (result.stored, result.present, result.failed) == (2, 1, 0)
        assert store.count_articles() == 2

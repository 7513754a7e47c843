"""The store test suite (tests/test_store.py) against a real PostgreSQL server.

Runs when FACTWIRE_TEST_PG names a database the tests may wipe (``.ci/postgres.sh`` starts
one); otherwise every test here is skipped with that reason. The tests of SQLite-only
behaviour (WAL pragmas, a file that is not a database) stay in test_store.py.
"""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from factwire.store import SCHEMA_VERSION
from tests import test_store
from tests.store_backends import PG_SKIP, PG_URL, open_store, stores

pytestmark = pytest.mark.skipif(not PG_URL, reason=PG_SKIP)

PORTABLE = [
    "test_stored_facts_read_back_identical",
    "test_adding_the_same_article_again_changes_nothing",
    "test_every_fact_gets_a_row_with_its_offsets",
    "test_a_failure_midway_leaves_no_trace_of_the_article",
    "test_has_and_count_articles",
    "test_facts_of_an_unknown_article_raise_key_error",
    "test_events_carry_names_countries_time_and_sentence",
    "test_events_filtered_by_period_and_type",
    "test_country_filter_matches_actor_recipient_or_location",
    "test_quantities_resolve_subject_source_and_time",
    "test_quotes_resolve_their_speaker",
    "test_quotes_by_speaker_name_ignore_case",
    "test_full_text_search_finds_articles_by_words",
    "test_event_rows_keep_trigger_offsets",
    "test_an_extracted_article_reads_back_identical",
    "test_pages_of_articles_and_figures_are_read_without_the_web",
    "test_words_with_like_wildcards_match_literally",
]
globals().update({name: getattr(test_store, name) for name in PORTABLE})


@pytest.fixture
def store(tmp_path):
    """A fresh PostgreSQL database (every table dropped) behind a Store."""
    yield from stores("postgresql", tmp_path)


@pytest.fixture
def filled(store):
    store.add(test_store.moscow_facts())
    store.add(test_store.kyiv_facts())
    return store


def test_postgresql_schema_is_migrated_and_versioned(store):
    tables = set(inspect(store.engine).get_table_names())
    assert {"alembic_version", "merged_events", "global_entities", "articles"} <= tables
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT version FROM factwire_schema_version").all()
        revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    assert (rows, revision) == ([(SCHEMA_VERSION,)], [("0006",)])


def test_reopening_a_postgresql_store_changes_nothing(tmp_path):
    with open_store("postgresql", tmp_path) as first:
        first.add(test_store.moscow_facts())
    from factwire.store import Store

    with Store(PG_URL) as again:
        assert again.count_articles() == 1


def test_postgresql_search_stems_english_words(filled):
    assert filled.search("launches") == [test_store.article_id(test_store.MOSCOW_TEXT)]
    assert filled.search("shelled") == [test_store.article_id(test_store.KYIV_TEXT)]
    assert filled.search("Paris") == []

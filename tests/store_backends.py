"""Store fixtures over both backends: SQLite always, PostgreSQL when FACTWIRE_TEST_PG is set.

``FACTWIRE_TEST_PG`` is a SQLAlchemy URL of a database the tests may wipe, e.g.
``postgresql+psycopg://factwire@127.0.0.1:54329/factwire_test`` (``.ci/postgres.sh`` starts one).
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from factwire.store import Store

PG_URL = os.environ.get("FACTWIRE_TEST_PG")
PG_SKIP = "FACTWIRE_TEST_PG is not set: no PostgreSQL server to test against"


def wipe_postgres(url: str) -> None:
    """Drop every table of the database's public schema (a fresh database for each test)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def open_store(backend: str, tmp_path) -> Store:
    if backend == "postgresql":
        if not PG_URL:
            pytest.skip(PG_SKIP)
        wipe_postgres(PG_URL)
        return Store(PG_URL)
    return Store(tmp_path / "test.db")


BACKENDS = ("sqlite", "postgresql")


def stores(backend: str, tmp_path):
    """A new, empty Store on ``backend`` (a fixture body: ``yield from stores(...)``)."""
    with open_store(backend, tmp_path) as store:
        yield store

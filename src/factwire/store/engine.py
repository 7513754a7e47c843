"""Opening a database: URL from a path, SQLite settings, schema migrations and its version.

The schema is made and changed by the Alembic migrations in ``store/migrations/versions``,
run in-process when a Store opens a database (``upgrade``). A database made before
migrations existed (tables, no ``alembic_version``) is adopted as revision 0001.

SQLite-only SQL (pragmas, FTS5) lives here and runs only when the dialect is SQLite; the
tables themselves are portable, so a PostgreSQL URL works the same way.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import URL, Connection, Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from factwire.errors import StoreError
from factwire.store.schema import SCHEMA_VERSION, SchemaVersion

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

SQLITE_PRAGMAS = (
    "PRAGMA busy_timeout=30000",  # wait for another writer instead of failing at once
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",  # safe with WAL, much faster than FULL
)
# Readers do not block the writer. Switching a new file to WAL needs its exclusive lock, and
# SQLite answers "database is locked" at once, without waiting, while another process is
# creating the same file: so the switch is retried for up to BUSY_SECONDS.
SQLITE_WAL = "PRAGMA journal_mode=WAL"
BUSY_SECONDS = 30.0

# Article text search. The index keeps its own copy of title and text: an external-content
# index would point at articles' implicit rowids, which VACUUM may renumber.
SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5("
    "article_id UNINDEXED, title, text, tokenize='unicode61')",
    "CREATE TRIGGER IF NOT EXISTS article_search_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO article_search(article_id, title, text) "
    "VALUES (new.id, coalesce(new.title, ''), new.text); END",
    "CREATE TRIGGER IF NOT EXISTS article_search_delete AFTER DELETE ON articles BEGIN "
    "DELETE FROM article_search WHERE article_id = old.id; END",
)


def database_url(target: str | os.PathLike) -> str:
    """A SQLAlchemy URL: URLs pass through; a plain path means a SQLite file.

    >>> database_url("factwire.db")
    'sqlite:///factwire.db'
    """
    target = os.fspath(target)
    return target if "://" in target else f"sqlite:///{target}"


def database_name(url: URL) -> str:
    """How messages name a database: a SQLite file's path, else the URL without password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def open_engine(url: str) -> Engine:
    """An engine for ``url`` with factwire's SQLite settings when it is SQLite."""
    try:
        engine = create_engine(url)
    except ArgumentError as error:
        scheme = url.split("://", 1)[0]  # not the whole URL: it may hold a password
        raise StoreError(f"{scheme}://...: not a database URL ({error}); give a SQLite file "
                         "path or a URL such as postgresql+psycopg://user@host/db") from error
    except ImportError as error:
        raise StoreError(f"the database driver for this URL is not installed ({error}); "
                         "for PostgreSQL install psycopg and use postgresql+psycopg://") from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            cursor.execute(SQLITE_WAL)
            break
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    cursor.close()


def create_schema(engine: Engine, name: str) -> bool:
    """Create missing tables, record or check the schema version; True if search exists.

    Raises StoreError when the database cannot be opened or holds another schema version.
    """
    attempts = 0
    while True:
        try:
            return _create_schema_once(engine, name)
        except DBAPIError as error:
            attempts += 1
            if attempts < CREATE_ATTEMPTS and _lost_creation_race(error):
                continue  # another process created the same tables a moment ago
            raise StoreError(f"{name}: cannot open the database ({error.orig}); check the path "
                             "or URL, and that it is a factwire database") from error


CREATE_ATTEMPTS = 3


def _lost_creation_race(error: DBAPIError) -> bool:
    return isinstance(error, IntegrityError) or "already exists" in str(error.orig)


def _create_schema_once(engine: Engine, name: str) -> bool:
    upgrade(engine, name)
    search = _create_sqlite_search(engine) if engine.dialect.name == "sqlite" else False
    with Session(engine) as session, session.begin():
        _check_version(session, name)
    return search


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for factwire's migrations, bound to ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, name: str, revision: str = "head") -> None:
    """Bring the database's schema to ``revision`` (the newest by default)."""
    with engine.begin() as connection:
        config = alembic_config(connection)
        if engine.dialect.name == "sqlite" and not _at_head(connection, config):
            # pysqlite runs DDL outside any transaction: without the write lock, two processes
            # creating one new file interleave and one fails "table articles already exists".
            # Taken only when there is something to do: opening an up-to-date store must not
            # wait for a writer.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        tables = inspect(connection)
        if tables.has_table("articles") and not tables.has_table("alembic_version"):
            command.stamp(config, "0001")  # made by create_all before migrations existed
        try:
            command.upgrade(config, revision)
        except CommandError as error:
            raise StoreError(f"{name}: its schema is not one this factwire knows ({error}); "
                             "use a newer factwire or a new database") from error


def _at_head(connection: Connection, config: Config) -> bool:
    """True when the database is already at the newest migration (a read, no lock)."""
    current = MigrationContext.configure(connection).get_current_heads()
    return set(current) == set(ScriptDirectory.from_config(config).get_heads())


def _check_version(session: Session, name: str) -> None:
    version = session.scalar(select(func.max(SchemaVersion.version)))
    if version != SCHEMA_VERSION:
        raise StoreError(f"{name}: the database has schema version {version}, this factwire "
                         f"uses {SCHEMA_VERSION}; use a matching factwire or a new database")


def _create_sqlite_search(engine: Engine) -> bool:
    """Create the FTS5 index and its triggers; False when this SQLite lacks FTS5."""
    with engine.begin() as connection:
        try:
            for statement in SQLITE_SEARCH:
                connection.execute(text(statement))
        except OperationalError as error:
            if "fts5" not in str(error.orig):
                raise
            return False  # this SQLite build has no FTS5: search is unavailable, all else works
    return True

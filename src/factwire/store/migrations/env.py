"""Alembic environment: factwire runs migrations in-process on the Store's connection.

``Store(url)`` calls :func:`factwire.store.engine.upgrade` which passes its connection as
``config.attributes["connection"]``. Run from a shell, ``alembic -x url=sqlite:///f.db
upgrade head`` (with ``script_location`` pointing here) works too.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from factwire.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or \
        config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.begin() as connection:
        _run(connection)


run_migrations_online()

"""Alembic migrations of factwire's store (``versions/``), and what they share."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op


def set_version(version: int, description: str) -> None:
    """Record the schema version the database now has (the table holds one row)."""
    table = sa.table("factwire_schema_version", sa.column("version", sa.Integer),
                     sa.column("description", sa.Text),
                     sa.column("applied_at", sa.DateTime(timezone=True)))
    op.execute(table.delete())
    op.bulk_insert(table, [{"version": version, "description": description,
                             "applied_at": dt.datetime.now(dt.UTC)}])

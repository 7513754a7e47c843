"""Columns that hold words of the article have no length limit (factwire schema version 6).

- ``quantities.relative_to`` is a time or quantity id, or the words a change is relative to
  ("change in accounting for investment tax credits"): it was ``VARCHAR(32)``;
- ``global_entities.key`` and ``global_entities.surname`` are built from an entity's name,
  which may be long: they were ``VARCHAR(255)`` and ``VARCHAR(128)``.

PostgreSQL enforced those lengths, so storing such an article failed ("value too long for
type character varying(32)"); SQLite never enforces a declared length, so nothing changes
there. No data changes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from factwire.store.migrations import set_version

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# (table, column, type before this revision)
WIDENED = (
    ("quantities", "relative_to", sa.String(32)),
    ("global_entities", "key", sa.String(255)),
    ("global_entities", "surname", sa.String(128)),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":  # SQLite ignores declared lengths
        for table, column, before in WIDENED:
            op.alter_column(table, column, type_=sa.Text(), existing_type=before)
    set_version(6, "no length limit on columns that hold words of the article")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        for table, column, before in WIDENED:
            op.alter_column(table, column, type_=before, existing_type=sa.Text())
    set_version(5, "covering indexes for the web's lists and entity pages")

"""Indexes for the web's newest-first lists and country filters (factwire schema version 3).

- ``articles (published DESC, id)``: articles, quotes and figures newest first, read in order;
- ``quotes (article_id, start)``, ``quantities (article_id, start)``: an article's quotes and
  figures in text order, without sorting;
- ``merged_events (coalesce(date_low, first_reported), id)``: merged events newest first;
- ``entities (geo_country)``: places by country (``country`` already has its index);
- ``event_args (role, article_id, entity_id)``: the events an entity is the actor of.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

from factwire.store.migrations import set_version

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

EVENT_ORDER = "coalesce(date_low, first_reported)"


def upgrade() -> None:
    op.create_index("ix_articles_published_id", "articles",
                    [sa.column("published").desc(), sa.column("id")], unique=False)
    op.create_index("ix_quotes_article_start", "quotes", ["article_id", "start"], unique=False)
    op.create_index("ix_quantities_article_start", "quantities", ["article_id", "start"],
                    unique=False)
    op.create_index("ix_merged_events_order", "merged_events",
                    [sa.text(EVENT_ORDER), sa.column("id")], unique=False)
    op.create_index("ix_entities_geo_country", "entities", ["geo_country"], unique=False)
    op.create_index("ix_event_args_role_entity", "event_args",
                    ["role", "article_id", "entity_id"], unique=False)
    set_version(3, "indexes for newest-first lists and country filters")


def downgrade() -> None:
    for table, index in (("event_args", "ix_event_args_role_entity"),
                         ("entities", "ix_entities_geo_country"),
                         ("merged_events", "ix_merged_events_order"),
                         ("quantities", "ix_quantities_article_start"),
                         ("quotes", "ix_quotes_article_start"),
                         ("articles", "ix_articles_published_id")):
        op.drop_index(index, table_name=table)
    set_version(2, "across articles: global entities, duplicates, merged events")

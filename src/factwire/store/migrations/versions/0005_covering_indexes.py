"""Indexes that answer the web's busiest reads from the index alone (schema version 5).

- ``global_entities (articles DESC, name, id)``: entities most reported first, read in order
  instead of sorting every global entity;
- ``entities (country, article_id, entity_id)``, ``entities (geo_country, article_id,
  entity_id)``: an event's parties by country without reading the entity rows (replace the
  one-column indexes of the same names);
- ``event_args (article_id, entity_id, event_id)``: the events an entity takes part in
  (replaces ``(article_id, entity_id)``);
- ``entity_links (global_id, article_id, entity_id)``: a global entity's mentions, article by
  article (replaces ``(global_id)``);
- ``quotes (article_id, speaker_id)``: the quotes an entity speaks;
- ``claim_series (contradictions, claims)``: the claims page's first series (contradicted,
  then the longest) without sorting every series.

No data changes; the write path keeps every index up to date by itself.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

from factwire.store.migrations import set_version

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# (table, index, new columns, columns before this revision)
REPLACED = (
    ("entities", "ix_entities_country", ["country", "article_id", "entity_id"], ["country"]),
    ("entities", "ix_entities_geo_country", ["geo_country", "article_id", "entity_id"],
     ["geo_country"]),
    ("event_args", "ix_event_args_entity", ["article_id", "entity_id", "event_id"],
     ["article_id", "entity_id"]),
    ("entity_links", "ix_entity_links_global_id", ["global_id", "article_id", "entity_id"],
     ["global_id"]),
)


def upgrade() -> None:
    op.create_index("ix_global_entities_rank", "global_entities",
                    [sa.column("articles").desc(), sa.column("name"), sa.column("id")],
                    unique=False)
    op.create_index("ix_quotes_speaker", "quotes", ["article_id", "speaker_id"], unique=False)
    op.create_index("ix_claim_series_rank", "claim_series", ["contradictions", "claims"],
                    unique=False)
    for table, index, columns, _ in REPLACED:
        op.drop_index(index, table_name=table)
        op.create_index(index, table, columns, unique=False)
    set_version(5, "covering indexes for the web's lists and entity pages")


def downgrade() -> None:
    for table, index, _, columns in REPLACED:
        op.drop_index(index, table_name=table)
        op.create_index(index, table, columns, unique=False)
    op.drop_index("ix_claim_series_rank", table_name="claim_series")
    op.drop_index("ix_quotes_speaker", table_name="quotes")
    op.drop_index("ix_global_entities_rank", table_name="global_entities")
    set_version(4, "claim series and contradictions, stored at link time")

"""Across articles: global entities, near-duplicate signatures, merged events; PostgreSQL
full-text index (factwire schema version 2).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

from factwire.store.migrations import set_version

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# PostgreSQL's full-text search over articles (SQLite has its FTS5 table instead).
PG_SEARCH_INDEX = ("CREATE INDEX ix_articles_search ON articles USING gin "
                   "(to_tsvector('english', coalesce(title, '') || ' ' || text))")


def upgrade() -> None:
    op.create_table('global_entities',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('country', sa.String(length=32), nullable=True),
    sa.Column('surname', sa.String(length=128), nullable=True),
    sa.Column('articles', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_index(op.f('ix_global_entities_country'), 'global_entities', ['country'], unique=False)
    op.create_index(op.f('ix_global_entities_surname'), 'global_entities', ['surname'], unique=False)
    op.create_table('merged_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('mode', sa.String(length=32), nullable=True),
    sa.Column('modality', sa.String(length=32), nullable=False),
    sa.Column('negated', sa.Boolean(), nullable=False),
    sa.Column('date', sa.String(length=64), nullable=True),
    sa.Column('date_precision', sa.String(length=32), nullable=True),
    sa.Column('date_low', sa.Date(), nullable=True),
    sa.Column('date_high', sa.Date(), nullable=True),
    sa.Column('max_low', sa.Date(), nullable=True),
    sa.Column('min_high', sa.Date(), nullable=True),
    sa.Column('first_reported', sa.Date(), nullable=True),
    sa.Column('last_reported', sa.Date(), nullable=True),
    sa.Column('reports', sa.Integer(), nullable=False),
    sa.Column('republished', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_merged_events_first_reported'), 'merged_events', ['first_reported'], unique=False)
    op.create_index('ix_merged_events_type_date', 'merged_events', ['type', 'date_low'], unique=False)
    op.create_table('article_bands',
    sa.Column('band', sa.Integer(), nullable=False),
    sa.Column('hash', sa.BigInteger(), nullable=False),
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('band', 'hash', 'article_id')
    )
    op.create_table('article_signatures',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=False),
    sa.Column('duplicate_of', sa.String(length=64), nullable=True),
    sa.Column('similarity', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id')
    )
    op.create_index(op.f('ix_article_signatures_duplicate_of'), 'article_signatures', ['duplicate_of'], unique=False)
    op.create_table('entity_aliases',
    sa.Column('global_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['global_id'], ['global_entities.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('global_id', 'alias')
    )
    op.create_table('entity_links',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.String(length=32), nullable=False),
    sa.Column('global_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id', 'entity_id'], ['entities.article_id', 'entities.entity_id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['global_id'], ['global_entities.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'entity_id')
    )
    op.create_index(op.f('ix_entity_links_global_id'), 'entity_links', ['global_id'], unique=False)
    op.create_table('event_links',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=32), nullable=False),
    sa.Column('merged_id', sa.Integer(), nullable=False),
    sa.Column('duplicate', sa.Boolean(), nullable=False),
    sa.Column('features', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['article_id', 'event_id'], ['events.article_id', 'events.event_id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['merged_id'], ['merged_events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'event_id')
    )
    op.create_index(op.f('ix_event_links_merged_id'), 'event_links', ['merged_id'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_SEARCH_INDEX)
    set_version(2, "across articles: global entities, duplicates, merged events")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_articles_search")
    for table in ("event_links", "entity_links", "entity_aliases", "article_signatures",
                  "article_bands", "merged_events", "global_entities"):
        op.drop_table(table)
    set_version(1, "initial schema")

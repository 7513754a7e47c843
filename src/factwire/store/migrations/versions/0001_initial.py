"""The initial schema: articles and their facts (factwire schema version 1).

Revision ID: 0001
Create Date: 2026-11-29
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('articles',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=32), nullable=True),
    sa.Column('source_id', sa.Text(), nullable=True),
    sa.Column('source_path', sa.Text(), nullable=True),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('contract_version', sa.String(length=32), nullable=False),
    sa.Column('facts_json', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_articles_outlet'), 'articles', ['outlet'], unique=False)
    op.create_index(op.f('ix_articles_published'), 'articles', ['published'], unique=False)
    op.create_table('factwire_schema_version',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('version')
    )
    op.create_table('entities',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('country', sa.String(length=32), nullable=True),
    sa.Column('role', sa.Text(), nullable=True),
    sa.Column('sector', sa.Text(), nullable=True),
    sa.Column('nominal', sa.Boolean(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('geonameid', sa.Integer(), nullable=True),
    sa.Column('geo_feature', sa.String(length=32), nullable=True),
    sa.Column('geo_admin1', sa.Text(), nullable=True),
    sa.Column('geo_country', sa.String(length=32), nullable=True),
    sa.Column('geo_precision', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'entity_id')
    )
    op.create_index('ix_entities_country', 'entities', ['country'], unique=False)
    op.create_index('ix_entities_name', 'entities', ['name'], unique=False)
    op.create_table('events',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=32), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('mode', sa.String(length=32), nullable=True),
    sa.Column('time_id', sa.String(length=32), nullable=True),
    sa.Column('modality', sa.String(length=32), nullable=False),
    sa.Column('attributed_to', sa.String(length=32), nullable=True),
    sa.Column('trigger_start', sa.Integer(), nullable=False),
    sa.Column('trigger_end', sa.Integer(), nullable=False),
    sa.Column('trigger_text', sa.Text(), nullable=False),
    sa.Column('sentence_start', sa.Integer(), nullable=False),
    sa.Column('sentence_end', sa.Integer(), nullable=False),
    sa.Column('sentence_text', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('negated', sa.Boolean(), nullable=False),
    sa.Column('parent', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'event_id')
    )
    op.create_index('ix_events_type', 'events', ['type'], unique=False)
    op.create_table('quantities',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('quantity_id', sa.String(length=32), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('low', sa.Float(), nullable=True),
    sa.Column('high', sa.Float(), nullable=True),
    sa.Column('approximate', sa.Boolean(), nullable=False),
    sa.Column('comparator', sa.String(length=32), nullable=False),
    sa.Column('change', sa.String(length=32), nullable=True),
    sa.Column('unit', sa.Text(), nullable=True),
    sa.Column('counted', sa.Text(), nullable=True),
    sa.Column('subject_id', sa.String(length=32), nullable=True),
    sa.Column('time_id', sa.String(length=32), nullable=True),
    sa.Column('source_id', sa.String(length=32), nullable=True),
    sa.Column('derived', sa.Boolean(), nullable=False),
    sa.Column('derived_from', sa.JSON(), nullable=False),
    sa.Column('relative_to', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'quantity_id')
    )
    op.create_index(op.f('ix_quantities_counted'), 'quantities', ['counted'], unique=False)
    op.create_table('quotes',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('quote_id', sa.String(length=32), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('speaker_id', sa.String(length=32), nullable=True),
    sa.Column('speaker_text', sa.Text(), nullable=True),
    sa.Column('cue', sa.Text(), nullable=True),
    sa.Column('content_start', sa.Integer(), nullable=True),
    sa.Column('content_end', sa.Integer(), nullable=True),
    sa.Column('content_text', sa.Text(), nullable=True),
    sa.Column('medium_id', sa.String(length=32), nullable=True),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'quote_id')
    )
    op.create_table('removed_spans',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'seq')
    )
    op.create_table('times',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('time_id', sa.String(length=32), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('value', sa.String(length=64), nullable=True),
    sa.Column('begin', sa.String(length=64), nullable=True),
    sa.Column('until', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'time_id')
    )
    op.create_index(op.f('ix_times_value'), 'times', ['value'], unique=False)
    op.create_table('event_args',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=32), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['article_id', 'event_id'], ['events.article_id', 'events.event_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'event_id', 'role', 'seq')
    )
    op.create_index('ix_event_args_entity', 'event_args', ['article_id', 'entity_id'], unique=False)
    op.create_table('event_quantities',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=32), nullable=False),
    sa.Column('quantity_id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['article_id', 'event_id'], ['events.article_id', 'events.event_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'event_id', 'quantity_id')
    )
    op.create_table('mentions',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id', 'entity_id'], ['entities.article_id', 'entities.entity_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'entity_id', 'seq')
    )
    version = sa.table("factwire_schema_version", sa.column("version", sa.Integer),
                       sa.column("description", sa.Text),
                       sa.column("applied_at", sa.DateTime(timezone=True)))
    op.bulk_insert(version, [{"version": 1, "description": "initial schema",
                               "applied_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    for table in ("mentions", "event_quantities", "event_args", "times", "removed_spans",
                  "quotes", "quantities", "events", "entities", "factwire_schema_version",
                  "articles"):
        op.drop_table(table)

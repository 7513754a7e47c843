"""Claim series and contradictions stored at link time (factwire schema version 4).

- ``claim_series``: one row per subject (global entity), counted thing and unit;
- ``claims``: each figure in its series, with the time it is for and its order there;
- ``contradictions``: two figures of one series that disagree, with the gap, the
  tolerance it exceeded and why;
- ``entity_aliases (lower(alias))``: actor filters find an entity by any of its names.

A store written by schema 3 already holds figures: they are put into series and checked
for contradictions here, in the migration's transaction, by
:func:`factwire.store.claim_links.backfill_claims` (it reads only columns schema 3 has).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

from factwire.store.migrations import set_version

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_entity_aliases_lower_alias", "entity_aliases",
                    [sa.text("lower(alias)")], unique=False)
    op.create_table('claim_series',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('counted', sa.Text(), nullable=False),
    sa.Column('unit', sa.Text(), nullable=True),
    sa.Column('claims', sa.Integer(), nullable=False),
    sa.Column('contradictions', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['subject_id'], ['global_entities.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_index('ix_claim_series_subject', 'claim_series', ['subject_id', 'counted'],
                    unique=False)
    op.create_table('claims',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('quantity_id', sa.String(length=32), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('counted', sa.Text(), nullable=False),
    sa.Column('date', sa.String(length=64), nullable=True),
    sa.Column('date_low', sa.Date(), nullable=True),
    sa.Column('date_high', sa.Date(), nullable=True),
    sa.Column('sort_date', sa.Date(), nullable=False),
    sa.Column('sort_published', sa.Date(), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('comparable', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['article_id', 'quantity_id'],
                            ['quantities.article_id', 'quantities.quantity_id'],
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['series_id'], ['claim_series.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'quantity_id')
    )
    op.create_index('ix_claims_series_order', 'claims',
                    ['series_id', 'sort_date', 'sort_published', 'article_id', 'quantity_id'],
                    unique=False)
    op.create_table('contradictions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('first_article_id', sa.String(length=64), nullable=False),
    sa.Column('first_quantity_id', sa.String(length=32), nullable=False),
    sa.Column('second_article_id', sa.String(length=64), nullable=False),
    sa.Column('second_quantity_id', sa.String(length=32), nullable=False),
    sa.Column('difference', sa.Float(), nullable=False),
    sa.Column('tolerance', sa.Float(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('latest_date', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['first_article_id', 'first_quantity_id'],
                            ['claims.article_id', 'claims.quantity_id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['second_article_id', 'second_quantity_id'],
                            ['claims.article_id', 'claims.quantity_id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['series_id'], ['claim_series.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_contradictions_first', 'contradictions',
                    ['first_article_id', 'first_quantity_id'], unique=False)
    op.create_index('ix_contradictions_second', 'contradictions',
                    ['second_article_id', 'second_quantity_id'], unique=False)
    op.create_index('ix_contradictions_latest', 'contradictions', ['latest_date', 'id'],
                    unique=False)
    op.create_index(op.f('ix_contradictions_series_id'), 'contradictions', ['series_id'],
                    unique=False)

    from factwire.store.claim_links import backfill_claims

    backfill_claims(op.get_bind())
    set_version(4, "claim series and contradictions, stored at link time")


def downgrade() -> None:
    for table in ("contradictions", "claims", "claim_series"):
        op.drop_table(table)
    op.drop_index("ix_entity_aliases_lower_alias", table_name="entity_aliases")
    set_version(3, "indexes for newest-first lists and country filters")

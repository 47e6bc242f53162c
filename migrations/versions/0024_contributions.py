"""agencies' contributions: each scoping return, chronology or IMR asked of an agency, its due
date, chases and receipt

Revision ID: 0024
Revises: 0021
"""
import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "contribution",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("review_id", sa.Integer(), sa.ForeignKey("review.id", ondelete="CASCADE"), nullable=False),
        sa.Column("agency_id", sa.Integer(), sa.ForeignKey("agency.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("document.id", ondelete="SET NULL"), nullable=True),
        sa.Column("chases", sa.Integer(), nullable=False),
        sa.Column("last_chased_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_contribution_review_id", "contribution", ["review_id"])
    op.create_index("ix_contribution_agency_id", "contribution", ["agency_id"])
    op.create_index("ix_contribution_due_on", "contribution", ["due_on"])


def downgrade():
    op.drop_table("contribution")

"""the Home Office Quality Assurance Panel: a round per submission (its dates, the letter's
outcome, the letter and whether it is published with the report) and each area for final
development the letter names

Revision ID: 0025
Revises: 0023
"""
import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "qa_panel_round",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("review_id", sa.Integer(), sa.ForeignKey("review.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("panel_on", sa.Date(), nullable=True),
        sa.Column("panel_outcome", sa.String(length=30), nullable=False, server_default=""),
        sa.Column("letter_document_id", sa.Integer(), sa.ForeignKey("document.id", ondelete="SET NULL"),
                  nullable=True),
        sa.Column("publish_letter", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("review_id", "number", name="uq_qa_panel_round_number"),
    )
    op.create_index("ix_qa_panel_round_review_id", "qa_panel_round", ["review_id"])
    op.create_table(
        "final_development_area",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("round_id", sa.Integer(), sa.ForeignKey("qa_panel_round.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner_person", sa.String(length=200), nullable=False, server_default=""),
        sa.Column("owner_agency_id", sa.Integer(), sa.ForeignKey("agency.id", ondelete="SET NULL"), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_final_development_area_round_id", "final_development_area", ["round_id"])


def downgrade():
    op.drop_table("final_development_area")
    op.drop_table("qa_panel_round")

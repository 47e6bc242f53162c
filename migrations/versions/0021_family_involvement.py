"""family involvement: each family member or friend offered contact, how and how they took
part; who chose the pseudonym and the family's tribute

Revision ID: 0021
Revises: 0020
"""
import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "family_contact",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("review_id", sa.Integer(), sa.ForeignKey("review.id", ondelete="CASCADE"), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("route", sa.String(length=40), nullable=False),
        sa.Column("offered_on", sa.Date(), nullable=False),
        sa.Column("participation", sa.String(length=20), nullable=False),
        sa.Column("saw_terms_on", sa.Date(), nullable=True),
        sa.Column("saw_draft_on", sa.Date(), nullable=True),
        sa.Column("publication_view", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_family_contact_review_id", "family_contact", ["review_id"])
    with op.batch_alter_table("review") as batch:
        batch.add_column(sa.Column("pseudonym_chosen_by", sa.String(length=20), nullable=False, server_default=""))
        batch.add_column(sa.Column("family_tribute", sa.Text(), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("review") as batch:
        batch.drop_column("family_tribute")
        batch.drop_column("pseudonym_chosen_by")
    op.drop_table("family_contact")

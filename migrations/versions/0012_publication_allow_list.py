"""the partnership's allow-list of public contact details the publication check never flags

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "publication_allow_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication_allow_entry")),
        sa.UniqueConstraint("value", name=op.f("uq_publication_allow_entry_value")),
    )


def downgrade():
    op.drop_table("publication_allow_entry")

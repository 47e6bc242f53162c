"""a review keeps the web address it was published at

Revision ID: 0013
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("review") as batch:
        batch.add_column(sa.Column("published_url", sa.String(length=500), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("review") as batch:
        batch.drop_column("published_url")

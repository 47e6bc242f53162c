"""publication hold: a published review withdrawn from the public while a change is checked

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("review") as batch:
        batch.add_column(sa.Column("publication_held", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("review") as batch:
        batch.drop_column("publication_held")

"""the scoping review of the 2024 draft guidance: a review records the date it reached scoping,
findings may be early learning from it, and a review's immediate actions from scoping are held
under a recommendation marked as their holder

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("review") as batch:
        batch.add_column(sa.Column("scoping_on", sa.Date(), nullable=True))
    with op.batch_alter_table("finding") as batch:
        batch.add_column(sa.Column("early_learning", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("recommendation") as batch:
        batch.add_column(sa.Column("from_scoping", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("recommendation") as batch:
        batch.drop_column("from_scoping")
    with op.batch_alter_table("finding") as batch:
        batch.drop_column("early_learning")
    with op.batch_alter_table("review") as batch:
        batch.drop_column("scoping_on")

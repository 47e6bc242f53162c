"""a review records when its report was copied to the Domestic Abuse Commissioner and uploaded
to the Home Office DHR Library

Revision ID: 0019
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("review") as batch:
        batch.add_column(sa.Column("commissioner_copy_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("library_uploaded_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("review") as batch:
        batch.drop_column("library_uploaded_on")
        batch.drop_column("commissioner_copy_on")

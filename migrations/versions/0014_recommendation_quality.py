"""a recommendation records its intended outcome, its measure and the quality advice the chair
kept it despite; a verified update records how good its evidence is

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("recommendation") as batch:
        batch.add_column(sa.Column("intended_outcome", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("outcome_measure", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("quality_flags", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("quality_kept", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("recommendation_update") as batch:
        batch.add_column(sa.Column("evidence_grade", sa.String(length=30), nullable=True))


def downgrade():
    with op.batch_alter_table("recommendation_update") as batch:
        batch.drop_column("evidence_grade")
    with op.batch_alter_table("recommendation") as batch:
        for column in ("quality_kept", "quality_flags", "outcome_measure", "intended_outcome"):
            batch.drop_column(column)

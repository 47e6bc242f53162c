"""recommendations name the findings they answer (a link table), and keep their number as it
sorts, so that every list shows them in number order ("2" before "10"); existing
recommendations get their key from their number

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

from dhr.data.numbering import KEY_LENGTH, number_key

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _key_type():
    return sa.String(KEY_LENGTH).with_variant(sa.String(KEY_LENGTH, collation="C"), "postgresql")


def upgrade():
    op.create_table(
        "recommendation_finding",
        sa.Column("recommendation_id", sa.Integer(), sa.ForeignKey("recommendation.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("finding_id", sa.Integer(), sa.ForeignKey("finding.id", ondelete="CASCADE"), primary_key=True),
    )
    with op.batch_alter_table("recommendation") as batch:
        batch.add_column(sa.Column("number_key", _key_type(), nullable=True))
    connection = op.get_bind()
    recommendation = sa.table("recommendation", sa.column("id", sa.Integer()), sa.column("number", sa.String()),
                              sa.column("number_key", sa.String()))
    rows = connection.execute(sa.select(recommendation.c.id, recommendation.c.number)).all()
    if rows:
        connection.execute(
            recommendation.update().where(recommendation.c.id == sa.bindparam("rid"))
            .values(number_key=sa.bindparam("key")),
            [{"rid": rid, "key": number_key(number)} for rid, number in rows])
    with op.batch_alter_table("recommendation") as batch:
        batch.alter_column("number_key", existing_type=_key_type(), nullable=False)


def downgrade():
    with op.batch_alter_table("recommendation") as batch:
        batch.drop_column("number_key")
    op.drop_table("recommendation_finding")

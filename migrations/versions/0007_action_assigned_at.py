"""actions remember when their lead agency was last set, so an agency's home page can list what
is newly assigned to it; existing actions with a lead count as assigned when they were created

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("action") as batch:
        batch.add_column(sa.Column("assigned_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE action SET assigned_at = COALESCE(created_at, agreed_at) WHERE lead_agency_id IS NOT NULL")
    op.create_index(op.f("ix_action_assigned_at"), "action", ["assigned_at"])


def downgrade():
    op.drop_index(op.f("ix_action_assigned_at"), table_name="action")
    with op.batch_alter_table("action") as batch:
        batch.drop_column("assigned_at")

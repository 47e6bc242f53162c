"""the audit trail is filtered by person and by action, newest first: an index on each with
the event's time

Revision ID: 0011
Revises: 0010
"""
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_audit_event_user_at", "audit_event", ["user_id", "at"])
    op.create_index("ix_audit_event_action_at", "audit_event", ["action", "at"])


def downgrade():
    op.drop_index("ix_audit_event_action_at", table_name="audit_event")
    op.drop_index("ix_audit_event_user_at", table_name="audit_event")

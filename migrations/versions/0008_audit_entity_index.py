"""a thing's history is found by its type and id together: one index on both replaces the index
on the type alone

Revision ID: 0008
Revises: 0007
"""
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_audit_event_entity", "audit_event", ["entity_type", "entity_id"])
    op.drop_index(op.f("ix_audit_event_entity_type"), table_name="audit_event")


def downgrade():
    op.create_index(op.f("ix_audit_event_entity_type"), "audit_event", ["entity_type"])
    op.drop_index("ix_audit_event_entity", table_name="audit_event")

"""learning into practice: briefings and training sessions tied to reviews, themes and
recommendations

Revision ID: 0020
Revises: 0019
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def _link(name: str, other: str) -> None:
    op.create_table(
        name,
        sa.Column("briefing_id", sa.Integer(), sa.ForeignKey("briefing.id", ondelete="CASCADE"), primary_key=True),
        sa.Column(f"{other}_id", sa.Integer(), sa.ForeignKey(f"{other}.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index(f"ix_{name}_{other}_id", name, [f"{other}_id"])


def upgrade():
    op.create_table(
        "briefing",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("audience", sa.String(length=500), nullable=False),
        sa.Column("reached", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_briefing_held_on", "briefing", ["held_on"])
    op.create_index("ix_briefing_created_by_id", "briefing", ["created_by_id"])
    for name, other in (("briefing_review", "review"), ("briefing_theme", "theme"),
                        ("briefing_recommendation", "recommendation")):
        _link(name, other)


def downgrade():
    for name in ("briefing_recommendation", "briefing_theme", "briefing_review"):
        op.drop_table(name)
    op.drop_table("briefing")

"""external learning: another partnership's published learning imported from its open-data
file (its source, reviews, findings and recommendations, with themes mapped to ours), and the
remembered mapping of theme names we do not use

Revision ID: 0023
Revises: 0022
"""
import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def _id():
    return sa.Column("id", sa.Integer(), primary_key=True)


def _parent(name: str, table: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), sa.ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False)


def upgrade():
    op.create_table(
        "external_source", _id(),
        sa.Column("partnership", sa.String(length=200), nullable=False, unique=True),
        sa.Column("generated_on", sa.Date(), nullable=False),
        sa.Column("format_version", sa.String(length=10), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by_id", sa.Integer(), sa.ForeignKey("user_account.id", ondelete="SET NULL")),
    )
    op.create_table(
        "external_review", _id(), _parent("source_id", "external_source"),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("review_type", sa.String(length=100), nullable=False),
        sa.Column("death_category", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(length=100), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=100), nullable=False),
        sa.Column("published_url", sa.String(length=500), nullable=False),
    )
    op.create_index("ix_external_review_source_id", "external_review", ["source_id"])
    op.create_table(
        "external_finding", _id(), _parent("review_id", "external_review"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("theme_names", sa.Text(), nullable=False),
    )
    op.create_index("ix_external_finding_review_id", "external_finding", ["review_id"])
    op.create_table(
        "external_recommendation", _id(), _parent("review_id", "external_review"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("addressee", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=100), nullable=False),
        sa.Column("theme_names", sa.Text(), nullable=False),
        sa.Column("actions", sa.JSON(), nullable=False),
    )
    op.create_index("ix_external_recommendation_review_id", "external_recommendation", ["review_id"])
    for table in ("external_finding", "external_recommendation"):
        op.create_table(
            f"{table}_themes",
            sa.Column(f"{table}_id", sa.Integer(), sa.ForeignKey(f"{table}.id", ondelete="CASCADE"),
                      primary_key=True),
            sa.Column("theme_id", sa.Integer(), sa.ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True),
        )
    op.create_table(
        "external_theme_mapping", _id(),
        sa.Column("written", sa.String(length=200), nullable=False, unique=True),
        sa.Column("theme_id", sa.Integer(), sa.ForeignKey("theme.id", ondelete="SET NULL")),
    )


def downgrade():
    for table in ("external_theme_mapping", "external_recommendation_themes", "external_finding_themes",
                  "external_recommendation", "external_finding", "external_review", "external_source"):
        op.drop_table(table)

"""the panel and parallel processes: each panel member (agency, role, name), the terms of
reference's agreed date, the chair's declaration of independence, and each process running
beside the review (trial, inquest, SAR, CSPR, IOPC) with its reference and dates; an action
shared with an action of a linked review

Revision ID: 0026
Revises: 0024
"""
import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "panel_member",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("review_id", sa.Integer(), sa.ForeignKey("review.id", ondelete="CASCADE"), nullable=False),
        sa.Column("agency_id", sa.Integer(), sa.ForeignKey("agency.id"), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_panel_member_review_id", "panel_member", ["review_id"])
    op.create_table(
        "parallel_process",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("review_id", sa.Integer(), sa.ForeignKey("review.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("pfd_report_on", sa.Date(), nullable=True),
        sa.Column("linked_review_id", sa.Integer(), sa.ForeignKey("review.id", ondelete="SET NULL"), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_parallel_process_review_id", "parallel_process", ["review_id"])
    with op.batch_alter_table("review") as batch:
        batch.add_column(sa.Column("terms_agreed_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("independence_declared_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("independence_statement", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("action") as batch:
        batch.add_column(sa.Column("shared_with_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_action_shared_with_id_action", "action", ["shared_with_id"], ["id"],
                                 ondelete="SET NULL")


def downgrade():
    with op.batch_alter_table("action") as batch:
        batch.drop_constraint("fk_action_shared_with_id_action", type_="foreignkey")
        batch.drop_column("shared_with_id")
    with op.batch_alter_table("review") as batch:
        batch.drop_column("independence_statement")
        batch.drop_column("independence_declared_on")
        batch.drop_column("terms_agreed_on")
    op.drop_table("parallel_process")
    op.drop_table("panel_member")

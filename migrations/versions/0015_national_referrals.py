"""national bodies have a named contact; recommendations sent to them and their answers

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("agency") as batch:
        batch.add_column(sa.Column("contact_email", sa.String(length=254), nullable=False, server_default=""))
    op.create_table(
        "national_referral",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recommendation_id", sa.Integer(), sa.ForeignKey("recommendation.id", ondelete="CASCADE"),
                  nullable=False, unique=True),
        sa.Column("agency_id", sa.Integer(), sa.ForeignKey("agency.id"), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("sent_by_id", sa.Integer(), sa.ForeignKey("user_account.id", ondelete="SET NULL")),
        sa.Column("sent_to", sa.String(length=254), nullable=False),
        sa.Column("commissioner_email", sa.String(length=254), nullable=False),
        sa.Column("respond_by", sa.Date(), nullable=False),
        sa.Column("response", sa.String(length=40)),
        sa.Column("response_narrative", sa.Text(), nullable=False),
        sa.Column("responded_by_id", sa.Integer(), sa.ForeignKey("user_account.id", ondelete="SET NULL")),
        sa.Column("responded_at", sa.DateTime()),
        sa.Column("last_chased_on", sa.Date()),
        sa.Column("chases", sa.Integer(), nullable=False),
    )
    op.create_index("ix_national_referral_agency_id", "national_referral", ["agency_id"])
    op.create_index("ix_national_referral_respond_by", "national_referral", ["respond_by"])


def downgrade():
    op.drop_index("ix_national_referral_respond_by", table_name="national_referral")
    op.drop_index("ix_national_referral_agency_id", table_name="national_referral")
    op.drop_table("national_referral")
    with op.batch_alter_table("agency") as batch:
        batch.drop_column("contact_email")

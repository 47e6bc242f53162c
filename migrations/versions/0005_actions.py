"""actions under recommendations: each existing recommendation becomes one action, its updates
and their evidence moving with it; target-date changes; remembered agency spellings

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

MOVED_COLUMNS = ("action_to_take", "milestones", "outcome")


def _create_tables():
    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("lead_agency_id", sa.Integer(), nullable=True),
        sa.Column("milestones", sa.Text(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("agreed_at", sa.DateTime(), nullable=True),
        sa.Column("agreed_by_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["recommendation_id"], ["recommendation.id"],
                                name=op.f("fk_action_recommendation_id_recommendation"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["lead_agency_id"], ["agency.id"], name=op.f("fk_action_lead_agency_id_agency")),
        sa.ForeignKeyConstraint(["agreed_by_id"], ["user_account.id"],
                                name=op.f("fk_action_agreed_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
    )
    for column in ("recommendation_id", "lead_agency_id", "target_date", "status"):
        op.create_index(op.f(f"ix_action_{column}"), "action", [column])
    op.create_table(
        "target_date_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("from_date", sa.Date(), nullable=True),
        sa.Column("to_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("decision_message", sa.Text(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], name=op.f("fk_target_date_change_action_id_action"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["proposed_by_id"], ["user_account.id"],
                                name=op.f("fk_target_date_change_proposed_by_id_user_account")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["user_account.id"],
                                name=op.f("fk_target_date_change_decided_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_date_change")),
    )
    op.create_index(op.f("ix_target_date_change_action_id"), "target_date_change", ["action_id"])
    op.create_index(op.f("ix_target_date_change_decision"), "target_date_change", ["decision"])
    op.create_table(
        "agency_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("written_as", sa.String(length=200), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"], name=op.f("fk_agency_alias_agency_id_agency"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_alias")),
        sa.UniqueConstraint("name_key", name=op.f("uq_agency_alias_name_key")),
    )
    op.create_index(op.f("ix_agency_alias_agency_id"), "agency_alias", ["agency_id"])


def _move_recommendations_into_actions():
    """Each recommendation's own action: its action to take, lead agency, milestones, target
    date, status, completion and outcome. A plan with a target date was agreed when written."""
    op.execute(
        "INSERT INTO action (recommendation_id, position, text, lead_agency_id, milestones, target_date, "
        "agreed_at, status, completed_on, outcome, version, created_at, updated_at) "
        "SELECT id, 1, action_to_take, lead_agency_id, milestones, target_date, "
        "CASE WHEN target_date IS NULL THEN NULL ELSE created_at END, status, completed_on, outcome, 1, "
        "created_at, updated_at FROM recommendation"
    )
    op.execute(
        "UPDATE recommendation_update SET action_id = "
        "(SELECT action.id FROM action WHERE action.recommendation_id = recommendation_update.recommendation_id)"
    )


def upgrade():
    _create_tables()
    with op.batch_alter_table("recommendation_update") as batch:
        batch.add_column(sa.Column("action_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("submission_key", sa.String(length=64), nullable=True))
    _move_recommendations_into_actions()
    with op.batch_alter_table("recommendation_update") as batch:
        batch.alter_column("action_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(op.f("fk_recommendation_update_action_id_action"), "action", ["action_id"], ["id"],
                                 ondelete="CASCADE")
        batch.create_index(op.f("ix_recommendation_update_action_id"), ["action_id"])
        batch.create_unique_constraint(op.f("uq_recommendation_update_submission_key"), ["submission_key"])
    with op.batch_alter_table("recommendation") as batch:
        for column in MOVED_COLUMNS:
            batch.drop_column(column)
        batch.create_index(op.f("ix_recommendation_target_date"), ["target_date"])
        batch.create_index(op.f("ix_recommendation_status"), ["status"])


def _restore_recommendation_columns():
    with op.batch_alter_table("recommendation") as batch:
        batch.drop_index(op.f("ix_recommendation_status"))
        batch.drop_index(op.f("ix_recommendation_target_date"))
        for column in MOVED_COLUMNS:
            batch.add_column(sa.Column(column, sa.Text(), nullable=False, server_default=""))
    # Going back keeps each recommendation's first action; later actions have nowhere to go.
    for column, source in (("action_to_take", "text"), ("milestones", "milestones"), ("outcome", "outcome")):
        op.execute(
            f"UPDATE recommendation SET {column} = COALESCE((SELECT action.{source} FROM action "
            "WHERE action.recommendation_id = recommendation.id ORDER BY action.position LIMIT 1), '')"
        )


def downgrade():
    _restore_recommendation_columns()
    with op.batch_alter_table("recommendation_update") as batch:
        batch.drop_constraint(op.f("uq_recommendation_update_submission_key"), type_="unique")
        batch.drop_index(op.f("ix_recommendation_update_action_id"))
        batch.drop_constraint(op.f("fk_recommendation_update_action_id_action"), type_="foreignkey")
        batch.drop_column("submission_key")
        batch.drop_column("action_id")
    op.drop_table("agency_alias")
    op.drop_table("target_date_change")
    op.drop_table("action")

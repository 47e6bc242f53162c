"""The actions under each recommendation, the target-date changes agencies ask for, and the
remembered spellings of agency names in imported spreadsheets."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Optional

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dhr.extensions import db

from .due import is_due_soon, is_overdue, is_stale, utcnow
from .vocab import CLOSED_STATUSES, STATUS_LABELS, Status

if TYPE_CHECKING:
    from .models import Agency, Recommendation, RecommendationUpdate, User


class Action(db.Model):
    """One row of a Home Office action plan: what an agency will do towards a recommendation."""

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"),
                                                   index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    lead_agency_id: Mapped[Optional[int]] = mapped_column(ForeignKey("agency.id"), index=True)
    # When the lead agency was last set or changed (dhr.data.actions keeps it on every flush).
    assigned_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime, index=True)
    milestones: Mapped[str] = mapped_column(Text, default="")
    target_date: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    # Once agreed, the wording is the partnership's and the target date changes only when the
    # coordinator accepts a change.
    agreed_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    agreed_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    status: Mapped[str] = mapped_column(String(40), default=Status.NOT_STARTED, index=True)
    completed_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(Text, default="")
    # The same piece of work as this action of a review linked by a parallel SAR or CSPR: counted
    # once (dhr.data.parallel).
    shared_with_id: Mapped[Optional[int]] = mapped_column(ForeignKey("action.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow,
                                                    onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    recommendation: Mapped[Recommendation] = relationship(back_populates="actions")
    lead_agency: Mapped[Optional[Agency]] = relationship()
    agreed_by: Mapped[Optional[User]] = relationship()
    shared_with: Mapped[Optional["Action"]] = relationship(remote_side=[id])
    updates: Mapped[list[RecommendationUpdate]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="RecommendationUpdate.created_at"
    )
    date_changes: Mapped[list[TargetDateChange]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="TargetDateChange.proposed_at"
    )

    @property
    def number(self) -> str:
        """How the plan names it: the recommendation's number, then the action's place under it."""
        return f"{self.recommendation.number}.{self.position}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_agreed(self) -> bool:
        return self.agreed_at is not None

    def is_overdue(self, today: Optional[dt.date] = None) -> bool:
        return is_overdue(self.target_date, self.is_closed, today)

    def is_due_soon(self, today: Optional[dt.date] = None, days: int = 30) -> bool:
        return is_due_soon(self.target_date, self.is_closed, today, days)

    @property
    def last_activity(self) -> Optional[dt.datetime]:
        """The last word on the action: its latest update, else when it was assigned (or made)."""
        return max((u.created_at for u in self.updates), default=None) or self.assigned_at or self.created_at

    def is_stale(self, today: Optional[dt.date] = None) -> bool:
        """Open, with no update in due.STALE_AFTER_DAYS days (as action_rows' "quiet" need)."""
        return is_stale(self.last_activity, self.is_closed, today)

    @property
    def pending_date_change(self) -> Optional[TargetDateChange]:
        return next((c for c in self.date_changes if c.decision == "pending"), None)


class TargetDateChange(db.Model):
    """An agency's request to move an agreed target date, and the coordinator's decision on it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    from_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    to_date: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    proposed_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    proposed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    decision: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    decision_message: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)

    action: Mapped[Action] = relationship(back_populates="date_changes")
    proposed_by: Mapped[Optional[User]] = relationship(foreign_keys=[proposed_by_id])
    decided_by: Mapped[Optional[User]] = relationship(foreign_keys=[decided_by_id])


class AgencyAlias(db.Model):
    """A spelling of an agency's name met in an imported spreadsheet, mapped once by a person
    and remembered for the next import."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    written_as: Mapped[str] = mapped_column(String(200))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    agency: Mapped[Agency] = relationship()

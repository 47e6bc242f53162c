"""A national recommendation sent to the national body it is addressed to, and the body's answer."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Optional

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, case
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from dhr.extensions import db

from .due import utcnow
from .vocab import NATIONAL_AWAITING, NATIONAL_NO_RESPONSE, NATIONAL_NOT_SENT

if TYPE_CHECKING:
    from .models import Agency, Recommendation, User


class NationalReferral(db.Model):
    """One per recommendation: when it was sent, to whom, by when an answer is asked for, the
    answer (a vocab.NationalResponse and its narrative) and the chases sent while none came."""

    __tablename__ = "national_referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendation.id", ondelete="CASCADE"), unique=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_on: Mapped[dt.date] = mapped_column(Date)
    sent_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    sent_to: Mapped[str] = mapped_column(String(254))
    commissioner_email: Mapped[str] = mapped_column(String(254))
    respond_by: Mapped[dt.date] = mapped_column(Date, index=True)
    response: Mapped[Optional[str]] = mapped_column(String(40))
    response_narrative: Mapped[str] = mapped_column(Text, default="")
    responded_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    responded_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    last_chased_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    chases: Mapped[int] = mapped_column(Integer, default=0)

    recommendation: Mapped[Recommendation] = relationship(
        backref=backref("referral", uselist=False, cascade="all, delete-orphan", passive_deletes=True))
    agency: Mapped[Agency] = relationship()
    sent_by: Mapped[Optional[User]] = relationship(foreign_keys=[sent_by_id])
    responded_by: Mapped[Optional[User]] = relationship(foreign_keys=[responded_by_id])

    @property
    def answered(self) -> bool:
        return self.response is not None


def standing_column(on: dt.date):
    """Where a recommendation stands (national.standing) as SQL, over recommendations
    outer-joined to their referral."""
    return case(
        (NationalReferral.id.is_(None), NATIONAL_NOT_SENT),
        (NationalReferral.response.is_not(None), NationalReferral.response),
        (NationalReferral.respond_by < on, NATIONAL_NO_RESPONSE),
        else_=NATIONAL_AWAITING,
    )

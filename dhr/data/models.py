"""The data model. Views never query these directly: they call the data-layer functions
in the neighbouring modules."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dhr.extensions import db

from .due import is_due_soon, is_overdue, utcnow
from .numbering import KEY_LENGTH, number_key
from .vocab import CLOSED_STATUSES, STATUS_LABELS, Assessment, NotifyBy, Stage, Status


def _link_table(name: str, left: str, right: str) -> Table:
    return Table(
        name,
        db.metadata,
        Column(f"{left}_id", ForeignKey(f"{left}.id", ondelete="CASCADE"), primary_key=True),
        Column(f"{right}_id", ForeignKey(f"{right}.id", ondelete="CASCADE"), primary_key=True),
    )


finding_themes = _link_table("finding_theme", "finding", "theme")
finding_agencies = _link_table("finding_agency", "finding", "agency")
recommendation_themes = _link_table("recommendation_theme", "recommendation", "theme")
recommendation_supporters = _link_table("recommendation_supporter", "recommendation", "agency")
review_themes = _link_table("review_theme", "review", "theme")
review_panel_agencies = _link_table("review_panel_agency", "review", "agency")
collection_findings = _link_table("collection_finding", "collection", "finding")
# The findings a recommendation answers (findings of its own review: dhr.data.recommendations checks).
recommendation_findings = _link_table("recommendation_finding", "recommendation", "finding")
_IN_NUMBER_ORDER = "[Recommendation.number_key, Recommendation.position]"  # dhr.data.numbering


class Agency(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Where a national body's named contact is sent the recommendations made to it.
    contact_email: Mapped[str] = mapped_column(String(254), default="", server_default="")

    @property
    def is_national(self) -> bool:
        return self.kind == "national"

    def __repr__(self) -> str:
        return f"<Agency {self.name}>"


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20))
    agency_id: Mapped[Optional[int]] = mapped_column(ForeignKey("agency.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_sign_in_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    notify_by: Mapped[str] = mapped_column(String(20), default=NotifyBy.IMMEDIATE, server_default=NotifyBy.IMMEDIATE)

    agency: Mapped[Optional[Agency]] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class Theme(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(40))
    synonyms: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("theme.id"))
    strategy_priority: Mapped[Optional[int]] = mapped_column(Integer)
    retired_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)

    parent: Mapped[Optional[Theme]] = relationship(remote_side=[id])

    @property
    def synonym_list(self) -> list[str]:
        parts = self.synonyms.replace("\n", ",").split(",")
        return [p.strip() for p in parts if p.strip()]

    @property
    def retired(self) -> bool:
        return self.retired_at is not None

    def __repr__(self) -> str:
        return f"<Theme {self.name}>"


class Review(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    review_type: Mapped[str] = mapped_column(String(20))
    death_category: Mapped[str] = mapped_column(String(40))
    pseudonym: Mapped[str] = mapped_column(String(100))
    stage: Mapped[str] = mapped_column(String(40), default=Stage.NOTIFIED)
    chair_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    summary: Mapped[str] = mapped_column(Text, default="")
    restricted_notes: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    # A published review whose public text was changed with an item the publication check flags
    # is withdrawn from the public until the item is fixed or accepted.
    publication_held: Mapped[bool] = mapped_column(Boolean, default=False)
    never_publish_terms: Mapped[str] = mapped_column(Text, default="")

    notified_on: Mapped[dt.date] = mapped_column(Date)
    decision_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    home_office_notified_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    scoping_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    set_up_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    information_gathering_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    drafting_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    family_saw_draft_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    signed_off_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    submitted_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    resubmission_requested_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    approved_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    published_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    published_url: Mapped[str] = mapped_column(String(500), default="", server_default="")
    commissioner_copy_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    library_uploaded_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    # Family involvement (restricted, as dhr.data.family_models): who chose the pseudonym, the tribute.
    pseudonym_chosen_by: Mapped[str] = mapped_column(String(20), default="", server_default="")
    family_tribute: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Set-up: when the terms of reference were agreed; the independent chair's declaration.
    terms_agreed_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    independence_declared_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    independence_statement: Mapped[str] = mapped_column(Text, default="", server_default="")
    monitoring_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    closed_on: Mapped[Optional[dt.date]] = mapped_column(Date)

    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    chair: Mapped[Optional[User]] = relationship()
    pauses: Mapped[list[Pause]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="Pause.started_on"
    )
    findings: Mapped[list[Finding]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="Finding.position"
    )
    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by=_IN_NUMBER_ORDER)
    family_contacts: Mapped[list["FamilyContact"]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="FamilyContact.offered_on")
    qa_rounds: Mapped[list["QaPanelRound"]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="QaPanelRound.number")
    documents: Mapped[list[Document]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="Document.uploaded_at"
    )
    own_themes: Mapped[list[Theme]] = relationship(secondary=review_themes)
    panel_agencies: Mapped[list[Agency]] = relationship(secondary=review_panel_agencies)

    @property
    def themes(self) -> list[Theme]:
        """A review's themes: its own plus those of its findings and recommendations."""
        seen: dict[int, Theme] = {t.id: t for t in self.own_themes}
        for item in [*self.findings, *self.recommendations]:
            for theme in item.themes:
                seen.setdefault(theme.id, theme)
        return sorted(seen.values(), key=lambda t: t.name)

    @property
    def open_pause(self) -> Optional[Pause]:
        return next((p for p in self.pauses if p.ended_on is None), None)

    @property
    def is_paused(self) -> bool:
        return self.open_pause is not None

    def __repr__(self) -> str:
        return f"<Review {self.reference}>"


class Pause(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    started_on: Mapped[dt.date] = mapped_column(Date)
    ended_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")

    review: Mapped[Review] = relationship(back_populates="pauses")


class Finding(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # Learning recorded early, by the scoping review, before the full review reports.
    early_learning: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    review: Mapped[Review] = relationship(back_populates="findings")
    themes: Mapped[list[Theme]] = relationship(secondary=finding_themes)
    agencies: Mapped[list[Agency]] = relationship(secondary=finding_agencies)
    recommendations: Mapped[list[Recommendation]] = relationship(
        secondary=recommendation_findings, back_populates="findings", order_by=_IN_NUMBER_ORDER)

    @property
    def audit_label(self) -> str:
        return f"Finding {self.position}"


class Recommendation(db.Model):
    """A recommendation of a review. Its actions carry the work; its status, target date and
    date of completion are derived from theirs (dhr.data.actions) and stored for lists to query."""

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(20))
    # The number as it sorts (dhr.data.numbering); byte order on PostgreSQL as on SQLite.
    number_key: Mapped[str] = mapped_column(
        String(KEY_LENGTH).with_variant(String(KEY_LENGTH, collation="C"), "postgresql"), default="", nullable=False)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(String(20), default="local")
    lead_agency_id: Mapped[Optional[int]] = mapped_column(ForeignKey("agency.id"), index=True)
    target_date: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(40), default=Status.NOT_STARTED, index=True)
    completed_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    strategy_priority: Mapped[Optional[int]] = mapped_column(Integer)
    # The holder of the review's immediate actions from its scoping review (dhr.data.scoping).
    from_scoping: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    intended_outcome: Mapped[str] = mapped_column(Text, default="", server_default="")
    outcome_measure: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The quality advice shown when it was last saved (flag names, comma-separated, FLAGS order) and
    # whether the chair chose to keep it as written despite them.
    quality_flags: Mapped[str] = mapped_column(String(200), default="", server_default="")
    quality_kept: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("review_id", "number", name="uq_recommendation_review_number"),)

    review: Mapped[Review] = relationship(back_populates="recommendations")
    lead_agency: Mapped[Optional[Agency]] = relationship()
    supporting_agencies: Mapped[list[Agency]] = relationship(secondary=recommendation_supporters)
    themes: Mapped[list[Theme]] = relationship(secondary=recommendation_themes)
    findings: Mapped[list[Finding]] = relationship(
        secondary=recommendation_findings, back_populates="recommendations", order_by="Finding.position")
    actions: Mapped[list["Action"]] = relationship(
        back_populates="recommendation", cascade="all, delete-orphan", order_by="Action.position"
    )
    updates: Mapped[list[RecommendationUpdate]] = relationship(
        back_populates="recommendation",
        cascade="all, delete-orphan",
        order_by="RecommendationUpdate.created_at",
    )

    @property
    def audit_label(self) -> str:
        return f"Recommendation {self.number}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def is_overdue(self, today: Optional[dt.date] = None) -> bool:
        return is_overdue(self.target_date, self.is_closed, today)

    def is_due_soon(self, today: Optional[dt.date] = None, days: int = 30) -> bool:
        return is_due_soon(self.target_date, self.is_closed, today, days)

    @property
    def is_national(self) -> bool:
        return self.scope == "national" or bool(self.lead_agency and self.lead_agency.is_national)


@event.listens_for(Recommendation.number, "set")
def _keep_number_key(rec: Recommendation, number, _old, _initiator) -> None:
    rec.number_key = number_key(number or "")


class RecommendationUpdate(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendation.id", ondelete="CASCADE"), index=True
    )
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    # The form's one-time key: the same submission sent twice (a double click, a lost answer) saves once.
    submission_key: Mapped[Optional[str]] = mapped_column(String(64), unique=True)
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    agency_id: Mapped[Optional[int]] = mapped_column(ForeignKey("agency.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    narrative: Mapped[str] = mapped_column(Text)
    proposed_status: Mapped[Optional[str]] = mapped_column(String(40))
    assessment: Mapped[str] = mapped_column(String(20), default=Assessment.PENDING)
    assessment_message: Mapped[str] = mapped_column(Text, default="")
    evidence_grade: Mapped[Optional[str]] = mapped_column(String(30))  # EvidenceGrade, given on verification
    assessed_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    assessed_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)

    recommendation: Mapped[Recommendation] = relationship(back_populates="updates")
    action: Mapped["Action"] = relationship(back_populates="updates")
    author: Mapped[Optional[User]] = relationship(foreign_keys=[author_id])
    assessed_by: Mapped[Optional[User]] = relationship(foreign_keys=[assessed_by_id])
    agency: Mapped[Optional[Agency]] = relationship()
    evidence: Mapped[list[Document]] = relationship(back_populates="update")


class Document(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[Optional[int]] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    update_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("recommendation_update.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(255), unique=True)
    extracted_text: Mapped[str] = mapped_column(Text, default="")
    uploaded_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    review: Mapped[Optional[Review]] = relationship(back_populates="documents")
    update: Mapped[Optional[RecommendationUpdate]] = relationship(back_populates="evidence")
    uploaded_by: Mapped[Optional[User]] = relationship()


class Collection(db.Model):
    """A trainer's case-study collection of findings."""

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    owner: Mapped[User] = relationship()
    findings: Mapped[list[Finding]] = relationship(secondary=collection_findings)


class AuditEvent(db.Model):
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(254), default="system")
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[Optional[int]] = mapped_column(Integer, index=True)
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    remote_addr: Mapped[Optional[str]] = mapped_column(String(64))

    # A thing's history: its type and ids together (by type alone, a review's findings meant
    # reading every finding's events). The audit trail's filters by person and by action, newest first.
    __table_args__ = (
        Index("ix_audit_event_entity", "entity_type", "entity_id"),
        Index("ix_audit_event_user_at", "user_id", "at"),
        Index("ix_audit_event_action_at", "action", "at"),
    )


from . import api_token_models, briefing_models, contribution_models, external_models, national_models  # noqa: E402,F401
from .action_models import Action, AgencyAlias, TargetDateChange  # noqa: E402,F401  (the action tables)
from .family_models import FamilyContact  # noqa: E402,F401  (family involvement)
from .panel_models import PanelMember, ParallelProcess  # noqa: E402,F401  (the panel, parallel processes)
from .qa_panel_models import QaPanelRound  # noqa: E402,F401  (the Home Office Quality Assurance Panel)
from .service_models import SearchOutbox, Setting, SignInThrottle, UserSession  # noqa: E402,F401

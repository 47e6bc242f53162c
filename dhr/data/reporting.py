"""Reading what the PDFs and spreadsheets contain, with each user's access applied in the query."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import Select, exists, extract, func, or_, select
from sqlalchemy.orm import selectinload

from dhr.dates import parse_year
from dhr.extensions import db
from dhr.numbers import parse_whole

from . import plan_columns, policy, vocab
from .models import (
    Action,
    Collection,
    Finding,
    PanelMember,
    Recommendation,
    RecommendationUpdate,
    Review,
    Theme,
    User,
    finding_agencies,
    finding_themes,
    review_panel_agencies,
)
from .numbering import in_number_order
from .policy import qa_panel as qa_policy
from .qa_panel_models import QaPanelRound

_REVIEW_LOADS = (
    selectinload(Review.qa_rounds).selectinload(QaPanelRound.areas),
    selectinload(Review.findings).selectinload(Finding.themes),
    selectinload(Review.recommendations).selectinload(Recommendation.themes),
    selectinload(Review.recommendations).selectinload(Recommendation.lead_agency),
    selectinload(Review.recommendations).selectinload(Recommendation.supporting_agencies),
    selectinload(Review.own_themes),
    selectinload(Review.pauses),
    selectinload(Review.chair),
    selectinload(Review.panel_members).selectinload(PanelMember.agency),
    selectinload(Review.parallel_processes),
)


def review_for(user: User, review_id: int) -> Optional[Review]:
    """A review with everything its learning summary and action plan show, if `user` may see it."""
    return db.session.scalar(
        policy.reviews_visible_to(user, select(Review).where(Review.id == review_id)).options(*_REVIEW_LOADS))


# ------------------------------------------------------------ agency progress


@dataclass
class ProgressItem:
    action: Action
    latest_update: Optional[RecommendationUpdate]
    overdue: bool


@dataclass
class ProgressSection:
    title: str
    items: list[ProgressItem]


def agency_progress_size(agency_id: int) -> int:
    """How many actions an agency's progress report holds (a count, not the report)."""
    return db.session.scalar(policy.actions_led_by(select(func.count(Action.id)), agency_id))


def agency_progress(agency_id: int, today: dt.date | None = None) -> list[ProgressSection]:
    """Every action an agency leads: overdue first, then by status, with the latest update."""
    today = today or dt.date.today()
    actions = list(db.session.scalars(
        policy.actions_led_by(select(Action), agency_id)
        .options(selectinload(Action.recommendation).selectinload(Recommendation.review),
                 selectinload(Action.updates).selectinload(RecommendationUpdate.author))
        .order_by(Action.target_date.is_(None), Action.target_date, Action.id)))
    items = [ProgressItem(a, a.updates[-1] if a.updates else None, a.is_overdue(today)) for a in actions]
    sections = [ProgressSection("Overdue", [i for i in items if i.overdue])]
    for status, label in vocab.STATUS_LABELS.items():
        sections.append(ProgressSection(
            label, [i for i in items if not i.overdue and i.action.status == status]))
    return [s for s in sections if s.items]


# ------------------------------------------------------------ case studies


@dataclass
class CaseStudy:
    """A finding with the recommendations answering it; the last case of a review in a pack also
    carries, once, the review's recommendations that answer no finding."""

    finding: Finding
    review: Review
    recommendations: list[Recommendation]
    unlinked: list[Recommendation] = field(default_factory=list)


def _case_studies(findings: list[Finding]) -> list[CaseStudy]:
    cases = [CaseStudy(f, f.review, in_number_order(f.recommendations)) for f in findings]
    last_of_review = {case.review.id: case for case in cases}
    for case in last_of_review.values():
        case.unlinked = [r for r in case.review.recommendations if not r.findings]
    return cases


_FINDING_LOADS = (
    selectinload(Finding.themes),
    selectinload(Finding.recommendations).selectinload(Recommendation.lead_agency),
    selectinload(Finding.review).selectinload(Review.recommendations).selectinload(Recommendation.findings),
    selectinload(Finding.review).selectinload(Review.recommendations).selectinload(Recommendation.themes),
    selectinload(Finding.review).selectinload(Review.recommendations).selectinload(Recommendation.lead_agency),
)


def theme_case_studies(theme_id: int, include_unpublished: bool = False) -> list[CaseStudy]:
    """Findings tagged with a theme (or one of its narrower themes), published reviews only unless
    `include_unpublished` (the caller decides who may ask for that)."""
    query = (_theme_findings(select(Finding), theme_id, include_unpublished).options(*_FINDING_LOADS)
             .order_by(Review.notified_on.desc(), Review.id, Finding.position))
    return _case_studies(list(db.session.scalars(query)))


def theme_case_study_count(theme_id: int, include_unpublished: bool = False) -> int:
    """How many case studies theme_case_studies would give (a count, not the findings)."""
    return db.session.scalar(_theme_findings(select(func.count(Finding.id)), theme_id, include_unpublished))


def _theme_findings(query: Select, theme_id: int, include_unpublished: bool) -> Select:
    theme_ids = [theme_id, *db.session.scalars(select(Theme.id).where(Theme.parent_id == theme_id))]
    query = query.select_from(Finding).join(Review).where(
        exists().where(finding_themes.c.finding_id == Finding.id, finding_themes.c.theme_id.in_(theme_ids)))
    return query if include_unpublished else policy.publicly_shown(query)


def collection_case_studies(collection: Collection, include_unpublished: bool = False) -> tuple[list[CaseStudy], int]:
    """The collection's findings as case studies, and how many were left out as unpublished."""
    ids = [f.id for f in collection.findings]
    if not ids:
        return [], 0
    query = (select(Finding).join(Review).where(Finding.id.in_(ids)).options(*_FINDING_LOADS)
             .order_by(Review.notified_on.desc(), Review.id, Finding.position))
    findings = list(db.session.scalars(query))
    kept = [f for f in findings if include_unpublished or policy.shown_publicly(f.review)]
    return _case_studies(kept), len(findings) - len(kept)


# ------------------------------------------------------------ spreadsheets


@dataclass(frozen=True)
class ListFilters:
    """The list pages' filters, read from the query string: stage, type, year, agency, status."""

    stage: Optional[str] = None
    review_type: Optional[str] = None
    year: Optional[int] = None
    agency_id: Optional[int] = None
    status: Optional[str] = None

    @classmethod
    def from_args(cls, args) -> "ListFilters":
        def choice(name, allowed):
            value = (args.get(name) or "").strip()
            return value if value in allowed else None

        return cls(
            stage=choice("stage", {s.value for s in vocab.Stage}),
            review_type=choice("type", {t.value for t in vocab.ReviewType}),
            year=parse_year(args.get("year")),
            agency_id=parse_whole(args.get("agency")),
            status=choice("status", {s.value for s in vocab.Status}),
        )


def _filter_reviews(query: Select, filters: ListFilters) -> Select:
    if filters.stage:
        query = query.where(Review.stage == filters.stage)
    if filters.review_type:
        query = query.where(Review.review_type == filters.review_type)
    if filters.year:
        query = query.where(extract("year", Review.notified_on) == filters.year)
    return query


def _review_has_agency(agency_id: int):
    return or_(
        exists().where(review_panel_agencies.c.review_id == Review.id, review_panel_agencies.c.agency_id == agency_id),
        exists().where(Recommendation.review_id == Review.id, Recommendation.lead_agency_id == agency_id),
    )


def _review_has_status(status: str):
    return exists().where(Recommendation.review_id == Review.id, Recommendation.status == status)


REVIEW_HEADERS = ["Reference", "Type", "Death category", "Pseudonym", "Stage", "Published", "Notified",
                  "Decision", "Submitted to the Home Office", "Published on", "Themes", "Findings",
                  "Recommendations", "Scoping review began", "Panel members", "Terms of reference agreed",
                  "Chair's declaration of independence", "Parallel processes", "Home Office asked for resubmission",
                  "Approved by the Home Office", "Areas for final development open"]
FINDING_HEADERS = ["Review", "Review type", "Finding number", "Finding", "Themes", "Agencies",
                   "Early learning from scoping"]
RECOMMENDATION_HEADERS = ["Review", "Number", plan_columns.RECOMMENDATION, "Scope", plan_columns.ACTION,
                          plan_columns.LEAD_AGENCY, "Supporting agencies", plan_columns.MILESTONES,
                          plan_columns.TARGET_DATE, "Status", "Overdue", "Date of completion", "Outcome",
                          "Strategy priority", "Themes", "Immediate action from scoping"]


def review_rows(user: User, filters: ListFilters) -> list[list]:
    query = _filter_reviews(policy.reviews_visible_to(user, select(Review)), filters)
    if filters.agency_id:
        query = query.where(_review_has_agency(filters.agency_id))
    if filters.status:
        query = query.where(_review_has_status(filters.status))
    query = query.options(*_REVIEW_LOADS).order_by(Review.notified_on, Review.reference)
    return [[
        r.reference, vocab.REVIEW_TYPE_LABELS.get(r.review_type, r.review_type),
        vocab.DEATH_CATEGORY_LABELS.get(r.death_category, r.death_category), r.pseudonym,
        vocab.STAGE_LABELS.get(r.stage, r.stage), r.published, r.notified_on, r.decision_on, r.submitted_on,
        r.published_on, "; ".join(t.name for t in r.themes), len(r.findings), len(r.recommendations), r.scoping_on,
        "; ".join(f"{m.agency.name}: {m.role}" for m in r.panel_members), r.terms_agreed_on,
        r.independence_declared_on, "; ".join(_process_words(p) for p in r.parallel_processes),
        r.resubmission_requested_on, r.approved_on, _open_areas(user, r),
    ] for r in db.session.scalars(query)]


def _process_words(process) -> str:
    """A parallel process in an export: "Inquest COR-88, 2024-02-05 to 2024-06-01, PFD report 2024-06-14"."""
    words = f"{process.kind_label} {process.reference}".strip()
    words += f", {process.started_on.isoformat()} to {process.ended_on.isoformat() if process.ended_on else 'now'}"
    if process.pfd_report_on:
        words += f", PFD report {process.pfd_report_on.isoformat()}"
    return words


def _open_areas(user: User, review: Review) -> Optional[int]:
    """The areas for final development open on the panel's latest letter, for those who see the panel."""
    if not review.qa_rounds or not qa_policy.may_see_qa_panel(user, review):
        return None
    return len(review.qa_rounds[-1].open_areas)


def finding_rows(user: User, filters: ListFilters) -> list[list]:
    reviews = _filter_reviews(policy.reviews_visible_to(user, select(Review.id)), filters)
    if filters.status:
        reviews = reviews.where(_review_has_status(filters.status))
    query = (select(Finding).join(Review).where(Finding.review_id.in_(reviews.scalar_subquery()))
             .options(selectinload(Finding.themes), selectinload(Finding.agencies), selectinload(Finding.review))
             .order_by(Review.notified_on, Review.reference, Finding.position))
    if filters.agency_id:
        query = query.where(or_(
            exists().where(finding_agencies.c.finding_id == Finding.id,
                           finding_agencies.c.agency_id == filters.agency_id),
            _review_has_agency(filters.agency_id)))
    return [[
        f.review.reference, vocab.REVIEW_TYPE_LABELS.get(f.review.review_type, f.review.review_type), f.position,
        f.text, "; ".join(t.name for t in f.themes), "; ".join(a.name for a in f.agencies), f.early_learning,
    ] for f in db.session.scalars(query)]


def recommendation_rows(user: User, filters: ListFilters, today: dt.date | None = None) -> list[list]:
    today = today or dt.date.today()
    reviews = _filter_reviews(policy.reviews_visible_to(user, select(Review.id)), filters)
    query = (policy.recommendations_visible_to(user, select(Recommendation)).join(Review)
             .where(Recommendation.review_id.in_(reviews.scalar_subquery()))
             .options(selectinload(Recommendation.themes), selectinload(Recommendation.lead_agency),
                      selectinload(Recommendation.supporting_agencies), selectinload(Recommendation.review),
                      selectinload(Recommendation.actions).selectinload(Action.lead_agency))
             .order_by(Review.notified_on, Review.reference, Recommendation.number_key, Recommendation.position))
    if filters.agency_id:
        query = policy.involving_agency(query, filters.agency_id, include_supporting=False)
    if filters.status:
        query = query.where(Recommendation.status == filters.status)
    return [[
        r.review.reference, a.number, r.text, vocab.SCOPE_LABELS.get(r.scope, r.scope), a.text,
        a.lead_agency.name if a.lead_agency else "", "; ".join(s.name for s in r.supporting_agencies),
        a.milestones, a.target_date, a.status_label, a.is_overdue(today), a.completed_on, a.outcome,
        f"{r.strategy_priority}. {vocab.STRATEGY_PRIORITIES[r.strategy_priority]}"
        if r.strategy_priority in vocab.STRATEGY_PRIORITIES else "",
        "; ".join(t.name for t in r.themes), r.from_scoping,
    ] for r in db.session.scalars(query) for a in r.actions]


SPREADSHEETS = {
    "reviews": ("Reviews", REVIEW_HEADERS, review_rows),
    "findings": ("Findings", FINDING_HEADERS, finding_rows),
    "recommendations": ("Recommendations", RECOMMENDATION_HEADERS, recommendation_rows),
}

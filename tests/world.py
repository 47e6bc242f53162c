"""A small, complete set of rows for tests that walk every route: one of each thing, linked
so that every role is entitled to what it should see (the agency leads the recommendation and
sat on the panel; the chair chairs the review; the review is published)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dhr.data import commit, uploads
from dhr.data.models import (
    Agency,
    Collection,
    Document,
    Finding,
    Recommendation,
    RecommendationUpdate,
    Review,
    Theme,
    User,
)
from dhr.extensions import db
from search import indexing


@dataclass
class World:
    users: dict[str, User]
    agency: Agency
    other_agency: Agency
    review: Review
    unpublished_review: Review
    finding: Finding
    recommendation: Recommendation
    other_recommendation: Recommendation
    update: RecommendationUpdate
    document: Document
    evidence: Document
    collection: Collection
    theme: Theme

    def url_values(self) -> dict[str, int]:
        """Values for URL variables, by the names routes use."""
        ids = {
            "review": self.review.id,
            "finding": self.finding.id,
            "recommendation": self.recommendation.id,
            "rec": self.recommendation.id,
            "update": self.update.id,
            "document": self.document.id,
            "evidence": self.evidence.id,
            "collection": self.collection.id,
            "theme": self.theme.id,
            "agency": self.agency.id,
            "user": self.users["trainer"].id,
            "pause": 0,
        }
        values = {f"{name}_id": value for name, value in ids.items()}
        values.update(ids)
        return values


def build_world(make_user) -> World:
    police = Agency(name="Police", kind="police", active=True)
    housing = Agency(name="Housing", kind="housing", active=True)
    db.session.add_all([police, housing])
    commit()
    users = {role: make_user(role, agency_name="Police") for role in ("admin", "chair", "agency", "trainer")}
    theme = Theme(name="Coercive control", kind="learning", description="A pattern of control.",
                  synonyms="controlling behaviour")
    review = Review(
        reference="BDHR2019/20-01", review_type="dhr", death_category="intimate_partner", pseudonym="Ada",
        stage="published", chair=users["chair"], summary="Ada was killed by her former partner after she left.",
        published=True, notified_on=dt.date(2019, 5, 1), decision_on=dt.date(2019, 5, 20),
        set_up_on=dt.date(2019, 6, 1), information_gathering_on=dt.date(2019, 7, 1),
        drafting_on=dt.date(2019, 11, 1), signed_off_on=dt.date(2020, 1, 10), submitted_on=dt.date(2020, 1, 20),
        approved_on=dt.date(2020, 4, 1), published_on=dt.date(2020, 5, 1), panel_agencies=[police],
    )
    hidden = Review(
        reference="BDHR2023/24-02", review_type="dhr", death_category="intimate_partner", pseudonym="Bea",
        stage="drafting", chair=users["chair"], summary="Unpublished summary about Bea.", published=False,
        notified_on=dt.date(2023, 6, 1), decision_on=dt.date(2023, 6, 20), set_up_on=dt.date(2023, 7, 1),
        information_gathering_on=dt.date(2023, 8, 1), drafting_on=dt.date(2024, 1, 1), panel_agencies=[housing],
    )
    finding = Finding(review=review, position=1, text="Agencies missed the coercive control Ada described.",
                      themes=[theme], agencies=[police])
    recommendation = Recommendation(
        review=review, number="1", position=1, text="Police should train officers on coercive control.",
        scope="local", lead_agency=police, action_to_take="Deliver training", milestones="Course designed",
        target_date=dt.date(2021, 3, 31), status="on_track", strategy_priority=3, themes=[theme],
    )
    other = Recommendation(
        review=hidden, number="1", position=1, text="Housing should ask about abuse at every tenancy visit.",
        scope="local", lead_agency=housing, target_date=dt.date(2025, 3, 31), status="not_started",
    )
    db.session.add_all([theme, review, hidden, finding, recommendation, other])
    commit()
    update = RecommendationUpdate(recommendation=recommendation, author=users["agency"], agency=police,
                                  narrative="Training designed.", proposed_status="on_track")
    db.session.add(update)
    commit()
    document = _document(review, None, "overview_report", b"Overview report text about Ada.", users["chair"])
    evidence = _document(None, update, "evidence", b"%PDF-1.4\n%%EOF", users["agency"])
    collection = Collection(owner=users["trainer"], name="Coercive control cases", findings=[finding])
    db.session.add(collection)
    commit()
    indexing.rebuild()
    return World(users, police, housing, review, hidden, finding, recommendation, other, update,
                 document, evidence, collection, theme)


def _document(review, update, kind, content, user) -> Document:
    checked = uploads.check("file.pdf" if content.startswith(b"%PDF") else "file.txt", content, {"pdf", "text"})
    document = Document(
        review=review, update=update, kind=kind, filename=checked.filename, content_type=checked.content_type,
        size_bytes=len(content), sha256=checked.sha256, storage_key=uploads.store(checked),
        extracted_text=content.decode("utf-8", "replace") if checked.kind == "text" else "", uploaded_by=user,
    )
    db.session.add(document)
    commit()
    return document

"""Who records a review's Home Office Quality Assurance Panel rounds, and when the panel's letter
is public (beside the policy package's other rules; callers import it from here).

- The panel's rounds, letters and areas for final development are recorded by the coordinator
  and the review's own chair, and seen by the partnership.
- The letter is a document of the review: it stays with the partnership and the agencies
  involved, unless its round says to publish it with the report; then it is shown to the public
  (trainers, every agency) as the published reports are, once the review is shown publicly."""
from __future__ import annotations

from sqlalchemy import ColumnElement, select

from ..models import Document, Review, User
from ..qa_panel_models import QaPanelRound
from ..vocab import DocumentKind
from . import is_partnership, may_change_review


def may_see_qa_panel(user: User, review: Review) -> bool:
    return is_partnership(user)


def may_record_qa_panel(user: User, review: Review) -> bool:
    return may_change_review(user, review)


def letter_published(document: Document) -> bool:
    """A Quality Assurance Panel letter its round publishes with the report."""
    if document.kind != DocumentKind.HOME_OFFICE_LETTER or document.review is None:
        return False
    return any(r.publish_letter and r.letter_document_id == document.id for r in document.review.qa_rounds)


def published_letters() -> ColumnElement[bool]:
    """letter_published, as a condition on a query over Document."""
    chosen = select(QaPanelRound.letter_document_id).where(QaPanelRound.publish_letter.is_(True),
                                                           QaPanelRound.letter_document_id.is_not(None))
    return Document.id.in_(chosen)

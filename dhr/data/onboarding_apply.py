"""Saving a bulk import (planned by dhr.data.onboarding): each file checked again as the service
now is, then an action plan saved all or nothing by the single import's rules, and a report
stored on its review with its text read, so its draft recommendations await the chair. Every
file is audited; the outcome of each is what the result page shows."""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Callable

from dhr.extensions import db
from dhr.wording import counted

from . import action_plans, audit, documents, theme_tagging
from .batch_files import BatchEntry
from .errors import DataError
from .extraction import Extracted
from .models import Review, User
from .onboarding import PLAN, PROBLEM, READY, UNCHANGED, BatchItem, plan
from .plan_parsed import ParsedPlan
from .proposals import propose

SAVED = "saved"
# Progress is saved (and the files saved so far committed) at most this often, and before the
# last file: each commit also brings the search index up to date, which costs more than a file.
PROGRESS_SECONDS = 2.0
# Records the quality advice on a plan's new recommendations (it needs the search index, so the
# caller gives it).
Advise = Callable[[ParsedPlan, Review, User], None]


@dataclass
class Outcome:
    """What happened to one file, as the result page says it."""

    name: str
    kind: str
    state: str  # saved, unchanged or problem
    words: str
    review_id: int | None = None
    reference: str = ""
    problems: tuple[str, ...] = ()
    document_id: int | None = None


def _read(document) -> str:
    try:
        extracted: Extracted = documents.read_text(document)
    except DataError as problem:
        return f"; its text could not be read ({problem})"
    if not extracted.text:
        return "; no text was found in it (a scanned image?)"
    found = len(propose(extracted.text))
    if not found:
        return "; no draft recommendations were found in it"
    return f"; {counted(found, 'draft recommendation')} found in it await the chair"


def _save(item: BatchItem, user: User) -> Outcome:
    review = item.review
    if item.kind == PLAN:
        counts = action_plans.save(review, item.plan, user)
        audit.record("action_plan_imported", "review", review.id, filename=item.name, mapped_names=[], in_bulk=True,
                     **counts)
        return Outcome(item.name, item.kind_label, SAVED, item.summary, review.id, review.reference)
    document = documents.add_report(review, item.kind, item.name, item.upload.content, user)
    words = f"Stored as the {item.kind_label.lower()} of {review.reference}" + _read(document)
    return Outcome(item.name, item.kind_label, SAVED, words, review.id, review.reference, document_id=document.id)


def _saved(item: BatchItem, user: User) -> Outcome:
    """The file saved, or (its changes undone) the reason it could not be."""
    try:
        with db.session.begin_nested():
            return _save(item, user)
    except DataError as problem:
        item.problems.append(str(problem))
        return outcome_of(item)


def outcome_of(item: BatchItem) -> Outcome:
    """A file not saved: already as the service has it, or with the problems that stopped it."""
    review = item.review
    if item.state == UNCHANGED:
        return Outcome(item.name, item.kind_label, UNCHANGED, item.summary, review.id, review.reference)
    words = f"Matched to {item.match_words}" if item.reviews else ""
    return Outcome(item.name, item.kind_label, PROBLEM, words, review.id if review else None,
                   review.reference if review else "", tuple(item.problems))


def run(entries: list[BatchEntry], user: User, kinds: dict[int, str], progress: Callable[[int, int, str], None],
        batch_name: str, advise: Advise | None = None) -> list[Outcome]:
    """Check the batch again and save each ready file, saying progress(done, total, label) as it
    goes; `advise` records the quality advice on a plan's new recommendations before it is saved."""
    planned = plan(entries, user, kinds)
    for item in planned.items:  # all before any is saved: the search index the advice reads catches up once
        if advise is not None and item.state == READY and item.kind == PLAN:
            advise(item.plan, item.review, user)
    total, reported = len(planned.items) + 1, 0.0
    outcomes = []
    for number, item in enumerate(planned.items, start=1):
        if time.monotonic() - reported >= PROGRESS_SECONDS or number == len(planned.items):
            progress(number, total, f"File {number} of {len(planned.items)}: {item.name}")
            reported = time.monotonic()
        outcomes.append(_saved(item, user) if item.state == READY else outcome_of(item))
    saved = [o for o in outcomes if o.state == SAVED]
    audit.record("files_imported", "review", None, filename=batch_name, files=len(saved),
                 unchanged=sum(o.state == UNCHANGED for o in outcomes),
                 not_saved=sum(o.state == PROBLEM for o in outcomes))
    return outcomes


def untagged_reviews(outcomes: list[dict], get: Callable[[int], Review | None]) -> list[tuple[Review, int]]:
    """Each review the batch touched whose findings or recommendations have no theme, with how many."""
    found = []
    for review_id in dict.fromkeys(o.get("review_id") for o in outcomes if o.get("review_id")):
        review = get(review_id)
        if review is not None and (count := len(theme_tagging.untagged(review))):
            found.append((review, count))
    return found


def as_dicts(outcomes: list[Outcome]) -> list[dict]:
    return [asdict(o) for o in outcomes]

"""Trainers' case-study collections of findings: each user's own, holding only findings of
reviews the user may see."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import paging, policy
from .errors import DataError
from .learning import visible_finding
from .models import Collection, Finding, Review, collection_findings

# The most findings a set of case studies holds (a collection, or a theme's pack): past this it is
# too long to teach from, and its PDF too long to prepare.
MAX_FINDINGS = 400


class CollectionError(DataError):
    """A plain reason the collection cannot be changed."""


class CollectionFull(CollectionError):
    """The collection already holds MAX_FINDINGS findings."""


def owned_by(user) -> list[Collection]:
    return list(db.session.scalars(
        select(Collection).where(Collection.owner_id == user.id).order_by(Collection.name, Collection.id)
    ))


def holding(user, finding_ids) -> dict[int, list[Collection]]:
    """For each of these findings, the user's own collections that hold it (by name)."""
    ids = list(finding_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(collection_findings.c.finding_id, Collection)
        .join(Collection, Collection.id == collection_findings.c.collection_id)
        .where(Collection.owner_id == user.id, collection_findings.c.finding_id.in_(ids))
        .order_by(Collection.name, Collection.id))
    held: dict[int, list[Collection]] = {}
    for finding_id, collection in rows:
        held.setdefault(finding_id, []).append(collection)
    return held


def get(collection_id: int) -> Collection | None:
    return db.session.get(Collection, collection_id)


def create(user, name: str) -> Collection:
    name = " ".join(name.split())
    if not name:
        raise CollectionError("Enter a name for the collection")
    if any(c.name.lower() == name.lower() for c in owned_by(user)):
        raise CollectionError("You already have a collection with that name")
    collection = Collection(owner_id=user.id, name=name)
    db.session.add(collection)
    db.session.flush()
    return collection


def delete(collection: Collection) -> None:
    db.session.delete(collection)
    db.session.flush()


def add_finding(user, collection: Collection, finding_id: int) -> Finding:
    """Add a finding the user may see; adding one twice changes nothing."""
    finding = visible_finding(user, finding_id)
    if finding is None:
        raise CollectionError("That finding is not available to you")
    if finding not in collection.findings:
        if len(collection.findings) >= MAX_FINDINGS:
            raise CollectionFull(f"A collection holds at most {MAX_FINDINGS} findings. Start another collection "
                                  "for these, or remove some you no longer need.")
        collection.findings.append(finding)
        db.session.flush()
    return finding


def remove_finding(collection: Collection, finding_id: int) -> None:
    collection.findings[:] = [f for f in collection.findings if f.id != finding_id]
    db.session.flush()


_FINDINGS_HELD = (select(func.count()).where(collection_findings.c.collection_id == Collection.id)
                  .correlate(Collection).scalar_subquery())
SORTING = paging.Sorting(
    columns={"name": (Collection.name,), "findings": (_FINDINGS_HELD,)},
    default=(Collection.name.asc(),),
    tie_breaker=Collection.id,
)


def page_owned_by(user, *, number: int = 1, size: int = paging.DEFAULT_SIZE, sort: str | None = None,
                  descending: bool = False) -> paging.Page:
    """A page of the user's collections, each row (Collection, how many findings it holds)."""
    query = select(Collection, _FINDINGS_HELD.label("held")).where(Collection.owner_id == user.id)
    return paging.paginate(query, number, size, order=SORTING.order_by(sort, descending), rows=True)


FINDING_SORTING = paging.Sorting(
    columns={"reference": (Review.reference, Finding.position), "notified": (Review.notified_on, Finding.position)},
    default=(Review.reference.asc(), Finding.position.asc()),
    tie_breaker=Finding.id,
)


def page_of_findings(user, collection: Collection, *, number: int = 1, size: int = paging.DEFAULT_SIZE,
                     sort: str | None = None, descending: bool = False) -> paging.Page:
    """A page of the collection's findings the user may still see (a review can be unpublished
    later): access applied in the query, before the page is cut."""
    query = (select(Finding).join(Review, Review.id == Finding.review_id)
             .join(collection_findings, collection_findings.c.finding_id == Finding.id)
             .where(collection_findings.c.collection_id == collection.id))
    query = policy.findings_visible_to(user, query)
    return paging.paginate(query, number, size, order=FINDING_SORTING.order_by(sort, descending),
                           options=(selectinload(Finding.review),))

"""Trainers' case-study collections of findings: each user's own, holding only findings of
reviews the user may see."""
from __future__ import annotations

from sqlalchemy import select

from dhr.extensions import db

from .errors import DataError
from .learning import visible_finding
from .models import Collection, Finding

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


def visible_findings(user, collection: Collection) -> list[Finding]:
    """The collection's findings the owner may still see (a review can be unpublished later)."""
    return [f for f in collection.findings if visible_finding(user, f.id) is not None]

"""Agencies."""
from __future__ import annotations

from sqlalchemy import select

from dhr.extensions import db

from . import agency_matching
from .models import Agency


def all_agencies(include_inactive: bool = False) -> list[Agency]:
    query = select(Agency).order_by(Agency.name)
    if not include_inactive:
        query = query.where(Agency.active)
    return list(db.session.scalars(query))


def get(agency_id: int) -> Agency | None:
    return db.session.get(Agency, agency_id)


def by_name(name: str) -> Agency | None:
    """The agency (active or not) with this name, as agency_matching matches names."""
    return agency_matching.exact(name, db.session.scalars(select(Agency).order_by(Agency.id)))


def create(name: str, kind: str) -> Agency:
    agency = Agency(name=name.strip(), kind=kind, active=True)
    db.session.add(agency)
    db.session.flush()
    return agency

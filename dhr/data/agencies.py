"""Agencies."""
from __future__ import annotations

from sqlalchemy import func, select

from dhr.extensions import db

from .models import Agency


def all_agencies(include_inactive: bool = False) -> list[Agency]:
    query = select(Agency).order_by(Agency.name)
    if not include_inactive:
        query = query.where(Agency.active)
    return list(db.session.scalars(query))


def get(agency_id: int) -> Agency | None:
    return db.session.get(Agency, agency_id)


def by_name(name: str) -> Agency | None:
    return db.session.scalar(select(Agency).where(func.lower(Agency.name) == name.strip().lower()))


def create(name: str, kind: str) -> Agency:
    agency = Agency(name=name.strip(), kind=kind, active=True)
    db.session.add(agency)
    db.session.flush()
    return agency

"""Small data for the agency and tracker tests: made directly with the models."""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest

from dhr.data import commit
from dhr.data.models import Agency, Finding, Recommendation, Review
from dhr.extensions import db

TODAY = dt.date.today()


def one_page_pdf() -> bytes:
    """A real (blank) one-page PDF: evidence PDFs are opened to check they are not damaged."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = one_page_pdf()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@dataclass
class World:
    police: Agency
    health: Agency
    housing: Agency
    home_office: Agency
    published: Review
    unpublished: Review
    police_overdue: Recommendation  # police lead, in published review, overdue
    police_due_soon: Recommendation  # police lead, due in 10 days
    health_led: Recommendation  # health lead, police supports
    housing_only: Recommendation  # housing lead, police not involved (unpublished review)
    national: Recommendation  # Home Office lead, national scope


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def rec(review: Review, number: str, lead: Agency, target: dt.date | None, text: str, **kw) -> Recommendation:
    item = Recommendation(review=review, number=number, position=int(number), text=text, lead_agency=lead,
                          target_date=target, **kw)
    db.session.add(item)
    return item


def build_world() -> World:
    police = Agency(name="Northshire Police", kind="police")
    health = Agency(name="City Hospital Trust", kind="health")
    housing = Agency(name="City Housing", kind="housing")
    home_office = Agency(name="Home Office", kind="national")
    db.session.add_all([police, health, housing, home_office])
    published = Review(reference="DHR-2023-01", review_type="dhr", death_category="intimate_partner",
                       pseudonym="Anna", notified_on=dt.date(2023, 1, 10), published=True,
                       published_on=dt.date(2024, 2, 1), stage="monitoring",
                       summary="Anna was killed by her former partner after she left him.",
                       restricted_notes="PANEL-ONLY: the perpetrator's probation history.")
    published.panel_agencies = [police]
    published.findings = [Finding(position=1, text="Coercive control was not recognised by services.")]
    unpublished = Review(reference="DHR-2024-07", review_type="dhr", death_category="intimate_partner",
                         pseudonym="Beth", notified_on=dt.date(2024, 5, 1), stage="drafting",
                         restricted_notes="HOUSING-PANEL-ONLY note.")
    unpublished.panel_agencies = [housing]
    db.session.add_all([published, unpublished])
    world = World(
        police=police, health=health, housing=housing, home_office=home_office,
        published=published, unpublished=unpublished,
        police_overdue=rec(published, "1", police, days(-20), "Train officers to recognise coercive control.",
                           status="on_track"),
        police_due_soon=rec(published, "2", police, days(10), "Review DASH completion at the scene."),
        health_led=rec(published, "3", health, days(90), "Routine enquiry in the emergency department.",
                       status="on_track"),
        housing_only=rec(unpublished, "1", housing, days(-5), "Housing officers ask about abuse."),
        national=rec(published, "4", home_office, days(200), "Amend the statutory guidance.", scope="national"),
    )
    world.health_led.supporting_agencies = [police]
    commit()
    return world


@pytest.fixture
def world(app) -> World:
    return build_world()

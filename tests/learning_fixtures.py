"""A small world of reviews for the search and learning tests (no demo data)."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from dhr.data import agencies, commit, themes
from dhr.data.models import Finding, Recommendation, Review
from dhr.extensions import db
from search import indexing


def _review(ref, published, year, **kwargs):
    review = Review(reference=ref, review_type=kwargs.pop("review_type", "dhr"),
                    death_category=kwargs.pop("death_category", "intimate_partner"), pseudonym=f"Person {ref}",
                    notified_on=dt.date(year, 3, 1), published=published,
                    published_on=dt.date(year + 1, 1, 10) if published else None, **kwargs)
    db.session.add(review)
    return review


def build_world():
    """Four reviews: three published, one not; restricted notes on two."""
    indexing.rebuild()  # an empty index first, so everything below arrives through the outbox
    police = agencies.create("West Midlands Police", "police")
    housing = agencies.create("City Housing", "housing")
    gp = agencies.create("Northfield GP", "primary_care")
    risk = themes.create("Risk assessment", "practice", synonyms="DASH, MARAC")
    separation = themes.create("Separation risk", "learning", synonyms="leaving the relationship")
    coercion = themes.create("Coercive control", "learning")

    r1 = _review("DHR-2019-01", True, 2019, summary="Summary of the first review about isolation.")
    r1.findings = [
        Finding(position=1, text="Police did not complete a DASH form after the separation.", themes=[risk, separation]),
        Finding(position=2, text="Housing officers were not trained to recognise coercive control.", themes=[coercion]),
    ]
    r1.recommendations = [
        Recommendation(number="1", position=1, text="All officers to complete risk assessment training each year.",
                       lead_agency=police, status="on_track", themes=[risk]),
    ]
    r2 = _review("DHR-2021-02", True, 2021, review_type="suicide", death_category="suspected_suicide",
                 summary="The victim had separated from the perpetrator weeks before she died.")
    r2.findings = [
        Finding(position=1, text="Nobody asked the victim about leaving the relationship safely.", themes=[separation]),
    ]
    r2.recommendations = [
        Recommendation(number="1", position=1, text="Officers to complete a risk assessment training course every year.",
                       lead_agency=police, status="verified", themes=[risk]),
        Recommendation(number="2", position=2, text="Housing to ask every tenant about domestic abuse at tenancy review.",
                       lead_agency=housing, status="not_started", themes=[coercion]),
    ]
    r3 = _review("DHR-2023-03", False, 2023, summary="Unpublished summary mentioning zanzibar risk assessment.",
                 restricted_notes="Restricted notes about quagga.")
    r3.panel_agencies = [housing]
    r3.findings = [Finding(position=1, text="Unpublished finding about zanzibar and the DASH form.", themes=[risk])]
    r3.recommendations = [
        Recommendation(number="1", position=1, text="GP to ask about zanzibar abuse.", lead_agency=gp,
                       status="at_risk", themes=[coercion]),
    ]
    r4 = _review("DHR-2022-04", True, 2022, summary="A published review with restricted notes.",
                 restricted_notes="Published but restricted giraffe notes.")
    r4.panel_agencies = [police]
    r4.findings = [Finding(position=1, text="The GP practice did not ask about coercive control.", themes=[coercion])]
    commit()
    return SimpleNamespace(police=police, housing=housing, gp=gp, risk=risk, separation=separation,
                           coercion=coercion, r1=r1, r2=r2, r3=r3, r4=r4)


@pytest.fixture
def world(app):
    return build_world()

"""Small data for the reviews tests (no demo data)."""
from __future__ import annotations

import datetime as dt

from dhr.data import agencies, commit, themes
from dhr.data.models import Review


def make_review(reference="BDHR2023/24-01", chair=None, notified_on=dt.date(2023, 1, 31), **extra) -> Review:
    from dhr.extensions import db

    review = Review(reference=reference, review_type=extra.pop("review_type", "dhr"),
                    death_category=extra.pop("death_category", "intimate_partner"),
                    pseudonym=extra.pop("pseudonym", "Adult A"), notified_on=notified_on, chair=chair,
                    stage=extra.pop("stage", "notified"), **extra)
    db.session.add(review)
    commit()
    return review


def make_agency(name="West Midlands Police", kind="police"):
    agency = agencies.by_name(name) or agencies.create(name, kind)
    commit()
    return agency


def make_theme(name="Coercive control", kind="learning"):
    theme = themes.by_name(name) or themes.create(name, kind)
    commit()
    return theme


def date_fields(name: str, day: dt.date | None) -> list[tuple[str, str]]:
    """A GOV.UK date input's three parts, posted under one name."""
    if day is None:
        return [(name, ""), (name, ""), (name, "")]
    return [(name, str(day.day)), (name, str(day.month)), (name, str(day.year))]

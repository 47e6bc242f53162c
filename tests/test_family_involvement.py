"""Family involvement: the chair records who was offered contact, how and when, whether they took
part, when they saw the terms of reference and the draft, their view on publication, who chose
the pseudonym and the family's tribute; only the coordinator and the review's chair ever see
it; the before-you-publish task list waits for it."""
from __future__ import annotations

import datetime as dt

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect
from werkzeug.datastructures import MultiDict

from dhr import create_app
from dhr.data import family, publishing
from dhr.data.family import FamilyError
from dhr.extensions import db

from . import factories as make
from .helpers import date_fields, error_summary, scratch_database_url
from .pdf_helpers import get_pdf

TRIBUTE = "Adele lit up every room; her laugh is what we miss most."


def _form(who="Her mother", route="aafda", offered_on=dt.date(2024, 2, 1), participation="took_part",
          saw_terms_on=None, saw_draft_on=None, view="") -> MultiDict:
    return MultiDict([("who", who), ("route", route), ("participation", participation), ("publication_view", view),
                      *date_fields("offered_on", offered_on), *date_fields("saw_terms_on", saw_terms_on),
                      *date_fields("saw_draft_on", saw_draft_on)])


def test_dates_follow_notification_and_the_offer_and_are_never_ahead(app):
    review = make.review("DHR-FAM-01", notified_on=dt.date(2024, 1, 10))
    with pytest.raises(FamilyError, match=r"on or after notification \(10 January 2024\)"):
        family.save_contact(review, family.Contact("Her sister", "leaflet", dt.date(2024, 1, 9), "took_part"))
    with pytest.raises(FamilyError, match=r"on or after the offer of contact \(1 February 2024\)"):
        family.save_contact(review, family.Contact("Her sister", "leaflet", dt.date(2024, 2, 1), "took_part",
                                                   saw_draft_on=dt.date(2024, 1, 31)))
    with pytest.raises(FamilyError, match="today or in the past"):
        family.save_contact(review, family.Contact("Her sister", "leaflet", dt.date(2024, 2, 1), "took_part"),
                            today=dt.date(2024, 1, 31))
    with pytest.raises(FamilyError, match="Choose how contact was offered"):
        family.save_contact(review, family.Contact("Her sister", "carrier pigeon", dt.date(2024, 2, 1), "took_part"))


def test_the_chair_records_the_family_and_the_task_list_waits_for_each_answer(sign_in):
    pages, chair = sign_in("chair")
    review = make.review("DHR-FAM-02", chair=chair, notified_on=dt.date(2024, 1, 10))
    assert publishing.tasks(review)[5].key == "involvement" and not publishing.tasks(review)[5].done
    url = f"/reviews/{review.id}/family/new"
    soup = pages.post(url, data=_form(who="", offered_on=None, route=""))
    assert error_summary(soup) == ["Enter who was offered contact, for example the person's mother",
                                   "Choose how contact was offered", "Enter the date contact was offered"]
    soup = pages.post(url, data=_form(saw_draft_on=dt.date(2024, 1, 20), view="They want it published."))
    assert error_summary(soup) == ["The date they saw the draft must be on or after the offer of contact "
                                   "(1 February 2024)"]
    assert soup.select_one("#who")["value"] == "Her mother"
    assert "They want it published." in soup.select_one("#publication_view").get_text()
    assert pages.client.post(url, data=_form(saw_terms_on=dt.date(2024, 3, 1))).status_code == 302
    assert pages.client.post(url, data=_form(who="Her brother", participation="not_known")).status_code == 302
    db.session.expire_all()
    task = next(t for t in publishing.tasks(review) if t.key == "involvement")
    assert not task.done and task.hint == "Not yet known whether Her brother will take part"
    brother = next(c for c in review.family_contacts if c.who == "Her brother")
    assert pages.client.post(f"/reviews/{review.id}/family/{brother.id}",
                             data=_form(who="Her brother", participation="declined")).status_code == 302
    db.session.expire_all()
    task = next(t for t in publishing.tasks(review) if t.key == "involvement")
    assert task.done and task.hint == "1 of 2 offered contact took part"
    about = pages.client.post(f"/reviews/{review.id}/family/about",
                              data={"pseudonym_chosen_by": "family", "tribute": TRIBUTE})
    assert about.status_code == 302
    page = pages.get(f"/reviews/{review.id}/family").get_text(" ", strip=True)
    assert "Adult A, chosen by the family" in page and TRIBUTE in page and "Chose not to take part" in page


def test_nobody_but_the_coordinator_and_the_reviews_chair_sees_the_family(sign_in):
    chair = make.chair(name="Chair Own")
    review = make.review("DHR-FAM-03", chair=chair, published=True, panel_agencies=[make.agency("Police")])
    family.save_contact(review, family.Contact("Her father", "family_liaison", dt.date(2023, 3, 1), "took_part",
                                               publication_view="Publish with the tribute."))
    family.save_about(review, "family", TRIBUTE)
    db.session.commit()
    for role in ("trainer", "agency", "chair"):
        pages, _ = sign_in(role)
        pages.get(f"/reviews/{review.id}/family", expected_status=403)
        shown = pages.client.get(f"/reviews/{review.id}").get_data(as_text=True)
        assert TRIBUTE not in shown and "Her father" not in shown and "/family" not in shown
        found = pages.client.get("/search?q=tribute+father").get_data(as_text=True)
        assert "Her father" not in found and "lit up every room" not in found
        pages.client.post("/sign-out")
    pages, _ = sign_in("admin")
    assert "Her father" in pages.get(f"/reviews/{review.id}/family").get_text()
    summary = " ".join(get_pdf(pages.client, f"/reports/reviews/{review.id}/summary.pdf").pages)
    assert "Adult A" in summary and "lit up every room" not in summary and "Her father" not in summary


def test_migration_0021_adds_and_removes_family_involvement(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0021")
        assert "family_contact" in inspect(db.engine).get_table_names()
        assert {"pseudonym_chosen_by", "family_tribute"} <= {c["name"] for c in inspect(db.engine).get_columns(
            "review")}
        downgrade(revision="0020")
        assert "family_contact" not in inspect(db.engine).get_table_names()
        db.engine.dispose()

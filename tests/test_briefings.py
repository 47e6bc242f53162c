"""Learning into practice: the partnership and its trainers record the briefings, training
sessions and bulletins that shared reviews' learning, tied to reviews, themes and
recommendations; a briefing naming a review someone may not see is never shown to them; the
board paper's period counts them by kind with the people reached."""
from __future__ import annotations

import datetime as dt

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect
from werkzeug.datastructures import MultiDict

from dhr import create_app
from dhr.data import briefings
from dhr.data.briefing_models import Briefing
from dhr.extensions import db

from . import factories as make
from .factories import TODAY
from .helpers import date_fields, error_summary, scratch_database_url
from .pdf_helpers import get_pdf


def _form(**values) -> MultiDict:
    held_on = values.pop("held_on", dt.date(2025, 3, 4))
    fields = {"kind": "seven_minute_briefing", "title": "7-minute briefing: Adult A", "audience": "Police officers",
              "reached": "", "references": "", "description": "", **values}
    pairs = [(k, v) for k, v in fields.items() if not isinstance(v, list)]
    pairs += [(k, str(i)) for k, v in fields.items() if isinstance(v, list) for i in v]
    return MultiDict([*pairs, *date_fields("held_on", held_on)])


def test_the_coordinator_records_a_briefing_and_wrong_input_is_said_and_kept(sign_in):
    pages, admin = sign_in("admin")
    review = make.review("DHR-BRIEF-01")
    rec = make.recommendation(review, 1, text="Ask about coercive control at every contact.")
    other = make.recommendation(make.review("DHR-BRIEF-OTHER"), 1)
    soup = pages.post("/briefings/new", data=_form(kind="", title="", held_on=None, reached="lots",
                                                   references="DHR-NOPE"))
    assert error_summary(soup) == ["Choose what kind of briefing or session it was",
                                   "Enter the title of the briefing or session",
                                   "Enter the date it was held or published",
                                   "Enter the number of people reached as a whole number, for example 40"]
    assert soup.select_one("#references").get_text().strip() == "DHR-NOPE"
    soup = pages.post("/briefings/new", data=_form(references="DHR-NOPE"))
    assert error_summary(soup) == ["No review you can see has the reference ‘DHR-NOPE’"]
    soup = pages.post("/briefings/new", data=_form())
    assert error_summary(soup) == ["Name at least one review or choose at least one theme the briefing shared"]

    start = pages.get(f"/briefings/new?review={review.id}")
    assert start.select_one("#references").get_text().strip() == "DHR-BRIEF-01"
    offered = [box["value"] for box in start.select("input[name=recommendations]")]
    assert offered == [str(rec.id)]
    response = pages.client.post(f"/briefings/new?review={review.id}", data=_form(
        references="dhr-brief-01", reached="1,200", recommendations=[rec.id]))
    assert response.status_code == 302
    briefing = db.session.query(Briefing).one()
    assert [r.reference for r in briefing.reviews] == ["DHR-BRIEF-01"] and briefing.reached == 1200
    assert briefing.recommendations == [rec] and other not in briefing.recommendations
    shown = pages.get(f"/reviews/{review.id}")
    shared = shown.select_one("#learning-shared").find_next("ul").get_text(" ", strip=True)
    assert "7-minute briefing: Adult A" in shared and "4 March 2025" in shared
    trail = pages.get("/admin/audit").get_text(" ", strip=True)
    assert "Recorded the briefing ‘7-minute briefing: Adult A’" in trail


def test_a_trainer_shares_only_published_learning_and_never_sees_a_briefing_on_an_unpublished_review(sign_in):
    coordinator = make.admin()
    published = make.review("DHR-PUBLIC", published=True)
    hidden = make.review("DHR-HIDDEN")
    theme = make.theme("Separation risk")
    secret = briefings.save(coordinator, briefings.Written(
        kind="training", title="Lessons from the hidden review", held_on=dt.date(2025, 1, 10),
        references="DHR-HIDDEN"))
    db.session.commit()
    pages, trainer = sign_in("trainer")
    soup = pages.post("/briefings/new", data=_form(references="DHR-HIDDEN"))
    assert error_summary(soup) == ["No review you can see has the reference ‘DHR-HIDDEN’"]
    assert pages.client.post("/briefings/new", data=_form(references="DHR-PUBLIC", themes=[theme.id])
                             ).status_code == 302
    listed = pages.get("/briefings/").get_text(" ", strip=True)
    assert "7-minute briefing: Adult A" in listed and "Lessons from the hidden review" not in listed
    pages.get(f"/briefings/{secret.id}", expected_status=404)
    assert "Lessons from the hidden review" not in pages.get(f"/reviews/{published.id}").get_text()
    pages.get(f"/briefings/{secret.id}/edit", expected_status=404)
    assert hidden.id and trainer.id


def test_only_the_recorder_or_the_coordinator_changes_a_briefing(sign_in):
    chair = make.chair()
    review = make.review("DHR-OWN", published=True)
    theirs = briefings.save(chair, briefings.Written(kind="bulletin", title="Spring bulletin",
                                                     held_on=dt.date(2025, 4, 1), references="DHR-OWN"))
    db.session.commit()
    theirs_id = theirs.id
    pages, _ = sign_in("trainer")
    pages.get(f"/briefings/{theirs_id}/edit", expected_status=403)
    pages.client.post("/sign-out")
    pages, _ = sign_in("admin")
    response = pages.client.post(f"/briefings/{theirs_id}/edit", data=_form(
        kind="bulletin", title="Spring bulletin 2025", references="DHR-OWN", held_on=dt.date(2025, 4, 1)))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Briefing, theirs_id).title == "Spring bulletin 2025"
    assert pages.client.post(f"/briefings/{theirs_id}/delete").status_code == 302
    db.session.expire_all()
    assert db.session.get(Briefing, theirs_id) is None
    assert review.id


def test_the_period_counts_each_kind_and_the_people_reached(app):
    coordinator = make.admin()
    make.review("DHR-COUNT", published=True)
    for title, kind, on, reached in [("A", "training", dt.date(2025, 4, 2), 30), ("B", "training", dt.date(2025, 6, 1),
                                     None), ("C", "bulletin", dt.date(2025, 5, 5), 400),
                                     ("D", "training", dt.date(2024, 12, 1), 99)]:
        briefings.save(coordinator, briefings.Written(kind=kind, title=title, held_on=on, reached=reached,
                                                      references="DHR-COUNT"))
    counted = briefings.in_period(coordinator, dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert [(c.label, c.held, c.reached) for c in counted] == [("Training session", 2, 30),
                                                               ("Newsletter or bulletin", 1, 400)]


def test_migration_0020_adds_and_removes_the_briefing_tables(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0020")
        tables = set(inspect(db.engine).get_table_names())
        assert {"briefing", "briefing_review", "briefing_theme", "briefing_recommendation"} <= tables
        downgrade(revision="0019")
        assert not {"briefing", "briefing_review"} & set(inspect(db.engine).get_table_names())
        db.engine.dispose()


def test_the_board_paper_says_what_learning_was_shared_in_its_period(sign_in):
    pages, chair = sign_in("chair")
    make.review("DHR-PAPER-LEARNING", published=True)
    briefings.save(chair, briefings.Written(kind="training", title="Coercive control training", held_on=TODAY,
                                            reached=25, references="DHR-PAPER-LEARNING"))
    briefings.save(chair, briefings.Written(kind="bulletin", title="Old bulletin", held_on=TODAY.replace(
        year=TODAY.year - 2), reached=900, references="DHR-PAPER-LEARNING"))
    db.session.commit()
    text = " ".join(get_pdf(pages.client, "/reports/board.pdf").pages)
    assert "Learning into practice" in text
    assert "Training session 1 25" in " ".join(text.split())
    assert "Newsletter or bulletin" not in text

"""Audit events in plain words (dhr.data.audit_words): every event of the demo data, and of the
things people then do in it, reads without ids, digests, storage keys, paths or raw data; every
role's history pages say the same; and the common events read as particular sentences."""
from __future__ import annotations

import datetime as dt
import io
import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from dhr.data import audit, audit_words
from dhr.data import findings as finding_data
from dhr.data.models import AuditEvent, Document, Recommendation, User
from dhr.data.vocab import STATUS_LABELS
from dhr.demo import DEMO_PASSWORD, load_demo
from dhr.extensions import db

from . import factories as make
from .factories import PDF, PNG, TEST_PASSWORD
from .helpers import PageClient

ID_LIKE = re.compile(r"#\s?\d|\bid\b\s*[:=]\s*\d|['\"]id['\"]", re.IGNORECASE)
HEX = re.compile(r"[0-9a-fA-F]{32,}")
RAW = re.compile(r"[{}\[\]]|\b(?:None|True|False|null)\b")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
PATH = re.compile(r"(?:^|\s)/[\w.-]+/|\\|\.sqlite\b|\buploads/")
LONG_TEXT = ("The review found that coercive control was the defining feature of the relationship, and no agency "
             "saw the pattern behind the single incidents it was told of over eleven years.")


def problems(text: str, secrets: list[str]) -> list[str]:
    """What a person should never read in a history: ids, digests, storage keys, paths, raw data."""
    found = [f"{name}: {match.group(0)!r}" for name, pattern in
             (("id", ID_LIKE), ("hash", HEX), ("raw", RAW), ("stored name", SNAKE), ("path", PATH))
             if (match := pattern.search(text))]
    return found + [f"secret {secret[:12]}…" for secret in secrets if secret and secret in text]


def secrets() -> list[str]:
    """The stored values of documents that must never reach a page: digests and storage keys."""
    rows = db.session.execute(select(Document.sha256, Document.storage_key)).all()
    return [value for row in rows for value in row]


def sign_in_as(client, email: str, password: str = DEMO_PASSWORD) -> PageClient:
    client.post("/sign-out")
    response = client.post("/sign-in", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return PageClient(client)


def _led_action(agency_name: str):
    recs = db.session.scalars(select(Recommendation).order_by(Recommendation.id)).all()
    return next(a for r in recs for a in r.actions if a.lead_agency and a.lead_agency.name == agency_name
                and a.status not in ("verified", "not_accepted", "superseded"))


def _people_act(client, world: SimpleNamespace) -> None:
    """What people do in the service, through its pages where they have one."""
    police = sign_in_as(client, "police@example.org")
    response = police.client.post(
        f"/our-recommendations/actions/{world.action.id}",
        data={"narrative": "All officers trained in March.", "proposed_status": "awaiting_evidence",
              "evidence": [(io.BytesIO(PDF), "register.pdf"), (io.BytesIO(PNG), "slide.png")]},
        content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    sign_in_as(client, "trainer@example.org").client.get("/admin/audit")  # refused, and audited
    sign_in_as(client, "chair@example.org")
    sign_in_as(client, "admin@example.org").client.get("/admin/audit.csv?kind=theme")


def _changes_made(world: SimpleNamespace, chair: User) -> None:
    """Changes the data layer makes (each row change is audited as it is flushed)."""
    before = (world.action.status, world.action.target_date)  # read, as a page does before it changes them
    world.action.status, world.action.target_date = "at_risk", dt.date(2026, 3, 31)
    db.session.commit()
    world.status_before, world.target_before = before
    world.action.status, world.action.target_date = "on_track", dt.date(2026, 6, 30)
    db.session.commit()
    world.report = make.document(review=world.review, content=PDF + b"%" * (2_200_000 - len(PDF)),
                                 filename="overview.pdf", uploaded_by=chair)
    world.report.extracted_text = LONG_TEXT
    db.session.commit()
    finding_data.delete(world.review.findings[-1])
    user = db.session.scalars(select(User).where(User.email == "housing@example.org")).one()
    audit.record("change_role", "user_account", user.id, role={"from": "agency", "to": "chair"},
                 invitation_id=42, token="Qx7pL2mN9vR4tY8wZ3kB6cD1fG5hJ0sA")
    audit.record("invite", "invitation", 99, email="new.person@example.org", token_hash="ab" * 32,
                 expires_at="2026-12-11T09:00:00", storage_key="0f" * 16 + ".pdf", path="/srv/dhr/uploads/x")
    db.session.commit()


@pytest.fixture
def busy_demo(app, client) -> SimpleNamespace:
    load_demo()
    db.session.commit()
    action = _led_action("Police")
    world = SimpleNamespace(action=action, rec=action.recommendation, review=action.recommendation.review)
    _people_act(client, world)
    chair = db.session.scalars(select(User).where(User.email == "chair@example.org")).one()
    _changes_made(world, chair)
    return world


def _all_told() -> list[audit_words.Told]:
    return audit_words.in_words(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def test_every_event_of_the_demo_and_after_reads_plainly(busy_demo):
    told = _all_told()
    hidden = secrets()
    assert len({t.event.action for t in told}) >= 9, {t.event.action for t in told}
    for one in told:
        for text in (one.words, one.who, one.action, one.kind):
            assert text and not problems(text, hidden), (one.event.action, one.event.entity_type, text,
                                                         problems(text, hidden))
        assert LONG_TEXT[:40] not in one.words


def _words_of(action: str, entity_type: str, entity_id=None) -> list[str]:
    return [t.words for t in _all_told() if t.event.action == action and t.event.entity_type == entity_type
            and (entity_id is None or t.event.entity_id == entity_id)]


def test_the_common_events_read_as_sentences(busy_demo):
    w = busy_demo
    action_name = f"Action {w.action.position} of Recommendation {w.rec.number} ({w.review.reference})"
    changed = _words_of("update", "action", w.action.id)
    assert f"{action_name}: Target date moved from 31 March 2026 to 30 June 2026; status changed from " \
           "In progress (at risk) to In progress (on track)" in changed, changed
    assert f"status changed from {STATUS_LABELS[w.status_before]} to In progress (at risk)" in changed[0], changed
    posted = _words_of("create", "recommendation_update")
    assert (f"Police posted an update with 2 evidence files on {action_name}, proposing Complete, awaiting evidence"
            in posted), posted
    uploads = _words_of("create", "document")
    assert any(re.fullmatch(r"Uploaded the evidence file ‘register\.pdf’ \(PDF, [\d,]+ (bytes|KB)\)", s)
               for s in uploads), uploads
    assert any(s.startswith("Uploaded the evidence file ‘slide.png’ (PNG image, ") for s in uploads), uploads
    assert (f"Uploaded the overview report ‘overview.pdf’ (PDF, 2.1 MB) to {w.review.reference}"
            in _words_of("create", "document", w.report.id))
    extracted = _words_of("update", "document", w.report.id)
    assert extracted == [f"The overview report ‘overview.pdf’ of {w.review.reference}: Report text extracted"]
    assert "Signed in" in _words_of("sign_in", "user_account")
    assert "Was refused a page" in _words_of("access_denied", "route")
    assert any(s.startswith(f"Deleted Finding {len(w.review.findings) + 1} of {w.review.reference}")
               for s in _words_of("finding_deleted", "review"))


def test_actions_with_no_words_of_their_own_still_read_plainly(busy_demo):
    assert _words_of("change_role", "user_account") == [
        "Change role: Demo housing lead (role changed from Agency to Panel chair)"]
    invite = _words_of("invite", "invitation")
    assert invite == ["Invite (email: new.person@example.org; expires at: 11 December 2026 at 09:00 UTC)"], invite


def test_a_new_action_is_worded_by_one_entry(app, monkeypatch):
    person = make.admin(name="Ada Lovelace")
    audit.record("deactivate", "user_account", person.id, reason="Left the partnership")
    db.session.commit()
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "deactivate")).one()
    assert audit_words.in_words([event])[0].words == "Deactivate: Ada Lovelace"
    monkeypatch.setitem(audit_words.ACTIONS, "deactivate", "Deactivated the account of {record}")
    assert audit_words.in_words([event])[0].words == "Deactivated the account of Ada Lovelace"


def _history_texts(soup) -> list[str]:
    tables = [t for t in soup.select("table") if "What happened" in t.get_text()]
    assert tables, soup.title.get_text()
    rows = [tr.get_text(" ", strip=True) for t in tables for tr in t.select("tbody tr")]
    assert rows
    return rows


def _pages_of(role_email: str, w: SimpleNamespace) -> list[str]:
    if role_email.startswith("police"):
        return [f"/our-recommendations/{w.rec.id}", f"/our-recommendations/actions/{w.action.id}"]
    pages = [f"/reviews/{w.review.id}", f"/recommendations/{w.rec.id}", f"/recommendations/actions/{w.action.id}"]
    return pages + (["/admin/audit", "/admin/audit?size=200&page=2"] if role_email.startswith("admin") else [])


@pytest.mark.parametrize("email", ["admin@example.org", "chair@example.org", "police@example.org"])
def test_each_roles_history_pages_read_plainly(busy_demo, client, email):
    pages = sign_in_as(client, email)
    hidden = secrets()
    for url in _pages_of(email, busy_demo):
        for row in _history_texts(pages.get(url)):
            assert not problems(row, hidden), (url, row, problems(row, hidden))
            assert "@" not in row or email.startswith("admin"), (url, row)


def test_a_trainer_sees_no_history(busy_demo, client):
    soup = sign_in_as(client, "trainer@example.org").get(f"/reviews/{busy_demo.review.id}")
    assert soup.select_one("#history") is None and "What happened" not in soup.get_text()


def test_who_is_named_as_people_know_them(app, sign_in):
    pages, admin = sign_in("admin")
    admin.name = "Grace Hopper"
    db.session.commit()
    pages.get("/admin/audit")
    told = _all_told()
    assert {t.who for t in told if t.event.action == "sign_in"} == {"Grace Hopper"}
    review = make.review("BDHR2030/31-01")
    made = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "review",
                                                       AuditEvent.entity_id == review.id)).one()
    assert audit_words.in_words([made])[0].who == "The service"
    assert audit_words.in_words([made])[0].words == "Created the review BDHR2030/31-01"


def test_one_of_everything_reads_plainly(route_world, client):
    """Every kind of record the service keeps (a job, a collection, a remembered agency name, a
    request to move a date, ...), as made by the factories and then used through the pages."""
    pages = sign_in_as(client, route_world.users["admin"].email, TEST_PASSWORD)
    pages.client.get("/recommendations/export.csv")
    pages.client.get(f"/reports/reviews/{route_world.review.id}/summary.pdf")
    trainer = sign_in_as(client, route_world.users["trainer"].email, TEST_PASSWORD)
    assert trainer.client.get(f"/downloads/{route_world.job.id}/file").status_code == 200
    told = _all_told()
    hidden = secrets()
    assert {"job", "collection", "agency_alias", "target_date_change", "document"} <= {t.event.entity_type
                                                                                     for t in told}
    for one in told:
        assert one.words and not problems(one.words, hidden), (one.event.action, one.event.entity_type, one.words)
    assert any(t.words == "Downloaded the action plan spreadsheet ‘all-recommendations’ (CSV)" for t in told), \
        [t.words for t in told if t.event.action == "export"]
    assert f"Downloaded {route_world.job.title}" in {t.words for t in told if t.event.entity_type == "job"}

"""Stored cross-site scripting, template injection and spreadsheet formula injection.

Hostile text goes into every free-text field users can write, through the real forms (and
through the action-plan import); then every page, PDF and spreadsheet each role can fetch is
checked: the text is shown, and shown only as text."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from bs4 import BeautifulSoup
from werkzeug.datastructures import MultiDict

from dhr.data import commit
from dhr.data.briefing_models import Briefing
from dhr.data.contribution_models import Contribution
from dhr.data.family_models import FamilyContact
from dhr.data.models import Collection, Document, Finding, Recommendation, RecommendationUpdate, Review, Theme
from dhr.data.panel_models import PanelMember, ParallelProcess
from dhr.data.qa_panel_models import FinalDevelopmentArea, QaPanelRound
from dhr.extensions import db
from search import indexing

from . import factories as make
from .factories import PDF, TEST_PASSWORD
from .helpers import check_page, date_fields, formats_of
from .hostile import (
    assert_no_formula_cells,
    csv_cells,
    inert_html,
    page_strings,
    payload,
    pdf_text,
    shown,
    xlsx_cells,
)
from .test_route_matrix import _routes, _url

# Length-limited fields get shorter payloads that still carry each trick.
REFERENCE = '=1+1"><img src=x onerror=alert(1)>'  # 40 characters at most
PSEUDONYM = '<script>alert("pseud")</script>"><img src=x onerror=alert(2)>zq{{7*7}}zq'
AGENCY_NAME = '@SUM(1+1) <img src=x onerror=alert("agency")> Police'
ADMIN_NAME = '+<script>alert("adminname")</script> Coordinator'
CHAIR_NAME = '-"><img src=x onerror=alert("chairname")> Chair'
EVIDENCE_NAME = "'><img src=x onerror=alert(7)> zq{{7*7}}zq.pdf"  # browsers send a double quote as %22
REPORT_NAME = "<svg onload=alert(8)> zq{{7*7}}zq.txt"

FIELDS = ["summary", "notes", "never", "pausenote", "reason", "finding", "rectext", "action", "milestones",
          "narrative", "assessmsg", "outcome", "themename", "themedesc", "synonyms", "collection", "imported",
          "briefing", "briefingtext", "familyview", "panelrole", "declaration", "processnote", "contribnote",
          "qaarea"]


class Hostile:
    """The ids of the rows holding the payloads, and who can sign in."""

    def __init__(self, **kw):
        self.__dict__.update(kw)

    def url_values(self) -> dict:
        ids = {"review": self.review_id, "finding": self.finding_id, "recommendation": self.rec_id,
               "rec": self.rec_id, "update": self.update_id, "document": self.document_id,
               "evidence": self.evidence_id, "collection": self.collection_id, "theme": self.theme_id,
               "agency": self.agency_id, "user": self.trainer.id, "pause": 0, "job": self.job_id,
               "action": self.action_id, "change": self.change_id, "briefing": self.briefing_id,
               "contact": self.contact_id, "member": self.member_id, "process": self.process_id,
               "contribution": self.contribution_id, "round": self.round_id, "area": self.area_id}
        values = {f"{k}_id": v for k, v in ids.items()}
        values.update(ids)
        values.update(name="agency", dataset="recommendations", fmt="csv", token=self.invitation)
        return values


def _sign_in(client, user) -> None:
    client.post("/sign-out")
    response = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302


def _post(client, url, data, expected=302, **kw):
    response = client.post(url, data=data, **kw)
    assert response.status_code == expected, f"POST {url}: {response.status_code}\n" + response.get_data(
        as_text=True)[:1500]
    return response


def _form(values: dict, dates: dict | None = None) -> MultiDict:
    data = MultiDict()
    for key, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            data.add(key, item)
    for name, day in (dates or {}).items():
        for key, part in date_fields(name, day):
            data.add(key, part)
    return data


def build_hostile_world(client, make_user) -> Hostile:
    indexing.rebuild()  # an empty index; every commit below catches it up
    admin = make_user("admin")
    chair = make_user("chair")
    agency_user = make_user("agency", agency_name=AGENCY_NAME)
    trainer = make_user("trainer")
    admin.name, chair.name = ADMIN_NAME, CHAIR_NAME
    commit()
    agency_id = agency_user.agency_id

    # The coordinator adds a theme.
    _sign_in(client, admin)
    _post(client, "/admin/themes/new", _form({"name": payload("themename"), "kind": "learning",
                                               "description": payload("themedesc"),
                                               "synonyms": payload("synonyms"), "parent_id": "",
                                               "strategy_priority": ""}))
    theme_id = db.session.scalar(db.select(Theme.id).where(Theme.name == payload("themename")))

    # The chair logs a review and steers it.
    _sign_in(client, chair)
    _post(client, "/reviews/new", _form({
        "reference": REFERENCE, "review_type": "dhr", "death_category": "intimate_partner",
        "pseudonym": PSEUDONYM, "chair_id": str(chair.id), "summary": payload("summary"),
        "restricted_notes": payload("notes"), "never_publish_terms": payload("never"),
        "panel_agencies": [str(agency_id)], "own_themes": [str(theme_id)],
    }, {"notified_on": dt.date(2023, 1, 10)}))
    review_id = db.session.scalar(db.select(Review.id).where(Review.reference == REFERENCE))
    _post(client, f"/reviews/{review_id}/stage", _form({"outcome": "commission", "reason": payload("reason")},
                                                       {"on": dt.date(2023, 1, 20),
                                                        "home_office_notified_on": None}))
    _post(client, f"/reviews/{review_id}/pause", _form({"reason": "criminal_trial", "note": payload("pausenote")},
                                                       {"started_on": dt.date(2023, 2, 1)}))
    _post(client, f"/reviews/{review_id}/findings/new", _form({
        "text": payload("finding"), "themes": [str(theme_id)], "agencies": [str(agency_id)]}))
    _post(client, f"/reviews/{review_id}/recommendations/new", _form({
        "number": "1", "text": payload("rectext"), "scope": "national", "lead_agency_id": str(agency_id),
        "action_to_take": payload("action"), "milestones": payload("milestones"), "strategy_priority": "3",
        "themes": [str(theme_id)]}, {"target_date": dt.date(2023, 6, 30)}))
    _post(client, f"/reviews/{review_id}/documents/new",
          {"kind": "overview_report",
           "file": (io.BytesIO(f"Recommendations\n\n2. {payload('reportrec')} should be done.\n".encode()),
                    REPORT_NAME)},
          content_type="multipart/form-data")
    document_id = db.session.scalar(db.select(Document.id).where(Document.review_id == review_id))
    _post(client, f"/reviews/{review_id}/family/new", _form(
        {"who": payload("familywho")[:200], "route": "aafda", "participation": "took_part",
         "publication_view": payload("familyview")},
        {"offered_on": dt.date(2023, 1, 15), "saw_terms_on": None, "saw_draft_on": None}))
    contact_id = db.session.scalar(db.select(FamilyContact.id).where(FamilyContact.review_id == review_id))
    _post(client, f"/reviews/{review_id}/panel/new", {"agency_id": str(agency_id), "role": payload("panelrole"),
                                                      "name": ""})
    member_id = db.session.scalar(db.select(PanelMember.id).where(PanelMember.review_id == review_id))
    _post(client, f"/reviews/{review_id}/panel/declaration", _form({"statement": payload("declaration")},
                                                                  {"declared_on": dt.date(2023, 1, 21)}))
    _post(client, f"/reviews/{review_id}/processes/new", _form(
        {"kind": "inquest", "reference": "COR-1", "linked_reference": "", "outcome": payload("processnote")},
        {"started_on": dt.date(2023, 1, 25), "ended_on": None, "pfd_report_on": None}))
    process_id = db.session.scalar(db.select(ParallelProcess.id).where(ParallelProcess.review_id == review_id))
    _post(client, f"/reviews/{review_id}/contributions/new", _form(
        {"agency_id": str(agency_id), "kind": "imr", "note": payload("contribnote")},
        {"due_on": dt.date.today() + dt.timedelta(days=28)}))
    contribution_id = db.session.scalar(db.select(Contribution.id).where(Contribution.review_id == review_id))
    # A panel letter's area for final development (written straight in: the review is not yet submitted).
    panel_round = QaPanelRound(review_id=review_id, number=1, submitted_on=dt.date(2023, 1, 25),
                               panel_on=dt.date(2023, 1, 30), panel_outcome="final_development")
    area = FinalDevelopmentArea(round=panel_round, text=payload("qaarea"), owner_person="The chair", state="to_do")
    db.session.add_all([panel_round, area])
    commit()
    round_id, area_id = panel_round.id, area.id
    # An action plan imported from a spreadsheet.
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["Recommendation", "Lead agency", "Action to take", "Key milestones achieved"],
                                  [payload("imported"), AGENCY_NAME, payload("imported"), "=1+2"]])
    csv_file = buffer.getvalue().encode()
    response = _post(client, f"/recommendations/reviews/{review_id}/import",
                     {"spreadsheet": (io.BytesIO(csv_file), "plan.csv")}, expected=200,
                     content_type="multipart/form-data")
    preview = inert_html(response.get_data(as_text=True), "import preview")
    assert preview.select_one("form[action$=\"/import/confirm\"]"), preview.select_one(".govuk-error-summary")
    _post(client, f"/recommendations/reviews/{review_id}/import/confirm", {})
    rec_id = db.session.scalar(db.select(Recommendation.id).where(Recommendation.review_id == review_id,
                                                                  Recommendation.number == "1"))
    finding_id = db.session.scalar(db.select(Finding.id).where(Finding.review_id == review_id))

    # The agency reports progress twice; the partnership challenges, then accepts.
    _sign_in(client, agency_user)
    action_id = db.session.get(Recommendation, rec_id).actions[0].id
    _post(client, f"/our-recommendations/actions/{action_id}",
          {"narrative": payload("narrative"), "proposed_status": "on_track",
           "evidence": [(io.BytesIO(PDF), EVIDENCE_NAME)]}, content_type="multipart/form-data")
    first = db.session.scalar(db.select(RecommendationUpdate).where(RecommendationUpdate.recommendation_id == rec_id))
    _sign_in(client, admin)  # the coordinator assesses
    _post(client, f"/recommendations/updates/{first.id}/assess",
          {"decision": "challenged", "message": payload("assessmsg")})
    _sign_in(client, agency_user)
    _post(client, f"/our-recommendations/actions/{action_id}",
          {"narrative": payload("narrative"), "proposed_status": "awaiting_evidence"})
    second = db.session.scalars(
        db.select(RecommendationUpdate).where(RecommendationUpdate.assessment == "pending")).one()
    _sign_in(client, admin)
    _post(client, f"/recommendations/updates/{second.id}/assess",
          _form({"decision": "accepted", "message": "", "outcome": payload("outcome"),
                 "evidence_grade": "document_only"}, {"completed_on": dt.date(2024, 1, 5)}))
    evidence_id = db.session.scalar(db.select(Document.id).where(Document.update_id == first.id))

    # Published (the stages in between are tested elsewhere), so trainers see it too.
    review = db.session.get(Review, review_id)
    review.stage, review.published, review.published_on = "published", True, dt.date(2024, 2, 1)
    review.pauses[0].ended_on = dt.date(2023, 3, 1)
    commit()

    _sign_in(client, trainer)
    _post(client, "/collections", {"name": payload("collection")})
    collection_id = db.session.scalar(db.select(Collection.id).where(Collection.owner_id == trainer.id))
    _post(client, "/collections/add", {"collection_id": str(collection_id), "finding_id": str(finding_id),
                                       "next": ""})
    _post(client, "/briefings/new", _form({"kind": "training", "title": payload("briefing"), "audience": "",
                                           "reached": "", "references": REFERENCE, "themes": [str(theme_id)],
                                           "description": payload("briefingtext")}, {"held_on": dt.date(2024, 3, 1)}))
    briefing_id = db.session.scalar(db.select(Briefing.id).where(Briefing.created_by_id == trainer.id))
    client.post("/sign-out")
    job = make.job(trainer, "collection_pack", title=f"Case studies: {payload('collection')}")
    change = make.date_change(db.session.get(Recommendation, rec_id).actions[0], agency_user, dt.date(2031, 1, 1),
                              reason=payload("narrative"))
    # Someone is invited under a hostile name: their link's page shows it.
    _, invitation = make.invitation(name=payload("invitee"))

    return Hostile(job_id=job.id, users={"admin": admin, "chair": chair, "agency": agency_user, "trainer": trainer},
                   trainer=trainer, review_id=review_id, finding_id=finding_id, rec_id=rec_id,
                   update_id=first.id, document_id=document_id, evidence_id=evidence_id,
                   collection_id=collection_id, theme_id=theme_id, agency_id=agency_id,
                   action_id=db.session.get(Recommendation, rec_id).actions[0].id, change_id=change.id,
                   briefing_id=briefing_id, contact_id=contact_id, member_id=member_id, process_id=process_id,
                   contribution_id=contribution_id, round_id=round_id, area_id=area_id,
                   invitation=invitation)


@pytest.fixture
def hostile(app, client, make_user):
    return build_hostile_world(client, make_user)


def test_the_forms_stored_the_payloads_verbatim(hostile):
    review = db.session.get(Review, hostile.review_id)
    assert review.reference == REFERENCE and review.pseudonym == PSEUDONYM
    assert review.summary == payload("summary") and review.restricted_notes == payload("notes")
    assert review.decision_reason == payload("reason") and review.pauses[0].note == payload("pausenote")
    rec = db.session.get(Recommendation, hostile.rec_id)
    assert (rec.text, rec.actions[0].text, rec.actions[0].milestones, rec.actions[0].outcome) == (
        payload("rectext"), payload("action"), payload("milestones"), payload("outcome"))
    assert db.session.get(Document, hostile.evidence_id).filename == EVIDENCE_NAME
    assert db.session.get(Document, hostile.document_id).filename == REPORT_NAME
    assert db.session.get(Collection, hostile.collection_id).name == payload("collection")


SEARCHES = ["alert", "script", "onerror", "hyperlink", "zq", "img src", '"alert"']


def _fetch_all(client, hostile, role) -> dict[str, object]:
    """GET every route the role may use (and searches); returns url -> response."""
    app = client.application
    values = hostile.url_values()
    responses = {}
    urls = []
    for rule, method in _routes(app):
        if method != "GET" or rule.endpoint in ("auth.sign_out", "health.healthz"):
            continue
        declared = app.view_functions[rule.endpoint].access_rule
        if declared != "public" and role not in declared:
            continue
        datasets = ("reviews", "findings", "recommendations") if "dataset" in rule.arguments else ("",)
        formats = formats_of(rule)
        urls += [_url(rule, {**values, "dataset": d, "fmt": f}) for d in datasets for f in formats]
    urls += [f"/search?q={q}" for q in SEARCHES]
    urls += [f"/search?q=alert&themes={hostile.theme_id}", f"/search?q=alert&lead_agency={hostile.agency_id}"]
    if role in ("admin", "chair"):
        urls += [f"/dashboard/list?show={show}&key={key}" for show, key in (
            ("agency", hostile.agency_id), ("review_theme", hostile.theme_id), ("recommendation_theme",
                                                                                hostile.theme_id),
            ("all_reviews", "all"), ("all_recommendations", "all"), ("status", "verified"))]
        urls += [f"/reports/themes/{hostile.theme_id}/case-studies.pdf?include_unpublished=1"]
    for url in dict.fromkeys(urls):
        responses[url] = client.get(url)
    return responses


NAMED_VALUES = {PSEUDONYM: "pseudonym", REFERENCE: "reference", AGENCY_NAME: "agency name",
                EVIDENCE_NAME: "evidence filename", REPORT_NAME: "report filename", ADMIN_NAME: "user name",
                CHAIR_NAME: "user name"}


def _html_shown(response, where: str) -> set[str]:
    html = response.get_data().decode()
    if response.status_code == 200:
        check_page(html)
    strings = page_strings(inert_html(html, where))
    seen = {tag for tag in FIELDS + ["reportrec"] if shown(tag) in strings}
    return seen | {label for value, label in NAMED_VALUES.items() if value in strings}


def _pdf_shown(body: bytes, where: str) -> set[str]:
    assert body.startswith(b"%PDF-")
    text = re.sub(r"\s+", "", pdf_text(body))
    assert "zq49zq" not in text, f"{where}: a template expression was evaluated"
    return {f"pdf:{tag}" for tag in FIELDS if re.sub(r"\s+", "", shown(tag)) in text}


def _cells_shown(cells: list, kind: str, where: str) -> set[str]:
    assert_no_formula_cells(cells, where)
    return {f"{kind}:{tag}" for tag in FIELDS if any(isinstance(c, str) and shown(tag) in c for c in cells)}


def _svg_inert(body: bytes, where: str) -> set[str]:
    svg = BeautifulSoup(body, "xml")
    assert not svg.find_all("script") and b"zq49zq" not in body, where
    assert not [a for e in svg.find_all(True) for a in e.attrs if a.lower().startswith("on")], where
    return set()


def _inert_and_shown(response, where: str) -> set[str]:
    """Check one answer shows stored text inert, by its kind; return which payloads it shows.
    Other answers (a stored upload sent as a download) carry no rendered text."""
    mimetype, body = response.mimetype, response.get_data()
    if mimetype == "text/html":
        return _html_shown(response, where)
    if mimetype == "application/pdf":
        return _pdf_shown(body, where)
    if mimetype.startswith("text/csv"):
        return _cells_shown(csv_cells(body), "csv", where)
    if "spreadsheetml" in mimetype:
        return _cells_shown(xlsx_cells(body), "xlsx", where)
    if mimetype == "image/svg+xml":
        return _svg_inert(body, where)
    return set()


@pytest.mark.parametrize("role", ["admin", "chair", "agency", "trainer"])
def test_every_page_pdf_and_spreadsheet_shows_stored_text_inert(hostile, client, role):
    user = hostile.users[role]
    _sign_in(client, user)
    responses = _fetch_all(client, hostile, role)
    seen = set()
    problems = []
    for url, response in responses.items():
        if response.status_code >= 500:
            problems.append(f"GET {url}: {response.status_code}")
            continue
        seen |= _inert_and_shown(response, f"{role} GET {url}")
        disposition = response.headers.get("Content-Disposition")
        if disposition:
            assert re.fullmatch(r'attachment; filename="[^"\\]*"(; filename\*=[^;"\s]+)?', disposition), (
                f"{url}: the download file name breaks out of its header: {disposition}")
    assert problems == []
    results = BeautifulSoup(responses["/search?q=alert"].get_data(as_text=True), "html.parser")
    snippets = " ".join(s.get_text("") for s in results.select(".app-learning-snippet"))
    assert shown("finding") in snippets and shown("rectext") in snippets  # highlighted, and inert
    spreadsheets = {f"{fmt}:{tag}" for fmt in ("csv", "xlsx")
                    for tag in ("rectext", "action", "milestones", "outcome", "finding", "imported", "themename")}
    expected = {
        # Every field is shown somewhere to the coordinator, in pages, PDFs and spreadsheets.
        "admin": set(FIELDS) - {"collection"} | spreadsheets | {
            "pseudonym", "reference", "agency name", "evidence filename", "report filename", "user name",
            "reportrec", *(f"pdf:{tag}" for tag in ("summary", "finding", "rectext", "action", "milestones",
                                                     "narrative", "outcome", "themename", "themedesc",
                                                     "imported", "collection"))},
        "chair": {"summary", "notes", "never", "finding", "rectext", "narrative", "assessmsg", "outcome", "familyview",
                  "panelrole", "declaration", "processnote", "contribnote", "qaarea",
                  "pdf:summary", "pdf:rectext", "csv:action", "xlsx:outcome"},
        "agency": {"summary", "notes", "rectext", "contribnote", "narrative", "assessmsg", "outcome", "agency name",
                   "evidence filename", "pdf:rectext", "pdf:narrative", "csv:rectext", "xlsx:milestones"},
        "trainer": {"summary", "finding", "rectext", "collection", "themename", "pdf:finding", "pdf:collection",
                    "csv:finding", "xlsx:rectext", "briefing", "briefingtext"},
    }[role]
    assert expected - seen == set(), f"payloads never shown to {role}: {sorted(expected - seen)}"

"""An agency user guessing ids: every URL that takes an id, given the id of another agency's
record (a recommendation, an update's evidence, a progress report, a review the agency is not
part of) or another user's collection, answers 403 or 404 and shows nothing of it; each 403 is
audited with the path asked for. Lists and exports without ids hold none of it either."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from sqlalchemy import func, select

from dhr.data.models import AuditEvent, Collection, Finding, RecommendationUpdate
from dhr.extensions import db
from search import indexing

from . import factories as make
from .factories import PDF, TEST_PASSWORD
from .helpers import formats_of
from .hostile import pdf_text
from .test_route_matrix import _routes

OURS = "Northshire Police"
THEIRS = "Southshire Housing"
SECRETS = ["SECRETHIDDENSUMMARY", "SECRETHIDDENFINDING", "SECRETHIDDENREC", "SECRETHIDDENDOC", "SECRETUPDATE",
           "SECRETNOTES", "SECRETCOLLECTION", "SECRETEVIDENCE", "SECRETJOB", "SECRETBRIEFING",
           "SECRETCONTRIBUTION"]
# Global things, not any agency's: a theme's pack is served, filtered to what the user may see.
SHARED_ID_ARGUMENTS = {"theme_id"}


@pytest.fixture
def guesser(app):
    """Our agency user, and their records and another agency's, ids by name."""
    ours = make.agency_user(OURS)
    theirs = make.agency_user(THEIRS)
    other_trainer = make.trainer()
    our_agency, their_agency = ours.agency, theirs.agency
    theme = make.theme("Housing and homelessness", "case_factor")
    published = make.review("SDHR2020-01", pseudonym="Cleo", stage="published", published=True,
                            notified_on=dt.date(2020, 1, 5), published_on=dt.date(2021, 1, 5), summary="Cleo's review.",
                            restricted_notes="SECRETNOTES about Cleo's family", panel_agencies=[their_agency])
    hidden = make.review("SDHR2024-02", pseudonym="Dee", stage="drafting", notified_on=dt.date(2024, 1, 5),
                         summary="SECRETHIDDENSUMMARY", panel_agencies=[their_agency], own_themes=[theme])
    ours_review = make.review("NDHR2021-03", pseudonym="Eve", stage="monitoring", published=True,
                              notified_on=dt.date(2021, 2, 1), published_on=dt.date(2022, 1, 1),
                              panel_agencies=[our_agency])
    their_rec = make.recommendation(published, "1", "Housing should ask about abuse.", lead=their_agency,
                                    status="on_track")
    hidden_rec = make.recommendation(hidden, "1", "SECRETHIDDENREC", lead=their_agency, themes=[theme])
    our_rec = make.recommendation(ours_review, "1", "Police should train officers.", lead=our_agency,
                                  status="on_track")
    hidden_finding = make.finding(hidden, "SECRETHIDDENFINDING", themes=[theme], agencies=[their_agency])
    public_finding = make.finding(published, "Housing missed the signs.")
    update = make.update(their_rec, "SECRETUPDATE: tenancy visits now ask", author=theirs)
    our_update = make.update(our_rec, "Training designed.", author=ours)
    evidence = make.document(update=update, content=PDF, filename="SECRETEVIDENCE.pdf", uploaded_by=theirs)
    our_evidence = make.document(update=our_update, content=PDF, filename="register.pdf", uploaded_by=ours)
    document = make.document(review=hidden, content=b"SECRETHIDDENDOC", filename="draft.txt")
    collection = make.collection(other_trainer, [public_finding], "SECRETCOLLECTION")
    job = make.job(theirs, "agency_progress", title="SECRETJOB progress report", content=b"SECRETJOBFILE")
    briefing = make.briefing(make.admin(), [hidden], "SECRETBRIEFING on Dee's review")
    contribution = make.contribution(hidden, their_agency, "imr", note="SECRETCONTRIBUTION asked of Housing")
    indexing.rebuild()
    theirs_ids = {"review": hidden.id, "finding": hidden_finding.id, "recommendation": hidden_rec.id,
                  "rec": hidden_rec.id, "update": update.id, "document": document.id, "evidence": evidence.id,
                  "collection": collection.id, "theme": theme.id, "agency": their_agency.id,
                  "user": theirs.id, "pause": 0, "job": job.id, "action": hidden_rec.actions[0].id,
                  "change": make.date_change(their_rec.actions[0], theirs, dt.date(2031, 1, 1)).id,
                  "briefing": briefing.id, "contribution": contribution.id}
    ours_ids = {"review": ours_review.id, "recommendation": our_rec.id, "rec": our_rec.id,
                "action": our_rec.actions[0].id,
                "evidence": our_evidence.id, "agency": our_agency.id}
    return dict(user=ours, theirs=theirs_ids, ours=ours_ids, their_published_rec=their_rec.id,
                published_review=published.id, their_evidence=evidence.id)


def _sign_in(client, user):
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302


def _readable(response) -> str:
    """Everything a response says, as text: pages, PDFs, spreadsheets and files."""
    body = response.get_data()
    if body.startswith(b"%PDF-"):
        try:
            return pdf_text(body) + body.decode("latin-1")
        except Exception:
            return body.decode("latin-1")
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return body.decode("utf-8", "replace")


def _refusals(path: str) -> int:
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "access_denied"))
    return sum(1 for e in events if (e.changes or {}).get("path") == path)


def _values(ids: dict) -> dict:
    values = {f"{k}_id": v for k, v in ids.items()}
    values.update(ids)
    values.update(name="agency", dataset="recommendations", fmt="csv")
    return values


def test_every_url_with_another_agencys_id_is_refused_and_403s_are_audited(app, client, guesser):
    _sign_in(client, guesser["user"])
    values = _values(guesser["theirs"])
    problems = []
    tried = 0
    for rule, method in _routes(app):
        ids = {a for a in rule.arguments if a.endswith("_id")}
        declared = app.view_functions[rule.endpoint].access_rule
        if not ids or (declared != "public" and "agency" not in declared):
            continue
        if getattr(app.view_functions[rule.endpoint], "token_auth", False):
            continue  # the API: by token, not this session (another agency's ids: tests/test_api.py)
        url = rule.build({a: values[a] for a in rule.arguments}, append_unknown=False)[1]
        before = _refusals(url)
        response = client.open(url, method=method, data={"narrative": "x", "proposed_status": "on_track",
                                                         "collection_id": values["collection_id"],
                                                         "finding_id": values["finding_id"]})
        tried += 1
        text = _readable(response)
        leaked = [s for s in SECRETS if s in text]
        if leaked:
            problems.append(f"{method} {url}: {response.status_code} shows {leaked}")
        if ids <= SHARED_ID_ARGUMENTS:
            if response.status_code >= 500:
                problems.append(f"{method} {url}: {response.status_code}")
            continue
        if response.status_code not in (403, 404):
            problems.append(f"{method} {url}: {response.status_code}, expected 403 or 404")
        if response.status_code == 403 and _refusals(url) != before + 1:
            problems.append(f"{method} {url}: 403 not audited")
    assert tried >= 10
    assert problems == []
    # Nothing was changed by the attempts.
    assert db.session.scalar(select(func.count()).select_from(RecommendationUpdate)) == 2
    assert db.session.scalar(select(func.count()).select_from(Collection)) == 1
    assert db.session.get(Collection, values["collection_id"]).findings


@pytest.mark.parametrize("url, status, audited", [
    ("/our-recommendations/{their_published_rec}", 403, True),   # a published review's, led by another agency
    ("/recommendations/evidence/{their_evidence}", 403, True),
    ("/reports/agencies/{their_agency}/progress.pdf", 403, True),
    ("/reviews/{hidden_review}", 404, False),  # as if it did not exist
    ("/reviews/{hidden_review}/documents/{hidden_document}", 404, False),
    ("/collections/{collection}", 404, True),  # someone else's collection: answered as absent, but audited
    ("/reports/collections/{collection}.pdf", 404, True),
])
def test_named_cases(app, client, guesser, url, status, audited):
    _sign_in(client, guesser["user"])
    theirs = guesser["theirs"]
    url = url.format(their_published_rec=guesser["their_published_rec"], their_evidence=guesser["their_evidence"],
                     their_agency=theirs["agency"], hidden_review=theirs["review"],
                     hidden_document=theirs["document"], collection=theirs["collection"])
    response = client.get(url)
    assert response.status_code == status
    assert not [s for s in SECRETS if s in _readable(response)]
    assert _refusals(url) == (1 if audited else 0)


def test_the_same_urls_with_our_own_ids_work(app, client, guesser):
    _sign_in(client, guesser["user"])
    ours = guesser["ours"]
    for url in (f"/our-recommendations/{ours['rec']}", f"/recommendations/evidence/{ours['evidence']}",
                f"/reports/agencies/{ours['agency']}/progress.pdf", f"/reviews/{ours['review']}",
                f"/reports/reviews/{ours['review']}/action-plan.pdf"):
        assert client.get(url).status_code == 200, url


def test_lists_exports_and_search_hold_nothing_of_another_agency(app, client, guesser):
    _sign_in(client, guesser["user"])
    problems = []
    # Queries in lower case: the search box echoes the query, the secrets are in capitals.
    urls = ["/search?q=" + s.lower() for s in SECRETS] + ["/search?q=housing", "/search?q=tenancy"]
    for rule, method in _routes(app):
        declared = app.view_functions[rule.endpoint].access_rule
        if method != "GET" or rule.endpoint == "auth.sign_out" or any(a.endswith("_id") for a in rule.arguments):
            continue
        if declared != "public" and "agency" not in declared:
            continue
        datasets = ("reviews", "findings", "recommendations") if "dataset" in rule.arguments else ("",)
        formats = formats_of(rule)
        args = set(rule.arguments) - {"dataset", "fmt", "name"}
        if args:
            continue
        urls += [rule.build({"dataset": d, "fmt": f, "name": "agency"}, append_unknown=False)[1]
                 for d in datasets for f in formats]
    for url in urls:
        response = client.get(url)
        leaked = [s for s in SECRETS if s in _readable(response)]
        if response.status_code >= 500 or leaked:
            problems.append(f"GET {url}: {response.status_code} {leaked}")
    assert problems == []
    assert any(re.search(r"/our-recommendations/export\.xlsx", u) for u in urls)


def test_ids_in_form_fields_are_checked_too(app, client, guesser):
    """POST /collections/add carries its ids in the form: another user's collection, or a finding
    of a review the agency cannot see, is refused and nothing is added."""
    _sign_in(client, guesser["user"])
    theirs = guesser["theirs"]
    assert client.post("/collections", data={"name": "Ours"}).status_code == 302
    own = db.session.scalar(select(Collection).where(Collection.owner_id == guesser["user"].id))
    visible_finding = db.session.scalar(select(Finding.id).where(Finding.review_id == guesser["published_review"]))
    attempts = [
        # not one of the user's collections, so not a valid choice: sent back with a message
        ({"collection_id": theirs["collection"], "finding_id": visible_finding}, 302),
        ({"collection_id": own.id, "finding_id": theirs["finding"]}, 404),
    ]
    for data, status in attempts:
        response = client.post("/collections/add", data={**data, "next": ""})
        assert response.status_code == status, data
        assert not [s for s in SECRETS if s in _readable(response)]
    db.session.expire_all()
    assert db.session.get(Collection, own.id).findings == []
    assert len(db.session.get(Collection, theirs["collection"]).findings) == 1

"""Importing action plans and reports at once: files matched to reviews by the reference in their
name or content, hostile ZIP files refused, a preview of what will happen to each file, the
batch run in the background with its progress, and a second run of the same ZIP changing nothing."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from sqlalchemy import func, select

from dhr.data import audit_words, batch_files, jobs, onboarding, reviews
from dhr.data.job_models import Job
from dhr.data.models import AuditEvent, Document, Recommendation, Review
from dhr.data.proposals import propose
from dhr.data.uploads import UploadRefused
from dhr.extensions import db
from search import indexing

from . import factories as make
from .batches import docx, plan_rows, xlsx, zipped
from .helpers import error_summary
from .test_extraction import build_docx, report_lines
from .test_register_import import _csv, _forty_five

LEAD = "Northshire Police"


def _text(soup) -> str:
    return " ".join(soup.get_text(" ").split())


def _upload(pages, files: dict[str, bytes]):
    data = {"files": [(io.BytesIO(content), name) for name, content in files.items()]}
    return pages.post("/reviews/import-files", data=data, content_type="multipart/form-data")


def _confirm(pages, **kinds) -> Job:
    response = pages.client.post("/reviews/import-files/confirm", data=kinds)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    job_id = int(re.search(r"/downloads/(\d+)", response.headers["Location"]).group(1))
    db.session.expire_all()
    return db.session.get(Job, job_id)


def _recommendations(review: Review | None = None) -> int:
    query = select(func.count(Recommendation.id))
    return db.session.scalar(query.where(Recommendation.review_id == review.id) if review else query)


# --- Matching -------------------------------------------------------------------------------

def test_a_reference_is_found_in_any_case_and_with_any_separator_but_not_inside_a_longer_one(app):
    first, second = make.review("DHR-2019-04"), make.review("NDHR2014-03")
    finder = reviews.reference_finder()
    assert finder.reviews_in("dhr_2019_04 action plan.xlsx") == [first]
    assert finder.reviews_in("Overview report DHR 2019 04 final.pdf") == [first]
    assert finder.reviews_in("ndhr2014–03 exec summary.docx") == [second]
    assert finder.reviews_in("XDHR-2019-04.xlsx") == [] and finder.reviews_in("DHR-2019-041.xlsx") == []
    assert finder.reviews_in("DHR-2019-04 and NDHR2014-03 compared") == [first, second]
    assert finder.reviews_in("minutes of the board.pdf") == []


def _planned(files: dict[str, bytes], user):
    return onboarding.plan(batch_files.entries_of([("batch.zip", zipped(files))]), user)


def test_files_are_matched_by_name_else_content_and_ambiguous_or_unmatched_ones_are_problems(app):
    admin = make.admin()
    make.agency(LEAD)
    first, second = make.review("DHR-2019-04"), make.review("DHR-2020-07")
    batch = _planned({
        "DHR-2019-04 action plan.xlsx": xlsx(plan_rows("DHR-2019-04", 2, LEAD)),
        "plan from the panel.xlsx": xlsx(plan_rows("x", 1, LEAD), title="Action plan for DHR-2020-07"),
        "summary.docx": docx("Executive summary", "Domestic Homicide Review DHR-2020-07"),
        "both.docx": docx("This report compares DHR-2019-04 with DHR-2020-07."),
        "notes.docx": docx("Minutes of a meeting with no reference."),
    }, admin)
    by_name = {item.name: item for item in batch.items}
    assert (by_name["DHR-2019-04 action plan.xlsx"].review, by_name["DHR-2019-04 action plan.xlsx"].matched_by) == (
        first, "file name")
    assert by_name["DHR-2019-04 action plan.xlsx"].summary == "2 recommendations: 2 new, 0 changed, 0 unchanged"
    assert (by_name["plan from the panel.xlsx"].review, by_name["plan from the panel.xlsx"].matched_by) == (
        second, "content")
    summary = by_name["summary.docx"]
    assert (summary.review, summary.kind, summary.state) == (second, "executive_summary", onboarding.READY)
    assert "2 reviews match (DHR-2019-04, DHR-2020-07)" in by_name["both.docx"].problems[0]
    assert by_name["notes.docx"].problems == [onboarding.NO_REVIEW]
    assert [item.state for item in batch.items] == ["ready", "ready", "ready", "problem", "problem"]


def test_a_plan_with_errors_is_not_imported_and_the_preview_says_which_rows(sign_in):
    pages, _ = sign_in("admin")
    make.agency(LEAD)
    review = make.review("DHR-2019-04")
    bad = plan_rows("DHR-2019-04", 3, LEAD)
    bad[1][6] = "next spring"
    bad[2][4] = "Ministry of Nowhere"
    soup = _upload(pages, {"batch.zip": zipped({"DHR-2019-04 plan.xlsx": xlsx(bad), "readme.txt": b"hello"})})
    text = _text(soup)
    assert "2 files have problems and will not be imported" in text
    assert "Row 3: Target date ‘next spring’ is not a date" in text
    assert "Lead agency ‘Ministry of Nowhere’ (row 4) is no agency the service knows" in text
    assert "readme.txt" in text and "No review found" in text
    assert error_summary(soup) and not soup.find("form", action="/reviews/import-files/confirm")
    assert _recommendations(review) == 0


# --- Hostile ZIP files ----------------------------------------------------------------------

def _refused(content: bytes) -> str:
    with pytest.raises(UploadRefused) as refused:
        batch_files.entries_of([("batch.zip", content)])
    return str(refused.value)


def test_hostile_zip_files_are_refused_in_plain_words(app):
    assert "outside its own folders (../../etc/passwd)" in _refused(zipped({"../../etc/passwd": b"x"}))
    assert "outside its own folders" in _refused(zipped({"/abs/plan.csv": b"x"}))
    assert "far more than its size" in _refused(zipped({"bomb.txt": b"\0" * (5 * batch_files.MB)}))
    assert "more than 200 files" in _refused(zipped({f"{n}.txt": b"x" for n in range(201)}))
    assert "damaged" in _refused(b"PK\x03\x04 not really a zip")
    locked = bytearray(zipped({"plan.csv": b"a,b"}))
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # the encrypted flag in both headers
        at = locked.index(header) + (6 if header == b"PK\x03\x04" else 8)
        locked[at] |= 1
    assert "password" in _refused(bytes(locked))
    entries = batch_files.entries_of([("batch.zip", zipped({"inner.zip": zipped({"a.csv": b"x"}), "dir/": b"",
                                                            "__MACOSX/._a": b"x", "a.docx": docx("DHR-1")}))])
    assert [(e.name, e.problem) for e in entries] == [("inner.zip", batch_files.NESTED), ("a.docx", "")]


def test_the_kept_batch_reads_back_as_it_was(app):
    entries = [batch_files.BatchEntry("a.xlsx", b"one"), batch_files.BatchEntry("b.zip", problem="nested"),
               batch_files.BatchEntry("a.xlsx", b"two")]
    assert batch_files.unpacked(batch_files.packed(entries)) == entries


# --- End to end -----------------------------------------------------------------------------

def _forty_five_plans(references: list[str]) -> bytes:
    files = {f"{ref} action plan.xlsx": xlsx(plan_rows(ref, 2 + n % 3, LEAD)) for n, ref in enumerate(references)}
    files["reports/overview.docx"] = docx("Overview report", f"Domestic Homicide Review {references[0]}")
    files[f"{references[1]} executive summary.docx"] = docx("Executive summary", "What the review found.")
    return zipped(files)


def test_a_register_of_45_reviews_and_a_zip_of_45_plans_import_and_a_second_run_changes_nothing(sign_in):
    pages, admin = sign_in("admin")
    indexing.rebuild()
    make.agency(LEAD)
    coercion = make.theme("Coercive control", synonyms="controlling behaviour")
    for n in range(1, 4):  # tagged learning like the plans' recommendations, for the suggestions
        make.finding(make.review(f"OLD-2010-0{n}", published=True, published_on=dt.date(2012, 1, 10)),
                     f"Agencies did not ask about coercive control at any contact (account {n}).", themes=[coercion])
    chair = make.chair(name="Sam Okafor")
    register = _csv(_forty_five(chair.name))
    assert "45 new reviews" in _text(pages.post("/reviews/register", data={"register": (io.BytesIO(register), "r.csv")},
                                                content_type="multipart/form-data"))
    assert pages.client.post("/reviews/register/confirm", data={}).status_code == 302
    references = [row[0] for row in _forty_five(chair.name)]
    content = _forty_five_plans(references)

    soup = _upload(pages, {"northshire.zip": content})
    assert "47 files — 47 files to import, 0 files already as the service has them, 0 files that" in _text(soup)
    job = _confirm(pages, **{"kind-45": "overview_report"})
    assert (job.state, job.steps_done, job.steps_total) == ("done", 48, 48)
    assert job.step_label == "47 files saved, 0 already as the service has them, 0 not saved."
    expected = sum(2 + n % 3 for n in range(45))
    assert _recommendations() == expected
    assert db.session.scalar(select(func.count(Document.id))) == 2
    summary = db.session.scalar(select(Document).where(Document.filename.like("%executive summary%")))
    assert (summary.review.reference, summary.kind) == (references[1], "executive_summary")
    assert "Domestic Homicide Review" in db.session.scalar(
        select(Document.extracted_text).where(Document.kind == "overview_report"))

    result = pages.get(job.result_url)
    assert "47 files saved" in _text(result)
    links = [a["href"] for a in result.find_all("a") if "suggested-themes" in a.get("href", "")]
    assert len(links) == 45 and all("OLD-" not in link for link in links)
    themes_page = pages.get(links[0])
    assert "ask about coercive control at every contact" in _text(themes_page)
    boxes = themes_page.select(f"input[name^=recommendation-][value='{coercion.id}']")
    assert boxes and all(box.has_attr("checked") for box in boxes)  # suggested for every imported row

    told = audit_words.in_words(db.session.scalars(select(AuditEvent).where(
        AuditEvent.action.in_(["action_plan_imported", "files_imported"])).order_by(AuditEvent.id)))
    assert len(told) == 46 and told[0].words == f"Imported an action plan into {references[0]}"
    assert told[-1].words == "Imported 47 files of action plans and reports at once from northshire.zip"
    # The same ZIP again: nothing to import, and nothing duplicated.
    again = _text(_upload(pages, {"northshire.zip": content}))
    assert "0 files to import, 47 files already as the service has them" in again
    assert "there is nothing to import" in again
    assert _recommendations() == expected and db.session.scalar(select(func.count(Document.id))) == 2


def test_a_plan_changed_since_it_was_imported_shows_and_saves_only_its_changes(sign_in, monkeypatch):
    pages, _ = sign_in("admin")
    reported = []
    real_report = jobs.report
    monkeypatch.setattr(jobs, "report", lambda job, done, total, label: (reported.append((done, total, label)),
                                                                          real_report(job, done, total, label)))
    make.agency(LEAD)
    review = make.review("DHR-2019-04")
    rows = plan_rows("DHR-2019-04", 3, LEAD)
    _upload(pages, {"DHR-2019-04.xlsx": xlsx(rows)})
    _confirm(pages)
    rows[0][7] = "12/03/2025 – training delivered"
    rows.append(plan_rows("DHR-2019-04", 1, LEAD, first=4)[0])
    text = _text(_upload(pages, {"DHR-2019-04.xlsx": xlsx(rows)}))
    assert "4 recommendations: 1 new, 1 changed, 2 unchanged" in text
    reported.clear()
    job = _confirm(pages)
    assert reported == [(1, 2, "File 1 of 1: DHR-2019-04.xlsx")]
    assert job.step_label == "1 file saved, 0 already as the service has them, 0 not saved."
    assert _recommendations(review) == 4


def test_the_result_is_only_for_the_coordinator_who_asked(sign_in):
    pages, _ = sign_in("admin")
    make.agency(LEAD)
    make.review("DHR-2019-04")
    _upload(pages, {"DHR-2019-04.xlsx": xlsx(plan_rows("DHR-2019-04", 1, LEAD))})
    job = _confirm(pages)
    assert pages.client.get(job.result_url).status_code == 200
    job.user_id = make.admin(email="other-admin@example.org").id
    db.session.commit()
    assert pages.client.get(job.result_url).status_code == 404


def test_a_zip_with_a_nested_zip_says_so_on_the_preview(sign_in):
    pages, _ = sign_in("admin")
    inner = zipped({"DHR-1.xlsx": b"x"})
    text = _text(_upload(pages, {"batch.zip": zipped({"more.zip": inner}, zipfile.ZIP_STORED)}))
    assert "A ZIP file inside the ZIP file is not opened" in text


def test_several_files_chosen_at_once_and_the_kind_of_a_report_chosen_on_the_preview(sign_in):
    pages, _ = sign_in("admin")
    review = make.review("DHR-2019-04")
    report = build_docx(report_lines("decimal"))
    soup = _upload(pages, {"DHR-2019-04 overview.docx": report, "DHR-2019-04 notes.txt": b"Panel notes."})
    chosen = soup.select_one("select#kind-0 option[selected]")
    assert chosen["value"] == "overview_report" and soup.select_one("label[for=kind-0]")
    assert "2 files — 2 files to import" in _text(soup)
    job = _confirm(pages, **{"kind-0": "executive_summary", "kind-1": "not-a-kind"})
    result = _text(pages.get(job.result_url))
    found = len(propose(db.session.scalar(select(Document.extracted_text).where(Document.filename.like("%.docx")))))
    assert found and f"Stored as the executive summary of DHR-2019-04; {found} draft recommendations found in it " \
        "await the chair" in result
    assert sorted((d.filename, d.kind) for d in db.session.scalars(select(Document))) == [
        ("DHR-2019-04 notes.txt", "overview_report"), ("DHR-2019-04 overview.docx", "executive_summary")]
    told = audit_words.in_words(db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "document",
                                                                           AuditEvent.action == "create")))
    assert len(told) == 2 and all(t.words.startswith("Uploaded the") and "DHR-2019-04" in t.words for t in told), [
        t.words for t in told]
    text = _text(_upload(pages, {"DHR-2019-04 overview.docx": report}))
    assert "Nothing to change: DHR-2019-04 already has this file" in text
    assert db.session.scalar(select(func.count(Document.id)).where(Document.review_id == review.id)) == 2

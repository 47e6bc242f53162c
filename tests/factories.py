"""Test data: one small function per kind of row, with sensible defaults and keyword overrides.

Every test that needs rows makes them here (or through a world fixture in conftest.py, which is
built from these). Each factory creates its row through the data-layer function where one exists
(agencies.create, users.create, reviews.create, findings.create, recommendations.create,
themes.create, collections.create), then sets on the model the fields that describe states the
UI only reaches in many steps (published, a stage, a status, an assessed update). Each returns the
row, flushed (it has an id) and committed with dhr.data.commit() — pass commit=False to build
several rows in one transaction and commit once yourself.

    from . import factories as make
    police = make.agency("Northshire Police")
    review = make.review(published=True, panel_agencies=[police])
    rec = make.recommendation(review, lead=police, status="on_track", target_date=make.days(-5))
"""
from __future__ import annotations

import datetime as dt
import io
import itertools
from typing import Iterable

from dhr.data import accounts as account_data
from dhr.data import actions as action_data
from dhr.data import agencies as agency_data
from dhr.data import collections as collection_data
from dhr.data import commit as commit_all
from dhr.data import contributions as contribution_data
from dhr.data import family as family_data
from dhr.data import findings as finding_data
from dhr.data import jobs as job_data
from dhr.data import recommendations as recommendation_data
from dhr.data import reviews as review_data
from dhr.data import themes as theme_data
from dhr.data import uploads
from dhr.data import users as user_data
from dhr.data.allow_list import AllowedContact
from dhr.data.briefing_models import Briefing
from dhr.data.job_models import Job
from dhr.data.models import (
    Action,
    Agency,
    AgencyAlias,
    Collection,
    Document,
    Finding,
    Pause,
    Recommendation,
    RecommendationUpdate,
    Review,
    TargetDateChange,
    Theme,
    User,
)
from dhr.extensions import db

TEST_PASSWORD = "correct horse battery staple"
TODAY = dt.date.today()

_serial = itertools.count(1)


def days(n: int) -> dt.date:
    """The date n days from today (negative: in the past)."""
    return TODAY + dt.timedelta(days=n)


def _done(row, commit: bool):
    db.session.flush()
    if commit:
        commit_all()
    return row


def _set(row, fields: dict) -> None:
    """Set fields that differ from what the row already holds (no needless UPDATE or audit row)."""
    for name, value in fields.items():
        if not hasattr(type(row), name):
            raise TypeError(f"{type(row).__name__} has no field {name!r}")
        if getattr(row, name) != value:
            setattr(row, name, value)


# --- file contents ----------------------------------------------------------------------------

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


# --- agencies, users, themes ------------------------------------------------------------------

def agency(name: str = "Northshire Police", kind: str = "police", *, active: bool = True,
           commit: bool = True) -> Agency:
    """The agency of that name, created if it does not exist yet."""
    found = agency_data.by_name(name) or agency_data.create(name, kind)
    _set(found, {"active": active})
    return _done(found, commit)


_agency = agency  # `user` takes an argument of that name


def user(role: str = "admin", *, email: str | None = None, agency: Agency | str | None = None, name: str = "",
         password: str = TEST_PASSWORD, active: bool = True, commit: bool = True) -> User:
    """A user of a role. Agency users belong to `agency` (an Agency or a name; "Police" unless
    given), created if need be; everyone signs in with TEST_PASSWORD unless told otherwise."""
    agency_name = None
    if role == "agency":
        agency_name = agency.name if isinstance(agency, Agency) else _agency(agency or "Police", commit=False).name
    elif agency is not None:
        raise ValueError("only agency users belong to an agency")
    made = user_data.create(email or f"{role}-{next(_serial)}@example.org", password, role, name=name,
                            agency_name=agency_name)
    _set(made, {"active": active})
    return _done(made, commit)


def invitation(email: str = "invitee@example.org", name: str = "Ira Invitee", role: str = "trainer", *,
               agency: Agency | None = None, commit: bool = True) -> tuple[User, str]:
    """Someone invited, who has not set a password yet, and the token of their emailed link."""
    invited, token = account_data.invite(email, name, role, agency.id if agency else None)
    return _done(invited, commit), token


def admin(**kw) -> User:
    return user("admin", **kw)


def chair(**kw) -> User:
    return user("chair", **kw)


def agency_user(agency: Agency | str = "Police", **kw) -> User:
    return user("agency", agency=agency, **kw)


def trainer(**kw) -> User:
    return user("trainer", **kw)


def theme(name: str = "Coercive control", kind: str = "learning", *, description: str = "", synonyms: str = "",
          parent: Theme | None = None, strategy_priority: int | None = None, commit: bool = True) -> Theme:
    """The theme of that name, created if it does not exist yet."""
    found = theme_data.by_name(name) or theme_data.create(name, kind, description, synonyms, parent,
                                                          strategy_priority)
    return _done(found, commit)


# --- reviews and what they hold ---------------------------------------------------------------

def review(reference: str | None = None, *, notified_on: dt.date = dt.date(2023, 1, 31), chair: User | None = None,
           panel_agencies: Iterable[Agency] = (), own_themes: Iterable[Theme] = (), published: bool = False,
           published_on: dt.date | None = None, stage: str | None = None, review_type: str = "dhr",
           death_category: str = "intimate_partner", pseudonym: str = "Adult A", summary: str = "",
           restricted_notes: str = "", never_publish_terms: str = "", commit: bool = True, **fields) -> Review:
    """A review, as a chair logs it (reviews.create), then moved to the state asked for: any other
    Review field (decision_on, submitted_on, ...) may be given. A published review is at the
    published stage and has a publication date (a year after notification) unless told otherwise."""
    made = review_data.create(
        reference=reference or f"DHR-TEST-{next(_serial):03d}", notified_on=notified_on, chair=chair,
        panel_agencies=panel_agencies, own_themes=own_themes, review_type=review_type,
        death_category=death_category, pseudonym=pseudonym, summary=summary, restricted_notes=restricted_notes,
        never_publish_terms=never_publish_terms,
    )
    if published and published_on is None:
        published_on = notified_on + dt.timedelta(days=365)
    state = {"published": published, "published_on": published_on,
             "stage": stage or ("published" if published else "notified"), **fields}
    _set(made, state)
    return _done(made, commit)


def pause(review: Review, started_on: dt.date = dt.date(2023, 3, 1), ended_on: dt.date | None = None, *,
          reason: str = "criminal_trial", note: str = "", commit: bool = True) -> Pause:
    """A pause in a review's timetable (open unless ended_on is given)."""
    made = Pause(review=review, started_on=started_on, ended_on=ended_on, reason=reason, note=note)
    db.session.add(made)
    return _done(made, commit)


def finding(review: Review, text: str = "Agencies did not recognise coercive control.", *,
            themes: Iterable[Theme] = (), agencies: Iterable[Agency] = (), position: int | None = None,
            commit: bool = True) -> Finding:
    """A finding, numbered after the review's last one unless `position` is given."""
    made = finding_data.create(review, text, list(themes), list(agencies))
    if position is not None:
        _set(made, {"position": position})
    return _done(made, commit)


def recommendation(review: Review, number: str | int | None = None,
                   text: str = "Train staff to recognise coercive control.", *, lead: Agency | None = None,
                   supporting: Iterable[Agency] = (), status: str = "not_started", target_date: dt.date | None = None,
                   scope: str = "local", themes: Iterable[Theme] = (), action_to_take: str = "",
                   milestones: str = "", strategy_priority: int | None = None, answers: Iterable[Finding] = (),
                   commit: bool = True, **fields) -> Recommendation:
    """A recommendation (numbered after the review's last one unless `number` is given), with a
    lead agency, supporting agencies, the findings it answers and one action holding the status
    and target date; the action's other fields (completed_on, outcome) may be given, and the
    recommendation's own."""
    if number is None:
        number = len(review.recommendations) + 1
    details = recommendation_data.Details(
        number=str(number), text=text, scope=scope, lead_agency=lead, supporting_agencies=list(supporting),
        action_to_take=action_to_take, milestones=milestones, target_date=target_date,
        strategy_priority=strategy_priority, themes=list(themes), findings=list(answers),
    )
    made = recommendation_data.create(review, details)
    action_fields = {k: fields.pop(k) for k in ("completed_on", "outcome", "agreed_at") if k in fields}
    _set(made.actions[0], {"status": status, **action_fields})
    _set(made, fields)
    return _done(made, commit)


def action(rec: Recommendation, text: str = "Brief every team on the change.", *, lead: Agency | None = None,
           status: str = "not_started", target_date: dt.date | None = None, agreed: bool = True,
           commit: bool = True, **fields) -> Action:
    """A further action under a recommendation, agreed unless `agreed` is false."""
    made = action_data.add(rec, action_data.ActionDetails(text=text, lead_agency=lead, target_date=target_date,
                                                          status=status, **fields), agreed=agreed)
    return _done(made, commit)


def date_change(action: Action, by: User, to_date: dt.date, reason: str = "Training delayed by a restructure.",
                commit: bool = True) -> TargetDateChange:
    """A lead agency's request, waiting for the coordinator, to move an action's target date."""
    made = TargetDateChange(action=action, from_date=action.target_date, to_date=to_date, reason=reason,
                            proposed_by_id=by.id)
    db.session.add(made)
    return _done(made, commit)


def agency_alias(written: str, agency: Agency, commit: bool = True) -> AgencyAlias:
    """A spelling of an agency's name remembered from an imported spreadsheet."""
    made = AgencyAlias(name_key=" ".join(written.split()).casefold(), written_as=written, agency=agency)
    db.session.add(made)
    return _done(made, commit)


def allowed_contact(value: str, note: str = "", commit: bool = True) -> AllowedContact:
    """A public contact detail on the partnership's allow-list."""
    made = AllowedContact(value=value, note=note)
    db.session.add(made)
    return _done(made, commit)


def family_contact(review: Review, who: str = "Her mother", *, offered_on: dt.date | None = None,
                   participation: str = "took_part", commit: bool = True):
    """A family member offered contact (through AAFDA) on the day after notification, unless told."""
    made = family_data.save_contact(review, family_data.Contact(
        who, "aafda", offered_on or review.notified_on + dt.timedelta(days=1), participation))
    return _done(made, commit)


def contribution(review: Review, agency: Agency, kind: str = "imr", *, asked_on: dt.date | None = None,
                 due_on: dt.date | None = None, received_on: dt.date | None = None, file: bytes | None = None,
                 uploaded_by: User | None = None, note: str = "", commit: bool = True):
    """A contribution asked of `agency` (contributions.ask) on `asked_on` (today), due 28 days
    later unless told; received on `received_on`, or on upload when `file` is given."""
    asked_on = asked_on or dt.date.today()
    made = contribution_data.ask(review, contribution_data.Asked(agency, kind, due_on or asked_on + dt.timedelta(28),
                                                                 note), today=asked_on)
    if file is not None:
        contribution_data.upload(made, "contribution.txt", file, uploaded_by, today=received_on or asked_on)
    elif received_on is not None:
        contribution_data.record_received(made, received_on, today=max(received_on, dt.date.today()))
    return _done(made, commit)


def briefing(by: User, reviews: Iterable[Review] = (), title: str = "7-minute briefing", *,
             kind: str = "seven_minute_briefing", held_on: dt.date = dt.date(2024, 6, 1),
             themes: Iterable[Theme] = (), commit: bool = True) -> Briefing:
    """A briefing recorded by `by`, sharing the learning of `reviews` and `themes`."""
    made = Briefing(kind=kind, title=title, held_on=held_on, created_by=by, reviews=list(reviews),
                    themes=list(themes))
    db.session.add(made)
    return _done(made, commit)


def update(recommendation: Recommendation, narrative: str = "Training has been designed.", *,
           author: User | None = None, agency: Agency | None = None, proposed_status: str | None = "on_track",
           assessment: str = "pending", assessment_message: str = "", on: Action | None = None,
           commit: bool = True) -> RecommendationUpdate:
    """An agency's progress update on an action (by default the first, from the lead agency,
    awaiting assessment)."""
    target = on or recommendation.actions[0]
    made = RecommendationUpdate(
        recommendation=recommendation, action=target, author=author,
        agency=agency or (author.agency if author else None) or target.lead_agency or recommendation.lead_agency,
        narrative=narrative, proposed_status=proposed_status, assessment=assessment,
        assessment_message=assessment_message,
    )
    db.session.add(made)
    return _done(made, commit)


def document(*, review: Review | None = None, update: RecommendationUpdate | None = None,
             content: bytes = b"Overview report text.", filename: str | None = None, kind: str | None = None,
             uploaded_by: User | None = None, extracted_text: str | None = None, commit: bool = True) -> Document:
    """A stored file: a review's report (kind overview_report) or an update's evidence (kind
    evidence), checked and stored as uploads are. Text files keep their text as extracted text."""
    checked = uploads.check(filename or ("file.pdf" if content.startswith(b"%PDF") else "file.txt"), content,
                            {"pdf", "text"})
    if extracted_text is None:
        extracted_text = content.decode("utf-8", "replace") if checked.kind == "text" else ""
    made = Document(
        review=review, update=update, kind=kind or ("evidence" if update is not None else "overview_report"),
        filename=checked.filename, content_type=checked.content_type, size_bytes=len(content),
        sha256=checked.sha256, storage_key=uploads.store(checked), extracted_text=extracted_text,
        uploaded_by=uploaded_by,
    )
    db.session.add(made)
    return _done(made, commit)


def collection(owner: User, findings: Iterable[Finding] = (), name: str = "Teaching set", *,
               commit: bool = True) -> Collection:
    """A trainer's collection of findings (collections.create), holding `findings`."""
    made = collection_data.create(owner, name)
    made.findings.extend(findings)
    return _done(made, commit)


# --- background jobs ------------------------------------------------------------------------

def job(user: User, kind: str = "theme_pack", *, state: str = "done", title: str = "Case studies: a theme",
        content: bytes | None = None, params: dict | None = None, commit: bool = True) -> Job:
    """A download prepared for `user` (ready unless another state is given), without a queue."""
    made = Job(user_id=user.id, kind=kind, title=title, params=params or {}, state=job_data.QUEUED,
               created_at=job_data.utcnow())
    db.session.add(made)
    db.session.flush()
    if state == job_data.DONE:
        job_data.finish(made, content if content is not None else one_page_pdf(), "case-studies.pdf",
                        "application/pdf")
    elif state == job_data.FAILED:
        job_data.fail(made, "The theme no longer exists")
    else:
        made.state = state
    return _done(made, commit)

"""Long work a person asked for: queued, run by a worker as that person, its progress reported,
its file kept for them for a day and then removed.

A job is never lost silently: a worker records a heartbeat as it goes, and a job whose worker
stopped (killed, or its host gone) is found by `look_after` and queued again, or marked failed
once it has been tried MAX_ATTEMPTS times."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, event, func, select, update
from sqlalchemy.orm import Session

from dhr.extensions import db

from . import tracking
from .errors import DataError
from .job_models import Job
from .models import User, utcnow

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
READY = "Ready"  # the step label of a job done, unless it left a note
STATE_LABELS = {QUEUED: "Waiting", RUNNING: "Being prepared", DONE: "Ready", FAILED: "Failed"}
WAITING_STATES = (QUEUED, RUNNING)
MAX_WAITING_PER_USER = 3
MAX_ATTEMPTS = 2
KEEP_FOR = dt.timedelta(hours=24)
# A running job whose worker has said nothing for this long has lost its worker (and a queued
# job not begun in this long may have been lost by the queue).
STALLED_AFTER = dt.timedelta(minutes=2)
STOPPED_MESSAGE = "The worker preparing this stopped before it finished"
# Key of session.info: jobs submitted in this transaction, handed to the queue after commit.
SUBMITTED = "dhr_jobs_submitted"


class JobError(DataError):
    """A plain reason a job cannot be asked for."""


def _queue_after_commit(job: Job) -> None:
    db.session.flush()
    db.session.info.setdefault(SUBMITTED, []).append(job.id)


@event.listens_for(Session, "after_rollback")
def _forget_submitted(session: Session) -> None:
    session.info.pop(SUBMITTED, None)


def submit(user: User, kind: str, title: str, params: dict) -> Job:
    """Ask for a piece of work on the user's behalf; refused while they have too many waiting."""
    waiting = db.session.scalar(select(func.count(Job.id)).where(Job.user_id == user.id,
                                                                  Job.state.in_(WAITING_STATES)))
    if waiting >= MAX_WAITING_PER_USER:
        raise JobError(f"You already have {waiting} downloads being prepared. Wait for one to finish, "
                       "then ask again.")
    job = Job(user_id=user.id, kind=kind, title=title[:200], params=params, state=QUEUED, created_at=utcnow())
    db.session.add(job)
    _queue_after_commit(job)
    return job


def get(job_id: int) -> Job | None:
    return db.session.get(Job, job_id)


def of_user(user: User) -> list[Job]:
    return list(db.session.scalars(select(Job).where(Job.user_id == user.id).order_by(Job.id.desc())))


def begin(job: Job) -> bool:
    """Claim a queued job for this worker; False if another worker has it or it is not waiting."""
    now = utcnow()
    claimed = db.session.execute(
        update(Job).where(Job.id == job.id, Job.state == QUEUED)
        .values(state=RUNNING, attempts=Job.attempts + 1, started_at=now, heartbeat_at=now,
                step_label="Starting", steps_done=0)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(job)
    return claimed == 1


def report(job: Job, done: int, total: int, label: str) -> None:
    """Progress, which is also the worker's heartbeat."""
    job.steps_done, job.steps_total = max(0, min(done, total)), max(1, total)
    job.step_label = label[:200]
    job.heartbeat_at = utcnow()


def beat(job_id: int) -> None:
    """The worker running this job is alive (said from a thread of its own)."""
    db.session.execute(update(Job).where(Job.id == job_id, Job.state == RUNNING).values(heartbeat_at=utcnow())
                       .execution_options(synchronize_session=False))
    db.session.info[tracking.WROTE] = True


def finish(job: Job, content: bytes | None, filename: str = "", content_type: str = "", result_url: str = "",
           note: str = "") -> None:
    """Done: with a file for the person (kept for KEEP_FOR), or with the page that follows on; the
    note, if any, is kept as the last step's label."""
    now = utcnow()
    job.state, job.finished_at, job.expires_at = DONE, now, now + KEEP_FOR
    job.content, job.size_bytes = content, len(content or b"")
    job.filename, job.content_type, job.result_url = filename[:255], content_type, result_url[:500]
    job.steps_done = job.steps_total
    job.step_label = _shortened(note, 200) if note else READY


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def fail(job: Job, message: str) -> None:
    now = utcnow()
    job.state, job.finished_at, job.expires_at = FAILED, now, now + KEEP_FOR  # then it leaves the list
    job.error = message[:500]
    job.step_label = "Failed"


def retry(job: Job) -> None:
    """Ask again for a job that failed."""
    if job.state != FAILED:
        raise JobError("Only a download that failed can be tried again")
    job.state, job.error, job.attempts = QUEUED, "", 0
    job.steps_done, job.step_label, job.finished_at, job.expires_at = 0, "Waiting for a worker", None, None
    _queue_after_commit(job)


def look_after(now: dt.datetime | None = None) -> dict[str, int]:
    """Queue again (or fail) the jobs whose worker stopped, and remove files past their time."""
    now = now or utcnow()
    stalled = list(db.session.scalars(select(Job).where(Job.state == RUNNING,
                                                        Job.heartbeat_at < now - STALLED_AFTER)))
    for job in stalled:
        if job.attempts >= MAX_ATTEMPTS:
            fail(job, f"{STOPPED_MESSAGE}, {job.attempts} times. Try again; if it fails again, tell the coordinator.")
        else:
            job.state, job.step_label = QUEUED, "Waiting for a worker (the first one stopped)"
            _queue_after_commit(job)
    # Handed over when the queue could not take them (or lost with it): handed over again;
    # a job runs once however often it is handed over (see begin).
    for job in db.session.scalars(select(Job).where(Job.state == QUEUED, Job.created_at < now - STALLED_AFTER)):
        _queue_after_commit(job)
    removed = db.session.execute(delete(Job).where(Job.state.in_((DONE, FAILED)), Job.expires_at < now)
                                 .execution_options(synchronize_session=False)).rowcount
    old_failures = db.session.execute(
        delete(Job).where(Job.state == FAILED, Job.finished_at < now - KEEP_FOR)
        .execution_options(synchronize_session=False)).rowcount
    return {"stalled": len(stalled), "removed": (removed or 0) + (old_failures or 0)}


def waiting_ids() -> list[int]:
    """Queued jobs, oldest first (for a worker starting up: the queue may have lost them)."""
    return list(db.session.scalars(select(Job.id).where(Job.state == QUEUED).order_by(Job.id)))

"""The background queue: long work (big PDFs, say) and every email run in a worker, never in a
web request or a command (emails: dhr.mail).

The queue is huey. Embedded, it is a SQLite file under instance/ and `flask worker` (which
`make run` starts beside the web server) works it; in production DHR_QUEUE_URL names Redis
(redis://host:6379/0) and each host runs `flask worker`. The queue carries only job ids: what a
job is, its progress and its file are rows (dhr.data.jobs), and every minute a worker looks
after them, so a message lost with a killed worker costs a retry, never the job."""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from flask import Flask, current_app
from flask_login import login_user
from huey import MemoryHuey, PriorityRedisHuey, SqliteHuey, crontab
from huey.api import Huey

from dhr import account_mail, data, mail, notify
from dhr.data import jobs, notifications, previews, sessions, users
from dhr.data.errors import DataError
from search import host

log = logging.getLogger(__name__)
QUEUE = "dhr.queue"
FAILED_MESSAGE = "Something went wrong while preparing this. Try again; if it fails again, tell the coordinator."


@dataclass(frozen=True)
class Prepared:
    """What a job made: a file for the person, or (content None) the page that follows on; and
    a note for the person about what was done, if there is more to say than that it is ready."""

    content: bytes | None
    filename: str = ""
    content_type: str = ""
    result_url: str = ""
    note: str = ""


Handler = Callable[..., Prepared]
KINDS: dict[str, Handler] = {}


def job_kind(name: str) -> Callable[[Handler], Handler]:
    """Register `handler(user, params, progress) -> Prepared` for jobs of this kind. It runs as
    the user who asked, and must ask the access policy as a page would."""
    def register(handler: Handler) -> Handler:
        KINDS[name] = handler
        return handler
    return register


class Progress:
    """Called by a handler as it goes: saves the step reached, which is also the heartbeat."""

    def __init__(self, job):
        self.job = job

    def __call__(self, done: int, total: int, label: str) -> None:
        jobs.report(self.job, done, total, label)
        data.commit()


def run(job_id: int) -> None:
    """Do one job, as the user who asked for it; a failure is recorded in plain words and logged."""
    job = jobs.get(job_id)
    if job is None or not jobs.begin(job):
        data.commit()
        return  # gone, done, or another worker has it
    data.commit()
    try:
        with _heartbeat(job_id):
            prepared = _prepare(job)
    except Exception as error:  # noqa: BLE001 - any failure must reach the person, not vanish
        log.exception("background job %s (%s) failed", job_id, job.kind)
        data.discard()
        job = jobs.get(job_id)
        jobs.fail(job, str(error) if isinstance(error, DataError) else FAILED_MESSAGE)
        data.commit()
        return
    jobs.finish(job, prepared.content, prepared.filename, prepared.content_type, prepared.result_url,
                prepared.note)
    data.commit()


# How often a running job says its worker is alive, whatever the job is doing (one step of a
# big PDF can take minutes): well inside jobs.STALLED_AFTER.
HEARTBEAT_SECONDS = 20.0


@contextmanager
def _heartbeat(job_id: int):
    """While the block runs, a thread of this worker records the job's heartbeat in its own
    session, so that a long step is never taken for a dead worker."""
    app = current_app._get_current_object()
    done = threading.Event()

    def beat() -> None:
        while not done.wait(HEARTBEAT_SECONDS):
            with app.app_context():
                jobs.beat(job_id)
                data.commit()

    thread = threading.Thread(target=beat, name=f"dhr-job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def _prepare(job) -> Prepared:
    handler = KINDS.get(job.kind)
    user = users.get(job.user_id)
    if handler is None:
        raise DataError("This kind of download is no longer offered")
    if user is None or not user.is_active:
        raise DataError("The account that asked for this is no longer active")
    # Pages and PDFs are drawn for a signed-in person: the job gets a request of its own, signed
    # in as the person who asked, so that templates see exactly what that person's pages would.
    with current_app.test_request_context("/downloads/"):
        login_user(user)
        return handler(user, dict(job.params or {}), Progress(job))


def look_after() -> dict[str, int]:
    """A worker's minute-by-minute care: jobs whose worker stopped, files past their time,
    import previews nobody confirmed, notifications sent long ago, sessions long finished, and
    emails of notifications whose hand-over was lost."""
    found = jobs.look_after()
    found["previews"] = previews.remove_expired()
    found["notifications_removed"] = notifications.remove_sent_long_ago()
    found["sessions_removed"] = sessions.remove_finished()
    data.commit()
    found["notifications"] = notify.send_not_handed_over()
    return found


def make_queue(app: Flask) -> Huey:
    """The queue DHR_QUEUE_URL names: redis://… in production; 'immediate' runs each job as it is
    handed over (tests); otherwise a SQLite file (default instance/queue.sqlite)."""
    url = app.config.get("DHR_QUEUE_URL") or ""
    if url == "immediate":
        return MemoryHuey("dhr", immediate=True)
    if url.startswith(("redis://", "rediss://", "unix://")):
        return PriorityRedisHuey("dhr", url=url)
    path = url.removeprefix("sqlite:///") or str(Path(app.instance_path) / "queue.sqlite")
    return SqliteHuey("dhr", filename=path)


def init_background(app: Flask) -> None:
    queue = make_queue(app)

    @queue.task(name="run_job")
    def run_job(job_id: int) -> None:
        with app.app_context():
            run(job_id)

    @queue.periodic_task(crontab(minute="*"), name="look_after_jobs")
    def look_after_jobs() -> None:
        with app.app_context():
            look_after()

    def hand_over(job_ids: list[int]) -> None:
        try:
            for job_id in job_ids:
                run_job(job_id)
        except Exception:  # noqa: BLE001 - the queue is down: the job is saved, and handed over again
            log.exception("could not hand jobs %s to the queue; a worker will take them on later", job_ids)

    mail.register(queue, app)
    notify.register(queue, app)
    account_mail.register(app)
    app.extensions[QUEUE] = queue
    app.extensions[data.AFTER_JOBS_SUBMITTED] = hand_over


def queue_of(app: Flask) -> Huey:
    return app.extensions[QUEUE]


def start_worker(app: Flask, workers: int = 2):
    """A consumer for this app's queue, after looking after the jobs a stopped worker left and
    handing over again every job still waiting (a job runs once however often it is handed over).
    It also starts building or catching up this host's search index, in a thread of this process
    (search.host says why not on the shared queue)."""
    host.prepare(app)
    with app.app_context():
        look_after()
        app.extensions[data.AFTER_JOBS_SUBMITTED](jobs.waiting_ids())
    # Poll at least once a second when idle, so a person never waits long for a worker to notice.
    return queue_of(app).create_consumer(workers=workers, worker_type="thread", periodic=True,
                                         check_worker_health=True, max_delay=1.0)

"""Long work in the background: the queue in embedded mode (a SQLite file) and on the Redis server
of this machine, with real workers; a worker killed mid-job; the progress page; expiry of
prepared files; another person's download refused; the per-person limit."""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest
import redis

from dhr import background, create_app
from dhr.data import jobs
from dhr.data.job_models import Job
from dhr.extensions import db

from . import factories as make
from .factories import TEST_PASSWORD
from .helpers import PageClient, redis_test_url
from .pdf_helpers import get_pdf

REDIS_URL = redis_test_url(14)


def _pack_world(findings: int = 45):
    """A published review with enough findings on one theme that its pack goes to the background."""
    theme = make.theme("Coercive control")
    review = make.review(published=True)
    for n in range(findings):
        make.finding(review, f"Finding {n}: agencies did not see the coercive control.", themes=[theme], commit=False)
    db.session.commit()
    return theme


def _signed_in(app, user) -> PageClient:
    client = app.test_client()
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    return PageClient(client)


def _job(job_id: int) -> Job:
    db.session.expire_all()
    return db.session.get(Job, job_id)


def _wait_for(job_id: int, states: tuple[str, ...], seconds: float = 60) -> Job:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = _job(job_id)
        if job.state in states:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} is still {job.state} ({job.step_label})")


def _job_id_of(response) -> int:
    assert response.status_code == 302 and "/downloads/" in response.headers["Location"], response.status_code
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


# --- what a person sees -----------------------------------------------------------------------

def test_a_big_pack_is_prepared_in_the_background_and_then_downloaded(app):
    theme = _pack_world()
    trainer = make.trainer()
    pages = _signed_in(app, trainer)
    response = pages.client.get(f"/reports/themes/{theme.id}/case-studies.pdf")
    job_id = _job_id_of(response)
    soup = pages.get(f"/downloads/{job_id}")
    assert "Your download is ready" in soup.get_text()
    pdf = get_pdf(pages.client, f"/reports/themes/{theme.id}/case-studies.pdf")
    assert "Finding 44" in pdf.text and "Finding 0" in pdf.text
    listing = pages.get("/downloads/")
    assert "Case studies: Coercive control" in listing.get_text()
    assert listing.find("a", href=f"/downloads/{job_id}/file")


def test_a_small_pack_is_still_made_while_the_person_waits(app):
    theme = _pack_world(findings=3)
    pages = _signed_in(app, make.trainer())
    response = pages.client.get(f"/reports/themes/{theme.id}/case-studies.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert db.session.scalar(db.select(db.func.count(Job.id))) == 0


def test_nobody_else_can_fetch_a_prepared_file(app):
    theme = _pack_world()
    owner = make.trainer()
    job_id = _job_id_of(_signed_in(app, owner).client.get(f"/reports/themes/{theme.id}/case-studies.pdf"))
    for stranger in (make.trainer(), make.agency_user("Northshire Police"), make.admin()):
        client = _signed_in(app, stranger).client
        for url in (f"/downloads/{job_id}", f"/downloads/{job_id}/file", f"/downloads/{job_id}/progress.json"):
            response = client.get(url)
            assert response.status_code == 404 and not response.data.startswith(b"%PDF"), (stranger.role, url)
        assert client.post(f"/downloads/{job_id}/retry").status_code == 404
        assert f"/downloads/{job_id}" not in client.get("/downloads/").get_data(as_text=True)
    denied = db.session.execute(db.text("SELECT count(*) FROM audit_event WHERE action = 'access_denied' "
                                        "AND entity_type = 'job'")).scalar()
    assert denied == 12


def test_the_job_runs_as_the_person_who_asked(app):
    """A trainer asking for the unpublished findings gets a refusal; a chair's pack holds them."""
    theme = _pack_world()
    hidden = make.review()
    make.finding(hidden, "UNPUBLISHED finding about coercive control.", themes=[theme])
    trainer_pages = _signed_in(app, make.trainer())
    assert trainer_pages.client.get(f"/reports/themes/{theme.id}/case-studies.pdf?include_unpublished=1"
                                    ).status_code == 403
    trainer_pdf = get_pdf(trainer_pages.client, f"/reports/themes/{theme.id}/case-studies.pdf")
    assert "UNPUBLISHED" not in trainer_pdf.text
    chair_pdf = get_pdf(_signed_in(app, make.chair()).client,
                        f"/reports/themes/{theme.id}/case-studies.pdf?include_unpublished=1")
    assert "UNPUBLISHED" in chair_pdf.text


def test_a_job_that_cannot_be_done_fails_in_plain_words(app):
    owner = make.trainer()
    job = make.job(owner, state="queued", params={"theme_id": 999_999})
    background.run(job.id)
    failed = _job(job.id)
    assert failed.state == jobs.FAILED and failed.error == "The theme no longer exists"
    assert failed.attempts == 1 and failed.content is None


def test_the_progress_page_refreshes_itself_and_shows_the_step(app):
    owner = make.trainer()
    pages = _signed_in(app, owner)
    job = make.job(owner, state="running")
    jobs.report(job, 2, 3, "Laying out 45 findings")
    db.session.commit()
    soup = pages.get(f"/downloads/{job.id}")
    bar = soup.find("progress")
    assert bar["value"] == "2" and bar["max"] == "3"
    assert "Laying out 45 findings" in soup.select_one("[data-progress-status]").get_text()
    follower = soup.select_one("[data-module=app-job-progress]")
    assert follower["data-progress-url"] == f"/downloads/{job.id}/progress.json"
    refresh = soup.select_one("noscript meta[http-equiv=refresh]")
    assert refresh is not None
    # It follows the job from the service's own script: nothing inline beyond the template's nonced line.
    assert [s for s in soup.select("script:not([src])") if not s.get("nonce")] == []
    state = pages.client.get(f"/downloads/{job.id}/progress.json").get_json()
    assert state == {"state": "running", "label": "Being prepared", "step": "Laying out 45 findings", "done": 2,
                     "total": 3, "error": ""}


def test_a_failed_download_is_shown_and_tried_again(app):
    owner = make.trainer()
    pages = _signed_in(app, owner)
    job = make.job(owner, state="failed", params={"theme_id": 999_999})
    soup = pages.get(f"/downloads/{job.id}")
    assert "This could not be prepared. The theme no longer exists" in soup.get_text()
    assert pages.client.post(f"/downloads/{job.id}/retry").status_code == 302
    retried = _job(job.id)
    assert retried.state == jobs.FAILED and retried.attempts == 1  # handed over at once, and failed again


def test_prepared_files_are_removed_after_their_time(app):
    owner = make.trainer()
    pages = _signed_in(app, owner)
    job = make.job(owner)
    assert pages.client.get(f"/downloads/{job.id}/file").data.startswith(b"%PDF")
    job.expires_at = jobs.utcnow() - dt.timedelta(minutes=1)
    db.session.commit()
    assert background.look_after()["removed"] == 1
    assert pages.client.get(f"/downloads/{job.id}/file").status_code == 404
    assert "no downloads" in pages.get("/downloads/").get_text()


def test_a_failed_download_leaves_the_list_after_the_same_time(app):
    owner = make.trainer()
    pages = _signed_in(app, owner)
    job = make.job(owner, state="failed")
    assert job.expires_at is not None
    job.expires_at = jobs.utcnow() - dt.timedelta(minutes=1)
    db.session.commit()
    assert background.look_after()["removed"] == 1
    assert "no downloads" in pages.get("/downloads/").get_text()


def test_a_person_may_have_only_a_few_downloads_waiting(app):
    theme = _pack_world()
    owner = make.trainer()
    for _ in range(jobs.MAX_WAITING_PER_USER):
        make.job(owner, state="queued")
    pages = _signed_in(app, owner)
    response = pages.client.get(f"/reports/themes/{theme.id}/case-studies.pdf")
    assert response.status_code == 302 and response.headers["Location"] == "/downloads/"
    assert "You already have 3 downloads being prepared" in pages.get("/downloads/").get_text()
    assert db.session.scalar(db.select(db.func.count(Job.id))) == jobs.MAX_WAITING_PER_USER


# --- the queue with real workers ----------------------------------------------------------------

def _app_on(queue_url: str, app):
    """A second app on the same database, its queue the one named: as another process would be."""
    return create_app({**{k: app.config[k] for k in ("SQLALCHEMY_DATABASE_URI", "DHR_INDEX_DIR", "DHR_UPLOAD_DIR",
                                                     "SECRET_KEY", "DHR_PASSWORD_HASH", "TESTING")},
                       "DHR_QUEUE_URL": queue_url, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                       "SESSION_COOKIE_SECURE": False})


def _through_a_worker(app, queue_url: str) -> None:
    theme = _pack_world()
    owner = make.trainer()
    web = _app_on(queue_url, app)
    with web.app_context():
        client = web.test_client()
        assert client.post("/sign-in", data={"email": owner.email, "password": TEST_PASSWORD}).status_code == 302
        job_id = _job_id_of(client.get(f"/reports/themes/{theme.id}/case-studies.pdf"))
        db.session.remove()
    assert _job(job_id).state == jobs.QUEUED  # nobody works the queue yet
    consumer = background.start_worker(_app_on(queue_url, app), workers=1)
    consumer.start()
    try:
        done = _wait_for(job_id, (jobs.DONE, jobs.FAILED))
    finally:
        consumer.stop(graceful=True)
    assert done.state == jobs.DONE and done.attempts == 1 and done.steps_done == done.steps_total
    with web.app_context():
        assert "Your download is ready" in client.get(f"/downloads/{job_id}").get_data(as_text=True)
        response = client.get(f"/downloads/{job_id}/file")
        assert response.data.startswith(b"%PDF") and response.headers["Cache-Control"] == "no-store"
        db.session.remove()


def test_the_embedded_queue_is_worked_by_a_real_worker(app, tmp_path):
    _through_a_worker(app, f"sqlite:///{tmp_path / 'queue.sqlite'}")


@pytest.fixture
def redis_queue():
    server = redis.Redis.from_url(REDIS_URL)
    server.flushdb()  # fails (not skips) when Redis is down: CI starts it
    yield REDIS_URL
    server.flushdb()


def test_the_redis_queue_is_worked_by_a_real_worker(app, redis_queue):
    _through_a_worker(app, redis_queue)


def _worker_process(app, queue_url: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "DHR_QUEUE_URL": queue_url,
           "DHR_INDEX_DIR": app.config["DHR_INDEX_DIR"], "DHR_UPLOAD_DIR": app.config["DHR_UPLOAD_DIR"],
           "SECRET_KEY": app.config["SECRET_KEY"]}
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "dhr", "worker", "--threads", "1"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def test_a_worker_killed_mid_job_leaves_the_job_to_be_done_again(app, tmp_path):
    queue_url = f"sqlite:///{tmp_path / 'queue.sqlite'}"
    theme = _pack_world(findings=300)
    owner = make.trainer()
    job = jobs.submit(owner, "theme_pack", "Case studies: Coercive control", {"theme_id": theme.id})
    db.session.commit()
    background.make_queue(_app_on(queue_url, app))  # the queue file exists before the worker starts
    first = _worker_process(app, queue_url)
    try:
        _wait_for(job.id, (jobs.RUNNING,))
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    stopped = _job(job.id)
    assert stopped.state == jobs.RUNNING and stopped.content is None
    # Its worker said nothing for longer than a live one would: the next worker takes it on.
    stopped.heartbeat_at = jobs.utcnow() - jobs.STALLED_AFTER - dt.timedelta(seconds=1)
    db.session.commit()
    second = _worker_process(app, queue_url)
    try:
        done = _wait_for(job.id, (jobs.DONE, jobs.FAILED), seconds=120)
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(20)
    assert done.state == jobs.DONE and done.attempts == 2


def test_a_job_whose_worker_keeps_stopping_is_marked_failed_not_lost(app):
    owner = make.trainer()
    job = make.job(owner, state="running")
    job.attempts = jobs.MAX_ATTEMPTS
    job.heartbeat_at = jobs.utcnow() - jobs.STALLED_AFTER - dt.timedelta(seconds=1)
    db.session.commit()
    assert background.look_after()["stalled"] == 1
    failed = _job(job.id)
    assert failed.state == jobs.FAILED and failed.error.startswith(jobs.STOPPED_MESSAGE)


def test_a_pack_holds_at_most_its_limit_and_says_what_it_left_out(app, monkeypatch):
    from dhr.reports import papers

    monkeypatch.setattr(papers, "MAX_PACK_FINDINGS", 3)  # the rule at a size a test can read back
    theme = _pack_world(findings=5)
    pdf = get_pdf(_signed_in(app, make.trainer()).client, f"/reports/themes/{theme.id}/case-studies.pdf")
    assert "holds the 3 most recent findings; 2 older findings are left out" in " ".join(pdf.text.split())
    assert "Finding 2:" in pdf.text and "Finding 3:" not in pdf.text and "Finding 4:" not in pdf.text


def test_a_job_the_queue_could_not_take_is_handed_over_again(app, tmp_path):
    """Redis down when the person asked: the page still answers, the job is kept, and a worker
    takes it on once the queue is back."""
    theme = _pack_world()
    owner = make.trainer()
    web = _app_on("redis://127.0.0.1:1/0", app)  # nothing listens there
    with web.app_context():
        client = web.test_client()
        assert client.post("/sign-in", data={"email": owner.email, "password": TEST_PASSWORD}).status_code == 302
        job_id = _job_id_of(client.get(f"/reports/themes/{theme.id}/case-studies.pdf"))
        assert client.get(f"/downloads/{job_id}").status_code == 200
        db.session.remove()
    job = _job(job_id)
    job.created_at = jobs.utcnow() - jobs.STALLED_AFTER - dt.timedelta(seconds=1)
    db.session.commit()
    queue_url = f"sqlite:///{tmp_path / 'queue.sqlite'}"
    worker_app = _app_on(queue_url, app)
    with worker_app.app_context():
        background.look_after()  # a worker's minute-by-minute care hands it over again
        db.session.remove()
    consumer = background.queue_of(worker_app).create_consumer(workers=1, worker_type="thread", max_delay=0.5)
    consumer.start()
    try:
        done = _wait_for(job_id, (jobs.DONE, jobs.FAILED))
    finally:
        consumer.stop(graceful=True)
    assert done.state == jobs.DONE


def test_a_big_agency_progress_report_is_prepared_in_the_background(app):
    police = make.agency("Northshire Police")
    review = make.review(published=True)
    for n in range(45):
        make.recommendation(review, str(n + 1), f"Recommendation {n + 1}: train officers.", lead=police,
                            commit=False)
    db.session.commit()
    pages = _signed_in(app, make.agency_user(police))
    response = pages.client.get(f"/reports/agencies/{police.id}/progress.pdf")
    job_id = _job_id_of(response)
    assert _job(job_id).kind == "agency_progress"
    pdf = get_pdf(pages.client, f"/reports/agencies/{police.id}/progress.pdf")
    assert "Recommendation 45: train officers." in " ".join(pdf.text.split())


def test_a_long_step_keeps_its_job_alive(app, monkeypatch):
    """One step of a big PDF can take minutes: the worker's heartbeat goes on meanwhile, so the
    job is never taken for one whose worker died."""
    monkeypatch.setattr(background, "HEARTBEAT_SECONDS", 0.05)
    seen = []

    def slow(user, params, progress):
        db.session.commit()
        started = db.session.scalar(db.select(Job.heartbeat_at).where(Job.id == params["job"]))
        time.sleep(0.5)  # a long step that reports nothing
        db.session.commit()
        seen.append((started, db.session.scalar(db.select(Job.heartbeat_at).where(Job.id == params["job"]))))
        return background.Prepared(b"%PDF-", "slow.pdf", "application/pdf")

    monkeypatch.setitem(background.KINDS, "slow_for_test", slow)
    owner = make.trainer()
    job = make.job(owner, "slow_for_test", state="queued")
    job.params = {"job": job.id}
    db.session.commit()
    background.run(job.id)
    (started, later), = seen
    assert later > started
    assert _job(job.id).state == jobs.DONE

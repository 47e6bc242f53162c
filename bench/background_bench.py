"""Background-job benchmark: do big PDFs in the workers slow the web down?

    .venv/bin/python bench/background_bench.py                       # national: 2,000 reviews, 120 s a phase
    .venv/bin/python bench/background_bench.py --reviews 200 --seconds 30

A national-scale synthetic data set (per review 10 recommendations and 30 findings, made by
bench/search_bench.py's generator) goes into its own PostgreSQL database (dhr_bench), then
gunicorn with 4 workers and 2 `flask worker` processes run on it with the queue on Redis
(redis://127.0.0.1:6379/12, emptied first). 20 users browse lists and search, first alone and
then while 4 users each ask for the largest theme pack and the largest agency progress report
(following the redirect to /downloads/<id>, polling progress.json until done, fetching the file).
It prints browse p50/p95 without and with that load and their ratio (target <= 1.5x), the
slowest web request of the run (target < 2 s), each report's time end to end, and whether
gunicorn's log shows a worker timeout."""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import redis
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from load_test import FLASK, GUNICORN, ROOT, csrf_token, environment, fresh_database, percentile  # noqa: E402
from search_bench import DOMAIN, SEED, build_corpus  # noqa: E402

DATABASE = "dhr_bench"
QUEUE_URL = "redis://127.0.0.1:6379/12"
PASSWORD = "bench password that is long enough"
REPORTERS, BROWSERS = 4, 20
TARGET_RATIO, TARGET_SLOWEST_MS = 1.5, 2000
BROWSE_PAGES = ["/reviews/", "/recommendations/", "/recommendations/national", "/search?q={word}"]


# --- set-up ------------------------------------------------------------------------------------

def load_data(env: dict, reviews: int) -> None:
    """The synthetic rows (written with their own ids, so the id sequences are moved on after
    them), and the bench's accounts."""
    from dhr import create_app
    from dhr.data import tracking, users
    from dhr.extensions import db

    scale = {"reviews": reviews, "recommendations": 10 * reviews, "findings": 30 * reviews}
    app = create_app({"SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://"),
                      "DHR_INDEX_DIR": env["DHR_INDEX_DIR"], "DHR_QUEUE_URL": QUEUE_URL, "SECRET_KEY": "bench"})
    with app.app_context():
        build_corpus(app, scale, random.Random(SEED))
        for table in ("agency", "theme", "review", "finding", "recommendation"):
            db.session.execute(db.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                       f"(SELECT max(id) FROM {table}))"))
        with tracking.acting_as("bench"):
            for n in range(REPORTERS + 1):
                users.create(account(n), PASSWORD, "admin", name=f"Bench {n}")
        db.session.commit()
        db.engine.dispose()


def account(n: int) -> str:
    return f"bench{n}@example.org"  # 0 browses; 1.. ask for reports (a person may wait for only a few)


def largest(env: dict) -> tuple[int, int]:
    """The theme on most published findings, and the agency leading most recommendations."""
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        theme = connection.execute(
            "SELECT ft.theme_id FROM finding_theme ft JOIN finding f ON f.id = ft.finding_id "
            "JOIN review r ON r.id = f.review_id WHERE r.published GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        agency = connection.execute("SELECT lead_agency_id FROM recommendation GROUP BY 1 ORDER BY count(*) DESC "
                                    "LIMIT 1").fetchone()[0]
    return theme, agency


def start(env: dict, workdir: Path, port: int) -> tuple[list[subprocess.Popen], Path]:
    gunicorn_log = workdir / "gunicorn.log"
    processes = [subprocess.Popen(
        [GUNICORN, "--workers", "4", "--bind", f"127.0.0.1:{port}", "--timeout", "30", "--log-level", "warning",
         "--error-logfile", str(gunicorn_log), "wsgi:app"], env=env, cwd=ROOT)]
    for n in range(2):
        with open(workdir / f"worker{n}.log", "wb") as log:
            processes.append(subprocess.Popen([*FLASK, "worker"], env=env, cwd=ROOT, stdout=log, stderr=log))
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200:
                return processes, gunicorn_log
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not become healthy within 90 s")


# --- the users -----------------------------------------------------------------------------------

class Recorder:
    """Every web request of the run: (phase, kind, ms, status)."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, float, int]] = []
        self.phase = "alone"
        self.lock = threading.Lock()

    def get(self, http: requests.Session, kind: str, url: str, **kwargs) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = http.get(url, timeout=60, allow_redirects=False, **kwargs)
        except requests.RequestException:
            response = None
        with self.lock:
            self.rows.append((self.phase, kind, (time.perf_counter() - started) * 1000,
                              response.status_code if response is not None else 0))
        return response


def signed_in(base: str, email: str) -> requests.Session:
    http = requests.Session()
    page = http.get(f"{base}/sign-in", timeout=30)
    answer = http.post(f"{base}/sign-in", data={"email": email, "password": PASSWORD,
                                                "csrf_token": csrf_token(page.text)}, timeout=30, allow_redirects=False)
    if answer.status_code != 302:
        raise SystemExit(f"could not sign in as {email}: {answer.status_code}")
    return http


def browse(http: requests.Session, base: str, recorder: Recorder, stop: threading.Event, seed: int) -> None:
    rng = random.Random(seed)
    while not stop.is_set():
        page = rng.choice(BROWSE_PAGES)
        recorder.get(http, f"browse {page.split('?')[0]}", base + page.format(word=rng.choice(DOMAIN)))
        time.sleep(rng.uniform(0.1, 0.5))


def fetch_report(base: str, http: requests.Session, recorder: Recorder, path: str) -> tuple[float, str]:
    """One report end to end: asked for, followed, polled, fetched. (seconds, how it ended)"""
    started = time.perf_counter()
    answer = recorder.get(http, "report", base + path)
    if answer is not None and answer.status_code == 200:
        return time.perf_counter() - started, "made in the request"
    if answer is None or answer.status_code != 302 or "/downloads/" not in answer.headers.get("Location", ""):
        return time.perf_counter() - started, f"refused ({answer.status_code if answer is not None else 'no answer'})"
    page = base + urlsplit(answer.headers["Location"]).path.rstrip("/")
    recorder.get(http, "report", page)
    state = ""
    while state not in ("done", "failed"):
        time.sleep(0.5)
        progress = recorder.get(http, "report", f"{page}/progress.json")
        state = progress.json().get("state", "") if progress is not None and progress.status_code == 200 else state
    if state == "failed":
        return time.perf_counter() - started, "failed"
    pdf = recorder.get(http, "report", f"{page}/file")
    ok = pdf is not None and pdf.content.startswith(b"%PDF")
    return time.perf_counter() - started, f"{len(pdf.content) // 1024} KB PDF" if ok else "no file"


def ask_for_reports(http: requests.Session, base: str, recorder: Recorder, stop: threading.Event, n: int,
                    paths: dict, times: list) -> None:
    while not stop.is_set():
        for name, path in paths.items():
            seconds, how = fetch_report(base, http, recorder, path)
            times.append((n, name, seconds, how))


def warm_up(base: str, sessions: list[requests.Session]) -> None:
    """Each page asked for by 4 users at once, unmeasured: gunicorn's workers have drawn them before the figures."""
    def visit(http: requests.Session) -> None:
        for page in BROWSE_PAGES:
            http.get(base + page.format(word=DOMAIN[0]), timeout=120)

    threads = [threading.Thread(target=visit, args=(http,)) for http in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def run(base: str, seconds: float, paths: dict) -> tuple[Recorder, list]:
    recorder, times = Recorder(), []
    browsing, asking = threading.Event(), threading.Event()
    # Everyone signs in first (password hashing is slow by design), outside the figures.
    sessions = [signed_in(base, account(0)) for _ in range(BROWSERS)]
    askers = [signed_in(base, account(n)) for n in range(1, REPORTERS + 1)]
    warm_up(base, sessions[:4])
    browsers = [threading.Thread(target=browse, args=(sessions[n], base, recorder, browsing, n))
                for n in range(BROWSERS)]
    for thread in browsers:
        thread.start()
    time.sleep(seconds)
    recorder.phase = "with reports"
    reporters = [threading.Thread(target=ask_for_reports, args=(askers[n - 1], base, recorder, asking, n, paths, times))
                 for n in range(1, REPORTERS + 1)]
    for thread in reporters:
        thread.start()
    time.sleep(seconds)
    asking.set()  # each asker finishes the report it is waiting for; browsing goes on meanwhile
    for thread in reporters:
        thread.join()
    browsing.set()
    for thread in browsers:
        thread.join()
    return recorder, times


# --- report ---------------------------------------------------------------------------------------

def report(recorder: Recorder, times: list, gunicorn_log: Path) -> None:
    def browse_ms(phase: str, page: str = "browse") -> list[float]:
        return [ms for p, kind, ms, status in recorder.rows if p == phase and kind.startswith(page) and status == 200]

    alone, loaded = browse_ms("alone"), browse_ms("with reports")
    p50a, p95a, p50l, p95l = (percentile(alone, 50), percentile(alone, 95), percentile(loaded, 50),
                              percentile(loaded, 95))
    print(f"browse without reports: {len(alone)} requests, p50 {p50a:.0f} ms, p95 {p95a:.0f} ms")
    print(f"browse with reports:    {len(loaded)} requests, p50 {p50l:.0f} ms, p95 {p95l:.0f} ms")
    print(f"ratio with/without:     p50 {p50l / p50a:.2f}x, p95 {p95l / p95a:.2f}x (target <= {TARGET_RATIO}x)")
    for page in sorted({kind for _, kind, _, _ in recorder.rows if kind.startswith("browse ")}):
        alone_ms, loaded_ms = browse_ms("alone", page), browse_ms("with reports", page)
        print(f"  {page[7:]:<26} p50 {percentile(alone_ms, 50):6.0f} ms alone ({len(alone_ms)}), "
              f"{percentile(loaded_ms, 50):6.0f} ms with reports ({len(loaded_ms)})")
    slowest = max(recorder.rows, key=lambda row: row[2])
    print(f"slowest web request:    {slowest[2]:.0f} ms ({slowest[1]}, {slowest[0]}; target < {TARGET_SLOWEST_MS} ms)")
    errors = [row for row in recorder.rows if row[3] == 0 or row[3] >= 500]
    print(f"5xx or no answer:       {len(errors)}")
    for n, name, seconds, how in times:
        print(f"  user {n}: {name:<16} {seconds:6.1f} s end to end ({how})")
    timeouts = gunicorn_log.read_text().count("WORKER TIMEOUT") if gunicorn_log.exists() else 0
    print(f"gunicorn worker timeouts in its log: {timeouts}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=int, default=2000, help="10 recommendations and 30 findings each")
    parser.add_argument("--seconds", type=float, default=120.0, help="length of each phase")
    parser.add_argument("--port", type=int, default=5098)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="dhr-background-"))
    env = {**environment(fresh_database(DATABASE), workdir), "DHR_QUEUE_URL": QUEUE_URL,
           "DHR_SIGN_IN_LIMIT": "10000 per minute", "DHR_OUTBOX_DIR": str(workdir / "outbox")}
    redis.Redis.from_url(QUEUE_URL).flushdb()
    processes: list[subprocess.Popen] = []
    try:
        started = time.perf_counter()
        subprocess.run([*FLASK, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
        load_data(env, args.reviews)
        subprocess.run([*FLASK, "search", "rebuild"], env=env, cwd=ROOT, check=True, capture_output=True)
        print(f"data: {args.reviews} reviews, {10 * args.reviews} recommendations, {30 * args.reviews} findings, "
              f"loaded and indexed in {time.perf_counter() - started:.0f} s")
        theme, agency = largest(env)
        paths = {"theme pack": f"/reports/themes/{theme}/case-studies.pdf",
                 "agency progress": f"/reports/agencies/{agency}/progress.pdf"}
        processes, gunicorn_log = start(env, workdir, args.port)
        print(f"== {BROWSERS} users browsing for {args.seconds:.0f} s, then as long again while {REPORTERS} users "
              f"ask for {', '.join(paths.values())}")
        recorder, times = run(f"http://127.0.0.1:{args.port}", args.seconds, paths)
        report(recorder, times, gunicorn_log)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())

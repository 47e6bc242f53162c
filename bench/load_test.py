"""Load and fault test: gunicorn with 4 workers on PostgreSQL, driven from a second process on
loopback by simulated users (agencies posting updates, trainers searching, chairs editing).

    .venv/bin/python bench/load_test.py                 # 30 users for 120 s, no faults
    .venv/bin/python bench/load_test.py --faults        # then kill -9 a worker, delete the index,
                                                        # stop PostgreSQL for 10 s, and check recovery

It uses its own database (dhr_load) and index directory, prints requests/s and p50/p95/p99
latency per kind of request, counts 5xx answers, checks that every update the driver saw
accepted is in the database exactly once, and runs `flask search check` at the end."""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
import requests
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FLASK = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "dhr"]
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE = "dhr_load"
DEMO_PASSWORD = "fictional-demo-only"
AGENCY_USERS = ["police@example.org", "health@example.org", "housing@example.org"]
CHAIR_USERS = ["chair@example.org", "chair2@example.org", "admin@example.org"]
TRAINER_USERS = ["trainer@example.org"]
SEARCHES = ["coercive control", '"separation"', "risk AND assessment", "invisible perpetrator", "DASH",
            "information sharing", "child contact", "economic abuse OR financial", "professional curios*",
            "housing NOT police"]


# --- set-up ------------------------------------------------------------------------------------

def fresh_database(name: str = DATABASE) -> str:
    """An empty PostgreSQL database of this name (any earlier one dropped); its URL."""
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


def environment(database_url: str, workdir: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DHR_INDEX_DIR": str(workdir / "index"),
        "DHR_UPLOAD_DIR": str(workdir / "uploads"),
        "SECRET_KEY": "load-test-only",
        "DHR_COOKIE_SECURE": "0",
        "DHR_SIGN_IN_LIMIT": "10000 per minute",
    }


def flask(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([*FLASK, *args], env=env, cwd=ROOT, check=check, capture_output=True, text=True)


def start_gunicorn(env: dict, port: int, workers: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [GUNICORN, "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--timeout", "60",
         "--graceful-timeout", "5", "--log-level", "warning", "wsgi:app"],
        env=env, cwd=ROOT,
    )
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200:
                return process
        except requests.RequestException:
            pass
        time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not become healthy within 90 s")


def worker_pids(master: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


# --- simulated users ---------------------------------------------------------------------------

def csrf_token(html: str) -> str:
    field = BeautifulSoup(html, "html.parser").find("input", attrs={"name": "csrf_token"})
    return field["value"] if field else ""


def form_fields(html: str, form_selector: str = "main form") -> tuple[str | None, dict]:
    """The fields a browser would submit for the page's main form, as the page filled them in."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    if form is None:
        return None, {}
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file", "button"):
            continue
        if field.name == "textarea":
            value = field.get_text()
        elif field.name == "select":
            option = field.find("option", selected=True) or field.find("option")
            value = option.get("value", option.get_text()) if option else ""
        elif field.get("type") in ("checkbox", "radio"):
            if not field.has_attr("checked"):
                continue
            value = field.get("value", "on")
        else:
            value = field.get("value", "")
        data.setdefault(name, []).append(value)
    return form.get("action"), data


class SimulatedUser(threading.Thread):
    def __init__(self, kind: str, email: str, base: str, deadline: float, results: list, lock: threading.Lock,
                 seed: int):
        super().__init__(daemon=True)
        self.kind, self.email, self.base, self.deadline = kind, email, base, deadline
        self.results, self.lock, self.rng = results, lock, random.Random(seed)
        self.http = requests.Session()
        self.targets: list[str] = []

    def record(self, label: str, started: float, response: requests.Response | None, **extra) -> None:
        entry = {"kind": label, "ms": (time.perf_counter() - started) * 1000,
                 "status": response.status_code if response is not None else 0, **extra}
        with self.lock:
            self.results.append(entry)

    def timed(self, label: str, method: str, path: str, **kwargs):
        started = time.perf_counter()
        try:
            response = self.http.request(method, self.base + path, timeout=30, allow_redirects=False, **kwargs)
        except requests.RequestException:
            self.record(label, started, None)
            return None
        self.record(label, started, response)
        return response

    def sign_in(self) -> bool:
        page = self.timed("sign-in", "GET", "/sign-in")
        if page is None or page.status_code != 200:
            return False
        response = self.timed("sign-in", "POST", "/sign-in", data={
            "email": self.email, "password": DEMO_PASSWORD, "csrf_token": csrf_token(page.text)})
        return response is not None and response.status_code == 302

    def run(self) -> None:
        while time.time() < self.deadline and not self.sign_in():
            time.sleep(1)
        self.discover()
        while time.time() < self.deadline:
            try:
                getattr(self, f"act_{self.kind}")()
            except Exception as error:  # a broken page must show as a result, not kill the thread
                with self.lock:
                    self.results.append({"kind": f"{self.kind}-error", "ms": 0, "status": 0, "error": repr(error)})
                time.sleep(0.5)
            time.sleep(self.rng.uniform(0.05, 0.3))

    def discover(self) -> None:
        if self.kind == "agency":
            page = self.timed("agency-list", "GET", "/our-recommendations")
            if page is not None:
                self.targets = sorted(set(re.findall(r'href="(/our-recommendations/\d+)"', page.text)))
        elif self.kind == "chair":
            page = self.timed("chair-list", "GET", "/reviews/")
            if page is not None:
                self.targets = sorted(set(re.findall(r'href="(/reviews/\d+)"', page.text)))

    def act_agency(self) -> None:
        if not self.targets:
            return self.discover()
        target = self.rng.choice(self.targets)
        page = self.timed("agency-open", "GET", target)
        if page is None or page.status_code != 200:
            return None
        if 'name="narrative"' not in page.text:
            self.targets.remove(target)  # supported, not led: only the lead agency posts updates
            return None
        marker = f"load-{uuid.uuid4().hex}"
        response = self.timed("agency-update", "POST", target, data={
            "csrf_token": csrf_token(page.text),
            "narrative": f"Progress reported under load ({marker}).",
            "proposed_status": "on_track",
        }, files={"evidence": ("", b"", "application/octet-stream")})
        accepted = response is not None and response.status_code in (302, 303)
        with self.lock:
            self.results.append({"kind": "update-marker", "ms": 0, "status": 0, "marker": marker,
                                 "accepted": accepted})

    def act_trainer(self) -> None:
        query = self.rng.choice(SEARCHES)
        self.timed("trainer-search", "GET", "/search", params={"q": query})

    def act_chair(self) -> None:
        if not self.targets:
            return self.discover()
        review = self.timed("chair-review", "GET", self.rng.choice(self.targets))
        if review is None or review.status_code != 200:
            return None
        edits = re.findall(r'href="(/reviews/\d+/findings/\d+/edit)"', review.text)
        if not edits:
            return None
        edit_path = self.rng.choice(edits)
        page = self.timed("chair-edit", "GET", edit_path)
        if page is None or page.status_code != 200:
            return None
        action, data = form_fields(page.text)
        if "text" in data:
            data["text"] = [data["text"][0].rstrip(" .") + "."]
        self.timed("chair-edit", "POST", action or edit_path, data=data)


def drive(base: str, users: int, duration: float, output: str) -> None:
    """Runs in its own process: the simulated users, then their results written as JSON."""
    deadline = time.time() + duration
    results: list[dict] = []
    lock = threading.Lock()
    plan = [("agency", AGENCY_USERS), ("trainer", TRAINER_USERS), ("chair", CHAIR_USERS)]
    threads = []
    for number in range(users):
        kind, emails = plan[number % len(plan)]
        threads.append(SimulatedUser(kind, emails[number % len(emails)], base, deadline, results, lock, number))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 60)
    Path(output).write_text(json.dumps(results))


# --- faults --------------------------------------------------------------------------------------

def inject_faults(master: subprocess.Popen, env: dict, start: float, log: list[str]) -> None:
    def at(seconds: float) -> None:
        time.sleep(max(0.0, start + seconds - time.time()))

    at(20)
    victim = worker_pids(master)[0]
    os.kill(victim, signal.SIGKILL)
    log.append(f"{time.time() - start:5.1f}s kill -9 worker {victim}")
    at(40)
    shutil.rmtree(env["DHR_INDEX_DIR"], ignore_errors=True)
    log.append(f"{time.time() - start:5.1f}s deleted the index directory")
    at(50)
    result = flask(env, "search", "rebuild", check=False)
    log.append(f"{time.time() - start:5.1f}s search rebuild exit {result.returncode}")
    at(70)
    cluster = os.listdir("/etc/postgresql")[0]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "stop", "-m", "fast"], check=True)
    log.append(f"{time.time() - start:5.1f}s PostgreSQL stopped")
    time.sleep(10)
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "start"], check=True)
    log.append(f"{time.time() - start:5.1f}s PostgreSQL started")


# --- report ---------------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def report(results: list[dict], duration: float, env: dict) -> bool:
    timed = [r for r in results if r["kind"] not in ("update-marker",) and not r["kind"].endswith("-error")]
    print(f"\n{'kind':<16}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'4xx':>6}{'5xx':>6}{'errors':>8}")
    for kind in sorted({r["kind"] for r in timed}):
        rows = [r for r in timed if r["kind"] == kind]
        ms = [r["ms"] for r in rows]
        print(f"{kind:<16}{len(rows):>9}{len(rows) / duration:>8.1f}{percentile(ms, 50):>9.1f}"
              f"{percentile(ms, 95):>9.1f}{percentile(ms, 99):>9.1f}"
              f"{sum(1 for r in rows if 400 <= r['status'] < 500):>6}"
              f"{sum(1 for r in rows if r['status'] >= 500):>6}{sum(1 for r in rows if r['status'] == 0):>8}")
    total_5xx = sum(1 for r in timed if r["status"] >= 500)
    crashes = [r for r in results if r["kind"].endswith("-error")]
    print(f"{'all':<16}{len(timed):>9}{len(timed) / duration:>8.1f}   5xx: {total_5xx}   driver errors: {len(crashes)}")
    for crash in crashes[:5]:
        print("  driver error:", crash["error"])

    markers = [r for r in results if r["kind"] == "update-marker"]
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        found = dict(connection.execute(
            "SELECT substring(narrative from 'load-[0-9a-f]{32}') AS marker, count(*) FROM recommendation_update "
            "WHERE narrative LIKE 'Progress reported under load%' GROUP BY 1").fetchall())
    found = {m["marker"]: found[m["marker"]] for m in markers if m["marker"] in found}  # this phase only
    accepted = [m["marker"] for m in markers if m["accepted"]]
    lost = [m for m in accepted if found.get(m, 0) == 0]
    duplicated = [m for m, n in found.items() if n > 1]
    unexpected = [m["marker"] for m in markers if not m["accepted"] and found.get(m["marker"], 0)]
    print(f"\nupdates accepted: {len(accepted)}   in database: {sum(found.values())}   lost: {len(lost)}   "
          f"duplicated: {len(duplicated)}   saved though the answer was not a redirect: {len(unexpected)}")
    check = flask(env, "search", "check", check=False)
    said = check.stdout.strip().splitlines()[-1] if check.stdout.strip() else check.stderr.strip()[-200:]
    print(f"search check: exit {check.returncode}: {said}")
    return total_5xx == 0 and not lost and not duplicated and check.returncode == 0 and not crashes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--duration", type=float, default=120.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=5099)
    parser.add_argument("--faults", action="store_true", help="also run the fault phase (stops PostgreSQL!)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="dhr-load-"))
    env = environment(fresh_database(), workdir)
    for step in (("db", "upgrade"), ("demo",), ("search", "rebuild")):
        flask(env, *step)
    master = start_gunicorn(env, args.port, args.workers)
    ok = True
    try:
        print(f"== load: {args.users} users for {args.duration:.0f} s against gunicorn -w {args.workers} on PostgreSQL")
        ok &= run_phase(args, env, master, faults=False)
        if args.faults:
            print(f"\n== faults: the same load for {max(args.duration, 100):.0f} s while things break")
            ok &= run_phase(args, env, master, faults=True)
    finally:
        master.terminate()
        master.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    print("\nRESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


def run_phase(args, env: dict, master: subprocess.Popen, faults: bool) -> bool:
    duration = max(args.duration, 100) if faults else args.duration
    output = tempfile.mktemp(suffix=".json")
    driver = multiprocessing.get_context("spawn").Process(
        target=drive, args=(f"http://127.0.0.1:{args.port}", args.users, duration, output))
    start = time.time()
    driver.start()
    log: list[str] = []
    if faults:
        inject_faults(master, env, start, log)
    driver.join()
    results = json.loads(Path(output).read_text())
    for line in log:
        print("  fault:", line)
    if not faults:
        return report(results, duration, env)
    # While faults are injected 503 "temporarily unavailable" answers are expected; what must hold is
    # recovery afterwards and that nothing accepted was lost.
    recovered = requests.get(f"http://127.0.0.1:{args.port}/healthz", timeout=10)
    print(f"  after faults: /healthz {recovered.status_code} {recovered.text.strip()}")
    unavailable = sum(1 for r in results if r["status"] == 503)
    other_5xx = sum(1 for r in results if r["status"] >= 500 and r["status"] != 503)
    print(f"  503 answers while faults were injected: {unavailable}; other 5xx: {other_5xx}")
    healthy = report([r for r in results if r["status"] != 503], duration, env)
    return recovered.status_code == 200 and other_5xx == 0 and healthy


if __name__ == "__main__":
    sys.exit(main())

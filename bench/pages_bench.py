"""Page benchmark: every list and detail page, for each role, on a national-scale SQLite database.

    .venv/bin/python bench/pages_bench.py                        # builds a national database in a temp dir
    .venv/bin/python bench/pages_bench.py --reuse /tmp/dhr-pages # builds it there the first time, then reuses it
    .venv/bin/python bench/pages_bench.py --reviews 200 --runs 3 # a smaller database, fewer runs

The database is made by the app's own command (`flask --app dhr db upgrade`, then `flask --app dhr
demo --scale national`, which also builds the search index). Pages are asked for through Flask's
test client, in this process, signed in with the real sign-in form (CSRF off) as the coordinator,
a panel chair, a user of the agency leading the most actions, and a trainer. Each page is asked
for once to warm up and then --runs times; the time is the server's (the test client has no
network). As the yardstick, a page of the same app that renders a bare 100-row HTML table with
render_template_string is timed the same way in the same run. Pages over 100 ms at p95 or over
150 KB are flagged."""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLASK = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "dhr"]
DEMO_PASSWORD = "fictional-demo-only"
SLOW_MS, BIG_KB = 100.0, 150.0
BUILT = "national-demo-loaded"  # written once the database is complete, so a failed build is not reused
PAGE_BUDGET_SECONDS = 60.0  # a page slower than this gets fewer runs, and the table says how many
YARDSTICK = """<!doctype html><html lang="en"><head><title>Yardstick</title></head><body><main><table>
<thead><tr><th>Reference</th><th>Recommendation</th><th>Lead</th><th>Status</th><th>Target</th></tr></thead>
<tbody>{% for row in rows %}<tr><td><a href="/recommendations/{{ row.id }}">{{ row.reference }}</a></td>
<td>{{ row.text }}</td><td>{{ row.lead }}</td><td>{{ row.status }}</td><td>{{ row.target }}</td></tr>{% endfor %}
</tbody></table></main></body></html>"""


# --- the database ------------------------------------------------------------------------------

def environment(workdir: Path) -> dict:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'dhr.sqlite'}",
            "DHR_INDEX_DIR": str(workdir / "index"), "DHR_UPLOAD_DIR": str(workdir / "uploads"),
            "DHR_OUTBOX_DIR": str(workdir / "outbox"), "SECRET_KEY": "pages-bench-only", "DHR_COOKIE_SECURE": "0"}


def build(workdir: Path, reviews: int | None) -> None:
    """Migrate and load the national demo with the app's own commands, printing what they said."""
    env = environment(workdir)
    subprocess.run([*FLASK, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    command = [*FLASK, "demo", "--scale", "national"] + (["--reviews", str(reviews)] if reviews else [])
    started = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(command[1:])} failed:\n{result.stderr[-2000:]}")
    print(f"$ flask --app dhr {' '.join(command[3:])}  ({time.perf_counter() - started:.0f} s)")
    for line in result.stdout.strip().splitlines():
        print("  " + line)
    (workdir / BUILT).write_text(result.stdout)


def make_app(workdir: Path):
    for key, value in environment(workdir).items():
        os.environ.setdefault(key, value)
    from dhr import create_served_app  # as wsgi.py makes it for gunicorn

    env = environment(workdir)
    return create_served_app({"SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"], "DHR_INDEX_DIR": env["DHR_INDEX_DIR"],
                       "DHR_UPLOAD_DIR": env["DHR_UPLOAD_DIR"], "DHR_OUTBOX_DIR": env["DHR_OUTBOX_DIR"],
                       "SECRET_KEY": env["SECRET_KEY"], "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                       "SESSION_COOKIE_SECURE": False})


def add_yardstick(app) -> None:
    """/bench-yardstick: a bare 100-row table, through the same app, session and request pipeline."""
    from flask import render_template_string

    rows = [{"id": n, "reference": f"NORDHR2020/21-{n:02d}", "text": "Partners should review how risk is "
             f"assessed when a victim discloses separation (row {n}).", "lead": "Northmoor Police",
             "status": "In progress (on track)", "target": "31 March 2027"} for n in range(1, 101)]

    def yardstick():
        return render_template_string(YARDSTICK, rows=rows)

    app.add_url_rule("/bench-yardstick", "bench_yardstick", yardstick)


# --- what to ask for -----------------------------------------------------------------------------

@dataclass
class Subjects:
    """The rows the detail pages are about, and who signs in."""
    agency_id: int
    agency_name: str
    review_id: int
    rec_id: int
    action_id: int
    finding_id: int
    theme_id: int
    people: dict[str, str] = field(default_factory=dict)
    skip: list[str] = field(default_factory=list)


def choose_subjects(app) -> Subjects:
    """The agency leading the most actions; its busiest published review, one of the
    recommendations it leads there and its action, a finding of that review; Coercive control."""
    from sqlalchemy import func, select

    from dhr.data.models import Action, Agency, Finding, Recommendation, Review, Theme, User
    from dhr.extensions import db

    with app.app_context():
        agency_id = db.session.scalar(select(Action.lead_agency_id).group_by(Action.lead_agency_id)
                                      .order_by(func.count().desc()).limit(1))
        action = db.session.scalars(
            select(Action).join(Recommendation).join(Review)
            .where(Action.lead_agency_id == agency_id, Review.published)
            .order_by(func.length(Review.summary).desc(), Action.id).limit(1)).one()
        rec = action.recommendation
        finding_id = db.session.scalar(select(Finding.id).where(Finding.review_id == rec.review_id).limit(1))
        agency_user = db.session.scalar(select(User.email).where(User.agency_id == agency_id).order_by(User.id))
        theme_id = db.session.scalar(select(Theme.id).where(Theme.name == "Coercive control"))
        subjects = Subjects(agency_id=agency_id, agency_name=db.session.get(Agency, agency_id).name,
                            review_id=rec.review_id, rec_id=rec.id, action_id=action.id, finding_id=finding_id,
                            theme_id=theme_id)
        subjects.people = {"coordinator": "admin@example.org", "chair": "chair@example.org",
                           "agency": agency_user, "trainer": "trainer@example.org"}
        db.session.remove()
    return subjects


def pages(s: Subjects) -> list[str]:
    return [path for path in _all_pages(s) if path not in s.skip]


def _all_pages(s: Subjects) -> list[str]:
    return [
        "/", "/reviews/", f"/reviews/{s.review_id}", "/recommendations/", "/recommendations/national",
        f"/recommendations/agencies/{s.agency_id}", f"/recommendations/reviews/{s.review_id}",
        f"/recommendations/{s.rec_id}", f"/recommendations/actions/{s.action_id}", "/our-recommendations",
        f"/our-recommendations/{s.rec_id}", f"/our-recommendations/actions/{s.action_id}",
        f"/learning/findings/{s.finding_id}", f"/learning/recommendations/{s.rec_id}",
        f"/learning/findings/{s.finding_id}/similar", f"/learning/recommendations/{s.rec_id}/similar",
        "/learning/repeat-recommendations", "/collections", "/search?q=coercive", "/dashboard", "/reports/",
        "/admin/themes/", f"/admin/themes/{s.theme_id}/edit", "/our-recommendations/actions",
        "/our-recommendations/actions?need=quiet", "/recommendations/actions?need=date-change",
        "/reviews/?lateness=past-deadline", "/recommendations/national?need=no-update",
        "/admin/", "/admin/audit", "/admin/audit?action=sign_in", f"/reviews/{s.review_id}/suggested-themes",
        "/reviews/publication-register", "/reviews/publication-register?need=commissioner", "/briefings/",
        f"/reviews/{s.review_id}/family",
    ]


# --- timing ------------------------------------------------------------------------------------

@dataclass
class Timing:
    role: str
    path: str
    status: int
    kb: float
    ms: list[float]
    runs: int  # timed runs after the warm-up; 0 when the warm-up is the one sample

    @property
    def p50(self) -> float:
        return percentile(self.ms, 50)

    @property
    def p95(self) -> float:
        return percentile(self.ms, 95)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def signed_in(app, email: str):
    client = app.test_client()
    response = client.post("/sign-in", data={"email": email, "password": DEMO_PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"Signing in as {email} failed ({response.status_code})")
    return client


def time_page(app, client, role: str, path: str, runs: int) -> Timing:
    """A warm-up (templates compiled, caches filled), then `runs` timed requests, fewer if the
    page has used up its budget. A page whose warm-up alone took longer than the budget keeps
    the warm-up as its one sample (runs shows 0). Work a request left running in the background
    (the search index's catch-up, the repeat report) is waited for outside the timed requests."""
    from search import host

    started = time.perf_counter()
    first = client.get(path)
    body = first.get_data()
    warm_up = time.perf_counter() - started
    host.wait(app, timeout=3600)
    times: list[float] = []
    spent = warm_up
    while len(times) < runs and spent < PAGE_BUDGET_SECONDS:
        started = time.perf_counter()
        client.get(path).get_data()
        elapsed = time.perf_counter() - started
        times.append(elapsed * 1000)
        spent += elapsed
        host.wait(app, timeout=3600)
    return Timing(role, path, first.status_code, len(body) / 1024, times or [warm_up * 1000], len(times))


def prepare_repeats(app) -> None:
    """The repeat-recommendations report, computed as a worker does when it starts, so that the
    page shows it and no request starts computing it in the background while others are timed."""
    from search import repeats

    with app.app_context():
        started = time.perf_counter()
        current = repeats.refresh(wait=True)
        print(f"Repeat-recommendations report {'ready' if current else 'NOT current'} "
              f"({time.perf_counter() - started:.0f} s)")


def measure(app, subjects: Subjects, runs: int, roles: list[str]) -> tuple[list[Timing], dict[str, Timing]]:
    timings, yardsticks = [], {}
    for role in roles:
        client = signed_in(app, subjects.people[role])
        yardsticks[role] = time_page(app, client, role, "/bench-yardstick", max(runs, 20))
        for path in pages(subjects):
            timing = time_page(app, client, role, path, runs)
            timings.append(timing)
            print(f"  {role:<12}{path:<48}{timing.status:>4}{timing.p95:>10.1f} ms{timing.kb:>9.1f} KB", flush=True)
    return timings, yardsticks


# --- report ------------------------------------------------------------------------------------

def flags(t: Timing) -> str:
    if t.status != 200:
        return ""
    return " ".join(f for f, bad in (("SLOW", t.p95 > SLOW_MS), ("BIG", t.kb > BIG_KB)) if bad)


def report(timings: list[Timing], yardsticks: dict[str, Timing], subjects: Subjects) -> None:
    yard = percentile([ms for y in yardsticks.values() for ms in y.ms], 95)
    print(f"\nYardstick (100-row table, render_template_string, same app): p50 "
          f"{percentile([ms for y in yardsticks.values() for ms in y.ms], 50):.1f} ms, p95 {yard:.1f} ms, "
          f"{next(iter(yardsticks.values())).kb:.1f} KB")
    print(f"Agency user: {subjects.people['agency']} ({subjects.agency_name}); flags: SLOW p95 > {SLOW_MS:.0f} ms, "
          f"BIG > {BIG_KB:.0f} KB\n")
    print(f"{'role':<12}{'page':<46}{'status':>6}{'runs':>5}{'p50 ms':>9}{'p95 ms':>9}{'x yard':>8}{'KB':>9}"
          f"{'x yard':>8}  flags")
    yard_kb = next(iter(yardsticks.values())).kb
    for t in timings:
        print(f"{t.role:<12}{t.path:<46}{t.status:>6}{t.runs:>5}{t.p50:>9.1f}{t.p95:>9.1f}{t.p95 / yard:>8.1f}"
              f"{t.kb:>9.1f}{t.kb / yard_kb:>8.1f}  {flags(t)}")
    summary(timings, yard)


def summary(timings: list[Timing], yard: float) -> None:
    """Page by role: p95 ms / KB (x yardstick time), or the status where the page is not shown."""
    roles = list(dict.fromkeys(t.role for t in timings))
    by = {(t.path, t.role): t for t in timings}
    print(f"\nSummary: p95 ms / KB (p95 as a multiple of the yardstick), * = over {SLOW_MS:.0f} ms or "
          f"{BIG_KB:.0f} KB; a status code where the page was not shown (403 refused, 302 sent elsewhere)")
    print(f"{'page':<46}" + "".join(f"{r:>26}" for r in roles))
    for path in dict.fromkeys(t.path for t in timings):
        cells = []
        for role in roles:
            t = by[(path, role)]
            cell = str(t.status) if t.status != 200 else (
                f"{t.p95:.0f}/{t.kb:.0f} ({t.p95 / yard:.1f}x){'*' if flags(t) else ''}")
            cells.append(f"{cell:>26}")
        print(f"{path:<46}" + "".join(cells))
    shown = [t for t in timings if t.status == 200]
    print(f"\n{sum(1 for t in shown if flags(t))} of {len(shown)} pages shown flagged; slowest: "
          + ", ".join(f"{t.role} {t.path} {t.p95:.0f} ms" for t in sorted(shown, key=lambda t: -t.p95)[:3]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", metavar="DIR", help="keep the database in DIR: build it there if missing")
    parser.add_argument("--reviews", type=int, default=None, help="a smaller national database (default 2,000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page after a warm-up (default 5)")
    parser.add_argument("--roles", default="coordinator,chair,agency,trainer")
    parser.add_argument("--skip", default="", help="comma-separated pages to leave out, e.g. "
                        "/learning/repeat-recommendations (its report takes many minutes to compute)")
    args = parser.parse_args()
    workdir = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="dhr-pages-"))
    try:
        if (workdir / BUILT).exists():
            print(f"Reusing the database in {workdir}: " + (workdir / BUILT).read_text().splitlines()[0])
        else:
            shutil.rmtree(workdir, ignore_errors=True)
            workdir.mkdir(parents=True)
            build(workdir, args.reviews)
        sys.path.insert(0, str(ROOT))
        app = make_app(workdir)
        add_yardstick(app)
        subjects = choose_subjects(app)
        subjects.skip = [p for p in args.skip.split(",") if p]
        if "/learning/repeat-recommendations" not in subjects.skip:
            prepare_repeats(app)
        print(f"Timing {len(pages(subjects))} pages x {args.roles} ({args.runs} runs each after a warm-up)"
              + (f", leaving out {', '.join(subjects.skip)}" if subjects.skip else ""))
        timings, yardsticks = measure(app, subjects, args.runs, args.roles.split(","))
        report(timings, yardsticks, subjects)
    finally:
        if not args.reuse:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

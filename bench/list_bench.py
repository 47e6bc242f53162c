"""List pages at national scale: server time and size of each list page.

    .venv/bin/python bench/list_bench.py                 # 2,000 reviews, 20,000 recommendations
    .venv/bin/python bench/list_bench.py --reviews 200

The synthetic set of bench/search_bench.py (per review 10 recommendations and 30 findings)
goes into its own PostgreSQL database (dhr_lists_bench); each list is asked for in the process,
signed in as the coordinator, a trainer or an agency user, a few times, and the median time and
the page's size are printed beside the targets (100 ms, 150 KB)."""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from load_test import FLASK, ROOT, environment, fresh_database  # noqa: E402
from search_bench import SEED, build_corpus  # noqa: E402

DATABASE = "dhr_lists_bench"
PASSWORD = "bench password that is long enough"
TARGET_MS, TARGET_KB = 100, 150
PAGES = {
    "admin": ["/reviews/", "/reviews/?page=20", "/reviews/?sort=chair&order=desc", "/reviews/?lateness=late",
              "/reviews/?stage=drafting&sort=notified", "/admin/", "/admin/themes/", "/admin/audit",
              "/collections", "/recommendations/", "/recommendations/national", "/recommendations/agencies/1",
              "/recommendations/?page=100&sort=target&order=desc", "/recommendations/?due=overdue&agency=3",
              "/recommendations/?sort=updated&order=desc", "/recommendations/plans", "/recommendations/updates",
              "/dashboard/list?show=status&key=on_track"],
    "trainer": ["/reviews/", "/reviews/?page=28"],
    "agency": ["/our-recommendations", "/our-recommendations?page=5",
               "/our-recommendations?status=at_risk&sort=review"],
}


def load(app, reviews: int) -> None:
    from dhr.data import tracking, users
    from dhr.extensions import db

    with app.app_context():
        build_corpus(app, {"reviews": reviews, "recommendations": 10 * reviews, "findings": 30 * reviews},
                     random.Random(SEED))
        for table in ("agency", "theme", "review", "finding", "recommendation"):
            db.session.execute(db.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                       f"(SELECT max(id) FROM {table}))"))
        with tracking.acting_as("bench"):
            users.create("admin@example.org", PASSWORD, "admin", name="Coordinator")
            users.create("trainer@example.org", PASSWORD, "trainer", name="Trainer")
            users.create("agency@example.org", PASSWORD, "agency", name="Agency user", agency_name="Agency 1")
        db.session.commit()


def measure(app, role: str, paths: list[str], repeats: int) -> None:
    client = app.test_client()
    client.post("/sign-in", data={"email": f"{role}@example.org", "password": PASSWORD})
    for path in paths:
        times, size, status = [], 0, 0
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            size, status = len(response.get_data()), response.status_code
        median = statistics.median(times)
        verdict = "ok" if median <= TARGET_MS and size <= TARGET_KB * 1024 else "OVER"
        print(f"{role:8} {path:55} {status} {median:7.1f} ms {size / 1024:7.1f} KB  {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--again", action="store_true", help="measure the database the last run made")
    parser.add_argument("--only", default="", help="measure only the paths containing this")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="dhr-lists-"))
    url = f"postgresql://postgres@127.0.0.1:5432/{DATABASE}" if args.again else fresh_database(DATABASE)
    env = environment(url, workdir)
    try:
        if not args.again:
            subprocess.run([*FLASK, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
        from dhr import create_app

        url = env["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://")
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "DHR_INDEX_DIR": env["DHR_INDEX_DIR"],
                          "DHR_UPLOAD_DIR": env["DHR_UPLOAD_DIR"], "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                          "SESSION_COOKIE_SECURE": False, "RATELIMIT_ENABLED": False, "DHR_QUEUE_URL": "immediate"})
        if not args.again:
            load(app, args.reviews)
        print(f"{args.reviews} reviews, {10 * args.reviews} recommendations; median of {args.repeats} "
              f"(targets {TARGET_MS} ms, {TARGET_KB} KB)")
        for role, paths in PAGES.items():
            measure(app, role, [p for p in paths if args.only in p], args.repeats)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())

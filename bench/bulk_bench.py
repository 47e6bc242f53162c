"""What a bulk import of action plans costs: the preview (every file checked, matched and its plan
checked) and the background job (checked again and saved), per file, beside a yardstick measured
in the same run: one action plan checked on its own as the single import checks it. Also the
time to find a reference among many reviews in a long report's text.

    .venv/bin/python bench/bulk_bench.py                  # 45 reviews, 45 plans of 3 recommendations
    .venv/bin/python bench/bulk_bench.py --plans 150 --recommendations 10 --reviews 2000

It works in a temporary SQLite database (migrated as the app migrates) and prints figures; it
asserts nothing."""
from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook  # noqa: E402

from dhr import create_app  # noqa: E402

LEAD = "Benchshire Police"
HEADERS = ["Rec No.", "Recommendation", "Scope", "Action to take", "Lead agency", "Key milestones achieved",
           "Target date", "Date of completion and outcome"]


def plan_xlsx(reference: str, count: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADERS)
    for n in range(1, count + 1):
        sheet.append([n, f"Agencies in {reference} should ask about coercive control ({n}).", "Local",
                      f"Brief every team ({n}).", LEAD, "", "31/03/2027", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def batch(references: list[str], count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for reference in references:
            archive.writestr(f"{reference} action plan.xlsx", plan_xlsx(reference, count))
    return buffer.getvalue()


def world(reviews: int):
    from dhr.data import agencies, users
    from dhr.data import reviews as review_data
    from dhr.extensions import db

    agencies.create(LEAD, "police")
    admin = users.create("bench-admin@example.org", "bench-password-1", "admin", name="Bench Admin")
    references = [f"BDHR{2011 + n % 13}-{n:04d}" for n in range(1, reviews + 1)]
    for reference in references:
        review_data.create(reference=reference, notified_on=dt.date(2020, 1, 1), chair=None)
    db.session.commit()
    return admin, references


def timed(work):
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=45)
    parser.add_argument("--plans", type=int, default=45)
    parser.add_argument("--recommendations", type=int, default=3)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="dhr-bulk-bench-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.sqlite'}", "TESTING": True,
                      "DHR_UPLOAD_DIR": str(workdir / "uploads"), "DHR_INDEX_DIR": str(workdir / "index"),
                      "DHR_OUTBOX_DIR": str(workdir / "outbox"), "DHR_QUEUE_URL": "immediate"})
    with app.app_context(), app.test_request_context("/"):
        from flask_migrate import upgrade

        upgrade()
        run(args)


def run(args) -> None:
    from flask_login import login_user

    from dhr.data import action_plans, batch_files, commit, onboarding, onboarding_apply, reviews

    admin, references = world(max(args.reviews, args.plans))
    login_user(admin)
    chosen = references[:args.plans]
    content = batch(chosen, args.recommendations)
    one = plan_xlsx(chosen[0], args.recommendations)
    review = reviews.by_reference(chosen[0])
    yardstick = statistics.median(timed(lambda: action_plans.parse(one, "xlsx", review, admin))[0] for _ in range(5))
    entries = batch_files.entries_of([("batch.zip", content)])
    preview, planned = timed(lambda: onboarding.plan(entries, admin))
    job, outcomes = timed(lambda: onboarding_apply.run(entries, admin, {}, lambda *_: commit(), "batch.zip"))
    commit()
    again, second = timed(lambda: onboarding.plan(entries, admin))
    long_text = ("The panel read the chronology of the agencies. " * 25_000)[:1_000_000] + " " + chosen[-1]
    finder_time, found = timed(lambda: reviews.reference_finder().reviews_in(long_text))
    n = len(entries)
    print(f"{n} plans of {args.recommendations} recommendations, {len(references)} reviews in the service")
    print(f"yardstick: one plan checked alone (single import): {yardstick * 1000:.1f} ms")
    for label, seconds in (("preview (check, match, plan)", preview), ("background job (check again, save)", job),
                           ("second preview (nothing to change)", again)):
        print(f"{label}: {seconds:.2f} s, {seconds / n * 1000:.1f} ms a file = {seconds / n / yardstick:.1f} x "
              "the yardstick")
    print(f"ready on the first preview: {len(planned.ready)}; saved: "
          f"{sum(o.state == onboarding_apply.SAVED for o in outcomes)}; ready on the second: {len(second.ready)}")
    print(f"finding a reference among {len(references)} reviews in 1 MB of text: {finder_time * 1000:.0f} ms "
          f"(found {[r.reference for r in found]})")


if __name__ == "__main__":
    main()

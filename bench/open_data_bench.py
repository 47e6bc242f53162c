"""Open data benchmark: exporting a partnership's published learning and importing it elsewhere.

    .venv/bin/python bench/open_data_bench.py                      # national: 2,000 reviews
    .venv/bin/python bench/open_data_bench.py --reviews 300 --reuse /tmp/od-bench

Builds the fictional national demo (`flask --app dhr demo --scale national`, as
bench/pages_bench.py does) in a temporary directory (or DIR, kept and reused), then times:
the JSON document (dhr.data.open_data), its CSV flavour, checking the file against the schema
and saving it as external learning (dhr.data.open_data_import). The yardstick, measured in the
same run, is reading the same published findings and recommendations with one plain Core query
each and writing them with json.dumps: what the export costs beyond the bare rows. It also
prints the time per 100 published reviews, the most a request makes itself
(dhr.reports.open_data.INLINE_REVIEWS; target under 2 s)."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pages_bench import BUILT, build, make_app  # noqa: E402

TARGET_INLINE_S = 2.0


def timed(label: str, work):
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    print(f"  {label:<52} {seconds:8.2f} s")
    return result, seconds


def yardstick():
    from sqlalchemy import select

    from dhr.data import policy
    from dhr.data.models import Finding, Recommendation, Review
    from dhr.extensions import db

    public = policy.publicly_shown(select(Review.id))
    findings = db.session.execute(select(Finding.review_id, Finding.position, Finding.text)
                                  .where(Finding.review_id.in_(public))).all()
    recs = db.session.execute(select(Recommendation.review_id, Recommendation.number, Recommendation.text,
                                     Recommendation.scope, Recommendation.status)
                              .where(Recommendation.review_id.in_(public))).all()
    return json.dumps({"findings": [list(r) for r in findings], "recommendations": [list(r) for r in recs]})


def measure(app) -> None:
    from dhr.data import commit, open_data, open_data_import, tracking
    from dhr.reports import open_data as open_data_files
    from exports import open_data as open_data_csv

    with app.app_context():
        reviews = open_data.public_review_count()
        print(f"Published reviews shown publicly: {reviews:,}")
        _, bare = timed("yardstick: the bare rows, one query each, json.dumps", yardstick)
        doc, built = timed("open data document (dhr.data.open_data.document)",
                           lambda: open_data.document("Bench partnership", dt.date(2026, 1, 1)))
        content, written = timed("written as JSON", lambda: open_data.to_json(doc))
        zipped, csv_s = timed("written as CSV tables in a zip", lambda: open_data_csv.to_zip(doc))
        counts = (sum(len(r["findings"]) for r in doc["reviews"]),
                  sum(len(r["recommendations"]) for r in doc["reviews"]))
        print(f"  JSON {len(content) / 1e6:.1f} MB, zip {len(zipped) / 1e6:.1f} MB; "
              f"{counts[0]:,} findings, {counts[1]:,} recommendations")
        read, checked = timed("import: read and checked against the schema", lambda: open_data_import.read(content))
        assert not read.problems, read.problems[:3]

        def save():
            with tracking.acting_as("open data bench"):
                open_data_import.save(read.doc, "bench.json", None)
                commit()
        _, saved = timed("import: saved as external learning (one transaction)", save)
        per_inline = (built + written) / max(reviews, 1) * open_data_files.INLINE_REVIEWS
        print(f"\nExport: {built + written:.2f} s, {((built + written) / bare if bare else 0):.1f}x the yardstick "
              f"({bare:.2f} s)")
        print(f"Per {open_data_files.INLINE_REVIEWS} reviews (the most a request exports itself): {per_inline:.2f} s "
              f"(target < {TARGET_INLINE_S:.0f} s: {'met' if per_inline < TARGET_INLINE_S else 'MISSED'})")
        print(f"Import of all {reviews:,}: {checked + saved:.2f} s (schema {checked:.2f} s, save {saved:.2f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=None, help="reviews in the national demo (default 2,000)")
    parser.add_argument("--reuse", type=Path, default=None, help="a directory to build in once and reuse")
    args = parser.parse_args()
    workdir = args.reuse or Path(tempfile.mkdtemp(prefix="open-data-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if not (workdir / BUILT).exists():
        build(workdir, args.reviews)
    measure(make_app(workdir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time each PDF export on the demo data and on a national-scale synthetic data set.

    .venv/bin/python bench/export_bench.py [--national-reviews 2000] [--national-recommendations 20000]

Each data set goes into its own temporary SQLite database, written through the models (so the
audit and search-outbox hooks run as they do in the app). Every PDF is fetched through the app
as an admin, like a user's download; the board report and the agency progress report are also
split into their parts (reading the figures, rendering the HTML, WeasyPrint) to show what
dominates. Targets (issue 6): action plan for a 15-recommendation review <= 1.5 s; board report
<= 5 s at demo scale."""
from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader  # noqa: E402

from dhr import create_app  # noqa: E402
from dhr.extensions import db  # noqa: E402

PASSWORD = "bench password that is long enough"
TARGETS = {"action plan (15 recommendations)": 1.5, "board report": 5.0}


def make_app(directory: Path):
    return create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory / 'bench.sqlite'}",
        "DHR_INDEX_DIR": str(directory / "index"),
        "DHR_UPLOAD_DIR": str(directory / "uploads"),
        "DHR_OUTBOX_DIR": str(directory / "outbox"),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SESSION_COOKIE_SECURE": False,
        "SECRET_KEY": "bench",
        "DHR_QUEUE_URL": "immediate",  # a PDF prepared in the background is timed whole, job included
    })


def load_demo_data() -> str:
    """The project's demo data if it is there; otherwise a synthetic set of the same size."""
    try:
        from dhr.demo import load_demo
    except ImportError:
        synthetic(reviews=45, recommendations=360, seed=1)
        return "synthetic demo-sized set (dhr.demo not present)"
    load_demo()
    db.session.commit()
    return "the demo data set (dhr.demo)"


def synthetic(reviews: int, recommendations: int, seed: int) -> None:
    """Reviews, findings and recommendations through the models, in batches. The first review
    has exactly 15 recommendations (the action-plan target)."""
    from dhr.data import vocab
    from dhr.data.models import Agency, Finding, Pause, Recommendation, RecommendationUpdate, Review, Theme

    rng = random.Random(seed)
    agencies = [Agency(name=f"Agency {n:02d}", kind=rng.choice(list(vocab.AgencyKind)).value) for n in range(24)]
    themes = [Theme(name=f"Theme {n:02d}", kind="learning", description=f"Theme {n} description",
                    strategy_priority=(n % 6) + 1 if n < 12 else None) for n in range(45)]
    db.session.add_all(agencies + themes)
    db.session.commit()
    today = dt.date.today()
    per_review = [15] + [max(1, round(rng.gauss((recommendations - 15) / max(reviews - 1, 1), 3)))
                         for _ in range(reviews - 1)]
    scale = (recommendations - 15) / max(sum(per_review[1:]), 1)
    per_review = [15] + [max(1, round(n * scale)) for n in per_review[1:]]
    stages = [s for s in vocab.STAGE_ORDER]
    batch = []
    for index, rec_count in enumerate(per_review):
        notified = today - dt.timedelta(days=rng.randint(30, 13 * 365))
        stage = stages[rng.randint(1, len(stages) - 1)]
        published = stages.index(stage) >= stages.index(vocab.Stage.PUBLISHED)
        decision = notified + dt.timedelta(days=rng.randint(10, 40))
        review = Review(
            reference=f"BENCH-{index:05d}", review_type=rng.choice(list(vocab.ReviewType)).value,
            death_category=rng.choice(list(vocab.DeathCategory)).value, pseudonym=f"Person {index}",
            stage=stage, published=published, notified_on=notified, decision_on=decision,
            submitted_on=decision + dt.timedelta(days=rng.randint(120, 700))
            if stages.index(stage) >= stages.index(vocab.Stage.SUBMITTED) else None,
            published_on=notified + dt.timedelta(days=700) if published else None,
            summary="A synthetic review summary. " * 12,
        )
        if rng.random() < 0.3:
            review.pauses.append(Pause(started_on=decision + dt.timedelta(days=30),
                                       ended_on=decision + dt.timedelta(days=rng.randint(60, 300)),
                                       reason="criminal_trial"))
        for f in range(1, rng.randint(3, 8)):
            review.findings.append(Finding(position=f, text="A synthetic finding about practice. " * 8,
                                           themes=rng.sample(themes, 2)))
        for n in range(1, rec_count + 1):
            target = notified + dt.timedelta(days=rng.randint(200, 1600))
            rec = Recommendation(
                number=str(n), position=n, text="A synthetic recommendation to improve practice. " * 4,
                scope=rng.choice(["local", "local", "regional", "national"]), lead_agency=rng.choice(agencies),
                action_to_take="Do the thing agreed with the panel. " * 3, milestones="Milestone reached. " * 2,
                target_date=target, status=rng.choice(list(vocab.Status)).value,
                strategy_priority=rng.choice([None, 1, 2, 3, 4, 5, 6]), themes=rng.sample(themes, 2))
            if rng.random() < 0.4:
                rec.updates.append(RecommendationUpdate(narrative="Progress made this quarter. " * 4))
            review.recommendations.append(rec)
        batch.append(review)
        if len(batch) >= 50:
            db.session.add_all(batch)
            db.session.commit()
            batch = []
    db.session.add_all(batch)
    db.session.commit()


def timed(function, repeat: int) -> float:
    function()  # warm: templates, fonts, stylesheet
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def measure(label: str, repeat: int) -> list[tuple[str, str, float, str]]:
    from sqlalchemy import func, select

    from dhr.data import figure_words, figures, reporting, users
    from dhr.data.models import Agency, Collection, Finding, Recommendation, Review, Theme, finding_themes
    from dhr.reports import papers
    from exports import pdf

    admin = users.create("bench-admin@example.org", PASSWORD, "admin")
    db.session.commit()
    client = make_client()
    assert client.post("/sign-in", data={"email": admin.email, "password": PASSWORD}).status_code == 302

    fifteen = db.session.scalar(
        select(Review).join(Recommendation).group_by(Review.id).having(func.count(Recommendation.id) == 15)
        .order_by(Review.id).limit(1))
    biggest = db.session.scalar(select(Review).join(Recommendation).group_by(Review.id)
                                .order_by(func.count(Recommendation.id).desc()).limit(1))
    agency = db.session.scalar(select(Agency).join(Recommendation, Recommendation.lead_agency_id == Agency.id)
                               .group_by(Agency.id).order_by(func.count(Recommendation.id).desc()).limit(1))
    theme = db.session.scalar(select(Theme).join(finding_themes).group_by(Theme.id)
                              .order_by(func.count().desc()).limit(1))
    published_findings = list(db.session.scalars(select(Finding).join(Review).where(Review.published).limit(12)))
    collection = Collection(owner_id=admin.id, name="Bench collection", findings=published_findings)
    db.session.add(collection)
    db.session.commit()
    counts = {
        "reviews": db.session.scalar(select(func.count(Review.id))),
        "recommendations": db.session.scalar(select(func.count(Recommendation.id))),
        "findings": db.session.scalar(select(func.count(Finding.id))),
    }
    agency_recs = db.session.scalar(
        select(func.count(Recommendation.id)).where(Recommendation.lead_agency_id == agency.id))
    theme_findings = len(reporting.theme_case_studies(theme.id))

    def fetch(url):
        def go():
            response = client.get(url)
            location = response.headers.get("Location", "")
            if response.status_code == 302 and "/downloads/" in location:  # prepared in the background
                response = client.get(location.rstrip("/") + "/file")
            assert response.status_code == 200, (url, response.status_code)
            return response
        return go

    rows = []

    def add(name, url, note):
        seconds = timed(fetch(url), repeat)
        body = fetch(url)().data
        if body.startswith(b"%PDF"):
            note = f"{len(PdfReader(io.BytesIO(body)).pages)} pages; {note}"
        rows.append((label, name, seconds, note))

    if fifteen is not None:
        add("action plan (15 recommendations)", f"/reports/reviews/{fifteen.id}/action-plan.pdf", fifteen.reference)
    add("action plan (largest review)", f"/reports/reviews/{biggest.id}/action-plan.pdf",
        f"{len(biggest.recommendations)} recommendations")
    add("learning summary (largest review)", f"/reports/reviews/{biggest.id}/summary.pdf", biggest.reference)
    add("agency progress report", f"/reports/agencies/{agency.id}/progress.pdf", f"{agency_recs} recommendations")
    add("board report", "/reports/board.pdf", f"{counts['reviews']} reviews, {counts['recommendations']} recs")
    add("case-study pack (theme)", f"/reports/themes/{theme.id}/case-studies.pdf", f"{theme_findings} findings")
    add("case-study pack (collection)", f"/reports/collections/{collection.id}.pdf", "12 findings")
    add("dashboard page (HTML)", "/dashboard", "figures + tables")

    # What dominates: the parts of the board report and of the agency report.
    with APP.test_request_context():
        from flask_login import login_user

        login_user(admin)
        filters = figures.Filters()
        board = None

        def read_figures():
            nonlocal board
            board = figures.board_figures(admin, filters)

        rows.append((label, "  board: read figures", timed(read_figures, repeat), ""))
        from exports import charts
        rows.append((label, "  board: draw 10 charts", timed(
            lambda: [charts.breakdown_chart(b, figure_words.summary(b)) for b in board.breakdowns.values()],
            repeat), ""))
        html = {}

        def board_html():
            context, sensitive = papers.board_context(admin, filters)
            html["board"] = pdf.render_html("pdf/board_report.html", title=papers.BOARD_TITLE,
                                            sensitive=sensitive, **context)

        rows.append((label, "  board: HTML (incl. charts)", timed(board_html, repeat), ""))
        rows.append((label, "  board: WeasyPrint", timed(lambda: pdf.html_to_pdf(html["board"]), repeat), ""))
        sections = {}
        rows.append((label, "  agency: read rows", timed(
            lambda: sections.update(s=reporting.agency_progress(agency.id)), repeat), ""))
        rows.append((label, "  agency: HTML", timed(lambda: html.update(agency=pdf.render_html(
            "pdf/agency_progress.html", title="Progress", sensitive=True, agency=agency, sections=sections["s"],
            landscape=True)), repeat), ""))
        rows.append((label, "  agency: WeasyPrint", timed(lambda: pdf.html_to_pdf(html["agency"]), repeat), ""))
    return rows


APP = None


def make_client():
    return APP.test_client(use_cookies=True)


def run(label: str, load, repeat: int) -> list:
    global APP
    with tempfile.TemporaryDirectory() as directory:
        APP = make_app(Path(directory))
        with APP.app_context():
            db.create_all()
            start = time.perf_counter()
            description = load()
            print(f"[{label}] loaded {description} in {time.perf_counter() - start:.1f} s", flush=True)
            rows = measure(label, repeat)
            db.session.remove()
            db.engine.dispose()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--national-reviews", type=int, default=2000)
    parser.add_argument("--national-recommendations", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-national", action="store_true")
    args = parser.parse_args()

    rows = run("demo", load_demo_data, args.repeat)
    if not args.skip_national:
        rows += run("national", lambda: synthetic(args.national_reviews, args.national_recommendations, seed=2)
                    or f"synthetic {args.national_reviews} reviews, {args.national_recommendations} recommendations",
                    max(1, args.repeat - 2))

    print()
    print(f"{'data':<9} {'export':<36} {'seconds':>8}  {'target':>7}  notes")
    failed = False
    for label, name, seconds, note in rows:
        target = TARGETS.get(name) if label == "demo" or name.startswith("action plan (15") else None
        verdict = ""
        if target is not None:
            verdict = f"<= {target:g}" + (" ok" if seconds <= target else " MISSED")
            failed = failed or seconds > target
        print(f"{label:<9} {name:<36} {seconds:8.2f}  {verdict:>9}  {note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

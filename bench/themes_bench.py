"""Theme suggestions benchmark: the demo data with its tags hidden, one item at a time.

    .venv/bin/python bench/themes_bench.py                          # builds the demo database in a temp dir
    .venv/bin/python bench/themes_bench.py --reuse /tmp/dhr-themes  # builds it there once, then reuses it
    .venv/bin/python bench/themes_bench.py --scale national --reviews 300

The database is made by the app's own commands (`db upgrade`, `demo`, `search rebuild`). Every
finding and recommendation that carries a theme a person tags learning with is asked for up to 3
suggestions (fewer when the others are weak) with the tags of its whole review hidden (none of that
review's learning is read, its own item included), and the suggestions are compared with the tags it
really has: precision (of the suggestions, how many are its tags) and recall (of its tags, how many
were suggested), over all suggestions and tags. Targets: precision >= 0.8 and recall >= 0.7. As
yardsticks, measured in the same run: the three themes most often tagged in the other reviews,
suggested for everything; and the themes the text names alone. The time per suggestion is printed
beside one similar-learning query's. The weights and thresholds in search/theme_suggestions.py were
chosen on the learning of the demo's reviews with even ids; the figures for the odd ids are the
held-out ones.

The demo's learning is written from a set of phrasings per theme, which the reviews share, so a
neighbour with the same phrasing is easier to find here than in real reports: read these figures as
an upper bound of what real learning would give."""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages_bench import FLASK, ROOT, environment, make_app  # noqa: E402  (the same database and app set-up)

BUILT = "demo-loaded"


def build(workdir: Path, scale: str, reviews: int | None) -> None:
    env = environment(workdir)
    demo = ["demo", "--scale", scale] + (["--reviews", str(reviews)] if reviews and scale == "national" else [])
    for command in (["db", "upgrade"], demo, ["search", "rebuild"]):
        result = subprocess.run([*FLASK, *command], env=env, cwd=ROOT, capture_output=True, text=True)
        if result.returncode:
            raise SystemExit(f"flask --app dhr {' '.join(command)} failed:\n{result.stderr[-2000:]}")
    (workdir / BUILT).write_text(f"{scale} {reviews or ''}")


def learning_items(taggable: set[int]) -> list[tuple[str, int, str, set[int]]]:
    """(key, review id, text, tags) of every finding and recommendation with a taggable theme."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from dhr.data.models import Finding, Recommendation
    from dhr.extensions import db

    items = []
    for model, kind in ((Finding, "finding"), (Recommendation, "recommendation")):
        for row in db.session.scalars(select(model).options(selectinload(model.themes))):
            tags = {t.id for t in row.themes} & taggable
            if tags:
                items.append((f"{kind}:{row.id}", row.review_id, row.text, tags))
    return items


class Score:
    def __init__(self):
        self.suggested = self.right = self.tags = 0

    def add(self, suggested: list[int], tags: set[int]) -> None:
        self.suggested += len(suggested)
        self.right += len(set(suggested) & tags)
        self.tags += len(tags)

    def line(self, name: str) -> str:
        precision = self.right / self.suggested if self.suggested else 0.0
        recall = self.right / self.tags if self.tags else 0.0
        return f"{name:<44} precision {precision:.2f}  recall {recall:.2f}  ({self.right} right of " \
               f"{self.suggested} suggested, {self.tags} tags)"


def popular_elsewhere(items, review_id: int, top: int = 3) -> list[int]:
    counts = Counter(t for _key, other, _text, tags in items if other != review_id for t in tags)
    return [theme for theme, _n in counts.most_common(top)]


def _a_coordinator():
    from sqlalchemy import select

    from dhr.data.models import User
    from dhr.extensions import db

    return db.session.scalars(select(User).where(User.role == "admin")).first()


def measure(items, themes) -> None:
    from search import theme_suggestions
    from search.similar import similar

    ours, popular, named = Score(), Score(), Score()
    halves = {0: Score(), 1: Score()}
    by_review: dict[int, list[int]] = {}
    spent = similar_spent = 0.0
    for _key, review_id, text, tags in items:
        started = time.perf_counter()
        found = theme_suggestions.suggest(text, themes, leave_out_review=review_id)
        spent += time.perf_counter() - started
        ours.add([s.theme_id for s in found], tags)
        halves[review_id % 2].add([s.theme_id for s in found], tags)
        named.add([s.theme_id for s in found if s.named_in_text], tags)
        if review_id not in by_review:
            by_review[review_id] = popular_elsewhere(items, review_id)
        popular.add(by_review[review_id], tags)
    sample = items[:: max(1, len(items) // 100)]
    coordinator = _a_coordinator()
    for key, _review, _text, _tags in sample:
        started = time.perf_counter()
        similar(coordinator, key)
        similar_spent += time.perf_counter() - started
    print(ours.line("Suggestions (up to 3)"))
    print(halves[0].line("  reviews with even ids (rule chosen on them)"))
    print(halves[1].line("  reviews with odd ids (held out)"))
    print(popular.line("Yardstick: the 3 themes most tagged elsewhere"))
    print(named.line("Yardstick: only the themes the text names"))
    per_item, per_similar = spent / len(items) * 1000, similar_spent / len(sample) * 1000
    print(f"Time: {per_item:.1f} ms per suggestion; one similar-learning query {per_similar:.1f} ms "
          f"({per_item / per_similar:.1f}x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", metavar="DIR", help="keep the database in DIR: build it there if missing")
    parser.add_argument("--scale", choices=["demo", "national"], default="demo")
    parser.add_argument("--reviews", type=int, default=None, help="national: this many reviews")
    args = parser.parse_args()
    workdir = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="dhr-themes-"))
    try:
        if not (workdir / BUILT).exists():
            shutil.rmtree(workdir, ignore_errors=True)
            workdir.mkdir(parents=True)
            build(workdir, args.scale, args.reviews)
        sys.path.insert(0, str(ROOT))
        app = make_app(workdir)
        with app.app_context():
            from search import theme_suggestions

            themes = theme_suggestions.taggable_themes()
            items = learning_items({t.id for t in themes})
            print(f"{len(items)} findings and recommendations with tags, {len(themes)} taggable themes "
                  f"({(workdir / BUILT).read_text()} data)")
            measure(items, themes)
    finally:
        if not args.reuse:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

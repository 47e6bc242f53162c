"""Search benchmark: a synthetic corpus indexed through the app's own code, a fixed mix of 50
queries run as a trainer (access filter on, facets, highlighting), and the same queries on
SQLite FTS5 over the same rows in the same run.

    .venv/bin/python bench/search_bench.py --scale demo
    .venv/bin/python bench/search_bench.py --scale national   # 2,000 reviews, 60,000 findings, 20,000 recs

The corpus goes into its own SQLite file (never the app's database)."""
from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEED = 20240501
SCALES = {
    "demo": {"reviews": 40, "findings": 600, "recommendations": 240},
    "national": {"reviews": 2000, "findings": 60000, "recommendations": 20000},
}

# Common English words (by rough frequency rank) and the field's own words; the rest of the
# vocabulary is made-up rare words, and every word is drawn with a Zipf (rank^-1.07) weight.
COMMON = """the of and to a in that is was he for it with as his on be at by i this had not are but from
or have an they which one you were her all she there would their we him been has when who will more no if
out so said what up its about into than them can only other new some could time these two may then do
first any my now such like our over man me even most made after also did many before must through back
years where much your way well down should because each just those people how too little state good very
make world still own see men work long get here between both life being under never day same another know
while last might us great old year off come since against go came right used take three""".split()
DOMAIN = """victim perpetrator police officer officers risk assessment dash marac idva referral housing gp health
mental substance misuse alcohol drugs coercive control controlling behaviour separation separated leaving
relationship children child contact court probation agency agencies safeguarding training awareness
professional curiosity record keeping information sharing multi agency working family friends neighbours
isolation surveillance economic abuse financial stalking strangulation threats kill suicide suicidal
disability older carer immigration status honour forced marriage homelessness criminal justice history
incident incidents call calls domestic violence abuse partner ex husband wife boyfriend girlfriend son
daughter mother father brother sister assessment plan action review panel chair recommendation finding
learning practice guidance policy procedure pathway pathways enquiry routine supervision manager managers
staff service services support worker workers hospital emergency department ambulance school teacher
tenancy landlord benefits debt employment job fear injury injuries bruising hospital admission missed
opportunity opportunities disclosure disclosed disclose asked ask asking questions responded response
escalation escalating pattern patterns jealousy possessive monitoring phone messages social media""".split()


def vocabulary(rng: random.Random, size: int = 12000) -> list[str]:
    words = list(dict.fromkeys(COMMON[:60] + DOMAIN + COMMON[60:]))
    syllables = ["ka", "re", "mo", "ti", "lan", "ver", "so", "pri", "den", "ful", "ex", "con", "ab", "ment",
                 "ing", "ous", "al", "ter", "ni", "ra", "ble", "com", "pro", "sta", "mi", "lo", "ge", "tor"]
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def make_sentence_source(rng: random.Random, words: list[str]):
    weights = [1.0 / (rank + 1) ** 1.07 for rank in range(len(words))]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)

    def sentence(n_min: int, n_max: int) -> str:
        n = rng.randint(n_min, n_max)
        chosen = rng.choices(words, cum_weights=cumulative, k=n)
        text = " ".join(chosen)
        return text[0].upper() + text[1:] + "."

    return sentence


def build_corpus(app, scale: dict, rng: random.Random) -> list[str]:
    from sqlalchemy import insert

    from dhr.data.models import (
        Agency,
        Finding,
        Recommendation,
        Review,
        Theme,
        finding_themes,
        recommendation_themes,
        review_panel_agencies,
    )
    from dhr.extensions import db

    words = vocabulary(rng)
    sentence = make_sentence_source(rng, words)
    db.create_all()
    n_agencies, n_themes = 30, 45
    with db.engine.begin() as conn:
        conn.execute(insert(Agency.__table__), [
            {"id": i, "name": f"Agency {i}", "kind": "police" if i % 5 == 0 else "health", "active": True}
            for i in range(1, n_agencies + 1)])
        theme_rows = [{"id": i, "name": f"{words[200 + 2 * i]} {words[201 + 2 * i]}", "kind": "learning",
                       "description": "", "synonyms": words[300 + i]} for i in range(1, n_themes + 1)]
        theme_rows[0].update(name="Risk assessment", synonyms="DASH, MARAC")
        theme_rows[1].update(name="Separation risk", synonyms="leaving the relationship")
        theme_rows[2].update(name="Coercive control", synonyms="controlling behaviour")
        conn.execute(insert(Theme.__table__), theme_rows)
        reviews = []
        for i in range(1, scale["reviews"] + 1):
            year = 2011 + i % 14
            published = rng.random() < 0.7
            reviews.append({
                "id": i, "reference": f"DHR-{year}-{i:04d}",
                "review_type": rng.choice(["dhr", "dhr", "suicide", "other"]),
                "death_category": rng.choice(["intimate_partner", "adult_family", "suspected_suicide", "unexpected"]),
                "pseudonym": f"Person {i}", "stage": "published" if published else "drafting",
                "summary": " ".join(sentence(12, 30) for _ in range(4)), "restricted_notes": "", "published": published,
                "never_publish_terms": "", "notified_on": dt.date(year, 1 + i % 12, 1 + i % 28),
                "published_on": dt.date(year + 1, 1 + i % 12, 1 + i % 28) if published else None,
                "decision_reason": "", "created_at": dt.datetime(2024, 1, 1), "updated_at": dt.datetime(2024, 1, 1),
            })
        conn.execute(insert(Review.__table__), reviews)
        conn.execute(insert(review_panel_agencies), [
            {"review_id": r, "agency_id": a} for r in range(1, scale["reviews"] + 1)
            for a in rng.sample(range(1, n_agencies + 1), 3)])
        findings, ftheme = [], []
        for i in range(1, scale["findings"] + 1):
            findings.append({"id": i, "review_id": 1 + i % scale["reviews"], "position": i // scale["reviews"] + 1,
                             "text": sentence(15, 45), "created_at": dt.datetime(2024, 1, 1),
                             "updated_at": dt.datetime(2024, 1, 1)})
            for t in rng.sample(range(1, n_themes + 1), rng.randint(1, 3)):
                ftheme.append({"finding_id": i, "theme_id": t})
        for start in range(0, len(findings), 5000):
            conn.execute(insert(Finding.__table__), findings[start:start + 5000])
        conn.execute(insert(finding_themes), ftheme)
        recs, rtheme = [], []
        statuses = ["not_started", "on_track", "at_risk", "awaiting_evidence", "verified", "partial"]
        for i in range(1, scale["recommendations"] + 1):
            recs.append({"id": i, "review_id": 1 + i % scale["reviews"], "number": str(i // scale["reviews"] + 1),
                         "position": i // scale["reviews"] + 1, "text": sentence(12, 35), "scope": "local",
                         "lead_agency_id": rng.randint(1, n_agencies), "action_to_take": sentence(8, 20),
                         "milestones": "", "status": rng.choice(statuses), "outcome": "", "version": 1,
                         "created_at": dt.datetime(2024, 1, 1), "updated_at": dt.datetime(2024, 1, 1)})
            for t in rng.sample(range(1, n_themes + 1), rng.randint(1, 2)):
                rtheme.append({"recommendation_id": i, "theme_id": t})
        for start in range(0, len(recs), 5000):
            conn.execute(insert(Recommendation.__table__), recs[start:start + 5000])
        conn.execute(insert(recommendation_themes), rtheme)
    return words


def query_mix(rng: random.Random, words: list[str]) -> list[tuple[str, dict]]:
    """50 queries: words, phrases, boolean, prefix and facet-filtered (fixed by the seed)."""
    mid = words[80:600]
    domain = [w for w in DOMAIN if len(w) > 3]
    mix: list[tuple[str, dict]] = []
    for _ in range(12):
        mix.append((rng.choice(domain), {}))
    for _ in range(8):
        mix.append((f"{rng.choice(domain)} {rng.choice(mid)}", {}))
    for _ in range(10):
        mix.append((f'"{rng.choice(domain)} {rng.choice(words[:300])}"', {}))
    for _ in range(5):
        mix.append((f"{rng.choice(domain)} OR {rng.choice(mid)}", {}))
    for _ in range(5):
        mix.append((f"{rng.choice(domain)} NOT {rng.choice(mid)}", {}))
    for _ in range(3):
        mix.append((rng.choice(domain)[:4] + "*", {}))
    facets = [{"review_type": ["suicide"]}, {"year": ["2019", "2020"]}, {"status": ["at_risk"]},
              {"themes": ["1"]}, {"death_category": ["intimate_partner"]}, {"lead_agency": ["5"]},
              {"themes": ["2", "3"]}]
    for f in facets:
        mix.append((rng.choice(domain), f))
    return mix[:50]


# --- SQLite FTS5 over the same rows -------------------------------------------------------------

FTS_FIELDS = ("review_type", "death_category", "year", "lead_agency", "status", "kind")


def build_fts(path: Path, docs: list[dict]) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.executescript("""
        DROP TABLE IF EXISTS fts_doc; DROP TABLE IF EXISTS fts_meta; DROP TABLE IF EXISTS fts_theme;
        CREATE VIRTUAL TABLE fts_doc USING fts5(text, themes, tokenize='porter unicode61');
        CREATE TABLE fts_meta(rowid INTEGER PRIMARY KEY, key TEXT, public INTEGER, review_type TEXT,
            death_category TEXT, year TEXT, lead_agency TEXT, status TEXT, kind TEXT, date TEXT);
        CREATE TABLE fts_theme(rowid INTEGER, theme TEXT);
        CREATE INDEX fts_theme_rowid ON fts_theme(rowid);
    """)
    conn.executemany("INSERT INTO fts_doc(rowid, text, themes) VALUES (?, ?, ?)",
                     [(i, d["text"], " ".join(f"t{t}" for t in d["themes"].split(",") if t))
                      for i, d in enumerate(docs)])
    conn.executemany("INSERT INTO fts_meta VALUES (?,?,?,?,?,?,?,?,?,?)", [
        (i, d["key"], int("public" in d["audience"].split(",")), d["review_type"], d["death_category"], d["year"],
         d.get("lead_agency", ""), d.get("status", ""), d["kind"], d["date"].isoformat()) for i, d in enumerate(docs)])
    conn.executemany("INSERT INTO fts_theme VALUES (?, ?)",
                     [(i, t) for i, d in enumerate(docs) for t in d["themes"].split(",") if t])
    conn.commit()
    conn.close()
    return time.perf_counter() - start


def _widened(original: str, key: tuple, synonyms: dict) -> str:
    """A word or phrase naming a theme, OR the theme's tag and its other names."""
    from search.synonyms import _stems

    alternatives, seen = [original], {key}
    for theme in synonyms[key]:
        alternatives.append(f"themes:t{theme.id}")
        for name in [theme.name, *theme.synonym_list]:
            stems = _stems(name)
            if stems and stems not in seen:
                seen.add(stems)
                alternatives.append('"' + name.replace('"', "") + '"')
    return "(" + " OR ".join(alternatives) + ")"


def _plain(token: str) -> bool:
    from search.parsing import OPERATORS

    return token not in OPERATORS and token not in "()" and not token.startswith('"') and not token.endswith("*")


def _theme_run(tokens: list[str], i: int, synonyms: dict, longest: int) -> tuple[str, int] | None:
    """Unquoted words from i that together name a theme: (the widened run, its length)."""
    from search.synonyms import _stems

    run = 0
    while i + run < len(tokens) and _plain(tokens[i + run]) and run < longest:
        run += 1
    for size in range(run, 1, -1):
        key = tuple(t for w in tokens[i:i + size] for t in _stems(w))
        if key in synonyms:
            return _widened("(" + " AND ".join(tokens[i:i + size]) + ")", key, synonyms), size
    return None


def _one_token(token: str, synonyms: dict) -> str:
    from search.parsing import BINARY_OPERATORS
    from search.synonyms import _stems

    if token.startswith('"') or _plain(token):
        key = _stems(token.strip('"'))
        if key and key in synonyms:
            return _widened(token, key, synonyms)
    elif token in BINARY_OPERATORS - {"AND", "OR"}:
        return "NOT"
    return token


def _with_explicit_and(tokens: list[str]) -> str:
    """FTS5 has no implicit AND before a parenthesised group: spell it out."""
    from search.parsing import OPERATORS

    joined: list[str] = []
    for token in tokens:
        if joined and joined[-1] not in OPERATORS and joined[-1] != "(" and token not in OPERATORS and token != ")":
            joined.append("AND")
        joined.append(token)
    return " ".join(joined)


def fts_match(text: str, synonyms: dict) -> str:
    """The FTS5 MATCH for what the user typed, with the app's corrections and its theme-synonym
    widening (a word, phrase or run of words naming a theme also matches the theme's other
    names and its tag), so FTS5 answers the same question as Whoosh."""
    from search.parsing import _TOKEN, correct

    tokens = _TOKEN.findall(correct(text).replace("ANDNOT", "NOT"))
    longest = max((len(k) for k in synonyms), default=1)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        found = _theme_run(tokens, i, synonyms, longest)
        if found:
            out.append(found[0])
            i += found[1]
            continue
        out.append(_one_token(tokens[i], synonyms))
        i += 1
    return _with_explicit_and(out)


def fts_search(conn: sqlite3.Connection, text: str, selected: dict, synonyms: dict) -> tuple[int, list]:
    """Same work as the app: match (with theme synonyms), trainer access, facet filters, facet
    counts (each selected facet counted without its own filter, as the app does), top 20 with
    snippets."""
    match = fts_match(text, synonyms)

    def conditions(skip: str | None = None) -> tuple[list[str], list]:
        where = ["m.public = 1"]
        params: list = []
        for name, values in selected.items():
            if name == skip:
                continue
            if name == "themes":
                where.append(f"m.rowid IN (SELECT rowid FROM fts_theme WHERE theme IN ({','.join('?' * len(values))}))")
            else:
                where.append(f"m.{name} IN ({','.join('?' * len(values))})")
            params += values
        return where, params

    where, params = conditions()
    conn.execute("DELETE FROM temp.hits")
    conn.execute(f"INSERT INTO temp.hits SELECT m.rowid FROM fts_doc JOIN fts_meta m ON m.rowid = fts_doc.rowid "
                 f"WHERE fts_doc MATCH ? AND {' AND '.join(where)}", [match, *params])
    total = conn.execute("SELECT count(*) FROM temp.hits").fetchone()[0]
    for name in FTS_FIELDS:
        if name not in selected:
            conn.execute(f"SELECT m.{name}, count(*) FROM temp.hits h JOIN fts_meta m ON m.rowid = h.rowid "
                         f"GROUP BY m.{name}").fetchall()
    if "themes" not in selected:
        conn.execute("SELECT t.theme, count(*) FROM temp.hits h JOIN fts_theme t ON t.rowid = h.rowid "
                     "GROUP BY t.theme").fetchall()
    for name in selected:  # a chosen facet's own counts ignore its own filter
        others, other_params = conditions(skip=name)
        if name == "themes":
            conn.execute("SELECT t.theme, count(*) FROM fts_doc JOIN fts_meta m ON m.rowid = fts_doc.rowid "
                         "JOIN fts_theme t ON t.rowid = m.rowid "
                         f"WHERE fts_doc MATCH ? AND {' AND '.join(others)} GROUP BY t.theme",
                         [match, *other_params]).fetchall()
        else:
            conn.execute(f"SELECT m.{name}, count(*) FROM fts_doc JOIN fts_meta m ON m.rowid = fts_doc.rowid "
                         f"WHERE fts_doc MATCH ? AND {' AND '.join(others)} GROUP BY m.{name}",
                         [match, *other_params]).fetchall()
    rows = conn.execute(
        "SELECT m.key, snippet(fts_doc, 0, '<mark>', '</mark>', '…', 24) FROM fts_doc JOIN fts_meta m "
        f"ON m.rowid = fts_doc.rowid WHERE fts_doc MATCH ? AND {' AND '.join(where)} ORDER BY rank LIMIT 20",
        [match, *params]).fetchall()
    return total, rows


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="demo")
    parser.add_argument("--workdir", default=None, help="Where to put the corpus (default: a temporary directory)")
    parser.add_argument("--repeat", type=int, default=3, help="Timed passes over the 50 queries")
    parser.add_argument("--profile", action="store_true", help="Print a cProfile of the Whoosh queries")
    parser.add_argument("--reuse", action="store_true", help="Reuse the corpus and index already in --workdir")
    args = parser.parse_args()
    scale = SCALES[args.scale]
    work = Path(args.workdir or tempfile.mkdtemp(prefix="dhr-bench-"))
    reuse = args.reuse and (work / "bench.sqlite").exists()
    if work.exists() and not reuse:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    db_path = work / "bench.sqlite"

    from dhr import create_app
    from search import documents, indexing
    from search import query as search_query

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_path}", "DHR_INDEX_DIR": str(work / "index"),
                      "SECRET_KEY": "bench", "TESTING": True})
    rng = random.Random(SEED)
    with app.app_context():
        t0 = time.perf_counter()
        if reuse:
            words = vocabulary(rng)
        else:
            words = build_corpus(app, scale, rng)
        corpus_seconds = time.perf_counter() - t0

        t0 = time.perf_counter()
        count = indexing.count_documents() if reuse else indexing.rebuild(limitmb=512)
        index_seconds = time.perf_counter() - t0
        index_bytes = sum(f.stat().st_size for f in indexing.current_dir().iterdir() if f.is_file())

        docs = list(documents.all_documents())
        fts_seconds = build_fts(db_path, docs)

        trainer = SimpleNamespace(role="trainer", agency_id=None, id=0)
        synonyms = search_query.current_synonyms()
        # its own generator, so --reuse runs exactly the queries a fresh build runs
        mix = query_mix(random.Random(SEED + 1), words)

        conn = sqlite3.connect(db_path)
        conn.execute("CREATE TEMP TABLE hits(rowid INTEGER)")

        def whoosh_once(text, selected):
            # as the search page does: the theme synonyms (cached until a theme changes), then run
            res = search_query.run(trainer, text, selected, synonyms=search_query.current_synonyms())
            return res.total

        # warm-up: first searcher open and per-generation caches (access and facet sets)
        t0 = time.perf_counter()
        whoosh_once(*mix[0])
        warm_seconds = time.perf_counter() - t0
        for text, selected in mix:
            whoosh_once(text, selected)
            fts_search(conn, text, selected, synonyms)

        whoosh_times, fts_times, totals = [], [], []
        if args.profile:
            import cProfile
            import pstats
            profiler = cProfile.Profile()
            profiler.enable()
        for _ in range(args.repeat):
            for text, selected in mix:
                t0 = time.perf_counter()
                total_w = whoosh_once(text, selected)
                whoosh_times.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                total_f, _ = fts_search(conn, text, selected, synonyms)
                fts_times.append((time.perf_counter() - t0) * 1000)
                totals.append((total_w, total_f))
        if args.profile:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

    w50, w95 = statistics.median(whoosh_times), percentile(whoosh_times, 95)
    f50, f95 = statistics.median(fts_times), percentile(fts_times, 95)
    target = 100 if args.scale == "national" else 20
    avg_hits = statistics.mean(t[0] for t in totals)
    agree = sum(1 for w, f in totals[:len(mix)] if w == f)
    print()
    print(f"Search benchmark, scale {args.scale}: {scale['reviews']:,} reviews, {scale['findings']:,} findings, "
          f"{scale['recommendations']:,} recommendations ({count:,} index documents)")
    print(f"{'':34}{'Whoosh':>12}{'SQLite FTS5':>14}")
    print(f"{'corpus into SQLite (s)':34}{corpus_seconds:>12.1f}")
    print(f"{'index build (s)':34}{index_seconds:>12.1f}{fts_seconds:>14.1f}")
    print(f"{'index size (MB)':34}{index_bytes / 1e6:>12.1f}")
    print(f"{'first query after open (ms)':34}{warm_seconds * 1000:>12.1f}")
    print(f"{'p50 latency (ms)':34}{w50:>12.1f}{f50:>14.1f}")
    print(f"{'p95 latency (ms)':34}{w95:>12.1f}{f95:>14.1f}")
    print(f"{'mean hits per query (trainer)':34}{avg_hits:>12.0f}{statistics.mean(t[1] for t in totals):>14.0f}")
    print(f"queries where both engines count the same hits: {agree} of {len(mix)} (stemmers differ: Porter2 vs Porter)")
    print(f"whoosh/FTS5 p50 ratio: {w50 / f50:.2f} (target <= 3); p95 target <= {target} ms: "
          f"{'met' if w95 <= target else 'NOT met'}")
    by_query: dict = {}
    for i, ms in enumerate(whoosh_times):
        by_query.setdefault(i % len(mix), []).append(ms)
    slowest = sorted(by_query.items(), key=lambda kv: -statistics.median(kv[1]))[:5]
    print("slowest Whoosh queries (median ms): " + "; ".join(
        f"{mix[i][0]!r}{' ' + str(mix[i][1]) if mix[i][1] else ''} {statistics.median(v):.0f}" for i, v in slowest))
    print(f"({len(mix)} queries x {args.repeat} passes, trainer access filter, facets, highlighting; corpus in {work})")


if __name__ == "__main__":
    main()

"""How well the publication check finds personal data, and how fast.

    .venv/bin/python bench/publication_bench.py [--corpus tests/corpus/publication] [--repeat 5] [--pages 200]

Reads a corpus of draft paragraphs holding personal data (drafts/*.json, each mark by kind,
exact text and occurrence) and published-style text holding none (published/*.json), runs the
scanner (dhr.data.personal.find) on each with its setting, and prints:
- recall per kind: the share of marks that some flag overlaps;
- the share of flags of the right kind, among the flags that overlap a mark (a name the chair
  listed as never to publish is right for any mark: the chair said that very text must go);
- false flags per 10,000 words of the published files (after the setting's allow-list);
- the scanner's time per 1,000 words, against a yardstick measured in the same run on the same
  text (one pass of one plain regular expression, the old check's postcode pattern);
- the whole publication check of a review whose overview report holds --pages pages of text
  (500 words a page, made by repeating the corpus), through the app on a temporary SQLite
  database, as the check page runs it (target: well under 2 s)."""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dhr.data.personal import Setting, find, forget_scans  # noqa: E402

YARDSTICK = re.compile(
    r"(?<![A-Za-z0-9/-])[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKPS-UW]? ?[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])")
WORDS_PER_PAGE = 500


@dataclass
class Example:
    name: str
    text: str
    setting: Setting
    marks: list[tuple[str, int, int]]  # kind, start, end


def setting_of(raw: dict) -> Setting:
    pseudonyms = [raw.get("pseudonym") or "", *(raw.get("other_pseudonyms") or [])]
    return Setting(pseudonyms=tuple(p for p in pseudonyms if p), chair=raw.get("chair") or "",
                   panel=tuple(raw.get("panel") or ()), never_publish=tuple(raw.get("never_publish") or ()),
                   allow=tuple(raw.get("allow") or ()))


def _place(text: str, mark: dict, name: str) -> tuple[str, int, int]:
    at = -1
    for _ in range(int(mark.get("occurrence", 1))):
        at = text.find(mark["text"], at + 1)
        if at < 0:
            raise SystemExit(f"{name}: mark {mark['text']!r} occurrence {mark.get('occurrence', 1)} is not in the text")
    return mark["kind"], at, at + len(mark["text"])


def load(directory: Path) -> list[Example]:
    examples = []
    for path in sorted(directory.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        marks = [_place(raw["text"], mark, path.name) for mark in raw.get("marks", [])]
        examples.append(Example(path.name, raw["text"], setting_of(raw.get("setting") or {}), marks))
    return examples


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score(drafts: list[Example], published: list[Example]) -> dict:
    marks, found, flags_on_marks, right_kind, unmatched = Counter(), Counter(), 0, 0, 0
    missed: list[str] = []
    for example in drafts:
        hits = find(example.text, example.setting)
        for kind, start, end in example.marks:
            marks[kind] += 1
            if any(_overlaps(h.start, h.end, start, end) for h in hits):
                found[kind] += 1
            else:
                missed.append(f"{example.name}: {kind} {example.text[start:end]!r}")
        for hit in hits:
            kinds = {kind for kind, start, end in example.marks if _overlaps(hit.start, hit.end, start, end)}
            if not kinds:
                unmatched += 1
                continue
            flags_on_marks += 1
            right_kind += hit.kind in kinds or hit.kind == "never_publish"
    false_flags = [(example.name, hit) for example in published for hit in find(example.text, example.setting)]
    words = sum(len(example.text.split()) for example in published)
    return {"marks": marks, "found": found, "flags_on_marks": flags_on_marks, "right_kind": right_kind,
            "unmatched": unmatched, "missed": missed, "false_flags": false_flags, "published_words": words}


def timing(examples: list[Example], repeat: int) -> tuple[float, float]:
    """Milliseconds per 1,000 words: the scanner's and the yardstick's (median of `repeat` runs)."""
    words = sum(len(e.text.split()) for e in examples) or 1
    scans, plain = [], []
    find("warm the word lists up")
    for _ in range(repeat):
        forget_scans()
        started = time.perf_counter()
        for example in examples:
            find(example.text, example.setting)
        scans.append(time.perf_counter() - started)
        started = time.perf_counter()
        for example in examples:
            YARDSTICK.findall(example.text)
        plain.append(time.perf_counter() - started)
    return (statistics.median(scans) * 1e6 / words, statistics.median(plain) * 1e6 / words)


def whole_check(examples: list[Example], pages: int) -> tuple[float, float, int, int]:
    """Seconds (wall clock, and this process's CPU: the machine may be shared) for
    publication.check of a review whose overview report is `pages` pages long."""
    from dhr import create_app
    from dhr.data import publication
    from dhr.data.models import Document, Review
    from dhr.extensions import db

    chunk = "\n\n".join(e.text for e in examples)
    report, target = [], pages * WORDS_PER_PAGE
    while sum(len(part.split()) for part in report) < target:
        report.append(chunk)
    text = "\n\n".join(report)
    with tempfile.TemporaryDirectory() as directory:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/bench.sqlite",
                          "DHR_INDEX_DIR": f"{directory}/index", "DHR_UPLOAD_DIR": f"{directory}/uploads",
                          "DHR_QUEUE_URL": f"sqlite:///{directory}/queue.sqlite", "SECRET_KEY": "bench"})
        with app.app_context():
            db.create_all()
            review = Review(reference="BENCH-1", review_type="dhr", death_category="intimate_partner",
                            pseudonym="Adult A", notified_on=__import__("datetime").date(2024, 1, 1))
            db.session.add(review)
            db.session.add(Document(review=review, kind="overview_report", filename="overview.pdf",
                                    content_type="application/pdf", size_bytes=len(text), sha256="0" * 64,
                                    storage_key="bench", extracted_text=text))
            db.session.commit()
            publication.scan_text("warm the word lists up", "")
            forget_scans()
            started, cpu = time.perf_counter(), time.process_time()
            result = publication.check(review)
            took, cpu = time.perf_counter() - started, time.process_time() - cpu
            db.drop_all()
    return took, cpu, len(text.split()), len(result.flags)


def report(drafts: list[Example], published: list[Example], repeat: int, pages: int) -> None:
    scores = score(drafts, published)
    print(f"{len(drafts)} draft files ({sum(scores['marks'].values())} marks), {len(published)} published files "
          f"({scores['published_words']} words)\n")
    print(f"{'kind':<22}{'found':>8}{'marks':>8}{'recall':>9}")
    for kind in sorted(scores["marks"]):
        total, hit = scores["marks"][kind], scores["found"][kind]
        print(f"{kind:<22}{hit:>8}{total:>8}{hit / total:>9.0%}")
    total, hit = sum(scores["marks"].values()), sum(scores["found"].values())
    print(f"{'all':<22}{hit:>8}{total:>8}{(hit / total if total else 0):>9.0%}\n")
    on_marks = scores["flags_on_marks"]
    print(f"flags of the right kind: {scores['right_kind']} of {on_marks} flags on marks "
          f"({(scores['right_kind'] / on_marks if on_marks else 0):.0%}); {scores['unmatched']} flags on drafts "
          "overlap no mark")
    words = scores["published_words"]
    rate = len(scores["false_flags"]) * 10_000 / words if words else 0.0
    print(f"false flags: {len(scores['false_flags'])} in {words} published words = {rate:.1f} per 10,000 words")
    for name, hit in scores["false_flags"]:
        print(f"  {name}: {hit.kind} {hit.value!r}")
    for line in scores["missed"]:
        print(f"  missed {line}")
    scanner, yardstick = timing(drafts + published, repeat)
    print(f"\ntime per 1,000 words: scanner {scanner:.2f} ms, yardstick (one regex pass) {yardstick:.3f} ms, "
          f"{(scanner / yardstick if yardstick else 0):.0f}x")
    if pages:
        took, cpu, report_words, flags = whole_check(drafts + published, pages)
        print(f"publication check of a review with a {pages}-page report ({report_words} words, {flags} flags): "
              f"{took:.2f} s ({cpu:.2f} s of CPU; target well under 2 s)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus" / "publication")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", type=int, default=200, help="0 to skip the whole-check timing")
    args = parser.parse_args(argv)
    drafts, published = load(args.corpus / "drafts"), load(args.corpus / "published")
    if not drafts and not published:
        raise SystemExit(f"no corpus files under {args.corpus}")
    report(drafts, published, args.repeat, args.pages)


if __name__ == "__main__":
    main()

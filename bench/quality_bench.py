"""How well the recommendation quality check raises its flags, and how fast.

    .venv/bin/python bench/quality_bench.py [--corpus tests/corpus/quality] [--repeat 3] [--misses]

Reads `earlier.json` (recommendations of past reviews, with their status) and
`recommendations.json` (drafts, each with the six flags a reader gave it and the earlier one it
repeats, if any). The earlier set is the repeat detection's whole world, held in an in-memory
index as the service holds its recommendations in the search index: each draft takes its
candidates from it and rescores them both ways (search.quality_repeats, as the form does), and
the agency list is the names the corpus uses. Prints precision, recall
and F1 per flag and over all flags (targets: 0.85 or better), how often the earlier
recommendation found is the one the reader named, and the time per check against a yardstick
measured in the same run over the same text (one pass of one plain regular expression)."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dhr.data.recommendation_quality import FLAGS, Draft, Earlier, agency_names, flag_names  # noqa: E402
from search.quality_repeats import EarlierIndex  # noqa: E402

YARDSTICK = re.compile(r"\b(should|must|will)\s+(\w+)", re.IGNORECASE)
TARGET = 0.85


def load(corpus: Path) -> tuple[list[Earlier], list[dict]]:
    earlier = [Earlier(id=str(e["id"]), review=str(e.get("review") or ""), text=e["text"],
                       lead_agency=e.get("lead_agency"), status=e.get("status") or "not_started")
               for e in json.loads((corpus / "earlier.json").read_text())]
    return earlier, json.loads((corpus / "recommendations.json").read_text())


def draft_of(item: dict) -> Draft:
    target = item.get("target_date")
    return Draft(text=item["text"], lead_agency=item.get("lead_agency"),
                 target_dates=(dt.date.fromisoformat(target),) if target else (),
                 intended_outcome=item.get("intended_outcome") or "", outcome_measure=item.get("measure") or "")


def run_check(item: dict, earlier: EarlierIndex, agencies) -> tuple[list[str], list[str]]:
    repeats = [e for e, _share in earlier.near_duplicates(item["text"])]
    return flag_names(draft_of(item), agencies, repeats), [e.id for e in repeats]


def scores(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def tally(items: list[dict], results: list[list[str]]) -> dict[str, list[int]]:
    counts = {flag: [0, 0, 0] for flag in FLAGS}
    for item, raised in zip(items, results, strict=True):
        for flag in FLAGS:
            truth, said = bool(item["flags"].get(flag)), flag in raised
            if truth and said:
                counts[flag][0] += 1
            elif said:
                counts[flag][1] += 1
            elif truth:
                counts[flag][2] += 1
    return counts


def timing(items: list[dict], earlier: EarlierIndex, agencies, repeat: int) -> tuple[float, float]:
    start = time.perf_counter()
    for _ in range(repeat):
        for item in items:
            run_check(item, earlier, agencies)
    check = (time.perf_counter() - start) / (repeat * len(items))
    start = time.perf_counter()
    for _ in range(repeat):
        for item in items:
            for text in (item["text"], item.get("intended_outcome") or "", item.get("measure") or ""):
                YARDSTICK.findall(text)
    return check, (time.perf_counter() - start) / (repeat * len(items))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "tests" / "corpus" / "quality"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--misses", action="store_true", help="list each wrong flag")
    args = parser.parse_args()
    earlier, items = load(Path(args.corpus))
    names = {e.lead_agency for e in earlier} | {i.get("lead_agency") for i in items}
    agencies = agency_names(sorted(n for n in names if n))
    index = EarlierIndex(earlier)
    outcomes = [run_check(item, index, agencies) for item in items]
    counts = tally(items, [raised for raised, _ in outcomes])
    print(f"{len(items)} recommendations, {len(earlier)} earlier ones, from {args.corpus}")
    print(f"{'flag':<24} {'precision':>9} {'recall':>7} {'F1':>6}   tp  fp  fn")
    for flag in FLAGS:
        p, r, f = scores(*counts[flag])
        print(f"{flag:<24} {p:9.2f} {r:7.2f} {f:6.2f}  {counts[flag][0]:3d} {counts[flag][1]:3d} {counts[flag][2]:3d}")
    total = [sum(c[n] for c in counts.values()) for n in range(3)]
    p, r, f = scores(*total)
    print(f"{'all flags':<24} {p:9.2f} {r:7.2f} {f:6.2f}  {total[0]:3d} {total[1]:3d} {total[2]:3d}")
    named = [(i, found) for i, (_, found) in zip(items, outcomes, strict=True) if i.get("repeat_of")]
    right = sum(1 for i, found in named if str(i["repeat_of"]) in found)
    print(f"earlier recommendation found where one was named: {right} of {len(named)}")
    check, yardstick = timing(items, index, agencies, args.repeat)
    print(f"time per check: {check * 1000:.2f} ms; yardstick (one regex pass over the same text): "
          f"{yardstick * 1000:.4f} ms; ratio {check / yardstick if yardstick else float('inf'):.0f}x")
    print(f"target: precision and recall {TARGET} or better per flag")
    if args.misses:
        for item, (raised, _) in zip(items, outcomes, strict=True):
            wrong = [f for f in FLAGS if bool(item["flags"].get(f)) != (f in raised)]
            if wrong:
                said = [("missed " if item["flags"].get(f) else "false ") + f for f in wrong]
                print(f"  {item['id']}: {', '.join(said)}")


if __name__ == "__main__":
    main()

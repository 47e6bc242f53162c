"""How well the report import reads recommendations from real-shaped reports.

    .venv/bin/python bench/import_bench.py [--corpus tests/corpus/reports_dev]

The corpus holds `agencies.json` ([{"name", "kind"}]) and, per report, a PDF, DOCX or text file
beside `<stem>.truth.json` ({"file", "format", "shape", "no_text", "recommendations": [{"number",
"text", "lead_agency"}]}). Each file goes through the real reading path (extraction, then
propose()) in a throwaway app on SQLite holding those agencies. Proposals are matched to the
truth by number, then by text similarity, and the bench prints per format and overall:
precision, recall, exact-text rate (whitespace collapsed), lead-agency accuracy (over matched
recommendations whose truth names a lead), the rate of matched recommendations given their
report's number, whether each file with no text layer got the
no-text message, and reading time per page beside a yardstick measured in the same run
(pdfplumber's plain extract_text for a PDF, python-docx's paragraphs for a DOCX)."""
from __future__ import annotations

import argparse
import difflib
import io
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dhr import create_app  # noqa: E402
from dhr.data import extraction, uploads  # noqa: E402
from dhr.data.models import Agency  # noqa: E402
from dhr.data.proposals import propose  # noqa: E402
from dhr.extensions import db  # noqa: E402


def _squash(text: str) -> str:
    return " ".join((text or "").split())


def _number_key(number: str) -> str:
    return re.sub(r"^(?:recommendation|rec)\s*", "", (number or "").lower()).strip(" .)")


def match(proposals, truths) -> list[tuple[object, dict]]:
    """Pairs (proposal, truth): by number first, then by the most similar remaining text."""
    left = list(proposals)
    pairs = []
    for truth in truths:
        same = [p for p in left if _number_key(p.number) == _number_key(truth["number"])
                and _similar(p.text, truth["text"]) > 0.5]
        if same:
            pairs.append((same[0], truth))
            left.remove(same[0])
    for truth in [t for t in truths if t not in [pair[1] for pair in pairs]]:
        scored = sorted(((_similar(p.text, truth["text"]), i) for i, p in enumerate(left)), reverse=True)
        if scored and scored[0][0] >= 0.6:
            pairs.append((left.pop(scored[0][1]), truth))
    return pairs


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _squash(a).lower(), _squash(b).lower()).ratio()


def _yardstick(kind: str, content: bytes) -> float:
    start = time.perf_counter()
    if kind == "pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(content)) as pdf:
            for page in pdf.pages:
                page.extract_text()
    elif kind == "docx":
        import docx

        _ = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    else:
        content.decode("utf-8").splitlines()
    return time.perf_counter() - start


def read_one(path: Path, truth: dict) -> dict:
    content = path.read_bytes()
    checked = uploads.check(path.name, content, {"pdf", "docx", "text"})
    start = time.perf_counter()
    extracted = extraction.extract_text(checked)
    found = propose(extracted.text) if extracted.text else []
    seconds = time.perf_counter() - start
    pairs = match(found, truth["recommendations"])
    with_lead = [(p, t) for p, t in pairs if t.get("lead_agency")]
    return {
        "format": truth["format"], "proposed": len(found), "truth": len(truth["recommendations"]),
        "matched": len(pairs), "exact": sum(_squash(p.text) == _squash(t["text"]) for p, t in pairs),
        "with_lead": len(with_lead),
        "number_right": sum(_number_key(p.number) == _number_key(t["number"]) for p, t in pairs),
        "lead_right": sum(bool(p.lead_agency) and p.lead_agency.name == t["lead_agency"] for p, t in with_lead),
        "no_text": truth.get("no_text", False), "said_no_text": extraction.no_text_found(extracted),
        "seconds": seconds, "yardstick": _yardstick(checked.kind, content), "pages": max(1, extracted.pages),
        "misses": [(t["number"], t["text"][:60]) for t in truth["recommendations"]
                   if t not in [pair[1] for pair in pairs]],
        "wrong": [(p.number, p.text[:70], t["text"][:70]) for p, t in pairs if _squash(p.text) != _squash(t["text"])],
        "extra": [(p.number, p.text[:60]) for p in found if p not in [pair[0] for pair in pairs]],
        "bad_lead": [(t["number"], p.lead_agency.name if p.lead_agency else None, t["lead_agency"])
                     for p, t in with_lead if not (p.lead_agency and p.lead_agency.name == t["lead_agency"])],
    }


def _rate(top: int, bottom: int) -> str:
    return f"{top / bottom:.3f}" if bottom else "  n/a"


def summary(name: str, rows: list[dict]) -> str:
    total = {k: sum(r[k] for r in rows) for k in ("proposed", "truth", "matched", "exact", "with_lead", "lead_right",
                                                 "number_right", "seconds", "yardstick", "pages")}
    no_text = [r for r in rows if r["no_text"]]
    told = f"{sum(r['said_no_text'] for r in no_text)}/{len(no_text)}" if no_text else "-"
    return (f"{name:8} files {len(rows):2}  precision {_rate(total['matched'], total['proposed'])}  "
            f"recall {_rate(total['matched'], total['truth'])}  exact text {_rate(total['exact'], total['matched'])}  "
            f"lead agency {_rate(total['lead_right'], total['with_lead'])}  "
            f"number {_rate(total['number_right'], total['matched'])}  no-text message {told}  "
            f"reading {1000 * total['seconds'] / total['pages']:.0f} ms/page "
            f"(yardstick {1000 * total['yardstick'] / total['pages']:.0f} ms/page)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="tests/corpus/reports_dev")
    parser.add_argument("--verbose", action="store_true", help="list each file's misses and wrong texts")
    corpus = Path(parser.parse_args().corpus)
    verbose = parser.parse_args().verbose
    with tempfile.TemporaryDirectory() as directory:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/bench.sqlite",
                          "DHR_INDEX_DIR": f"{directory}/index", "DHR_UPLOAD_DIR": f"{directory}/uploads",
                          "DHR_QUEUE_URL": f"sqlite:///{directory}/queue.sqlite", "SECRET_KEY": "bench"})
        with app.app_context():
            db.create_all()
            for agency in json.loads((corpus / "agencies.json").read_text()):
                db.session.add(Agency(name=agency["name"], kind=agency["kind"]))
            db.session.commit()
            by_format: dict[str, list[dict]] = defaultdict(list)
            for truth_path in sorted(corpus.glob("*.truth.json")):
                truth = json.loads(truth_path.read_text())
                row = read_one(corpus / truth["file"], truth)
                by_format[row["format"]].append(row)
                if verbose and (row["misses"] or row["wrong"] or row["extra"] or row["bad_lead"]):
                    print(truth["file"], {k: row[k] for k in ("misses", "wrong", "extra", "bad_lead") if row[k]})
    for name, rows in sorted(by_format.items()):
        print(summary(name, rows))
    print(summary("overall", [r for rows in by_format.values() for r in rows]))


if __name__ == "__main__":
    main()

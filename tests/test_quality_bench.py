"""bench/quality_bench.py on corpora in the shared format: a small one written here, whose
flags and misses are known, so the scores it prints are checked against counts made by hand."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NONE = {"no_accountable_body": False, "no_measurable_outcome": False, "no_date": False, "vague_verb": False,
        "training_only": False, "repeat_not_implemented": False}


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("quality_bench", ROOT / "bench" / "quality_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["quality_bench"] = module
    spec.loader.exec_module(module)
    return module


def _corpus(tmp_path: Path) -> Path:
    earlier = [{"id": "e1", "review": "R-2019", "status": "overdue", "lead_agency": "Westshire Constabulary",
                "text": "Westshire Constabulary should add a stalking screening question to its call script "
                        "and record every answer."}]
    good = {"lead_agency": "Westshire Constabulary", "target_date": "2027-03-31",
            "intended_outcome": "Stalking is recognised early", "measure": "Monthly audit of 40 calls"}
    recs = [
        {"id": "r1", "text": "Westshire Constabulary should fund a stalking advocate.", **good,
         "flags": NONE, "repeat_of": None},
        {"id": "r2", "text": "Agencies should consider stalking.", "lead_agency": None, "target_date": None,
         "intended_outcome": "", "measure": "",
         "flags": {**NONE, "no_accountable_body": True, "no_measurable_outcome": True, "no_date": True,
                   "vague_verb": True}, "repeat_of": None},
        # the reader's labels disagree with the check twice: a missed flag and a false one
        {"id": "r3", "text": "Westshire Constabulary should add a stalking screening question to its call "
                             "script and record each answer.", **good,
         "flags": {**NONE, "repeat_not_implemented": True, "training_only": True}, "repeat_of": "e1"},
        {"id": "r4", "text": "Westshire Constabulary should train call handlers in stalking.", **good,
         "flags": NONE, "repeat_of": None},
    ]
    (tmp_path / "earlier.json").write_text(json.dumps(earlier))
    (tmp_path / "recommendations.json").write_text(json.dumps(recs))
    return tmp_path


def test_counts_and_scores_match_a_corpus_counted_by_hand(bench, tmp_path):
    earlier, items = bench.load(_corpus(tmp_path))
    agencies = bench.agency_names(["Westshire Constabulary"])
    index = bench.EarlierIndex(earlier)
    results = [bench.run_check(item, index, agencies) for item in items]
    assert [found for _, found in results] == [[], [], ["e1"], []]
    counts = bench.tally(items, [raised for raised, _ in results])
    assert counts["training_only"] == [0, 1, 1]  # r4 raised but not labelled; r3 labelled but not raised
    assert counts["repeat_not_implemented"] == [1, 0, 0]
    assert counts["vague_verb"] == [1, 0, 0]
    assert bench.scores(*counts["training_only"]) == (0.0, 0.0, 0.0)
    assert bench.scores(3, 1, 0) == (0.75, 1.0, pytest.approx(6 / 7))


def test_the_bench_prints_each_flag_and_a_yardstick(bench, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["quality_bench.py", "--corpus", str(_corpus(tmp_path)), "--repeat", "1",
                                      "--misses"])
    bench.main()
    out = capsys.readouterr().out
    for flag in NONE:
        assert any(line.startswith(flag) for line in out.splitlines())
    assert "yardstick" in out and "r4: false training_only" in out and "r3: missed training_only" in out

"""bench/publication_bench.py on corpora in the shared format: the mini corpus under
tests/fixtures/publication_mini, and corpora written here with known misses and false flags."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "publication_mini"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("publication_bench", ROOT / "bench" / "publication_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["publication_bench"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def write(directory: Path, name: str, text: str, marks=(), allow=()):
    directory.mkdir(parents=True, exist_ok=True)
    setting = {"pseudonym": "Adult A", "other_pseudonyms": [], "chair": "Helen Marsh", "panel": [],
               "never_publish": [], "allow": list(allow)}
    (directory / name).write_text(json.dumps({"title": name, "text": text, "setting": setting,
                                              "marks": list(marks)}), encoding="utf-8")


def test_the_mini_corpus_is_found_whole_with_no_false_flag(bench):
    drafts, published = bench.load(MINI / "drafts"), bench.load(MINI / "published")
    scores = bench.score(drafts, published)
    assert sum(scores["marks"].values()) == sum(len(e.marks) for e in drafts) > 20
    assert scores["missed"] == []
    assert scores["false_flags"] == []
    assert scores["right_kind"] == scores["flags_on_marks"]


def test_misses_wrong_kinds_and_false_flags_are_counted(bench, tmp_path):
    write(tmp_path / "drafts", "01.json", "She rang 07700 900123 from the little cafe near her home, twice.",
          [{"kind": "phone", "text": "07700 900123", "occurrence": 1},
           {"kind": "workplace", "text": "the little cafe", "occurrence": 1}])
    write(tmp_path / "drafts", "02.json", "Kevin Hartley and Hartley again.",
          [{"kind": "workplace", "text": "Kevin Hartley", "occurrence": 1},
           {"kind": "person_name", "text": "Hartley", "occurrence": 2}])
    write(tmp_path / "published", "01.json", "Adult A was seen at 14 Acacia Avenue. Call 0808 2000 247 for help.",
          allow=["0808 2000 247"])
    scores = bench.score(bench.load(tmp_path / "drafts"), bench.load(tmp_path / "published"))
    assert scores["marks"] == {"phone": 1, "workplace": 2, "person_name": 1}
    assert scores["found"] == {"phone": 1, "workplace": 1, "person_name": 1}
    assert scores["missed"] == ["01.json: workplace 'the little cafe'"]
    assert (scores["right_kind"], scores["flags_on_marks"]) == (2, 3)
    assert [(name, hit.value) for name, hit in scores["false_flags"]] == [("01.json", "14 Acacia Avenue")]
    assert scores["published_words"] == 14


def test_a_mark_not_in_its_text_stops_the_bench(bench, tmp_path):
    write(tmp_path / "drafts", "01.json", "Nothing here.", [{"kind": "phone", "text": "0121", "occurrence": 1}])
    with pytest.raises(SystemExit, match="01.json"):
        bench.load(tmp_path / "drafts")


def test_the_bench_prints_every_figure(bench, capsys):
    bench.main(["--corpus", str(MINI), "--repeat", "1", "--pages", "2"])
    out = capsys.readouterr().out
    for line in ("recall", "flags of the right kind", "per 10,000 words", "time per 1,000 words", "2-page report"):
        assert line in out
    assert "missed" not in out

"""The second development corpus (tests/corpus/publication_dev2), written for the kinds the held-out corpus
found weakest, is well formed in the same way as the first; it marks each of those kinds often enough."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_publication_corpus import FILE_NAME, KINDS, SETTING_LISTS, _protected, _span, _starts, _whole_words

CORPUS = Path(__file__).resolve().parent / "corpus" / "publication_dev2"
DRAFTS = [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted((CORPUS / "drafts").glob("*.json"))]
PUBLISHED = [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted((CORPUS / "published").glob("*.json"))]
ALL = DRAFTS + PUBLISHED
WEAK_KINDS = ("workplace", "gp_practice", "date_of_birth", "school", "social_media", "vehicle_registration",
              "person_name")


def _ids(entries):
    return [f"{path.parent.name}/{path.name}" for path, _ in entries]


def test_there_are_enough_files_and_marks_of_each_weak_kind():
    assert len(DRAFTS) >= 40 and len(PUBLISHED) >= 20
    counts = {kind: 0 for kind in WEAK_KINDS}
    for _, entry in DRAFTS:
        for mark in entry["marks"]:
            counts[mark["kind"]] = counts.get(mark["kind"], 0) + 1
    assert {kind: counts[kind] for kind in WEAK_KINDS if counts[kind] < 8} == {}
    assert all(FILE_NAME.match(path.name) for path, _ in ALL)


@pytest.mark.parametrize("path,entry", ALL, ids=_ids(ALL))
def test_each_file_is_in_the_shared_shape_and_its_marks_point_at_their_text(path, entry):
    assert set(entry) == {"title", "text", "setting", "marks"}
    assert set(entry["setting"]) == {"pseudonym", "chair", *SETTING_LISTS}
    assert all(mark["kind"] in KINDS for mark in entry["marks"])
    assert [m for m in entry["marks"] if len(_starts(entry["text"], m["text"])) < m["occurrence"]] == []
    if path.parent.name == "published":
        assert entry["marks"] == []


@pytest.mark.parametrize("path,entry", DRAFTS, ids=_ids(DRAFTS))
def test_marks_do_not_overlap_repeats_are_marked_and_protected_names_are_not(path, entry):
    text = entry["text"]
    spans = sorted(_span(text, mark) for mark in entry["marks"])
    assert [(a, b) for a, b in zip(spans, spans[1:], strict=False) if b[0] < a[1]] == []
    unmarked = [(m["text"], s) for m in entry["marks"] for s, e in _whole_words(text, m["text"])
                if not any(a <= s and e <= b for a, b in spans)]
    assert unmarked == []
    inside = [(name, s) for name in _protected(entry["setting"]) for s, e in _whole_words(text, name)
              if any(a < e and s < b for a, b in spans)]
    assert inside == []

"""The held-out publication corpus is well formed, so that measuring the publication check against it is honest.

Each draft marks every piece of personal data it holds, by kind, exact text and occurrence; each published-style
file holds none. A mark that does not point at its text, an unmarked repeat of a marked string, or a pseudonym
inside a mark would make the measured recall or false-flag rate wrong."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus" / "publication"
KINDS = {
    "person_name", "street_address", "postcode", "school", "workplace", "gp_practice", "vehicle_registration",
    "ni_number", "reference_number", "bank_details", "social_media", "date_of_birth", "phone", "email", "nhs_number",
}
SETTING_LISTS = ("other_pseudonyms", "panel", "never_publish", "allow")
FILE_NAME = re.compile(r"^(\d{2})-[a-z0-9]+(-[a-z0-9]+)*\.json$")
MIN_DRAFTS, MIN_PUBLISHED, MIN_MARKS_PER_KIND, MIN_PUBLISHED_WORDS = 45, 20, 15, 10_500
DRAFT_WORDS = range(120, 401)


def _load(folder):
    return [(path, json.loads(path.read_text(encoding="utf-8"))) for path in sorted((CORPUS / folder).glob("*.json"))]


DRAFTS = _load("drafts")
PUBLISHED = _load("published")
ALL = DRAFTS + PUBLISHED


def _starts(text, needle):
    """Every offset at which needle begins in text, overlapping ones included."""
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _span(text, mark):
    start = _starts(text, mark["text"])[mark["occurrence"] - 1]
    return start, start + len(mark["text"])


def _whole_words(text, needle):
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    return [(found.start(), found.end()) for found in re.finditer(pattern, text)]


def _protected(setting):
    return [setting["pseudonym"], setting["chair"], *setting["other_pseudonyms"], *setting["panel"], *setting["allow"]]


def _ids(entries):
    return [f"{path.parent.name}/{path.name}" for path, _ in entries]


def test_the_corpus_has_enough_drafts_and_published_files():
    assert len(DRAFTS) >= MIN_DRAFTS
    assert len(PUBLISHED) >= MIN_PUBLISHED


def test_every_kind_has_enough_marks_across_the_drafts():
    counts = {kind: 0 for kind in KINDS}
    for _, entry in DRAFTS:
        for mark in entry["marks"]:
            counts[mark["kind"]] = counts.get(mark["kind"], 0) + 1
    assert {kind: n for kind, n in counts.items() if n < MIN_MARKS_PER_KIND} == {}


def test_the_published_files_hold_enough_words():
    assert sum(len(entry["text"].split()) for _, entry in PUBLISHED) >= MIN_PUBLISHED_WORDS


def test_files_are_named_by_number_and_short_name_with_no_number_used_twice():
    for folder in ("drafts", "published"):
        names = [path.name for path in (CORPUS / folder).iterdir()]
        assert [name for name in names if not FILE_NAME.match(name)] == []
        numbers = [FILE_NAME.match(name).group(1) for name in names]
        assert len(numbers) == len(set(numbers))


@pytest.mark.parametrize("path,entry", ALL, ids=_ids(ALL))
def test_each_file_has_the_shared_shape(path, entry):
    assert set(entry) == {"title", "text", "setting", "marks"}
    assert isinstance(entry["title"], str) and entry["title"].strip()
    assert isinstance(entry["text"], str) and entry["text"].strip()
    setting = entry["setting"]
    assert set(setting) == {"pseudonym", "chair", *SETTING_LISTS}
    assert isinstance(setting["pseudonym"], str) and setting["pseudonym"]
    assert isinstance(setting["chair"], str) and setting["chair"]
    for key in SETTING_LISTS:
        assert isinstance(setting[key], list) and all(isinstance(item, str) and item for item in setting[key])
    assert isinstance(entry["marks"], list)
    for mark in entry["marks"]:
        assert set(mark) == {"kind", "text", "occurrence"}
        assert mark["kind"] in KINDS
        assert isinstance(mark["text"], str) and mark["text"].strip()
        assert isinstance(mark["occurrence"], int) and mark["occurrence"] >= 1


@pytest.mark.parametrize("path,entry", ALL, ids=_ids(ALL))
def test_each_mark_points_at_its_text(path, entry):
    short = [m for m in entry["marks"] if len(_starts(entry["text"], m["text"])) < m["occurrence"]]
    assert short == []


@pytest.mark.parametrize("path,entry", DRAFTS, ids=_ids(DRAFTS))
def test_each_draft_marks_something_and_is_paragraph_length(path, entry):
    assert entry["marks"]
    assert len(entry["text"].split()) in DRAFT_WORDS


@pytest.mark.parametrize("path,entry", PUBLISHED, ids=_ids(PUBLISHED))
def test_published_files_hold_no_marks_and_no_never_publish_name(path, entry):
    assert entry["marks"] == []
    assert [name for name in entry["setting"]["never_publish"] if name.lower() in entry["text"].lower()] == []


@pytest.mark.parametrize("path,entry", DRAFTS, ids=_ids(DRAFTS))
def test_no_two_marks_overlap(path, entry):
    spans = sorted(_span(entry["text"], mark) for mark in entry["marks"])
    assert [(a, b) for a, b in zip(spans, spans[1:], strict=False) if b[0] < a[1]] == []


@pytest.mark.parametrize("path,entry", DRAFTS, ids=_ids(DRAFTS))
def test_every_repeat_of_a_marked_string_is_marked(path, entry):
    text = entry["text"]
    spans = [_span(text, mark) for mark in entry["marks"]]
    unmarked = [
        (mark["text"], start)
        for mark in entry["marks"]
        for start, end in _whole_words(text, mark["text"])
        if not any(a <= start and end <= b for a, b in spans)
    ]
    assert unmarked == []


@pytest.mark.parametrize("path,entry", DRAFTS, ids=_ids(DRAFTS))
def test_pseudonyms_chair_panel_and_allowed_details_are_never_marked(path, entry):
    text = entry["text"]
    spans = [_span(text, mark) for mark in entry["marks"]]
    inside = [
        (name, start)
        for name in _protected(entry["setting"])
        for start, end in _whole_words(text, name)
        if any(a < end and start < b for a, b in spans)
    ]
    assert inside == []

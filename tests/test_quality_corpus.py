"""The held-out recommendation quality corpus is well formed, so that measuring the quality check against it is honest.

Every recommendation carries a true/false label for each of the six flags, enough of both for each flag to be
measured, and a repeat label that agrees with the earlier recommendation it names. This module reads only the
corpus files: it must not import the check it measures."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus" / "quality"
FLAGS = (
    "no_accountable_body", "no_measurable_outcome", "no_date", "vague_verb", "training_only",
    "repeat_not_implemented",
)
STATUSES = {"completed", "verified", "in_progress", "overdue", "not_started"}
IMPLEMENTED = {"completed", "verified"}
EARLIER_KEYS = {"id", "review", "text", "lead_agency", "status"}
RECOMMENDATION_KEYS = {
    "id", "text", "lead_agency", "target_date", "intended_outcome", "measure", "flags", "repeat_of", "note",
}
EARLIER_COUNT = range(25, 36)
MIN_RECOMMENDATIONS, MIN_TRUE, MIN_FALSE = 70, 12, 20
REPEAT_SHARE = (0.2, 0.35)  # "about a quarter"
MIN_REPEATS_EACH_WAY = 5

EARLIER = json.loads((CORPUS / "earlier.json").read_text(encoding="utf-8"))
RECOMMENDATIONS = json.loads((CORPUS / "recommendations.json").read_text(encoding="utf-8"))
STATUS_OF = {entry["id"]: entry["status"] for entry in EARLIER}


def _plain(text):
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _is_iso_date(value):
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except (TypeError, ValueError):
        return False


def test_the_guide_is_there_and_says_the_corpus_is_held_out():
    guide = (CORPUS / "guide.md").read_text(encoding="utf-8")
    assert "held out" in guide.lower()
    assert [flag for flag in FLAGS if f"`{flag}`" not in guide] == []


def test_there_are_enough_earlier_and_current_recommendations():
    assert len(EARLIER) in EARLIER_COUNT
    assert len(RECOMMENDATIONS) >= MIN_RECOMMENDATIONS


def test_no_id_is_used_twice_in_or_across_the_files():
    ids = [entry["id"] for entry in EARLIER + RECOMMENDATIONS]
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    assert [entry["id"] for entry in EARLIER if not re.fullmatch(r"E[1-9]\d*", entry["id"])] == []
    assert [entry["id"] for entry in RECOMMENDATIONS if not re.fullmatch(r"Q[1-9]\d*", entry["id"])] == []


def test_earlier_recommendations_are_well_formed():
    bad = []
    for entry in EARLIER:
        if set(entry) != EARLIER_KEYS or entry["status"] not in STATUSES:
            bad.append(entry.get("id"))
        elif not re.fullmatch(r"DHR-20\d\d-\d\d", entry["review"]):
            bad.append(entry["id"])
        elif not (entry["text"].strip() and entry["lead_agency"].strip()):
            bad.append(entry["id"])
    assert bad == []


def _malformed(entry):
    if set(entry) != RECOMMENDATION_KEYS or set(entry["flags"]) != set(FLAGS):
        return True
    if not all(isinstance(entry["flags"][flag], bool) for flag in FLAGS):
        return True
    if not (isinstance(entry["text"], str) and entry["text"].strip()):
        return True
    lead = entry["lead_agency"]
    if lead is not None and not (isinstance(lead, str) and lead.strip()):
        return True
    if entry["target_date"] is not None and not _is_iso_date(entry["target_date"]):
        return True
    return not all(isinstance(entry[key], str) for key in ("intended_outcome", "measure", "note"))


def test_recommendations_are_well_formed():
    assert [entry.get("id") for entry in RECOMMENDATIONS if _malformed(entry)] == []


def test_each_flag_is_true_and_false_often_enough_to_measure():
    too_few = {}
    for flag in FLAGS:
        true = sum(entry["flags"][flag] for entry in RECOMMENDATIONS)
        false = len(RECOMMENDATIONS) - true
        if true < MIN_TRUE or false < MIN_FALSE:
            too_few[flag] = (true, false)
    assert too_few == {}


def test_every_repeat_names_an_earlier_recommendation_and_says_why():
    unknown = [entry["id"] for entry in RECOMMENDATIONS if entry["repeat_of"] not in (None, *STATUS_OF)]
    unexplained = [entry["id"] for entry in RECOMMENDATIONS if entry["repeat_of"] and not entry["note"].strip()]
    assert (unknown, unexplained) == ([], [])


def test_repeat_not_implemented_is_true_exactly_for_repeats_of_unfinished_recommendations():
    wrong = []
    for entry in RECOMMENDATIONS:
        earlier = entry["repeat_of"]
        expected = earlier is not None and STATUS_OF.get(earlier) not in IMPLEMENTED
        if entry["flags"]["repeat_not_implemented"] != expected:
            wrong.append(entry["id"])
    assert wrong == []


def test_about_a_quarter_are_repeats_of_both_finished_and_unfinished_recommendations():
    repeats = [entry for entry in RECOMMENDATIONS if entry["repeat_of"]]
    low, high = REPEAT_SHARE
    assert low <= len(repeats) / len(RECOMMENDATIONS) <= high
    finished = [entry for entry in repeats if STATUS_OF[entry["repeat_of"]] in IMPLEMENTED]
    assert len(finished) >= MIN_REPEATS_EACH_WAY
    assert len(repeats) - len(finished) >= MIN_REPEATS_EACH_WAY


def test_repeats_are_paraphrased_not_copied():
    earlier_texts = {_plain(entry["text"]) for entry in EARLIER}
    texts = [_plain(entry["text"]) for entry in RECOMMENDATIONS]
    copied = [entry["id"] for entry, text in zip(RECOMMENDATIONS, texts, strict=True) if text in earlier_texts]
    twice = sorted({text for text in texts if texts.count(text) > 1})
    assert (copied, twice) == ([], [])


def test_a_target_date_always_means_there_is_a_date():
    assert [entry["id"] for entry in RECOMMENDATIONS if entry["target_date"] and entry["flags"]["no_date"]] == []

"""The quality check of a recommendation as it is drafted or imported: advice, never a block.

In the spirit of SMART and CLEAR recommendations it says what is missing, each as a named flag
with plain advice:
- no_accountable_body: no lead agency, and the sentence's subject (or, in the passive, its
  "by ..." agent) names no agency of the partnership's list, no kind of agency and no named
  organisation ("the Home Office", "Women's Aid");
- no_measurable_outcome: no intended outcome, no measure, or a measure with nothing to count,
  compare or sample;
- no_date: no target date, and the text has no date or timescale ("by March 2027", "within six
  months", "by the end of 2026");
- vague_verb: what the recommendation asks for is only to consider, review, explore, raise
  awareness, remind and the like, with no verb of a concrete change;
- training_only: it asks for training, briefings or e-learning and for no change to practice,
  procedure or systems;
- repeat_not_implemented: it closely repeats an earlier recommendation of another review that
  was never completed (the near-duplicates are found by the search index's repeat detection and
  given to `check`).

Verbs are read where English puts the action: after a modal ("should", "must", "will", "is
asked to"), after "and"/"then" joining a second action, or as the passive participle ("should be
reminded"); a concrete verb whose object is training counts as training."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from dhr.dates import parse_date

from .agency_matching import KIND_KEYWORDS, kinds_of, mentioned
from .vocab import QUALITY_FLAG_LABELS, Status

FLAGS = tuple(QUALITY_FLAG_LABELS)

TITLES = QUALITY_FLAG_LABELS
ADVICE = {
    "no_accountable_body": "Name the agency that will answer for this: choose a lead agency, or say in the "
                           "recommendation which body should act.",
    "no_measurable_outcome": "Say how we will know it worked: the intended outcome, and a measure of it that can "
                             "be counted, compared or sampled (an audit, a rate against a baseline, a target).",
    "no_date": "Give a target date, or say in the recommendation by when it should be done.",
    "vague_verb": "Say what should change: a policy amended, a question added to a form, a pathway introduced. "
                  "Asking an agency only to consider, review or raise awareness rarely changes practice.",
    "training_only": "Training alone seldom changes what happens: add the change to practice, procedure or systems "
                     "that the training supports, and how it will be checked.",
    "repeat_not_implemented": "An earlier review made a very similar recommendation that was never completed. "
                              "Say why this one will be different, or follow up the earlier one.",
}

# Statuses, in this service's words and in other trackers', meaning the work was done.
IMPLEMENTED = frozenset({"completed", "complete", "verified", Status.VERIFIED, Status.ALREADY_IN_PLACE,
                         Status.AWAITING_EVIDENCE})


@dataclass(frozen=True)
class Earlier:
    """A recommendation of another review, as the repeat check sees it."""

    id: str
    review: str
    text: str
    lead_agency: str | None = None
    status: str = Status.NOT_STARTED
    number: str = ""


@dataclass(frozen=True)
class Draft:
    """A recommendation as drafted: its wording, lead agency, target dates, outcome and measure."""

    text: str
    lead_agency: str | None = None
    target_dates: tuple[dt.date, ...] = ()
    intended_outcome: str = ""
    outcome_measure: str = ""


@dataclass(frozen=True)
class Flag:
    name: str
    title: str
    advice: str
    earlier: tuple[Earlier, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class AgencyName:
    """An agency of the partnership's list, as agency matching reads it."""

    name: str
    kind: str = ""


# --- Words --------------------------------------------------------------------------------

# What introduces the action a recommendation asks for.
_MODALS = r"should|must|shall|will|to|needs? to|ought to|is asked to|are asked to|is recommended to"
_JOINERS = {"and", "then", "also", "or", ","}
_SKIP = {"be", "also", "now", "urgently", "jointly", "each", "always", "routinely", "formally", "clearly",
         "promptly", "immediately", "further", "fully", "both", "all", "properly", "regularly", "consistently",
         "continue", "seek"}

# Verb lemmas by what they ask for. A vague verb asks for thought, not for a change.
VAGUE = {"consider", "review", "explore", "reflect", "look", "note", "remind", "promote", "encourage", "raise",
         "aware", "strengthen", "improve", "enhance", "emphasise", "emphasize", "reinforce", "highlight",
         "disseminate", "endeavour", "think", "recognise", "recognize", "acknowledge", "reiterate", "discuss",
         "support", "prioritise", "foster", "embed", "understand", "learn", "more", "better", "mindful", "alert",
         "curious", "work", "engage", "collaborate", "liaise"}
TRAINING = {"train", "retrain", "brief", "educate", "upskill"}
# Nouns that make an action training: "deliver a workshop", "attend a briefing".
TRAINING_NOUNS = {"training", "e-learning", "elearning", "workshop", "workshops", "briefing", "briefings",
                  "course", "courses", "seminar", "seminars", "session", "sessions", "refresher",
                  "induction", "masterclass", "module", "modules", "webinar", "webinars"}
# Verbs with no content of their own: what they ask for is their object.
LIGHT = {"deliver", "provide", "run", "offer", "arrange", "receive", "attend", "undertake", "complete", "give",
         "hold", "commission", "develop", "roll", "introduce", "make", "ensure", "implement", "put", "organise"}
_NOMINAL_VAGUE = re.compile(r"\b(consideration|thought|regard)\s+(should|must|will|is to|to)\s+be\s+given\b|"
                            r"\b(should|must|will)\s+be\s+made\s+aware\b|\bawareness\s+(should|must|will)\s+be\s+raised\b",
                            re.IGNORECASE)

_ORG_HEADS = r"Police|Constabulary|Council|Trust|Service|Services|Board|Partnership|Office|Department|Ministry|" \
             r"ICB|CCG|Commissioner|Aid|Authority|Agency|Hospital|Hospitals|Practice|Practices|Probation|NHS England|" \
             r"Team|Unit|Government|Panel|MARAC|Care|Housing|Refuge|Centre|Schools|College|University"
_NAMED_ORG = re.compile(rf"(?:^|\bthe\s+|\b)(?:[A-Z][\w'’&-]*\s+){{0,5}}(?:{_ORG_HEADS})\b")
_GENERIC_SUBJECT = re.compile(r"^\s*(?:all\s+|relevant\s+|partner\s+|local\s+|other\s+|the\s+|each\s+|every\s+|any\s+)*"
                              r"(agencies|agency|organisations|organisation|organizations|partners|services|professionals|practitioners|"
                              r"staff|everyone|we|they)\b", re.IGNORECASE)

# A measure has something to count, compare or sample.
_QUANTITY = re.compile(r"\d|%|\bper\s*cent\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|"
                       r"fifty|hundred|half)\b", re.IGNORECASE)
_MEASURING = re.compile(r"\b(number|numbers|rate|rates|proportion|percentage|share|count|counts|median|average|mean|"
                        r"baseline|target|audit|audited|audits|sample|sampled|sampling|survey|surveys|data|"
                        r"figures|compared|comparison|increase|decrease|reduction|fall|rise|monthly|quarterly|"
                        r"annually|weekly|dashboard|indicator|score|measured|monitored|ratio)\b", re.IGNORECASE)

_MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|" \
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_DATE_TEXT = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\s+\d{{4}}\b|\b(?:{_MONTHS})\s+\d{{4}}\b|"
                        r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b", re.IGNORECASE)
_TIMESCALE = re.compile(
    r"\b(?:by|before|no later than|until)\s+(?:the\s+)?(?:end|start|beginning|close|middle)\s+of\s+"
    r"(?:the\s+)?(?:\d{4}(?:/\d{2})?|(?:(?:this|next|the)\s+)?(?:financial\s+|calendar\s+)?(?:year|quarter|month))|"
    r"\b(?:by|before|in|during)\s+(?:the\s+)?(?:spring|summer|autumn|winter)\s+(?:of\s+)?\d{4}\b|"
    r"\b(?:by|before|in|during)\s+(?:q[1-4]\s+)?\d{4}(?:/\d{2,4})?\b|"
    r"\bwithin\s+(?:the\s+next\s+)?(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"eighteen|twenty-four)\s+(?:calendar\s+)?(?:weeks?|months?|years?)\b|"
    r"\bin\s+(?:the\s+)?(?:next|coming)\s+(?:\w+\s+)?(?:weeks?|months?|year|years|quarter)\b|"
    r"\b(?:q[1-4]|quarter\s+[1-4])\s+(?:of\s+)?\d{4}", re.IGNORECASE)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|,")


_IRREGULAR = {"given": "give", "gave": "give", "made": "make", "taken": "take", "held": "hold", "brought": "bring",
              "built": "build", "written": "write", "sent": "send", "undertaken": "undertake", "put": "put",
              "set": "set", "run": "run", "done": "do", "thought": "think", "taught": "train", "kept": "keep"}


def lemma(word: str) -> str:
    """A verb's plain form, near enough to match the classes above."""
    word = word.lower().strip("'’")
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for ending, keep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("d", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: len(word) - len(ending)] + keep
            for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem):
                if candidate in VAGUE | TRAINING | LIGHT or candidate in _KNOWN:
                    return candidate
    return word


# Verbs of a concrete change: not a word list to score against, only to tell a verb from a noun
# where the text gives no modal (a second action after "and": "review X and amend Y").
_KNOWN = {"amend", "add", "require", "publish", "create", "establish", "replace", "record", "adopt", "audit",
          "change", "update", "ask", "share", "pass", "flag", "appoint", "fund", "issue", "write", "produce",
          "include", "remove", "stop", "refer", "assign", "monitor", "check", "notify", "send", "set", "agree",
          "revise", "rewrite", "redesign", "extend", "expand", "mandate", "map", "identify", "screen", "assess",
          "allocate", "inform", "report", "reduce", "increase", "build", "design", "give"}


# --- Reading the text ---------------------------------------------------------------------------

_STRONG = {"should", "must", "shall", "will"}
_ACTION_WORDS = VAGUE | TRAINING | LIGHT | _KNOWN


@dataclass
class _Action:
    verb: str
    object: list[str]
    passive: bool = False


def _is_modal_at(words: list[str], i: int) -> int:
    """How many words the modal starting at `i` takes (0: none)."""
    low = [w.lower() for w in words[i:i + 3]]
    if not low:
        return 0
    if low[0] in _STRONG or (low[0] == "to" and i > 0):
        return 1
    if low[:2] in (["needs", "to"], ["need", "to"], ["ought", "to"]):
        return 2
    if len(low) == 3 and low[0] in ("is", "are") and low[1] in ("asked", "expected", "required") and low[2] == "to":
        return 3
    return 0


def _verb_after(words: list[str], i: int, strong: bool) -> tuple[int, bool] | None:
    """The position of the verb a modal ending before `i` introduces, and whether it is passive."""
    passive = False
    while i < len(words) and words[i].lower() in _SKIP:
        passive = passive or words[i].lower() == "be"
        i += 1
    if i >= len(words) or words[i] == ",":
        return None
    word = lemma(words[i])
    if strong or word in _ACTION_WORDS or re.search(r"(ise|ize|ate|ify)$", word):
        return i, passive
    return None


def _object(words: list[str], i: int) -> list[str]:
    out = []
    for word in words[i + 1:i + 11]:
        if word == "," or word.lower() in _STRONG:
            break
        out.append(word.lower())
    return out


_THAT = re.compile(r"^\s*that\s+|\brecommend(?:s|ed)?\s+that\s+|\bpanel\s+(?:asks|advises)\s+that\s+", re.IGNORECASE)


def _scan(words: list[str]) -> tuple[list[_Action], int | None]:
    found: list[_Action] = []
    subject_end = None
    i = 0
    while i < len(words):
        width = _is_modal_at(words, i)
        joined = words[i].lower() in _JOINERS and found
        if width and not (words[i].lower() == "to" and found and found[-1].verb in TRAINING):
            at = _verb_after(words, i + width, words[i].lower() != "to")
            if at is not None:
                subject_end = i if subject_end is None and not found else subject_end
                found.append(_Action(lemma(words[at[0]]), _object(words, at[0]), at[1]))
                i = at[0] + 1
                continue
        elif joined and i + 1 < len(words) and lemma(words[i + 1]) in _ACTION_WORDS:
            found.append(_Action(lemma(words[i + 1]), _object(words, i + 1), found[-1].passive))
            i += 2
            continue
        i += 1
    return found, subject_end


def _first_verb(words: list[str]) -> int | None:
    """In "... recommends that the ICB introduces ...", the verb: the first word of an action class."""
    return next((n for n, w in enumerate(words) if n and lemma(w) in _ACTION_WORDS), None)


def actions(text: str) -> tuple[list[_Action], str]:
    """The actions the text asks for, and its subject (the words before the first modal, or in
    "it is recommended that X introduces ..." the words before the verb)."""
    that = _THAT.search(text or "")
    words = _WORD.findall((text or "")[that.end():] if that else text or "")
    found, subject_end = _scan(words)
    if not found and that and (at := _first_verb(words)) is not None:
        found, _ = _scan(words[at + 1:])
        found.insert(0, _Action(lemma(words[at]), _object(words, at)))
        subject_end = at
    if not found and words and lemma(words[0]) in _ACTION_WORDS:  # an imperative: "Introduce a ..."
        found.append(_Action(lemma(words[0]), _object(words, 0)))
        subject_end = 0
    subject = " ".join(w for w in words[:subject_end if subject_end is not None else len(words)] if w != ",")
    return found, subject


def _is_training(words: Iterable[str]) -> bool:
    return any(w.lower() in TRAINING_NOUNS or lemma(w) in TRAINING for w in words)


def _inner_verb(words: list[str]) -> str | None:
    for n, word in enumerate(words[:-1]):
        if word in ("is", "are", "be", "been"):
            following = next((w for w in words[n + 1:] if w not in _SKIP), None)
            verb = lemma(following) if following else None
            return None if verb in (None, "ensure", "make") else verb
    return None


def kind_of_action(action: _Action, subject: str) -> str:
    """"vague", "training" or "concrete"."""
    what = subject.split() + action.object if action.passive else action.object
    if action.verb in VAGUE:
        return "vague"
    if action.verb in TRAINING:
        return "training"
    inner = _inner_verb(action.object) if action.verb in ("ensure", "make") else None
    if inner is not None:  # "ensure that the learning is disseminated": what is to be done is the inner verb
        return kind_of_action(_Action(inner, action.object, True), "")
    if action.verb in LIGHT:
        if _is_training(what):
            return "training"
        if any(lemma(w) in VAGUE or w.lower() in ("awareness", "aware") for w in what[:3]):
            return "vague"
    return "concrete"


def _kinds(text: str) -> set[str]:
    found, subject = actions(text)
    if _NOMINAL_VAGUE.search(text or ""):  # "consideration should be given to ...": only thought is asked for
        found = [a for a in found if a.verb not in ("give", "make", "raise")]
        return {"vague"} | {kind_of_action(a, subject) for a in found if kind_of_action(a, subject) != "concrete"}
    kinds = {kind_of_action(a, subject) for a in found}
    if not found and _is_training(_WORD.findall(text or "")):
        kinds.add("training")
    return kinds


# --- The flags ------------------------------------------------------------------------------------

def _names_a_body(phrase: str, agencies: Sequence[AgencyName]) -> bool:
    if not phrase.strip() or _GENERIC_SUBJECT.match(phrase) and not _NAMED_ORG.search(phrase.split(" ", 1)[-1]):
        return False
    if mentioned(phrase, agencies) is not None:
        return True
    low = phrase.lower()
    if any(re.search(rf"(?<![\w']){re.escape(k)}(?!\w)", low) for words in KIND_KEYWORDS.values() for k in words):
        return True
    return bool(_NAMED_ORG.search(phrase))


def has_accountable_body(draft: Draft, agencies: Sequence[AgencyName] = ()) -> bool:
    if (draft.lead_agency or "").strip():
        return True
    found, subject = actions(draft.text)
    if _names_a_body(subject, agencies):
        return True
    agent = re.search(r"\bby\s+((?:the\s+)?(?:[\w'’&-]+\s+){0,5}[\w'’&-]+)", draft.text or "")
    return bool(found and found[0].passive and agent and _names_a_body(agent.group(1), agencies))


def has_measurable_outcome(draft: Draft) -> bool:
    measure = (draft.outcome_measure or "").strip()
    if not (draft.intended_outcome or "").strip() or not measure:
        return False
    return bool(_QUANTITY.search(measure) or _MEASURING.search(measure))


def dates_in(text: str) -> list[dt.date]:
    """The dates written in the text that are real dates."""
    out = []
    for match in _DATE_TEXT.finditer(text or ""):
        try:
            day = parse_date(match.group(0), month_only="last")
        except ValueError:
            continue
        if day is not None:
            out.append(day)
    return out


def has_date(draft: Draft) -> bool:
    return bool(draft.target_dates) or bool(dates_in(draft.text)) or bool(_TIMESCALE.search(draft.text or ""))


def unimplemented(repeats: Iterable[Earlier]) -> tuple[Earlier, ...]:
    return tuple(e for e in repeats if (e.status or "").lower() not in IMPLEMENTED)


def flag_names(draft: Draft, agencies: Sequence[AgencyName] = (), repeats: Iterable[Earlier] = ()) -> list[str]:
    """The names of the flags the draft raises, in FLAGS order."""
    kinds = _kinds(draft.text)
    raised = {
        "no_accountable_body": not has_accountable_body(draft, agencies),
        "no_measurable_outcome": not has_measurable_outcome(draft),
        "no_date": not has_date(draft),
        "vague_verb": "vague" in kinds and not kinds & {"concrete", "training"},
        "training_only": "training" in kinds and "concrete" not in kinds,
        "repeat_not_implemented": bool(unimplemented(repeats)),
    }
    return [name for name in FLAGS if raised[name]]


def check(draft: Draft, agencies: Sequence[AgencyName] = (), repeats: Iterable[Earlier] = ()) -> list[Flag]:
    """What is missing from the draft, each flag with its advice (and, for a repeat, the earlier
    recommendations it repeats). `repeats` are the near-duplicates the repeat detection found."""
    repeats = tuple(repeats)
    return [Flag(name, TITLES[name], ADVICE[name], unimplemented(repeats) if name == "repeat_not_implemented" else ())
            for name in flag_names(draft, agencies, repeats)]


def agency_names(names: Iterable[str]) -> list[AgencyName]:
    """Agencies known only by name, their kind read from it (a corpus, an import)."""
    return [AgencyName(n, next(iter(sorted(kinds_of(n))), "")) for n in names if n]

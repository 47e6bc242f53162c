"""How alike two recommendations are in meaning, for the repeat check: each text is read as a set
of concepts (a phrase of the concept lexicon below, or else a word's stem) so that two authors'
wording of one change meet ("officers attending domestic abuse calls must complete the risk
assessment" and "the police should ensure the DASH is carried out at every incident"). The
concepts are weighted by how rare they are among the texts compared, so that words every
recommendation uses ("domestic abuse", "should", "staff") count for little, and the likeness is
the weighted share of concepts the two have in common (Dice)."""
from __future__ import annotations

import functools
import math
import re
from typing import Iterable, Sequence

from dhr.data.recommendation_verbs import actions, asked_verbs, asks_for

from .repeat_lexicon import CONCEPTS, DEEDS, GENERIC
from .schema import TEXT_ANALYZER

_PHRASES = {tuple(phrase.split()): concept for concept, phrases in CONCEPTS.items() for phrase in phrases}
_LONGEST = max(len(key) for key in _PHRASES)
_WORDS = re.compile(r"[A-Za-z0-9&]+(?:[-'][A-Za-z0-9]+)*")


@functools.lru_cache(maxsize=8192)
def _stem(word: str) -> str | None:
    stems = [t.text for t in TEXT_ANALYZER(word)]
    return stems[0] if stems else None


# Phrases whose words stand apart, read as one: "let the GP know" is to inform the GP, "ask the GP
# to attend" to invite them, "a named police contact" a single point of contact.
_SPLIT_PHRASES = (
    (re.compile(r"\blet\s+((?:[\w']+\s+){1,3})know\b", re.IGNORECASE), r"inform \1"),
    (re.compile(r"\b(?:ask|asks|asked|request|requests|requested)\s+((?:[\w']+\s+){1,3})to\s+(?:attend|join)\b",
                re.IGNORECASE), r"invite \1"),
    (re.compile(r"\b(?:named|dedicated)\s+(?:[\w']+\s+){0,2}(?:contact|officer|worker|professional)s?\b",
                re.IGNORECASE), "single point of contact"),
    (re.compile(r"\bco-(?=[a-z])", re.IGNORECASE), "co"),  # "co-ordinator" is the "coordinator"
)


def _joined(text: str) -> str:
    for pattern, replacement in _SPLIT_PHRASES:
        text = pattern.sub(replacement, text)
    return text


@functools.lru_cache(maxsize=4096)
def concepts(text: str) -> frozenset[str]:
    """The concepts a text names: lexicon phrases, longest first, and the stems of other words
    but names (a capitalised word within the sentence: "Northshire" of "Northshire Police"), which
    say where, not what."""
    written = _WORDS.findall(_joined((text or "").replace("’", "'")))
    words = [w.lower() for w in written]
    out: set[str] = set()
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST, len(words) - i), 0, -1):
            concept = _PHRASES.get(tuple(words[i:i + n]))
            if concept is not None:
                out.update({concept} - GENERIC)
                i += n
                break
        else:
            word, name = words[i], i > 0 and written[i][:1].isupper() and not written[i].isupper()
            i += 1
            if name or word in GENERIC or word.isdigit():
                continue
            # each part of a word joined by hyphens: "standard-risk" is of a standard risk
            out.update(stem for part in word.split("-") if (stem := _stem(part)) and stem not in GENERIC)
    return frozenset(out)


def widened_stems(text: str) -> list[str]:
    """The indexed stems of every name of each concept the text names: what a candidate search
    widens to, so an earlier recommendation worded otherwise is still among the candidates."""
    names = concepts(text)
    out = {_stem(word) for concept in names if concept in CONCEPTS for phrase in CONCEPTS[concept]
           for word in phrase.split()}
    return sorted(s for s in out if s and s not in GENERIC)


def weights(texts: Iterable[str]) -> dict[str, float]:
    """Each concept's weight among the texts compared: rarer concepts weigh more."""
    sets = [concepts(t) for t in texts]
    total = len(sets)
    counts: dict[str, int] = {}
    for names in sets:
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    return {name: max(math.log((total + 1) / (count + 0.5)), 0.2) for name, count in counts.items()}


def likeness(a: str, b: str, weight: dict[str, float]) -> float:
    """The weighted share of concepts the two texts have in common (0 to 1)."""
    first, second = concepts(a), concepts(b)
    size = sum(weight.get(c, 1.0) for c in first) + sum(weight.get(c, 1.0) for c in second)
    return 2 * sum(weight.get(c, 1.0) for c in first & second) / size if size else 0.0


def alike(text: str, others: Sequence[str]) -> list[float]:
    """The likeness of the text to each of the others, weighted among them all."""
    weight = weights([text, *others])
    return [likeness(text, other, weight) for other in others]


# Verbs that ask for nothing of their own: two texts sharing only these ask for different things.
_EMPTY_ACTIONS = frozenset({"ensure", "make", "be", "have", "give", "provide", "take", "put", "do"})


@functools.lru_cache(maxsize=4096)
def actions_asked(text: str) -> frozenset[str]:
    """The concepts of the actions the text asks for (to ask, refer, record ...): of the verb with
    the word after it where the two are one phrase ("carry out"), else of the verb."""
    out: set[str] = set()
    for asked in asked_verbs(text):
        verb = asked.split()[0]
        if verb in _EMPTY_ACTIONS:
            continue
        out |= concepts(asked) if tuple(asked.split()) in _PHRASES else concepts(verb)
    for action in actions(text)[0]:  # "make a safeguarding referral", "open a section 42 enquiry"
        if action.verb not in ("ensure", "be") and (action.verb in _EMPTY_ACTIONS
                                                    or not concepts(action.verb) & CONCEPTS.keys()):
            out |= concepts(" ".join(action.object[:4])) & DEEDS
    return frozenset(out)


def same_action(a: str, b: str) -> bool:
    """Whether the two texts ask for at least one action of the same kind."""
    return bool(actions_asked(a) & actions_asked(b))


def action_shared(a: str, b: str) -> bool:
    """Whether what one text asks for is named anywhere in the other ("visit tenants at home" and
    "make a home visit")."""
    return bool(actions_asked(a) & concepts(b) or actions_asked(b) & concepts(a))


# The concepts that are kinds of agency: a repeat is asked of the same kind.
AGENCY_CONCEPTS = frozenset({"police", "primary care", "mental health", "ambulance", "emergency department",
                             "maternity", "probation", "children's social care", "adult social care", "housing",
                             "substance misuse", "school", "partnership", "idva", "health visiting", "benefits",
                             "hospital"})


def same_agency_kind(a: str, b: str) -> bool:
    """False only when both texts name kinds of agency and none is the same."""
    first, second = concepts(a) & AGENCY_CONCEPTS, concepts(b) & AGENCY_CONCEPTS
    return not (first and second) or bool(first & second)


@functools.lru_cache(maxsize=4096)
def actor_kinds(text: str) -> frozenset[str]:
    """The kinds of agency asked to act: those of the sentence's subject, or in the passive of its
    "by ..." agent (none when the passive names no agent: its subject is what is acted on)."""
    found, subject = actions(text)
    if found and found[0].passive:
        agent = re.search(r"\bby\s+((?:[\w'’&-]+\s*){1,6})", text or "")
        subject = agent.group(1) if agent else ""
    return concepts(subject) & AGENCY_CONCEPTS


def same_actor(a: str, b: str, b_lead: str = "") -> bool:
    """False when the agencies asked to act differ in kind: by the subjects where both name one
    ("housing officers should refer to the IDVA" is not "the emergency department should refer to
    the IDVA"), else by the kinds the two texts name anywhere (`same_agency_kind`)."""
    first, second = actor_kinds(a), actor_kinds(b) or concepts(b_lead or "") & AGENCY_CONCEPTS
    if first and second and "partnership" not in first | second:  # the council acts through its services
        return bool(first & second)
    return same_agency_kind(a, " ".join([b, b_lead or ""]))


def _main_kind(text: str) -> str:
    kinds = asks_for(text)
    found = next((kind for kind in ("concrete", "training", "oversight") if kind in kinds), "")
    return found or ("thought" if kinds & {"vague", "awareness"} else "unread")


def same_kind_of_ask(a: str, b: str) -> bool:
    """Training, watching what is done (audit, monitor) or only thought (remind, consider) does
    not repeat a change to practice."""
    kinds = {_main_kind(a), _main_kind(b)}
    return not ("concrete" in kinds and kinds & {"training", "oversight", "thought"})

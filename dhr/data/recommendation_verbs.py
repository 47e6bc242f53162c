"""What a recommendation asks for, read from its wording: the actions it asks of someone and
whether each is vague (consider, review, explore, raise awareness, remind...), training
(train, brief, or a light verb whose object is training: "deliver a workshop") or a concrete
change. Verbs are read where English puts the action: after a modal ("should", "must", "will",
"is asked to", "to"), after "and"/"then" joining a second action, as the passive participle
("should be reminded"), as the verb after "it is recommended that X ...", or as an imperative
first word. The word classes name kinds of verb, not examples: any other verb in an action's
place counts as a concrete change."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

# What introduces the action a recommendation asks for.
_JOINERS = {"and", "then", "also", "or", ","}
_SKIP = {"be", "also", "now", "urgently", "jointly", "each", "always", "routinely", "formally", "clearly",
         "promptly", "immediately", "further", "fully", "both", "all", "properly", "regularly", "consistently",
         "continue", "seek", "to"}

# Verb lemmas by what they ask for. A vague verb asks for thought, not for a change.
VAGUE = {"consider", "review", "explore", "reflect", "look", "note", "remind", "promote", "encourage", "raise",
         "aware", "strengthen", "improve", "enhance", "emphasise", "emphasize", "reinforce", "highlight",
         "disseminate", "endeavour", "think", "recognise", "recognize", "acknowledge", "reiterate", "discuss",
         "support", "prioritise", "foster", "embed", "understand", "learn", "more", "better", "mindful", "alert",
         "curious", "work", "engage", "collaborate", "liaise", "assure", "satisfy", "assurance", "curiosity",
         "evaluate", "continue", "revisit", "scope"}
TRAINING = {"train", "retrain", "brief", "educate", "upskill", "equip"}
# Nouns that make an action training: "deliver a workshop", "attend a briefing".
TRAINING_NOUNS = {"training", "e-learning", "elearning", "workshop", "workshops", "briefing", "briefings",
                  "course", "courses", "seminar", "seminars", "session", "sessions", "refresher",
                  "induction", "masterclass", "module", "modules", "webinar", "webinars", "event", "events",
                  "conference", "conferences", "lecture", "lectures", "presentation", "presentations",
                  "masterclasses", "cpd"}
# Verbs that pass something on: passing on training or learning through briefings is training.
PASSING_ON = {"share", "cascade", "communicate", "circulate", "disseminate"}
# Verbs that watch what is done rather than change it: auditing attendance at training changes no practice.
OVERSIGHT = {"audit", "monitor", "report", "track", "measure"}
# What passing on learning passes on: the lessons, not a change.
_LESSONS = {"learning", "lessons", "findings", "report", "review", "recommendations"}
# Verbs with no content of their own: what they ask for is their object.
LIGHT = {"deliver", "provide", "run", "offer", "arrange", "receive", "attend", "undertake", "complete", "give",
         "hold", "commission", "develop", "roll", "introduce", "make", "ensure", "implement", "put", "organise",
         "take", "apply", "have", "show", "demonstrate"}
_NOMINAL_VAGUE = re.compile(r"\b(consideration|thought|regard)\s+(should|must|will|is to|to)\s+be\s+given\b|"
                            r"\b(should|must|will)\s+be\s+made\s+aware\b|\bawareness\s+(should|must|will)\s+be\s+raised\b",
                            re.IGNORECASE)

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
                if candidate in VAGUE | TRAINING | LIGHT | PASSING_ON or candidate in _KNOWN:
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
    if low[0] in _STRONG or (low[0] == "to" and i > 0 and words[i - 1].lower() != "up"):  # not "up to date"
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
    if words[i].lower() in _DETERMINERS and words[i - 1].lower() == "continue":  # "continue its work on ..."
        return i - 1, passive
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


_URGING = {"remind", "encourage"}  # "remind GPs to ask": what is asked is the reminder
_BE = {"is", "are", "was", "were", "be", "been"}
_DETERMINERS = {"the", "its", "their", "a", "an", "all", "each", "every", "any", "this", "that"}


def _elided_passive(words: list[str], i: int) -> int | None:
    """In "... be trained and the procedure amended", the participle of the second action, its
    "should be" left out: a noun phrase opened by a determiner, then a past participle."""
    if i >= len(words) or words[i].lower() not in _DETERMINERS:
        return None
    for n in range(i + 1, min(i + 7, len(words))):
        word = words[n].lower()
        if word == "," or word in _STRONG or word in _JOINERS:
            return None
        if (word.endswith("ed") or word in _IRREGULAR) and lemma(word) in _ACTION_WORDS:
            return n
    return None


def _scan(words: list[str]) -> tuple[list[_Action], int | None]:
    found: list[_Action] = []
    subject_end = None
    i = 0
    while i < len(words):
        width = _is_modal_at(words, i)
        joined = words[i].lower() in _JOINERS and found
        # "remind GPs to ask", "the skills to identify", "know how to refer": what they are told or know
        if width and not (words[i].lower() == "to" and (found and found[-1].verb in TRAINING | _URGING
                                                         or words[i - 1].lower() in _KNOWING | {"how"})):
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
        elif joined and (at := _elided_passive(words, i + 1)) is not None:
            found.append(_Action(lemma(words[at]), words[i + 1:at] + _object(words, at), True))
            i = at + 1
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
        # "that training is provided": the words before the verb are what is acted on
        found.insert(0, _Action(lemma(words[at]), _object(words, at), words[at - 1].lower() in _BE))
        subject_end = at
    if not found and words and lemma(words[0]) in _ACTION_WORDS:  # an imperative: "Introduce a ..."
        found.append(_Action(lemma(words[0]), _object(words, 0)))
        subject_end = 0
    subject = " ".join(w for w in words[:subject_end if subject_end is not None else len(words)] if w != ",")
    return found, subject


def _is_training(words: Iterable[str]) -> bool:
    words = [w.lower() for w in words]
    return any(w in TRAINING_NOUNS or lemma(w) in TRAINING or w == "learning" and _taught(words, n)
               for n, w in enumerate(words))


def _taught(words: list[str], n: int) -> bool:
    """Whether "learning" is what is taught ("a programme of learning", "undertake learning on
    stalking"), not the lessons of a review ("the learning from this review")."""
    return (not n or words[n - 1] not in _DETERMINERS | {"key"}) and words[n + 1:n + 2] not in (["from"], ["of"])


def _inner_verb(words: list[str]) -> str | None:
    for n, word in enumerate(words[:-1]):
        if word in ("is", "are", "be", "been"):
            following = next((w for w in words[n + 1:] if w not in _SKIP), None)
            verb = lemma(following) if following else None
            return None if verb in (None, "ensure", "make") else verb
    return None


def _own(words: list[str]) -> list[str]:
    """An action's object up to where a second action starts ("... and deliver training")."""
    for n, word in enumerate(words):
        if word in _JOINERS and n + 1 < len(words) and lemma(words[n + 1]) in _ACTION_WORDS:
            return words[:n]
    return words


_AWARENESS_VERBS = {"raise", "increase", "promote", "improve", "build", "develop"}
_AWARE_NOUNS = {"awareness", "knowledge", "understanding", "skills", "confidence", "competence", "capacity"}
_STAFF = re.compile(r"\b(staff|officers?|practitioners?|professionals?|clinicians?|gps|nurses?|workers?|teams?|"
                    r"midwives|paramedics|handlers|colleagues|workforce|managers?|employees|keyworkers?|crews?|teachers?|doctors?)\b")


# What is written for staff to read, as training is given them: "a guidance leaflet for social workers".
_GUIDANCE = {"guidance", "leaflet", "leaflets", "toolkit", "toolkits", "factsheet", "factsheets", "handbook",
             "newsletter", "aide-memoire", "bulletin", "bulletins"}
_WRITING = LIGHT | {"produce", "issue", "publish", "write", "circulate", "send", "distribute", "create"}
_RECORDS = {"record", "records", "system", "file", "files", "notes", "chronology", "log"}


def kind_of_action(action: _Action, subject: str) -> str:
    """"vague", "training", "awareness" (awareness raised among staff, staff reminded or made
    aware, lessons passed on to them: vague, and no more than training) or "concrete"."""
    own = _own(action.object)
    what = subject.split() + own if action.passive else own
    named = {w.lower() for w in what}
    if (told := _telling(action.verb, what, own)) is not None:
        return told
    if _ONLY_THOUGHT.search(" ".join(own)):  # "assess the feasibility of ...", "keep it under review"
        return "vague"
    if action.verb in ("note", "alert") and _RECORDS & named:  # "note it on their record", "alert staff on the system"
        return "concrete"
    if (means := _means(action.verb, own)) is not None:  # "improve X by introducing Y"
        return kind_of_action(means, "")
    if action.verb == "raise" and not {"awareness", "profile"} & named:  # "raise a safeguarding concern"
        return "concrete"
    if action.verb in _AWARENESS_VERBS and named & _AWARE_NOUNS and _STAFF.search(" ".join(what).lower()):
        return "awareness"  # "raise awareness among GPs": thought asked of staff, as training asks it
    if action.verb in VAGUE:
        return "vague"
    if action.verb in TRAINING:
        return "training"
    inner = _inner_verb(action.object) if action.verb in ("ensure", "make") else None
    if inner is not None:  # "ensure that the learning is disseminated": what is to be done is the inner verb
        return kind_of_action(_Action(inner, action.object, True), "")
    if _is_training(what):  # "deliver a workshop", "require staff to attend training"
        return "training"
    if action.verb in LIGHT and any(_vague_word(what, n) for n in range(min(3, len(what)))) \
            and not _A_TEST.search(" ".join(own)):
        return "vague"
    return "concrete"


# A review with a question to answer is a test, not only thought: "a review of whether referrals are escalated".
_A_TEST = re.compile(r"^(?:an?\s+|the\s+)?(?:independent\s+|external\s+)?(?:review|evaluation)\s+(?:of\s+)?"
                     r"(?:whether|how\s+far|against)\b")
_KNOWING = {"remind", "aware", "understand", "know", "recognise", "recognize", "remember", "familiar", "confident",
            "competent", "knowledge", "skill", "skills", "confidence", "competence", "understanding", "equipped"}
_INFORMING = {"update", "inform", "tell", "notify", "brief"}
_ONLY_THOUGHT = re.compile(r"^(?:(?:the|a|an|its|their)\s+)?(?:feasibility|possibility|merits?|viability|options?)\b|"
                           r"\bunder\s+review\b")


def _telling(verb: str, what: list[str], own: list[str]) -> str | None:
    """The kind of an action that passes something on, or tells staff something: None for another."""
    named = {w.lower() for w in what}
    to_staff = bool(_STAFF.search(" ".join(what).lower()))
    if verb in PASSING_ON and _is_training(what):  # "shared with staff through team briefings"
        return "training"
    if verb in PASSING_ON and _LESSONS & named:  # "share the learning with partners"
        return "awareness" if to_staff else "vague"
    if verb in _KNOWING and to_staff and "importance" not in named:
        return "awareness"  # "remind officers of the screening questions": what training tells them
    if verb in ("ensure", "make") and to_staff and any(lemma(w) in _KNOWING for w in what[:6]):
        return "awareness"  # "ensure officers understand coercive control"
    if verb in _INFORMING and own[:1] and _STAFF.search(own[0]) and {"on", "about", "of"} & set(own[1:3]):
        return "awareness"  # "update officers on the findings"
    if verb in VAGUE and to_staff and _is_training(what):
        return "awareness"  # "promote the e-learning module to practice staff"
    if verb in _WRITING and _GUIDANCE & {w.lower() for w in what[:6]} and to_staff:  # also "guidance should be issued"
        return "training"
    return None


def _vague_word(words: list[str], n: int) -> bool:
    """Whether the n-th word of a light verb's object asks only for thought ("give consideration",
    "provide better support"); "support" with a word saying which kind ("outreach support") is a service."""
    word = words[n].lower()
    if word == "support" and n and words[n - 1].lower() not in _DETERMINERS and lemma(words[n - 1]) not in VAGUE:
        return False
    return lemma(word) in VAGUE or word in ("awareness", "aware", "account", "approach", "culture", "ethos")


def _by_doing(words: list[str]) -> _Action | None:
    """In "improve the pathway by introducing a referral form", the action that is the means."""
    for n, word in enumerate(words[:-1]):
        verb = lemma(words[n + 1])
        if word == "by" and words[n + 1].endswith("ing") and verb in _ACTION_WORDS and verb not in VAGUE:
            return _Action(verb, words[n + 2:])
    return None


def _means(verb: str, own: list[str]) -> _Action | None:
    """The action that says what another asks for: the means of a vague one ("improve X by
    introducing Y"), the work a role is in, what staff are to do in "ensure that staff ..."."""
    if verb in VAGUE:
        return _by_doing(own)
    return _role_in(own) or _done_by_staff(verb, own)


def _role_in(words: list[str]) -> _Action | None:
    """In "take a lead role in developing an approach", the action the role is in."""
    for n, word in enumerate(words[:5]):
        if word in ("role", "lead") and n + 2 < len(words) and words[n + 1] in ("in", "on") \
                and words[n + 2].endswith("ing") and lemma(words[n + 2]) in _ACTION_WORDS:
            return _Action(lemma(words[n + 2]), words[n + 3:])
    return None


def _done_by_staff(verb: str, words: list[str]) -> _Action | None:
    """In "ensure that practitioners show curiosity", what the staff are to do: a light verb right
    after the staff named."""
    if verb not in ("ensure", "make"):
        return None
    for n, word in enumerate(words[:4]):
        if _STAFF.fullmatch(word) and n + 1 < len(words) and lemma(words[n + 1]) in LIGHT - {"ensure", "make"}:
            return _Action(lemma(words[n + 1]), words[n + 2:])
    return None


def kinds_of_actions(text: str) -> list[str]:
    """The kind of each action the text asks for, in order. A light verb whose object opens with a
    preposition ("..., delivered to 200 practitioners") only goes on describing the action before it."""
    found, subject = actions(text)
    kinds: list[str] = []
    for n, action in enumerate(found):
        follows = kinds and action.verb in LIGHT and action.object[:1] and action.object[0] in _PREPOSITIONS
        if action.verb in LIGHT and not _own(action.object) and n + 1 < len(found):
            # "develop and deliver training": the light verb's object is the next action's
            action = _Action(action.verb, found[n + 1].object, action.passive)
        covers = action.verb in ("cover", "include", "address", "focus") and _is_training(subject.split()[:2])
        kinds.append(kinds[-1] if follows else "training" if covers else kind_of_action(action, subject))
    return kinds


_PREPOSITIONS = {"to", "for", "by", "in", "at", "across", "with", "within"}


def asks_for(text: str) -> set[str]:
    """The kinds of action the text asks for: some of \"vague\", \"training\", \"concrete\" and
    \"oversight\" (a concrete action that only watches what is done: audit, monitor, report)."""
    found, subject = actions(text)
    if _NOMINAL_VAGUE.search(text or ""):  # "consideration should be given to ...": only thought is asked for
        found = [a for a in found if a.verb not in ("give", "make")]
        staff_told = "aware" in text.lower() and _STAFF.search(subject.lower())  # "officers should be made aware"
        return {"vague", *(["awareness"] if staff_told else [])} | {
            kind_of_action(a, subject) for a in found if kind_of_action(a, subject) != "concrete"}
    kinds = {"oversight" if kind == "concrete" and action.verb in OVERSIGHT else kind
             for action, kind in zip(found, kinds_of_actions(text), strict=True)}
    if not found and _is_training(_WORD.findall(text or "")):
        kinds.add("training")
    return kinds


def asked_verbs(text: str) -> list[str]:
    """The verb of each action the text asks for, with the word after it ("carry out", "follow
    up"); for "ensure that X is done" the inner verb."""
    out = []
    for action in actions(text)[0]:
        inner = _inner_verb(action.object) if action.verb in ("ensure", "make") else None
        verb, rest = (inner, []) if inner else (action.verb, action.object)
        out.append(" ".join([verb, *rest[:1]]))
    return out

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

What the wording asks for (vague, training or concrete actions, and the sentence's subject) is
read by dhr.data.recommendation_verbs."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from dhr.dates import parse_date

from .agency_matching import KIND_KEYWORDS, kinds_of, mentioned
from .practice_vocab import QUALITY_FLAG_LABELS
from .recommendation_verbs import actions, asks_for
from .vocab import Status

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



_ORG_HEADS = r"Police|Constabulary|Council|Trust|Service|Services|Board|Partnership|Office|Department|Ministry|" \
             r"ICB|CCG|Commissioner|Aid|Authority|Agency|Hospital|Hospitals|Practice|Practices|Probation|NHS England|" \
             r"Team|Unit|Government|Panel|MARAC|Care|Housing|Refuge|Centre|Schools|College|University|Jobcentres?|DWP"
_NAMED_ORG = re.compile(rf"(?:^|\bthe\s+|\b)(?:[A-Z][\w'’&-]*\s+){{0,5}}(?:{_ORG_HEADS})\b(?!\s+Act\b)")
# A name of two or more capitalised words ("Jobcentre Plus", "Eastvale Rape Crisis"): an organisation's own.
_ACRONYM = re.compile(r"(?:the\s+)?[A-Z]{3,}")
_PROPER_NAME = re.compile(r"(?:the\s+)?[A-Z][\w'’&-]*(?:\s+(?:of|and|for|&)?\s*[A-Z][\w'’&-]*)+")
# The partnership, unnamed, is everyone and so no one in particular.
_BARE_PARTNERSHIP = re.compile(r"(?:the\s+)?(?:local\s+|wider\s+|whole\s+|multi-agency\s+)?partnership",
                               re.IGNORECASE)
_GENERIC_SUBJECT = re.compile(r"^\s*(?:all\s+|relevant\s+|partner\s+|local\s+|other\s+|the\s+|each\s+|every\s+|any\s+|"
                              r"frontline\s+|front-line\s+|multi-agency\s+)*"
                              r"(agencies|agency|organisations|organisation|organizations|partners|services|professionals|practitioners|"
                              r"staff|everyone|anyone|those|we|they)\b", re.IGNORECASE)
# After a generic head, a clause saying which ones ("agencies that attend MARAC", "staff working with
# the police") names no body that is to act.
_WHICH_ONES = re.compile(r"\b(?:that|who|which|whose|working|attending|across|including|involved|in\s+contact|"
                         r"with|supporting|dealing)\b.*", re.IGNORECASE)
# Staff whose title says their kind of agency.
_STAFF_OF_A_KIND = re.compile(r"\b(?:police\s+)?officers?\b|\bparamedics?\b|\bmidwi(?:fe|ves)\b|"
                              r"\bsocial\s+workers?\b|\bcall\s+handlers?\b|\bdesignated\s+safeguarding\s+leads?\b|"
                              r"\b(?:school\s+)?nurses?\b|\bhealth\s+visitors?\b|\boffender\s+managers?\b|"
                              r"\bteachers?\b|\bdoctors?\b|\bclinicians?\b|\bkey\s?workers?\b", re.IGNORECASE)
_LOWER_BODY = re.compile(r"\b[Tt]he\s+(?:[\w'’-]+\s+){1,4}(?:board|council|partnership|constabulary|commission|"
                         r"authority|trust)\b")

# A measure has something to count, compare or sample.
_QUANTITY = re.compile(r"\d|%|\bper\s*cent\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|"
                       r"fifty|hundred|half)\b", re.IGNORECASE)
# A standard said of every case, that a sample could check: "every new case has a safety plan on file".
_STANDARD = re.compile(r"(?:all|every|each|no)\s+(?!staff\b)[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:has|have|is|are|uses?|using|"
                       r"shows?|receives?|records?|gets?|with)\b", re.IGNORECASE)
_MEASURING = re.compile(r"\b(number|numbers|rate|rates|proportion|percentage|share|count|counts|median|average|mean|"
                        r"baseline|target|audit|audited|audits|sample|sampled|sampling|survey|surveys|data|"
                        r"figures|compared|comparison|increase|decrease|reduction|fall|rise|monthly|quarterly|"
                        r"annually|weekly|dashboard|indicator|score|measured|ratio|"
                        # a change that is counted: "fewer repeat referrals", "repeat victimisation falls"
                        r"fewer|increases|increased|decreases|decreased|reduced|reduces|falls|fell|rises|rose|"
                        r"halved|doubled|higher|lower|"
                        # what is heard or checked: "staff questionnaire", "case file review", "exit interviews"
                        r"questionnaires?|feedback|interviews?|case\s+files?|on\s+file|dip|compliance|"
                        r"performance|checked|tracked|every\s+(?:week|month|quarter|year)|"
                        # what is counted or sampled in other words: "KPIs", "spot checks", "uptake"
                        r"kpis?|key\s+performance\s+indicators?|evaluation|evaluated|spot[- ]checks?|uptake|take-up)\b|"
                        r"\b(?:more|less)\b[^.;]{0,40}\bthan\b", re.IGNORECASE)

# Who came is counted: a measure of an outcome that is stated ("staff recognise coercive control").
_ATTENDANCE = re.compile(r"\b(?:attendance|attended|completions?|completion\s+rates?)\b", re.IGNORECASE)

# What a person could check in the text: a figure or an audit with a number, funding over years, a
# change made to a form, template, system or record (asked outright, not only to be considered).
_FIGURE = re.compile(r"\d\s*%|\bper\s*cent\b", re.IGNORECASE)
_AUDIT = re.compile(r"\b(audit|audits|audited|sample|samples|sampled|sampling|survey|surveys)\b", re.IGNORECASE)
_YEARS = r"(?:\d+|two|three|four|five|multi|several)[- ]years?(?:'|’)?"
_FUNDING_YEARS = re.compile(rf"\bfund(?:s|ed|ing)?\b[^.;]{{0,60}}?\b(?:for|over)\s+(?:\w+\s+){{0,2}}{_YEARS}",
                            re.IGNORECASE)
_YEARS_FUNDING = re.compile(rf"\b{_YEARS}\s+(?:of\s+)?(?:\w+\s+)?fund(?:ing|ed)\b|"
                            r"\b(?:recurrent(?:ly)?|permanent(?:ly)?|long-term)\s+fund(?:ing|ed)?\b|"
                            r"\bfund(?:s|ed|ing)?\b[^.;]{0,60}?\b(?:until|to|through|till)\s+(?:\w+\s+)?20\d\d\b|"
                            r"\bfund(?:s|ed|ing)?\b[^.;]{0,40}?\b20\d\d\s*(?:-|–|to)\s*(?:20)?\d\d\b",
                            re.IGNORECASE)
# A form, template, system or record said to be changed and in use: "the new question is live".
_ARTEFACT_IN_USE = re.compile(r"\b(?:forms?|templates?|systems?|records?|fields?|questions?|scripts?|checklists?|"
                              r"alerts?|flags?)\b[^.;]{0,30}?\b(?:in place|live|in use)\b", re.IGNORECASE)
_ARTEFACTS = r"forms?|templates?|systems?|records?|fields?|questions?|prompts?|scripts?|checklists?|databases?|" \
             r"polic(?:y|ies)|procedures?|protocols?|alerts?|flags?|markers?|tools?|guidance|pathways?"
_CHANGES = r"add|amend|change|update|revise|insert|introduce|create|redesign|rewrite|replace|modify|adapt|include|flag"
# Each verb of a change in any of its forms: "introducing", "rewritten".
_CHANGE_WORD = rf"(?:(?:{_CHANGES})(?:s|es|d|ed)?|(?:add|amend|chang|updat|revis|insert|introduc|creat|redesign|" \
               r"rewrit|replac|modify|adapt|includ|flagg)ing|(?:re)?written)"
_ARTEFACT_CHANGE = re.compile(
    rf"\b{_CHANGE_WORD}\b(?:\s+[\w'’-]+){{0,7}}?\s+(?:{_ARTEFACTS})\b|"
    rf"\b(?:{_ARTEFACTS})\s+(?:(?:is|are|was|were|has|have|should|must|will|to)\s+)?(?:be\s+|been\s+)?"
    rf"{_CHANGE_WORD}\b", re.IGNORECASE)
_TENTATIVE = re.compile(r"\b(consider|considering|explore|exploring|whether|options?|possibility|feasibility)\b",
                        re.IGNORECASE)

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
    r"\b(?:in|within|over)\s+(?:the\s+)?(?:next|coming)\s+(?:\w+\s+)?(?:weeks?|months?|year|years|quarter)\b|"
    r"\b(?:q[1-4]|quarter\s+[1-4])\s+(?:of\s+)?\d{4}", re.IGNORECASE)


# --- The flags ------------------------------------------------------------------------------------

def _names_a_body(phrase: str, agencies: Sequence[AgencyName]) -> bool:
    if not phrase.strip() or _BARE_PARTNERSHIP.fullmatch(phrase.strip()):
        return False
    if _GENERIC_SUBJECT.match(phrase):  # "staff of the housing trust", not "agencies that attend MARAC"
        phrase = _WHICH_ONES.sub("", phrase[_GENERIC_SUBJECT.match(phrase).end():])
        return bool(phrase.strip()) and _names_a_body(phrase, agencies)
    if mentioned(phrase, agencies) is not None or _STAFF_OF_A_KIND.search(phrase) or _LOWER_BODY.search(phrase):
        return True
    low = phrase.lower()
    if any(re.search(rf"(?<![\w']){re.escape(k)}(?!\w)", low) for words in KIND_KEYWORDS.values() for k in words):
        return True
    name = phrase.strip()
    return bool(_NAMED_ORG.search(phrase) or _PROPER_NAME.fullmatch(name) or _ACRONYM.fullmatch(name))


# A lead field that names no one: everyone, or an answer still to come.
_NO_LEAD = re.compile(r"\s*(?:tbc|tba|to be (?:confirmed|agreed|decided)|n/?a|none|various|unknown|multi-agency|"
                      r"all|everyone)\.?\s*", re.IGNORECASE)


def _lead_names_no_one(lead: str) -> bool:
    """"All agencies", "Partners", "TBC" in the lead field answer for nothing, as in the text."""
    generic = _GENERIC_SUBJECT.match(lead)
    return bool(_NO_LEAD.fullmatch(lead) or _BARE_PARTNERSHIP.fullmatch(lead.strip())
                or generic and not _WHICH_ONES.sub("", lead[generic.end():]).strip())


# A clause before the subject says when or where, not who: "After a MARAC, all agencies should ...".
_FRONTED = re.compile(r"^\s*(?:when|whenever|where|if|after|before|following|once|in|for|unless|while|at)\b"
                      r"[^,]{0,120},\s*", re.IGNORECASE)


def has_accountable_body(draft: Draft, agencies: Sequence[AgencyName] = ()) -> bool:
    lead = (draft.lead_agency or "").strip()
    if lead and not _lead_names_no_one(lead):
        return True
    found, subject = actions(_FRONTED.sub("", draft.text or "", count=1))
    if _names_a_body(subject, agencies):
        return True
    agent = re.search(r"\bby\s+((?:the\s+)?(?:[\w'’&-]+\s+){0,5}[\w'’&-]+)", draft.text or "")
    return bool(found and found[0].passive and agent and _names_a_body(agent.group(1), agencies))


def has_measurable_outcome(draft: Draft) -> bool:
    """Whether anything stated could be checked: a measure with something to count, compare or
    sample, or, in the text, outcome or measure, an audit with a figure, a completed change to a
    form, template, system or record, or funding over years."""
    measure = (draft.outcome_measure or "").strip()
    if measure and (_QUANTITY.search(measure) or _MEASURING.search(measure) or _STANDARD.match(measure)):
        return True
    if _ATTENDANCE.search(measure) and (draft.intended_outcome or "").strip():
        return True
    return any(_checkable(part) for part in (draft.text, draft.intended_outcome, measure))


def _checkable(text: str) -> bool:
    for sentence in re.split(r"[.;]\s", text or ""):
        if _FIGURE.search(sentence) or _AUDIT.search(sentence) and _QUANTITY.search(sentence):
            return True
        if _FUNDING_YEARS.search(sentence) or _YEARS_FUNDING.search(sentence) or _ARTEFACT_IN_USE.search(sentence):
            return True
        if any(not _TENTATIVE.search(sentence[:m.start()][-40:]) for m in _ARTEFACT_CHANGE.finditer(sentence)):
            return True
    return False


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
    kinds = asks_for(draft.text)
    raised = {
        "no_accountable_body": not has_accountable_body(draft, agencies),
        "no_measurable_outcome": not has_measurable_outcome(draft),
        "no_date": not has_date(draft),
        "vague_verb": bool(kinds & {"vague", "awareness"}) and not kinds & {"concrete", "training", "oversight"},
        "training_only": bool(kinds & {"training", "awareness"}) and "concrete" not in kinds,
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

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

from dhr.data.recommendation_verbs import asked_verbs

from .schema import TEXT_ANALYZER

# Each concept and the ways recommendations name it: the kinds of agency and their staff, what is
# asked (to ask, record, refer, share ...), and the things of this field that have several names.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "police": ("police", "officer", "officers", "constabulary", "force", "forces", "call handler", "call handlers",
               "control room", "police officer", "police officers", "response officers", "pc", "pcs"),
    "primary care": ("icb", "integrated care board", "ccg", "clinical commissioning group", "gp", "gps",
                     "gp practice", "gp practices", "practice", "practices", "general practice",
                     "general practitioner", "general practitioners", "primary care", "surgery", "surgeries"),
    "clinician": ("clinician", "clinicians", "doctor", "doctors", "nurse", "nurses", "health professional",
                  "health professionals", "clinical staff"),
    "mental health": ("mental health", "psychiatric", "crisis team", "mental health trust", "wards", "ward"),
    "ambulance": ("ambulance", "ambulance service", "paramedic", "paramedics", "crew", "crews", "ambulance staff"),
    "emergency department": ("emergency department", "a&e", "a & e", "accident and emergency", "urgent care"),
    "maternity": ("maternity", "maternity services", "midwife", "midwives", "midwifery", "antenatal"),
    "pregnant": ("pregnant", "pregnancy", "expectant", "expecting a baby"),
    "woman": ("woman", "women", "mother", "mothers", "her"),
    "alone": ("alone", "on her own", "on their own", "on his own", "by herself", "by themselves", "in private",
              "privately", "without her partner", "without their partner"),
    "idva": ("idva", "idvas", "independent domestic violence adviser", "independent domestic violence advisers",
             "independent domestic violence advisor", "independent domestic violence advisors", "advocate",
             "advocates", "adviser", "advisers", "advisor", "advisors"),
    "probation": ("probation", "probation service", "probation officer", "probation officers", "offender manager",
                  "offender managers", "probation practitioners"),
    "perpetrator": ("perpetrator", "perpetrators", "abuser", "abusers", "offender", "offenders", "alleged abuser",
                    "alleged perpetrator", "person who harms", "people who harm", "person causing harm"),
    "children's social care": ("children's social care", "children's services", "social worker", "social workers",
                               "children's social workers", "child protection"),
    "adult social care": ("adult social care", "adult services", "adults' services", "care needs assessment",
                          "adult social workers"),
    "housing": ("housing", "housing officer", "housing officers", "landlord", "landlords", "tenancy", "tenancies",
                "housing provider", "housing providers"),
    "substance misuse": ("substance misuse", "drug and alcohol", "drugs and alcohol", "drug", "drugs", "alcohol",
                         "substance misuse services", "drug and alcohol services", "treatment service"),
    "school": ("school", "schools", "teacher", "teachers", "designated safeguarding lead", "education"),
    "partnership": ("community safety partnership", "the partnership", "csp", "council", "local authority"),
    "ask": ("ask", "asks", "asked", "asking", "enquire", "enquires", "enquiry", "routine enquiry", "screen",
            "screens", "screened", "screening", "question", "questions", "questioned"),
    "record": ("record", "records", "recorded", "recording", "document", "documents", "documented", "note",
               "notes", "noted", "log", "logs", "logged", "upload", "uploaded", "write down"),
    "system": ("system", "systems", "clinical system", "database", "electronic record", "electronic patient record",
               "patient record", "patient records", "clinical record", "clinical records", "case record",
               "crime record", "case management system", "electronic records"),
    "answer": ("answer", "answers", "response", "responses", "reply", "replies", "what they say", "what she says",
               "what the victim says", "outcome"),
    "complete": ("complete", "completes", "completed", "completing", "completion", "carry out", "carries out",
                 "carried out", "undertake", "undertakes", "undertaken", "conduct", "conducts", "conducted",
                 "perform", "performed"),
    "risk assessment": ("risk assessment", "risk assessments", "dash", "dash risk assessment", "dash form",
                        "risk checklist", "ric", "risk identification checklist", "dash checklist"),
    "incident": ("incident", "incidents", "call", "calls", "callout", "callouts", "call-out", "call-outs"),
    "attend": ("attend", "attends", "attended", "attending", "respond", "responds", "responded", "responding",
               "called to", "go to", "goes to", "visit", "visits", "visited"),
    "marac": ("marac", "marac members", "multi-agency risk assessment conference"),
    "share": ("share", "shares", "shared", "sharing", "send", "sends", "sent", "pass", "passes", "passed",
              "notify", "notifies", "notified", "notification", "tell", "tells", "told", "inform", "informs",
              "informed", "circulate", "circulated", "forward", "forwarded", "copy"),
    "plan": ("plan", "plans", "risk management plan", "risk management plans", "safety plan", "safety plans"),
    "before": ("before", "ahead of", "prior to", "in advance of", "in advance"),
    "father": ("father", "fathers", "dad", "dads", "male carer", "male carers", "man in the household",
               "men in the household", "stepfather", "stepfathers"),
    "include": ("include", "includes", "included", "including", "involve", "involves", "involved", "engage",
                "engages", "engaged", "engage with"),
    "child": ("child", "children", "young person", "young people", "baby", "babies", "pupil", "pupils"),
    "assessment": ("assessment", "assessments", "assess", "assesses", "assessed", "assessing"),
    "older": ("older", "elderly", "aged over", "over 60", "over 65", "over 70", "pensioner", "pensioners",
              "later life", "older people"),
    "specialist": ("specialist", "dedicated", "expert", "specialised", "specialized"),
    "money": ("money", "finances", "financial", "economic", "benefits", "bank account", "bank accounts"),
    "control": ("control", "controls", "controlled", "controlling", "manage", "manages", "managed", "managing"),
    "missed": ("miss", "misses", "missed", "did not attend", "does not attend", "do not attend", "dna", "dnas",
               "not brought", "no-show", "no show", "fail to attend", "fails to attend"),
    "appointment": ("appointment", "appointments", "consultation", "consultations"),
    "follow up": ("follow up", "follows up", "followed up", "follow-up", "contact", "contacts", "contacted",
                  "chase", "chased", "get in touch", "find out why"),
    "discharge": ("discharge", "discharges", "discharged", "discharging", "leaves hospital", "leave hospital"),
    "carer": ("carer", "carers", "family", "families", "relative", "relatives", "next of kin"),
    "strangulation": ("strangulation", "strangled", "strangle", "choking", "choke", "choked",
                      "non-fatal strangulation", "suffocation"),
    "refer": ("refer", "refers", "referred", "referring", "referral", "referrals", "signpost", "signposted"),
    "high risk": ("high risk", "high-risk", "highest risk"),
    "community sentence": ("community sentence", "community sentences", "community order", "community orders"),
    "start": ("start", "starts", "starting", "begin", "begins", "beginning", "entry", "new", "commence",
              "commences", "registration", "intake", "first"),
    "client": ("client", "clients", "service user", "service users"),
    "home": ("home", "homes", "house", "houses", "property", "properties", "own home", "accommodation"),
    "security": ("sanctuary", "sanctuary scheme", "target hardening", "security", "safety measures", "locks",
                 "secure", "alarms"),
    "stay": ("stay", "stays", "remain", "remains", "staying", "remaining"),
    "leaflet": ("leaflet", "leaflets", "information", "materials", "literature", "posters", "information leaflets"),
    "language": ("language", "languages", "translate", "translated", "translation", "translations",
                 "interpreter", "interpreters"),
    "fund": ("fund", "funds", "funded", "funding", "finance", "financed", "pay for"),
    "commission": ("commission", "commissions", "commissioned", "procure", "procured", "set up", "establish"),
    "check": ("check", "checks", "checked", "search", "searches", "searched", "look up", "looks up", "research",
              "enquiries", "find out", "finds out", "establish whether", "verify", "verifies", "verified"),
    "convene": ("convene", "convenes", "convened", "hold", "holds", "held", "arrange", "arranges", "arranged",
                "organise", "organises", "organised", "call a"),
    "apply for": ("apply for", "applies for", "applied for", "seek", "seeks", "sought", "obtain", "obtains",
                  "obtained", "request", "requests", "requested"),
    "protection order": ("domestic violence protection order", "domestic violence protection orders", "dvpo",
                         "dvpos", "dvpn", "dvpns", "domestic abuse protection order", "dapo", "dapos",
                         "protection order", "protection orders", "non-molestation order"),
    "publicise": ("publicise", "publicises", "publicised", "promote", "promotes", "promoted", "display",
                  "displays", "displayed", "advertise", "advertised", "make known", "made known", "raise the profile"),
    "use": ("use", "uses", "used", "using", "book", "books", "booked", "rely on", "relies on", "draw on"),
    "meeting": ("meeting", "meetings", "strategy meeting", "strategy discussion", "strategy discussions",
                "discussion", "case conference", "conference"),
    "counselling": ("counselling", "therapy", "therapeutic support", "therapeutic", "psychological support"),
    "history": ("history", "histories", "previous", "past", "prior", "earlier", "previously"),
    "address": ("address", "addresses", "location", "premises"),
    "dispatch": ("dispatch", "dispatched", "dispatching", "deploy", "deployed", "deploying"),
    "next day": ("next school day", "next day", "school day", "following day", "within 24 hours", "by 9am"),
    "injury": ("injury", "injuries", "signs", "marks", "bruising", "wounds"),
    "safeguarding concern": ("safeguarding referral", "safeguarding concern", "safeguarding alert",
                             "safeguarding referrals", "safeguarding concerns", "raise a concern"),
    "alert": ("alert", "alerts", "flag", "flags", "flagged", "flagging", "marker", "markers", "warning marker",
              "warning markers", "warning"),
    "add": ("add", "adds", "added", "adding", "insert", "inserted", "introduce", "introduces", "introduced",
            "create", "creates", "created"),
    "amend": ("amend", "amends", "amended", "change", "changes", "changed", "update", "updates", "updated",
              "revise", "revised", "rewrite", "rewritten"),
    "mandatory": ("mandatory", "compulsory", "required", "require", "requires", "requirement", "obligatory"),
    "disclosure scheme": ("clare's law", "domestic violence disclosure scheme", "dvds", "right to ask",
                          "right to know"),
    "honour": ("honour-based abuse", "honour based abuse", "honour-based violence", "honour based violence", "hba",
               "so-called honour", "forced marriage"),
    "coercive control": ("coercive control", "controlling behaviour", "coercive and controlling behaviour", "ccb",
                         "coercion"),
    "supervision": ("supervision", "supervisor", "supervisors", "manager", "managers", "line manager",
                    "line managers", "management oversight", "oversight", "team leader", "team leaders"),
    "escalate": ("escalate", "escalates", "escalated", "escalation", "professional challenge", "challenge"),
    "suicide": ("suicide", "suicidal", "self-harm", "self harm", "suicidal ideation"),
    "immigration": ("immigration", "no recourse to public funds", "nrpf", "visa", "insecure immigration status"),
    "disability": ("disability", "disabilities", "disabled", "learning disability", "care and support needs"),
    "homeless": ("homeless", "homelessness", "rough sleeping", "rehousing", "rehouse", "rehoused", "refuge"),
    "custody": ("custody", "prison", "released", "release", "bail", "remand"),
    "perpetrator programme": ("perpetrator programme", "perpetrator programmes", "behaviour change programme",
                              "behaviour change programmes", "perpetrator intervention", "perpetrator interventions"),
    "chronology": ("chronology", "chronologies", "timeline", "timelines", "case history"),
    "health visiting": ("health visitor", "health visitors", "health visiting", "0-19 service"),
    "hospital": ("hospital", "hospitals", "acute trust", "hospital trust", "acute hospital"),
    "promptly": ("promptly", "without delay", "same day", "the same day", "within 48 hours", "immediately",
                 "as soon as possible", "urgently"),
    "weapons": ("firearm", "firearms", "shotgun", "shotgun certificate", "firearms licence", "weapon", "weapons"),
    "repeat": ("repeat", "repeated", "repeatedly", "recurring", "repeat victim", "repeat victims",
               "repeat incidents", "repeat victimisation"),
    "telephone": ("phone", "telephone", "call back", "calls back", "ring", "text message"),
    "_always": ("on each occasion", "on every occasion", "every occasion", "each occasion", "every time", "each time",
                "routinely", "always", "at all times", "in all cases", "in every case", "whenever"),
    "stalking": ("stalking", "stalker", "stalked", "harassment"),
    "policy": ("policy", "policies", "procedure", "procedures", "protocol", "protocols", "guidance"),
    "training": ("training", "trained", "train", "e-learning", "briefing", "briefings", "workshop", "workshops",
                 "learning event", "learning events", "course", "courses"),
}
# Words nearly every recommendation uses: they say nothing of which change is asked for.
GENERIC = frozenset({"domestic", "abuse", "abused", "abusive", "violence", "victim", "victims", "survivor",
                     "survivors", "should", "must", "will", "shall", "ensure", "ensures", "every", "each", "all",
                     "any", "agency", "agencies", "staff", "service", "services", "professional", "professionals",
                     "practitioner", "practitioners", "person", "people", "review", "recommendation", "whenever",
                     "when", "where", "who", "whether", "their", "them", "they", "so", "that", "always",
                     "local", "also", "make", "made", "given", "give", "provide",
                     "trust", "team", "teams", "support", "help", "safe", "safely", "it", "its", "_always"})
_PHRASES = {tuple(phrase.split()): concept for concept, phrases in CONCEPTS.items() for phrase in phrases}
_LONGEST = max(len(key) for key in _PHRASES)
_WORDS = re.compile(r"[A-Za-z0-9&]+(?:[-'][A-Za-z0-9]+)*")


@functools.lru_cache(maxsize=8192)
def _stem(word: str) -> str | None:
    stems = [t.text for t in TEXT_ANALYZER(word)]
    return stems[0] if stems else None


@functools.lru_cache(maxsize=4096)
def concepts(text: str) -> frozenset[str]:
    """The concepts a text names: lexicon phrases, longest first, and the stems of other words
    but names (a capitalised word within the sentence: "Northshire" of "Northshire Police"), which
    say where, not what."""
    written = _WORDS.findall((text or "").replace("’", "'"))
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
            if (stem := _stem(word)) and stem not in GENERIC:
                out.add(stem)
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
                             "substance misuse", "school", "partnership", "idva", "health visiting"})


def same_agency_kind(a: str, b: str) -> bool:
    """False only when both texts name kinds of agency and none is the same."""
    first, second = concepts(a) & AGENCY_CONCEPTS, concepts(b) & AGENCY_CONCEPTS
    return not (first and second) or bool(first & second)

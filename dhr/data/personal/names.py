"""People's names in running text: a title and a surname ("Mrs Doe"), a first name and a
surname ("Jane Doe"), a first name alone ("Jane told her GP"), and any word of a name found once
when it comes again alone ("Doe said"). Not names: capitalised ordinary words, months and days,
places, citations of research ("Stark (2007)") and laws named after people ("Clare's Law")."""
from __future__ import annotations

import re

from . import words

TITLES = ("Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Rev|Revd|Reverend|PC|PCSO|DC|DS|DI|DCI|Sgt|Sergeant|Inspector|"
          "Constable|Cllr|Councillor|Sir|Dame|Nurse")
TITLE_WORDS = frozenset(TITLES.split("|"))
_SURNAME = r"(?:O'|O’|Mc|Mac|D')?[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"
TITLED = re.compile(rf"\b(?:{TITLES})\.?\s+(?:(?:[A-Z]\.?\s+)|(?:[A-Z][a-z]+\s+(?={_SURNAME}\b)))?{_SURNAME}\b")
INITIALLED = re.compile(rf"\b[A-Z]\.\s?(?:[A-Z]\.\s?)?{_SURNAME}\b")
WORD = re.compile(r"(?<![-'’])\b[A-Z][a-z'’]+(?![a-z'’]|-[a-z]|[A-Z])")  # not part of "Stoke-on-Trent" or "Co-op"
CAPITALISED = re.compile(rf"\b[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:\s+{_SURNAME})?(?:\s+{_SURNAME})?")
NOT_NAMES = frozenset("""January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter Christian Muslim Islam Sikh Hindu Jewish
India Jordan Kenya Georgia Israel America Chad Chelsea Paris Sydney Florence Lincoln Victoria Adelaide Mercedes
Adult Child Children Baby Mother Father Police Court Council Service Services Team Board Panel Review Social
Care Health Trust Hospital Centre Unit Office Home Aid Support Partnership Safeguarding Probation Housing Network
Refuge Crown Magistrates Family Domestic Abuse Act Law Lane Road Street Avenue Close Drive Group Surgery Practice
School Academy College University Primary Ltd Limited Women Men Victim Victims Line Day Week Month Year Report
Chair Chairs Summary Section Paragraph Recommendation Recommendations Finding Findings Appendix Table Figure
She He They It The This That These Those His Her Their There Then When What Where Who Why How In On At By For
From To With As And But Or If So Was Were Is Are Had Has Have After Before During Following Since Although
However Also Later Both Neither Nor Not No Yes Dear Kind Regards Thanks Please Community Officer Officers
Advisor Adviser Worker Manager Director Lead Head Nurse Doctor Practitioner Visitor Ramadan Nan Nana Nanny Grandma
Grandad Justice Liberty Trinity Charity Harmony Unity Integrity Chance Major Judge Marine Royal Price Ward
Metropolitan Borough County City District Town Regional Integrated Clinical Commissioning Healthcare Safer Mental
Public Combined Authority Constabulary Fire Rescue Ambulance Prison Youth Offending Hub Together Key Lines Dates Haven
Hello Hi Hiya Mum Dad Mummy Daddy Mam Mom Auntie Aunt Uncle Gran Granny Events Theme Themes Learning""".split())
# Names in NOT_NAMES for being places or words too: a name only with a surname after ("Jordan Pike").
NAMES_WITH_A_SURNAME = frozenset("""India Jordan Kenya Georgia Chelsea Paris Sydney Florence Lincoln Victoria Adelaide
Mercedes Justice Liberty Trinity Charity Harmony Unity Chance""".split())
# A first name straight after the word for who someone is to another ("her sister, Kerry, said").
RELATION = re.compile(
    r"\b(?:sister|brother|mother|father|mum|dad|son|daughter|friend|partner|ex-partner|husband|wife|cousin|aunt|"
    r"uncle|niece|nephew|neighbour|colleague|boyfriend|girlfriend|grandmother|grandfather|stepfather|stepmother|"
    r"stepdad|stepmum|fianc[eé]e?|landlord|landlady|flatmate)(?:,\s*|\s+)([A-Z][a-z'’]+)\b(?!\s+[A-Z])")
# A name in a family's or a nickname's words, whether or not a list holds it: "her youngest, Tilly",
# "known in the family as Jonno", "the children, Alfie and Poppy", "uncle Kev".
_KIN = (r"sister|brother|mother|father|mum|dad|son|daughter|partner|husband|wife|cousin|aunt|auntie|uncle|niece|"
        r"nephew|grandmother|grandfather|grandson|granddaughter|nan|nanna|nana|grandma|grandad|stepfather|"
        r"stepmother|stepdad|stepmum|stepson|stepdaughter|youngest|eldest|oldest|baby|toddler|child|children|"
        r"sons|daughters|siblings|kid|kids|boyfriend|girlfriend|friend")
TO_WHOM = re.compile(r"\s+(?:to|by)\s+(?:his|her|their|friends|family|everyone|all)\b")
LOOSE_KIN = frozenset({"partner", "husband", "wife", "boyfriend", "girlfriend", "friend"})
# A friend this close is a person ("her best friend, Hina"), not "a critical friend".
CLOSE_FRIEND = re.compile(r"\b(?:best|close|closest|oldest|childhood|school)\s+$")
_GIVEN = r"([A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)"
KIN_NAMED = re.compile(
    rf"\b(?:(?P<kin>{_KIN}|Nan|Nana|Nanna|Nanny|Grandma|Grandad|Auntie|Aunty|Aunt|Uncle|Baby),?\s+|(?:known|referred\s+to)\s+(?P<how>(?:[a-z]+\s+){{1,3}}?)?as\s+|(?P<nick>nicknamed|knew\s+(?:him|her|them|the\s+[a-z]+)\s+as"
    r"|called\s+(?:him|her|them|me)|signed\s+(?:herself|himself)(?:\s+off)?(?:\s+as)?|(?:went|goes)\s+by)\s+"
    rf"|(?P<called>called)\s+(?=[A-Z][a-z]+\b[,.]))"
    rf"(?:{_GIVEN.replace('(', '(?P<g1>', 1)}(?:\s+and\s+{_GIVEN.replace('(', '(?P<g2>', 1)})?\b(?![\s-]+[A-Z&(])"
    r"|(?!known|called|nicknamed|referred|knew|signed|went|goes)(?P<low>[a-z]{3,})\b)")
# The name someone gave or went under: "gave his name as Tony Grant", "under the name Gaz Whelan".
NAME_GIVEN = re.compile(r"\b(?:(?:under|used)\s+the\s+name(?:\s+of)?|gave\s+(?:his|her|their)\s+name\s+as)\s+"
                        r"([A-Z][a-z'’]+(?:\s+[A-Z][a-z'’-]+){0,2})")
# A name just before what says it is a person's: "Harley, born 14.08.2012", "Reece (DOB 14/05/2008)".
BIRTH_WORD = re.compile(r"born|aged\s+\d|\b[Dd](?:\.?[Oo]\.?[Bb]\b)")
BEFORE_BIRTH = re.compile(rf"(?<![\w'’-]){_GIVEN},?\s+(?:\(\s*)?$")
# A run of names followed by one of these is a place or an organisation named after someone.
NAMED_AFTER = frozenset("""Hospital House Foundation Trust Centre Center Unit Ward Court School Academy College
University
Surgery Practice Clinic Hall Road Street Avenue Lane Drive Close Way Place Park Square Society Charity Project Service
Services Team Campaign Fund Institute Library Church Mosque Temple Gurdwara Hotel Prize Award Report Review Inquiry
Panel Act Law Line Building Memorial Lecture Programme Scheme Network Group Partnership Home Station Airport
Stadium Airways Market Show Cathedral Quarter Wharf Lodge Alert Guard App Appeal Model Wheel
Lanyard Shop Store Cafe Café""".split())
# A name straight before one of these is an organisation's ("Kiran Support", "Rosie Project").
ORG_NEXT = frozenset("""Support Services Service Centre Trust Aid Partnership Network Refuge Hub Project Group
Foundation Housing Team Unit Care Academy School Programme Scheme""".split())
# Before an ordinary-word name alone: a sentence's start, an article, or a capitalised phrase.
ALONE_NOT_AFTER = re.compile(
    r"(?:[.!?:;(\"'‘“•\-–\n]\s*|\b(?:the|a|an|The|A|An|[A-Z][\w'’-]*(?:\s+(?:of|for|and|&))?)\s+)$")
# "Stark (2007)", "Myhill and Hohl (2019)", "Todd, Bryce and Franklin (2021)", "Campbell et al."
CITATION = re.compile(r"(?:\s+[A-Z][a-z'’-]+){0,2}(?:(?:,\s+[A-Z][a-z'’-]+)*,?\s+(?:and|&)\s+[A-Z][a-z'’-]+)?"
                      r"\s*(?:\(\s*\d{4}|,\s*\d{4}|\s+et al|"
                      r"\s+and\s+[A-Z][a-z]+\s*\(\s*\d{4})")
# A person's work cited by name: "Evan Stark's book", "Professor Jane Monckton Smith's study".
WORK_CITED = re.compile(r"(?:(?<=['’]s)|(?:\s+[A-Z][a-z'’-]+){0,2}['’]s)\s+(?:[a-z-]+\s+)?(?:book|books|study|studies|"
                        r"research|paper|papers|theory|model|framework|typology|analysis|findings|article)\b")
# The names of those cited ("Monckton Smith, Szymanska and Haile (2017)") and of the people laws are named
# after ("Clare's Law"): public, and so is any name holding one in the same text ("Karen Ingala Smith",
# "the murder of Clare Wood").
CITED_TOKEN = re.compile(r"[A-Za-z'’-]+|[,&.]")
YEAR_CITED = re.compile(r"\(\s*(?:19|20)\d\d[a-z]?\s*[),;]")
ET_AL = re.compile(r"\bet al\b")
LAW_OF = re.compile(r"\b([A-Z][a-z]+)['’]s\s+Law\b")
# What a law or a programme is named after, to the sentence's end: "a programme, named after Raneem Oudeh, who was
# killed with her mother Khaola Saleem in 2018".
NAMED_FOR = re.compile(r"\b(?i:law|scheme|programme|campaign|fund|act|initiative|service|award)\b[^.;]{0,40}?"
                       r"\b(?:named|known)(?:\s+[a-z]+)?$")
AFTER_WHOM = re.compile(r"[^.;]{1,160}")
# A name before what says who the person is to someone ("Ashley, Adult AK's partner") or their age ("Mason (3)").
APPOSED = re.compile(rf"([A-Z](?<![\w'’-].)[a-z'’]+(?:-[A-Z][a-z'’]+)?)"
                     rf"(?:,\s+(?:(?:her|his|their)|(?:[A-Z]\w*\s+){{0,2}}[A-Z]\w*['’]s)\s+"
                     rf"(?:{_KIN}|ex-partner|ex-husband|ex-wife)\b|(?P<age>\s+\(\d{{1,2}}\)))")
# A scheme or operation named with a first name ("Ask for Angela", "Operation Sandra").
SCHEME_BEFORE = re.compile(r"(?:\bAsk\s+for|\bOperation|\bProject)\s+$")
NAMED_LAW = re.compile(r"(?:['’]s|(?<=['’]s))\s+(?:Law|Syndrome|Disease|Principle|Wish|Trust|Place|House|Fund|"
                       r"Foundation|Project|Voice|Legacy|Appeal|Haven|Hospice|Rule)\b")
# A name before one of these in lower case is what was named after someone ("the Elizabeth Garrett Anderson wing").
EPONYM_NEXT = re.compile(r"\s+(?:wing|ward|building|suite|lecture|award|prize|memorial|fund|foundation|trust)\b")
# A saint's name is a school's, a church's or a hospice's ("St Anne's Community Services").
SAINT_BEFORE = re.compile(r"\b(?:St\.?|Saint)\s+$")
# Counties that are first names too ("in Cheshire, Kent and Northumberland").
COUNTIES = frozenset("""Kent Devon Essex Durham Derby Lincoln Warwick Chester Clwyd Gwent Powys Dyfed Rutland
Cheshire Cornwall Dorset Surrey Sussex Somerset Norfolk Suffolk Shropshire Cumbria Northumberland""".split())


def _is_first_name(word: str) -> bool:
    """A first name, also as a possessive ("Kevin's") or the first of a double one ("Sophie-Louise")."""
    if word in words.first_names():
        return word not in NOT_NAMES
    if "'" not in word and "’" not in word and "-" not in word:
        return False
    word = re.sub(r"['’]s$", "", word)
    return any(w in words.first_names() and w not in NOT_NAMES for w in (word, word.split("-")[0]))


def _is_surname(word: str) -> bool:
    word = re.sub(r"['’]s$", "", word)
    return word not in NOT_NAMES and word not in TITLE_WORDS


def _is_place(phrase: str) -> bool:
    return phrase in words.places() or phrase in COUNTIES


def _cited(text: str, end: int) -> bool:
    return bool(CITATION.match(text, end) or NAMED_LAW.match(text, end) or WORK_CITED.match(text, end))


def public_names(text: str) -> frozenset[str]:
    """The words of the names of people cited in `text` or whose names its laws bear."""
    found = {match.group(1) for match in LAW_OF.finditer(text)} if " Law" in text else set()
    at = text.find(" after ")
    while at >= 0:
        if NAMED_FOR.search(text, max(0, at - 80), at):
            named = AFTER_WHOM.match(text, at + 7)
            found.update(w for w in re.findall(r"[A-Z][a-z'’-]+", named.group() if named else "") if w not in NOT_NAMES)
        at = text.find(" after ", at + 1)
    for year in (*YEAR_CITED.finditer(text), *(ET_AL.finditer(text) if "et al" in text else ())):
        found.update(_cited_before(text[max(0, year.start() - 80):year.start()]))
    return frozenset(found)


def _cited_before(window: str) -> list[str]:
    """The capitalised words straight before a citation's year: "Monckton Smith, Szymanska and Haile"."""
    cited = []
    for at, token in enumerate(reversed(CITED_TOKEN.findall(window))):
        if token[:1].isupper() and token[1:].islower():
            cited.append(token)
        elif token not in (",", "&", "and", "et", "al") and not (token == "." and at == 0):  # "et al. (2019)"
            break
    return [w for w in cited if w not in NOT_NAMES]


def _public(value: str, public: frozenset[str]) -> bool:
    return any(re.sub(r"['’]s$", "", w) in public for w in value.split())


def _capitalised_runs(text: str):
    """(start, end) of each name-shaped run, trimmed to a first name and up to two surnames."""
    resume = 0
    for word in WORD.finditer(text):
        if word.start() < resume or word.group() in CAR_MAKES \
                or text[max(0, word.start() - 12):word.start()].rpartition(" ")[0].rpartition(" ")[2] in CAR_MAKES:
            continue  # a car's model ("a Vauxhall Astra") is no one's name
        match = CAPITALISED.match(text, word.start())
        kept = _name_in(match.group().split())
        if not kept and _alone_mid_sentence(text, word):
            kept = [word.group()]
        if kept:
            end = _end_of(text, match.start(), kept)
            resume = end
            yield match.start(), end


CAR_MAKES = frozenset("""Ford Vauxhall Nissan Toyota Kia Hyundai Renault Peugeot Fiat Honda Mazda Seat Skoda Audi
BMW Mercedes Volkswagen VW Citroen Citroën Volvo Suzuki Mini""".split())


def _alone_mid_sentence(text: str, word: re.Match) -> bool:
    """A name that is also an ordinary word ("Dean", "John", "Rose") alone, capitalised in the
    middle of a sentence, and not in a capitalised phrase ("Good Hope", "Ministry of Justice")."""
    if word.group() not in words.first_names_also_words() or word.group() in NOT_NAMES or len(word.group()) < 3:
        return False
    before = text[max(0, word.start() - 40):word.start()]
    if not before.strip() or ALONE_NOT_AFTER.search(before):
        return False
    return not re.match(r"\s+[A-Z]", text[word.end():word.end() + 3])


def _name_in(run: list[str]) -> list[str]:
    first = run[0]
    also_word = len(run) > 1 and len(first) > 2 and (
        first in NAMES_WITH_A_SURNAME or (first in words.first_names_also_words() and first not in NOT_NAMES))
    if not (_is_first_name(first) or also_word) or _is_place(" ".join(run)):
        return []
    kept = [first]
    for word in run[1:]:
        if re.search(r"['’]s$", kept[-1]):
            break  # no surname after a possessive ("Winston's Wish")
        if re.sub(r"['’]s$", "", word) in NAMED_AFTER:
            return []
        if not _is_surname(word):
            if len(kept) == 1 and word in ORG_NEXT:
                return []
            break
        kept.append(word)
    if len(kept) == 1 and (also_word or _is_place(first)):
        return []
    return kept


def _end_of(text: str, start: int, kept: list[str]) -> int:
    end = start
    for word in kept:
        end = text.index(word, end) + len(word)
    return end


def find_names(text: str, ignore: frozenset[str]):
    """(kind, start, end) for each name; `ignore` holds the lower-cased words of names never
    flagged (the pseudonyms, the chair, the panel)."""
    found: list[tuple[int, int]] = []
    for pattern in (TITLED, INITIALLED):
        for match in pattern.finditer(text):
            # "Mr C's illness": a title and an initial is how a report anonymises someone
            if not any(w.strip(".") in NOT_NAMES for w in match.group().split()[1:]) \
                    and not re.fullmatch(r"[A-Z](?:['’]s)?", match.group().split()[-1]):
                found.append((match.start(), match.end()))
    for start, end in _capitalised_runs(text):
        found.append((start, end))
    for match in RELATION.finditer(text):
        if match.group(1) in words.first_names() and match.group(1) not in NOT_NAMES:
            found.append(match.span(1))
    found.extend(_named_by_kin(text))
    found.extend(_apposed(text))
    public = public_names(text)
    for start, end in found:
        if _cited(text, end) or _ignored(text[start:end], ignore) or EPONYM_NEXT.match(text, end) \
                or (public and _public(text[start:end], public)) \
                or SCHEME_BEFORE.search(text, max(0, start - 12), start) \
                or SAINT_BEFORE.search(text, max(0, start - 7), start):
            continue
        yield "person_name", start, end


def _given(word: str) -> bool:
    """A word that can be someone's given name or nickname when the words around say it is one."""
    bare = re.sub(r"['’]s$", "", word)
    if bare in NOT_NAMES or bare in TITLE_WORDS or bare in CAR_MAKES:
        return False
    return bare in words.first_names() or not _is_place(bare)


def _named_by_kin(text: str):
    for match in KIN_NAMED.finditer(text):
        # "partner", "friend", "called" and a bare "known as" are said of agencies and schemes too ("a delivery
        # partner, Cranstoun", "a process known as Triage"): a first name only after them
        close = match.group("kin") == "friend" and CLOSE_FRIEND.search(text, max(0, match.start() - 12), match.start())
        loose = ((match.group("kin") in LOOSE_KIN and not close) or match.group("called")
                 or not (match.group("kin") or match.group("how") or match.group("nick")
                         or TO_WHOM.match(text, match.end())))
        for group in ("g1", "g2"):
            if match.group(group) and _given(match.group(group)) and (not loose or _is_first_name(match.group(group))):
                yield match.span(group)
        title = (match.group("low") or "").title()
        if title in words.first_names() and title not in words.first_names_also_words() and title not in NOT_NAMES:
            yield match.span("low")
    for match in NAME_GIVEN.finditer(text):
        if _given(match.group(1).split()[0]):
            yield match.span(1)
    for word in BIRTH_WORD.finditer(text):
        match = BEFORE_BIRTH.search(text, max(0, word.start() - 40), word.start())
        if match and (_is_first_name(match.group(1)) or ("-" in match.group(1) and _given(match.group(1)))):
            yield match.span(1)


def _apposed(text: str):
    for match in APPOSED.finditer(text):
        given = match.group(1)
        if (given in words.first_names() or given in words.first_names_also_words()) and _given(given):
            yield match.span(1)


def _ignored(value: str, ignore: frozenset[str]) -> bool:
    tokens = [t.lower().strip(".") for t in re.findall(r"[\w'’.-]+", value)]
    tokens = [t for t in tokens if t.title() not in TITLE_WORDS and t.upper() not in TITLE_WORDS]
    return bool(tokens) and all(t in ignore or t.removesuffix("'s").removesuffix("’s") in ignore for t in tokens)


def name_words(value: str) -> set[str]:
    """The words of a name worth looking for again alone: not titles, initials or short words."""
    return {w for w in re.findall(r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?", value)
            if len(w) >= 3 and w not in TITLE_WORDS and (w not in NOT_NAMES or w in NAMES_WITH_A_SURNAME)}

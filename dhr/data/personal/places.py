"""Where a person lives, learns, works and sees their GP: street addresses, schools,
workplaces and GP practices, found by the words their names end in or the words before them."""
from __future__ import annotations

import re

from . import words
from .names import CAR_MAKES, TITLE_WORDS

_CAP = r"(?:St\b\.?|[A-Z][\w'’-]*)"
_NAME = rf"{_CAP}(?:\s+(?:(?:and|&|of|the|de|upon|on|in)\s+)?{_CAP}){{0,4}}"
_ROADS = "Road|Street|Avenue|Lane|Close|Drive|Crescent|Grove|Gardens|Terrace|Mews|Boulevard|Walk|Croft"
_ROADS_AFTER_A_NUMBER = (f"{_ROADS}|Rd|St|Ave|Way|Place|Court|Rise|Square|Row|View|Parade|Hill|Park|Green|Vale|Circus|"
                         "Yard|Wharf|Quay")
# After a flat's or a unit's number, a building's name is an address too ("Flat 9, Tannery Yard", "Flat 2 Ash House").
_BUILDINGS = f"{_ROADS_AFTER_A_NUMBER}|House|Court|Lodge|Tower|Buildings|Mansions"
_UNIT = r"\b(?:(?:Flat|Apartment|Apt\.?|Unit|Room)\s+\d+[A-Za-z]?,?\s+)?"
STREET = re.compile(
    rf"{_UNIT}\b\d{{1,4}}[A-Za-z]?,?\s+{_NAME}\s+(?:{_ROADS_AFTER_A_NUMBER})\b"
    rf"|{_UNIT}\b{_CAP}(?:\s+{_CAP}){{0,2}}\s+(?:{_ROADS})\b")
UNIT_IN = re.compile(rf"[AFRU](?<![\w].)(?:lat|partment|pt\.?|nit|oom)\s+\d+[A-Za-z]?,?\s+{_CAP}(?:\s+{_CAP}){{0,2}}\s+"
                     rf"(?:{_BUILDINGS})\b")
_LOWER_ROADS = "road|street|avenue|close|crescent|grove|gardens|terrace|lane|rd|st|ave|yard"
STREET_LOWER = re.compile(rf"\b\d{{1,4}}[a-z]?,?\s+(?:[a-z]{{3,}}\s+){{1,2}}(?:{_LOWER_ROADS})\b"
                          # and the postcode straight after it, in any area ("flat 6 kestrel house, kb7 1tw")
                          r"(?:,?\s+(?P<postcode>[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2})\b)?")
FLAT_LOWER = re.compile(rf"[fua](?<![\w].)(?:lat|nit|partment)\s+\d{{1,4}}[a-z]?,?\s+(?:[a-z]{{3,}}\s+){{1,2}}"
                        rf"(?:{_LOWER_ROADS}|house|court|lodge|tower)\b"
                        r"(?:,?\s+(?P<postcode>[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2})\b)?")
SCHOOL = re.compile(
    rf"\b{_NAME}\s+(?:(?:C\.?\s?of\s?E\.?|R\.?C\.?|Catholic|Church of England|Girls'?|Boys'?)\s+)?"
    r"(?:Primary|Junior|Infants?|Nursery|Secondary|High|Grammar|Academy|College(?!\s+of\s)|School|Sixth Form|"
    r"Pupil Referral Unit|PRU|Learning Campus|"
    r"University)"
    r"(?:\s+(?:School|Academy|College))?\b"
    # not a Trust named after a university
    r"(?!\s+(?:NHS|Hospitals?|Foundation|Trust|Health|Medical|Teaching|Clinical|Care)\b)")
GP_PRACTICE = re.compile(
    rf"\b{_NAME}\s+(?:Surgery|Medical Cent(?:re|er)|Medical Practice|Health Cent(?:re|er)|"
    r"Health and Community Cent(?:re|er)|Group Practice|"
    r"Family Practice|Medical Partnership|Health Group|Practice(?!\s+Reviews?\b)|Medical Group|(?:and|&) Partners|"
    r"Family Doctors|"
    r"Primary Care Cent(?:re|er)|Healthcare Cent(?:re|er)|"
    # a practice's short name ("registered at Brookfield Medical until 2019"), not "Medical Director"
    r"Medical(?=\s*[.,;:)]|\s+(?:and|in|on|at|where|which|until|since|for|from|but|who|that|had|has|was|said)\b))\b")
# Words before "Practice" that make a term of art, not a surgery's name ("Good Practice").
PRACTICE_TERMS = frozenset("""Good Best Better Poor Safe Safer Effective Reflective Professional Clinical General
Promising Emerging Standard Expected Current Shared Social Work Nursing Multi-Agency Collaborative Inclusive
Trauma-Informed Learning Everyday Key
Joint Local National Recommended Excellent Exemplary Innovative Positive""".split())
# Names a workplace ends in; those a trade's (the first group) not an agency's if no word of it is a public
# service's ("Adult Care Services").
WORKPLACE_NAMED = re.compile(
    rf"\b{_NAME}\s+(?:(?P<trade>Solicitors|Accountancy|Accountants|Brokers|Merchants|Foods|Produce|Farm|Plastics|"
    r"Newsagents?|"
    r"Recruitment|Staffing|Parcels|Couriers|Security(?: Group)?|Guarding(?: Solutions)?|Solutions|Tyres|Cars|"
    r"Removals|Scaffolding|Plastering|Rendering|Roofing|Plumbing|Joinery|Cleaning(?: Services)?|Cleaners|"
    r"Hair (?:&|and) Beauty|Hair|"
    r"Beauty|Hairdressers|Kebabs?|Pizza|Chicken|Carpets|Furniture|Printing|Packaging|Homecare|Home Care|"
    r"Care Agency|Care Services|Counselling|Car Wash|Valeting|Motor Group|Holdings|Enterprises|Industries|"
    r"Manufacturing|Recycling|Waste Services|Storage|Cold Storage|Timber|Fabrications|Signs|Studios?|Lounge|"
    r"Insurance Brokers|Estate Agents|Lettings|Bookmakers|Pharmacy|Chemists?|Opticians|Dentists|Vets|& Co|& Sons|"
    r"and Sons|Bros|Brothers|Autos|Auto Repairs|Motor Services|Coaches|Catering|Kitchens|Windows|Glazing|Electrical|"
    r"Electricals|Fitness|Gym|Leisure|Entertainment|Productions|Media|Marketing|Consulting|Consultancy|Traders?)"
    r"\b(?![-'’]|\s+(?:Centre|Service|Services|Team|Trust|Partnership)\b)"
    r"|(?:(?:\([A-Z][\w ]{1,30}\)\s+)?(?:Ltd|Limited)\b|C\.I\.C|CIC|Community Interest Company|"
    r"plc|PLC|LLP|Care Home|Nursing Home|Residential Home|Hotel|Restaurant|Garage|"
    r"Salon|Factory|Warehouse|Motors|Logistics|Supermarket|Café|Cafe|Takeaway|Barbers|Nails|Inn|Arms|Tavern|"
    r"Bakery|Butchers|Builders|Construction|Engineering|Haulage|Transport|Taxis|Dental Care|Nurseries|"
    r"Superstore|Call Centre|Distribution Centre|Depot)\b)")
# A firm named after the word for one ("a removals firm, Blick & Sons"), or before a trade's word in lower case
# ("the Golden Dragon takeaway").
_FIRM = (r"firm|company|business|chain|shop|agency|care home|nursing home|employer|dealership|contractor|depot|"
         r"restaurant|salon|factory|"
         r"warehouse|retailer|wholesaler|garage|fitter|supplier|bakery|caf[eé]|pub|bar|club|takeaway|hotel|store")
WORKPLACE_APPOSED = re.compile(
    rf"\b(?:a|an|the|his|her|their)\s+(?:[a-z'’-]+\s+){{0,3}}?(?:{_FIRM})(?:,|\s+(?:called|named))\s+({_NAME})"
    rf"|\b(?:the|a)\s+({_NAME})\s+(?:takeaway|restaurant|caf[eé]|garage|factory|salon|pub|shop|warehouse|depot|"
    r"bakery|car wash|nail bar|barbers|supermarket|store|fulfilment centre|distribution centre|call centre|branch|"
    r"plant)\b")
# A name, then the word for what it is: "from Kingsmead, a secondary academy in the next town".
_WHAT = {"school": "primary|junior|infant|secondary|high|grammar|school|academy|college|nursery",
         "gp_practice": "surgery|GP practice|medical centre|health centre",
         "workplace": "firm|company|business|takeaway|restaurant|salon|pub|bar|shop|garage|factory|warehouse|"
                      "care home|nursing home|hotel|bakery|caf[eé]|supermarket"}
NAMED_THEN_WHAT = re.compile(
    rf"\b({_NAME}),\s+(?:a|an|the|her|his|their)\s+(?:(?!(?:from|at|in|of|with|to|for|on|by)\b)[A-Za-z'’-]+\s+){{0,3}}?"
    + "(?:" + "|".join(f"(?P<{kind}>{what})" for kind, what in _WHAT.items()) + r")\b"
    r"(?!\s+(?:trusts?|chains?|groups?|networks?|sector|partnership|federation|service|board)\b)")
# Words no employer of one person is named with: a public service's or an agency's.
NOT_AN_EMPLOYER = frozenset("""Council NHS Police Authority Department Ministry Government Social Children's Children
Adult Adults Safeguarding Partnership Board Trust Probation Service Women's Aid Victim Victims Domestic Abuse National
Legal Bereavement Youth Mental Health Housing Public Specialist Support Advice Rape Crisis Therapies Wellbeing
Recovery Drug Alcohol Family Families Early Help Integrated Sexual Community Office County Borough City Prison
Justice Courts Court Hospital Small Medium
Refuge Respect Relate Samaritans Citizens Home Office Fire Rescue Ambulance""".split())
# A ward or unit of a hospital someone worked on ("a healthcare assistant on the maternity unit at Hollybank
# Hospital"): an author's post at a Trust is said otherwise.
WARD_AT = re.compile(
    rf"\b(?:on|in|to)\s+the\s+((?:[A-Za-z&'’-]+\s+){{1,3}}(?i:unit|ward|department|wards|kitchens?|stores)\s+at\s+"
    rf"(?:the\s+)?{_NAME}\s+Hospital)\b")
_WORK_BEFORE = re.compile(r"(?<!by a )(?<!by an )(?<!by the )\b(?:work(?:ed|s|ing)?|employed|job|shifts?|staff|nurse|"
                          r"midwife|assistant|porter|"
                          r"cleaner|transferred|role|post|career|carer|receptionist|volunteer(?:ed)?)\b")
_AT_WORK = (r"(?:work(?:ed|s|ing)?|employed|employment|job|shifts?|apprentice(?:ship)?|placement|"
            r"volunteer(?:ed|s)?|on\s+the\s+(?:tills?|checkouts?|line)|behind\s+the\s+bar)")
# "work" as a noun after a possessive ("His work informed the offence introduced by the Serious Crime Act").
A_NOUN = re.compile(r"\b(?i:his|her|the|its|our|their|this)\s+$")
# A few words may come between ("worked nights at", "worked part-time as a cleaner at"), but not before
# "with" ("works in partnership with" an agency).
WORKPLACE_CONTEXT = re.compile(
    rf"\b{_AT_WORK}(?:\s+as\s+an?\s+[a-z]+(?:\s+[a-z]+){{0,2}})?\s+(?:at|for|by|with)\s+(?:the\s+|a\s+)?"
    rf"({_NAME})"
    rf"|\b{_AT_WORK}(?:\s+(?:as\s+an?\s+)?[a-z-]+){{1,4}}?\s+(?:at|for|by)\s+(?:the\s+|a\s+)?({_NAME})"
    rf"|(?:\b(?i:her|his|their)|'s)\s+(?:employers?|workplace|(?:(?:line\s+)?manager|boss|supervisor|colleagues?)\s+at)\s*,?\s+"
    rf"(?:(?:was|is|were)\s+)?(?:the\s+|a\s+)?({_NAME})"
    rf"|\b(?:was|is|became|been|and(?:\s+then|\s+later)?|then)\s+an?\s+(?!(?:[a-z]+\s+)?(?:patient|pupil|student|resident|visitor|in-?patient|out-?patient|"
    rf"guest|member|regular|customer|client|service user|attender|attendee|user|tenant|prisoner|detainee|victim|"
    rf"mother|father|brother|sister|daughter|partner|friend|neighbour|carer for her|risk|concern|danger)s?\b)"
    rf"[a-z-]+(?:\s+[a-z-]+){{0,2}}?(?:\s+at|(?:(?<=er|or|an)|(?<=ist|ant|ive))\s+(?:for|with))\s+(?:the\s+)?({_NAME})"
    rf"|\b(?:(?:traded|trades|trading)\s+as|shifts\s+through|(?:drove|drives|driving|deliver(?:ed|s|ing|ies)"
    rf"|clean(?:ed|s|ing)(?:\s+[a-z]+){{0,2}}?)\s+for)\s+(?:the\s+)?({_NAME})")
# A school by its pupil: "a pupil at Northfield Manor", "in Year 9 at Kingswinford Park", "school friends from".
SCHOOL_CONTEXT = re.compile(rf"\b(?:(?:pupil|student|(?i:year)\s+\d{{1,2}})\s+at"
                            rf"|school\s*(?:friends?|mates?)\s+(?:from|at))\s+(?:the\s+)?({_NAME})")
# Said by who is there or whose it is: "the DSL at Parkside", "in Year 4 at Millbrook", "Her GP practice, Castle
# View,", "her GP was at Meadowbank", "colleagues at Tesco Extra", "joined Penhale Bakeries as a supervisor".
PLACE_SAID = re.compile(
    # (the look-ahead's class of first letters lets the engine skip quickly to each candidate)
    r"(?=[CcDdFfGgHhJjMmPpSsTtWwYy])\b"
    r"(?:(?P<school>(?:DSL|designated safeguarding lead|head\s?teacher|head of year|SENCO|SENDCo|form tutor|"
    r"class teacher|(?i:year)\s+\d{1,2})\s+at)"
    r"|(?P<gp_practice>(?:(?i:her|his|their)\s+|(?<=['’]s\s))GP(?:\s+(?:practice|surgery))?(?:,|\s+(?:was|is)(?:\s+at)?))"
    r"|(?P<workplace>(?i:colleagues|co-workers|workmates)\s+at|(?:maternity|paternity|sick|compassionate)\s+leave\s+from"
    rf"|joined(?=\s+(?:the\s+)?{_NAME}\s+as\s+an?\s)))"
    rf"\s+(?:the\s+)?(?P<name>{_NAME})")
# A school's or a surgery's name before a word in lower case ("Holte school", "Moss Lane surgery").
NAMED_LOWER = re.compile(
    rf"\b({_NAME})\s+(?:(?:primary|junior|infant|secondary|high|grammar|nursery)\s+)?(?:school|academy)\b"
    rf"|\b({_NAME})\s+(?:GP\s+)?(?:surgery|practice|medical centre|health centre)\b(?!\s+(?:nurse|manager|staff)s?\b)")
LOWER_WORD = re.compile(r" (?:school|academy|surgery|practice|medical centre|health centre)\b")
# Words that make such a name a kind of school or practice, not one ("a Church of England school").
NOT_ONE = frozenset("""Church England Catholic Christian Muslim Islamic Jewish Sikh Hindu Faith Welsh English British
UK Ofsted Local Authority Council NHS Private Independent State Special Boarding Dental Nursing Veterinary GP
Year Key Stage Social Work Police Probation Trust Service Services Care Team Agency Partnership Board Safeguarding
Health Hospital Housing""".split())
AGENCY_ENDS = frozenset("""Hospital Hospitals Police Council Trust Service Services Aid Partnership Centre Court
Prison Hub Board Team Unit Department Clinic Refuge Project Charity Panel Conference Constabulary""".split())
# Words a capitalised run can start with that name nothing in particular.
GENERIC = frozenset("""The A An Her His Their Its This That Local Another Each Every GP Any Both Primary Secondary
Junior Infant Nursery High School Academy College Surgery Practice Medical Health Road Street No New Old Our
Several Some Mainstream Special Independent Catholic Private State Further Higher She He They It In On At
When Whilst While After Before During Virtual Sunday Boarding Free Faith Residential Pupil Forest Summer
Holiday Hospital Business Medical Neither Either Which Whose One Two Same Other Whichever Every""".split())


# A street's name straight before a service's is the service's ("the Mill Street Hub", "Bridge Street Family Centre").
AGENCY_AFTER = re.compile(r"(?:\s+[A-Z][\w'’]*){0,2}?\s+(?:Hub|Cent(?:re|er)|Clinic|Project|Library|Station|Surgery|"
                          r"Practice|Mosque|Church|Chapel|Gurdwara|Temple|Refuge|Hostel|Office|Offices|Unit|Service|"
                          r"Services|Team|Partnership|School|Academy|Primary)\b")


# The words a school's or practice's name ends in; what comes before them is its short name.
KIND_WORDS = frozenset("""Primary Junior Juniors Infant Infants Nursery Secondary High Grammar Academy College School
Sixth Form Pupil Referral Unit PRU Learning Campus University C CE RC Church Catholic Girls Girls' Boys Boys'
Surgery Medical Health Centre Center Practice Group Family Partners Community Primary Care Healthcare GP""".split())


def short_names(value: str) -> tuple[list[str], bool]:
    """"Greenfield" of "Greenfield Junior School", "the Elm Tree" and "Elm Tree" of "the Elm Tree Surgery";
    and whether it is a place's name too (then it is the school's only after one who is there)."""
    words_of = value.split()
    the = words_of[0] in ("the", "The")
    kept = []
    for word in words_of[the:]:
        if word.strip(".") in KIND_WORDS or word in ("and", "&", "of"):
            break
        kept.append(word)
    stem = " ".join(kept)
    if not kept or len(stem) < 4 or len(kept) == len(words_of) - the \
            or all(w in GENERIC or w in NOT_ONE or w in words.first_names() for w in kept) \
            or kept[0] in ("Dr", "Dr.") or not kept[0][:1].isupper():
        return [], False
    return ([stem, f"the {stem}"] if the else [stem]), stem in words.places()


# Someone who is at a school or practice: "the head of year at Hillside", "the designated safeguarding lead at".
ONE_THERE = re.compile(r"\b(?:head|teachers?|tutor|lead|DSL|staff|nurse|year|pupils?|students?|receptionist|GP|"
                       r"doctor|partners?|manager|SENCO|SENDCo)\b(?:\s+[a-z]+){0,3}\s+at\s+(?:the\s+)?$")


def _named(text: str, start: int, end: int) -> bool:
    """A real name: some word before the last is not a generic one."""
    words = re.findall(r"[\w'’.&-]+", text[start:end])
    return any(w not in GENERIC and w[:1].isupper() for w in words[:-1])


def find_places(text: str):
    """Schools, practices and workplaces first: one named after its road ("Moss Lane Surgery") is that."""
    yield from _named_places(text)
    yield from (("street_address", match.start(), match.end()) for match in UNIT_IN.finditer(text))
    for match in STREET.finditer(text):
        numbered = any(c.isdigit() for c in match.group())
        if not numbered and AGENCY_AFTER.match(text, match.end()):
            continue
        if numbered or _named(text, match.start(), match.end()):
            yield "street_address", match.start(), match.end()
    for match in (*FLAT_LOWER.finditer(text), *STREET_LOWER.finditer(text)):
        end = len(text[:match.start("postcode")].rstrip(", ")) if match.group("postcode") else match.end()
        yield "street_address", match.start(), end
        if match.group("postcode"):
            yield "postcode", match.start("postcode"), match.end("postcode")


def _named_places(text: str):
    for kind, pattern in (("school", SCHOOL), ("gp_practice", GP_PRACTICE), ("workplace", WORKPLACE_NAMED)):
        for match in pattern.finditer(text):
            start = _skip_generic(text, match.start(), match.end())
            if kind == "gp_practice" and _a_term_of_art(match.group()):
                continue
            if _named(text, start, match.end()) and (kind != "workplace" or _a_trade(text, start, match)):
                yield kind, start, match.end()
    yield from _named_lower(text)
    yield from _trades(text)
    for match in WORKPLACE_CONTEXT.finditer(text):
        group = next(i for i in range(1, 6) if match.group(i))
        start = _skip_generic(text, match.start(group), match.end(group))
        named = text[start:match.end(group)]
        first = named.split()[0] if named else ""
        # a first name is no workplace, a car maker's name is ("on the line at Nissan")
        if start >= match.end(group) or named in GENERIC or (first in words.first_names() and first not in CAR_MAKES) \
                or named.split()[-1] in NOT_A_WORKPLACE or _together(text, match) \
                or (group == 2 and A_NOUN.search(text, max(0, match.start() - 7), match.start())):
            continue
        # "is a senior manager at West Midlands Police": a report says what its authors are at the agencies
        if group == 4 and (named.split()[-1] in AGENCY_ENDS or _of_an_author(text, match.start())):
            continue
        yield "workplace", start, match.end(group)
        then = THEN_AT.match(text, match.end(group))
        if then and _an_employer(then.group(1).split()) and then.group(1).split()[-1] not in NOT_A_WORKPLACE:
            yield "workplace", then.start(1), then.end(1)


# The next job in the same sentence: "worked for DPD as a driver and, from 2020, for Evri".
THEN_AT = re.compile(rf"[^.;]{{0,40}}?\band(?:\s+then|\s+later|,\s+[^,.;]{{1,25}},)?\s+(?:at|for)\s+(?:the\s+)?"
                     rf"(?!(?:The|A|An|Her|His|Their)\b)({_NAME})")


def _an_employer(words_of: list[str]) -> bool:
    return not any(w.removesuffix("'s") in NOT_AN_EMPLOYER or w in NOT_AN_EMPLOYER for w in words_of)


def _a_trade(text: str, start: int, match: re.Match) -> bool:
    """A trade's name: no word of it an agency's, nor all before the trade a place's ("Walsall Leisure")."""
    if not match.group("trade"):
        return True
    before = text[start:match.start("trade")].strip().removeprefix("The ")
    return _an_employer(text[start:match.end()].split()) and before not in words.places()


def _trades(text: str):
    for match in WORKPLACE_APPOSED.finditer(text):
        group = 1 if match.group(1) else 2
        start = _skip_generic(text, match.start(group), match.end(group))
        named = text[start:match.end(group)].split()
        if named and not all(w in GENERIC for w in named) and _an_employer(named) \
                and " ".join(named) not in words.places():
            yield "workplace", start, match.end(group)
    for match in NAMED_THEN_WHAT.finditer(text):
        start = _skip_generic(text, match.start(1), match.end(1))
        named = text[start:match.end(1)].split()
        if named and not all(w in GENERIC for w in named) and _an_employer(named) \
                and named[0] not in words.first_names() and " ".join(named) not in words.places():
            yield next(kind for kind in _WHAT if match.group(kind)), start, match.end(1)
    for match in SCHOOL_CONTEXT.finditer(text):
        start = _skip_generic(text, match.start(1), match.end(1))
        named = text[start:match.end(1)]
        if named not in GENERIC and named not in words.places() and _an_employer(named.split()):
            yield "school", start, match.end(1)
    yield from _places_said(text)
    for match in WARD_AT.finditer(text):
        sentence = text.rfind(".", max(0, match.start() - 150), match.start()) + 1
        if _WORK_BEFORE.search(text, max(sentence, match.start() - 150), match.start()):
            yield "workplace", match.start(1), match.end(1)


def _places_said(text: str):
    """Places said to be one, a place's name too ("in Year 4 at Millbrook"), not a person ("Her GP was Dr Rao")."""
    for match in PLACE_SAID.finditer(text):
        start = _skip_generic(text, match.start("name"), match.end("name"))
        named = text[start:match.end("name")].split()
        if named and not all(w in GENERIC for w in named) and _an_employer(named) and named[0] not in TITLE_WORDS \
                and not (named[0] in words.first_names() and len(named) == 1) and named[-1] not in NOT_A_WORKPLACE:
            yield next(kind for kind in ("school", "gp_practice", "workplace") if match.group(kind)), start, \
                match.end("name")


# The last word of what a report says agencies work with or are bound by, not where anyone works.
NOT_A_WORKPLACE = frozenset("""Act Acts Charter Initiative Campaign Strategy Programme Scheme Framework Guidance Review
Report Inquiry Network Alliance Forum Board Panel Protocol Standards Policy Plan Agreement Commissioner""".split())
TOGETHER = re.compile(r"\b(?:should|will|would|to|must|can|could|who|which|that|they|we|and)\s+$")


def _together(text: str, match: re.Match) -> bool:
    """Agencies that "should work with" or a lead "who works with" a body work alongside it."""
    return " with " in match.group() and bool(TOGETHER.search(text, max(0, match.start() - 12), match.start()))


AUTHOR = re.compile(r"\b(?i:chair|author|writer|panel member|reviewer)s?\b")


def _of_an_author(text: str, at: int) -> bool:
    """What the review's chair or author is or was ("an associate trainer for SafeLives") is public."""
    sentence = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at), at - 150) + 1
    return bool(AUTHOR.search(text, max(0, sentence), at))


def _named_lower(text: str):
    """Looked for only just before each "school", "surgery" or "practice" (most texts hold few)."""
    for word in LOWER_WORD.finditer(text):
        yield from _named_lower_in(text, max(0, word.start() - 80), word.end() + 20)


def _named_lower_in(text: str, start: int, end: int):
    for match in NAMED_LOWER.finditer(text, start, end):
        group = 1 if match.group(1) else 2
        named = [w for w in match.group(group).split() if w not in ("and", "&", "of", "the", "de", "on", "in")]
        named = named[:-1] if len(named) > 1 and named[-1] == "GP" else named
        if any(w in NOT_ONE or w in PRACTICE_TERMS for w in named) or all(w in GENERIC for w in named):
            continue
        if " ".join(w for w in named if w not in GENERIC) in words.places():
            continue
        start = _skip_generic(text, match.start(group), match.end(group))
        yield ("school" if group == 1 else "gp_practice"), start, match.end()


def _a_term_of_art(value: str) -> bool:
    """"Good Practice", "Authorised Professional Practice": the word before "Practice" is an ordinary one."""
    if not value.endswith(" Practice") or value.endswith(("Medical Practice", "Group Practice", "Family Practice")):
        return False
    named = value.split()[:-1]
    # an adjective before it ("Trauma Informed Practice", "Restorative Practice")
    return not named or named[-1] in PRACTICE_TERMS or named[-1] in GENERIC or named[-1].endswith(("ed", "ive"))


def _skip_generic(text: str, start: int, end: int) -> int:
    """Past leading generic words ("The Oaks Surgery" keeps "The"; "Her Park School" drops "Her")."""
    while True:
        word = re.match(r"[\w'’.-]+\s+", text[start:end])
        if word is None or word.group().strip() not in GENERIC - {"The"} or start + word.end() >= end:
            return start
        start += word.end()

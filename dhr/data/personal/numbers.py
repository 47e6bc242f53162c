"""Personal data written as numbers and codes: phone, NHS and National Insurance numbers,
postcodes, vehicle registrations, bank details, reference numbers, email addresses and
social-media handles. Each pattern runs over normalised text (one space for any white space,
so "B12\\n9QT" reads as "B12 9QT"), most of them in any case."""
from __future__ import annotations

import re
from typing import Callable, Iterator

import phonenumbers

ANY_CASE = re.IGNORECASE

# The UK's postcode areas: a lower-case "b12 9qt" is a postcode only if its area is one of them.
AREAS = ("AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN "
         "EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK "
         "ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA "
         "TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE").split()
AREA_SET = frozenset(AREAS)
# Only the outward half, said to be a postcode ("her postcode, WS3", "postcode area DY4").
POSTCODE_DISTRICT = re.compile(
    r"\bpost ?code\s*(?:area|district)?\s*(?:[:,\-]|was|is|of)?\s*([A-Z]{1,2}[0-9][0-9A-Z]?)\b", ANY_CASE)
# The shape of a postcode; its area is then checked against AREAS.
POSTCODE = re.compile(r"(?<![\w/-])(?:GIR ?0AA|([A-Z]{1,2})[0-9][0-9A-Z]? ?[0-9][A-Z]{2})(?!\w)", ANY_CASE)
# In capitals with its space, a postcode's strict shape is one whatever its area (a draft's made-up "KB4 7QN"):
# the letters no area or inward code uses are left out.
POSTCODE_SHAPE = re.compile(r"[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKPS-UW]? [0-9][ABD-HJLNP-UW-Z]{2}")
# +44 or a leading 0, then 9-10 more digits in groups; phonenumbers then decides.
PHONE = re.compile(r"(?<![\w/.-])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d ()-]{7,14}\d(?![\w/])")
# A line break after the @ leaves a space there once normalised ("sarah.j85@\nexample.com").
EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@ ?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Written so as not to be an address: "jane.doe [at] example [dot] com", "jane at example dot co dot uk".
EMAIL_SPELT = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+\s*(?:\[at\]|\(at\)|\sat\s)\s*[A-Za-z0-9-]+"
                         r"(?:\s*(?:\[dot\]|\(dot\)|\sdot\s|\.)\s*[A-Za-z0-9-]+)*"
                         r"\s*(?:\[dot\]|\(dot\)|\sdot\s|\.)\s*(?:com|co|uk|org|net|gov|nhs|ac|me|io)\b", ANY_CASE)
# (Patterns whose first character is a plain class test what comes before it after matching that
# character, "[1-9](?<![\w/-].)": the regular expression engine then skips quickly to each candidate.)
NHS_NUMBER = re.compile(r"[1-9](?<![\w/-].)\d{2}[ -]?\d{3}[ -]?\d{4}(?![\w/-])")
# Ten digits grouped 3-3-4 and not starting with 0 (a UK phone number always does) are written as an
# NHS number is: one, whatever their check digit, when the NHS is named shortly before ("NHS numbers
# 485 777 3456 and 943 476 5918"; the mother's NHS number and the baby's ...).
NHS_NUMBER_GROUPED = re.compile(r"[1-9](?<![\w/+-].)\d{2}([ -])\d{3}\1\d{4}(?![\w/-])")
# Said to be one ("NHS No.", "NHS number, recorded as"), ten digits are one whatever their check digit.
NHS_NUMBER_SAID = re.compile(
    r"\bNHS\s*(?:number|no\.?|#)?[^\d.;\n]{0,30}?(?<![\w])(\d{3}[ -]?\d{3}[ -]?\d{4})(?![\w/-])", ANY_CASE)
# National Insurance: two letters (not D F I Q U V, the second not O; not BG GB NK KN TN NT ZZ),
# six digits, A to D.
NI_NUMBER = re.compile(
    r"(?<![\w])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?!\w)", ANY_CASE)
# In capitals, or said to be one, the shape is enough whatever the letters (drafts use the
# specimen "QQ 12 34 56 C").
NI_SHAPE = re.compile(r"[A-Z](?<![\w].)[A-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?!\w)")
NI_SAID = re.compile(r"\b(?:national insurance|NI|NINO)\s*(?:number|no\.?)?\s*(?:[:\-]|was|is|of)?\s*"
                     r"([A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]?)(?!\w)", ANY_CASE)
# Current registrations ("AB12 CDE"), in any case when the age identifier is a real one; the
# older prefix ("A123 BCD") and suffix ("ABC 123D") forms only when said to be a vehicle's: with a space in
# capitals, written solid in any case ("wrote down the registration as s764hbn"),
VEHICLE = re.compile(r"(?<![\w-])[A-Z]{2}(?:0[2-9]|[1-7][0-9]) ?[A-Z]{3}(?![\w-])", ANY_CASE)
# and Northern Irish and dateless ones in capitals ("AXZ 1234", "1 ABC"), all in one pass.
VEHICLE_SAID = re.compile(r"(?<![\w-])(?:(?-i:[A-HJ-NP-Y]\d{1,3} [A-Z]{3}|[A-Z]{3} \d{1,3}[A-HJ-NP-Y])"
                          r"|[A-HJ-NP-Y]\d{1,3}[A-Z]{3}|[A-Z]{3}\d{1,3}[A-HJ-NP-Y]"
                          r"|(?-i:[A-Z]{3} ?\d{3,4}|[A-Z]{2} ?\d{4}|\d{1,4} ?[A-Z]{3}))(?![\w-])", ANY_CASE)
# A current registration written with a space after its letters too ("SN 68 BXD"): capitals only.
VEHICLE_SPACED = re.compile(r"[A-HJ-PR-Y](?<![\w-].)[A-HJ-PR-Y] (?:0[2-9]|[1-7][0-9]) [A-HJ-PR-Z]{3}(?![\w-])")
VEHICLE_CONTEXT = re.compile(r"\b(?:registration|reg(?:istration)?\.?(?: (?:no|number|plate))?|vrm|number plate|plate|"
                             r"anpr|vehicles?|cars?|vans?|motorbikes?|lorry|taxi|transit|ford|vauxhall|bmw|audi|"
                             r"mercedes|volkswagen|vw|toyota|nissan|peugeot|renault|fiat|kia|hyundai|honda|"
                             r"seat|skoda|mini|land rover|range rover|citroen|volvo|mazda)\b[^.]{0,40}$", ANY_CASE)
CARD = re.compile(r"\d(?<![\w-].)\d{3}[ -]?(?:\d{4}[ -]?){2}\d{1,7}(?![\w-])")
# Said to be a card's or an account's, sixteen digits or a sort code's shape count whatever their check
# digit; a bank's name or "bank" shortly before says so too ("Lloyds 30-94-57 41827365").
BANK_CONTEXT = re.compile(r"\b(?:card|bank|banking|account|a/c|statement|lloyds|barclays|hsbc|natwest|santander|"
                          r"nationwide|halifax|monzo|starling|tsb|metro|co-operative bank|post office)\b[^.]{0,40}$",
                          ANY_CASE)
CARD_GROUPED = re.compile(r"\d(?<![\w-].)\d{3}([ -])\d{4}\1\d{4}\1\d{4}(?![\w-])")
SORT_CODE_SHAPE = re.compile(r"\d(?<![\w/-].)\d-\d{2}-\d{2}(?![\w/-])")
ACCOUNT_SPACED = re.compile(r"\b(?:account|a/c)\s*(?:number|no\.?|#)?\s*[:\-]?\s*(\d{4} \d{4})\b", ANY_CASE)
SORT_CODE = re.compile(r"\bsort[ -]?code\s*(?:[:\-]|was|is|of)?\s*(\d{2}[ -]?\d{2}[ -]?\d{2})\b", ANY_CASE)
ACCOUNT = re.compile(r"\b(?:account|acc(?:t)?\.?),?\s*(?:number|no\.?|#)?\s*(?:[:\-]|was|is|of|ending(?: in)?)?\s*"
                     r"(\d{4,8})\b", ANY_CASE)
IBAN = re.compile(r"\bGB\d{2} ?[A-Z]{4}(?: ?\d){14}\b", ANY_CASE)
CARD_ENDING = re.compile(r"\b(?:card|debit card|credit card)\b[^.]{0,30}?\bend(?:ing|ed|s)(?: in| with)?\s*(\d{4})\b",
                         ANY_CASE)
# A registration said to be one, in any shape, personalised plates too ("number plate J4 NEY").
PLATE_SAID = re.compile(r"\b(?i:registration|reg|number plate|private plate|plate|vrm)\.?\s*"
                        r"(?i:number|no\.?|mark)?\.?\s*(?i:[:\-]|was|is|of)?\s*"
                        r"((?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{1,4} ?[A-Z0-9]{1,4})(?![\w-])")
_VALUE = r"((?=[\w/ -]*\d)[A-Z0-9]{1,6}(?:[/-]?[A-Z0-9]{2,12}| (?=\d)[0-9A-Z]{2,12}){0,4})(?![\w/])"
# Reference numbers: after a word that says what they are, or in a police force's own shapes.
REFERENCE = re.compile(
    r"\b(?:crime|incident|log|occurrence|cad|custody|case|hospital|patient|mrn|urn|crn|niche|storm|"
    r"unit|record|client|file|police|mash|marac|referral|occ|claim)\s*(?:reference|ref|number|no|id|#)?\.?\s*(?:number|no)?\.?\s*[:\-]?\s*"
    r"(?:(?:was|is|of)\s+)?" + _VALUE, ANY_CASE)
REFERENCE_WORDED = re.compile(r"\b(?:reference\s+(?:number|no)\.?|ref\b\.?(?:\s+no\.?)?|numbered)\s*[:\-]?\s*" + _VALUE,
                              ANY_CASE)
# (a crime number in a force's shape; a Police National Computer ID, "12/345678X")
POLICE_SHAPES = re.compile(r"(?<![\w/])(?:\d{2}[A-Z]{2}/\d{5,7}[A-Z]?/\d{2}|\d{2}/\d{5,7}/\d{2}|\d{2}/\d{5,7}[A-Z]|"
                           r"log\s+\d{2,5}\s+of\s+\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?![\w/])", ANY_CASE)
# A record's own shape with no word before it: capitals then five digits or more, in groups or not
# ("CU/20/004512", "HA/TEN/558213", "INQ-21-0384", "RQ30048291", "WIC 0048812").
REFERENCE_SHAPE = re.compile(
    r"[A-Z](?<![\w/-].)(?:[A-Z]{0,3}(?:[/-](?:[A-Z0-9]{1,6}[/-])*|(?:[/-][A-Z0-9]{1,6})*[/-]?| )"
    r"\d{4,10}[A-Z]?)(?![\w/-])")
HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
PROFILE_URL = re.compile(r"\b(?:https?://)?(?:www\.|m\.)?(?:facebook|fb|instagram|twitter|x|tiktok|snapchat|"
                         r"linkedin|youtube|threads)\.com/(?:in/|@)?[A-Za-z0-9_.\-/]+", ANY_CASE)
PROFILE_NAME = re.compile(
    r"\b(?:facebook|fb|insta|instagram|snapchat|tiktok|twitter|whatsapp|telegram|kik|discord|onlyfans|youtube|twitch|"
    r"xbox|psn|playstation|reddit)\s*"
    r"(?:name|profile|account|username|user name|handle|page|id|tag|channel)?\s*"
    r"(?:(?:he|she|they|i)\s+(?:was|is|were|am)|called|named|as|was|is|of|:|,|\(|under the name)?\s*"
    r"(?:\"([^\"]{2,40})\"|'([^']{2,40})'"
    # a handle has a digit, an underscore, a dot inside or a capital inside ("deanm0rr0w", "lisa.marie.hx")
    r"|\b(?!(?:e\.g|i\.e|etc|viz)\b)(?=[A-Za-z0-9_]*(?:[\d_]|\.[A-Za-z0-9]|(?-i:[a-z][A-Z])))"
    r"([A-Za-z0-9_.]{2,29}[A-Za-z0-9_]))", ANY_CASE)
# Someone's profile named in capitalised words: "her Facebook profile was under the name Vee Marsden-Lowe",
# "a second account, Vee Is A Liar,".
PROFILE_WORD = re.compile(r"\b(?:account|profile|page|channel)\b", ANY_CASE)
WHOSE = re.compile(r"(?:\b(?i:his|her|their|second|new|fake|another|own|other)|['’]s)\s+(?:[A-Za-z]+\s+)?$")
AGENCY_OWNER = re.compile(r"(?:Partnership|Council|Police|Service|Services|Trust|Board|Aid|Hub|Team|Charity)['’]s$")
PROFILE_WORDS = re.compile(r"(?:[^.]{0,30}?\b(?:under the name|called|named)|\s*,)\s+"
                           r"([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|a|of|the)){0,4}(?<![\s,]))")
USERNAME = re.compile(r"\b(?:user ?name|handle|screen name|gamertag|profile name)\s*(?:was|is|of|:|called)?\s*"
                      r"(?:\"([^\"]{2,40})\"|'([^']{2,40})'|([A-Za-z0-9_.]{3,30}))", ANY_CASE)

# A name used online ("used the name \"WayneyH76\"", "under the alias 'kaz_88'").
ALIAS = re.compile(r"\b(?:user ?name|name|alias|handle|nickname|account name|profile name)\s+"
                   r"(?:of\s+)?(?:\"([^\"]{3,30})\"|'([^']{3,30})')", ANY_CASE)
# A handle-shaped word (underscores between its parts, or dots between parts of two letters or more, not
# "e.g."; or letters then digits) soon after a word that says it is online: "a new one, daz.back.again, appeared".
HANDLE_SHAPED = re.compile(
    r"(?<![\w.@/'-])([a-z][a-z0-9]+(?:_[a-z0-9]+|\.[a-z0-9]{2,}){1,4}|[A-Za-z]{3,}_?\d{2,4}"
    r"|[A-Z][a-z]+(?:[A-Z][a-z0-9]+){2,})(?![\w@/'-]|\.\w)")
ONLINE_WORDS = ("snapchat", "instagram", "tiktok", "facebook", "twitter", "x.com", "whatsapp", "telegram", "account",
                "profile", "username", "user name", "handle", "online", "dating", " app", "message", "posted",
                "follower", "blocked")
DOMAIN_END = re.compile(r"\.(?:com|co|uk|org|net|gov|nhs|ac|io|info)$", ANY_CASE)

Found = Iterator[tuple[str, int, int]]


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS number's modulus 11 check digit."""
    digits = re.sub(r"\D", "", digits)
    if len(digits) != 10:
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def luhn_is_valid(number: str) -> bool:
    digits = [int(d) for d in re.sub(r"\D", "", number)][::-1]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits))
    return 13 <= len(digits) <= 19 and total % 10 == 0


def phone_is_valid(candidate: str) -> bool:
    """A number of a length the UK uses. Not only allocated ones: Ofcom keeps ranges for drama
    (07700 900000 to 900999), and a made-up number in a draft is as identifying to a reader."""
    try:
        number = phonenumbers.parse(candidate, "GB")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


# A freephone number (no one's own line) given as a named service's: "Men's Advice Line, for men ...: 0808 801 0327",
# "Galop, the LGBT+ anti-abuse charity: 0800 999 5428", a support list's "Karma Nirvana, for ...: 0800 5999 247".
FREEPHONE = re.compile(r"(?:\+44\s?|0)8\s?0[08]")
SERVICE_NAMED = re.compile(r"[A-Z][\w'’+-]*\s+(?:Helpline|Line|Phoneline|Supportline|Advice)\b|\b(?:charity|run by)\b"
                           r"|^[A-Z][\w'’+-]*(?:\s+[A-Z][\w'’+-]*)*,?[^:\n]*:\s*$")


def _a_service_line(text: str, match: re.Match) -> bool:
    if not FREEPHONE.match(match.group()):
        return False
    # (a list's line breaks are spaces once normalised: its entries end in full stops)
    stop = text.rfind(". ", 0, match.start())
    line = max(text.rfind("\n", 0, match.start()) + 1, stop + 2 if stop >= 0 else 0, match.start() - 120)
    return bool(SERVICE_NAMED.search(text[line:match.start()]))


def _phones(text: str) -> Found:
    for match in PHONE.finditer(text):
        if phone_is_valid(match.group()) and not _a_service_line(text, match):
            yield "phone", match.start(), match.end()


def _a_reference(value: str) -> bool:
    """Three digits or more, and not a year or financial year ("case of 2019", "record for 2020/21")."""
    first = value.split(" ")[0]
    if not any(c.isdigit() for c in first) and not first.isupper():  # "Crime Act 2015"; "RXK 0034521" is one
        return False
    # nor a date ("Previous MARAC 14/02/23")
    return sum(c.isdigit() for c in value) >= 3 and not re.fullmatch(r"(?:19|20)\d\d(?:[/-]\d\d(?:\d\d)?)?", value) \
        and not re.fullmatch(r"[0-3]?\d[/.-][01]?\d[/.-](?:\d\d)?\d\d", value)


# A review's own reference ("DHR/2020/0012", "WDHR-2021-0003") is public: it is on the report's cover.
REVIEW_PREFIX = re.compile(r"[A-Z]*(?:DHR|SAR|SCR|CSPR|DARDR)\b")


def _shaped_reference(value: str) -> bool:
    """Five digits or more and a letter; a single capital and a number only with six digits ("X448213")."""
    if REVIEW_PREFIX.match(value):
        return False
    digits = sum(c.isdigit() for c in value)
    letters = sum(c.isalpha() for c in value)
    return digits >= (6 if " " in value or letters < 2 else 5) and not re.fullmatch(r"[A-Z]{1,4} (?:19|20)\d\d", value)


def _all(kind: str, pattern: re.Pattern, text: str, accept: Callable[[str], bool] | None = None) -> Found:
    for match in pattern.finditer(text):
        group = next((i for i in range(1, (pattern.groups or 0) + 1) if match.group(i)), 0)
        if accept is None or accept(match.group(group)):
            yield kind, match.start(group), match.end(group)


def _handles_in_context(text: str) -> Found:
    """Looked for only in the 90 characters after each online word (most of a text has none)."""
    lowered, seen = text.lower(), set()
    for word in ONLINE_WORDS:
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word) + (lowered[at + len(word):at + len(word) + 1] == "s")  # "messages" too
            if not lowered[end:end + 1].isalpha() and at not in seen:
                seen.add(at)
                for match in HANDLE_SHAPED.finditer(text, end, end + 90):
                    if not DOMAIN_END.search(match.group(1)):
                        yield "social_media", match.start(1), match.end(1)
            at = lowered.find(word, at + 1)


def _profiles_named(text: str) -> Found:
    for word in PROFILE_WORD.finditer(text):
        whose = WHOSE.search(text, max(0, word.start() - 30), word.start())
        named = whose and PROFILE_WORDS.match(text, word.end())
        # an agency's own page ("the Partnership's Facebook page") is public
        if named and not AGENCY_OWNER.search(text, max(0, whose.start() - 30), whose.start() + 2):
            yield "social_media", named.start(1), named.end(1)


def _old_registrations(text: str) -> Found:
    for match in VEHICLE_SAID.finditer(text):
        if VEHICLE_CONTEXT.search(text, max(0, match.start() - 50), match.start()):
            yield "vehicle_registration", match.start(), match.end()


def find_numbers(text: str) -> Found:
    """(kind, start, end) in `text`, the earlier kinds first (they win where two overlap)."""
    yield from _all("email", EMAIL, text)
    lowered = text.lower()
    if "[at]" in lowered or "(at)" in lowered or " dot " in lowered:
        yield from _all("email", EMAIL_SPELT, text)
    yield from _all("social_media", PROFILE_URL, text)
    yield from _all("social_media", HANDLE, text)
    yield from _all("social_media", PROFILE_NAME, text)
    yield from _all("social_media", USERNAME, text)
    yield from _all("social_media", ALIAS, text)
    yield from _profiles_named(text)
    yield from _handles_in_context(text)
    yield from _all("bank_details", IBAN, text)
    yield from _all("bank_details", SORT_CODE, text)
    yield from _all("bank_details", ACCOUNT_SPACED, text)
    yield from _all("bank_details", ACCOUNT, text)
    yield from _all("bank_details", CARD_ENDING, text)
    yield from _all("bank_details", CARD, text, luhn_is_valid)
    for pattern in (CARD_GROUPED, SORT_CODE_SHAPE):
        for match in pattern.finditer(text):
            if BANK_CONTEXT.search(text, max(0, match.start() - 60), match.start()):
                yield "bank_details", match.start(), match.end()
    yield from _all("nhs_number", NHS_NUMBER_SAID, text)
    yield from _all("nhs_number", NHS_NUMBER, text, nhs_number_is_valid)
    for match in NHS_NUMBER_GROUPED.finditer(text):
        if "NHS" in text[max(0, match.start() - 150):match.start()]:
            yield "nhs_number", match.start(), match.end()
    yield from _all("ni_number", NI_SAID, text)
    yield from _all("ni_number", NI_NUMBER, text)
    yield from _all("ni_number", NI_SHAPE, text)
    yield from _phones(text)
    yield from _all("reference_number", POLICE_SHAPES, text)
    yield from _all("reference_number", REFERENCE, text, _a_reference)
    yield from _all("reference_number", REFERENCE_WORDED, text, _a_reference)
    yield from _all("reference_number", REFERENCE_SHAPE, text, _shaped_reference)
    for match in POSTCODE.finditer(text):
        if match.group(1) is None or match.group(1).upper() in AREA_SET or POSTCODE_SHAPE.fullmatch(match.group()):
            yield "postcode", match.start(), match.end()
    for match in POSTCODE_DISTRICT.finditer(text):
        if re.match(r"[A-Z]+", match.group(1), ANY_CASE).group().upper() in AREA_SET:
            yield "postcode", match.start(1), match.end(1)
    yield from _all("vehicle_registration", VEHICLE, text)
    yield from _all("vehicle_registration", VEHICLE_SPACED, text)
    yield from _old_registrations(text)
    yield from _all("vehicle_registration", PLATE_SAID, text)

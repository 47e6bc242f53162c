"""Notes typed all in lower case ("spoke to client. says shaun took her card. still doing shifts at kwik
fit"), where no capital says a word is a name: a first name no ordinary word is spelt like, the words
after "works at" or "shifts at", and those before "primary", "school" or "surgery" are looked for in
each clause that starts in lower case."""
from __future__ import annotations

import re

from . import words
from .names import CAR_MAKES, NOT_NAMES

# A clause: from a full stop, a line break, a colon or a quotation mark to the next.
CLAUSE = re.compile(r"[^.!?:;\n\"“”]+")
_WORD = r"[a-z][a-z0-9'’&-]*"
# Words that end a lower-case name, or name nothing in particular ("worked at home", "her school").
STOP = frozenset("""the a an her his their my your our its this that these those at to from in on of for with by and
or but as so then till until since when where while because after before during who which what he she they it i u
we you is was were be been has had have does did do not no now just also still again only every each all any some
home night nights weekend weekends week times time least first last present pace moment risk length height work
school college nursery surgery practice office shop factory warehouse pub hospital gp doctors drs doctor dentist
local new old same other another next previous current nearby big little village special private boarding catholic
primary secondary junior infant infants high sixth kids kid childrens children son sons daughter daughters mums mum
dads dad nans one two three there here says said told tells asked got get gets went goes going reg vrm council
police nhs authority trust agency army government rota ave jan del gray mac val len lang probation social
services care vic perp""".split())
# A car's colour or make before its model ("a grey astra") says the word is no one's name.
CAR_BEFORE = re.compile(r"\b(?:black|white|grey|gray|silver|red|blue|green|yellow|orange|purple|brown|gold|ford|"
                        r"vauxhall|nissan|toyota|kia|hyundai|renault|peugeot|fiat|honda|mazda|seat|skoda|audi|bmw|"
                        r"mercedes|volkswagen|vw|citroen|volvo|suzuki|mini)\s+$")
# The next job in the same clause: "worked at primark in the arndale and then at jd sports".
THEN_AT = re.compile(rf"[^.;:]{{0,60}}?\band(?:\s+then|\s+later|,\s+[^,.;]{{1,25}},)?\s+(?:at|for)\s+(?:the\s+)?"
                     rf"({_WORD}(?:\s+{_WORD})?)")
WORK_AT = re.compile(rf"\b(?:works?|worked|working|job|jobs|shifts?|employed)\s+(?:{_WORD}\s+){{0,2}}?(?:at|for)\s+"
                     rf"(?:the\s+)?((?:{_WORD})(?:\s+{_WORD})?)")
# A title before a word in lower-case notes makes it a name ("gp is dr patel at oakfield surgery").
TITLED_LOWER = re.compile(r"\b(?:dr|mr|mrs|ms|miss|pc|ds|dc|sgt)\.?\s+([a-z][a-z'’-]{2,})\b")
NAMED_BEFORE = re.compile(rf"((?:{_WORD}\s+)?{_WORD})\s+(?:(?P<school>primary|junior|infants|academy|school)"
                          r"|(?P<gp_practice>surgery|medical centre|health centre|medical practice))\b")


def _lower_clauses(text: str):
    """(start, end, whether it starts a sentence) of each clause starting in lower case: after a colon or
    a semicolon a report's own sentences go on in lower case too."""
    for clause in CLAUSE.finditer(text):
        first = re.search(r"[A-Za-z]", clause.group())
        if first and first.group().islower() and len(clause.group().split()) >= 3:
            before = text[:clause.start()].rstrip()[-1:]
            yield clause.start(), clause.end(), before not in (":", ";")


def _kept(text: str, start: int, end: int, from_end: bool) -> tuple[int, int] | None:
    """The part of text[start:end] before (or after) its first stop word, if any is left."""
    found = list(re.finditer(r"[a-z0-9'’&-]+", text[start:end]))
    found = found[::-1] if from_end else found
    kept = []
    for word in found:
        if word.group() in STOP or word.group().strip("'’") in STOP:
            break
        kept.append(word)
    if not kept or len(" ".join(w.group() for w in kept)) < 3:
        return None
    ends = [start + kept[0].start(), start + kept[-1].end(), start + kept[0].end(), start + kept[-1].start()]
    return (ends[3], ends[2]) if from_end else (ends[0], ends[1])


def find_lowercase(text: str, ignore: frozenset[str]):
    """(kind, start, end) for names, workplaces, schools and practices in lower-case clauses."""
    if not re.search(r"(?:^|[.!?:;\n\"“”])[^A-Za-z.!?:;\n\"“”]*[a-z]", text):
        return
    names, ordinary = words.first_names(), words.first_names_also_words()
    for start, end, sentence in _lower_clauses(text):
        for match in WORK_AT.finditer(text, start, end) if sentence else ():
            kept = _kept(text, match.start(1), match.end(1), from_end=False)
            if kept:
                yield "workplace", *kept
            then = THEN_AT.match(text, match.end(1), end)
            kept = then and _kept(text, then.start(1), then.end(1), from_end=False)
            if kept:
                yield "workplace", *kept
        for match in NAMED_BEFORE.finditer(text, start, end) if sentence else ():
            kept = _kept(text, match.start(1), match.end(1), from_end=True)
            if kept:
                yield ("school" if match.group("school") else "gp_practice"), kept[0], match.end()
        for match in TITLED_LOWER.finditer(text, start, end):
            if match.group(1) not in STOP and match.group(1) not in ignore:
                yield "person_name", match.start(), match.end()
        for word in re.finditer(r"(?<![\w'’-])[a-z]{3,}(?![\w'’-])", text[start:end]):
            title = word.group().title()
            if title in names and title not in ordinary and title not in NOT_NAMES and title not in CAR_MAKES \
                    and word.group() not in STOP and word.group() not in ignore \
                    and not CAR_BEFORE.search(text, max(0, start + word.start() - 12), start + word.start()):
                yield "person_name", start + word.start(), start + word.end()

"""Dates of birth: a date is one only when the text says so ("born on", "DOB", "date of birth");
chronology dates are not personal data. A month and year count ("born in February 1985"), a
year alone does not."""
from __future__ import annotations

import re

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
FULL_DATE = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+'?\d{{2}}(?![\d:])(?!\s*(?:years?|months?|weeks?|days?)\b)"
    rf"|\d{{1,2}}[-/](?:{MONTHS})[-/](?:\d{{4}}|\d{{2}})"
    r"|\d{8}"
    # said to be a birthday, a day and month are enough ("born on 3rd April")
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\b\.?"
    rf"|(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b)"
)
# said to be a birthday, a feast day or a season of a year are enough too ("born on Christmas Eve 1996",
# "born in the summer of 1998")
MONTH_YEAR = (rf"(?:(?:{MONTHS})\.?,?\s+(?:of\s+)?\d{{4}}"
              r"|(?:Christmas\s+(?:Eve|Day)|Boxing\s+Day|New\s+Year['’]s\s+(?:Eve|Day)|Valentine['’]s\s+Day|Halloween|"
              r"Bonfire\s+Night|St\.?\s+Patrick['’]s\s+Day)(?:,?\s+(?:of\s+)?\d{4})?"
              r"|(?:the\s+)?(?:spring|summer|autumn|winter)\s+of\s+\d{4})")
# A few words may come between the two ("date of birth is given in the notes as", "born in Walsall on"),
# none of them one that moves the sentence on to another time or place ("born in 1985 and on 12 May 2019",
# "born in Pakistan, arriving in the UK in March 2005"): up to seven after "date of birth", three after "born".
_STOP = (r"(?!(?:and|but|then|later|after|before|until|since|moved|moving|when|while|who|which|that|arriv\w*|came|"
         r"coming|married|met|left|lived|living|went|where|aged?|years?|months?|weeks?|days?)\b)")
_WORD = rf"(?:(?:[,(:]\s*)?{_STOP}[A-Za-z'-]+[,:]?\s+)"
_SAID = r"(?:date\s+of\s+birth|d\.?\s?o\.?\s?b\.?|d/o/b|birth\s*date|birthday)"
DATE_OF_BIRTH = re.compile(
    rf"\b(?:{_SAID}\s*(?:[:\-–(,]|was|is|of)?\s*{_WORD}{{0,7}}?|(?:born|b\.)\s*(?:[:\-–(]|was|is|of)?\s*{_WORD}{{0,3}}?)"
    rf"(?:on|in)?\s*(?:the\s+)?({FULL_DATE}|{MONTH_YEAR})(?![\w/])",
    re.IGNORECASE,
)
# A full date in brackets straight after a name, from before anyone in a review's chronology could
# have been a professional in it: "Jason Kirkbride (14.02.1982)".
DATE_AFTER_NAME = re.compile(rf"(?<=[A-Za-z'])\s+\(({FULL_DATE})\)")
# An ISO date from before any review's chronology is a date of birth wherever it is (dates in the
# chronology are written out, or day first).
ISO_OLD = re.compile(r"(?<![\w/.-])(?:19\d\d|200[0-5])-[01]\d-[0-3]\d(?![\w/.-])")
# More dates straight after one said to be a birth's: "born in September 2010 and in April 2014".
MORE = re.compile(rf"(?:,\s*|\s+)(?:(?:and|or)\s+)?(?:(?:in|on)\s+)?(?:the\s+)?({FULL_DATE}|{MONTH_YEAR})"
                  r"(?=\s*(?:[.;,)]|respectively\b|$))", re.IGNORECASE)
# Another child's straight after: "born on 14 February 2018 and her half-brother, Tyler, in June 2015".
SIBLING = re.compile(
    r"\s+and\s+(?:(?:her|his|their|the)\s+)?(?:(?:second|third|youngest|eldest|oldest|older|younger)\s+)?"
    r"(?:[a-z-]*(?:brother|sister|son|daughter|child|baby|twin|sibling)s?|second|third|youngest|eldest)"
    rf"(?:,?\s+[A-Z][a-z'’-]+,?)?\s+(?:in|on)\s+(?:the\s+)?({FULL_DATE}|{MONTH_YEAR})(?=\s*(?:[.;,)]|$))")
# Later in the sentence that gave a date of birth, another record's version of it: "while the housing file
# has 19th Feb 84", "the registrar's record gives 12 December 2014".
GIVES = re.compile(rf"\b(?:has|have|gives?|records?|reads?|shows?|lists?|states?|holds?)\s+"
                   rf"(?:(?:it|her|him|his|theirs?)\s+)?(?:as\s+)?({FULL_DATE})(?![\w/])", re.IGNORECASE)
# A table with a date of birth column: every date in it up to the paragraph's end.
TABLE_HEAD = re.compile(r"\b(?:name|relationship|relation to \w+|age|gender|sex|ethnicity)\b\W{0,5}"
                        r"(?:\w+\W{1,5}){0,3}?(?:date of birth|d\.?o\.?b\.?)(?![\w.])", re.IGNORECASE)
TABLE_DATE = re.compile(rf"(?<![\w/.-])(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})"
                        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?\s+\d{{4}})(?![\w/])", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d|\d\d$")


def find_births(text: str):
    for match in DATE_OF_BIRTH.finditer(text):
        yield "date_of_birth", match.start(1), match.end(1)
        more = MORE.match(text, match.end(1)) or SIBLING.match(text, match.end(1))
        while more:
            yield "date_of_birth", more.start(1), more.end(1)
            more = MORE.match(text, more.end(1)) or SIBLING.match(text, more.end(1))
        stop = text.find(".", match.end(1), match.end(1) + 200)
        yield from (("date_of_birth", m.start(1), m.end(1))
                    for m in GIVES.finditer(text, match.end(1), match.end(1) + 200 if stop < 0 else stop))
    yield from _in_a_table(text)
    yield from (("date_of_birth", m.start(), m.end()) for m in ISO_OLD.finditer(text))
    for match in DATE_AFTER_NAME.finditer(text):
        if _year_of(match.group(1)) < 2006:
            yield "date_of_birth", match.start(1), match.end(1)


def _in_a_table(text: str):
    lowered = text.lower()
    if "birth" not in lowered and "dob" not in lowered and "d.o.b" not in lowered:
        return
    for head in TABLE_HEAD.finditer(text):
        end = text.find("\n", head.end())
        for match in TABLE_DATE.finditer(text, head.end(), min(len(text), head.end() + 800) if end < 0 else end):
            yield "date_of_birth", match.start(), match.end()


def _year_of(date: str) -> int:
    found = _YEAR.search(date)
    if found is None:
        return 9999
    year = int(found.group())
    return year if year > 99 else (1900 + year if year > 30 else 2000 + year)

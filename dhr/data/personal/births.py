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
    r"(?:\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{8})"
)
MONTH_YEAR = rf"(?:(?:{MONTHS})\.?,?\s+(?:of\s+)?\d{{4}})"
_SAYS_BORN = r"(?:born|date\s+of\s+birth|d\.?\s?o\.?\s?b\.?|birth\s*date|birthday|b\.)"
DATE_OF_BIRTH = re.compile(
    rf"\b{_SAYS_BORN}\s*(?:[:\-–(]|was|is|of)?\s*(?:on|in)?\s*(?:the\s+)?({FULL_DATE}|{MONTH_YEAR})(?![\w/])",
    re.IGNORECASE,
)


def find_births(text: str):
    for match in DATE_OF_BIRTH.finditer(text):
        yield "date_of_birth", match.start(1), match.end(1)

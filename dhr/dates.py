"""Dates read and written in one place.

Reading: `parse_date` reads a date as people type it in a form, a spreadsheet cell or a report
(1/4/2024, 01-04-2024, 1.4.24, 2024-04-01, 1 April 2024, 1st Apr 2024, and with `month_only`
also "April 2024" and 4/2024); `parse_parts` reads the day, month and year boxes of a GOV.UK
date input; `parse_iso` reads the ISO text this service writes itself (YYYY-MM-DD, and
date-times); `parse_year` reads a year filter. Day-first always: 1/4/2024 is 1 April.

Writing: `long_date` (1 April 2024) is how a date reads in a sentence; `short_date` (1 Apr 2024)
is for tables; `date_time` adds the time in UTC; `numeric_date` (01/04/2024) is for
spreadsheets people re-import; `month_year` (April 2024). None is written as "".

Periods: the financial year runs from 1 April to 31 March and is written 2024/25; its quarters
are April to June (Q1), July to September, October to December and January to March (Q4).
`add_months` counts calendar months (31 January + 1 month is the last day of February)."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from .numbers import parse_whole

# The years a date may fall in, wherever dates are read.
YEARS = (1900, 2200)
MONTH_NAMES = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4}|\d{2})")
_WORDS = re.compile(r"(\d{1,2}) ([A-Za-z]+) (\d{4})")
_MONTH_WORDS = re.compile(r"([A-Za-z]+) (\d{4})")
_MONTH_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{4})")


def month_number(word: str) -> int:
    """1 to 12 for a month's name or its abbreviation (Apr, Sept); ValueError otherwise."""
    word = word.lower()
    if len(word) >= 3:
        for name, number in MONTH_NAMES.items():
            if name.startswith(word):
                return number
    raise ValueError(word)


def _year(text: str) -> int:
    """A 2-digit year is in this century (24 is 2024)."""
    return int(text) + 2000 if len(text) == 2 else int(text)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _read(text: str, month_only: str | None) -> dt.date:
    if m := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
        return dt.date(year, month, day)
    if m := _NUMERIC.fullmatch(text):
        return dt.date(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _WORDS.fullmatch(text):
        return dt.date(int(m.group(3)), month_number(m.group(2)), int(m.group(1)))
    if month_only in ("first", "last"):
        if m := _MONTH_WORDS.fullmatch(text):
            year, month = int(m.group(2)), month_number(m.group(1))
        elif m := _MONTH_NUMERIC.fullmatch(text):
            year, month = int(m.group(2)), int(m.group(1))
        else:
            raise ValueError(text)
        if not 1 <= month <= 12:
            raise ValueError(text)
        return dt.date(year, month, 1 if month_only == "first" else _last_day(year, month))
    raise ValueError(text)


def parse_date(value: object, *, month_only: str | None = None,
               years: tuple[int, int] = YEARS) -> dt.date | None:
    """A date from text (or a date or date-time, passed through); None for blank.

    Raises ValueError for text that is not a real date or whose year is outside `years`.
    `month_only` says what a month without a day means: "first" or "last" day of it, or None
    to refuse it. Ordinals (1st, 22nd) and a trailing full stop are ignored."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = re.sub(r"\s+", " ", str(value)).strip().rstrip(".")
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text, flags=re.IGNORECASE)
    if not text:
        return None
    parsed = _read(text, month_only)
    if not years[0] <= parsed.year <= years[1]:
        raise ValueError(text)
    return parsed


def parse_parts(day: str, month: str, year: str) -> dt.date | None:
    """The date in a GOV.UK date input's three boxes; None when all are blank.

    Raises ValueError whose message completes "<field label> ...": which parts are missing,
    or that it must be a real date with a 4-digit year."""
    day, month, year = (str(p or "").strip() for p in (day, month, year))
    if not (day or month or year):
        return None
    if not (day and month and year):
        missing = [w for w, v in (("day", day), ("month", month), ("year", year)) if not v]
        raise ValueError(f"must include a {' and '.join(missing)}")
    if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
        raise ValueError("must be a real date, with a 4-digit year")
    try:
        return dt.date(int(year), int(month), int(day))
    except (ValueError, OverflowError):  # a day or month too big for the C int dt.date takes
        raise ValueError("must be a real date") from None


def parse_year(text: object) -> int | None:
    """A year (in YEARS) from a filter's text; None for anything else."""
    return parse_whole(text, *YEARS)


def parse_iso(text: str | None, with_time: bool = False) -> dt.date | dt.datetime | None:
    """The ISO form this service writes (YYYY-MM-DD, or a date-time); None for blank."""
    if not text:
        return None
    return dt.datetime.fromisoformat(text) if with_time else dt.date.fromisoformat(text)


def long_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def short_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


def date_time(value: dt.datetime | None) -> str:
    return f"{value.day} {value:%B %Y at %H:%M} UTC" if value else ""


def numeric_date(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def month_year(value: dt.date | None) -> str:
    return f"{value:%B %Y}" if value else ""


# ---------------------------------------------------------------- periods


def add_months(start: dt.date, months: int) -> dt.date:
    """Calendar months, either way: 31 January + 1 month is the last day of February."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, _last_day(year, month)))


def financial_year_start(day: dt.date) -> int:
    """The calendar year a day's financial year starts in (1 April)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(first: int) -> str:
    return f"{first}/{(first + 1) % 100:02d}"


def financial_year(day: dt.date) -> str:
    """2024/25 for any day from 1 April 2024 to 31 March 2025."""
    return financial_year_label(financial_year_start(day))


def financial_year_bounds(label: str) -> tuple[dt.date, dt.date]:
    first = int(label.split("/")[0])
    return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)


def financial_years(first: dt.date, last: dt.date) -> list[str]:
    """Every financial year from the one holding `first` to the one holding `last`, none left out."""
    return [financial_year_label(y) for y in range(financial_year_start(first), financial_year_start(last) + 1)]


def financial_quarter(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last days of the financial quarter holding `day`."""
    start = dt.date(day.year, ((day.month - 1) // 3) * 3 + 1, 1)
    return start, add_months(start, 3) - dt.timedelta(days=1)


def quarter_label(day: dt.date) -> str:
    """Q3 2024/25 for any day from October to December 2024."""
    start, _ = financial_quarter(day)
    return f"Q{(start.month - 4) % 12 // 3 + 1} {financial_year(start)}"


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period before: the quarter before a whole quarter (or a quarter so far), else the same
    number of days ending the day before `start`."""
    if financial_quarter(start)[0] == start and end <= financial_quarter(start)[1]:
        before = start - dt.timedelta(days=1)
        return financial_quarter(before)
    return start - dt.timedelta(days=(end - start).days + 1), start - dt.timedelta(days=1)


def year_earlier(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The same dates a year before."""
    return add_months(start, -12), add_months(end, -12)

"""dhr.dates: the one reader and writer of dates, and every caller agreeing with it."""
from __future__ import annotations

import datetime as dt

import pytest

from dhr import dates, templating
from dhr.data import action_plans, lifecycle, proposals
from dhr.reports import forms as report_forms

D = dt.date


@pytest.mark.parametrize("text", ["1/4/2024", "01-04-2024", "1.4.24", "2024-04-01", "1 April 2024",
                                  "1st Apr 2024", " 1  april 2024. ", "1 4 2024"])
def test_day_first_dates_in_the_ways_people_write_them(text):
    assert dates.parse_date(text) == D(2024, 4, 1)


def test_month_only_dates_are_refused_unless_the_caller_says_what_they_mean():
    with pytest.raises(ValueError):
        dates.parse_date("April 2024")
    assert dates.parse_date("April 2024", month_only="first") == D(2024, 4, 1)
    assert dates.parse_date("Sept 2024", month_only="last") == D(2024, 9, 30)
    assert dates.parse_date("2/2024", month_only="last") == D(2024, 2, 29)


@pytest.mark.parametrize("text", ["31/2/2024", "1 Foo 2024", "13/13/2024", "yesterday", "1/4/1800"])
def test_not_real_dates_raise_value_error(text):
    with pytest.raises(ValueError):
        dates.parse_date(text)


def test_blank_is_none_and_dates_pass_through():
    assert dates.parse_date("  ") is None and dates.parse_date(None) is None
    assert dates.parse_date(dt.datetime(2024, 4, 1, 9, 30)) == D(2024, 4, 1)
    assert dates.parse_iso("") is None and dates.parse_iso("2024-04-01") == D(2024, 4, 1)


def test_the_three_boxes_of_a_date_input():
    assert dates.parse_parts("1", "4", "2024") == D(2024, 4, 1)
    assert dates.parse_parts("", "", "") is None
    with pytest.raises(ValueError, match="must include a month and year"):
        dates.parse_parts("1", "", "")
    with pytest.raises(ValueError, match="4-digit year"):
        dates.parse_parts("1", "4", "24")
    with pytest.raises(ValueError, match="^must be a real date$"):
        dates.parse_parts("31", "2", "2024")
    with pytest.raises(ValueError, match="^must be a real date$"):
        dates.parse_parts(str(10**20), "1", "2024")


def test_every_reader_is_the_shared_one():
    assert report_forms.parse_date is dates.parse_date
    assert action_plans.parse_date("March 2026") == D(2026, 3, 31)
    assert proposals.parse_date("March 2026") == D(2026, 3, 1)
    assert proposals.parse_date("not a date") is None


def test_dates_are_written_one_way():
    day = D(2024, 4, 1)
    assert dates.long_date(day) == "1 April 2024" and dates.short_date(day) == "1 Apr 2024"
    assert dates.numeric_date(day) == "01/04/2024" and dates.month_year(day) == "April 2024"
    assert dates.date_time(dt.datetime(2024, 4, 1, 9, 5)) == "1 April 2024 at 09:05 UTC"
    assert dates.long_date(None) == ""
    assert templating.long_date is dates.long_date
    deadline = lifecycle.Deadline("x", due=day, met_on=None, today=D(2024, 3, 1))
    assert deadline.plain.endswith(dates.long_date(day))


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize("day, year, quarter", [
    (D(2024, 4, 1), "2024/25", "Q1 2024/25"), (D(2024, 6, 30), "2024/25", "Q1 2024/25"),
    (D(2024, 7, 1), "2024/25", "Q2 2024/25"), (D(2024, 12, 31), "2024/25", "Q3 2024/25"),
    (D(2025, 1, 1), "2024/25", "Q4 2024/25"), (D(2025, 3, 31), "2024/25", "Q4 2024/25"),
    (D(1999, 5, 1), "1999/00", "Q1 1999/00"),
])
def test_financial_years_and_quarters_run_from_april(day, year, quarter):
    assert dates.financial_year(day) == year and dates.quarter_label(day) == quarter
    first, last = dates.financial_year_bounds(year)
    assert first <= day <= last and (last - first).days in (364, 365)
    start, end = dates.financial_quarter(day)
    assert start <= day <= end and start.day == 1 and (end + dt.timedelta(days=1)).day == 1


def test_every_financial_year_between_two_days_none_left_out():
    assert dates.financial_years(D(2021, 5, 1), D(2024, 2, 1)) == ["2021/22", "2022/23", "2023/24"]
    assert dates.financial_years(D(2024, 3, 31), D(2024, 4, 1)) == ["2023/24", "2024/25"]


def test_the_period_before_and_a_year_before():
    # a whole quarter, or a quarter so far: the whole quarter before
    assert dates.previous_period(D(2024, 10, 1), D(2024, 12, 31)) == (D(2024, 7, 1), D(2024, 9, 30))
    assert dates.previous_period(D(2025, 1, 1), D(2025, 2, 10)) == (D(2024, 10, 1), D(2024, 12, 31))
    # any other period: as many days, ending the day before
    assert dates.previous_period(D(2024, 4, 10), D(2024, 4, 19)) == (D(2024, 3, 31), D(2024, 4, 9))
    assert dates.year_earlier(D(2024, 2, 29), D(2024, 3, 31)) == (D(2023, 2, 28), D(2023, 3, 31))
    assert dates.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29) and dates.add_months(D(2024, 3, 31), -1) == D(
        2024, 2, 29)
    assert lifecycle.add_months is dates.add_months

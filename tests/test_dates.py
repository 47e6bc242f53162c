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

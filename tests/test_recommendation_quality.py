"""The quality check of a recommendation, flag by flag and both ways: each flag is raised by a
recommendation missing what it asks for and not by one that has it; near-duplicates are found
both ways in a throwaway index, and only an earlier one never completed raises the repeat flag."""
from __future__ import annotations

import datetime as dt

import pytest

from dhr.data.recommendation_quality import FLAGS, Draft, Earlier, agency_names, check, dates_in, flag_names
from search.quality_repeats import near_duplicates

AGENCIES = agency_names(["Westshire Constabulary", "Eastbridge Integrated Care Board", "Riverside Housing Trust"])
GOOD = dict(lead_agency="Westshire Constabulary", target_dates=(dt.date(2027, 3, 31),),
            intended_outcome="Victims who report stalking get a specialist assessment",
            outcome_measure="Monthly audit of 40 stalking reports; target 90% with the assessment recorded")


def raised(text: str, **changes) -> list[str]:
    return flag_names(Draft(text=text, **{**GOOD, **changes}), AGENCIES)


def test_a_specific_recommendation_raises_nothing():
    assert raised("Westshire Constabulary should add the stalking screening questions to its crime recording "
                  "system and require supervisors to check them within 24 hours.") == []


@pytest.mark.parametrize("text", [
    "Professionals should ask about stalking at every contact.",
    "All partner agencies should share chronologies before a strategy meeting.",
    "Consideration should be given to a joint protocol.",
])
def test_no_accountable_body_when_neither_lead_nor_subject_names_one(text):
    assert "no_accountable_body" in raised(text, lead_agency=None)


@pytest.mark.parametrize("text", [
    "Eastbridge ICB should commission a specialist health IDVA.",  # a distinctive word of a listed agency
    "The Probation Service should record each perpetrator programme referral.",  # a named body not on the list
    "GP practices should flag the records of patients who disclose abuse.",  # a kind of agency
    "A referral form should be introduced by the housing trust for every tenant fleeing abuse.",  # the agent
])
def test_an_accountable_body_named_in_the_text_is_enough(text):
    assert "no_accountable_body" not in raised(text, lead_agency=None)


def test_a_lead_agency_is_an_accountable_body():
    assert "no_accountable_body" not in raised("Staff should record the abuse.", lead_agency="Riverside Housing Trust")


# A practice to follow, not a change to a form or system: only the outcome and measure can make it checkable.
PRACTICE = "The constabulary should call back every victim who reports stalking."


@pytest.mark.parametrize("outcome, measure", [
    ("", ""),
    ("Victims are safer", ""),
    ("Victims are safer", "Staff will feel more confident"),  # nothing to count, compare or sample
])
def test_no_measurable_outcome(outcome, measure):
    assert "no_measurable_outcome" in raised(PRACTICE,
                                             intended_outcome=outcome, outcome_measure=measure)


@pytest.mark.parametrize("measure", ["The proportion of referrals seen within a week, against the 2025 baseline",
                                     "Case file audit twice a year", "75% of contacts record the question",
                                     "Quarterly audit of 20 cases"])
def test_a_measure_that_counts_compares_or_samples_is_measurable(measure):
    assert "no_measurable_outcome" not in raised(PRACTICE, outcome_measure=measure)
    assert "no_measurable_outcome" not in raised(PRACTICE, intended_outcome="", outcome_measure=measure)


@pytest.mark.parametrize("text", [
    "The constabulary should add a question to the form by 30 September 2027.",
    "The constabulary should add a question to the form by June 2027.",
    "The constabulary should add a question to the form within nine months.",
    "The constabulary should add a question to the form by the end of 2027.",
])
def test_a_date_in_the_text_is_a_date(text):
    assert "no_date" not in raised(text, target_dates=())


def test_no_date_without_a_target_date_or_a_date_in_the_text():
    assert "no_date" in raised("The constabulary should add a question to the form.", target_dates=())
    # a process time is not a deadline for the recommendation
    assert "no_date" in raised("The constabulary should call victims back within two days.", target_dates=())
    assert "no_date" not in raised("The constabulary should add a question to the form.")


def test_only_real_dates_are_read():
    assert dates_in("by 31 February 2027 or 1 March 2027") == [dt.date(2027, 3, 1)]


@pytest.mark.parametrize("text", [
    "The constabulary should consider how it responds to stalking.",
    "The housing trust should explore options for a sanctuary scheme.",
    "Staff in the trust should be reminded of the escalation policy.",
    "The ICB should raise awareness of honour-based abuse.",
    "The constabulary should review its approach.",
])
def test_a_vague_verb_alone_is_flagged(text):
    assert "vague_verb" in raised(text)


@pytest.mark.parametrize("text", [
    "The constabulary should review its stalking policy and amend it to require a screening question.",
    "The housing trust should introduce a sanctuary scheme.",
    "The ICB should publish a safeguarding escalation pathway for practices.",
])
def test_a_concrete_change_is_not_vague(text):
    assert "vague_verb" not in raised(text)


@pytest.mark.parametrize("text", [
    "The constabulary should train call handlers in recognising stalking.",
    "The ICB should deliver a workshop on coercive control for practice nurses.",
    "Housing officers should attend a briefing and complete refresher e-learning.",
    "Training on economic abuse should be provided to the housing trust's staff.",
])
def test_training_alone_is_flagged(text):
    assert "training_only" in raised(text)


@pytest.mark.parametrize("text", [
    "The constabulary should add stalking screening to its call script and train call handlers to use it.",
    "The ICB should change the referral template and deliver training on it.",
])
def test_training_with_a_change_to_practice_is_not_training_only(text):
    assert "training_only" not in raised(text)


EARLIER = [
    Earlier("a", "WDHR2019-02", "The constabulary should add a mandatory question about stalking to the domestic "
            "abuse risk assessment and record the victim's answer.", "Westshire Constabulary", "in_progress"),
    Earlier("b", "WDHR2020-01", "The housing trust should change its allocations policy to give victims fleeing "
            "abuse priority for a move.", "Riverside Housing Trust", "verified"),
    Earlier("c", "WDHR2020-03", "GP practices should record a routine enquiry about domestic abuse at every "
            "new patient registration.", "Eastbridge Integrated Care Board", "not_started"),
]


def test_a_near_duplicate_is_found_both_ways_and_an_unrelated_one_is_not():
    found = near_duplicates("The constabulary should add a mandatory stalking question to its domestic abuse "
                            "risk assessment and record what the victim says.", EARLIER)
    assert [e.id for e, _ in found] == ["a"]
    assert near_duplicates("The constabulary should fund a specialist stalking advocate.", EARLIER) == []


def test_only_a_repeat_of_one_never_completed_is_flagged():
    draft = Draft(text="The housing trust should change its allocation policy so that victims fleeing abuse are "
                       "given priority for a move.", **{**GOOD, "lead_agency": "Riverside Housing Trust"})
    repeats = [e for e, _ in near_duplicates(draft.text, EARLIER)]
    assert [e.id for e in repeats] == ["b"]
    assert "repeat_not_implemented" not in flag_names(draft, AGENCIES, repeats)  # b was verified
    unfinished = [Earlier(e.id, e.review, e.text, e.lead_agency, "overdue") for e in repeats]
    [flag] = [f for f in check(draft, AGENCIES, unfinished) if f.name == "repeat_not_implemented"]
    assert [e.id for e in flag.earlier] == ["b"] and flag.advice


def test_every_flag_has_words_and_advice():
    flags = check(Draft(text="Agencies should consider this."), AGENCIES,
                  [Earlier("x", "R", "Agencies should consider this.", None, "not_started")])
    assert [f.name for f in flags] == [f for f in FLAGS if f != "training_only"]  # vague is not training
    [training] = check(Draft(text="The constabulary should train officers.", **GOOD), AGENCIES)
    assert training.name == "training_only"
    assert all(f.title and f.advice for f in [*flags, training])


@pytest.mark.parametrize("text, expected", [
    ("It is recommended that the housing trust commissions a sanctuary scheme.", []),
    ("The Panel recommends that GPs ask about abuse at every new registration.", []),
    ("It is recommended that agencies consider the learning from this review.", ["no_accountable_body", "vague_verb"]),
    ("That the ICB introduces routine enquiry in maternity services.", []),
    ("The ICB should ensure that GPs are aware of the referral pathway.", ["vague_verb", "training_only"]),
    ("The ICB should ensure that the referral form is amended to include coercive control.", []),
    ("Practitioners need to be more professionally curious.", ["no_accountable_body", "vague_verb"]),
])
def test_the_ways_reports_word_a_recommendation(text, expected):
    assert raised(text, lead_agency=None) == expected


@pytest.mark.parametrize("measure", ["Report to the board", "Policy published", "Training delivered to all staff"])
def test_a_measure_that_only_says_something_was_done_is_not_measurable(measure):
    assert "no_measurable_outcome" in raised(PRACTICE, outcome_measure=measure)


@pytest.mark.parametrize("text", ["The ICB should publish a protocol by the end of the financial year.",
                                  "The ICB should publish a protocol by spring 2027."])
def test_seasons_and_financial_years_are_dates(text):
    assert "no_date" not in raised(text, target_dates=())

"""The quality check's fourth round, read from a corpus written by someone who never saw the code:
a lead field that names no one answers for nothing; Jobcentre staff are a body; attendance measures
an outcome that is stated; alerting staff on a system, or a review of whether something is done, is
concrete, while a lead role in developing an approach, or practitioners showing curiosity, is vague;
repeats in the action-plan voice (abbreviations, other verbs of the same ask) are found, and a
reminder does not repeat a change to practice."""
from __future__ import annotations

import datetime as dt

import pytest

from dhr.data.recommendation_quality import Draft, Earlier, agency_names, flag_names
from search.quality_repeats import near_duplicates

AGENCIES = agency_names(["Fenmarsh Police", "Fenmarsh Mental Health NHS Trust"])
SMART = dict(target_dates=(dt.date(2027, 3, 31),), intended_outcome="Victims are safer",
             outcome_measure="Quarterly audit of 30 cases; target 90%")


def raised(text: str, **fields) -> list[str]:
    return flag_names(Draft(text=text, **{"lead_agency": "Fenmarsh Police", **SMART, **fields}), AGENCIES)


@pytest.mark.parametrize("lead, accountable", [
    ("All agencies", False), ("Partners", False), ("TBC", False), ("The partnership", False),
    ("Fenmarsh Police", True), ("Respect", True), ("Police and partners", True),
])
def test_a_lead_field_that_names_no_one(lead, accountable):
    flags = raised("Information about the risk should be shared before discharge.", lead_agency=lead)
    assert ("no_accountable_body" not in flags) is accountable


def test_jobcentre_staff_are_a_body():
    assert "no_accountable_body" not in raised("Jobcentre staff should receive a briefing on economic abuse.",
                                               lead_agency=None)


@pytest.mark.parametrize("outcome, measurable", [("Staff recognise coercive control", True), ("", False)])
def test_attendance_measures_a_stated_outcome(outcome, measurable):
    flags = raised("Probation should ensure offender managers attend coercive control training.",
                   intended_outcome=outcome, outcome_measure="Attendance records")
    assert ("no_measurable_outcome" not in flags) is measurable


@pytest.mark.parametrize("text, vague", [
    ("The hospital should alert its staff through the patient administration system whenever a patient "
     "has a current MARAC.", False),
    ("The CSP should commission an independent review of whether the MARAC escalates repeat referrals.", False),
    ("The board should commission a thematic review of domestic abuse in older people.", True),
    ("The ICB should take a lead role in developing a partnership approach to trauma-informed practice.", True),
    ("Agencies should ensure that practitioners show professional curiosity.", True),
    ("Agencies should ensure that practitioners record every disclosure on the case file.", False),
])
def test_what_is_vague(text, vague):
    assert ("vague_verb" in raised(text)) is vague


EARLIER = [
    Earlier("e51", "FEN-DHR-2022-03", "Fenmarsh Mental Health NHS Trust should ensure that carers and family members "
            "who raise concerns about a patient's safety are called back by the care coordinator within two working "
            "days.", "Fenmarsh Mental Health NHS Trust"),
    Earlier("e6", "FEN-DHR-2021-01", "Probation should check police domestic abuse call-out history before every "
            "home visit and record the check on the case file.", "Probation Service"),
    Earlier("e17", "FEN-DHR-2023-02", "The CSP should publish a directory of domestic abuse services for older "
            "people and circulate it to GP practices, pharmacies and adult social care.", "Fenmarsh CSP"),
]


def repeats(text: str) -> list[str]:
    return [e.id for e, _ in near_duplicates(text, EARLIER)]


@pytest.mark.parametrize("text, earlier", [
    ("MH trust: care co-ordinator to ring back relatives who report safety worries within 2 working days; log the "
     "callback on the electronic record.", ["e51"]),
    ("CSP to produce older people's DA services directory; distribute to GPs, pharmacies, ASC.", ["e17"]),
    ("The Probation Service should remind offender managers of the importance of checking with the police before "
     "visits.", []),
])
def test_repeats_in_the_action_plan_voice(text, earlier):
    assert repeats(text) == earlier


@pytest.mark.parametrize("text, training_only", [
    ("The police should ensure officers have the skills and knowledge to identify coercive control.", True),
    ("GP practices should ensure clinicians are confident in asking about domestic abuse.", True),
    ("The hospital should ensure staff know how to refer to the IDVA.", True),
    ("The ICB should ensure GPs are familiar with the IRIS referral pathway.", True),
    ("Staff should be equipped to ask about abuse.", True),
    ("The ICB should develop the workforce's understanding of stalking.", True),
    ("The police should develop a new referral pathway to the IDVA.", False),
    ("GPs should ask how to contact the patient safely.", False),
])
def test_skills_and_knowledge_are_what_training_gives(text, training_only):
    assert ("training_only" in raised(text)) is training_only


@pytest.mark.parametrize("measure, measurable", [
    ("Quarterly KPIs reported to the board", True), ("Independent evaluation of the pilot", True),
    ("Spot checks of case records", True), ("Uptake of the service by older victims", True),
    ("Practice improved", False),
])
def test_measures_named_otherwise(measure, measurable):
    flags = raised("The constabulary should call back every victim who reports stalking.", outcome_measure=measure)
    assert ("no_measurable_outcome" not in flags) is measurable


@pytest.mark.parametrize("text, accountable", [
    ("After a MARAC, all agencies should update their records.", False),
    ("When Operation Encompass notifications are received, schools should act on them the next day.", True),
    ("Following the review, Fenmarsh Police should amend the stalking policy.", True),
    ("Where a patient attends with a partner, staff should see the patient alone.", False),
])
def test_a_clause_before_the_subject_says_when_not_who(text, accountable):
    assert ("no_accountable_body" not in raised(text, lead_agency=None)) is accountable


@pytest.mark.parametrize("text, training_only", [
    ("A programme of learning should be rolled out to frontline staff.", True),
    ("Probation staff should undertake learning on stalking.", True),
    ("Training for work coaches should cover economic abuse.", True),
    ("The policy should cover economic abuse.", False),
    ("The CSP should share the learning with partners.", False),
])
def test_learning_that_is_taught(text, training_only):
    assert ("training_only" in raised(text)) is training_only

"""The quality check's second round: a repeat found by meaning when another author words the same
change otherwise, and not when the agency or the action differs; measurable when the text states
something a person could check; training-only whenever no action changes practice, even with a
date and a measure; staff whose title names their agency are an accountable body."""
from __future__ import annotations

import datetime as dt

import pytest

from dhr.data.recommendation_quality import Draft, Earlier, agency_names, flag_names
from search.quality_repeats import near_duplicates
from search.repeat_meaning import concepts, same_action

AGENCIES = agency_names(["Westshire Constabulary", "Eastbridge Integrated Care Board", "Riverside Housing Trust"])
SMART = dict(lead_agency="Westshire Constabulary", target_dates=(dt.date(2027, 3, 31),),
             intended_outcome="Victims who report stalking get a specialist assessment",
             outcome_measure="Monthly audit of 40 stalking reports; target 90% with the assessment recorded")
EARLIER = [
    Earlier("dash", "WDHR2019-01", "Westshire Constabulary should ensure that a DASH risk assessment is completed "
            "at every domestic abuse incident officers attend.", "Westshire Constabulary", "in_progress"),
    Earlier("alone", "WDHR2019-02", "Maternity services should ask every pregnant woman about domestic abuse at "
            "least once when she is seen alone.", None, "not_started"),
    Earlier("dna", "WDHR2020-01", "The ICB should require GP practices to follow up patients with domestic abuse "
            "concerns who do not attend appointments.", "Eastbridge Integrated Care Board", "overdue"),
    Earlier("marac", "WDHR2020-02", "Probation should share each perpetrator's risk management plan with the "
            "MARAC before the meeting.", None, "not_started"),
    Earlier("funding", "WDHR2021-01", "The partnership should fund the stalking advocate post for three years.",
            None, "not_started"),
]


def found(text: str) -> list[str]:
    return [e.id for e, _ in near_duplicates(text, EARLIER)]


@pytest.mark.parametrize("text, earlier", [
    ("Officers attending domestic abuse calls must complete the risk assessment on each occasion.", "dash"),
    ("Midwives should see each expectant mother on her own and ask her about abuse.", "alone"),
    ("Where a patient known to be experiencing abuse misses an appointment, the GP surgery should contact them.",
     "dna"),
    ("Risk management plans of perpetrators under probation supervision must be sent to MARAC members ahead of "
     "each meeting.", "marac"),
])
def test_another_authors_wording_of_the_same_change_is_a_repeat(text, earlier):
    assert found(text) == [earlier]


@pytest.mark.parametrize("text", [
    "Westshire Constabulary should give every victim a written copy of their risk assessment.",  # another action
    "Health visitors should ask every new mother about domestic abuse when she is seen alone.",  # another agency
    "Housing officers should share each tenant's safety plan with the MARAC before the meeting.",  # another agency
])
def test_the_same_words_asking_another_action_or_of_another_agency_are_no_repeat(text):
    assert found(text) == []


def test_concepts_meet_across_wording():
    assert {"police", "risk assessment", "complete"} <= concepts("Officers must carry out the DASH.")
    assert "police" in concepts("the Constabulary") and "alone" in concepts("seen on her own")
    assert same_action("Staff should ask about abuse.", "Staff should enquire about abuse.")
    assert not same_action("Staff should ask about abuse.", "Staff should record abuse.")


def raised(text: str, **changes) -> list[str]:
    return flag_names(Draft(text=text, **{**SMART, **changes}), AGENCIES)


BARE = dict(intended_outcome="", outcome_measure="")


@pytest.mark.parametrize("text", [
    "The constabulary should add a stalking question to the call handling script.",
    "The ICB should create a field in the patient record for the name of whoever accompanies the patient.",
    "The referral form should be amended to include coercive control.",
    "The housing trust should fund the sanctuary officer post for three years.",
    "The ICB should provide two years of funding for the health IDVA.",
    "GPs should ask about abuse at registration, with an audit of 20 records a year.",
])
def test_something_a_person_could_check_in_the_text_is_measurable(text):
    assert "no_measurable_outcome" not in raised(text, **BARE)


@pytest.mark.parametrize("text", [
    "The constabulary should consider adding a stalking question to the call handling script.",  # only thought
    "GPs should record the answer on the clinical system.",  # a practice, not a change to the system
    "The housing trust should fund a sanctuary officer.",  # funding, but for how long?
])
def test_a_change_only_considered_or_a_practice_alone_is_not_measurable(text):
    assert "no_measurable_outcome" in raised(text, **BARE)


@pytest.mark.parametrize("text", [
    "All GP practices should hold an annual domestic abuse learning event for clinical staff.",
    "Learning from this review should be shared with probation staff through team briefings.",
    "The ICB should commission a stalking training programme, delivered to 200 practitioners by December 2027.",
    "The constabulary should make coercive control training mandatory and audit attendance each quarter.",
    "The housing trust should require all staff to attend e-learning on economic abuse.",
    "The ICB should develop and deliver training on coercive control for all GPs.",  # a light verb's object
])
def test_training_with_a_date_and_a_measure_is_still_training_only(text):
    assert "training_only" in raised(text)


@pytest.mark.parametrize("text", [
    "Housing officers should be trained in economic abuse and the tenancy procedure amended to ask about money.",
    "After a briefing, officers should record every strangulation disclosure on the crime record.",
    "The ICB should develop and publish a referral pathway, and brief practices on it.",
])
def test_training_beside_a_change_to_practice_is_not_training_only(text):
    assert "training_only" not in raised(text)


def test_raising_a_safeguarding_concern_is_a_concrete_action():
    assert "vague_verb" not in raised("Paramedics who see signs of strangulation must raise a safeguarding concern.")
    assert "vague_verb" in raised("The ICB should raise awareness of strangulation.")


@pytest.mark.parametrize("text, accountable", [
    ("Officers should photograph injuries at every domestic abuse incident.", True),
    ("Midwives should ask about abuse at booking.", True),
    ("The safeguarding adults board should publish a self-neglect protocol.", True),
    ("Staff of the housing trust should record each disclosure.", True),
    ("Every agency that attends MARAC should bring its records.", False),
    ("Practitioners working with the police should share information.", False),
    ("Frontline staff across the Partnership should ask about abuse.", False),
])
def test_staff_of_a_kind_are_accountable_and_a_clause_saying_which_ones_is_not(text, accountable):
    assert ("no_accountable_body" not in raised(text, lead_agency=None)) is accountable


@pytest.mark.parametrize("text", ["The ICB should raise awareness of coercive control among GPs and practice nurses.",
                                  "Awareness of stalking should be raised among housing staff."])
def test_awareness_raised_among_staff_is_vague_and_no_more_than_training(text):
    assert {"vague_verb", "training_only"} <= set(raised(text))


@pytest.mark.parametrize("measure", ["Funding agreed to March 2029", "Post funded 2026-2029",
                                     "Recurrent funding agreed",
                                     "New question live on the system"])
def test_funding_in_place_over_years_or_a_change_in_use_is_measurable(measure):
    assert "no_measurable_outcome" not in raised("The council should fund an IDVA.", intended_outcome="",
                                                 outcome_measure=measure)
    assert "no_measurable_outcome" in raised("The council should fund an IDVA.", intended_outcome="",
                                             outcome_measure="Funding agreed")


@pytest.mark.parametrize("text, vague", [
    ("The police should seek assurance that officers understand coercive control.", True),
    ("All agencies should continue to work together to safeguard victims.", True),
    ("Services should take account of the learning in this report.", True),
    ("Professionals should apply professional curiosity.", True),
    ("The CSP should share the learning from this review with partners.", True),
    ("The council should take steps to introduce a sanctuary scheme.", False),
    ("The police should share the risk management plan with MARAC.", False),
    ("The ICB should seek to introduce a new referral form.", False),
])
def test_seeking_assurance_taking_account_and_passing_on_learning_are_vague(text, vague):
    assert ("vague_verb" in raised(text)) is vague


HOUSING = [Earlier("visit", "WDHR2022-01", "Housing should visit tenants at home when rent arrears follow a report of "
                   "domestic abuse.", None, "overdue"),
           Earlier("transfer", "WDHR2022-02", "The housing trust should give victims of abuse priority for a "
                   "transfer.", None, "overdue"),
           Earlier("order", "WDHR2022-03", "The police should seek a domestic violence protection order in every "
                   "high-risk case where the victim does not support a prosecution.", None, "overdue")]


@pytest.mark.parametrize("text, earlier", [
    ("Housing officers should make a home visit to any tenant who falls behind with rent after disclosing abuse.",
     ["visit"]),
    ("Where a high-risk victim will not support a prosecution, the constabulary should apply for a DVPO.", ["order"]),
    ("Housing officers should write to any tenant who falls behind with rent.", []),  # rent, but another action
])
def test_somewhat_alike_in_meaning_is_a_repeat_when_the_action_asked_is_shared(text, earlier):
    assert [e.id for e, _ in near_duplicates(text, HOUSING)] == earlier

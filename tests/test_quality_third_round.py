"""The quality check's third round: vague addressees (an unnamed partnership, a passive with no
agent) answer for nothing, while an organisation's own name does; training in other words (staff
reminded or made aware, lessons passed on to staff, guidance written for them, training "provided"
in the passive); a vague verb whose means is a concrete change is concrete; a change written as a
gerund or an irregular participle is checkable; repeats worded in other names of the same agency and
action, and no repeat when another agency is asked to act or training is asked for instead of a change."""
from __future__ import annotations

import datetime as dt

import pytest

from dhr.data.recommendation_quality import Draft, Earlier, agency_names, flag_names
from search.quality_repeats import near_duplicates
from search.repeat_meaning import actions_asked, actor_kinds, same_kind_of_ask

AGENCIES = agency_names(["Westshire Constabulary", "Eastbridge Integrated Care Board"])
SMART = dict(target_dates=(dt.date(2027, 3, 31),), intended_outcome="Victims are safer",
             outcome_measure="Quarterly audit of 30 cases; target 90%")


def raised(text: str, **fields) -> list[str]:
    return flag_names(Draft(text=text, **{"lead_agency": "Westshire Constabulary", **SMART, **fields}), AGENCIES)


@pytest.mark.parametrize("text, accountable", [
    ("The partnership should ensure that the information sharing protocol is rewritten.", False),
    ("It is recommended that e-learning is made available on stalking.", False),
    ("Relevant partners should introduce a joint strangulation pathway.", False),
    ("Jobcentre Plus should offer separate payments to claimants who disclose economic abuse.", True),
    ("Victim Support should contact every victim within two days.", True),
    ("The Care Act assessment should include a question about money.", False),
    ("Designated safeguarding leads should record each disclosure on the school system.", True),
    ("Health visitors should ask every mother about abuse when she is alone.", True),
    ("The partnership board should publish a referral pathway.", True),
])
def test_who_answers_for_it(text, accountable):
    assert ("no_accountable_body" not in raised(text, lead_agency=None)) is accountable


@pytest.mark.parametrize("text, flags", [
    ("It is recommended that training is provided on stalking.", {"training_only"}),
    ("It is recommended that refresher sessions are delivered to housing staff.", {"training_only"}),
    ("The trust should ensure that ward nurses are aware of the referral criteria.", {"vague_verb", "training_only"}),
    ("Westshire Constabulary should remind call handlers of the stalking questions.", {"vague_verb", "training_only"}),
    ("The learning should be disseminated to frontline staff in each agency.", {"vague_verb", "training_only"}),
    ("The ICB should issue a guidance leaflet to practice nurses on coercive control.", {"training_only"}),
    ("The council should make sure victims are aware of the sanctuary scheme.", {"vague_verb"}),
    ("The council should translate its leaflets for victims into five languages.", set()),
    ("Staff should be reminded of the importance of recording disclosures.", {"vague_verb"}),
    ("The ICB should improve the referral pathway by introducing a single referral form.", set()),
    ("The hospital should note each disclosure on the patient's electronic record.", set()),
    ("Women's Aid should offer outreach support to victims in rural areas.", set()),
    ("The constabulary should seek assurance that its policies are up to date.", {"vague_verb"}),
])
def test_what_is_asked_for(text, flags):
    assert set(raised(text)) & {"vague_verb", "training_only"} == flags


@pytest.mark.parametrize("text, checkable", [
    ("The ICB should improve the pathway by introducing a new referral form.", True),
    ("The constabulary should ensure the stalking protocol is rewritten.", True),
    ("The Home Office should amend the statutory guidance.", True),
    ("The constabulary should set up a stalking unit.", False),
])
def test_a_change_in_any_form_of_its_verb_is_checkable(text, checkable):
    assert ("no_measurable_outcome" not in raised(text, intended_outcome="", outcome_measure="")) is checkable


@pytest.mark.parametrize("measure, measurable", [
    ("Progress will be monitored by the board", False),
    ("Progress monitored quarterly against the 2025 baseline", True),
])
def test_monitoring_with_nothing_to_count_measures_nothing(measure, measurable):
    assert ("no_measurable_outcome" not in raised("The constabulary should set up a stalking unit.",
                                                  outcome_measure=measure)) is measurable


@pytest.mark.parametrize("text, dated", [
    ("The constabulary should appoint a stalking lead within the next year.", True),
    ("The constabulary should appoint a stalking lead as soon as possible.", False),
])
def test_a_timescale_in_words(text, dated):
    assert ("no_date" not in raised(text, target_dates=())) is dated


# Repeats: paraphrases that meet through the lexicon, and lookalikes that differ in who acts or in what is asked.
EARLIER = [
    Earlier("dwp", "R1", "The Department for Work and Pensions should flag claimants who disclose economic abuse so "
            "that staff can offer separate payments.", None, "not_started"),
    Earlier("strangle", "R2", "Paramedics should raise a safeguarding concern whenever they see signs of non-fatal "
            "strangulation.", None, "overdue"),
    Earlier("idva", "R3", "The emergency department should refer every patient who discloses domestic abuse to the "
            "hospital IDVA service.", None, "not_started"),
    Earlier("older", "R4", "The Community Safety Partnership should commission a specialist domestic abuse service "
            "for older victims.", None, "not_started"),
]


def repeats(text: str) -> list[str]:
    return [e.id for e, _ in near_duplicates(text, EARLIER)]


@pytest.mark.parametrize("text, earlier", [
    ("Work coaches at the jobcentre should put a marker on the claim of anyone disclosing economic abuse so that "
     "split payments can be offered.", "dwp"),
    ("Ambulance clinicians should make a safeguarding referral when they find evidence of strangulation.", "strangle"),
    ("The council should fund a dedicated domestic abuse service for people aged 65 and over.", "older"),
])
def test_a_paraphrase_in_other_names_is_a_repeat(text, earlier):
    assert repeats(text) == [earlier]


@pytest.mark.parametrize("text", [
    "Housing officers should refer every tenant who discloses domestic abuse to an IDVA.",  # another agency acts
    "The safeguarding adults board should commission a thematic review of abuse of older people.",  # another body
    "The emergency department should train its staff to refer patients who disclose abuse to the IDVA.",  # training
])
def test_the_same_words_with_another_actor_or_another_kind_of_ask_are_no_repeat(text):
    assert repeats(text) == []


def test_who_acts_is_the_subject_or_the_agent_of_a_passive():
    assert actor_kinds("Housing officers should refer tenants to the IDVA service.") == {"housing"}
    assert actor_kinds("Schools should be told by the police after an incident.") == {"police"}
    assert actor_kinds("Risk management plans should be sent to the MARAC.") == frozenset()


def test_an_empty_verb_is_named_by_its_object_and_training_does_not_repeat_a_change():
    assert "safeguarding concern" in actions_asked("Crews should make a safeguarding referral.")
    assert not same_kind_of_ask("Officers should be trained in the DASH.",
                                "Officers should complete the DASH at every incident.")


@pytest.mark.parametrize("text, flags", [
    ("Officers should be made aware of the new stalking guidance.", {"vague_verb", "training_only"}),
    ("The ICB should remind GPs to ask about abuse.", {"vague_verb", "training_only"}),
    ("Learning from this review should be cascaded to all staff.", {"vague_verb", "training_only"}),
    ("The constabulary should ensure officers understand coercive control.", {"vague_verb", "training_only"}),
    ("The ICB should promote the e-learning module to practice staff.", {"vague_verb", "training_only"}),
    ("The constabulary should deliver a presentation to staff on this review.", {"training_only"}),
    ("The constabulary should continue its work on coercive control.", {"vague_verb"}),
    ("The ICB should assess the feasibility of a domestic abuse template.", {"vague_verb"}),
    ("The ICB should keep its approach under review.", {"vague_verb"}),
    ("Schools should be made aware of the learning from this review.", {"vague_verb"}),
])
def test_telling_staff_and_only_thinking_in_other_words(text, flags):
    assert set(raised(text)) & {"vague_verb", "training_only"} == flags


@pytest.mark.parametrize("measure, measurable", [
    ("Fewer repeat referrals to MARAC", True),
    ("Every new case has a safety plan on file", True),
    ("Staff questionnaire before and after", True),
    ("More referrals to the IDVA than last year", True),
    ("Victims report feeling safer in exit interviews", True),
    ("Staff are more aware", False),
    ("Improved practice", False),
    ("All staff are confident", False),
])
def test_a_measure_in_other_words(measure, measurable):
    assert ("no_measurable_outcome" not in raised("The constabulary should set up a stalking unit.",
                                                  outcome_measure=measure)) is measurable


def test_an_acronym_names_an_organisation():
    assert "no_accountable_body" not in raised("HMPPS should share release dates with the IDVA.", lead_agency=None)


def test_phrases_whose_words_stand_apart_are_read_as_one():
    from search.repeat_meaning import concepts
    assert "share" in concepts("The police should let the child's school know.")
    assert "invite" in concepts("The chair should ask the patient's GP to attend.")
    assert "spoc" in concepts("Each victim should be given a named police contact.")


def test_guidance_issued_to_staff_in_the_passive_is_training():
    assert "training_only" in raised("Guidance should be issued to practitioners on identifying economic abuse.")

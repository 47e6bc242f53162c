"""The scanner behind the publication check: each kind of personal data as drafts hold it
(split by line breaks, in lower case, hyphenated at a line end), reported at its offsets in the
original text; and what it must leave alone."""
from __future__ import annotations

import pytest

from dhr.data.personal import Setting, find
from dhr.data.personal.normalise import normalise

SETTING = Setting(pseudonyms=("Adult A", "Child B", "Perpetrator"), chair="Helen Marsh",
                  panel=("Priya Natarajan", "Tom Beckett"), never_publish=("Sarah Jones",),
                  allow=("0808 2000 247", "1 Lancaster Circus, Birmingham B4 7DJ"),
                  agencies=("West Midlands Police", "Birmingham Women's Aid", "Forward Thinking Birmingham",
                            "University Hospitals Birmingham NHS Foundation Trust"))


def found(text, setting=SETTING):
    return [(hit.kind, hit.value) for hit in find(text, setting)]


@pytest.mark.parametrize("text, kind, value", [
    ("Mrs Doe told the health visitor she was frightened.", "person_name", "Mrs Doe"),
    ("PC O'Brien attended and spoke to Mr. McAllister.", "person_name", "PC O'Brien"),
    ("Kevin Hartley was arrested on suspicion of assault.", "person_name", "Kevin Hartley"),
    ("Adult A's mother, Margaret, phoned the police.", "person_name", "Margaret"),
    ("Mark Jones, her brother, said she was withdrawn.", "person_name", "Mark Jones"),
    ("Her ex-partner, Dean, moved in that summer.", "person_name", "Dean"),
    ("She told John about the threats.", "person_name", "John"),
    ("The perpetrator, Darren\nWhitfield, had two previous partners.", "person_name", "Darren\nWhitfield"),
    ("She lived at 14 Acacia Avenue with her son.", "street_address", "14 Acacia Avenue"),
    ("The flat at Flat 3, 27 Coventry Road was let to her.", "street_address", "Flat 3, 27 Coventry Road"),
    ("Officers went to 9 elm grove after the call.", "street_address", "9 elm grove"),
    ("She moved to B15 2TT in 2019.", "postcode", "B15 2TT"),
    ("her new address was in b12 9qt", "postcode", "b12 9qt"),
    ("the refuge at B12\n9QT took her", "postcode", "B12\n9QT"),
    ("Child B attended Nansen Primary School until 2018.", "school", "Nansen Primary School"),
    ("She was a pupil at St Mary's C of E Primary School.", "school", "St Mary's C of E Primary School"),
    ("He had started at Holte School that September.", "school", "Holte School"),
    ("She worked as a care assistant at Sunnyside Care Home.", "workplace", "Sunnyside Care Home"),
    ("He was employed by Jaguar Land Rover at the time.", "workplace", "Jaguar Land Rover"),
    ("She was registered with Oakwood Surgery from 2015.", "gp_practice", "Oakwood Surgery"),
    ("Her GP at Heathfield Medical Centre referred her.", "gp_practice", "Heathfield Medical Centre"),
    ("He drove a silver Ford Focus, registration AB12 CDE.", "vehicle_registration", "AB12 CDE"),
    ("the car (ab12cde) was seen outside", "vehicle_registration", "ab12cde"),
    ("His van, reg. number W123 ABC, was seized.", "vehicle_registration", "W123 ABC"),
    ("Her National Insurance number is AB 12 34 56 C.", "ni_number", "AB 12 34 56 C"),
    ("ni number ab123456c was on the form", "ni_number", "ab123456c"),
    ("Police crime reference 20BE/123456A/21 was given.", "reference_number", "20BE/123456A/21"),
    ("Incident log 1234 of 12/03/2019 records the call.", "reference_number", "log 1234 of 12/03/2019"),
    ("Her hospital number was K1234567.", "reference_number", "K1234567"),
    ("Children's social care case reference no. 4471234.", "reference_number", "4471234"),
    ("The sort code 20-45-77 was on the statement.", "bank_details", "20-45-77"),
    ("He moved money from account number 41234567 weekly.", "bank_details", "41234567"),
    ("A card 4111 1111 1111 1111 was used in Leeds.", "bank_details", "4111 1111 1111 1111"),
    ("She posted as @jade_b1985 on Instagram.", "social_media", "@jade_b1985"),
    ("his Facebook profile facebook.com/darren.whit.77 showed it", "social_media", "facebook.com/darren.whit.77"),
    ("on Snapchat as 'lilrose99' she was messaged", "social_media", "lilrose99"),
    ("She was born in February 1985 in Walsall.", "date_of_birth", "February 1985"),
    ("Adult A (born 1985-02-14) was the youngest.", "date_of_birth", "1985-02-14"),
    ("DOB 14/02/85, female, white British.", "date_of_birth", "14/02/85"),
    ("d.o.b. 3rd March 1979", "date_of_birth", "3rd March 1979"),
    ("She rang him on 07700 900123 every day.", "phone", "07700 900123"),
    ("Her mobile was 07700\n900 456.", "phone", "07700\n900 456"),
    ("landline 0121 496 0000 at her mother's", "phone", "0121 496 0000"),
    ("He wrote to sarah.j85@example.com twice.", "email", "sarah.j85@example.com"),
    ("Her NHS number 943 476 5919 was on the referral.", "nhs_number", "943 476 5919"),
    ("Her NHS no. is 485 777 3456 (as the referral typed it).", "nhs_number", "485 777 3456"),
    ("Hospital number: RXK 0034521 was on the discharge letter.", "reference_number", "RXK 0034521"),
    ("The MASH ref 1234567 was closed.", "reference_number", "1234567"),
    ('He posted on Facebook under the name "Leroy D" for months.', "social_media", "Leroy D"),
    ("sarah told the IDVA she was afraid.", "person_name", "sarah"),
    ("Sarah\nJones did not attend.", "never_publish", "Sarah\nJones"),
    ("sarah jones did not attend.", "never_publish", "sarah jones"),
])
def test_finds_each_kind_as_drafts_hold_it(text, kind, value):
    assert (kind, value) in found(text)


def test_a_name_is_found_again_alone_after_it_was_seen_whole():
    text = "Adult A met Kevin Hartley in 2015. Hartley was controlling. Later Hartley moved away."
    assert found(text) == [("person_name", "Kevin Hartley"), ("person_name", "Hartley"), ("person_name", "Hartley")]


def test_a_name_repeated_after_the_pseudonym_was_set():
    text = "The victim, referred to here as Adult A, ... On 3 May Jane told her GP she was afraid."
    assert ("person_name", "Jane") in found(text)


def test_a_word_of_a_never_publish_name_is_found_alone():
    assert found("Jones was seen by the GP.") == [("person_name", "Jones")]


@pytest.mark.parametrize("text", [
    "Adult A and her son Child B were known to the Perpetrator's family.",
    "The chair, Helen Marsh, met the panel: Priya Natarajan and Tom Beckett.",
    "Ms Marsh thanked the family. Helen Marsh is independent of every agency.",
    "West Midlands Police and Birmingham Women's Aid shared information with Forward Thinking Birmingham.",
    "University Hospitals Birmingham NHS Foundation Trust saw her at Heartlands Hospital.",
    "She moved from Sutton Coldfield to Kings Heath, then to Sheldon and Stockport.",
    "Call the National Domestic Abuse Helpline on 0808 2000 247 at any time.",
    "Write to the partnership at 1 Lancaster Circus, Birmingham B4 7DJ.",
    "Monckton Smith (2020) describes an eight-stage timeline; Stark (2007) describes coercive control.",
    "Clare's Law (the Domestic Violence Disclosure Scheme) was not used.",
    "In March 2019 the GP practice referred her to the IDVA service at the hospital.",
    "On 12 March 2019 police attended. On 14/03/2019 the GP saw Adult A.",
    "The school, the surgery and her employer were not told.",
    "She was born in 1985 and moved in 2001.",
    "Recommendation 3: Primary School staff should complete training by June 2025.",
    "This is review BDHR2016/17-03, following BDHR2015/16-01.",
    "Between 2018 and 2020, 1,234 calls were made; 120 000 contacts in all.",
    "Coercive control became an offence under the Serious Crime Act 2015.",
    "The Royal College of Nursing's guidance on routine enquiry was not followed.",
    "Glossary: PCSO Police Community Support Officer; IDVA Independent Domestic Violence Advisor.",
    "Research by Professor Jane Monckton Smith (2019) informed the analysis.",
    "She was taken to the Queen Elizabeth Hospital Birmingham, then to Mary Seacole House.",
    "The Lucy Faithfull Foundation works with people worried about their behaviour.",
    "The Ministry of Justice consulted on the Domestic Abuse Bill; Good Hope hospital took part.",
    "The Dean of the medical school wrote to the panel.",
])
def test_leaves_alone_what_is_not_personal_data(text):
    assert found(text) == []


def test_offsets_point_into_the_original_text():
    text = "Seen at\r\n  B12\n9QT by Mrs Hartley-\nson on\n07700 900123."
    for hit in find(text, SETTING):
        assert text[hit.start:hit.end] == hit.value
    assert [h.kind for h in find(text, SETTING)] == ["postcode", "person_name", "phone"]
    assert find(text, SETTING)[1].value == "Mrs Hartley-\nson"


def test_normalising_keeps_where_each_character_came_from():
    text = "one\n\ntwo  hyph-\nenated B12-\nline"
    normal = normalise(text)
    assert normal.text == "one\ntwo hyphenated B12- line"
    start = normal.text.index("hyphenated")
    assert text[slice(*normal.span(start, start + len("hyphenated")))] == "hyph-\nenated"


def test_allow_list_matches_however_it_is_spaced():
    setting = Setting(allow=("0808 2000 247",))
    assert found("ring 0808 200 0247 or +44 808 2000 247", setting) == []
    assert found("ring 0808 200 0248", setting) == [("phone", "0808 200 0248")]


def test_words_run_on_from_a_pseudonym_are_not_a_name_but_a_real_name_beside_it_is():
    setting = Setting(pseudonyms=("Adult K",))
    assert find("The review into the death of Adult K. Agencies did not share what they knew.",
                         setting) == []
    hits = find("Adult K (Sarah Collins) told her GP.", setting)
    assert [(h.kind, h.value) for h in hits] == [("person_name", "Sarah Collins")]

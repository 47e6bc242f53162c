"""The publication check's rules one by one: each finds what it is for, written the ways drafts write
it, and leaves alone the look-alikes that published reports hold."""
from __future__ import annotations

import pytest

from dhr.data.personal import Setting, find

SETTING = Setting(pseudonyms=("Adult A", "Jasmine"), chair="Helen Marsh", panel=("Tom Beckett",),
                  allow=("0808 2000 247",))


def found(text, setting=SETTING):
    return [(hit.kind, hit.value) for hit in find(text, setting)]


@pytest.mark.parametrize("text, kind, value", [
    # NHS numbers: grouped 3-3-4 near the word NHS whatever the check digit; said to be one after a few words
    ("The NHS numbers were 485 777 3456 and 943 476 5918.", "nhs_number", "943 476 5918"),
    ("Her NHS number, recorded on the form as 4857773457, was wrong.", "nhs_number", "4857773457"),
    # reference numbers by their own shape
    ("Custody record CU/20/004512 shows no injuries.", "reference_number", "CU/20/004512"),
    ("The tenancy file HA/TEN/558213 records a request.", "reference_number", "HA/TEN/558213"),
    ("The inquest file is INQ-21-0384.", "reference_number", "INQ-21-0384"),
    ("Her hospital notes RQ30048291 were reviewed.", "reference_number", "RQ30048291"),
    ("patient number WIC 0048812 was given", "reference_number", "WIC 0048812"),
    # vehicle registrations
    ("a hire van, SN 68 BXD, was booked", "vehicle_registration", "SN 68 BXD"),
    ("two vehicles: a blue Ford Transit, Y784 KLM, and a car", "vehicle_registration", "Y784 KLM"),
    ("his number plate J4 NEY was seen", "vehicle_registration", "J4 NEY"),
    # social media
    ("a new account, daz.back.again, appeared the next day", "social_media", "daz.back.again"),
    ('on a dating site he used the name "WayneyH76" for months', "social_media", "WayneyH76"),
    ("Messages came from kaz_88 and from big.daz.07 all night.", "social_media", "big.daz.07"),
    ('On Snapchat he was "dazzle_w" to her friends.', "social_media", "dazzle_w"),
    # e-mail addresses
    ("write to jane.doe [at] example [dot] com", "email", "jane.doe [at] example [dot] com"),
    ("she wrote from sarah.j85@\nexample.com", "email", "sarah.j85@\nexample.com"),
    # bank details
    ("Her Lloyds statement shows 30-94-57 as the sort code.", "bank_details", "30-94-57"),
    ("the card number 1234 5678 9012 3456 was used", "bank_details", "1234 5678 9012 3456"),
    ("account no: 4123 4567 was emptied", "bank_details", "4123 4567"),
    ("She had a Monzo account, number 87654321.", "bank_details", "87654321"),
    # National Insurance numbers in the specimen's letters, in capitals or said to be one
    ("Her NI number was QQ123456C.", "ni_number", "QQ123456C"),
    ("the form gave QQ 12 34 56 C as his", "ni_number", "QQ 12 34 56 C"),
    ("national insurance no. qq 12 34 56 c", "ni_number", "qq 12 34 56 c"),
    ("the address was 10 downing st", "street_address", "10 downing st"),
    # postcodes: only the outward half, said to be one
    ("her postcode, WS3, was on the letter", "postcode", "WS3"),
    # dates of birth
    ("His date of birth is given in the notes as 1988-11-02.", "date_of_birth", "1988-11-02"),
    ("gives his date of birth as 14 Feb 1982", "date_of_birth", "14 Feb 1982"),
    ("She was born in Walsall on 3 April 1985.", "date_of_birth", "3 April 1985"),
    ("She was born on 3rd April and grew up locally.", "date_of_birth", "3rd April"),
    ("Jason Kirkbride (14.02.1982) had convictions.", "date_of_birth", "14.02.1982"),
    ("The record lists 1979-04-03 in the first field.", "date_of_birth", "1979-04-03"),
    ("Her date of birth, from the Police National Computer, is 09/11/1990.", "date_of_birth", "09/11/1990"),
    ("His PNC ID 12/345678X was checked.", "reference_number", "12/345678X"),
    ("her new card, which ended 0457, was used", "bank_details", "0457"),
    # workplaces
    ("He worked nights at Tesco Extra in Dudley.", "workplace", "Tesco Extra in Dudley"),
    ("Adult A's employer, Birchfield Dental Care, noticed.", "workplace", "Birchfield Dental Care"),
    ("She was a cleaner at Hilltop Lodge for a year.", "workplace", "Hilltop Lodge"),
    ("He was a chef at The Kings Arms in Lichfield.", "workplace", "The Kings Arms"),
    ("She was employed at Walsall Manor Hospital as a ward clerk.", "workplace", "Walsall Manor Hospital"),
    ("His employer was Prime Parcels.", "workplace", "Prime Parcels"),
    ("His firm, Castlegate Engineering, employed six.", "workplace", "Castlegate Engineering"),
    # schools and GP practices before a word in lower case; named after its road, it is the practice
    ("She attended Holte school until 2015.", "school", "Holte school"),
    ("She was registered at the Oaks practice.", "gp_practice", "Oaks practice"),
    ("She was registered at Moss Lane Surgery.", "gp_practice", "Moss Lane Surgery"),
    ("registered with Kingsway Medical Group", "gp_practice", "Kingsway Medical Group"),
    # names
    ("Her sister, Kerry, said that the family knew.", "person_name", "Kerry"),
    ("Jordan Pike had an apprenticeship.", "person_name", "Jordan Pike"),
    ("Sophie-Louise Bennett gave a statement.", "person_name", "Sophie-Louise Bennett"),
    ("She gave Kevin's phone to the police.", "person_name", "Kevin's"),
])
def test_each_rule_finds_what_it_is_for(text, kind, value):
    assert (kind, value) in found(text)


def test_a_first_name_found_whole_is_found_again_in_lower_case_unless_it_is_an_ordinary_word():
    text = 'Ashley Vine was known to the service. The message said "tell ashley i aint there".'
    assert ("person_name", "ashley") in found(text)
    text = "Mark Hollins was known to the service. She made a mark on the form."
    assert ("person_name", "mark") not in found(text)


@pytest.mark.parametrize("text", [
    "The number 943 476 5918 fails the check digit.",
    "Call the National Domestic Abuse Helpline on 0808 2000 247 at any time.",
    "ISO 27001 and BS 7666 are standards; the A4540 and the M6 are roads.",
    "In 2021/22 there were 4,312 incidents, 12.5% more than in 2020/21; paragraph 4.12 applies.",
    "On 12-03-19 police attended; on 14/03/2020 the MARAC met; on 21.07.2020 the IDVA closed the case.",
    "She was born in 1985 and on 12 May 2019 moved to Walsall.",
    "Adult A was British-born and the first-born child; the registration of her death was delayed.",
    "She had a bank account in her own name, but he controlled the card and the online banking.",
    "She used Snapchat, Instagram and WhatsApp; practitioners should ask about e.g. location sharing.",
    "The perpetrator drove a grey Vauxhall Astra to her work.",
    "This review found Good Practice, Reflective Practice and Trauma-Informed Practice.",
    "The College of Policing's Authorised Professional Practice was followed; the Good Practice Panel met.",
    "West Midlands Ambulance Service University NHS Foundation Trust attended three times.",
    "The Virtual School Head and a Church of England school contributed; a Walsall GP practice too.",
    "Staffordshire and Stoke-on-Trent Integrated Care Board and Stoke-on-Trent City Council took part.",
    "Dudley Metropolitan Borough Council and Lincoln City Council provided chronologies. Dudley has a refuge.",
    "Neither practice knew; West Midlands Police practice has changed.",
    "Agencies work in partnership with Black Country Women's Aid.",
    "Jasmine's sister said that Jasmine was afraid.",
    "Her postcode area was not recorded.",
    "She was born in Pakistan, arriving in the UK in March 2005.",
    "This is the report of review DHR/2020/0012 (also WDHR-2021-0003).",
    "Adult A was a frequent attender at Walsall Manor Hospital.",
    "The author is a senior manager at West Midlands Police and was a nurse at the Dudley Group NHS Trust.",
])
def test_leaves_alone_what_published_reports_hold(text):
    assert found(text) == []

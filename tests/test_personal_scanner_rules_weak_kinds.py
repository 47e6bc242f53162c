"""The publication check's rules for the kinds it found hardest (workplaces, GP practices, dates of birth,
social media names, nicknames, registrations): each finds what it is for, and leaves alone the look-alikes
published reports hold (headings, partnerships, programmes, agencies, places)."""
from __future__ import annotations

import pytest

from dhr.data.personal import Setting, find

SETTING = Setting(pseudonyms=("Adult A",), chair="Helen Marsh", panel=("Tom Beckett",))


def found(text, setting=SETTING):
    return [(hit.kind, hit.value) for hit in find(text, setting)]


@pytest.mark.parametrize("text, kind, value", [
    # workplaces by what a trade's name ends in, a region before Ltd, community interest companies
    ("She cleaned for Brightshine Cleaning Services Ltd.", "workplace", "Brightshine Cleaning Services Ltd"),
    ("He drove for Kellaway Haulage (Midlands) Ltd at night.", "workplace", "Kellaway Haulage (Midlands) Ltd"),
    ("She volunteered at Open Door Kitchen CIC on Tuesdays.", "workplace", "Open Door Kitchen CIC"),
    ("paid by her employer, Fenwick & Dale Solicitors, in full", "workplace", "Fenwick & Dale Solicitors"),
    ("He guarded doors for Sentinel Guarding Solutions.", "workplace", "Sentinel Guarding Solutions"),
    ("She was placed at a depot by Prime Staffing Recruitment.", "workplace", "Prime Staffing Recruitment"),
    ("She rented a chair at Glamour Lounge Hair & Beauty.", "workplace", "Glamour Lounge Hair & Beauty"),
    ("She had been a team leader at Kestrel Foods for years.", "workplace", "Kestrel Foods"),
    # a firm named after the word for one, a trade's word after a name, a ward of a hospital worked on
    ("He worked in the stores for a furniture chain, Sofa Barn, until 2020.", "workplace", "Sofa Barn"),
    ("He had a second job at the Golden Dragon takeaway.", "workplace", "Golden Dragon"),
    ("She was a healthcare assistant on the maternity unit at Hollybank Hospital.", "workplace",
     "maternity unit at Hollybank Hospital"),
    # GP practices
    ("She moved to Ashcroft Health and Community Centre in 2018.", "gp_practice",
     "Ashcroft Health and Community Centre"),
    # dates of birth: a table's column, a list after "born", another record's version, a two-digit year
    ("Name | Relationship | Date of birth Child 1 | son | 04/03/2013", "date_of_birth", "04/03/2013"),
    ("The children were born in September 2010 and in April 2014.", "date_of_birth", "April 2014"),
    ("born on 12/12/2014; the registrar's record gives 12 December 2014.", "date_of_birth", "12 December 2014"),
    ("Her DOB: 19th Feb 84 was on the form.", "date_of_birth", "19th Feb 84"),
    # social media names without an @
    ("He posted videos on YouTube as TazzyTV every night.", "social_media", "TazzyTV"),
    ("his gaming tag on Xbox was TG_Reaper77 then", "social_media", "TG_Reaper77"),
    ("Her Facebook profile was under the name Vee Marsden-Lowe.", "social_media", "Vee Marsden-Lowe"),
    ("He set up a second account, Vee Is A Liar, and posted there.", "social_media", "Vee Is A Liar"),
    ("a new profile, DannyBoyWalsall, sent a request", "social_media", "DannyBoyWalsall"),
    # nicknames and single first names of children and relatives, in any list or none
    ("Her older brother, known in the family as Jonno, was fourteen.", "person_name", "Jonno"),
    ("The perpetrator, known as Taz to his friends, was 30.", "person_name", "Taz"),
    ("The children, Alfie and Poppy, moved away.", "person_name", "Poppy"),
    ("Her stepdad Gaz gave an account.", "person_name", "Gaz"),
    ("three children: Harley, born 14.08.2012, and a baby", "person_name", "Harley"),
    ("spoke to victim's mum sandra at the door", "person_name", "sandra"),
    ("She was born 04-Mar-2013 in Walsall.", "date_of_birth", "04-Mar-2013"),
    ("registered with Dr Khan and Partners since 2012", "gp_practice", "Dr Khan and Partners"),
    ("She was registered at the Pinfold GP practice.", "gp_practice", "Pinfold GP practice"),
    ("She was a nurse in the Emergency Department at Walsall Manor Hospital.", "workplace",
     "Emergency Department at Walsall Manor Hospital"),
    ("He was a labourer for Dean Hughes & Sons.", "workplace", "Dean Hughes & Sons"),
    ("her Instagram, jaybee.official, showed the house", "social_media", "jaybee.official"),
    ("The perpetrator's friend ran Kiran Support; his sister Mikey-Jo helped.", "person_name", "Mikey-Jo"),
    ("He attended the Brook Green Pupil Referral Unit in 2019.", "school", "Brook Green Pupil Referral Unit"),
    ("She was a pupil at Northfield Manor until 2020.", "school", "Northfield Manor"),
    ("She worked in a care home, Rosewood House, for years.", "workplace", "Rosewood House"),
    ("He was a delivery driver for Evri.", "workplace", "Evri"),
    # older and other registrations, said to be a vehicle's (in lower case too)
    ("a black Audi, AXZ 1234, was seen", "vehicle_registration", "AXZ 1234"),
    ("The neighbour wrote down the registration as s764hbn.", "vehicle_registration", "s764hbn"),
])
def test_each_rule_finds_what_it_is_for(text, kind, value):
    assert (kind, value) in found(text)


@pytest.mark.parametrize("text", [
    "Key Dates. Key Events are set out below. Key Lines of Enquiry were agreed. Key Findings follow.",
    "The Safer Sandwell Partnership and the Stronger Communities Partnership commissioned the review.",
    "The IRIS programme, MARAC, the IDVA service, the Freedom Programme and Operation Encompass were active.",
    "Agencies in the West Midlands, Staffordshire and Worcestershire took part; she had lived in Dudley.",
    "The Ask for Angela scheme runs in local bars; Haven Wolverhampton provides refuges.",
    "UK Finance's code was adopted by NatWest and Lloyds Banking Group.",
    "Trauma Informed Practice and Restorative Practice were discussed.",
    "Small and Medium Enterprises are harder to reach than the Local Authority.",
    "Adult Social Care Services, Children's Services and Bereavement Services were told.",
    "The Community Mental Health Team and the Crisis Resolution and Home Treatment Team held records.",
    "Healthy Minds, the local Talking Therapies service, discharged her.",
    "The Domestic Abuse Housing Alliance accreditation and the Sanctuary Scheme are recommended.",
    "The author is a named nurse at Walsall Manor Hospital.",
    "She was a patient on the maternity unit at Hollybank Hospital.",
    "The Partnership's Facebook page, Safer Sandwell, shares advice.",
    "Each of the children was seen by the school nurse.",
    "A Walsall GP practice and Key Practice Episodes were discussed.",
    "The Hollie Guard app, Amber Alert, Holly Lodge, Kiran Support and the Rosie Project were mentioned.",
    "The car was seen on the A34 and the M6 toll at 2 AM.",
    "This was a concern for Walsall Council; it was a referral for IRIS; she was in Year 9 at the time.",
    "She was a carer for her mother; he was a pupil at a school in Walsall.",
    "People aged 16 to 24 are most at risk; our delivery partner, Cranstoun, runs the Drive project.",
    "A process known as Triage. A programme called Pathfinder. Her sister, Mum and Dad came.",
    "The One Stop Shop opened in 2020; the Walsall Leisure Centre ran a session.",
    "She was seen by a nurse on the Acute Medical Unit at Walsall Manor Hospital.",
    "The chair is a former police officer and an associate trainer for SafeLives and Standing Together.",
])
def test_leaves_alone_what_published_reports_hold(text):
    assert found(text) == []

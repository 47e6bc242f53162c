"""More of the publication check's rules, for what the third development corpus showed it missed or
flagged wrongly: workplaces named by the work done there, people named by the words around them, and
the look-alikes long published sections hold (citations of several authors, agencies named after a
street, a saint or a person, counties, Acts and charters agencies work with)."""
from __future__ import annotations

import pytest

from dhr.data.personal import Setting, find

SETTING = Setting(pseudonyms=("Adult A",), chair="Helen Marsh", panel=("Tom Beckett",))


def found(text, setting=SETTING):
    return [(hit.kind, hit.value) for hit in find(text, setting)]


@pytest.mark.parametrize("text, kind, value", [
    ("For a time she was a part-time sales assistant at Lidl on Bury New Road.", "workplace", "Lidl on Bury New Road"),
    ("He had been a bus driver with Stagecoach until he was signed off.", "workplace", "Stagecoach"),
    ("The perpetrator later drove for Uber at weekends.", "workplace", "Uber"),
    ("She cleaned offices for Sparkle Clean Services in the evenings.", "workplace", "Sparkle Clean Services"),
    ("He was self-employed and traded as JT Property Maintenance.", "workplace", "JT Property Maintenance"),
    ("He works for the council's highways contractor, Amey.", "workplace", "Amey"),
    ("She was registered at Brookfield Medical until 2019.", "gp_practice", "Brookfield Medical"),
    ("She went to Netherhall Learning Campus from Year 7.", "school", "Netherhall Learning Campus"),
    ("Her best friend, Hina, said he read every message.", "person_name", "Hina"),
    ("Friends knew the perpetrator as Tank, from his rugby days.", "person_name", "Tank"),
    ("Her friends called her Bex. In messages she signed herself Bexy.", "person_name", "Bex"),
    ("Her friends called her Bex. In messages she signed herself Bexy.", "person_name", "Bexy"),
    ("He posted on a local group under the name Gaz Whelan for a year.", "person_name", "Gaz Whelan"),
    ("Officers were told he was Jordan Platt. Records for Jordan were not linked.", "person_name", "Jordan"),
    # a school or practice found once, by its short name again; by a name then what it is
    ("She moved to Oakhurst Junior School. Staff at Oakhurst saw bruises.", "school", "Oakhurst"),
    ("She was registered at the Elm Tree Surgery. She missed an appointment at Elm Tree.", "gp_practice",
     "Elm Tree"),
    ("She went to Hillside High School. The head of year at Hillside noticed.", "school", "Hillside"),
    ("She moved there from Kingsmead, a secondary academy in the next town.", "school", "Kingsmead"),
    # dates of birth
    ("She was born on Christmas Eve 1996 in Leeds.", "date_of_birth", "Christmas Eve 1996"),
    ("Her son, who was born in the summer of 1998, lives nearby.", "date_of_birth", "summer of 1998"),
    ("He gave his date of birth as 19.11.1991, though the police computer holds 11/19/1991.", "date_of_birth",
     "11/19/1991"),
    # social media names
    ("On Snapchat he was deanm0rr0w.", "social_media", "deanm0rr0w"),
    ("client on fb as lisa.marie.hx, told her to lock it down", "social_media", "lisa.marie.hx"),
    ("Another was a Snapchat called lucyyy.h.", "social_media", "lucyyy.h"),
    ("Child F was born on 14 February 2018 and her half-brother, Tyler, in June 2015.", "date_of_birth",
     "June 2015"),
    ("Her old school friends from Priestnall have set up a page.", "school", "Priestnall"),
    # the next job in the same sentence
    ("He worked for DPD as a driver and, from 2020, for Evri.", "workplace", "Evri"),
    ("The perpetrator was a barman at The Crown and a doorman at Club Neon.", "workplace", "Club Neon"),
    ("Adult P had been on the tills at Asda in Killingbeck for years.", "workplace", "Asda in Killingbeck"),
    ("She did two evenings behind the bar at the Wheatsheaf.", "workplace", "Wheatsheaf"),
    ("She also took agency shifts through Blue Arrow.", "workplace", "Blue Arrow"),
    ("He did deliveries for Just Eat on a moped.", "workplace", "Just Eat"),
    ("He was on the line at Nissan and then a trainee at Barclays.", "workplace", "Barclays"),
    ("She was a chef at the Lemon Tree, an Italian restaurant in Headingley.", "workplace", "Lemon Tree"),
    ("She had been at Fir Vale, her brother's school, until Year 9.", "school", "Fir Vale"),
    ("He worked for a scaffolding firm, Apex Access. His foreman at Apex Access said so.", "workplace",
     "Apex Access"),
    ("The GP at Moorgate Medical who saw his mother recorded concerns.", "gp_practice", "Moorgate Medical"),
    ("baby Isla, D/O/B 23/01/2020, was asleep", "date_of_birth", "23/01/2020"),
    ("The children called their grandmother Nana Pat.", "person_name", "Pat"),
    # notes typed in lower case
    ("spoke to client. says shaun took her bank card again.", "person_name", "shaun"),
    ("she is still doing shifts at the co-op on dale street but he drops her off", "workplace", "co-op"),
    ("5.3 adult hh worked at primark in the arndale for two years and then at jd sports.", "workplace",
     "jd sports"),
    ("client goes to dale street surgery, dr there is nice. kids at st marys primary.", "gp_practice",
     "dale street surgery"),
    ("client goes to dale street surgery, dr there is nice. kids at st marys primary.", "school",
     "st marys primary"),
])
def test_each_rule_finds_what_it_is_for(text, kind, value):
    assert (kind, value) in found(text)


@pytest.mark.parametrize("text", [
    "Todd, Bryce and Franklin (2021) and Chantler, Robbins, Baker and Stanley (2020) said so.",
    "St Anne's Community Services provides supported housing.",
    "The panel heard from the Mill Street Hub and the Harehills Lane Women's Centre.",
    "Family Support Workers are based at Bridge Street Family Centre and the Moor Road Children's Centre.",
    "The Joseph Rowntree Foundation's research was read; the Elizabeth Garrett Anderson wing was not involved.",
    "Children can be supported by Winston's Wish and by Child Bereavement UK.",
    "Similar recommendations were made in reviews in Cheshire, Kent and Northumberland.",
    "His work informed the offence introduced by the Serious Crime Act 2015.",
    "The lead for workplace health works with the Greater Manchester Good Employment Charter.",
    "The partnership should work with the Birmingham and Solihull Integrated Care Board on training.",
    "The Professional Curiosity training delivered by the Safeguarding Children Partnership was welcomed.",
    "Domestic Abuse Matters training, delivered with the College of Policing, was completed.",
    "A critical friend, Standing Together, reviewed the draft.",
    "She was on Facebook as well. He used Instagram, as did she.",
    "Barnardo's, a children's charity, and Refuge, a national charity, gave advice.",
    "The review began in the summer of 2022 and the panel met on Christmas Eve 2022.",
    "She went to the Radcliffe Primary Care Trust's clinic.",
    "notes: she works at home most days. kids at school, gp surgery aware. drives a grey astra reg unknown.",
    "officer says he worked for the council and then for the local authority.",
    "The panel found: staff working at the front door did not ask; officers who worked at the scene did.",
    "Learning: the school and the surgery should share records; the rota for june was not kept.",
    "Cranstoun, the commissioned agency, and Oasis, an academy trust, took part.",
    "He prayed in the name of God. Platforms such as Facebook, i.e. Meta's, were asked.",
])
def test_leaves_alone_what_published_reports_hold(text):
    assert found(text) == []


@pytest.mark.parametrize("text, flags", [
    # a short name that is a place's is the school's only after someone who is there; one that is part of
    # a longer name ("Oakfield Road") is not the practice's
    ("Walsall Academy was inspected. Walsall Council and agencies in Walsall were told.",
     [("school", "Walsall Academy")]),
    ("Her GP was at the Oakfield Surgery; staff at Oakfield and Oakfield Road were told.",
     [("gp_practice", "Oakfield Surgery"), ("gp_practice", "Oakfield"), ("street_address", "Oakfield Road")]),
    # the date after a birth's is another child's only when the sentence names one
    ("She was born on 3 May 1990 and died on 21 October 2020.", [("date_of_birth", "3 May 1990")]),
])
def test_flags_only_what_is_personal(text, flags):
    assert found(text) == flags

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
])
def test_leaves_alone_what_published_reports_hold(text):
    assert found(text) == []

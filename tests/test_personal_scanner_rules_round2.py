"""Readings learnt from a corpus written by someone who never saw the check: postcodes of any area in
capitals, numbers broken after a slash at a line end, references by more of the words that say so,
flats and units in buildings, names said by their age or by whose they are; and the look-alikes a
published report holds (cited researchers, people laws are named after, an anonymised "Mr C", a named
service's freephone number, a Practice Review)."""
from __future__ import annotations

import pytest

from dhr.data.personal import Setting, find

SETTING = Setting(pseudonyms=("Adult A",), chair="Helen Marsh", panel=("Tom Beckett",))


def found(text, setting=SETTING):
    return [(hit.kind, hit.value) for hit in find(text, setting)]


@pytest.mark.parametrize("text, kind, value", [
    ("She moved to 4 Orchard Rise, Dunmere, KV9 4TT in 2019.", "postcode", "KV9 4TT"),
    ("Her address was given as Flat 12, Cooper's Wharf, near the station.", "street_address",
     "Flat 12, Cooper's Wharf"),
    ("lives at apartment 3 willow court with the kids", "street_address", "apartment 3 willow court"),
    ("His date of birth was entered as 12/11/\n1979 on the system.", "date_of_birth", "12/11/\n1979"),
    ("Her date of birth, 2 May 1990, appears on the referral.", "date_of_birth", "2 May 1990"),
    ("The housing benefit claim reference HB-2231-77 was closed.", "reference_number", "HB-2231-77"),
    ("The safeguarding log is numbered SLG 40981.", "reference_number", "SLG 40981"),
    ("seen at home. dr okafor to review meds next week", "person_name", "dr okafor"),
    ("Adult A's line manager at Brackley Freight Forwarding, Mr Paul Dent, said so.", "workplace",
     "Brackley Freight Forwarding"),
    ("She registered at The Riverside Medical Partnership in 2018.", "gp_practice",
     "The Riverside Medical Partnership"),
    ("Children: Oscar (7) and Mason (4) were at home.", "person_name", "Mason"),
    ("Her friend said that Ashley, Adult A's ex-partner, had threatened her.", "person_name", "Ashley"),
])
def test_finds(text, kind, value):
    assert (kind, value) in found(text)


@pytest.mark.parametrize("text", [
    "Stark (2007) and Monckton Smith (2020) describe it; Karen Ingala Smith founded the Femicide Census.",
    "Evan Stark's book set out coercive control; Professor Jane Monckton Smith's study followed.",
    "Clare's Law is named after Clare Wood, who was killed in 2009.",
    "The onset of Mr C's illness came in 2018; Ms B's daughter was told.",
    "Men's Advice Line, for men experiencing domestic abuse: 0808 801 0327.",
    "Karma Nirvana, for forced marriage: 0800 5999 247.",
    "There was no Child Safeguarding Practice Review.",
    "The fund, named after Jade Ward, who was killed in 2021 by her former partner, supports families.",
])
def test_leaves_alone(text):
    assert found(text) == []


def test_a_freephone_number_not_given_as_a_services_is_still_flagged():
    assert found("She rang him from a free number, 0808 200 0248, that night.") == [("phone", "0808 200 0248")]
    assert found("Her mobile, 07700 900123, was on the form.") == [("phone", "07700 900123")]


def test_a_postcode_of_no_area_in_lower_case_stands_alone_is_not_one():
    assert ("postcode", "kb4 7qn") not in found("ref kb4 7qn was noted")


@pytest.mark.parametrize("text, kind, value", [
    ("The DSL at Parkside contacted social care.", "school", "Parkside"),
    ("Child W is in Year 4 at Millbrook.", "school", "Millbrook"),
    ("Her GP practice, Castle View, saw her twice.", "gp_practice", "Castle View"),
    ("Adult A's GP was at Meadowbank until 2020.", "gp_practice", "Meadowbank"),
    ("She was a patient of the Lantern Health Group.", "gp_practice", "Lantern Health Group"),
    ("Colleagues at Tesco Extra noticed bruising.", "workplace", "Tesco Extra"),
    ("She joined Penhale Bakeries as a shift supervisor in 2017.", "workplace", "Penhale Bakeries"),
    ("Before that he was on the line at Vauxhall for ten years.", "workplace", "Vauxhall"),
])
def test_finds_a_place_said_to_be_one(text, kind, value):
    assert (kind, value) in found(text)


@pytest.mark.parametrize("text", [
    "Colleagues at Fenmarsh Council shared the learning.",
    "She joined the panel as an independent member.",
    "vic staying at mums. perp not at address.",
    "Adult A drove a red Nissan Micra.",
    "Previous MARAC 14/02/23 heard the case.",
])
def test_leaves_alone_what_only_looks_like_one(text):
    assert [hit for hit in found(text) if hit[0] != "vehicle_registration"] == []


def test_a_gp_said_by_name_is_a_person_not_a_practice():
    assert found("Her GP was Dr Rao.") == [("person_name", "Dr Rao")]


def test_a_name_a_baby_is_named_after_is_still_a_name():
    assert ("person_name", "Edna Jones") in found("The baby was named after her grandmother, Edna Jones.")


@pytest.mark.parametrize("text, value", [
    ("She was on maternity leave from Halford Insurance at the time.", "Halford Insurance"),
    ("She cleaned offices for a firm called Sparkle Clean.", "Sparkle Clean"),
])
def test_finds_a_workplace_by_leave_from_it_or_a_firm_called_it(text, value):
    assert ("workplace", value) in found(text)

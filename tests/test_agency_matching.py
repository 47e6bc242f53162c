"""One rule for agency names: exact matches ignore case and spacing; suggestions find the near name;
a passage is addressed to the earliest agency it names."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from dhr.data import agency_matching
from dhr.data.vocab import AgencyKind

POLICE = SimpleNamespace(name="Northshire Police", kind=AgencyKind.POLICE)
ICB = SimpleNamespace(name="Northshire Integrated Care Board", kind=AgencyKind.PRIMARY_CARE)
HOUSING = SimpleNamespace(name="City Housing", kind=AgencyKind.HOUSING)
AGENCIES = [POLICE, ICB, HOUSING]


def test_exact_ignores_case_and_spacing_only():
    assert agency_matching.exact("  northshire   POLICE ", AGENCIES) is POLICE
    assert agency_matching.exact("Northshire Polce", AGENCIES) is None
    assert agency_matching.exact("", AGENCIES) is None


def test_suggest_finds_a_near_or_containing_name():
    names = [a.name for a in AGENCIES]
    assert agency_matching.suggest("Northshire Polce", names) == "Northshire Police"
    assert agency_matching.suggest("Housing", names) == "City Housing"
    assert agency_matching.suggest("Zebra crossing unit", names) is None


def test_mentioned_is_the_earliest_agency_named():
    assert agency_matching.mentioned("GPs and the police should share records", AGENCIES) is ICB
    assert agency_matching.mentioned("Northshire Police should review the housing referral", AGENCIES) is POLICE
    assert agency_matching.mentioned("Nobody in particular", AGENCIES) is None


def test_a_remembered_spelling_names_its_agency():
    police = SimpleNamespace(id=7, name="Northshire Police")
    housing = SimpleNamespace(id=8, name="City Housing")
    aliases = {"northshire constab.": 7}
    assert agency_matching.exact("Northshire  CONSTAB.", [police, housing], aliases) is police
    assert agency_matching.exact("City housing", [police, housing], aliases) is housing  # names first
    assert agency_matching.exact("Northshire Constab.", [police, housing]) is None
    assert agency_matching.exact("Northshire Constab.", [housing], aliases) is None  # its agency is retired


# Names as partnerships write them in action plans, and the agencies a partnership knows.
KNOWN = ["West Midlands Police", "Birmingham and Solihull ICB", "Birmingham Women's Aid",
         "University Hospitals Birmingham NHS Foundation Trust", "Probation Service", "Birmingham Children's Trust",
         "Housing Options", "Birmingham Community Healthcare NHS Foundation Trust"]
FEW = ["Police", "Birmingham Women's Aid", "Birmingham Children's Trust"]


@pytest.mark.parametrize("written, among_known, among_few", [
    ("BSol ICB", "Birmingham and Solihull ICB", None),  # an ICB is a health body, never the police
    ("Birmingham and Solihull ICB", "Birmingham and Solihull ICB", None),  # "Birmingham" and "and" are no ground
    ("WMP", "West Midlands Police", None),
    ("West Midlands Police", "West Midlands Police", "Police"),
    ("West Midlands Polce", "West Midlands Police", None),
    ("Birmingham Women's Aid", "Birmingham Women's Aid", "Birmingham Women's Aid"),
    ("Women's Aid", "Birmingham Women's Aid", "Birmingham Women's Aid"),
    ("BCHC", None, None),  # not the initials of Birmingham Children's Trust, nor of any other
    ("UHB", "University Hospitals Birmingham NHS Foundation Trust", None),
    ("Probation Service", "Probation Service", None),
    ("National Probation Service", "Probation Service", None),
    ("Children's Trust", "Birmingham Children's Trust", "Birmingham Children's Trust"),
    ("Housing Options", "Housing Options", None),
    ("City Housing", None, None),  # Housing Options may be another council's
    ("Birmingham", None, None),  # a place alone
    ("Northshire", None, None),
])
def test_a_suggestion_is_grounded(written, among_known, among_few):
    assert agency_matching.suggest(written, KNOWN) == among_known
    assert agency_matching.suggest(written, FEW) == among_few


def test_no_suggestion_of_another_kind_however_close_the_letters():
    assert agency_matching.kinds_of("BSol ICB") == {AgencyKind.PRIMARY_CARE}
    assert agency_matching.kinds_of("Northshire Constab.") == {AgencyKind.POLICE}
    assert agency_matching.suggest("BSol ICB", ["Police"]) is None
    assert agency_matching.suggest("City Housing", ["City Hospital"]) is None
    assert agency_matching.suggest("Northshire Constab.", ["Northshire Police", "City Housing"]) == "Northshire Police"
    two_forces = ["Northshire Police", "Southshire Police"]
    assert agency_matching.suggest("Police", two_forces) is None  # which one is not grounded
    assert agency_matching.suggest("Southshire Constabulary", two_forces) == "Southshire Police"
    assert agency_matching.suggest("West Midlands Police", ["West Mercia Police", "City Housing"]) is None
    for typo in ("Northshire Polise", "Northshire Polce", "Northshire Ploice", "Northshire Policee"):
        assert agency_matching.suggest(typo, two_forces) == "Northshire Police", typo
    assert agency_matching.suggest("Coventry Police", ["Police", "City Housing"]) == "Police"

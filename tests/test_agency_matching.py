"""One rule for agency names: exact matches ignore case and spacing; suggestions find the near name;
a passage is addressed to the earliest agency it names."""
from __future__ import annotations

from types import SimpleNamespace

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

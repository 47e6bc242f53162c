"""Action plans typed into plain-text reports: columns headed "Ref | Action | Owner", headings
such as "No." over a rule of dashes, cells wrapped onto lines of their own, and owners given by
codes a one-line key defines or by the initials of their names."""
from __future__ import annotations

import pytest

from dhr.data import agency_matching, extraction, proposals, report_agencies
from dhr.data.uploads import CheckedUpload

from . import factories as make


@pytest.fixture
def agencies(app):
    return {name: make.agency(name, kind) for name, kind in [
        ("Fenmarsh Police", "police"), ("Fenmarsh Hospitals NHS Foundation Trust", "health"),
        ("Fenmarsh Ambulance Service NHS Trust", "health"), ("Fenmarsh Mental Health NHS Trust", "mental_health"),
        ("Fenmarsh Domestic Abuse Service", "specialist_da"), ("Probation Service", "probation")]}


def _found(text: str) -> list[tuple[str, str, str | None]]:
    read = extraction.extract_text(CheckedUpload("plan.txt", "text", text.encode())).text
    return [(p.number, p.text, p.lead_agency.name if p.lead_agency else None) for p in proposals.propose(read)]


ANPR = "Ensure ANPR checks are made whenever a victim reports being followed."
VISIT = "Home visit within 10 working days when a person on licence discloses a new relationship."


def test_a_plan_whose_actions_are_its_recommendations_is_read(agencies):
    text = (f"Action plan\n\nOwners: FP = Fenmarsh Police; PS = Probation Service; FMHT = Fenmarsh Mental Health NHS "
            f"Trust\n\nRef\tAction\tOwner\tBy when\n4.1\t{ANPR}\tFP\t31/03/2026\n4.2\t{VISIT}\tPS\t31/12/2026\n\n"
            "End of plan.\n")
    assert _found(text) == [("4.1", ANPR, "Fenmarsh Police"), ("4.2", VISIT, "Probation Service")]


def test_a_one_line_key_of_codes_defines_each_of_them(agencies):
    key = "Owners: FP = Fenmarsh Police; PS = Probation Service"
    defined = report_agencies.abbreviations(key, list(agencies.values()))
    assert {short: agency.name for short, agency in defined.items()} == {"FP": "Fenmarsh Police",
                                                                         "PS": "Probation Service"}


def test_a_space_aligned_plan_headed_no_over_a_rule_keeps_its_wrapped_cells(agencies):
    text = ("No.  Recommendation                            Lead agency   Target\n"
            "---  ----------------------------------------  ------------  ---------\n"
            "1    Record the suspect's previous partners    Police        Mar 2026\n"
            "     on every domestic abuse crime report.\n"
            "2    Add a domestic abuse question to the      Hospital      Dec 2026\n"
            "     fracture clinic assessment.               Trust\n"
            "3    Close no referral after fewer than        FDAS          Jan 2026\n"
            "     three contact attempts.\n\nProgress will be reported.\n")
    assert _found(text) == [
        ("1", "Record the suspect's previous partners on every domestic abuse crime report.", "Fenmarsh Police"),
        ("2", "Add a domestic abuse question to the fracture clinic assessment.",
         "Fenmarsh Hospitals NHS Foundation Trust"),
        ("3", "Close no referral after fewer than three contact attempts.", "Fenmarsh Domestic Abuse Service")]


@pytest.mark.parametrize("written, known", [("FDAS", "Fenmarsh Domestic Abuse Service"),
                                            ("FMHT", "Fenmarsh Mental Health NHS Trust"),
                                            ("Hospital Trust", "Fenmarsh Hospitals NHS Foundation Trust"),
                                            ("Trust", None), ("FX", None), ("fdas", None)])
def test_a_name_written_as_initials_or_by_its_kind_and_own_words_is_suggested(written, known):
    names = ["Fenmarsh Police", "Fenmarsh Hospitals NHS Foundation Trust", "Fenmarsh Ambulance Service NHS Trust",
             "Fenmarsh Mental Health NHS Trust", "Fenmarsh Domestic Abuse Service"]
    assert agency_matching.suggest(written, names) == known

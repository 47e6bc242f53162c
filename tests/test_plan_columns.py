"""The Home Office column headings are read the same way by the spreadsheet import and by the
reading of action-plan tables inside uploaded reports."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from dhr.data import action_plans, plan_columns, proposals
from dhr.data.vocab import AgencyKind

POLICE = SimpleNamespace(name="Northshire Police", kind=AgencyKind.POLICE)


def test_one_vocabulary_for_import_export_and_the_import_page():
    assert action_plans.HOME_OFFICE_COLUMNS is plan_columns.HOME_OFFICE_COLUMNS
    assert action_plans.EXPORT_HEADERS is plan_columns.EXPORT_HEADERS
    assert [plan_columns.match_header(h) for h in plan_columns.HOME_OFFICE_COLUMNS] == [
        "text", "scope", "action", "lead", "milestones", "target", "completion"]


def test_a_report_table_with_template_heading_variants_becomes_proposals():
    text = "\n".join([
        "Ref | Recommendation | Actions required | Lead agency * | Target date (dd/mm/yyyy)",
        "1 | Officers should ask about coercive control at every call. | Training | Northshire Police | 31/03/2026",
    ])
    [found] = [p for p in proposals.propose(text, [POLICE]) if p.source == "table"]
    assert (found.number, found.lead_agency, found.action_to_take, found.target_date) == (
        "1", POLICE, "Training", dt.date(2026, 3, 31))


def test_the_blank_template_names_every_column_the_import_reads_once():
    fields = [plan_columns.match_header(h) for h in plan_columns.TEMPLATE_HEADERS]
    assert sorted(fields) == sorted(plan_columns.HEADER_VARIANTS)
    exported = [plan_columns.match_header(h) for h in plan_columns.EXPORT_HEADERS]
    assert [f for f in exported if f] == fields  # the export writes the template's columns, in its order

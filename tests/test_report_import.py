"""The report import reads recommendations as partnerships really write them: each cause of a
missed or mangled recommendation seen in real reports, one test each."""
from __future__ import annotations

import html
import io

import pytest

from dhr.data import extraction, proposals, report_layout
from dhr.data.uploads import CheckedUpload

from . import factories as make

RECS = ["Staff should receive training in recognising coercive control and separation risk.",
        "Practitioners should exercise professional curiosity when a partner answers for the patient."]


@pytest.fixture
def agencies(app):
    return {name: make.agency(name, kind) for name, kind in [
        ("Northshire Police", "police"), ("Northshire and Eastvale ICB", "primary_care"),
        ("National Probation Service", "probation"), ("Eastvale Domestic Abuse Service", "specialist_da"),
        ("Northshire Community Safety Partnership", "partnership"), ("Eastvale Homes", "housing"),
        ("Eastvale Mental Health Foundation Trust", "mental_health")]}


def _found(text: str) -> list[tuple[str, str, str | None]]:
    return [(p.number, p.text, p.lead_agency.name if p.lead_agency else None) for p in proposals.propose(text)]


def _pdf(body: str, style: str = "") -> bytes:
    from weasyprint import HTML

    css = ("body{font-family:sans-serif} td,th{border:1px solid #000;padding:3px;vertical-align:top} "
           "table{border-collapse:collapse;width:100%} " + style)
    return HTML(string=f"<html lang='en'><head><style>{css}</style></head><body>{body}</body></html>").write_pdf()


def _read(content: bytes, kind: str) -> str:
    return extraction.extract_text(CheckedUpload(f"report.{kind}", kind, content)).text


def _table(header, rows) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    return "<table><tr>" + head + "</tr>" + "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows) + "</table>"


@pytest.mark.parametrize("heading", ["Addressed to", "Owner", "Responsible", "Organisation", "Agency"])
def test_a_table_whose_lead_column_has_another_heading_is_read(agencies, heading):
    lead = "Eastvale Mental Health Foundation Trust"
    text = f"Recommendations\n\nNo | Recommendation | {heading}\n1 | {RECS[0]} | {lead}\n"
    assert _found(text) == [("1", RECS[0], "Eastvale Mental Health Foundation Trust")]


def test_a_table_of_number_and_recommendation_alone_is_a_list_of_recommendations(agencies):
    text = f"Recommendations\n\nNumber | Recommendation\n1 | {RECS[0]}\n2 | Northshire Police {RECS[1][14:]}\n"
    assert _found(text) == [("1", RECS[0], None), ("2", f"Northshire Police {RECS[1][14:]}", "Northshire Police")]


def test_a_markdown_rule_row_is_not_a_recommendation(agencies):
    text = f"| No | Recommendation | Organisation |\n|---|:---|---|\n| 1 | {RECS[0]} | Eastvale Homes |\n"
    assert _found(text) == [("1", RECS[0], "Eastvale Homes")]


def test_numbers_without_a_full_stop_are_read_under_a_recommendations_heading(agencies):
    text = ("Recommendations\n\n1 Northshire Police should audit its stalking response.\n\n"
            "2 Eastvale Homes should check rent arrears for abuse.\n\nConclusion\n\n3 The panel met six times.\n")
    assert _found(text) == [("1", "Northshire Police should audit its stalking response.", "Northshire Police"),
                            ("2", "Eastvale Homes should check rent arrears for abuse.", "Eastvale Homes")]


def test_sub_parts_stay_with_their_recommendation(agencies):
    text = ("Recommendations\n\n1. Northshire Police should strengthen its response to stalking:\n"
            "(a) by recording each breach of an order;\n(b) by referring high-risk cases to MARAC; and\n"
            "(c) by reviewing its training each year.\n\n2. Eastvale Homes should check rent arrears for abuse.\n")
    assert [n for n, _, _ in _found(text)] == ["1", "2"]
    assert _found(text)[0][1] == ("Northshire Police should strengthen its response to stalking: (a) by recording "
                                  "each breach of an order; (b) by referring high-risk cases to MARAC; and (c) by "
                                  "reviewing its training each year.")


def test_a_pdf_tables_cells_are_not_glued_onto_the_recommendation(agencies):
    body = "<h2>Recommendations</h2>" + _table(["No", "Recommendation", "Addressed to"], [
        ("1", RECS[0], "Eastvale Mental Health Foundation Trust"), ("2", RECS[1], "Northshire and Eastvale ICB")])
    assert _found(_read(_pdf(body), "pdf")) == [("1", RECS[0], "Eastvale Mental Health Foundation Trust"),
                                                ("2", RECS[1], "Northshire and Eastvale ICB")]


def test_running_headers_footers_and_page_numbers_are_stripped(agencies):
    style = ("@page{size:A6;margin:2cm 1cm;@top-center{content:'DHR Adult A - OFFICIAL';font-family:sans-serif}"
             "@bottom-center{content:'Page ' counter(page) ' of ' counter(pages);font-family:sans-serif}}")
    filler = "".join(f"<p>1.{i} The panel met again in the spring of that year.</p>" for i in range(1, 12))
    body = filler + "<h2>Recommendations</h2>" + "".join(f"<p>{i}. {html.escape(t)}</p>" for i, t in enumerate(RECS, 1))
    text = _read(_pdf(body, style), "pdf")
    assert "OFFICIAL" not in text and "Page 1 of" not in text
    assert [t for _, t, _ in _found(text)] == RECS


def test_words_hyphenated_at_line_ends_are_joined_again():
    text = "The recom-\nmendation covers image-\nbased abuse and multi-\nagency work; recom-\nmendation."
    assert report_layout.rejoin_hyphenated(text) == ("The recommendation covers image-based abuse and "
                                                     "multi-agency work; recommendation.")
    assert report_layout.cell_text("Offender managers should check police call-\nouts and dis\u2010\ncussions") == (
        "Offender managers should check police call-outs and discussions")


def test_a_hyphenated_pdf_table_cell_reads_as_written(agencies):
    long = "Safeguarding supervision should include discussion of perpetrators' intimidating behaviour."
    body = _table(["No", "Recommendation", "Addressed to"], [("1", long, "Northshire Police")])
    text = _read(_pdf(body, "td{hyphens:auto;width:3cm}"), "pdf")
    assert _found(text) == [("1", long, "Northshire Police")]


def test_an_addressed_to_cell_does_not_end_the_recommendations_section(agencies):
    table = _table(["No", "Recommendation", "Addressed to"], [("1", RECS[0], "Eastvale Homes")])
    body = ("<h2>Recommendations</h2>" + table
            + "<p>2. Northshire Police should audit its response to stalking reports.</p>")
    assert _found(_read(_pdf(body), "pdf")) == [
        ("1", RECS[0], "Eastvale Homes"),
        ("2", "Northshire Police should audit its response to stalking reports.", "Northshire Police")]


@pytest.mark.parametrize("text, lead", [
    ("National guidance on strangulation should be shared by the Community Safety Partnership.",
     "Northshire Community Safety Partnership"),
    ("All agencies should make sure that domestic abuse training covers economic abuse.",
     "Northshire Community Safety Partnership"),
    ("All agencies in Eastvale should record who accompanies a patient.",
     "Northshire Community Safety Partnership"),
    ("Probation should share risk information with the victim's advocate.", "National Probation Service"),
])
def test_the_lead_agency_is_not_guessed_from_generic_words_or_place_names(agencies, text, lead):
    assert _found(f"Recommendations\n\n1. {text}\n") == [("1", text, lead)]


def test_how_sure_the_lead_agency_is_is_said(agencies):
    text = ("Recommendations\n\nNo | Recommendation | Lead agency\n1 | Staff should record more. | Eastvale Homes\n\n"
            "2. GPs should ask routinely about abuse.\n\n3. Northshire Police should audit its stalking response.\n")
    found = proposals.propose(text)
    assert [p.lead_how for p in found] == [
        "from the report's lead agency column",
        "guessed from the kind of agency the recommendation names: check it",
        "named in the recommendation"]


def _docx_table_with_merged_cells() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Recommendations", level=1)
    grid = document.add_table(rows=4, cols=3)
    grid.cell(0, 0).merge(grid.cell(0, 2)).text = "Action plan"
    for c, value in enumerate(["Rec no", "Recommendation", "Agency"]):
        grid.cell(1, c).text = value
    grid.cell(2, 0).merge(grid.cell(3, 0)).text = "1"
    grid.cell(2, 1).merge(grid.cell(3, 1)).text = RECS[0]
    grid.cell(2, 2).text, grid.cell(3, 2).text = "Eastvale Homes", "Northshire Police"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_table_with_merged_cells_gives_one_recommendation(agencies):
    assert _found(_read(_docx_table_with_merged_cells(), "docx")) == [("1", RECS[0], "Eastvale Homes")]


def _docx_word_numbered(items: list[tuple[str, int]]) -> bytes:
    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    document.add_heading("Recommendations", level=1)
    numbering = document.part.numbering_part.element
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{f}"/><w:lvlText w:val="{t}"/>'
                     "</w:lvl>" for i, f, t in ((0, "decimal", "%1."), (1, "lowerLetter", "(%2)")))
    numbering.append(parse_xml(f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="77">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    for text, level in items:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>'))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_words_own_list_numbering_is_read(agencies):
    content = _docx_word_numbered([("Northshire Police should improve its stalking response:", 0),
                                   ("by recording each breach;", 1), ("by reviewing its training.", 1),
                                   ("Eastvale Homes should check rent arrears for abuse.", 0)])
    assert _found(_read(content, "docx")) == [
        ("1", "Northshire Police should improve its stalking response: (a) by recording each breach; (b) by "
              "reviewing its training.", "Northshire Police"),
        ("2", "Eastvale Homes should check rent arrears for abuse.", "Eastvale Homes")]


def test_a_pdf_with_no_text_layer_gets_the_no_text_message():
    import base64

    from weasyprint import HTML

    svg = "<svg xmlns='http://www.w3.org/2000/svg' width='50' height='20'><rect width='40' height='5'/></svg>"
    picture = base64.b64encode(svg.encode()).decode()
    content = HTML(string=f"<html><body><img src='data:image/svg+xml;base64,{picture}'></body></html>").write_pdf()
    extracted = extraction.extract_text(CheckedUpload("scan.pdf", "pdf", content))
    assert extraction.no_text_found(extracted) and "No text could be found" in extraction.NO_TEXT


def test_words_numbering_by_list_styles_keeps_a_sub_list_with_its_recommendation(agencies):
    import docx

    document = docx.Document()
    document.add_heading("Recommendations", level=1)
    document.add_paragraph("The panel made these recommendations:")
    for text, style in [("Northshire Police should review its stalking training.", "List Number"),
                        ("GPs should ask routinely about domestic abuse:", "List Number"),
                        ("at every appointment; and", "List Number 2"), ("when injuries are seen.", "List Number 2"),
                        ("Eastvale Homes should check rent arrears for abuse.", "List Number")]:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    assert [(n, t) for n, t, _ in _found(_read(out.getvalue(), "docx"))] == [
        ("1", "Northshire Police should review its stalking training."),
        ("2", "GPs should ask routinely about domestic abuse: 1. at every appointment; and 2. when injuries are seen."),
        ("3", "Eastvale Homes should check rent arrears for abuse.")]


def test_a_wrapped_line_starting_with_a_number_does_not_split_a_recommendation(agencies):
    text = ("Recommendations\n1 Northshire Police should review each case within\n28 Days of the report.\n"
            "2 Eastvale Homes should check rent arrears for abuse.\n")
    assert [(n, t) for n, t, _ in _found(text)] == [
        ("1", "Northshire Police should review each case within 28 Days of the report."),
        ("2", "Eastvale Homes should check rent arrears for abuse.")]


def test_a_pdf_table_set_out_without_lines_is_read_by_its_columns(agencies):
    long = "Practitioners should exercise professional curiosity when a partner always answers for the patient."
    body = ("<h2>Recommendations</h2>" + _table(["Ref", "Recommendation", "Lead agency"], [
        ("1", long, "Northshire and Eastvale ICB"), ("2", RECS[0], "Eastvale Mental Health Foundation Trust")])
        + "<p>The panel thanks everyone who took part in this review and shared their records.</p>")
    text = _read(_pdf(body, "td,th{border:none;text-align:left} td{hyphens:auto}"), "pdf")
    assert _found(text) == [("1", long, "Northshire and Eastvale ICB"),
                            ("2", RECS[0], "Eastvale Mental Health Foundation Trust")]
    assert "The panel thanks everyone" in text


def test_a_place_name_alone_is_no_lead_agency(app):
    icb = make.agency("Birmingham and Solihull ICB", "primary_care")
    homes = make.agency("Eastvale Homes", "housing")
    found = proposals.propose("Recommendations\n\n1. Solihull schools should teach healthy relationships.\n\n"
                              "2. Eastvale Homes should check rent arrears.\n\n"
                              "3. The Solihull ICB should audit referrals.\n")
    assert [p.lead_agency for p in found] == [None, homes, icb]


@pytest.mark.parametrize("cell, lead", [("All agencies", "Northshire Community Safety Partnership"),
                                        ("Eastvale Leisure Trust", None)])
def test_a_lead_column_naming_no_known_agency_is_not_overruled_by_the_text(agencies, cell, lead):
    text = f"No | Recommendation | Lead agency\n1 | Northshire Police should share records. | {cell}\n"
    assert _found(text) == [("1", "Northshire Police should share records.", lead)]


def test_a_recommendation_number_on_a_line_of_its_own_numbers_the_paragraph_below(agencies):
    text = ("Recommendations\n\nRecommendation 1\n\nNorthshire Police should review its stalking training.\n\n"
            "Recommendation 2:\nEastvale Homes should check\nrent arrears for abuse.\n\nConclusion\n\nThe end.\n")
    assert _found(text) == [("1", "Northshire Police should review its stalking training.", "Northshire Police"),
                            ("2", "Eastvale Homes should check rent arrears for abuse.", "Eastvale Homes")]


def test_a_pdf_table_row_broken_across_pages_stays_one_recommendation(agencies):
    action = "Review the policy and write new guidance for all staff in every team across the whole area. " * 4
    rows = [(f"{i}. {text}", action, "Northshire Police") for i, text in enumerate(RECS * 2, 1)]
    body = _table(["Recommendation", "Action to take", "Lead agency"], rows)
    text = _read(_pdf(body, "@page{size:A6 landscape;margin:1cm}"), "pdf")
    assert [(n, t) for n, t, _ in _found(text)] == [(str(i), t) for i, t in enumerate(RECS * 2, 1)]
    assert [p.action_to_take.count("Review the policy") for p in proposals.propose(text)] == [4, 4, 4, 4]


def test_a_report_saved_as_text_loses_its_page_furniture_and_broken_words(agencies):
    page = "DHR Adult A - OFFICIAL\n\n{}\n\nPage {} of 2\n"
    text = (page.format("Recommendations\n\n1. Northshire Police should review its stalking train-\ning.", 1) + "\f"
            + page.format("2. Eastvale Homes should check rent arrears for abuse.", 2))
    read = _read(text.encode(), "text")
    assert "OFFICIAL" not in read and "Page" not in read
    assert [t for _, t, _ in _found(read)] == ["Northshire Police should review its stalking training.",
                                               "Eastvale Homes should check rent arrears for abuse."]


def test_a_lead_agency_written_after_a_numbered_recommendation_is_read_and_not_glued_on(agencies):
    text = ("Recommendations\n\n1. Staff should record who accompanies a patient with an injury.\n"
            "Lead agency: Northshire and Eastvale ICB\n\n"
            "2. Tenancy officers should be trained in economic abuse. (Owner: Eastvale Homes)\n")
    assert _found(text) == [("1", "Staff should record who accompanies a patient with an injury.",
                             "Northshire and Eastvale ICB"),
                            ("2", "Tenancy officers should be trained in economic abuse.", "Eastvale Homes")]


def test_numbered_analysis_outside_the_recommendations_is_not_proposed(agencies):
    text = ("Analysis\n\n4.12 The GP should have asked about the bruising seen in March.\n\n"
            "4.13 Northshire Police should review why the call was not recorded as domestic abuse.\n\n"
            "Recommendations\n\n1. Eastvale Homes should check rent arrears for abuse.\n")
    assert [n for n, _, _ in _found(text)] == ["1"]
    without_a_section = ("4.12 The GP should have asked about the bruising.\n\n"
                         "4.13 Eastvale Homes should check arrears.\n")
    assert [n for n, _, _ in _found(without_a_section)] == ["4.13"]


def test_a_table_row_whose_number_and_words_fall_on_two_pages_is_one_recommendation(agencies):
    text = (f"No | Recommendation | Addressed to\n1 | {RECS[0]} | Eastvale Homes\n2 |  | \n\n"
            f"No | Recommendation | Addressed to\n | {RECS[1]} | Northshire Police\n")
    assert _found(text) == [("1", RECS[0], "Eastvale Homes"), ("2", RECS[1], "Northshire Police")]


def test_bracketed_numbers_and_bullet_points_are_read(agencies):
    text = ("Recommendations\n\n(1) Northshire Police should audit its stalking response.\n"
            "(2) Eastvale Homes should check rent arrears for abuse.\n\nFurther recommendations\n\n"
            "• Northshire Police should share records with the ICB.\n• Eastvale Homes should train its staff.\n")
    assert _found(text) == [
        ("1", "Northshire Police should audit its stalking response.", "Northshire Police"),
        ("2", "Eastvale Homes should check rent arrears for abuse.", "Eastvale Homes"),
        ("P1", "Northshire Police should share records with the ICB.", "Northshire Police"),
        ("P2", "Eastvale Homes should train its staff.", "Eastvale Homes")]


def test_a_kind_of_agency_names_none_where_the_partnership_has_two_of_that_kind(app):
    make.agency("Northshire Police", "police")
    make.agency("British Transport Police", "police")
    homes = make.agency("Eastvale Homes", "housing")
    found = proposals.propose("Recommendations\n\n1. The police should record every breach of an order.\n\n"
                              "2. Housing officers should ask about abuse.\n")
    assert [p.lead_agency for p in found] == [None, homes]

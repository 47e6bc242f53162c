"""The report import reads the agency a recommendation is for as reports set it out: under an
agency heading, by an abbreviation the glossary defines, or as the subject of its "should" when
it mentions other agencies too; and Word lists that run on or restart across sections."""
from __future__ import annotations

import io

import pytest

from dhr.data import extraction, proposals
from dhr.data.uploads import CheckedUpload

from . import factories as make

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXTS = ["Officers should complete a risk assessment at every call, even when the caller withdraws.",
         "Practices should record when a patient is always accompanied by a partner.",
         "Social workers should speak to each child alone when a parent reports abuse."]


@pytest.fixture
def agencies(app):
    return {name: make.agency(name, kind) for name, kind in [
        ("Westmoor Police", "police"), ("Westmoor and Dunford Integrated Care Board", "primary_care"),
        ("Dunford Children's Social Care", "childrens_social_care"), ("Home Office", "national"),
        ("Safer Westmoor Partnership", "partnership"), ("Dunford Hospitals NHS Foundation Trust", "health")]}


def _found(text: str) -> list[tuple[str, str, str | None]]:
    return [(p.number, p.text, p.lead_agency.name if p.lead_agency else None) for p in proposals.propose(text)]


@pytest.mark.parametrize("heading", ["{}", "{}:", "Recommendations for {}", "1.2 {}"])
def test_recommendations_under_an_agency_heading_are_that_agencys(agencies, heading):
    text = (f"Recommendations\n\n{heading.format('Westmoor Police')}\n\n1. {TEXTS[0]}\n\n"
            f"{heading.format('Dunford Children' + chr(39) + 's Social Care')}\n\n1. {TEXTS[2]}\n")
    assert _found(text) == [("1", TEXTS[0], "Westmoor Police"), ("1-2", TEXTS[2], "Dunford Children's Social Care")]


def test_a_heading_that_is_not_an_agency_ends_the_agency_group(agencies):
    text = (f"Recommendations\n\nWestmoor Police\n\n1. {TEXTS[0]}\n\nMulti-agency recommendations\n\n"
            "2. All agencies should review how they refer victims to advocates.\n")
    assert [lead for _, _, lead in _found(text)] == ["Westmoor Police", "Safer Westmoor Partnership"]


def test_a_table_row_naming_only_an_agency_heads_the_rows_below(agencies):
    text = ("No | Recommendation | Action\nWestmoor Police | | \n1 | " + TEXTS[0] + " | Audit.\n"
            "Westmoor and Dunford Integrated Care Board | | \n2 | " + TEXTS[1] + " | Brief staff.\n")
    assert _found(text) == [("1", TEXTS[0], "Westmoor Police"),
                            ("2", TEXTS[1], "Westmoor and Dunford Integrated Care Board")]


@pytest.mark.parametrize("glossary", ["WP – Westmoor Police\nCSC – Dunford Children's Social Care",
                                      "Term | Meaning\nWP | Westmoor Police\nCSC | Dunford Children's Social Care",
                                      "The review was told by Westmoor Police (WP) and Dunford Children's Social "
                                      "Care (CSC) what they knew."])
def test_an_abbreviation_the_report_defines_names_its_agency(agencies, glossary):
    text = (f"Glossary\n\n{glossary}\n\nRecommendations\n\n1. WP should audit its use of body-worn video.\n\n"
            "2. CSC should record every adult in the household.\n")
    assert [lead for _, _, lead in _found(text)] == ["Westmoor Police", "Dunford Children's Social Care"]


def test_an_abbreviation_in_a_lead_column_names_its_agency(agencies):
    text = f"CSC: Dunford Children's Social Care\n\nNo | Recommendation | Lead\n1 | {TEXTS[2]} | CSC\n"
    assert _found(text) == [("1", TEXTS[2], "Dunford Children's Social Care")]


def test_an_undefined_abbreviation_is_not_guessed(agencies):
    text = "Recommendations\n\n1. XYZ should audit its use of body-worn video at every incident.\n"
    assert _found(text)[0][2] is None


@pytest.mark.parametrize("words, lead", [
    ("The Safer Westmoor Partnership should write to the Home Office asking that guidance be updated.",
     "Safer Westmoor Partnership"),
    ("When Dunford Hospitals NHS Foundation Trust discharges a patient, Westmoor and Dunford Integrated Care "
     "Board should tell the GP.", "Westmoor and Dunford Integrated Care Board"),
    ("With support from the Home Office, the Safer Westmoor Partnership should publish a pathway.",
     "Safer Westmoor Partnership"),
    ("Guidance on strangulation should be shared with staff by Westmoor Police.", "Westmoor Police"),
    ("All agencies should make sure that Westmoor Police training is offered to their staff.",
     "Safer Westmoor Partnership"),
    ("Officers should report damage caused by violence in the home.", None),
])
def test_the_lead_is_the_agency_that_acts_not_one_only_mentioned(agencies, words, lead):
    assert _found(f"Recommendations\n\n1. {words}\n")[0][2] == lead


def test_numbers_coded_by_agency_are_read(agencies):
    text = f"Recommendations\n\nWestmoor Police (WP)\n\nWP1 {TEXTS[0]}\n\nWP2 {TEXTS[1]}\n"
    assert _found(text) == [("WP1", TEXTS[0], "Westmoor Police"), ("WP2", TEXTS[1], "Westmoor Police")]


def _docx(lists: list[tuple[str, str, bool, list[str]]]) -> bytes:
    """A Word document of headings and lists: (heading, numId, restarts, items), all lists of one
    abstract list."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="50"><w:lvl w:ilvl="0"><w:start '
                               'w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
                               "</w:abstractNum>"))
    for heading, num_id, restarts, items in lists:
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restarts else ""
        numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="50"/>'
                                   f"{override}</w:num>"))
        document.add_heading(heading, level=2)
        for item in items:
            paragraph = document.add_paragraph(item)
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_list_runs_on_across_sections_and_restarts_where_it_says(agencies):
    content = _docx([("Summary", "51", False, TEXTS[:2]), ("Single agency recommendations", "52", True, TEXTS[:1]),
                     ("Multi-agency recommendations", "53", False, TEXTS[1:])])
    text = extraction.extract_text(CheckedUpload("report.docx", "docx", content)).text
    assert [line for line in text.splitlines() if line[:1].isdigit()] == [
        f"1. {TEXTS[0]}", f"2. {TEXTS[1]}", f"1. {TEXTS[0]}", f"2. {TEXTS[1]}", f"3. {TEXTS[2]}"]


def test_a_style_based_on_a_numbered_list_style_is_numbered(agencies):
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="40"><w:lvl w:ilvl="0"><w:start '
                               'w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="R%1"/></w:lvl>'
                               "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="40"><w:abstractNumId w:val="40"/></w:num>'))
    listed = document.styles["List Number"].element
    for old in listed.get_or_add_pPr().findall(f"{{{W}}}numPr"):
        listed.pPr.remove(old)
    listed.pPr.append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:numId w:val="40"/></w:numPr>'))
    own = document.styles.add_style("Recommendation", WD_STYLE_TYPE.PARAGRAPH)
    own.base_style = document.styles["List Number"]
    document.add_heading("Recommendations", level=1)
    for text in TEXTS[:2]:
        document.add_paragraph(text, style="Recommendation")
    out = io.BytesIO()
    document.save(out)
    text = extraction.extract_text(CheckedUpload("report.docx", "docx", out.getvalue())).text
    assert [number for number, _, _ in _found(text)] == ["R1", "R2"]


def test_an_agency_name_wrapped_inside_a_sentence_is_no_heading(agencies):
    text = (f"Recommendations\n\nWestmoor Police\n1. {TEXTS[0]}\n2. Staff should share what they know with the\n"
            "Safer Westmoor Partnership\nbefore each meeting.\n3. " + TEXTS[1] + "\n")
    assert [lead for _, _, lead in _found(text)] == ["Westmoor Police"] * 3


def test_a_repeat_under_its_agency_heading_gives_the_first_its_lead(agencies):
    text = (f"Summary of recommendations\n\n1. {TEXTS[0]}\n\nRecommendations\n\nWestmoor Police\n\n1. {TEXTS[0]}\n")
    assert _found(text) == [("1", TEXTS[0], "Westmoor Police")]


@pytest.mark.parametrize("layout", [
    "# Recommendations\n\n## Westmoor Police\n\n1. {0}\n\n## Home Office\n\n2. {1}\n",
    "Recommendations\n\n**Westmoor Police**\n\n1. {0}\n\n**Home Office**\n\n2. {1}\n",
    "Recommendations\n===============\n\nWESTMOOR POLICE\n---------------\n\n1. {0}\n\nHome Office\n\n2. {1}\n",
    "Recommendations\n\nLead agency: Westmoor Police\n1. {0}\n\nLead agency: Home Office\n2. {1}\n",
    "Recommendations\n\nRecommendation 1 – Westmoor Police\n{0}\n\nRecommendation 2 – Home Office\n{1}\n",
    "Recommendations\n\nWestmoor Police – single agency recommendations\n\n1. {0}\n\nHome Office\n\n2. {1}\n",
    "Recommendations\nWestmoor and Dunford Integrated\nCare Board\n1. {0}\nHome Office\n2. {1}\n",
])
def test_agency_headings_as_reports_write_them(agencies, layout):
    found = _found(layout.format(TEXTS[0], TEXTS[1]))
    assert [(number, text) for number, text, _ in found] == [("1", TEXTS[0]), ("2", TEXTS[1])]
    assert found[1][2] == "Home Office"
    assert found[0][2] in ("Westmoor Police", "Westmoor and Dunford Integrated Care Board")


def test_a_lead_agency_line_after_a_recommendation_stays_its_own(agencies):
    text = (f"Recommendations\n\n1. {TEXTS[0]}\nLead agency: Westmoor Police\n\n2. {TEXTS[1]}\n"
            "Lead agency: Home Office\n")
    assert [lead for _, _, lead in _found(text)] == ["Westmoor Police", "Home Office"]


@pytest.mark.parametrize("first, second", [("Recommendation One:", "Recommendation Two:"), ("i.", "ii."),
                                           ("(i)", "(ii)"), ("No. 1", "No. 2"), ("1 -", "2 -"), ("1:", "2:"),
                                           ("1.\n", "2.\n")])
def test_numbers_written_in_other_ways_are_read(agencies, first, second):
    gap = "" if first.endswith("\n") else " "
    text = f"Recommendations\n\n{first}{gap}{TEXTS[0]}\n\n{second}{gap}{TEXTS[1]}\n\nConclusion\n\nThe end.\n"
    numbers = [first.strip(" .:-\n()").replace("No. ", "").replace("Recommendation ", ""),
               second.strip(" .:-\n()").replace("No. ", "").replace("Recommendation ", "")]
    assert [(n, t) for n, t, _ in _found(text)] == list(zip(numbers, TEXTS[:2], strict=True))


def test_a_table_numbered_by_word_alone_in_its_number_column_is_read(agencies):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="30"><w:lvl w:ilvl="0"><w:start '
                               'w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
                               "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="30"><w:abstractNumId w:val="30"/></w:num>'))
    grid = document.add_table(rows=3, cols=3)
    for column, heading in enumerate(["No.", "Recommendation", "Lead agency"]):
        grid.cell(0, column).text = heading
    for row, (text, lead) in enumerate([(TEXTS[0], "Westmoor Police"), (TEXTS[1], "Home Office")], 1):
        grid.cell(row, 0).paragraphs[0]._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="30"/></w:numPr>'))
        grid.cell(row, 1).text, grid.cell(row, 2).text = text, lead
    out = io.BytesIO()
    document.save(out)
    text = extraction.extract_text(CheckedUpload("report.docx", "docx", out.getvalue())).text
    assert _found(text) == [("1", TEXTS[0], "Westmoor Police"), ("2", TEXTS[1], "Home Office")]


def test_a_repeat_differing_only_in_spacing_or_hyphens_is_not_proposed_again(agencies):
    text = ("Recommendations\n\n1. Staff should receive multi-agency training on coercive control.\n\n"
            "Appendix: summary\n\nRecommendation 1: Staff should receive multiagency training on coercive  control.\n")
    assert len(_found(text)) == 1


def test_tracked_insertions_and_content_controls_are_read_and_deletions_are_not(agencies):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("Recommendations", level=1)
    paragraph = document.add_paragraph("1. Officers should ")
    for xml in (f'<w:ins xmlns:w="{W}" w:id="1" w:author="A"><w:r><w:t>always </w:t></w:r></w:ins>',
                f'<w:del xmlns:w="{W}" w:id="2" w:author="A"><w:r><w:delText>never </w:delText></w:r></w:del>',
                f'<w:sdt xmlns:w="{W}"><w:sdtContent><w:r><w:t>complete a risk assessment.</w:t></w:r>'
                "</w:sdtContent></w:sdt>"):
        paragraph._p.append(parse_xml(xml))
    document.element.body.append(parse_xml(f'<w:sdt xmlns:w="{W}"><w:sdtContent><w:p><w:r><w:t>2. {TEXTS[1]}'
                                           "</w:t></w:r></w:p></w:sdtContent></w:sdt>"))
    out = io.BytesIO()
    document.save(out)
    text = extraction.extract_text(CheckedUpload("report.docx", "docx", out.getvalue())).text
    assert [t for _, t, _ in _found(text)] == ["Officers should always complete a risk assessment.", TEXTS[1]]


@pytest.mark.parametrize("header, rows", [
    ("Recommendation | Lead agency", [f"{TEXTS[0]} | Westmoor Police", f"{TEXTS[1]} | Home Office"]),
    ("Agency | Recommendation", [f"Westmoor Police | {TEXTS[0]}", f"Home Office | {TEXTS[1]}"]),
])
def test_a_table_without_numbers_gives_a_recommendation_a_row(agencies, header, rows):
    text = "Recommendations\n\n" + "\n".join([header, *rows]) + "\n"
    assert _found(text) == [("1", TEXTS[0], "Westmoor Police"), ("2", TEXTS[1], "Home Office")]


def test_a_row_of_an_unnumbered_table_carried_to_the_next_page_continues_it(agencies):
    text = ("Recommendation | Lead agency\nOfficers should complete a risk assessment | Westmoor Police\n\n"
            f"at every call, even when the caller withdraws. | \n{TEXTS[1]} | Home Office\n")
    assert _found(text) == [("1", "Officers should complete a risk assessment at every call, even when the caller "
                                  "withdraws.", "Westmoor Police"), ("2", TEXTS[1], "Home Office")]


def test_a_glossary_giving_an_agency_by_its_kind_defines_its_abbreviation(agencies):
    text = ("Glossary\n\nWDB – the Integrated Care Board\nMARAC – Multi-Agency Risk Assessment Conference\n\n"
            "Recommendations\n\n1. WDB should ask about strangulation when a patient presents with neck pain.\n")
    assert _found(text)[0][2] == "Westmoor and Dunford Integrated Care Board"


@pytest.mark.parametrize("theme", ["Mental health", "Housing", "Police", "Children's social care"])
def test_a_theme_heading_naming_only_a_kind_of_agency_is_no_agency_heading(agencies, theme):
    text = f"Recommendations\n\n{theme}\n\n1. The Home Office should issue guidance on stalking.\n"
    assert _found(text)[0][2] == "Home Office"


def test_a_heading_naming_only_a_kind_gives_the_lead_when_the_words_name_none(agencies):
    text = f"Recommendations\n\nPolice\n\n1. {TEXTS[0]}\n\nHealth\n\n2. The Home Office should issue guidance.\n"
    assert [lead for _, _, lead in _found(text)] == ["Westmoor Police", "Home Office"]


def test_a_theme_sub_heading_within_the_recommendations_keeps_them_going_while_numbering_runs_on(agencies):
    text = (f"Recommendations\n\n1. {TEXTS[0]}\n\nTraining and supervision\n\n2. {TEXTS[1]}\n\n"
            "Conclusion\n\n3.1 The panel thinks agencies should have acted sooner.\n\n1. Terms of reference.\n")
    assert [n for n, _, _ in _found(text)] == ["1", "2"]


@pytest.mark.parametrize("end", ["Conclusion", "Appendix A: chronology", "8 Next steps", "Glossary"])
def test_theme_sub_headings_keep_the_recommendations_going_until_the_next_part(agencies, end):
    text = (f"Recommendations\n\nTraining\n\n1. {TEXTS[0]}\n\nSupervision\n\n1. {TEXTS[1]}\n\n{end}\n\n"
            "1. Agencies should share this report with all of their staff.\n")
    assert [(n, t) for n, t, _ in _found(text)] == [("1", TEXTS[0]), ("1-2", TEXTS[1])]


def test_an_agency_named_by_its_kind_in_the_plural_is_the_one_to_act(agencies):
    text = "Recommendations\n\n1. Staff at the hospitals should refer victims to Westmoor Police's specialist unit.\n"
    assert _found(text)[0][2] == "Dunford Hospitals NHS Foundation Trust"


@pytest.mark.parametrize("opening", ["Recommendations:", "The panel makes the following recommendations:"])
def test_a_line_ending_recommendations_colon_opens_them(agencies, opening):
    text = (f"Analysis\n\n4.1 The GP saw Mrs B twice.\n\nNo | Recommendation | Lead\n1 | {TEXTS[0]} | "
            f"Westmoor Police\n\nSummary\n\n{opening}\n\n2. {TEXTS[1]}\n")
    assert [n for n, _, _ in _found(text)] == ["1", "2"]

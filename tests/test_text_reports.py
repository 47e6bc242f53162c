"""Reports uploaded as plain text: text pasted from a PDF keeps its page footers, running headers
and hard line breaks; action plans come as tab-separated or space-aligned columns; headings may
name an agency by its kind or run onto a second line."""
from __future__ import annotations

import pytest

from dhr.data import agency_matching, extraction, proposals
from dhr.data.uploads import CheckedUpload

from . import factories as make

RECS = ["Northshire Police should review its stalking training for every response officer.",
        "The ICB should commission training for GP practices on coercive control.",
        "Care coordinators should ask about domestic abuse at each review of a care plan."]


@pytest.fixture
def agencies(app):
    return {name: make.agency(name, kind) for name, kind in [
        ("Northshire Police", "police"), ("Northshire and Eastvale Integrated Care Board", "primary_care"),
        ("Northshire and Southvale NHS Foundation Trust", "mental_health"), ("Home Office", "national"),
        ("Eastvale District Council Housing Service", "housing")]}


def _read(text: str) -> str:
    return extraction.extract_text(CheckedUpload("report.txt", "text", text.encode())).text


def _found(text: str) -> list[tuple[str, str, str | None]]:
    return [(p.number, p.text, p.lead_agency.name if p.lead_agency else None) for p in proposals.propose(_read(text))]


def test_page_footers_and_running_headers_pasted_from_a_pdf_are_left_out(agencies):
    header = "DHR Ms D – Overview Report   OFFICIAL"
    text = (f"{header}\nIntroduction\n\nThe review began in 2024.\nPage 3 of 9\n{header}\nRecommendations\n\n"
            "1. Northshire Police should review its stalking training\nPage 4 of 9\n"
            f"{header}\nfor every response officer.\n\n2. {RECS[1]}\nPage 5 of 9\n{header}\n")
    assert _found(text) == [("1", RECS[0], "Northshire Police"),
                            ("2", RECS[1], "Northshire and Eastvale Integrated Care Board")]
    assert header not in _read(text)


def test_a_recommendation_broken_by_a_form_feed_page_end_stays_whole(agencies):
    text = ("Head\n\nRecommendations\n\n1. Northshire Police should review its stalking\n\n\nPage 4 of 9\n\f"
            "Head\n\ntraining for every response officer.\n\nPage 5 of 9\n\fHead\n\nEnd.\n")
    assert _found(text) == [("1", RECS[0], "Northshire Police")]


def test_a_line_that_is_only_a_number_does_not_end_a_page():
    assert extraction.report_layout.text_pages("a\n12\nb") == ["a\n12\nb"]


def test_a_tab_separated_action_plan_is_read_as_a_table(agencies):
    text = ("Action plan\n\nNo\tRecommendation\tLead agency\tTarget date\n"
            f"1\t{RECS[2]}\tNorthshire and Southvale NHS Foundation Trust\tMarch 2027\n"
            f"2\t{RECS[1]}\tNorthshire and Eastvale Integrated Care Board\tJune 2027\n")
    assert _found(text) == [("1", RECS[2], "Northshire and Southvale NHS Foundation Trust"),
                            ("2", RECS[1], "Northshire and Eastvale Integrated Care Board")]


def test_a_space_aligned_action_plan_is_read_with_its_wrapped_cells(agencies):
    text = ("Action plan\n\n"
            "Ref   Recommendation                               Lead agency         Target\n"
            "1     Northshire Police should review its          Northshire Police   May 2027\n"
            "      stalking training for every response\n"
            "      officer.\n"
            "2     Care coordinators should ask about domestic  NSFT                June 2027\n"
            "      abuse at each review of a care plan.\n\n"
            "NSFT – Northshire and Southvale NHS Foundation Trust\n")
    assert _found(text) == [("1", RECS[0], "Northshire Police"),
                            ("2", RECS[2], "Northshire and Southvale NHS Foundation Trust")]


def test_prose_with_double_spaces_is_not_taken_for_a_table(agencies):
    text = ("Recommendations\n\n1. Northshire Police should review its  stalking training  for every\n"
            "response officer.  It should  report back.\n")
    assert [" ".join(words.split()) for _, words, _ in _found(text)] == [
        "Northshire Police should review its stalking training for every response officer. It should report back."]


@pytest.mark.parametrize("heading, lead", [("Mental health services", "Northshire and Southvale NHS Foundation Trust"),
                                           ("Housing", "Eastvale District Council Housing Service")])
def test_a_heading_naming_a_kind_of_agency_is_the_one_agency_of_that_kind(agencies, heading, lead):
    assert _found(f"Recommendations\n\n{heading}\n\n1. {RECS[2]}\n") == [("1", RECS[2], lead)]


def test_an_agency_heading_wrapped_onto_a_second_line_heads_the_recommendations(agencies):
    text = ("Recommendations for Northshire and Southvale NHS Foundation\nTrust\n\n1. " + RECS[2] + "\n")
    assert _found(text) == [("1", RECS[2], "Northshire and Southvale NHS Foundation Trust")]


def test_the_home_office_is_not_a_housing_agency():
    assert agency_matching.kinds_of("Home Office") == {"national"}
    assert agency_matching.kinds_of("Northshire Constab.") == {"police"}


def test_bold_numbers_in_markdown_are_read(agencies):
    text = "## Recommendations\n\n**Rec 1** – " + RECS[0] + "\n\n__Rec 2:__ " + RECS[1] + "\n"
    assert _found(text) == [("Rec 1", RECS[0], "Northshire Police"),
                            ("Rec 2", RECS[1], "Northshire and Eastvale Integrated Care Board")]


def test_a_layout_plan_with_blank_lines_between_rows_is_read(agencies):
    text = ("Ref  Recommendation                              Lead      Date\n"
            "R1   Northshire Police should review its         Police    May 2027\n"
            "     stalking training for every response\n"
            "     officer.\n\n"
            "R2   The ICB should commission training for GP   ICB       June 2027\n"
            "     practices on coercive control.\n\n"
            "End of plan.\n")
    assert _found(text) == [("R1", RECS[0], "Northshire Police"),
                            ("R2", RECS[1], "Northshire and Eastvale Integrated Care Board")]


def test_an_agency_in_brackets_before_the_words_is_the_lead_and_not_part_of_them(agencies):
    text = (f"Recommendations\n\nRecommendation 1 (Housing): {RECS[2]}\n\n"
            f"Recommendation 2 (see finding 4): {RECS[0]}\n")
    assert _found(text) == [("1", RECS[2], "Eastvale District Council Housing Service"),
                            ("2", f"(see finding 4): {RECS[0]}", "Northshire Police")]


def test_a_byte_order_mark_dash_bullets_and_numbers_wrapped_mid_sentence(agencies):
    text = ("\ufeffRECOMMENDATIONS\n\n- Northshire Police should apply section\n4.2 of the stalking policy to every "
            "report.\n- The ICB should review within\n12 months how practices record disclosures.\n")
    assert _found(text) == [
        ("P1", "Northshire Police should apply section 4.2 of the stalking policy to every report.",
         "Northshire Police"),
        ("P2", "The ICB should review within 12 months how practices record disclosures.",
         "Northshire and Eastvale Integrated Care Board")]


def test_a_dash_wrapped_to_the_start_of_a_line_is_no_list_item(agencies):
    text = ("Recommendations\n\n1. Northshire Police should review its stalking training\n– for every response "
            "officer.\n")
    assert _found(text) == [("1", "Northshire Police should review its stalking training – for every response "
                                  "officer.", "Northshire Police")]


def test_a_summary_repeating_recommendations_takes_their_lead_from_the_full_list(agencies):
    text = (f"Executive summary\n\nThe panel recommends:\n\n1. {RECS[2]}\n\nRecommendations\n\n1. {RECS[2]}\n"
            "Lead agency: Northshire and Southvale NHS Foundation Trust\n")
    assert _found(text) == [("1", RECS[2], "Northshire and Southvale NHS Foundation Trust")]


@pytest.mark.parametrize("written", ["({})", "[{}]", "– {}"])
def test_a_lead_written_after_the_last_full_stop_is_the_lead_and_not_part_of_the_words(agencies, written):
    text = f"Recommendations\n\n1. {RECS[2]} {written.format('Housing')}\n"
    assert _found(text) == [("1", RECS[2], "Eastvale District Council Housing Service")]


def test_brackets_after_the_last_full_stop_naming_no_agency_stay_in_the_words(agencies):
    text = f"Recommendations\n\n1. {RECS[0]} (Finding 3)\n"
    assert _found(text) == [("1", f"{RECS[0]} (Finding 3)", "Northshire Police")]


def test_a_numbered_heading_naming_a_kind_in_the_plural_heads_its_recommendations(agencies):
    text = f"7. Recommendations\n\n7.1 GP practices\n\n7.1.1 {RECS[2]}\n\n8. Conclusion\n\nThe end.\n"
    assert _found(text) == [("7.1.1", RECS[2], "Northshire and Eastvale Integrated Care Board")]


def test_a_theme_heading_within_an_agencys_recommendations_keeps_them_that_agencys(agencies):
    text = (f"Recommendations\n\nNorthshire Police\n\nTraining\n\n1. {TEXTS_POLICE}\n\nJoint working\n\n"
            f"2. {TEXT_ICB}\n\nMulti-agency recommendations\n\n3. {RECS[2]}\n")
    assert _found(text) == [("1", TEXTS_POLICE, "Northshire Police"),
                            ("2", TEXT_ICB, "Northshire and Eastvale Integrated Care Board"), ("3", RECS[2], None)]


TEXTS_POLICE = "Response officers should be trained to recognise coercive control."
TEXT_ICB = "Northshire and Eastvale Integrated Care Board should fund an IDVA in each hospital."


def test_a_title_after_a_recommendations_number_is_not_part_of_its_words(agencies):
    text = (f"Recommendations\n\nRecommendation 1: Stalking training\n{RECS[0]}\n\n"
            "Recommendation 2: Share risk information with GP practices\n\n"
            f"Recommendation 3 – Care plans\n{RECS[2]}\n")
    assert [(number, words) for number, words, _ in _found(text)] == [
        ("1", RECS[0]), ("2", "Share risk information with GP practices"),
        ("3", RECS[2])]


SHARED = "The police should share each incident report with the victim's GP practice within a day."


def test_a_lead_given_in_the_full_list_replaces_the_one_guessed_for_the_summarys_copy(agencies):
    text = (f"Summary of recommendations\n\n1. {SHARED}\n\nFull recommendations\n\n1. {SHARED}\n"
            "Lead agency: Northshire and Eastvale Integrated Care Board\n")
    assert _found(text) == [("1", SHARED, "Northshire and Eastvale Integrated Care Board")]


def test_a_guess_in_the_full_list_does_not_replace_a_lead_the_summary_names(agencies):
    text = (f"Summary of recommendations\n\n1. {SHARED} (Northshire and Eastvale Integrated Care Board)\n\n"
            f"Full recommendations\n\n1. {SHARED}\n")
    assert _found(text) == [("1", SHARED, "Northshire and Eastvale Integrated Care Board")]


JOINT = "A joint protocol should set out how referrals are made after a domestic abuse incident."


@pytest.mark.parametrize("heading", ["Northshire Police / CSC", "Police and Children's Social Care",
                                     "Northshire Police & Northshire Children's Social Care",
                                     "Recommendations for Northshire Police and the ICB"])
def test_a_heading_naming_two_agencies_gives_the_first_to_check(agencies, heading):
    make.agency("Northshire Children's Social Care", "childrens_social_care")
    found = proposals.propose(_read(f"Recommendations\n\n{heading}\n\n1. {JOINT}\n"))
    assert [(p.number, p.text, p.lead_agency.name) for p in found] == [("1", JOINT, "Northshire Police")]
    assert "check it" in found[0].lead_how


def test_under_a_heading_naming_two_agencies_the_one_the_subject_names_leads(agencies):
    make.agency("Northshire Children's Social Care", "childrens_social_care")
    words = "Children's social care should invite the police to every strategy discussion about a child."
    found = proposals.propose(_read(f"Recommendations\n\nNorthshire Police / CSC\n\n1. {JOINT}\n\n2. {words}\n"))
    assert [(p.number, p.lead_agency.name) for p in found] == [("1", "Northshire Police"),
                                                                ("2", "Northshire Children's Social Care")]


def test_a_heading_joining_words_that_name_no_two_agencies_gives_no_lead(agencies):
    assert _found(f"Recommendations\n\nTraining and development\n\n1. {JOINT}\n") == [("1", JOINT, None)]


@pytest.mark.parametrize("title", ["Title: Risk assessment", "Risk assessment", "Theme – Risk assessment"])
def test_a_title_line_under_a_recommendations_number_keeps_the_number(agencies, title):
    text = f"Recommendations\n\nRecommendation 1\n{title}\n{RECS[0]}\n\nRecommendation 2\n{title}\n\n{RECS[1]}\n"
    assert _found(text) == [("1", RECS[0], "Northshire Police"),
                            ("2", RECS[1], "Northshire and Eastvale Integrated Care Board")]


def test_a_footer_with_the_page_number_beside_other_words_ends_the_page(agencies):
    footer = "Page {} of 58                          Kettleby Community Safety Partnership"
    header = "DHR 2023/02 (Ruth)                              Overview Report"
    text = (f"{header}\nRecommendations\n\n1. Northshire Police should review its stalking training for every\n"
            f"___________________________________\n{footer.format(41)}\n{header}\n\nresponse officer.\n\n"
            f"2. {RECS[1]}\n___________________________________\n{footer.format(42)}\n{header}\n\nEnd.\n"
            f"{footer.format(43)}\n")
    assert _found(text) == [("1", RECS[0], "Northshire Police"),
                            ("2", RECS[1], "Northshire and Eastvale Integrated Care Board")]


def test_bullet_points_of_a_numbered_recommendation_stay_in_its_words(agencies):
    text = ("Recommendations\n\nR1. Northshire Police should apply for a protection order in every case where:\n"
            "  • the suspect has been reported twice; and\n  • the victim is at high risk.\n\nR2. " + RECS[1] + "\n")
    assert _found(text) == [
        ("R1", "Northshire Police should apply for a protection order in every case where: • the suspect has been "
               "reported twice; and • the victim is at high risk.", "Northshire Police"),
        ("R2", RECS[1], "Northshire and Eastvale Integrated Care Board")]


@pytest.mark.parametrize("heading, numbers", [("9. Conclusions and recommendations", ["1", "2"]),
                                              ("11  RECOMMENDATIONS", ["1", "2"])])
def test_a_sections_own_paragraph_numbers_around_its_list_of_recommendations_are_not_read(agencies, heading, numbers):
    section = heading.split()[0].rstrip(".")
    text = (f"{heading}\n\n{section}.1 The panel has concluded that the death could not have been predicted, but "
            f"that the GP should have asked who was present.\n\n{section}.2 The panel makes the following "
            f"recommendations.\n\n1. {RECS[0]}\n\n2. {RECS[1]}\n\n{section}.3 An action plan is attached at "
            "Appendix B.\n")
    assert [number for number, _, _ in _found(text)] == numbers


def test_recommendations_numbered_by_their_section_are_still_read(agencies):
    text = f"9. Recommendations\n\n9.1 {RECS[0]}\n\n9.2 {RECS[1]}\n\n10. Conclusion\n\nThe end.\n"
    assert [number for number, _, _ in _found(text)] == ["9.1", "9.2"]


def test_an_agency_named_in_one_recommendations_title_leads_that_one_alone(agencies):
    text = ("Recommendations\n\nRecommendation 1\nNorthshire Police\nThe force should audit its response to "
            "stalking reports each quarter.\n\nRecommendation 2\nGP training\n" + RECS[1] + "\n")
    assert _found(text) == [("1", "The force should audit its response to stalking reports each quarter.",
                             "Northshire Police"), ("2", RECS[1], "Northshire and Eastvale Integrated Care Board")]


def test_a_lead_line_between_a_recommendations_number_and_its_words_is_its_lead(agencies):
    text = (f"Recommendations\n\nRecommendation 1\nAgency: Northshire Police\n{TEXTS_POLICE}\n\n"
            f"Recommendation 2\nLead agency – NHS Northshire and Eastvale ICB\n{RECS[2]}\n")
    assert _found(text) == [("1", TEXTS_POLICE, "Northshire Police"),
                            ("2", RECS[2], "Northshire and Eastvale Integrated Care Board")]


def test_a_labelled_lead_in_brackets_after_the_number_is_sure(agencies):
    found = proposals.propose(_read(f"Recommendations\n\nRecommendation 1 (Lead: Northshire Police)\n{TEXTS_POLICE}\n"))
    assert [(p.text, p.lead_agency.name, p.lead_sureness) for p in found] == [
        (TEXTS_POLICE, "Northshire Police", "sure")]

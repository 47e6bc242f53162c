"""Two fictional partnerships' published learning, as their open data files would hold it: the
demo's external learning. Some of their recommendations echo the demo partnership's own (areas
often make the same recommendation), so the repeat report finds them made in other areas; some
of their theme names are not ours, and THEME_MAPPING is the coordinator's choice for each.
load() imports each file through the same checks, theme mapping and save as the coordinator's
upload on the External learning page."""
from __future__ import annotations

import json

from dhr.data import open_data, open_data_import, themes

GENERATED_ON = "2024-03-01"

# Their theme name -> ours, as the coordinator would choose on the import's mapping page.
THEME_MAPPING = {
    "Risk identification (DASH)": "Risk assessment",
    "Post-separation risk": "Separation risk",
    "GP and primary care response": "Routine enquiry",
    "Perpetrator focus": "Invisible perpetrator",
    "Workforce training": "Training and awareness",
    "Cross-border information sharing": "Information sharing",
}


def _rec(number: str, text: str, scope: str, addressee: str, status: str, themes: list[str],
         answers: list[int], action: str) -> dict:
    return {"number": number, "text": text, "scope": scope, "addressee": addressee, "status": status,
            "themes": themes, "answers_findings": answers,
            "actions": [{"text": action, "lead_agency": addressee, "status": status}]}


def _review(reference: str, year: int, death: str, pseudonym: str, summary: str, findings: list[tuple],
            recommendations: list[dict], review_type: str = "Domestic homicide review") -> dict:
    return {"reference": reference, "review_type": review_type, "death_category": death, "year": year,
            "pseudonym": pseudonym, "summary": summary, "stage": "Monitoring the action plan",
            "findings": [{"number": n, "text": text, "themes": themes} for n, (text, themes) in
                         enumerate(findings, start=1)],
            "recommendations": recommendations}


HARROWFIELD = [
    _review(
        "HCSP-DHR-2019-02", 2019, "Intimate partner homicide", "Joanne",
        "Joanne, 41, was killed by her former partner eleven weeks after she told her GP and the police "
        "that she had ended the relationship.",
        [("Joanne's GP recorded low mood on four occasions but never asked about her relationship or saw "
          "her alone.", ["GP and primary care response", "Mental health"]),
         ("When Joanne reported that she had left, the police risk assessment was not reviewed and the "
          "case stayed at standard risk.", ["Post-separation risk", "Risk identification (DASH)"]),
         ("No agency asked about his history with previous partners, which included two non-molestation "
          "orders in another force area.", ["Perpetrator focus", "Cross-border information sharing"])],
        [_rec("1", "The police should ensure that separation, or the victim's stated intention to separate, "
                   "triggers a review of risk and of the safety plan.", "Local", "Harrowfield Police",
              "Complete, verified", ["Post-separation risk", "Risk identification (DASH)"], [2],
              "Add separation as a mandatory prompt to review risk in the domestic abuse policy."),
         _rec("2", "The integrated care board should ensure that GP practices see patients alone for part of "
                   "every consultation where domestic abuse may be present.", "Local",
              "Harrowfield Integrated Care Board", "In progress (on track)",
              ["GP and primary care response"], [1],
              "Issue practice guidance on seeing patients alone and audit it in twelve practices."),
         _rec("3", "The police should work with neighbouring forces so that domestic abuse history recorded "
                   "in another force area is found and used in risk assessments.", "Regional",
              "Harrowfield Police", "In progress (at risk)",
              ["Cross-border information sharing", "Perpetrator focus"], [3],
              "Agree a records check with the three neighbouring forces.")]),
    _review(
        "HCSP-DHR-2021-01", 2021, "Intimate partner homicide", "Priya",
        "Priya, 29, was killed by her husband. Her family had told a teacher that she was not allowed "
        "money of her own or to see them without him.",
        [("Professionals saw her husband's control of money and contact as a cultural matter rather than "
          "as coercive control.", ["Coercive control", "Economic abuse", "Equality and diversity"]),
         ("Frontline police officers had no training in recognising coercive and controlling behaviour "
          "where there was little physical violence.", ["Workforce training", "Coercive control"])],
        [_rec("1", "The police should provide training for frontline officers on recognising and evidencing "
                   "coercive and controlling behaviour, including where there is little physical violence.",
              "Local", "Harrowfield Police", "Complete, verified", ["Coercive control", "Workforce training"],
              [2], "Deliver coercive control training to every response team."),
         _rec("2", "The Home Office should review the national risk identification checklist so that it gives "
                   "proper weight to coercive control, separation and stalking.", "National", "Home Office",
              "Not started", ["Risk identification (DASH)", "Coercive control"], [1],
              "Write to the Home Office with the review's findings.")]),
    _review(
        "HCSP-DARS-2022-01", 2022, "Suspected victim suicide", "Lesley",
        "Lesley, 56, took her own life after years of abuse by her partner that only her sister knew of.",
        [("The mental health assessment after her overdose did not ask about her relationship or about "
          "risk from her partner.", ["Mental health", "Suicidality", "Perpetrator focus"])],
        [_rec("1", "NHS England should ensure that mental health assessments ask about domestic abuse and about "
                   "risk from partners and family members as standard.", "National", "NHS England",
              "Not started", ["Mental health", "Routine enquiry"], [1],
              "Raise the finding with NHS England through the regional network.")],
        review_type="Domestic abuse related suicide review"),
]

WESSING_VALE = [
    _review(
        "WVSCP-DHR-2020-03", 2020, "Intimate partner homicide", "Carla",
        "Carla, 34, was strangled by her partner. She had twice reported non-fatal strangulation to the police.",
        [("Both reports of strangulation were recorded as common assault and neither led to a MARAC "
          "referral.", ["Non-fatal strangulation", "Risk identification (DASH)"]),
         ("The specialist service closed her case when she moved out, just as the risk was greatest.",
          ["Post-separation risk", "Referral pathways"]),
         ("Her GP saw her three times with anxiety and did not recognise that her partner controlled her "
          "phone, her money and her appointments.", ["Coercive control", "GP and primary care response"])],
        [_rec("1", "The specialist domestic abuse service should keep cases open for support and monitoring for "
                   "a period after separation instead of closing them when the relationship ends.", "Local",
              "Wessing Vale Women's Aid", "Complete, verified", ["Post-separation risk", "Referral pathways"],
              [2], "Change the case closure policy to a twelve-week post-separation check."),
         _rec("2", "The police should ensure that every report of non-fatal strangulation is treated as high risk "
                   "and referred to MARAC.", "Local", "Wessing Vale Police", "In progress (on track)",
              ["Non-fatal strangulation", "Risk identification (DASH)"], [1],
              "Add strangulation to the MARAC referral criteria."),
         _rec("3", "The integrated care board should provide training for GP practice staff on recognising and "
                   "evidencing coercive and controlling behaviour, including how it presents with little "
                   "physical violence.", "Local", "Wessing Vale Integrated Care Board", "Not started",
              ["Coercive control", "Workforce training", "GP and primary care response"], [3],
              "Commission coercive control training for every GP practice.")]),
    _review(
        "WVSCP-DHR-2023-01", 2023, "Adult family homicide", "Albert",
        "Albert, 82, was killed by his son, who was his carer and who had a long history of drug use.",
        [("Adult social care assessed Albert's needs without asking who else lived with him or about his "
          "son's behaviour.", ["Older victims and carers", "Perpetrator focus"]),
         ("Agencies held pieces of information about the son that were never brought together.",
          ["Multi-agency working", "Cross-border information sharing"])],
        [_rec("1", "The partnership should issue clear guidance that information about domestic abuse may be "
                   "shared without consent where there is a risk of serious harm.", "Local",
              "Wessing Vale Safer Communities Partnership", "Complete, verified",
              ["Cross-border information sharing", "Multi-agency working"], [2],
              "Publish a one-page information sharing guide for frontline staff."),
         _rec("2", "Adult social care should ensure that carers' assessments ask about domestic abuse and about "
                   "the carer's own needs and behaviour.", "Local", "Wessing Vale Adult Social Care",
              "In progress (on track)", ["Older victims and carers", "Workforce training"], [1],
              "Revise the carer's assessment form and train assessors.")]),
]

SOURCES = {
    "Harrowfield Community Safety Partnership": HARROWFIELD,
    "Wessing Vale Safer Communities Partnership": WESSING_VALE,
}


def document(partnership: str) -> dict:
    """One partnership's open data file, in the open data format."""
    return {"format": open_data.FORMAT, "format_version": open_data.FORMAT_VERSION,
            "source": {"partnership": partnership, "generated_on": GENERATED_ON,
                       "note": "Fictional demonstration data."},
            "reviews": SOURCES[partnership]}


def file_name(partnership: str) -> str:
    return partnership.lower().replace(" ", "-") + "-open-data.json"


def load(coordinator_id: int | None) -> int:
    """Import every partnership's file as the coordinator; how many reviews were imported."""
    ours = {theme.name: theme.id for theme in themes.all_themes()}
    imported = 0
    for partnership in SOURCES:
        read = open_data_import.read(json.dumps(document(partnership)).encode())
        if read.doc is None:
            raise ValueError(f"The demo's open data for {partnership} does not fit the format: "
                             + "; ".join(read.problems))
        open_data_import.remember({name: ours[THEME_MAPPING[name]]
                                   for name in open_data_import.unknown_themes(read.doc)})
        imported += len(open_data_import.save(read.doc, file_name(partnership), coordinator_id).reviews)
    return imported

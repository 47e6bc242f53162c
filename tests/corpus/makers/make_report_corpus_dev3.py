"""Write the third development corpus of fictional DHR reports: mostly plain text, in the shapes
text takes when a report is saved or pasted as text.

    .venv/bin/python tests/corpus/makers/make_report_corpus_dev3.py [DIR]   (default tests/corpus/reports_dev3)

Shapes: text pasted from a PDF (lines wrapped mid-sentence, words hyphenated at line ends, page
footers "Page 12 of 40" and running headers, with or without form feeds), numbering "1.", "1)",
"R1", "Recommendation 1:", "12.3", lists under agency headings, action plans as tab-separated,
space-aligned and pipe tables, executive summaries repeating the list, agencies named by
abbreviation ("NSFT", "the ICB", "CSC"), by kind ("GP practices", "the Probation Service"),
two agencies in one recommendation, and findings that name agencies without recommending.
Same format as the first corpus (see make_report_corpus.py); all names and cases are invented."""
from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_report_corpus import _html, truth  # noqa: E402

AGENCIES = [
    ("Northshire Police", "police"), ("Northshire and Eastvale Integrated Care Board", "primary_care"),
    ("Eastvale University Hospitals NHS Trust", "health"),
    ("Northshire and Southvale NHS Foundation Trust", "mental_health"),
    ("Northshire Children's Social Care", "childrens_social_care"),
    ("Northshire Adult Social Care", "adult_social_care"),
    ("Eastvale District Council Housing Service", "housing"), ("Probation Service", "probation"),
    ("Eastvale Domestic Abuse Service", "specialist_da"), ("Home Office", "national"),
    ("Safer Northshire Partnership", "partnership"), ("Northshire Recovery Service", "substance_misuse"),
]
POL, ICB, HOSP, NSFT, CSC, ASC, HOUS, PROB, EDAS, HO, SNP, REC = (a for a, _ in AGENCIES)
GLOSSARY = ("Glossary\n\nNSFT – Northshire and Southvale NHS Foundation Trust\nICB – Northshire and Eastvale "
            "Integrated Care Board\nCSC – Northshire Children's Social Care\nASC – Northshire Adult Social Care\n"
            "MARAC – Multi-Agency Risk Assessment Conference\nIDVA – Independent Domestic Violence Advocate\n")
FINDINGS = (
    "Findings\n\n"
    "Northshire Police attended the address four times in 2024. On the third occasion officers should have "
    "completed a risk assessment but did not, because Ms D said she did not want to make a complaint.\n\n"
    "The GP practice saw Ms D eleven times in two years. The national guidance on routine enquiry was not "
    "followed, and domestic abuse was never raised with her alone.\n\n"
    "Eastvale University Hospitals NHS Trust treated Ms D for a broken wrist in March 2024; staff accepted "
    "her account of a fall and should have asked how the injury happened.\n")
INTRO = ("Introduction\n\nThis review was commissioned by the Safer Northshire Partnership after the death of "
         "Ms D in August 2024. The panel thanks Ms D's family for their help. Agencies were asked for "
         "chronologies and individual management reviews, and each agency's author met the panel twice.\n")

# (text, lead) — words that name their agency, by name, abbreviation or kind
NAMED = [
    ("Northshire Police should make sure that officers complete a risk assessment at every domestic abuse "
     "incident, including when the victim declines to make a complaint.", POL),
    ("The ICB should commission training for GP practices on asking about domestic abuse when a patient is "
     "always accompanied.", ICB),
    ("NSFT should review how its crisis team records a patient's disclosure of abuse by a partner.", NSFT),
    ("CSC should make sure that every child in a household is seen alone when a referral mentions abuse "
     "between the adults.", CSC),
    ("The Probation Service should check police call-out records before each supervision appointment with a "
     "person on licence for a violent offence.", PROB),
    ("GP practices should record the name of anyone who accompanies a patient to three or more "
     "appointments in a year.", ICB),
    ("The partnership should write to the Home Office asking that the statutory guidance describe economic "
     "abuse in older couples.", SNP),
    ("Eastvale University Hospitals NHS Trust should add a question about strangulation to the emergency "
     "department's assessment of facial and neck injuries.", HOSP),
    ("Northshire Police and CSC should agree a joint protocol for notifications when a child is present at "
     "a domestic abuse incident.", POL),
    ("When a tenant asks to move urgently, Eastvale District Council Housing Service should ask about "
     "domestic abuse and offer a referral to Eastvale Domestic Abuse Service.", HOUS),
    ("Northshire Recovery Service should ask every client at each care plan review whether a partner "
     "controls their money or their contact with family.", REC),
    ("The Safer Northshire Partnership should seek assurance from all agencies that staff know how to refer "
     "a victim to an IDVA.", SNP),
    ("ASC should offer a carer's assessment to the partner of every person referred with dementia, and "
     "see the person being cared for alone.", ASC),
    ("Eastvale Domestic Abuse Service should share its learning on older victims with Northshire Adult "
     "Social Care and the ICB.", EDAS),
]
# (heading agency, [texts]) — words that do not name their agency; the heading above them does
GROUPED = [
    (POL, ["Call handlers should check the address history before grading a call about a disturbance.",
           "Supervisors should review every case closed because the victim did not support a prosecution, "
           "using the national domestic abuse risk guidance."]),
    (ICB, ["Practices should flag the records of patients who disclose abuse so that every clinician sees it.",
           "Clinicians should be reminded to ask about controlling behaviour when prescribing antidepressants."]),
    (NSFT, ["Care coordinators should ask about domestic abuse at each review of a care plan, and record the "
            "answer."]),
    (HOUS, ["Repairs staff should be trained to report damage to doors and walls that may have been caused by "
            "violence in the home."]),
    (PROB, ["Offender managers should tell the victim's IDVA when a person on licence moves address."]),
]
# a recommendation to all agencies is the partnership's to lead
ALL_AGENCIES = ("All agencies should make sure that their domestic abuse training covers coercive control.", SNP)
PLAN_ACTIONS = ["Audit 20 cases", "Brief all staff", "Update the policy", "Add to training", "Report to the board"]
DATES = ["March 2027", "June 2027", "September 2027", "December 2027"]


def _wrap(text: str, width: int = 76, hyphenate: bool = True) -> list[str]:
    """Lines as a PDF's text layer gives them: wrapped hard, a long word now and then broken with
    a hyphen at a line's end."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    if not hyphenate:
        return lines
    out = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        word = following.split(" ", 1)[0]
        if i % 2 == 1 and len(word) >= 8 and word.isalpha() and word.islower() and len(line) + len(word) // 2 < 84:
            cut = len(word) // 2
            out.append(f"{line} {word[:cut]}-")
            lines[i + 1] = word[cut:] + following[len(word):]
        else:
            out.append(line)
    return out


def _paged(lines: list[str], header: str, per_page: int, first: int, total: int, feed: bool) -> str:
    """The lines set on pages of `per_page` lines, each with a running header and a page footer."""
    out = []
    for start in range(0, len(lines), per_page):
        page = first + start // per_page
        if feed:  # as pdftotext writes pages: furniture set off by blank lines, pages by form feeds
            out += [header, ""] + lines[start:start + per_page] + ["", f"Page {page} of {total}", "\f"]
        else:  # as a PDF viewer's text is pasted: footer and header inline, where the page broke
            out += lines[start:start + per_page] + [f"Page {page} of {total}", header]
    return "\n".join(out) + "\n"


def _pasted(body: str, header: str, per_page: int, feed: bool, width: int = 76) -> str:
    lines = []
    for paragraph in body.split("\n\n"):
        for line in paragraph.splitlines():
            lines += _wrap(line, width) if len(line) > width else [line]
        lines.append("")
    return _paged(lines, header, per_page, 14, 41, feed)


def _numbered(items, style) -> tuple[str, list]:
    texts, truths = [], []
    for i, (text, lead) in enumerate(items, 1):
        number, shown = style(i)
        texts.append(f"{shown} {text}")
        truths.append((number, text, lead))
    return "\n\n".join(texts), truths


def text_reports() -> list[tuple[str, str, str, list]]:
    made = []
    items = NAMED[:7] + [ALL_AGENCIES]
    listed, truths = _numbered(items, lambda i: (str(i), f"{i}."))
    body = f"{INTRO}\n{GLOSSARY}\n{FINDINGS}\nRecommendations\n\n{listed}\n\nConclusion\n\nThe panel hopes the " \
           "learning from Ms D's death will be acted on across Northshire.\n"
    made.append(("text_pdf_pasted.txt", _pasted(body, "DHR Ms D – Overview Report   OFFICIAL-SENSITIVE", 27, False),
                 "pasted", truths))

    items = NAMED[7:14]
    listed, truths = _numbered(items, lambda i: (str(i), f"{i})"))
    body = (f"{INTRO}\n{GLOSSARY}\n{FINDINGS}\n8. Recommendations\n\nThe panel makes these recommendations:\n\n"
            f"{listed}\n\n9. Dissemination\n\nThe report will be shared with all partner agencies.\n")
    made.append(("text_pdftotext_feeds.txt", _pasted(body, "Safer Northshire Partnership | DHR Mr E", 18, True, 70),
                 "pasted", truths))

    listed, truths = _numbered(NAMED[:6], lambda i: (f"R{i}", f"R{i}"))
    body = (f"{GLOSSARY}\nExecutive summary\n\nThe review found that Ms D's contact with services was frequent "
            f"but no agency asked her about abuse. The panel recommends:\n\n{listed}\n\n{INTRO}\n{FINDINGS}\n"
            f"Recommendations\n\n{listed}\n\nAppendix A: Terms of reference\n\nThe review considered the period "
            "from January 2020 to August 2024.\n")
    made.append(("text_summary_r_numbers.txt", body, "summary", truths))

    items = [NAMED[1], NAMED[4], NAMED[5], NAMED[6], NAMED[13], ALL_AGENCIES]
    texts, truths = [], []
    for i, (text, lead) in enumerate(items, 1):
        texts.append(f"Recommendation {i}: {text}")
        truths.append((f"Recommendation {i}", text, lead))
    body = (f"{INTRO}\n{FINDINGS}\nRecommendations\n\n" + "\n\n".join(texts)
            + "\n\nNext steps\n\nThe partnership will monitor the action plan quarterly.\n")
    made.append(("text_recommendation_colon.txt", body, "paragraphs", truths))

    analysis = ("6. Analysis\n\n6.1 Northshire Police should have recognised the pattern of repeat calls.\n\n"
                "6.2 The GP practice did not ask Ms D about abuse, although national guidance says it should.\n\n"
                "6.3 The Probation Service must share information with the MARAC, and in this case it did.\n\n")
    items = NAMED[2:4] + NAMED[8:12]
    texts = [f"12.{i} {t}" for i, (t, _) in enumerate(items, 1)]
    truths = [(f"12.{i}", t, lead) for i, (t, lead) in enumerate(items, 1)]
    body = (f"{GLOSSARY}\n{analysis}12. Recommendations\n\n" + "\n\n".join(texts)
            + "\n\n13. Glossary of terms\n\nSee the glossary above.\n")
    made.append(("text_decimal_section.txt", body, "decimal", truths))

    made.append(_agency_headings())
    made.append(_tab_plan())
    made.append(_space_plan())
    made.append(_pipe_plan())
    made.append(_kind_headings())
    made.append(_two_agencies())
    made.append(_markdown_crlf())
    made.append(_pasted_agency_list())
    return (made + more_text_reports() + edge_text_reports() + summary_lead_reports()
            + trailing_lead_reports() + theme_under_agency_reports()
            + titled_reports())


# Recommendations naming their agency by kind or an older or shorter name: (text, lead)
BY_KIND = [
    ("The police should make sure that a victim who withdraws a complaint is offered a referral to an IDVA.", POL),
    ("GPs should be reminded to see a patient alone when abuse by a partner is suspected.", ICB),
    ("Children's services should record the views of every child when a parent's new partner moves in.", CSC),
    ("Adult social care should review how it assesses carers who are also the partner of the person cared for.",
     ASC),
    ("Substance misuse services should ask each client about their partner's behaviour at every review.", REC),
    ("Where a victim declines support, specialist domestic abuse services should try again within a week.", EDAS),
    ("Probation should share risk information with the victim's advocate before each MARAC.", PROB),
    ("The Community Safety Partnership should hold a learning event for frontline staff within six months.", SNP),
    ("The hospital should audit how often emergency department staff ask patients about domestic abuse.", HOSP),
    ("Mental health services should include the patient's partner in the care plan only after asking the patient "
     "alone.", NSFT),
]
# Under a heading: words that call their agency "the force", "the Trust", "the service"
UNDER = [
    (POL, "NORTHSHIRE POLICE", ["The force should audit its use of body-worn video at domestic abuse incidents.",
                                "Response officers should be trained to recognise coercive control."]),
    (HOSP, "Eastvale University Hospitals NHS Trust",
     ["The Trust should make sure that maternity staff see each pregnant woman alone at least once."]),
    (HOUS, "Housing Service", ["The service should ask about abuse when a tenant reports damage to the home."]),
    (ICB, "Northshire and Eastvale ICB", ["Primary care should record who accompanies a patient to appointments."]),
]
LEAD_CELLS = {POL: "Police", ICB: "NHS Northshire and Eastvale ICB", CSC: "Children's Services", HOSP: "EUHT",
              ASC: "Adult Social Care", REC: "Recovery Service", EDAS: "Domestic Abuse Service", PROB: "Probation",
              SNP: "CSP", NSFT: "Mental Health Trust"}


def more_text_reports() -> list[tuple[str, str, str, list]]:
    made = []
    listed, truths = _numbered(BY_KIND, lambda i: (str(i), f"{i}."))
    body = (f"{INTRO}\n{FINDINGS}\nRecommendations\n\n{listed}\n\nConclusion\n\nThe panel thanks the family.\n")
    made.append(("text_kind_words.txt", body, "paragraphs", truths))

    parts, truths, n = [], [], 0
    for agency, heading, texts in UNDER:
        parts.append(heading)
        for text in texts:
            n += 1
            parts.append(f"{n}. {text}")
            truths.append((str(n), text, agency))
    body = f"{FINDINGS}\nSingle agency recommendations\n\n" + "\n\n".join(parts) + "\n\nAppendix A\n\nNone.\n"
    made.append(("text_heading_forms.txt", body, "agency_headings", truths))

    blocks, truths = [], []
    for i, (text, lead) in enumerate(NAMED[:3] + BY_KIND[:3], 1):
        lead_line = {0: "Lead agency: ", 1: "Lead: ", 2: "Responsible agency: "}[i % 3] + LEAD_CELLS.get(lead, lead)
        blocks.append(f"Recommendation {i}\n{text}\n{lead_line}\nTarget date: {DATES[i % 4]}\n"
                      f"Action: {PLAN_ACTIONS[i % 5]}.")
        truths.append((f"Recommendation {i}", text, lead))
    body = (f"{INTRO}\nAction plan\n\n" + "\n\n".join(blocks) + "\n\nSigned off by the chair.\n")
    made.append(("text_lead_lines.txt", body, "paragraphs", truths))

    rows = _plan_rows(BY_KIND[:8])
    lines = ["| No | Recommendation | Lead agency | Target date |", "| --- | --- | --- | --- |"]
    lines += [f"| {n} | {t} | {LEAD_CELLS.get(lead, lead)} | {d} |" for n, t, lead, _, d in rows]
    body = f"{GLOSSARY}\nAppendix B: Action plan\n\n" + "\n".join(lines) + "\n"
    made.append(("text_pipe_kind_leads.txt", body, "table", [(n, t, lead) for n, t, lead, _, _ in rows]))

    texts = [f"Recommendation {i} ({LEAD_CELLS.get(lead, lead)}): {t}" for i, (t, lead) in enumerate(NAMED[7:12], 1)]
    truths = [(f"Recommendation {i}", t, lead) for i, (t, lead) in enumerate(NAMED[7:12], 1)]
    glossary = GLOSSARY + "EUHT – Eastvale University Hospitals NHS Trust\n"
    body = f"{glossary}\nRecommendations\n\n" + "\n\n".join(texts) + "\n\nReferences\n\nNone.\n"
    made.append(("text_lead_in_brackets.txt", body, "paragraphs", truths))

    items = [(t, lead) for _, _, ts in UNDER for t in ts][:3] + BY_KIND[5:8]
    leads = [POL, POL, HOSP] + [lead for _, lead in BY_KIND[5:8]]
    rows = [(f"R{i}", t, lead, DATES[i % 4]) for i, ((t, _), lead) in enumerate(zip(items, leads, strict=True), 1)]
    widths = (5, 60, 24)
    lines = [f"{'Ref':<{widths[0]}}{'Recommendation':<{widths[1]}}{'Lead':<{widths[2]}}Date"]
    for number, text, lead, date in rows:
        wrapped = textwrap.wrap(text, widths[1] - 2)
        cell = LEAD_CELLS.get(lead, lead)
        lines.append(f"{number:<{widths[0]}}{wrapped[0]:<{widths[1]}}{cell:<{widths[2]}}{date}")
        lines += [f"{'':<{widths[0]}}{more}" for more in wrapped[1:]]
        lines.append("")
    body = (f"{INTRO}\n{GLOSSARY}EUHT – Eastvale University Hospitals NHS Trust\n\nAction plan (pdftotext -layout)\n\n"
            + "\n".join(lines) + "\nEnd of plan.\n")
    made.append(("text_layout_wrapped_plan.txt", body, "table", [(n, t, lead) for n, t, lead, _ in rows]))
    return made



def edge_text_reports() -> list[tuple[str, str, str, list]]:
    """Saved by an editor: a byte-order mark, dash bullets, curly apostrophes, capitals, and hard
    wraps that put a number at the start of a line in the middle of a sentence."""
    made = []
    items = [("Northshire Police should make sure that officers record every child present at an incident.", POL),
             ("Northshire Children’s Social Care should see each child alone when a referral mentions abuse.", CSC),
             ("The Probation Service should tell the victim’s advocate when a perpetrator’s licence ends.", PROB),
             ("Eastvale University Hospitals NHS Trust should ask every patient with a facial injury how it "
              "happened.", HOSP)]
    body = ("\ufeffDOMESTIC HOMICIDE REVIEW – MR H\n\nEXECUTIVE SUMMARY\n\nThe review was told that Mr H’s partner "
            "had called the police twice.\n\nRECOMMENDATIONS\n\n" + "\n".join(f"- {t}" for t, _ in items)
            + "\n\nCONCLUSIONS\n\nThe panel’s work ended in May 2025.\n")
    made.append(("text_bom_dashes.txt", body, "paragraphs", [(f"P{i}", t, lead) for i, (t, lead) in
                                                             enumerate(items, 1)]))
    items = [("Northshire Police should apply section 4.2 of the force’s stalking policy to every report of repeated "
              "unwanted contact.", POL),
             ("GP practices should review within 12 months how they record a disclosure made by a patient’s "
              "relative.", ICB),
             ("The ICB should make sure that practices follow paragraph 3.1 of the national guidance on routine "
              "enquiry.", ICB),
             ("Northshire Recovery Service should offer a joint review within 28 days when a client’s partner is "
              "also a client.", REC)]
    lines = ["Recommendations", ""]
    breaks = ["section", "within", "paragraph", "within"]
    for i, ((text, _), word) in enumerate(zip(items, breaks, strict=True), 1):
        head, tail = text.split(f" {word} ", 1)
        lines += [f"{i}.\u00a0{head} {word}", tail, ""]
    body = "\n".join(lines) + "Conclusion\n\nThe end.\n"
    made.append(("text_numbers_in_wraps.txt", body, "pasted", [(str(i), t, lead) for i, (t, lead) in
                                                                enumerate(items, 1)]))
    return made



def summary_lead_reports() -> list[tuple[str, str, str, list]]:
    """An executive summary repeating recommendations whose lead is only given later, in the full
    list's "Lead agency:" lines or its action plan."""
    items = [(t, a) for a, ts in GROUPED for t in ts][:6]
    summary = "\n".join(f"{i}. {t}" for i, (t, _) in enumerate(items, 1))
    full = "\n\n".join(f"{i}. {t}\nLead agency: {LEAD_CELLS.get(a, a)}" for i, (t, a) in enumerate(items, 1))
    body = (f"{GLOSSARY}\nExecutive summary\n\nThe panel makes six recommendations:\n\n{summary}\n\n{INTRO}\n"
            f"{FINDINGS}\nRecommendations\n\n{full}\n\nConclusion\n\nThe end.\n")
    made = [("text_summary_then_lead_lines.txt", body, "summary",
             [(str(i), t, a) for i, (t, a) in enumerate(items, 1)])]
    items = BY_KIND[:2] + [(t, a) for a, ts in GROUPED[2:4] for t in ts]
    summary = "\n".join(f"{i}) {t}" for i, (t, _) in enumerate(items, 1))
    rows = "\n".join(f"{i}\t{t}\t{a}\t{DATES[i % 4]}" for i, (t, a) in enumerate(items, 1))
    body = (f"Summary\n\nThe recommendations are:\n\n{summary}\n\n{FINDINGS}\nAction plan\n\n"
            f"No\tRecommendation\tLead agency\tTarget date\n{rows}\n")
    made.append(("text_summary_then_tab_plan.txt", body, "summary",
                 [(str(i), t, a) for i, (t, a) in enumerate(items, 1)]))
    return made



def trailing_lead_reports() -> list[tuple[str, str, str, list]]:
    """The lead written after a recommendation's last full stop, in brackets or after a dash; and
    numbered agency sub-headings naming an agency by its kind ("4.2 GP practices")."""
    items = [(t, a) for a, ts in GROUPED for t in ts][:6]
    forms = ["({})", "[{}]", "– {}"]
    lines = [f"{i}. {t} {forms[i % 3].format(LEAD_CELLS.get(a, a))}" for i, (t, a) in enumerate(items, 1)]
    body = f"{GLOSSARY}\nRecommendations\n\n" + "\n".join(lines) + "\n\nConclusion\n\nThe end.\n"
    made = [("text_trailing_leads.txt", body, "paragraphs", [(str(i), t, a) for i, (t, a) in enumerate(items, 1)])]
    headings = [("Northshire Police", POL), ("GP practices", ICB), ("Mental health services", NSFT),
                ("Housing services", HOUS)]
    parts, truths = [], []
    for k, ((heading, agency), (_, texts)) in enumerate(zip(headings, GROUPED, strict=False), 1):
        parts.append(f"7.{k} {heading}")
        for j, text in enumerate(texts, 1):
            parts.append(f"7.{k}.{j} {text}")
            truths.append((f"7.{k}.{j}", text, agency))
    body = (f"{FINDINGS}\n7. RECOMMENDATIONS\n\n" + "\n\n".join(parts) + "\n\n8. CONCLUSION\n\nThe end.\n")
    made.append(("text_numbered_kind_headings.txt", body, "agency_headings", truths))
    return made



def theme_under_agency_reports() -> list[tuple[str, str, str, list]]:
    """Theme sub-headings ("Risk assessment", "Training") within each agency's recommendations."""
    themes = ["Risk assessment", "Training and supervision"]
    parts, truths, n = [], [], 0
    for agency, texts in GROUPED[:3]:
        parts.append(agency)
        for theme, text in zip(themes, texts, strict=False):
            n += 1
            parts += [theme, f"{n}. {text}"]
            truths.append((str(n), text, agency))
    body = (f"{INTRO}\nRecommendations\n\n" + "\n\n".join(parts)
            + f"\n\nMulti-agency recommendations\n\n{n + 1}. {NAMED[6][0]}\n\nConclusion\n\nThe end.\n")
    truths.append((str(n + 1), NAMED[6][0], SNP))
    return [("text_themes_under_agencies.txt", body, "agency_headings", truths)]



def titled_reports() -> list[tuple[str, str, str, list]]:
    """Each recommendation under a numbered title line ("Recommendation 2: Information sharing")."""
    titles = ["Risk assessment", "Information sharing", "Seeing children alone", "Training for GP practices",
              "Economic abuse"]
    items = [NAMED[0], NAMED[8], NAMED[3], NAMED[1], NAMED[6]]
    seps = [": ", " – ", " - "]
    blocks = [f"Recommendation {i}{seps[i % 3]}{title}\n{t}" for i, (title, (t, _)) in
              enumerate(zip(titles, items, strict=True), 1)]
    body = f"{GLOSSARY}\nRecommendations\n\n" + "\n\n".join(blocks) + "\n\nConclusion\n\nThe end.\n"
    return [("text_titled_recommendations.txt", body, "paragraphs",
             [(f"Recommendation {i}", t, a) for i, (t, a) in enumerate(items, 1)])]


def _agency_headings():
    parts, truths, n = [], [], 0
    for agency, texts in GROUPED:
        parts.append(agency)
        for text in texts:
            n += 1
            parts.append(f"{n}. {text}")
            truths.append((str(n), text, agency))
    body = (f"{INTRO}\n{FINDINGS}\nSingle agency recommendations\n\n" + "\n\n".join(parts)
            + f"\n\nMulti-agency recommendations\n\n{n + 1}. {NAMED[6][0]}\n\n{n + 2}. {ALL_AGENCIES[0]}\n")
    truths += [(str(n + 1), NAMED[6][0], SNP), (str(n + 2), ALL_AGENCIES[0], SNP)]
    return "text_agency_headings.txt", body, "agency_headings", truths


def _plan_rows(items):
    return [(str(i), t, lead, PLAN_ACTIONS[i % 5], DATES[i % 4]) for i, (t, lead) in enumerate(items, 1)]


def _tab_plan():
    rows = _plan_rows(NAMED[:8])
    lines = ["No\tRecommendation\tLead agency\tAction\tTarget date"]
    lines += ["\t".join(row) for row in rows]
    body = f"{INTRO}\n{FINDINGS}\nAppendix B: Action plan\n\n" + "\n".join(lines) + "\n"
    return "text_tab_plan.txt", body, "table", [(n, t, lead) for n, t, lead, _, _ in rows]


def _space_plan():
    items = [(t, lead) for t, lead in NAMED if len(t) < 130][:6]
    rows = _plan_rows(items)
    width = max(len(t) for _, t, _, _, _ in rows) + 3
    lead_width = max(len(lead) for _, _, lead, _, _ in rows) + 3
    lines = [f"{'Ref':<6}{'Recommendation':<{width}}{'Lead agency':<{lead_width}}Target date"]
    lines += [f"{n:<6}{t:<{width}}{lead:<{lead_width}}{d}" for n, t, lead, _, d in rows]
    body = f"{INTRO}\nAction plan\n\n" + "\n".join(lines) + "\n\nSigned off by the panel chair.\n"
    return "text_space_plan.txt", body, "table", [(n, t, lead) for n, t, lead, _, _ in rows]


def _pipe_plan():
    rows = _plan_rows(NAMED[6:14])
    short = {POL: "Police", ICB: "ICB", HOSP: "EUHT", HOUS: "Housing", REC: "Recovery Service", SNP: "SNP",
             ASC: "ASC", EDAS: "EDAS"}
    lines = ["| Ref | Recommendation | Lead | Action | By |", "|-----|----------------|------|--------|----|"]
    lines += [f"| {n} | {t} | {short.get(lead, lead)} | {a} | {d} |" for n, t, lead, a, d in rows]
    glossary = (GLOSSARY + "EUHT – Eastvale University Hospitals NHS Trust\nSNP – Safer Northshire Partnership\n"
                "EDAS – Eastvale Domestic Abuse Service\n")
    body = f"{glossary}\nAction plan\n\n" + "\n".join(lines) + "\n"
    return "text_pipe_short_leads.txt", body, "table", [(n, t, lead) for n, t, lead, _, _ in rows]


def _kind_headings():
    """Headings naming an agency by kind or abbreviation, numbered per agency."""
    headings = [("Police", POL), ("General practice", ICB), ("Mental health services (NSFT)", NSFT),
                ("Housing", HOUS), ("The Probation Service", PROB)]
    parts, truths = [], []
    for (heading, agency), (_, texts) in zip(headings, GROUPED, strict=True):
        parts.append(heading)
        for text in texts:
            number = str(len(truths) + 1)
            parts.append(f"{number}. {text}")
            truths.append((number, text, agency))
    body = (f"{GLOSSARY}\n{FINDINGS}\nRecommendations\n\n" + "\n\n".join(parts)
            + "\n\nAcknowledgements\n\nThe chair thanks the panel.\n")
    return "text_kind_headings.txt", body, "agency_headings", truths


def _two_agencies():
    items = [
        ("Northshire Police should work with Northshire Children's Social Care to agree when a notification is "
         "sent about a child present at an incident.", POL),
        ("When Eastvale University Hospitals NHS Trust discharges a patient with injuries from an assault, the "
         "ICB should make sure that the patient's GP is told within two working days.", ICB),
        ("With support from the Home Office, the Safer Northshire Partnership should publish a pathway for "
         "victims of stalking.", SNP),
        ("Domestic abuse training for emergency department staff should be refreshed each year by Eastvale "
         "University Hospitals NHS Trust.", HOSP),
        ("National guidance on honour-based abuse should be shared with all frontline staff by the Community "
         "Safety Partnership.", SNP),
        ("The Home Office should update the statutory guidance so that reviews hear from a victim's employer.",
         HO),
        ("Mental health services should offer a carer's assessment to every partner who is a patient's main "
         "carer.", NSFT),
    ]
    listed, truths = _numbered(items, lambda i: (str(i), f"{i}."))
    body = (f"{INTRO}\n{FINDINGS}\nRecommendations\n\nThe review makes the following recommendations.\n\n"
            f"{listed}\n\nAppendix: Chronology\n\n2023: Ms D registered with a new GP practice.\n")
    return "text_two_agencies.txt", body, "paragraphs", truths


def _markdown_crlf():
    items = NAMED[:3] + NAMED[9:12]
    texts = [f"**Rec {i}** – {t}" for i, (t, _) in enumerate(items, 1)]
    truths = [(f"Rec {i}", t, lead) for i, (t, lead) in enumerate(items, 1)]
    body = ("# DHR Mr F\r\n\r\n## Glossary\r\n\r\n" + GLOSSARY.split("\n\n", 1)[1].replace("\n", "\r\n")
            + "\r\n## Recommendations\r\n\r\n" + "\r\n\r\n".join(texts) + "\r\n\r\n## Conclusion\r\n\r\nThe end.\r\n")
    return "text_markdown_crlf.txt", body, "paragraphs", truths


def _pasted_agency_list():
    parts, truths, n = [], [], 0
    for agency, texts in GROUPED[:4]:
        parts.append(f"Recommendations for {agency}")
        for text in texts:
            n += 1
            parts.append(f"{n}. {text}")
            truths.append((str(n), text, agency))
    body = f"{INTRO}\n{FINDINGS}\n" + "\n\n".join(parts) + "\n\nConclusion\n\nThe panel thanks everyone.\n"
    return ("text_pasted_agency_list.txt", _pasted(body, "Overview Report – Ms G", 16, False, 64), "pasted",
            truths)


def pdf_reports() -> list[tuple[str, bytes, str, list]]:
    import html

    items = NAMED[:6]
    rows = "".join(f"<tr><td>{i}</td><td>{html.escape(t)}</td><td>{html.escape(lead)}</td></tr>"
                   for i, (t, lead) in enumerate(items, 1))
    body = (f"<h2>Introduction</h2><p>{html.escape(INTRO.split(chr(10), 2)[2])}</p>" + GLOSSARY.replace("\n", "<br>")
            + "<h2>Action plan</h2><table><tr><th>No</th><th>Recommendation</th><th>Lead agency</th></tr>"
            + rows + "</table>")
    made = [("pdf_plan_abbrev.pdf", _html(body, False, "DHR Ms D"), "table",
             [(str(i), t, lead) for i, (t, lead) in enumerate(items, 1)])]
    parts = "".join(f"<h3>{html.escape(agency)}</h3>" + "".join(f"<p>{html.escape(t)}</p>" for t in texts)
                    for agency, texts in GROUPED)
    truths = [(f"P{i}", t, agency) for i, (agency, t) in
              enumerate([(a, t) for a, ts in GROUPED for t in ts], 1)]
    made.append(("pdf_agency_paragraphs.pdf", _html("<h2>Recommendations</h2>" + parts, False, "DHR Mr E"),
                 "agency_headings", truths))
    return made


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/corpus/reports_dev3")
    target.mkdir(parents=True, exist_ok=True)
    (target / "agencies.json").write_text(json.dumps([{"name": n, "kind": k} for n, k in AGENCIES], indent=1) + "\n")
    count = 0
    for file, body, shape, items in text_reports():
        (target / file).write_bytes(body.encode("utf-8"))
        _truth(target, file, "text", shape, items)
        count += 1
    for file, content, shape, items in pdf_reports():
        (target / file).write_bytes(content)
        _truth(target, file, "pdf", shape, items)
        count += 1
    print(f"{count} reports written to {target}")


def _truth(target: Path, file: str, fmt: str, shape: str, items: list) -> None:
    record = truth(file, fmt, shape, items)
    (target / file).with_suffix(".truth.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

"""Write the second development corpus of fictional DHR reports, in shapes the first lacks.

    .venv/bin/python tests/corpus/makers/make_report_corpus_dev2.py [DIR]   (default tests/corpus/reports_dev2)

Shapes: recommendations grouped under agency headings (numbering restarting or running on),
single-agency then multi-agency sections, recommendations that mention one agency while another
acts, agencies written by an abbreviation the glossary defines ("WP", "the ICB", "CSC"), an
executive summary and an appendix action plan repeating the list, landscape plans whose rows run
over page breaks, agency names over two lines of a cell. The Word shapes (lists numbered by Word,
"List Number" style, sub-lists) are in make_report_corpus_dev2_docx.py. Same format as the first
corpus (see make_report_corpus.py); all names and cases are invented."""
from __future__ import annotations

import html
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_report_corpus import _html, _table_html, _write  # noqa: E402

AGENCIES = [
    ("Westmoor Police", "police"), ("Westmoor and Dunford Integrated Care Board", "primary_care"),
    ("Dunford Hospitals NHS Foundation Trust", "health"),
    ("Westmoor Partnership Mental Health and Wellbeing Trust", "mental_health"),
    ("Dunford Children's Social Care", "childrens_social_care"), ("Westmoor Adult Social Care", "adult_social_care"),
    ("Dunford Borough Council Housing Service", "housing"), ("Probation Service", "probation"),
    ("Westmoor Women's Aid", "specialist_da"), ("Home Office", "national"),
    ("Safer Westmoor Partnership", "partnership"), ("Dunford Drug and Alcohol Service", "substance_misuse"),
]
WP, ICB, DHFT, MH, CSC, ASC, HOUSING, PROB, WWA, HO, SWP, DAS = (a for a, _ in AGENCIES)
GLOSSARY = [("WP", WP), ("ICB", ICB), ("DHFT", DHFT), ("CSC", CSC), ("ASC", ASC), ("SWP", SWP)]

# Recommendations grouped by the agency that acts; their words do not name it.
GROUPED = {
    WP: ["Officers should complete a risk assessment at every domestic abuse call, even when the caller withdraws.",
         "Call handlers should check the address history before grading a call about a disturbance.",
         "Supervisors should review each case closed because the victim did not support a prosecution."],
    ICB: ["Practices should record when a patient is always accompanied by a partner at appointments.",
          "Clinicians should be reminded to ask about controlling behaviour when prescribing antidepressants."],
    DHFT: ["Emergency department staff should ask about strangulation when a patient presents with neck pain.",
           "Maternity staff should see each pregnant woman alone at least once during her care."],
    CSC: ["Social workers should speak to each child alone when a parent reports abuse by a partner.",
          "Assessments should consider the risk posed by a new partner who has moved into the household."],
    HOUSING: ["Officers should ask about abuse when a tenant asks to move urgently for reasons they do not give.",
              "Repairs staff should be trained to report signs of damage caused by violence in the home."],
    DAS: ["Key workers should ask about abuse from a partner at each review of a client's care plan."],
}
# Multi-agency recommendations: (text, lead) — some mention an agency that does not act.
MULTI = [
    ("The Safer Westmoor Partnership should write to the Home Office asking that guidance on economic abuse be "
     "updated.", SWP),
    ("All agencies should make sure that staff know how to refer a victim to a specialist advocate.", None),
    ("Westmoor Police should work with Dunford Children's Social Care to agree when a notification is sent about a "
     "child present at an incident.", WP),
    ("When Dunford Hospitals NHS Foundation Trust discharges a patient with injuries from an assault, the "
     "Westmoor and Dunford Integrated Care Board should make sure the patient's GP is told.", ICB),
    ("Partners should review their policies on domestic abuse affecting their own staff.", None),
    ("Westmoor Women's Aid should share its learning on older victims with Westmoor Adult Social Care.", WWA),
    ("The Probation Service should ask Westmoor Police for call-out records before each risk review.", PROB),
    ("With support from the Home Office, the Safer Westmoor Partnership should publish a stalking pathway.", SWP),
]
# Recommendations naming their agency by an abbreviation the report's glossary defines.
ABBREVIATED = [
    ("WP should audit how officers use body-worn video at domestic abuse incidents.", WP),
    ("The ICB should commission training for GPs on coercive control in older couples.", ICB),
    ("CSC should record the name of every adult living in a household under assessment.", CSC),
    ("DHFT should add a routine question about domestic abuse to its frailty assessment.", DHFT),
    ("ASC should check that carers' assessments are offered to partners of people with dementia.", ASC),
    ("The SWP should seek assurance from WP and CSC that joint visits are recorded.", SWP),
]
OTHER = ["The review was commissioned by the Safer Westmoor Partnership in January.",
         "The panel heard from Mrs B's sister and two of her friends.",
         "Westmoor Police should have recognised the pattern of calls in 2023, and the GP should have asked why "
         "Mrs B was always accompanied.",
         "The chronology covers the five years before Mrs B's death."]


def _intro(title="Overview report") -> str:
    return f"<h1>{title}</h1>" + "".join(f"<p>2.{i} {html.escape(t)}</p>" for i, t in enumerate(OTHER, 1))


def _glossary_html() -> str:
    rows = [(html.escape(short), html.escape(name)) for short, name in GLOSSARY]
    return "<h2>Glossary</h2>" + _table_html(["Abbreviation", "Meaning"], rows)


def _grouped(restart: bool):
    """(number, text, lead) for the agency-grouped lists, numbered restarting or running on."""
    items, count = [], 0
    for agency, texts in GROUPED.items():
        for i, text in enumerate(texts, 1):
            count += 1
            items.append((str(i if restart else count), text, agency))
    return items


def pdf_reports(out: Path) -> list[dict]:
    made = []
    items = _grouped(restart=False)
    body = _intro() + "<h2>Recommendations</h2>"
    for agency in GROUPED:
        body += f"<h3>{html.escape(agency)}</h3>" + "".join(
            f"<p>{n}. {html.escape(t)}</p>" for n, t, lead in items if lead == agency)
    body += "<h2>Appendix 1: terms of reference</h2><p>1. To establish what lessons are to be learned.</p>"
    made.append(("pdf_agency_headings.pdf", _html(body, False, "DHR Mrs B"), "paragraphs", items))

    single = [(f"7.{i}", t, lead) for i, (t, lead) in enumerate(
        [(GROUPED[WP][0], WP), (GROUPED[CSC][0], CSC), (GROUPED[DHFT][1], DHFT)], 1)]
    multi = [(f"7.{i}", t, lead) for i, (t, lead) in enumerate(MULTI[:5], len(single) + 1)]
    body = (_intro() + "<h2>7 Recommendations</h2><h3>Single agency recommendations</h3>")
    for n, t, lead in single:
        body += f"<p><strong>{html.escape(lead)}</strong></p><p>{n} {html.escape(t)}</p>"
    body += "<h3>Multi-agency recommendations</h3>" + "".join(f"<p>{n} {html.escape(t)}</p>" for n, t, _ in multi)
    body += "<h2>8 Conclusion</h2><p>8.1 The panel thanks the family for their help.</p>"
    made.append(("pdf_single_then_multi.pdf", _html(body, False, "DHR Mr C"), "paragraphs", single + multi))

    items = [(str(i), t, lead) for i, (t, lead) in enumerate(MULTI, 1)]
    paras = "".join(f"<p>{n}. {html.escape(t)}</p>" for n, t, _ in items)
    plan = [(n, html.escape(t), html.escape(lead or "All agencies"), "Agree actions and report to the partnership.",
             "September 2027") for n, t, lead in items]
    body = (_intro() + "<h2>Recommendations</h2>" + paras + "<h2>Appendix B: action plan</h2>"
            + _table_html(["Rec", "Recommendation", "Lead agency", "Action", "Target date"], plan))
    made.append(("pdf_appendix_plan.pdf", _html(body, False, "DHR Ms D"), "paragraphs+table",
                 [(n, t, lead) for n, t, lead in items]))

    items = [(str(i), t, lead) for i, (t, lead) in enumerate([(t, a) for a, ts in GROUPED.items() for t in ts], 1)]
    action = ("Revise the procedure, brief every team, and audit a sample of cases six months later to check "
              "that the change has been made and is understood. ") * 2
    rows = [(n, html.escape(t), html.escape(lead), action, "Quarterly audit reports to the partnership board.",
             "March 2028") for n, t, lead in items]
    style_body = ("<style>td:nth-child(3), th:nth-child(3) { width: 2.6cm }</style>" + "<h1>Action plan</h1>"
                  + _table_html(["Ref", "Recommendation", "Lead organisation", "Actions", "Milestones", "By when"],
                                rows))
    made.append(("pdf_landscape_long_rows.pdf", _html(style_body, True, "DHR Mr E action plan"), "table", items))

    groups = [(WP, GROUPED[WP]), (ICB, GROUPED[ICB]), (HOUSING, GROUPED[HOUSING])]
    items, rows, count = [], [], 0
    for agency, texts in groups:
        rows.append((f"<strong>{html.escape(agency)}</strong>", "", "", ""))
        for text in texts:
            count += 1
            items.append((str(count), text, agency))
            rows.append((str(count), html.escape(text), "Brief staff and audit.", "June 2027"))
    body = _intro() + "<h2>Recommendations</h2>" + _table_html(["No", "Recommendation", "Action", "Date"], rows)
    made.append(("pdf_grouped_table.pdf", _html(body, False, "DHR Mrs F"), "table", items))

    items = [(f"R{i}", t, lead) for i, (t, lead) in enumerate(ABBREVIATED, 1)]
    body = (_intro() + _glossary_html() + "<h2>Recommendations</h2>"
            + "".join(f"<p>{n} {html.escape(t)}</p>" for n, t, _ in items))
    made.append(("pdf_glossary_abbrev.pdf", _html(body, False, "DHR Mr G"), "paragraphs", items))
    return _write(out, "pdf", made)


def text_reports(out: Path) -> list[dict]:
    made = []
    items = _grouped(restart=True)
    lines = ["Overview report", "", *OTHER, "", "Recommendations", ""]
    for agency in GROUPED:
        lines += [agency, ""] + [f"{n}. {t}" for n, t, lead in items if lead == agency] + [""]
    lines += ["Appendix", "", "1. Panel membership.", "2. Terms of reference."]
    made.append(("text_agency_restart.txt", "\n".join(lines).encode(), "paragraphs", items))

    items = [(str(i), t, lead) for i, (t, lead) in enumerate(MULTI, 1)]
    summary = ["Executive summary", "", OTHER[0], "", "The panel made the following recommendations.", ""]
    summary += [f"{n}. {t}" for n, t, _ in items]
    full = ["", "Overview report", "", *OTHER[1:], "", "Recommendations", ""] + [f"{n}. {t}" for n, t, _ in items]
    made.append(("text_summary_repeat.txt", "\n".join(summary + full).encode(), "paragraphs", items))

    items = [(str(i), t, lead) for i, (t, lead) in enumerate(ABBREVIATED, 1)]
    lines = ["Glossary", "", *[f"{short} – {name}" for short, name in GLOSSARY], "", "Recommendations", "",
             "| No | Recommendation | Lead |", "|---|---|---|"]
    short_of = {name: short for short, name in GLOSSARY}
    lines += [f"| {n} | {t} | {short_of[lead]} |" for n, t, lead in items]
    made.append(("text_abbrev_column.txt", "\n".join(lines).encode(), "table", items))

    codes = {WP: "WP", CSC: "CSC", DHFT: "DHFT"}
    items = [(f"{codes[a]}{i}", t, a) for a in codes for i, t in enumerate(GROUPED[a], 1)]
    lines = ["Recommendations", ""]
    for agency, code in codes.items():
        lines += [f"{agency} ({code})", ""] + [f"{n} {t}" for n, t, lead in items if lead == agency] + [""]
    made.append(("text_agency_codes.txt", "\n".join(lines).encode(), "paragraphs", items))
    items = [(f"{i}", t, a) for i, (t, a) in enumerate([(GROUPED[DHFT][0], DHFT), (MULTI[6][0], PROB),
                                                        (GROUPED[ICB][1], ICB), (MULTI[2][0], WP)], 1)]
    lines = ["Overview report", "", *OTHER, ""]
    for n, t, lead in items:
        lines += [f"Recommendations for {lead}", "", f"{n}. {t}", ""]
    made.append(("text_recommendations_for.txt", "\n".join(lines).encode(), "paragraphs", items))
    return _write(out, "text", made)


if __name__ == "__main__":
    from make_report_corpus_dev2_docx import docx_reports  # noqa: E402

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/corpus/reports_dev2")
    target.mkdir(parents=True, exist_ok=True)
    (target / "agencies.json").write_text(json.dumps([{"name": n, "kind": k} for n, k in AGENCIES], indent=1) + "\n")
    reports = pdf_reports(target) + docx_reports(target) + text_reports(target)
    print(f"{len(reports)} reports written to {target}")

"""Write the development corpus of fictional DHR reports the report import is tuned on.

    .venv/bin/python tests/corpus/makers/make_report_corpus.py [DIR]   (default tests/corpus/reports_dev)

Each report is written as partnerships write them (PDF tables in portrait and landscape with
running headers, footers and hyphenation; numbered paragraphs; Word tables with merged cells and
Word's own list numbering; text and markdown tables), beside `<stem>.truth.json` saying what it
recommends; `agencies.json` lists the partnership's agencies. All names and cases are invented."""
from __future__ import annotations

import base64
import html
import json
import sys
from pathlib import Path

AGENCIES = [
    ("Northshire Police", "police"), ("Northshire and Eastvale ICB", "primary_care"),
    ("Northshire University Hospitals NHS Trust", "health"),
    ("Eastvale Mental Health Foundation Trust", "mental_health"),
    ("Northshire Children's Services", "childrens_social_care"), ("Eastvale Adult Social Care", "adult_social_care"),
    ("Eastvale Homes", "housing"), ("National Probation Service", "probation"),
    ("Eastvale Domestic Abuse Service", "specialist_da"), ("Home Office", "national"),
    ("Northshire Community Safety Partnership", "partnership"),
]
P, ICB, HOSP, MH, CSC, ASC, HOMES, NPS, DAS, HO, CSP = (a for a, _ in AGENCIES)

# (text, lead agency as the text names it or None) — leads named in words or by kind only.
IN_TEXT = [
    ("Northshire Police should review how officers record repeat calls from the same address within a year.", P),
    ("GPs should ask routinely about domestic abuse when a patient presents with anxiety or unexplained injuries.",
     ICB),
    ("The Home Office should issue national guidance on the use of image-based abuse in coercive control.", HO),
    ("National guidance on non-fatal strangulation should be shared with all panel members by the Community Safety "
     "Partnership.", CSP),
    ("All agencies in Northshire should make sure that domestic abuse training covers economic abuse.", None),
    ("Eastvale Homes should check for signs of domestic abuse before a tenancy is ended for rent arrears.", HOMES),
    ("Probation should share risk information with the victim's advocate at every sentence review.", NPS),
    ("The hospital emergency department should record who accompanies a patient with a facial injury.", HOSP),
    ("Children's social care should hear the voice of the child in every assessment where domestic abuse is "
     "reported.", CSC),
    ("The mental health crisis team should ask about domestic abuse at each assessment of a person at risk of "
     "suicide.", MH),
    ("Eastvale Domestic Abuse Service should offer outreach to victims who decline refuge accommodation.", DAS),
    ("Adult social care should consider coercive control when a carer refuses access to the person they care for.",
     ASC),
]
SUBPARTS = [
    ("Northshire Police should strengthen its response to stalking:", P,
     ["(a) by recording every reported breach of a non-molestation order;", "(b) by referring high-risk cases to "
      "MARAC within one week; and", "(c) by reviewing its stalking training each year."]),
    ("The Community Safety Partnership should improve multi-agency working:", CSP,
     ["(a) by publishing a single referral pathway;", "(b) by auditing information sharing between agencies."]),
]
# (text, lead in the table's own column) — the text alone would suggest another agency or none.
TABLED = [
    ("Staff should receive training in recognising coercive control and separation risk.", MH),
    ("Practitioners should exercise professional curiosity when a partner always answers for the patient.", ICB),
    ("A protocol for sharing information about perpetrators between agencies should be agreed.", CSP),
    ("Safeguarding supervision should include discussion of cases where domestic abuse is disclosed.", HOSP),
    ("Risk assessments should be repeated whenever a victim reports that the relationship has ended.", P),
    ("Tenancy officers should be trained to recognise the signs of economic abuse.", HOMES),
    ("Assessments should record the views of the children in the household.", CSC),
    ("Offender managers should check police call-outs before each supervision appointment.", NPS),
    ("Outreach workers should follow up within two working days when a victim cannot be contacted.", DAS),
    ("Carers' assessments should ask privately about the carer's own safety at home.", ASC),
]
OTHER_PARAS = ["The panel met seven times between March and November.",
               "Adult A's family contributed to the review and chose her pseudonym.",
               "The chronology showed contact with eleven agencies over four years.",
               "The GP should have asked about the bruising seen in March, and Northshire Police should review "
               "why the earlier call was not recorded as domestic abuse."]


def truth(file, fmt, shape, items, no_text=False):
    return {"file": file, "format": fmt, "shape": shape, "no_text": no_text,
            "recommendations": [{"number": n, "text": t, "lead_agency": lead} for n, t, lead in items]}


def _sub(item):
    head, lead, parts = item
    return head + " " + " ".join(parts), lead


def _html(body: str, landscape: bool, title: str) -> bytes:
    from weasyprint import HTML

    size = "A4 landscape" if landscape else "A4"
    style = ("@page { size: %s; margin: 2.5cm 2cm; @top-center { content: '%s – OFFICIAL'; font-family: sans-serif; "
             "font-size: 9pt } @bottom-right { content: 'Page ' counter(page) ' of ' counter(pages); "
             "font-family: sans-serif; font-size: 9pt } } body { font-family: sans-serif; font-size: 11pt } "
             "p, td { hyphens: auto; text-align: justify } table { border-collapse: collapse; width: 100%% } "
             "td, th { border: 1px solid #000; padding: 4px; vertical-align: top } .narrow { width: 9cm } "
             ".bare td, .bare th { border: none; text-align: left }") % (size, title)
    page = f"<html lang='en'><head><style>{style}</style></head><body>{body}</body></html>"
    return HTML(string=page).write_pdf()


def _intro() -> str:
    return "<h1>Overview report</h1>" + "".join(f"<p>1.{i} {html.escape(t)}</p>" for i, t in enumerate(OTHER_PARAS, 1))


def _table_html(header, rows) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def pdf_reports(out: Path) -> list[dict]:
    made = []
    items = [(str(i), t, lead) for i, (t, lead) in enumerate(TABLED[:8], 1)]
    rows = [(n, html.escape(t), html.escape(lead)) for n, t, lead in items]
    filler = "".join(f"<p>{html.escape(t)} {html.escape(t)}</p>" for t in OTHER_PARAS * 6)
    body = _intro() + filler + "<h2>Recommendations</h2>" + _table_html(["No", "Recommendation", "Addressed to"], rows)
    made.append(("pdf_addressed_to.pdf", _html(body, False, "DHR Adult A"), "table", items))

    items = [(str(i), t, lead) for i, (t, lead) in enumerate(TABLED[2:9], 1)]
    rows = [(f"{n}. {html.escape(t)}", "Local", "Agree a plan and report progress to the partnership.",
             html.escape(lead), "March 2027") for n, t, lead in items]
    body = "<h1>Action plan</h1>" + _table_html(["Recommendation", "Scope", "Action to take", "Owner", "Target date"],
                                                rows)
    made.append(("pdf_landscape_owner.pdf", _html(body, True, "DHR Adult B action plan"), "table", items))

    recs = [(t, lead) for t, lead in IN_TEXT[:6]] + [_sub(SUBPARTS[0])] + [(t, lead) for t, lead in IN_TEXT[6:9]]
    items = [(str(i), t, lead) for i, (t, lead) in enumerate(recs, 1)]
    paras = []
    for n, (t, _lead) in enumerate(recs, 1):
        sub = SUBPARTS[0] if t.startswith(SUBPARTS[0][0]) else None
        if sub:
            paras.append(f"<p class='narrow'>{n} {html.escape(sub[0])}</p>"
                         + "".join(f"<p class='narrow'>{html.escape(s)}</p>" for s in sub[2]))
        else:
            paras.append(f"<p class='narrow'>{n} {html.escape(t)}</p>")
    body = (_intro() + filler + "<h2>Recommendations</h2>" + "".join(paras) + "<h2>Conclusion</h2>"
            + "".join(f"<p>{i} {html.escape(t)}</p>" for i, t in enumerate(OTHER_PARAS, 1)))
    made.append(("pdf_bare_numbers.pdf", _html(body, False, "DHR Adult C"), "paragraphs", items))

    items = [(str(i), t, lead) for i, (t, lead) in enumerate(IN_TEXT[2:10], 1)]
    rows = [(n, html.escape(t)) for n, t, _ in items]
    body = _intro() + "<h2>Recommendations</h2>" + _table_html(["Number", "Recommendation"], rows)
    made.append(("pdf_number_and_text.pdf", _html(body, False, "DHR Adult D"), "table", items))

    recs = IN_TEXT[3:12]
    items = [(f"5.{i}", t, lead) for i, (t, lead) in enumerate(recs, 1)]
    body = (_intro() + "<h2>5 Recommendations</h2>" + "".join(f"<p>{n} {html.escape(t)}</p>" for n, t, _ in items)
            + "<h2>6 Glossary</h2><p>6.1 MARAC means multi-agency risk assessment conference.</p>")
    made.append(("pdf_decimal.pdf", _html(body, False, "DHR Adult E"), "paragraphs", items))

    items = [(str(i), t, lead) for i, (t, lead) in enumerate(TABLED[1:7], 1)]
    rows = [(n, html.escape(t), html.escape(lead)) for n, t, lead in items]
    body = (_intro() + "<h2>Recommendations</h2><div class='bare'>"
            + _table_html(["Ref", "Recommendation", "Lead agency"], rows) + "</div>")
    made.append(("pdf_borderless.pdf", _html(body, False, "DHR Adult F"), "table", items))

    items = [(str(i), t, lead) for i, (t, lead) in enumerate(TABLED, 1)]
    action = "Review the policy and write new guidance for all staff in every team across the whole area. " * 3
    rows = []
    for n, t, lead in items:  # long rows and a second action each: rows break across pages
        rows += [(f"{n}. {html.escape(t)}", "Local", action, html.escape(lead), "Training is planned. " * 3,
                  "March 2027", ""), ("", "", "Report progress to the board each quarter.", html.escape(CSP), "",
                                      "June 2027", "")]
    body = "<h1>Action plan</h1>" + _table_html(["Recommendation", "Scope (local / regional / national)",
                                                 "Action to take", "Lead agency", "Key milestones achieved",
                                                 "Target date", "Date of completion and outcome"], rows)
    made.append(("pdf_multipage_plan.pdf", _html(body, True, "DHR Adult G action plan"), "table", items))

    made.append(("pdf_scanned.pdf", _scanned_pdf(), "scanned", []))
    return _write(out, "pdf", made)


def _scanned_pdf() -> bytes:
    """A page that is only a picture of text, as a scanner makes it: no text layer."""
    from weasyprint import HTML

    svg = ("<svg xmlns='http://www.w3.org/2000/svg' width='400' height='200'><rect width='400' height='200' "
           "fill='white'/>" + "".join(f"<rect x='20' y='{20 + 14 * i}' width='{300 - 9 * i}' height='6' fill='#333'/>"
                                      for i in range(12)) + "</svg>")
    data = base64.b64encode(svg.encode()).decode()
    page = f"<html><body><img src='data:image/svg+xml;base64,{data}' width='600'></body></html>"
    return HTML(string=page).write_pdf()


def _write(out: Path, fmt: str, made) -> list[dict]:
    written = []
    for file, content, shape, items in made:
        (out / file).write_bytes(content)
        record = truth(file, fmt, shape, items, no_text=shape == "scanned")
        (out / file).with_suffix(".truth.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n")
        written.append(record)
    return written


if __name__ == "__main__":
    from make_report_corpus_docx import docx_reports, text_reports  # noqa: E402

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/corpus/reports_dev")
    target.mkdir(parents=True, exist_ok=True)
    (target / "agencies.json").write_text(json.dumps([{"name": n, "kind": k} for n, k in AGENCIES], indent=1) + "\n")
    reports = pdf_reports(target) + docx_reports(target) + text_reports(target)
    print(f"{len(reports)} reports written to {target}")

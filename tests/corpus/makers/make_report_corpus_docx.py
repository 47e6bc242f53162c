"""The Word and plain-text reports of the development corpus (see make_report_corpus.py)."""
from __future__ import annotations

import io
from pathlib import Path

from make_report_corpus import ASC, CSC, CSP, DAS, HO, IN_TEXT, OTHER_PARAS, SUBPARTS, TABLED, P, _sub, _write

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _document():
    import docx

    document = docx.Document()
    document.add_heading("Overview report", level=1)
    for i, text in enumerate(OTHER_PARAS, 1):
        document.add_paragraph(f"1.{i} {text}")
    return document


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document, header, rows):
    grid = document.add_table(rows=1 + len(rows), cols=len(header))
    for c, value in enumerate(header):
        grid.cell(0, c).text = value
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    return grid


def _numbering(document) -> str:
    """A numbering definition of our own: 1. 2. 3. at level 0, (a) (b) at level 1; its numId."""
    from docx.oxml import parse_xml

    part = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, fmt, text in ((0, "decimal", "%1."), (1, "lowerLetter", "(%2)")))
    part.append(parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">{levels}</w:abstractNum>'))
    part.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _numbered(document, text: str, num_id: str, level: int):
    from docx.oxml import parse_xml

    paragraph = document.add_paragraph(text)
    properties = paragraph._p.get_or_add_pPr()
    properties.append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
                                "</w:numPr>"))


def docx_reports(out: Path) -> list[dict]:
    made = []
    document = _document()
    document.add_heading("Recommendations and action plan", level=1)
    items = [(str(i), t, lead) for i, (t, lead) in enumerate(TABLED[:6], 1)]
    grid = document.add_table(rows=2 + 2 * len(items), cols=4)
    title = grid.cell(0, 0).merge(grid.cell(0, 3))
    title.text = "Action plan"
    for c, value in enumerate(["Rec no", "Recommendation", "Agency", "Action"]):
        grid.cell(1, c).text = value
    for k, (n, t, lead) in enumerate(items):
        top, below = 2 + 2 * k, 3 + 2 * k
        grid.cell(top, 0).merge(grid.cell(below, 0)).text = n
        grid.cell(top, 1).merge(grid.cell(below, 1)).text = t
        grid.cell(top, 2).text, grid.cell(below, 2).text = lead, CSP
        grid.cell(top, 3).text, grid.cell(below, 3).text = "Review the policy.", "Report progress to the board."
    made.append(("docx_merged_agency.docx", _saved(document), "table", items))

    document = _document()
    document.add_heading("Recommendations", level=1)
    num_id = _numbering(document)
    recs = [(t, lead) for t, lead in IN_TEXT[:5]] + [_sub(SUBPARTS[1])] + [(t, lead) for t, lead in IN_TEXT[5:8]]
    for t, _lead in recs:
        sub = next((s for s in SUBPARTS if t.startswith(s[0])), None)
        _numbered(document, sub[0] if sub else t, num_id, 0)
        for part in sub[2] if sub else []:
            _numbered(document, part.split(") ", 1)[1], num_id, 1)
    document.add_heading("Glossary", level=1)
    document.add_paragraph("MARAC: multi-agency risk assessment conference.")
    items = [(str(i), _autonumbered_text(t), lead) for i, (t, lead) in enumerate(recs, 1)]
    made.append(("docx_autonumber.docx", _saved(document), "paragraphs", items))

    document = _document()
    document.add_heading("Recommendations", level=1)
    items = [(f"R{i}", t, lead) for i, (t, lead) in enumerate(TABLED[4:10], 1)]
    _table(document, ["Ref", "Recommendation", "Responsible"], [(n, t, lead) for n, t, lead in items])
    made.append(("docx_responsible.docx", _saved(document), "table", items))

    document = _document()
    document.add_heading("Recommendations", level=1)
    items = [(str(i), t, lead) for i, (t, lead) in enumerate(IN_TEXT[4:12], 1)]
    _table(document, ["No.", "Recommendation"], [(n, t) for n, t, _ in items])
    made.append(("docx_number_and_text.docx", _saved(document), "table", items))
    return _write(out, "docx", made)


def _autonumbered_text(text: str) -> str:
    return text  # sub-parts keep their "(a)" lettering, as Word shows it


def text_reports(out: Path) -> list[dict]:
    made = []
    items = [(str(i), t, lead) for i, (t, lead) in enumerate(TABLED[:7], 1)]
    lines = ["| No | Recommendation | Organisation |", "|---|:---|---|",
             *[f"| {n} | {t} | {lead} |" for n, t, lead in items]]
    text = "Overview report\n\n" + "\n\n".join(OTHER_PARAS) + "\n\nRecommendations\n\n" + "\n".join(lines) + "\n"
    made.append(("text_markdown.txt", text.encode(), "table", items))

    recs = [(t, lead) for t, lead in IN_TEXT[2:8]] + [_sub(SUBPARTS[0])]
    items = [(str(i), t, lead) for i, (t, lead) in enumerate(recs, 1)]
    paras = []
    for n, (t, _) in enumerate(recs, 1):
        sub = next((s for s in SUBPARTS if t.startswith(s[0])), None)
        paras.append(f"{n} {sub[0]}\n" + "\n".join(sub[2]) if sub else f"{n} {t}")
    text = ("Overview report\n\n" + "\n\n".join(OTHER_PARAS) + "\n\nRecommendations\n\n" + "\n\n".join(paras)
            + "\n\nAppendix\n\n1 Terms of reference agreed in May.\n\n2 Panel members listed by agency.\n")
    made.append(("text_bare_numbers.txt", text.encode(), "paragraphs", items))

    items = [(f"R{i}", t, lead) for i, (t, lead) in enumerate(TABLED[3:9], 1)]
    lines = ["Recommendation | Lead agency | Target date", *[f"{n} {t} | {lead} | June 2027" for n, t, lead in items]]
    text = "Action plan\n\n" + "\n".join(lines) + "\n"
    made.append(("text_pipe_lead.txt", text.encode(), "table", items))

    items = [("Recommendation 1", "The Home Office should fund specialist advocacy for bereaved families.", HO),
             ("Recommendation 2", "Eastvale Domestic Abuse Service should offer group work to survivors.", DAS),
             ("Recommendation 3", "Adult social care should audit carers' assessments for questions about abuse.",
              ASC),
             ("Recommendation 4", "Children's social care should review how it hears from children.", CSC),
             ("Recommendation 5", "Northshire Police should audit its response to stalking reports.", P)]
    text = ("Executive summary\n\n" + "\n\n".join(OTHER_PARAS) + "\n\n"
            + "\n\n".join(f"{n}: {t}" for n, t, _ in items) + "\n")
    items = [(n.split()[1], t, lead) for n, t, lead in items]
    made.append(("text_recommendation_words.txt", text.encode(), "paragraphs", items))
    return _write(out, "text", made)

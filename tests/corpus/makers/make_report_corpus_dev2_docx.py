"""The Word reports of the second development corpus (see make_report_corpus_dev2.py)."""
from __future__ import annotations

from pathlib import Path

from make_report_corpus import _write
from make_report_corpus_dev2 import CSC, DHFT, GLOSSARY, GROUPED, HOUSING, ICB, MH, MULTI, OTHER, SWP, WP
from make_report_corpus_docx import W, _saved, _table

SUBLISTED = [
    ("Westmoor Police should improve how it responds to repeat victims:", WP,
     ["by flagging the address after the second call;", "by offering a specialist advocate each time; and",
      "by reviewing flagged cases each month."]),
    ("The Safer Westmoor Partnership should assure itself that learning is embedded:", SWP,
     ["by auditing one review's actions each year;", "by reporting the audit to the board."]),
]


def _document():
    import docx

    document = docx.Document()
    document.add_heading("Overview report", level=1)
    for text in OTHER:
        document.add_paragraph(text)
    return document


def _list_definition(document, num_id: int, formats=(("decimal", "%1."), ("lowerLetter", "%2)"))) -> str:
    from docx.oxml import parse_xml

    part = document.part.numbering_part.element
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                     "</w:lvl>" for i, (fmt, text) in enumerate(formats))
    part.append(parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{num_id}">{levels}</w:abstractNum>'))
    part.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))
    return str(num_id)


def _numbered(document, text: str, num_id: str, level: int = 0):
    from docx.oxml import parse_xml

    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _list_number_style(document) -> None:
    """Give the "List Number" style its own numbering, as Word's templates do."""
    from docx.oxml import parse_xml

    num_id = _list_definition(document, 80)
    style = document.styles["List Number"].element
    style.get_or_add_pPr().append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:numId w:val="{num_id}"/></w:numPr>'))


def docx_reports(out: Path) -> list[dict]:
    made = []
    document = _document()
    document.add_heading("Recommendations", level=1)
    items = []
    for k, (agency, texts) in enumerate(GROUPED.items()):
        document.add_heading(agency, level=2)
        num_id = _list_definition(document, 60 + k)  # each agency's list its own: numbering restarts
        for i, text in enumerate(texts, 1):
            _numbered(document, text, num_id)
            items.append((str(i), text, agency))
    document.add_heading("Glossary", level=1)
    document.add_paragraph("MARAC: multi-agency risk assessment conference.")
    made.append(("docx_agency_restart.docx", _saved(document), "paragraphs", items))

    document = _document()
    _list_number_style(document)
    document.add_heading("Recommendations", level=1)
    document.add_heading("Single agency recommendations", level=2)
    items, count = [], 0
    for agency in (WP, ICB, CSC):
        document.add_heading(agency, level=3)
        for text in GROUPED[agency]:
            count += 1
            document.add_paragraph(text, style="List Number")
            items.append((str(count), text, agency))
    document.add_heading("Multi-agency recommendations", level=2)
    for text, lead in MULTI[:4]:
        count += 1
        document.add_paragraph(text, style="List Number")
        items.append((str(count), text, lead))
    made.append(("docx_list_number_style.docx", _saved(document), "paragraphs", items))

    document = _document()
    document.add_heading("Recommendations", level=1)
    num_id = _list_definition(document, 70, (("decimal", "%1."), ("lowerRoman", "%2.")))
    items, count = [], 0
    for head, lead, parts in [SUBLISTED[0], *[(t, a, []) for t, a in MULTI[4:7]], SUBLISTED[1]]:
        count += 1
        _numbered(document, head, num_id)
        for part in parts:
            _numbered(document, part, num_id, 1)
        romans = ["i", "ii", "iii", "iv"]
        whole = " ".join([head, *[f"{romans[i]}. {p}" for i, p in enumerate(parts)]])
        items.append((str(count), whole, lead))
    made.append(("docx_sublists.docx", _saved(document), "paragraphs", items))

    import docx

    document = docx.Document()
    recs = [(t, a) for a in (WP, DHFT, HOUSING) for t in GROUPED[a]] + [
        ("Mental health practitioners should ask about abuse by a partner at each care programme review.", MH)]
    items = [(str(i), t, a) for i, (t, a) in enumerate(recs, 1)]
    document.add_heading("Executive summary", level=1)
    document.add_paragraph("The panel made these recommendations, set out in full in section 6.")
    summary_list = _list_definition(document, 71)
    for text, _ in recs:
        _numbered(document, text, summary_list)
    document.add_heading("Overview report", level=1)
    for text in OTHER:
        document.add_paragraph(text)
    document.add_heading("Recommendations", level=1)
    full_list = _list_definition(document, 72)
    for text, _ in recs:
        _numbered(document, text, full_list)
    document.add_heading("Appendix A: action plan", level=1)
    grid = _table(document, ["Rec no.", "Recommendation", "Lead agency", "Action", "Target date"],
                  [(n, t, "", "Brief staff and audit a sample of cases.", "December 2027") for n, t, _ in items])
    for row, (_, _, agency) in enumerate(items, 1):
        cell = grid.cell(row, 2)
        words = agency.split()
        cell.text = " ".join(words[:len(words) // 2])  # the name over two lines of the cell
        cell.add_paragraph(" ".join(words[len(words) // 2:]))
    made.append(("docx_summary_and_plan.docx", _saved(document), "paragraphs+table", items))

    document = _document()
    document.add_heading("Glossary", level=1)
    _table(document, ["Term", "Meaning"], GLOSSARY)
    document.add_heading("Recommendations", level=1)
    short_of = {name: short for short, name in GLOSSARY}
    texts = [(t, a) for t, a in MULTI[2:4]] + [(GROUPED[CSC][1], CSC), (GROUPED[ICB][0], ICB), (GROUPED[WP][2], WP)]
    items = [(f"{i}", t, a) for i, (t, a) in enumerate(texts, 1)]
    cells = [(n, t, "the ICB" if a == ICB else short_of.get(a, a)) for n, t, a in items]
    _table(document, ["No.", "Recommendation", "Agency"], cells)
    made.append(("docx_glossary_table.docx", _saved(document), "table", items))
    made.append(_continued_lists())
    made.append(_numbered_column())
    return _write(out, "docx", made)


def _num(document, num_id: int, abstract: int, restart: bool = False) -> str:
    """Another list (w:num) of an abstract list: Word counts on from the last one unless it restarts."""
    from docx.oxml import parse_xml

    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
    document.part.numbering_part.element.append(parse_xml(
        f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{override}</w:num>'))
    return str(num_id)


def _continued_lists():
    """An executive summary's list, then the report's own restarting at 1 (a w:startOverride) and
    running on (the same abstract list) from its single-agency to its multi-agency section."""
    import docx

    document = docx.Document()
    _list_definition(document, 110)
    recs = [(GROUPED[WP][1], WP), (GROUPED[CSC][0], CSC), *MULTI[5:8]]
    items = [(str(i), t, a) for i, (t, a) in enumerate(recs, 1)]
    document.add_heading("Executive summary", level=1)
    for text, _ in recs:
        _numbered(document, text, "110")
    document.add_heading("Overview report", level=1)
    for text in OTHER:
        document.add_paragraph(text)
    document.add_heading("Recommendations", level=1)
    document.add_heading("Single agency recommendations", level=2)
    first = _num(document, 111, 110, restart=True)
    for text, agency in recs[:2]:
        document.add_heading(agency, level=3)
        _numbered(document, text, first)
    document.add_heading("Multi-agency recommendations", level=2)
    document.add_paragraph("These recommendations are for the partnership as a whole.")
    later = _num(document, 112, 110)
    for text, _ in recs[2:]:
        _numbered(document, text, later)
    return ("docx_continued_lists.docx", _saved(document), "paragraphs", items)


def _numbered_column():
    """An action plan whose number column is Word's list numbering alone, its rows grouped under
    agency rows merged across the table, with a tracked insertion in one recommendation."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    num_id = _list_definition(document, 120)
    document.add_heading("Action plan", level=1)
    groups = [(WP, GROUPED[WP][:2]), (CSC, GROUPED[CSC]), (HOUSING, GROUPED[HOUSING][:1])]
    grid = document.add_table(rows=1 + sum(1 + len(texts) for _, texts in groups), cols=4)
    for column, heading in enumerate(["No.", "Recommendation", "Action", "Target date"]):
        grid.cell(0, column).text = heading
    items, row = [], 1
    for agency, texts in groups:
        grid.cell(row, 0).merge(grid.cell(row, 3)).text = agency
        row += 1
        for text in texts:
            grid.cell(row, 0).paragraphs[0]._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
            head, tail = text.split(" ", 1)
            cell = grid.cell(row, 1).paragraphs[0]
            cell.add_run(head + " ")
            cell._p.append(parse_xml(f'<w:ins xmlns:w="{W}" w:id="{row}" w:author="Chair"><w:r><w:t>{tail}</w:t>'
                                     "</w:r></w:ins>"))
            grid.cell(row, 2).text, grid.cell(row, 3).text = "Brief staff and audit cases.", "May 2027"
            items.append((str(len(items) + 1), text, agency))
            row += 1
    return ("docx_numbered_column.docx", _saved(document), "table", items)

"""A PDF table drawn without lines ends where the page's footer begins: its page number and
running footer are not read into the table's last row."""
from __future__ import annotations

import html

from dhr.data import extraction
from dhr.data.uploads import CheckedUpload

TEXTS = ["Officers should complete a risk assessment at every call, even when the caller withdraws.",
         "Social workers should speak to each child alone when a parent reports abuse."]


def _pdf() -> bytes:
    from weasyprint import HTML

    rows = "".join(f"<tr><td>{i}</td><td>{html.escape(t)}</td><td>Westmoor Police</td></tr>"
                   for i, t in enumerate(TEXTS, 1))
    style = ("@page { size: A4; margin: 2cm; @bottom-right { content: 'Page ' counter(page) ' of ' counter(pages); "
             "font-family: sans-serif; font-size: 9pt } } body { font-family: sans-serif } "
             "table { width: 100% } td, th { text-align: left; vertical-align: top }")
    body = ("<h2>Recommendations</h2><table><tr><th>Ref</th><th>Recommendation</th><th>Lead agency</th></tr>"
            f"{rows}</table>")
    return HTML(string=f"<html lang='en'><head><style>{style}</style></head><body>{body}</body></html>").write_pdf()


def test_a_line_less_tables_last_row_keeps_no_page_number():
    text = extraction.extract_text(CheckedUpload("report.pdf", "pdf", _pdf())).text
    rows = [line for line in text.splitlines() if " | " in line]
    assert rows[-1] == f"2 | {TEXTS[1]} | Westmoor Police"

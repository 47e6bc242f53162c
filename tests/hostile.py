"""Checks shared by the attacker-side tests: is a page, a PDF or a spreadsheet inert?"""
from __future__ import annotations

import csv
import io
import re

import openpyxl
from bs4 import BeautifulSoup

from .pdf_helpers import ReadPdf

FORMULA_STARTS = ("=", "+", "-", "@")
# The GOV.UK template's one inline script (allowed by the CSP nonce).
GOVUK_INLINE_SCRIPT = ("document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype "
                       "? ' govuk-frontend-supported' : '');")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data")


def payload(tag: str) -> str:
    """Every trick at once, labelled so a test can tell which field it came from."""
    return (f'=HYPERLINK("http://x") <script>alert("{tag}")</script> "><img src=x onerror=alert("{tag}")> '
            f"javascript:alert(1) zq{{{{7*7}}}}zq {tag}")


def shown(tag: str) -> str:
    """What a reader sees when the payload is shown as text."""
    return f'<script>alert("{tag}")</script>'


def inert_html(html: str, where: str) -> BeautifulSoup:
    """The page runs none of the stored text: only the app's own script, no event handler
    attributes, no javascript: URLs, no evaluated template expressions."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        own_file = script.get("src", "").startswith("/assets/") and not script.get_text(strip=True)
        own_inline = script.get("nonce") and script.get_text(strip=True) == GOVUK_INLINE_SCRIPT
        assert own_file or own_inline, f"{where}: a script that is not the app's own: {str(script)[:200]}"
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), f"{where}: event handler attribute {name}= on <{element.name}>"
            if name.lower() in URL_ATTRIBUTES:
                text = value if isinstance(value, str) else " ".join(value)
                assert not re.sub(r"\s", "", text).lower().startswith("javascript:"), f"{where}: {name}={text!r}"
    assert not soup.find_all(["iframe", "object", "embed", "base"]), f"{where}: embedded content"
    assert not soup.find_all("img", src="x"), f"{where}: a stored <img> became markup"
    assert "zq49zq" not in html, f"{where}: a template expression in stored text was evaluated"
    return soup


def page_strings(soup: BeautifulSoup) -> str:
    """The text of a page and its form values (where edit forms show stored text)."""
    parts = [soup.get_text(" ")]
    for element in soup.find_all(["input", "option"]):
        parts.append(element.get("value", ""))
    return " ".join(parts)


def pdf_text(content: bytes) -> str:
    return ReadPdf(content).text


def csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(content: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {sheet.title}!{cell.coordinate}: {cell.value!r}"
                cells.append(cell.value)
    return cells


def assert_no_formula_cells(cells: list, where: str) -> None:
    for value in cells:
        if isinstance(value, str):
            assert not value.startswith(FORMULA_STARTS), f"{where}: cell {value[:60]!r} would run as a formula"

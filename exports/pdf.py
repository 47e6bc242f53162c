"""Rendering an HTML template to an accessible PDF with WeasyPrint.

Every PDF gets: a document title and language (from the template's <title> and <html lang>),
the print stylesheet (templates/pdf/print.css), page numbers and the generation date in the
page margins, embedded fonts (DejaVu Sans, installed on the machine), selectable text, and
tagged structure (PDF/UA-1). A document with unpublished material is marked
OFFICIAL-SENSITIVE at the top of every page: the caller says so with `sensitive=True`.

Nothing is fetched from the network: the only URLs a template may use are data: URIs
(charts are embedded that way)."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from flask import render_template
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "pdf"
MARKING = "OFFICIAL-SENSITIVE"
PDF_VARIANT = "pdf/ua-1"


@lru_cache(maxsize=1)
def _print_stylesheet() -> tuple[CSS, FontConfiguration]:
    fonts = FontConfiguration()
    css = CSS(string=(TEMPLATE_DIR / "print.css").read_text(encoding="utf-8"), font_config=fonts)
    return css, fonts


def _fetcher() -> URLFetcher:
    return URLFetcher(allowed_protocols=("data",), timeout=2)


def render_html(template: str, *, title: str, sensitive: bool, landscape: bool = False, **context) -> str:
    """The HTML a PDF is made from (the tests and the bench read it too)."""
    return render_template(
        template,
        document_title=title,
        sensitive=sensitive,
        marking=MARKING,
        landscape=landscape,
        generated_on=dt.date.today(),
        **context,
    )


def html_to_pdf(html: str) -> bytes:
    css, fonts = _print_stylesheet()
    document = HTML(string=html, base_url=str(TEMPLATE_DIR), url_fetcher=_fetcher())
    return document.write_pdf(
        stylesheets=[css], font_config=fonts, pdf_variant=PDF_VARIANT, pdf_tags=True,
        custom_metadata=False,
    )


def render_pdf(template: str, *, title: str, sensitive: bool, landscape: bool = False, **context) -> bytes:
    return html_to_pdf(render_html(template, title=title, sensitive=sensitive, landscape=landscape, **context))


def css_string(text: str) -> Markup:
    """Quote `text` for a CSS `content:` value inside <style> (used in the margin boxes): quotes,
    backslashes and anything that could close the style element are written as CSS escapes."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,:;()–-_'/" else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')

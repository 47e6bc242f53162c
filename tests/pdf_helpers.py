"""Reading a PDF back for the tests: its text page by page and the accessibility facts."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader

from .helpers import fetch_download

MARKING = "OFFICIAL-SENSITIVE"


class ReadPdf:
    def __init__(self, content: bytes):
        assert content.startswith(b"%PDF-"), content[:200]
        self.reader = PdfReader(io.BytesIO(content))
        self.pages = [re.sub(r"\s+", " ", page.extract_text() or "") for page in self.reader.pages]
        self.text = " ".join(self.pages)

    @property
    def title(self) -> str:
        return self.reader.metadata.title

    @property
    def root(self):
        return self.reader.trailer["/Root"]

    def marked_on_every_page(self) -> bool:
        return all(MARKING in page for page in self.pages)

    def marked_anywhere(self) -> bool:
        return MARKING in self.text

    def fonts(self) -> set[tuple[str, bool]]:
        found = set()
        for page in self.reader.pages:
            for font in page["/Resources"].get("/Font", {}).values():
                font = font.get_object()
                embedded = False
                for descendant in font.get("/DescendantFonts", []):
                    descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                    embedded = embedded or any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                found.add((str(font["/BaseFont"]), embedded))
        return found

    def assert_accessible(self, title: str) -> None:
        """Title and language set, tagged (PDF/UA), fonts embedded, text selectable, page numbers."""
        assert self.title == title
        assert self.root["/Lang"] == "en-GB"
        assert bool(self.root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in self.root
        assert bool(self.root["/ViewerPreferences"]["/DisplayDocTitle"])
        fonts = self.fonts()
        assert fonts and all(embedded for _, embedded in fonts), fonts
        assert any("DejaVu" in name for name, _ in fonts)
        total = len(self.pages)
        for number, page in enumerate(self.pages, start=1):
            assert f"Page {number} of {total}" in page
            assert "generated" in page.lower()


def get_pdf(client, url: str, expected_status: int = 200) -> ReadPdf | None:
    response = fetch_download(client, url)
    assert response.status_code == expected_status, (url, response.status_code, response.get_data(as_text=True)[:500])
    if expected_status != 200:
        return None
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    return ReadPdf(response.data)

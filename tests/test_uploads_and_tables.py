import csv
import io

import openpyxl
import pytest

from dhr.data import uploads
from exports import tables

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def test_type_is_decided_by_content_not_name(app):
    assert uploads.check("report.pdf", PDF, {"pdf"}).kind == "pdf"
    with pytest.raises(uploads.UploadRefused, match="must be a PDF"):
        uploads.check("report.pdf", b"MZ\x90\x00 not a pdf \x00", {"pdf"})


def test_empty_and_oversized_files_are_refused(app):
    with pytest.raises(uploads.UploadRefused, match="empty"):
        uploads.check("a.txt", b"", {"text"})
    with pytest.raises(uploads.UploadRefused, match="smaller than"):
        uploads.check("a.txt", b"x" * 2048, {"text"}, max_bytes=1024)


def test_zip_bomb_is_refused(app):
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (20 * 1024 * 1024))
    with pytest.raises(uploads.UploadRefused, match="expands"):
        uploads.check("report.docx", buffer.getvalue(), {"docx"})


def test_store_and_read_back(app):
    checked = uploads.check("../../etc/passwd.txt", b"plain words", {"text"})
    assert checked.filename == "passwd.txt"
    key = uploads.store(checked)
    assert uploads.path_of(key).read_bytes() == b"plain words"
    with pytest.raises(uploads.UploadRefused):
        uploads.path_of("../secret_key")


def test_csv_and_xlsx_neutralise_formulas():
    rows = [["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "plain", 3]]
    parsed = list(csv.reader(io.StringIO(tables.to_csv(["a", "b", "c", "d", "e", "f"], rows).decode("utf-8-sig"))))
    assert parsed[1] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "plain", "3"]
    book = openpyxl.load_workbook(io.BytesIO(tables.to_xlsx(["a", "b", "c", "d", "e", "f"], rows)))
    values = [c.value for c in book.active[2]]
    assert values == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "plain", 3]
    assert all(c.data_type != "f" for c in book.active[2])

import csv
import io
import random
import struct
import zipfile

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
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (20 * 1024 * 1024))
    with pytest.raises(uploads.UploadRefused, match="expands"):
        uploads.check("report.docx", buffer.getvalue(), {"docx"})


def office_zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {"word/document.xml": b"<w:document/>", **parts}.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def noise(size: int, seed: int = 0) -> bytes:
    return random.Random(seed).randbytes(size)


def test_office_files_may_not_expand_past_the_limits(app):
    limit = 64 * 1024 * 1024
    with pytest.raises(uploads.UploadRefused, match="expands to more than 10 MB"):  # one part
        uploads.check("report.docx", office_zip({"word/media/image1.png": noise(11 * 1024 * 1024)}), {"docx"},
                      max_bytes=limit)
    parts = {f"word/media/image{n}.png": noise(7 * 1024 * 1024, n) for n in range(3)}
    with pytest.raises(uploads.UploadRefused, match="expands to more than 20 MB"):  # all the parts together
        uploads.check("report.docx", office_zip(parts), {"docx"}, max_bytes=limit)
    with pytest.raises(uploads.UploadRefused, match="too many parts"):
        uploads.check("report.docx", office_zip({f"word/p{n}.xml": b"" for n in range(3000)}), {"docx"})
    # a 2 MB part that compresses 150 to 1, in a file that as a whole compresses less than 100 to 1
    squeezed = office_zip({"word/document.xml": b"<w:p/>" * 350_000, "word/media/image1.png": noise(40_000)})
    with pytest.raises(uploads.UploadRefused, match="expands to far more than its size"):
        uploads.check("report.docx", squeezed, {"docx"})
    assert uploads.check("report.docx", office_zip({"word/media/image1.png": noise(5 * 1024 * 1024)}),
                         {"docx"}, max_bytes=limit).kind == "docx"


def understated(content: bytes, member: str, size: int) -> bytes:
    """The zip with `member`'s uncompressed size written as `size` in its headers."""
    data = bytearray(content)
    name = member.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_at:start + name_at + len(name)] == name:
                data[start + size_at:start + size_at + 4] = struct.pack("<I", size)
            start += 4
    return bytes(data)


def test_what_an_office_file_really_expands_to_is_checked_as_it_is_read(app):
    content = office_zip({"word/styles.xml": b"<w:styles>" + b"<w:style/>" * 50_000 + b"</w:styles>"})
    lying = understated(content, "word/styles.xml", 1000)  # declared 1 KB, really 500 KB
    with zipfile.ZipFile(io.BytesIO(lying)) as archive:
        assert archive.getinfo("word/styles.xml").file_size == 1000
    with pytest.raises(uploads.UploadRefused, match="damaged"):
        uploads.check("report.docx", lying, {"docx"})


def test_a_word_document_with_links_to_websites_is_accepted(app):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = docx.Document()
    document.add_paragraph("See the guidance.")
    document.part.relate_to("https://www.gov.uk/guidance", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    buffer = io.BytesIO()
    document.save(buffer)
    assert uploads.check("report.docx", buffer.getvalue(), {"docx"}).kind == "docx"


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

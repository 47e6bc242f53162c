"""What checking and reading an upload costs, for hostile files and for files at the limits.

    .venv/bin/python bench/upload_bench.py [--python-docx]

Each case runs in a forked process and prints its wall time and that process's peak memory.
--python-docx also times python-docx (the reader before the streaming one) on the DOCX cases.
The figures are printed, not asserted: tests bound the work by size and count instead."""
from __future__ import annotations

import argparse
import io
import multiprocessing
import random
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dhr import create_app  # noqa: E402
from dhr.data import documents, extraction, uploads  # noqa: E402

WORDS = ("police", "referral", "coercive", "control", "panel", "agency", "housing", "risk", "victim", "support")


def docx_with_body(body: bytes, noise: int = 0) -> bytes:
    import docx

    base = io.BytesIO()
    docx.Document().save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base.getvalue())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + body, 1)
            z.writestr(info.filename, data)
        if noise:
            z.writestr("word/media/image1.png", random.Random(0).randbytes(noise))
    return out.getvalue()


def paragraphs(total_bytes: int) -> bytes:
    rng = random.Random(1)
    parts, size = [], 0
    while size < total_bytes:
        text = " ".join(rng.choice(WORDS) for _ in range(12))
        part = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def table(rows: int) -> bytes:
    rng = random.Random(3)
    cell = b"<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>"
    body = b"".join(b"<w:tr>" + b"".join(cell % rng.choice(WORDS).encode() for _ in range(6)) + b"</w:tr>"
                    for _ in range(rows))
    return b"<w:tbl>" + body + b"</w:tbl>"


def formatting(total_bytes: int) -> bytes:
    """Runs of one letter each, in bold italic 12 point: much XML, little text."""
    rng = random.Random(4)
    run = "<w:r><w:rPr><w:b/><w:i/><w:sz w:val=\"{}\"/></w:rPr><w:t>{}</w:t></w:r>"
    runs = [run.format(rng.randint(16, 32), rng.choice("abcdefghij")) for _ in range(total_bytes // 70)]
    return b"".join(f"<w:p>{''.join(runs[i:i + 40])}</w:p>".encode() for i in range(0, len(runs), 40))


def pdf_pages(count: int) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    para = "<p>" + "The police attended and the risk assessment was completed with the victim. " * 8 + "</p>"
    one = PdfReader(io.BytesIO(HTML(string=f"<html><body>{para * 6}</body></html>").write_pdf()))
    writer = PdfWriter()
    for _ in range(count):
        writer.add_page(one.pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def check_and_read(name: str, content: bytes) -> str:
    try:
        upload = uploads.check(name, content, documents.REPORT_TYPES, max_bytes=10 * 1024 * 1024)
        read = extraction.extract_text(upload)
    except uploads.UploadRefused as refused:
        return f"refused: {refused}"
    return f"{len(read.text):,} characters" + (" (cut short)" if read.cut_short else "")


def python_docx(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    chars = sum(len(p.text) for p in document.paragraphs)
    chars += sum(len(c.text) for t in document.tables for r in t.rows for c in r.cells)
    return f"{chars:,} characters"


def _run(job, args, queue) -> None:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "DHR_UPLOAD_DIR": tempfile.mkdtemp(), "SECRET_KEY": "bench"})
    with app.app_context():
        started = time.perf_counter()
        outcome = job(*args)
        queue.put((time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, outcome))


def measure(label: str, job, *args) -> None:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_run, args=(job, args, queue))
    process.start()
    seconds, peak_mb, outcome = queue.get()
    process.join()
    print(f"{label:<58} {seconds:7.2f} s {peak_mb:7.0f} MB  {outcome}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python-docx", action="store_true", help="also time python-docx on the DOCX cases")
    args = parser.parse_args()
    flood = docx_with_body(b"<w:p><w:r><w:t>police</w:t></w:r></w:p>" * 560_000, noise=180_000)
    at_limit = docx_with_body(paragraphs(9 * 1024 * 1024))
    big_table = docx_with_body(table(20_000), noise=200_000)
    formatted = docx_with_body(formatting(9 * 1024 * 1024), noise=300_000)
    cases = [
        (f"22 MB of XML in a {len(flood) // 1024} KB DOCX", "report.docx", flood),
        (f"9 MB of XML, mostly text (a {len(at_limit) // 1024} KB DOCX)", "report.docx", at_limit),
        (f"9 MB of XML, mostly formatting (a {len(formatted) // 1024} KB DOCX)", "report.docx", formatted),
        (f"a 20,000-row table (a {len(big_table) // 1024} KB DOCX)", "report.docx", big_table),
        ("a 300-page PDF", "report.pdf", pdf_pages(300)),
        ("2 MB of plain text", "report.txt", " ".join(random.Random(2).choice(WORDS) for _ in range(250_000)).encode()),
    ]
    print(f"{'case':<58} {'time':>9} {'peak':>10}  outcome")
    for label, name, content in cases:
        measure(label, check_and_read, name, content)
        if args.python_docx and name.endswith(".docx"):
            measure("  python-docx on the same", python_docx, content)


if __name__ == "__main__":
    main()

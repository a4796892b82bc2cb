"""Attachment text: PDF, DOCX and plain text are read within limits; a hostile
file gives no text, is logged, and never stops a page from being indexed."""

from __future__ import annotations

import io
import json
import random
import resource
import struct
import subprocess
import sys
import time
import zipfile
import zlib

import docx
import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader, PdfWriter

from resources.demo.pdf import render_pdf, serialise
from resources.models import PracticeAttachment
from search import es
from search.attachments import extracted_text
from search.choices import ExtractionStatus
from search.models import ExtractedText
from tests.conftest import make_practice
from tests.factories import make_document, members_only_collection
from tests.search.worker import run_worker

pytestmark = pytest.mark.django_db


def pdf_bytes(*pages: str) -> bytes:
    """A PDF with one page per text (each page's title is the text)."""
    writer = PdfWriter()
    for text in pages:
        writer.append(PdfReader(io.BytesIO(render_pdf(text, [("", [f"{text} on its own page."])]))))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(*paragraphs: str, table: tuple[str, ...] = ()) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        row = document.add_table(rows=1, cols=len(table)).rows[0]
        for cell, text in zip(row.cells, table, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replace_document_xml(data: bytes, write_body) -> bytes:
    """The DOCX ``data`` with word/document.xml written by ``write_body(file)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item))
        with target.open("word/document.xml", "w", force_zip64=True) as body:
            write_body(body)
    return out.getvalue()


# The start and end of a DOCX body part (word/document.xml).
BODY_START = (
    b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
BODY_END = b"</w:body></w:document>"


def zip_bomb_docx() -> bytes:
    """A 200 KB DOCX whose body inflates to 200 MB."""

    def write_body(body):
        body.write(BODY_START + b"<w:p><w:r><w:t>")
        for _ in range(200):
            body.write(b"A" * 1_000_000)
        body.write(b"</w:t></w:r></w:p>" + BODY_END)

    return replace_document_xml(docx_bytes("Cover"), write_body)


def deflate_bomb_pdf() -> bytes:
    """A hand-written PDF whose one content stream is under 1 MB and inflates to 300 MB of text."""
    packer, chunk = zlib.compressobj(9), b"BT /F1 12 Tf (boom) Tj ET\n" * 100_000
    stream = b"".join(packer.compress(chunk) for _ in range(120)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return serialise(objects)


def document(filename: str, content: bytes, collection=None):
    return make_document(filename.rsplit(".", 1)[0].title(), filename, content, collection)


def outcome(doc) -> ExtractedText:
    return ExtractedText.objects.get(document=doc)


def test_text_of_a_pdf():
    doc = document("guide.pdf", render_pdf("Shelter guide", [("Before", ["Lock the storerooms from inside."])]))
    text = extracted_text(doc)
    assert "Shelter guide" in text and "storerooms" in text
    assert outcome(doc).status == ExtractionStatus.OK


def test_text_of_a_docx_with_its_tables():
    doc = document("plan.docx", docx_bytes("Evacuation plan for the arena.", table=("Gate", "Steward")))
    text = extracted_text(doc)
    assert "Evacuation plan for the arena." in text and "Steward" in text


def test_text_of_plain_text_in_utf8_or_windows_1252():
    assert extracted_text(document("notes.txt", "Lägesbild på plats".encode())) == "Lägesbild på plats"
    assert extracted_text(document("old.txt", "Acció ràpida".encode("cp1252"))) == "Acció ràpida"


def test_the_text_is_read_once_per_file(settings):
    """Reindexing reads the stored text: what the table holds is what the index gets."""
    doc = document("notes.txt", b"First version")
    assert extracted_text(doc) == "First version"
    ExtractedText.objects.filter(document=doc).update(text="Stored text")
    assert extracted_text(doc) == "Stored text"


def test_a_replaced_file_is_read_again_and_the_old_text_dropped():
    doc = document("notes.txt", b"First version")
    extracted_text(doc)
    doc.file = ContentFile(b"Second version", name="notes.txt")
    doc._set_document_file_metadata()
    doc.save()
    assert extracted_text(doc) == "Second version"
    assert list(ExtractedText.objects.filter(document=doc).values_list("text", flat=True)) == ["Second version"]


@pytest.mark.parametrize(
    ("filename", "content", "status"),
    [
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n" + bytes(range(256)) * 40, "failed"),
        ("bomb.docx", None, "too_large"),
        ("deflate-bomb.pdf", None, "failed"),
        ("not-a-zip.docx", b"PK\x03\x04 this is not a zip archive", "failed"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported"),
    ],
    ids=["corrupt-pdf", "zip-bomb-docx", "deflate-bomb-pdf", "corrupt-docx", "unsupported"],
)
def test_a_hostile_or_unreadable_file_gives_no_text_and_is_logged(filename, content, status, caplog):
    content = content or {"bomb.docx": zip_bomb_docx, "deflate-bomb.pdf": deflate_bomb_pdf}[filename]()
    doc = document(filename, content)
    assert extracted_text(doc) == ""
    found = outcome(doc)
    assert found.status == status and found.reason
    assert any(str(doc.pk) in record.getMessage() for record in caplog.records if record.levelname == "WARNING")
    # Tried once: the next reindex reads the stored outcome.
    assert extracted_text(doc) == "" and ExtractedText.objects.filter(document=doc).count() == 1


def test_a_file_over_the_size_limit_is_not_read(settings):
    settings.SEARCH_ATTACHMENT_MAX_BYTES = 1000
    doc = document("long.txt", b"word " * 400)
    assert extracted_text(doc) == ""
    assert outcome(doc).status == ExtractionStatus.TOO_LARGE


def test_an_extraction_that_takes_too_long_is_stopped(settings):
    settings.SEARCH_ATTACHMENT_SECONDS = 0.01
    doc = document("guide.pdf", pdf_bytes("Slow"))
    assert extracted_text(doc) == ""
    assert outcome(doc).status == ExtractionStatus.FAILED and "longer than" in outcome(doc).reason


def test_an_extraction_over_the_memory_cap_fails_alone(settings):
    """30 MB of words in a DOCX unzips within the limits, but parsing it needs more than 120 MB."""
    settings.SEARCH_ATTACHMENT_MEMORY_MB = 120
    words = random.Random(4).choices(["harbour", "stadium", "station", "market", "square", "bridge"], k=4_000_000)

    def write_body(body):
        body.write(BODY_START)
        for start in range(0, len(words), 10):
            body.write(b"<w:p><w:r><w:t>" + " ".join(words[start : start + 10]).encode() + b"</w:t></w:r></w:p>")
        body.write(BODY_END)

    doc = document("huge.docx", replace_document_xml(docx_bytes("Cover"), write_body))
    assert extracted_text(doc) == ""
    assert outcome(doc).status in (ExtractionStatus.TOO_LARGE, ExtractionStatus.FAILED)


def test_only_the_first_pages_and_characters_are_read(settings):
    settings.SEARCH_ATTACHMENT_MAX_PAGES = 2
    doc = document("report.pdf", pdf_bytes("Alpha", "Bravo", "Charlie"))
    text = extracted_text(doc)
    assert "Alpha" in text and "Bravo" in text and "Charlie" not in text
    assert "first 2 of 3 pages" in outcome(doc).reason

    settings.SEARCH_ATTACHMENT_MAX_CHARS = 5
    assert extracted_text(document("notes.txt", b"Long enough to be cut")) == "Long "


def test_a_page_with_a_hostile_attachment_is_indexed_with_the_other_files_text(elasticsearch, stockholm):
    """The worker indexes the page; the broken file is listed without text, and a
    members-only file's words carry the members' audience."""
    practice = make_practice(stockholm, "Arena drill", "arena-drill")
    files = [
        document("broken.pdf", b"%PDF-1.4 garbage"),
        document("plan.docx", docx_bytes("Stewards open the north gates.")),
        document("closed.txt", b"Radio channel seven", members_only_collection()),
    ]
    for order, file in enumerate(files):
        PracticeAttachment.objects.create(page=practice, document=file, sort_order=order)
    practice.save_revision().publish()
    run_worker()

    source = es.client().get(index=es.alias(), id=practice.pk)["_source"]
    by_title = {file["title"]: file for file in source["files"]}
    assert by_title["Broken"].get("text_en", "") == ""
    assert by_title["Plan"]["text_en"] == "Stewards open the north gates."
    assert (by_title["Closed"]["text_en"], by_title["Closed"]["audiences"]) == ("Radio channel seven", ["members"])
    assert source["audiences"] == ["public"]


# ---------------------------------------------------------------------------
# Bombs that inflate to gigabytes: refused in the extractor's own process, which alone pays for them.


def gigabyte_deflate_pdf() -> bytes:
    """A 1 MB PDF whose one content stream inflates to 1 GB."""
    packer, chunk = zlib.compressobj(9), b"\x00" * 1_000_000
    stream = b"".join(packer.compress(chunk) for _ in range(1000)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream",
    ]
    return serialise(objects)


def lying_zip_bomb_docx() -> bytes:
    """A DOCX whose body inflates to 500 MB while its zip headers say 1 KB: ``check_zip`` adds up
    the declared sizes and lets it through, and zipfile inflates a whole read before cutting it to
    the declared size, so it is the child's memory cap that stops it."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx_bytes("Cover"))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item))
        with target.open("word/document.xml", "w") as body:
            body.write(BODY_START + b"<w:p><w:r><w:t>")
            for _ in range(500):
                body.write(b"A" * 1_000_000)
            body.write(b"</w:t></w:r></w:p>" + BODY_END)
    data = bytearray(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 1000)  # local header: uncompressed size
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == b"word/document.xml":
            struct.pack_into("<I", data, central + 24, 1000)  # central directory: uncompressed size
            break
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def test_sizes_are_capped_by_settings(settings):
    assert 0 < settings.SEARCH_ATTACHMENT_MAX_BYTES <= 50 * 1024 * 1024
    assert 0 < settings.SEARCH_ATTACHMENT_SECONDS <= 60
    assert 0 < settings.SEARCH_ATTACHMENT_MEMORY_MB <= 1024


@pytest.mark.parametrize(
    ("filename", "make"),
    [("gigabyte-bomb.pdf", gigabyte_deflate_pdf), ("lying-bomb.docx", lying_zip_bomb_docx)],
    ids=["pdf-1gb-flatedecode", "docx-lying-zip-sizes"],
)
def test_a_gigabyte_bomb_is_refused_in_the_capped_process(settings, drill, filename, make):
    """The bomb is read by search/extract.py in a child process: it is refused or read under the
    limits, in time, and the portal's own process does not grow by what the file inflates to."""
    settings.SEARCH_ATTACHMENT_MEMORY_MB = 256
    content = make()
    assert len(content) < 5_000_000
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # MB (Linux reports KB)
    started = time.monotonic()
    doc = document(filename, content)
    text = extracted_text(doc)
    assert time.monotonic() - started < settings.SEARCH_ATTACHMENT_SECONDS
    found = outcome(doc)
    # Refused, or read as far as pypdf's own cap on inflated streams lets it (no words in zeros).
    assert found.status in (ExtractionStatus.TOO_LARGE, ExtractionStatus.FAILED, ExtractionStatus.OK)
    assert len(text) <= settings.SEARCH_ATTACHMENT_MAX_CHARS and not text.strip("\x00 \n")
    if filename.endswith(".docx"):
        assert found.status != ExtractionStatus.OK and found.reason
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024 - peak_before
    assert growth < 200
    seconds = time.monotonic() - started
    drill.figure(
        filename, f"{len(content) // 1024} KB file, {found.status} in {seconds:.1f} s, portal grew {growth} MB"
    )


def test_the_extractor_caps_its_own_memory():
    """What keeps a bomb away from the worker: the child sets RLIMIT_AS before it parses anything."""
    child = (
        "import resource, sys; from search import extract; "
        "sys.argv[1:] = ['--kind', 'txt', '--max-pages', '1', '--max-chars', '10', '--memory-mb', '300']; "
        "sys.stdin = open('/dev/null'); extract.main(); "
        "print(resource.getrlimit(resource.RLIMIT_AS)[0] // 1048576, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True, timeout=30)  # noqa: S603
    assert done.stderr.strip() == "300"
    assert json.loads(done.stdout)["status"] == "ok"

"""Uploading documents in the admin: hostile files get a clear error and are not stored.
Only allowed types, their content read to be sure (portal.uploads), sizes capped."""

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from resources.demo.pdf import render_pdf
from resources.permissions import city_collection

ADD_URL = "/admin/documents/add/"


@pytest.fixture
def editor_client(client, stockholm_editor):
    client.force_login(stockholm_editor)
    return client


def upload(client, collection, name, content, title="Uploaded file"):
    return client.post(
        ADD_URL,
        {"title": title, "file": SimpleUploadedFile(name, content), "collection": collection.pk},
    )


@pytest.mark.parametrize(
    "name",
    ["page.html", "script.js", "payload.exe", "image.svg", "archive.pdf.php", "no-extension"],
)
def test_files_of_other_types_are_refused(editor_client, stockholm, name):
    response = upload(editor_client, city_collection(stockholm), name, b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert "is not allowed. Allowed extensions are" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_oversized_file_is_refused(editor_client, stockholm, settings):
    too_big = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1
    response = upload(editor_client, city_collection(stockholm), "big.pdf", b"%PDF-1.4\n" + b"0" * too_big)
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_title_with_a_nul_byte_is_refused(editor_client, stockholm):
    response = upload(editor_client, city_collection(stockholm), "report.pdf", b"%PDF-1.4 report", title="a\x00b")
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_html_in_a_title_is_shown_as_text(editor_client, stockholm):
    title = '<img src=x onerror="alert(1)"> report'
    response = upload(editor_client, city_collection(stockholm), "report.pdf", b"%PDF-1.4 report", title=title)
    assert response.status_code == 302
    assert get_document_model().objects.get().title == title
    listing = editor_client.get("/admin/documents/").content.decode()
    assert "&lt;img src=x" in listing
    assert '<img src=x onerror="alert(1)">' not in listing


def test_editor_cannot_upload_into_another_citys_collection(editor_client, barcelona):
    response = upload(editor_client, city_collection(barcelona), "report.pdf", b"%PDF-1.4 report")
    assert not get_document_model().objects.filter(collection=city_collection(barcelona)).exists()
    assert response.status_code in (200, 302)


def test_a_valid_pdf_is_stored_in_the_city_collection(editor_client, stockholm):
    response = upload(editor_client, city_collection(stockholm), "report.pdf", b"%PDF-1.4 report", title="Report")
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert document.title == "Report"
    assert document.collection == city_collection(stockholm)


def test_a_file_that_is_not_an_image_is_refused_as_an_image(editor_client, stockholm):
    from wagtail.images import get_image_model

    response = editor_client.post(
        "/admin/images/add/",
        {
            "title": "Not a picture",
            "file": SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script></html>"),
            "collection": city_collection(stockholm).pk,
        },
    )
    assert response.status_code == 200
    assert "Not a valid .png image" in response.content.decode()
    assert not get_image_model().objects.exists()


# ---------------------------------------------------------------------------
# Content sniffing: a file must hold what its extension says (portal.uploads).

HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def zip_of(*names: str, mimetype: str = "") -> bytes:
    """A zip archive holding ``names`` (each a tiny XML part), ``mimetype`` first if given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype)
        for name in names:
            archive.writestr(name, "<?xml version='1.0'?><x/>")
    return buffer.getvalue()


DOCX = zip_of("[Content_Types].xml", "word/document.xml")
XLSX = zip_of("[Content_Types].xml", "xl/workbook.xml")
PPTX = zip_of("[Content_Types].xml", "ppt/presentation.xml")
ODT = zip_of("content.xml", mimetype="application/vnd.oasis.opendocument.text")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", HTML_PAGE),
        ("report.pdf", b"<html><script>alert(1)</script></html>\n%PDF-1.4\n%%EOF"),  # HTML first, PDF after
        ("plan.docx", b"This is not a zip archive at all"),
        ("plan.docx", b"PK\x03\x04 a zip signature and nothing behind it"),
        ("plan.docx", XLSX),  # a real zip, but a spreadsheet
        ("plan.docx", b"<html>" + DOCX),  # a zip with a page in front (zip readers skip it)
        ("sheet.xlsx", DOCX),
        ("slides.pptx", zip_of("index.html")),
        ("paper.odt", DOCX),
        ("notes.txt", HTML_PAGE),
        ("notes.txt", b'  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("notes.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00 a program"),
        ("data.csv", b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script>"),
    ],
    ids=[
        "html-as-pdf",
        "html-pdf-polyglot",
        "text-as-docx",
        "zip-magic-only",
        "xlsx-as-docx",
        "html-zip-polyglot",
        "docx-as-xlsx",
        "zip-of-html-as-pptx",
        "docx-as-odt",
        "html-as-txt",
        "svg-as-txt",
        "binary-as-txt",
        "xhtml-as-csv",
    ],
)
def test_content_that_is_not_of_its_type_is_refused(editor_client, stockholm, name, content):
    response = upload(editor_client, city_collection(stockholm), name, content)
    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    assert f"This file is not a real .{extension} file" in response.content.decode()
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("guide.pdf", None),
        ("plan.docx", None),
        ("sheet.xlsx", XLSX),
        ("slides.pptx", PPTX),
        ("paper.odt", ODT),
        ("notes.txt", "Lägesbild: <b> is how HTML writes bold.".encode()),
        ("notes.txt", "\ufeffUTF-16 text".encode("utf-16")),
        ("figures.csv", b"city,year\nStockholm,2021\n"),
    ],
    ids=["pdf", "docx", "xlsx", "pptx", "odt", "txt", "utf16-txt", "csv"],
)
def test_files_of_their_own_type_are_accepted(editor_client, stockholm, name, content):
    if content is None:
        content = {"guide.pdf": render_pdf("Shelter guide", [("", ["Lock the doors."])]), "plan.docx": docx_bytes()}[
            name
        ]
    response = upload(editor_client, city_collection(stockholm), name, content, title=name)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert get_document_model().objects.get().title == name


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Stewards open the north gates.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_replacement_file_is_sniffed_too(editor_client, stockholm):
    upload(editor_client, city_collection(stockholm), "report.pdf", b"%PDF-1.4 report", title="Report")
    document = get_document_model().objects.get()
    response = editor_client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "Report", "file": SimpleUploadedFile("report.pdf", HTML_PAGE), "collection": document.collection_id},
    )
    assert response.status_code == 200
    assert "This file is not a real .pdf file" in response.content.decode()
    document.refresh_from_db()
    with document.open_file() as file:
        assert file.read() == b"%PDF-1.4 report"


def test_the_multiple_uploader_sniffs_each_file(editor_client, stockholm):
    response = editor_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("report.pdf", HTML_PAGE), "collection": city_collection(stockholm).pk},
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "This file is not a real .pdf file" in answer["error_message"]
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'),
        ("photo.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("photo.gif", b"GIF89a/*<script>alert(1)</script>*/"),  # a GIF header on a script
    ],
    ids=["svg", "svg-as-png", "gif-script-polyglot"],
)
def test_images_with_scripts_are_refused(editor_client, stockholm, name, content):
    from wagtail.images import get_image_model

    response = editor_client.post(
        "/admin/images/add/",
        {"title": "Picture", "file": SimpleUploadedFile(name, content), "collection": city_collection(stockholm).pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]  # "Not a supported image format" or "Not a valid image"
    assert not get_image_model().objects.exists()


# ---------------------------------------------------------------------------
# Size limits of requests and files.


def test_upload_and_request_limits_are_set(settings, drill):
    assert 0 < settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 50 * 1024 * 1024
    assert 0 < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 50 * 1024 * 1024
    assert 0 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    # A document the portal stores is one the search worker may read.
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= settings.SEARCH_ATTACHMENT_MAX_BYTES
    megabytes = lambda size: f"{size / 1024 / 1024:g} MB"  # noqa: E731
    drill.figure("document size cap", megabytes(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE))
    drill.figure("image size cap", megabytes(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE))
    drill.figure("request body cap (files aside)", megabytes(settings.DATA_UPLOAD_MAX_MEMORY_SIZE))
    drill.figure("allowed document types", ", ".join(settings.WAGTAILDOCS_EXTENSIONS))


def test_a_form_body_over_the_memory_limit_is_a_400(client, db, settings):
    body = b"login=a%40example.org&password=" + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post("/accounts/login/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def test_an_upload_with_an_oversized_field_is_a_400(editor_client, stockholm, settings):
    response = upload(
        editor_client,
        city_collection(stockholm),
        "report.pdf",
        b"%PDF-1.4 report",
        title="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
    )
    assert response.status_code == 400
    assert not get_document_model().objects.exists()

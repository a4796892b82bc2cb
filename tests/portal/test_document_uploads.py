"""Uploading documents in the admin: hostile files get a clear error and are not stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

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

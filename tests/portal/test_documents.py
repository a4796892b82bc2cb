"""Documents: members-only files never leave the server for the public,
whether asked for through /documents/ or by guessing the media path."""

import importlib

import pytest
from django.conf import settings as django_settings
from django.urls import clear_url_caches

from resources.permissions import city_collection
from tests.factories import make_document, members_only_collection

SECRET_BYTES = b"%PDF-1.4 members-only call list: +46 8 000 000"
PUBLIC_BYTES = b"A public checklist for venue operators."


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def private_document(db):
    return make_document("Internal call list", "call-list.pdf", SECRET_BYTES, members_only_collection())


@pytest.fixture
def public_document(db):
    return make_document("Public checklist", "checklist.txt", PUBLIC_BYTES)


class TestServeView:
    def test_anonymous_is_sent_to_login_and_gets_no_bytes(self, client, private_document):
        response = client.get(private_document.url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
        assert private_document.url in response["Location"]
        assert SECRET_BYTES not in body(response)

    def test_member_downloads_the_exact_file(self, member_client, private_document):
        response = member_client.get(private_document.url)
        assert response.status_code == 200
        assert body(response) == SECRET_BYTES

    def test_signed_in_non_member_is_refused(self, client, outsider, private_document):
        client.force_login(outsider)
        response = client.get(private_document.url)
        assert response.status_code == 403
        assert SECRET_BYTES not in body(response)

    def test_public_document_downloads_anonymously(self, client, public_document):
        response = client.get(public_document.url)
        assert response.status_code == 200
        assert body(response) == PUBLIC_BYTES

    def test_city_members_only_collection_protects_its_files(self, client, member, stockholm):
        private = city_collection(stockholm).get_children().get()
        document = make_document("Stockholm contacts", "contacts.txt", SECRET_BYTES, private)
        assert client.get(document.url).status_code == 302
        client.force_login(member)
        assert body(client.get(document.url)) == SECRET_BYTES

    def test_city_collection_itself_is_public(self, client, stockholm):
        document = make_document("Stockholm leaflet", "leaflet.txt", PUBLIC_BYTES, city_collection(stockholm))
        assert body(client.get(document.url)) == PUBLIC_BYTES


@pytest.fixture
def debug_urls(settings):
    """The URLconf as `make run` builds it (DEBUG on, media served for images)."""
    import portal.urls

    settings.DEBUG = True
    importlib.reload(portal.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(portal.urls)
    clear_url_caches()


class TestMediaPath:
    def test_guessing_the_media_path_finds_nothing(self, client, member, private_document, debug_urls):
        path = private_document.file.name  # documents/call-list.pdf
        assert (django_settings.MEDIA_ROOT / path).read_bytes() == SECRET_BYTES, "the file is on disk"
        response = client.get(f"{django_settings.MEDIA_URL}{path}")
        assert response.status_code == 404
        assert SECRET_BYTES not in body(response)
        client.force_login(member)
        assert client.get(f"{django_settings.MEDIA_URL}{path}").status_code == 404, "not even for members"

    def test_guessing_the_media_path_without_debug(self, client, private_document):
        response = client.get(f"{django_settings.MEDIA_URL}{private_document.file.name}")
        assert response.status_code == 404
        assert SECRET_BYTES not in body(response)


class TestRichTextLinks:
    """A document linked in a page's rich text: only those who may download it learn its file name."""

    @pytest.fixture
    def page(self, stockholm, private_document, public_document):
        from wagtail.rich_text import RichText

        from tests.conftest import make_practice

        text = (
            f'<p>See <a linktype="document" id="{private_document.pk}">the call list</a>'
            f' and <a linktype="document" id="{public_document.pk}">the checklist</a>.</p>'
        )
        return make_practice(stockholm, "Venue drill", "venue-drill", body=[("paragraph", RichText(text))])

    def test_a_visitor_sees_no_hidden_file_name_and_is_sent_to_sign_in(self, client, page, private_document):
        html = client.get(page.url).content.decode()
        assert "call-list" not in html
        assert f'href="/documents/{private_document.pk}/"' in html
        response = client.get(f"/documents/{private_document.pk}/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
        assert "call-list" not in response["Location"]

    def test_a_public_file_keeps_its_own_address(self, client, page, public_document):
        assert f'href="{public_document.url}"' in client.get(page.url).content.decode()

    def test_a_member_is_led_on_to_the_file(self, member_client, page, private_document):
        response = member_client.get(f"/documents/{private_document.pk}/")
        assert response.status_code == 302 and response["Location"] == private_document.url
        assert body(member_client.get(response["Location"])) == SECRET_BYTES

    def test_an_outsider_is_refused_and_an_unknown_id_is_not_found(self, client, outsider, private_document):
        client.force_login(outsider)
        assert client.get(f"/documents/{private_document.pk}/").status_code == 403
        assert client.get("/documents/999999/").status_code == 404

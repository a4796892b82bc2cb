"""Images in page bodies need alt text, unless an editor marks them decorative."""

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import streamfield

from resources.models import PracticePage
from tests.admin_forms import add_url, practice_form


@pytest.fixture
def photo(db):
    return Image.objects.create(title="exercise-photo.png", file=get_test_image_file())


def _add_practice_with_image(client, stockholm, **image):
    body = streamfield([("image", {"image": "", "decorative": False, "alt_text": "", **image})])
    return client.post(add_url(PracticePage, stockholm), practice_form(body=body))


def test_an_image_without_alt_text_is_refused(secretariat_client, stockholm, photo):
    response = _add_practice_with_image(secretariat_client, stockholm, image=photo.pk)
    assert response.status_code == 200
    assert "alt text" in response.content.decode().lower()
    assert not PracticePage.objects.exists()


def test_alt_text_is_what_readers_get(secretariat_client, client, stockholm, photo):
    response = _add_practice_with_image(secretariat_client, stockholm, image=photo.pk, alt_text="Police and venue staff")
    assert response.status_code == 302
    html = client.get(PracticePage.objects.get().url).content.decode()
    assert 'alt="Police and venue staff"' in html


def test_a_decorative_image_gets_empty_alt(secretariat_client, client, stockholm, photo):
    response = _add_practice_with_image(secretariat_client, stockholm, image=photo.pk, decorative=True)
    assert response.status_code == 302
    html = client.get(PracticePage.objects.get().url).content.decode()
    assert '<img alt=""' in html or 'alt="" ' in html

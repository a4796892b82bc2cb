""" "Related resources" on practice and research pages, on both backends.

Who sees which related resource is tested in test_search_leaks.py.
"""

import datetime
import re

import pytest
from django.urls import reverse

from home.site_structure import ensure_site_structure
from resources.models import Theme
from tests.admin_forms import practice_form
from tests.conftest import make_city
from tests.factories import PracticePageFactory, ResearchPageFactory
from tests.search.helpers import closed_port, kept_for_module

RELATED_HEADING = '<h2 id="related-heading">Related resources</h2>'


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """Six practices and a study on crowd safety at stadiums, one theme; and a study on nothing alike."""
    with kept_for_module(django_db_blocker):
        _home, cities, research, _events = ensure_site_structure()
        stockholm = make_city(cities, "Stockholm", "stockholm")
        crowds = Theme.objects.get(slug="protection-of-crowded-places")
        practices = [
            PracticePageFactory(
                parent=stockholm,
                title=f"Stadium crowd safety {number}",
                summary="Crowd safety at the stadium gates on match days.",
                start_date=datetime.date(2015 + number, 1, 1),
                themes=[crowds],
            )
            for number in range(6)
        ]
        study = ResearchPageFactory(
            parent=research,
            title="Stadium crowd safety research",
            practitioner_summary="Crowd safety at stadium gates on match days, compared.",
            themes=[crowds],
        )
        lonely = ResearchPageFactory(
            parent=research,
            title="Lichen on cathedral roofs",
            practitioner_summary="Lichen grows slowly.",
            abstract="Lichen.",
        )
        yield {"stockholm": stockholm, "practices": practices, "study": study, "lonely": lonely}


@pytest.fixture
def pages(db, corpus, search_backend):
    search_backend.sync()
    return corpus


def related_block(html: str) -> str:
    return html[html.index(RELATED_HEADING) : html.index("</section>", html.index(RELATED_HEADING))]


def test_a_practice_page_lists_up_to_four_related_resources_with_type_and_city(client, pages):
    response = client.get(pages["practices"][0].url)
    block = related_block(response.content.decode())
    related = response.context["related"]
    assert len(related) == 4
    assert pages["practices"][0].title not in block
    for hit in related:
        assert f'<a href="{hit.url}">{hit.title}</a>' in block
        assert client.get(hit.url).status_code == 200
    assert re.search(r'<span class="related__meta">Practice · Stockholm</span>', block)


def test_a_research_page_lists_related_resources(client, pages):
    response = client.get(pages["study"].url)
    titles = {hit.title for hit in response.context["related"]}
    assert titles and titles <= {page.title for page in pages["practices"]}
    assert RELATED_HEADING in response.content.decode()


def test_nothing_is_shown_when_nothing_is_related(client, pages):
    response = client.get(pages["lonely"].url)
    assert response.status_code == 200
    assert response.context["related"] == []
    assert "Related resources" not in response.content.decode()


def test_the_database_answers_when_elasticsearch_is_unreachable(client, settings, db, corpus):
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": f"http://127.0.0.1:{closed_port()}"}
    response = client.get(corpus["practices"][0].url)
    assert response.status_code == 200
    assert len(response.context["related"]) == 4


def test_a_new_practice_previewed_before_it_is_saved_shows_the_page(secretariat_client, pages):
    url = reverse("wagtailadmin_pages:preview_on_add", args=["resources", "practicepage", pages["stockholm"].pk])
    data = practice_form(publish=False, title="Stadium crowd safety draft", slug="draft")
    assert secretariat_client.post(url, data).json()["is_valid"]
    response = secretariat_client.get(url)
    assert response.status_code == 200
    assert "Stadium crowd safety draft" in response.content.decode()

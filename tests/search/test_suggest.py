"""/search/suggest/: titles for the search box's autocomplete, as JSON, on both backends."""

import pytest

from home.site_structure import ensure_site_structure
from tests.conftest import make_city, make_practice
from tests.factories import ResearchPageFactory
from tests.search.helpers import closed_port, kept_for_module


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker):
        _home, cities, research, _events = ensure_site_structure()
        stockholm = make_city(cities, "Stockholm", "stockholm")
        make_practice(stockholm, "Harbour evacuation drill", "harbour-drill")
        make_practice(stockholm, "Old harbour patrols", "old-harbour")
        ResearchPageFactory(parent=research, title="Harbouring extremists online")
        yield


def suggestions(client, typed):
    response = client.get("/search/suggest/", {"q": typed})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_titles_with_a_word_starting_as_typed(client, backend):
    answer = suggestions(client, "harb")
    assert answer["query"] == "harb"
    titles = [item["title"] for item in answer["results"]]
    assert set(titles) == {"Harbour evacuation drill", "Old harbour patrols", "Harbouring extremists online"}


def test_each_suggestion_has_a_title_a_working_link_and_a_type(client, backend):
    results = suggestions(client, "harbour evac")["results"]
    assert results == [
        {"title": "Harbour evacuation drill", "url": "/cities/stockholm/harbour-drill/", "type": "practice"}
    ]
    assert client.get(results[0]["url"]).status_code == 200


@pytest.mark.parametrize("typed", ["", " ", "h", "\x00", "   h   "])
def test_nothing_is_suggested_for_less_than_two_characters(client, backend, typed):
    assert suggestions(client, typed)["results"] == []


def test_the_query_is_bounded(client, backend):
    answer = suggestions(client, "harbour " * 100)
    assert len(answer["query"]) <= 100


def test_signed_in_answers_are_never_stored_by_any_cache(client, member, backend):
    client.force_login(member)
    response = client.get("/search/suggest/", {"q": "harb"})
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "Cookie" in response["Vary"]


def test_anonymous_answers_are_kept_by_the_browser_only(client, backend):
    response = client.get("/search/suggest/", {"q": "harb"})
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_markup_typed_comes_back_escaped_in_the_json(client, backend):
    response = client.get("/search/suggest/", {"q": "<script>alert(1)</script>"})
    assert b"<script>" not in response.content
    assert response.json()["query"] == "<script>alert(1)</script>"


def test_the_database_answers_when_elasticsearch_is_unreachable(client, settings, db, corpus):
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": f"http://127.0.0.1:{closed_port()}"}
    titles = {item["title"] for item in suggestions(client, "harb")["results"]}
    assert "Harbour evacuation drill" in titles

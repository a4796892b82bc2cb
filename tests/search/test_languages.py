"""Elasticsearch reads each text with its own language's analyzer: a reader finds
the other forms of a word, with or without its accents, in any member's language."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from home.site_structure import ensure_site_structure
from search import service
from search.service import SearchFilters
from tests.conftest import make_city, make_practice
from tests.search.helpers import kept_for_module

TEXTS = {
    "Stöd efter attacken": ("sv", "Kommunen stöttade de drabbade efter en terrorattack i city."),
    "Venue protection scheme": ("en", "Protection of stadiums and concert halls by trained stewards."),
    "Plan contre les attentats": ("fr", "La ville prépare la sécurité des gares après un attentat."),
    "Plan de protección": ("es", "Medidas de seguridad para las estaciones después de los atentados."),
    "Veiligheid op pleinen": ("nl", "De gemeente beveiligt de pleinen met betonblokken."),
}


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker):
        _home, cities, _research, _events = ensure_site_structure()
        city = make_city(cities, "Stockholm", "stockholm")
        for number, (title, (language, summary)) in enumerate(TEXTS.items()):
            day = datetime.date(2020, 1, 1 + number)
            make_practice(city, title, f"text-{number}", language=language, summary=summary, start_date=day)
        yield


@pytest.fixture
def indexed(corpus, elasticsearch, db):
    elasticsearch.add_all()


def titles(query):
    return [hit.title for hit in service.search(query, SearchFilters(), AnonymousUser()).hits]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("terrorattacker", "Stöd efter attacken"),  # Swedish plural finds the singular
        ("protecting", "Venue protection scheme"),  # English stems
        ("attentats", "Plan contre les attentats"),  # French plural in the title ...
        ("attentat gares", "Plan contre les attentats"),  # ... and singular and plural in the summary
        ("atentado", "Plan de protección"),  # Spanish
        ("betonblok", "Veiligheid op pleinen"),  # Dutch
    ],
)
def test_other_forms_of_a_word_are_found(indexed, query, title):
    assert titles(query) == [title]


@pytest.mark.parametrize(
    ("query", "title"),
    [("securite", "Plan contre les attentats"), ("proteccion", "Plan de protección"), ("stod", "Stöd efter attacken")],
)
def test_accents_are_folded(indexed, query, title):
    # First: "proteccion" is also one typo away from the English "protection".
    assert titles(query)[0] == title


def test_highlights_mark_the_stemmed_word_in_the_text(indexed):
    (hit,) = service.search("protecting", SearchFilters(), AnonymousUser()).hits
    assert "<mark>Protection</mark>" in hit.snippet


def test_the_language_facet_names_the_languages(indexed):
    results = service.search("plan", SearchFilters(), AnonymousUser())
    lang = next(facet for facet in results.facets if facet.name == "lang")
    assert {value.label for value in lang.values} == {"French", "Spanish"}

"""/search/ as readers use it, on both backends: count, hits, facets, sort, pages, snippets, fallback.

The content is built once for the module (rolled back at its end); each test
runs once per backend, the Elasticsearch run on an index filled from it.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.site_structure import ensure_site_structure
from search.service import FALLBACK_NOTICE
from tests.conftest import make_city, restrict_to_members
from tests.factories import PracticePageFactory, ResearchPageFactory
from tests.search.helpers import (
    checked_boxes,
    closed_port,
    facet_counts,
    hit_titles,
    kept_for_module,
    links,
    many_practices,
)

HARBOUR_TITLES = {
    "Harbour evacuation drill",
    "Harbour ferry screening",
    "Harbour night patrols",
    "Harbour festival stewarding",
    "Harbour cruise terminal plan",
    "Harbour security review",
}


def make_harbours(research, stockholm, barcelona) -> dict:
    """Six resources about harbours: three practices in Stockholm, two in Barcelona, one study."""

    def practice(city, title, year, summary, **fields):
        start = datetime.date(year, 5, 1)
        return PracticePageFactory(parent=city, title=title, summary=summary, start_date=start, **fields)

    return {
        "drill": practice(stockholm, "Harbour evacuation drill", 2019, "Ferries leave the harbour in a set order."),
        "screening": practice(
            stockholm, "Harbour ferry screening", 2021, "Screening av passagerare i hamnen.", language="sv"
        ),
        "patrols": practice(stockholm, "Harbour night patrols", 2023, "Night patrols along the harbour."),
        "festival": practice(barcelona, "Harbour festival stewarding", 2020, "Stewards at the harbour festival."),
        "cruise": practice(barcelona, "Harbour cruise terminal plan", 2022, "A plan for the cruise terminal."),
        "review": ResearchPageFactory(
            parent=research,
            title="Harbour security review",
            practitioner_summary="What harbour security learned from ten years of drills.",
            publication_date=datetime.date(2018, 2, 1),
        ),
    }


@pytest.fixture(scope="module")
def library(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker):
        _home, cities, research, _events = ensure_site_structure()
        stockholm = make_city(cities, "Stockholm", "stockholm")
        barcelona = make_city(cities, "Barcelona", "barcelona", country="ES")
        yield {
            "stockholm": stockholm,
            "harbours": make_harbours(research, stockholm, barcelona),
            "lighthouses": many_practices(stockholm, "lighthouse", 12),
        }


@pytest.fixture
def harbours(db, library, search_backend):
    search_backend.sync()
    return library["harbours"]


class TestResults:
    def test_count_hits_and_facets_with_counts(self, client, harbours):
        response = client.get("/search/", {"q": "harbour"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "6 results for “harbour”" in html
        assert set(hit_titles(response)) == HARBOUR_TITLES
        assert facet_counts(response, "city") == {"stockholm": 3, "barcelona": 2}
        assert facet_counts(response, "type") == {"practice": 5, "research": 1}
        assert facet_counts(response, "year") == {str(year): 1 for year in range(2018, 2024)}
        assert facet_counts(response, "lang") == {"en": 5, "sv": 1}
        for legend in ("Type", "City", "Year", "Language"):
            assert f'<legend class="facet__legend">{legend}</legend>' in html
        assert re.search(
            r'name="city" value="stockholm">\s*<label for="[^"]+">Stockholm <span class="facet__count">3<', html
        )
        assert '<button type="submit">Apply filters</button>' in html

    def test_a_hit_shows_its_type_city_date_and_language(self, client, harbours):
        html = client.get("/search/", {"q": "screening"}).content.decode()
        assert '<h3 class="card__title" lang="sv"><a href="/cities/stockholm/' in html
        assert '<span class="card__type">Practice</span>' in html
        assert "<li>Stockholm</li>" in html
        assert '<time datetime="2021-05-01">1 May 2021</time>' in html
        assert "<li>Swedish</li>" in html

    def test_english_hits_carry_no_lang_attribute_of_their_own(self, client, harbours):
        html = client.get("/search/", {"q": "patrols"}).content.decode()
        assert '<h3 class="card__title"><a href=' in html

    def test_the_snippet_highlights_the_words_found(self, client, harbours):
        response = client.get("/search/", {"q": "ferries"})
        assert "Harbour evacuation drill" in hit_titles(response)
        assert re.search(
            r'class="card__summary search-hit__snippet">[^<]*<mark>Ferries</mark>', response.content.decode()
        )

    def test_members_see_a_badge_on_members_only_hits(self, client, member, harbours, search_backend):
        restrict_to_members(harbours["patrols"])
        search_backend.sync()
        client.force_login(member)
        html = client.get("/search/", {"q": "patrols"}).content.decode()
        assert '<span class="badge badge--members">Members only</span>' in html


class TestFilters:
    def test_ticking_a_city_narrows_the_results_and_stays_ticked(self, client, harbours):
        response = client.get("/search/", {"q": "harbour", "city": "barcelona"})
        assert set(hit_titles(response)) == {"Harbour festival stewarding", "Harbour cruise terminal plan"}
        assert '2 results for “harbour” <span class="search-results__filtered">matching your filters</span>' in (
            response.content.decode()
        )
        assert ("city", "barcelona") in checked_boxes(response)
        # The other city is still offered, with its own count, to widen the search again.
        assert facet_counts(response, "city") == {"stockholm": 3, "barcelona": 2}

    def test_values_of_one_facet_add_up_and_facets_narrow_each_other(self, client, harbours):
        both = client.get("/search/?q=harbour&city=stockholm&city=barcelona")
        assert both.context["results"].total == 5
        assert checked_boxes(both) >= {("city", "stockholm"), ("city", "barcelona")}
        narrowed = client.get("/search/?q=harbour&city=stockholm&city=barcelona&year=2019")
        assert hit_titles(narrowed) == ["Harbour evacuation drill"]

    def test_clear_filters_keeps_the_query(self, client, harbours):
        response = client.get("/search/", {"q": "harbour", "type": "research"})
        assert "/search/?q=harbour" in links(response)


class TestSort:
    def test_newest_first(self, client, harbours):
        response = client.get("/search/", {"q": "harbour", "sort": "date"})
        assert hit_titles(response) == [
            "Harbour night patrols",
            "Harbour cruise terminal plan",
            "Harbour ferry screening",
            "Harbour festival stewarding",
            "Harbour evacuation drill",
            "Harbour security review",
        ]
        assert '<option value="date" selected>Newest first</option>' in response.content.decode()

    def test_sorting_keeps_the_filters_and_filtering_keeps_the_sort(self, client, harbours):
        html = client.get("/search/", {"q": "harbour", "sort": "date", "city": "stockholm"}).content.decode()
        # The sort select belongs to the filter form, whose hidden field keeps the query.
        assert '<select id="search-sort" name="sort" form="search-filters">' in html
        assert '<form id="search-filters"' in html
        assert '<input type="hidden" name="q" value="harbour">' in html


class TestPages:
    @pytest.fixture
    def lighthouses(self, db, library, search_backend):
        search_backend.sync()
        return library["lighthouses"]

    def test_first_page_links_to_the_next_keeping_query_filters_and_sort(self, client, lighthouses):
        response = client.get("/search/", {"q": "lighthouse", "city": "stockholm", "sort": "date"})
        html = response.content.decode()
        assert len(hit_titles(response)) == 10
        assert "Showing 1–10 of 12." in html
        assert "?q=lighthouse&city=stockholm&sort=date&page=2" in links(response)
        assert 'rel="next"' in html and 'rel="prev"' not in html
        assert re.search(r'aria-current="page"><span class="visually-hidden">Page </span>1<', html)

    def test_second_page_holds_the_rest(self, client, lighthouses):
        first = client.get("/search/", {"q": "lighthouse", "sort": "date"})
        second = client.get("/search/", {"q": "lighthouse", "sort": "date", "page": "2"})
        assert len(hit_titles(second)) == 2
        assert not set(hit_titles(first)) & set(hit_titles(second))
        assert "Showing 11–12 of 12." in second.content.decode()
        assert "?q=lighthouse&sort=date&page=1" in links(second)

    def test_a_page_past_the_end_shows_the_last_page(self, client, lighthouses):
        response = client.get("/search/", {"q": "lighthouse", "page": "99"})
        assert response.status_code == 200
        assert response.context["results"].page == 2
        assert len(hit_titles(response)) == 2


class TestHelp:
    def test_did_you_mean_links_to_the_better_spelling(self, client, harbours):
        response = client.get("/search/", {"q": "harbuor"})
        html = response.content.decode()
        assert response.context["results"].suggestion == "harbour"
        assert 'Did you mean <a href="/search/?q=harbour">harbour</a>?' in html
        assert client.get("/search/?q=harbour").context["results"].total == 6

    def test_empty_query_explains_what_to_type(self, client, harbours):
        response = client.get("/search/", {"q": "  "})
        assert response.status_code == 200
        assert "Type a word or phrase to search" in response.content.decode()
        assert response.context["results"].total == 0

    def test_no_results_says_so_and_offers_ways_out(self, client, harbours):
        response = client.get("/search/", {"q": "harbour", "city": "stockholm", "type": "research"})
        html = response.content.decode()
        assert "No results for “harbour”" in html
        assert "Nothing matched every word of your search." in html
        assert "/search/?q=harbour" in links(response)  # without the filters
        assert "sign in</a> to search them too" in html


class TestStoredMarkup:
    def test_markup_in_titles_and_summaries_is_shown_as_text(self, client, db, library, search_backend):
        PracticePageFactory(
            parent=library["stockholm"],
            title='Quay <3 & "friends" <script>alert("title")</script>',
            slug="quay-friends",
            summary='Quay notes &lt;script&gt;alert("summary")&lt;/script&gt; <img src=x onerror=alert(1)> <b>end</b>',
        )
        search_backend.sync()
        response = client.get("/search/", {"q": "quay"})
        html = response.content.decode()
        assert response.context["results"].total == 1
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>end" not in html
        assert "Quay &lt;3 &amp; &quot;friends&quot;" in html
        # Text that spells markup comes out as text, never as markup (entities may be read as characters).
        assert re.search(r"<mark>Quay</mark> notes &(amp;)?lt;script&(amp;)?gt;alert\(&quot;summary&quot;\)", html)


class TestFallback:
    """Elasticsearch switched on but unreachable: a refused connection on a closed port."""

    @pytest.fixture
    def unreachable(self, settings, db, library):
        settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": f"http://127.0.0.1:{closed_port()}"}

    def test_the_database_answers_and_the_page_says_so(self, client, unreachable):
        for _ in range(2):  # the second search goes straight to the database
            response = client.get("/search/", {"q": "harbour"})
            assert response.status_code == 200
            assert f'<p class="message message--warning search-notice" role="status">{FALLBACK_NOTICE}</p>' in (
                response.content.decode()
            )
            assert response.context["results"].backend == "database"
            assert set(hit_titles(response)) == HARBOUR_TITLES

    def test_no_notice_when_elasticsearch_is_off(self, client, harbours):
        assert FALLBACK_NOTICE not in client.get("/search/", {"q": "harbour"}).content.decode()


class TestQueryCount:
    """A results page costs a few queries, however many hits it shows."""

    def test_queries_do_not_grow_with_the_hits(self, client, member, harbours):
        client.force_login(member)
        counts = {}
        for query in ("screening", "harbour", "lighthouse"):
            client.get("/search/", {"q": query})  # warm the per-process caches
            with CaptureQueriesContext(connection) as queries:
                hits = len(hit_titles(client.get("/search/", {"q": query})))
            counts[hits] = len(queries)
        assert set(counts) == {1, 6, 10}
        assert max(counts.values()) - min(counts.values()) <= 2

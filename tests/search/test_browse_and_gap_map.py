"""Browsing by filters, the phase and evidence facets, what is new since a moment, and the gap
map: the same on Elasticsearch and on the database, and always as the reader may see it.

The gap map's promise is checked against the search itself: each cell is what the search
filtered to that city counts in its theme facet, for the same reader and filters.
"""

import datetime
from dataclasses import replace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Page, PageViewRestriction

from home.site_structure import ensure_site_structure
from members.choices import Role
from members.roles import grant_role
from resources.models import Theme
from search import dbindex, service
from search.service import SearchFilters
from tests.conftest import make_city, make_practice, restrict_to_members
from tests.factories import EventPageFactory, ResearchPageFactory
from tests.search.helpers import facet_counts, hit_titles, kept_for_module

CROWDS, CRISIS, VICTIMS = "protection-of-crowded-places", "crisis-management-and-recovery", "victim-support"
READERS = ("anonymous", "member", "editor")
JAN_2025 = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)


def _practice(city, title, themes, **fields):
    page = make_practice(city, title, title.lower().replace(" ", "-")[:40], **fields)
    page.themes.set(Theme.objects.filter(slug__in=themes))
    page.save_revision().publish()
    return page


def _build(tree):
    stockholm = make_city(tree["cities"], "Stockholm", "stockholm")
    barcelona = make_city(tree["cities"], "Barcelona", "barcelona", country="ES")
    # A member city whose page (and so its practices) only members may read.
    rotterdam = make_city(tree["cities"], "Rotterdam", "rotterdam", country="NL")
    restrict_to_members(rotterdam)
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    pages = {
        "bollards": _practice(stockholm, "Bollards", [CROWDS, CRISIS], phase="protect", evaluation="external"),
        "stewards": _practice(stockholm, "Stewards", [CROWDS], phase="prevent", start_date=datetime.date(2019, 5, 1)),
        "market": _practice(barcelona, "Market plan", [CROWDS], phase="protect", evaluation="internal"),
        "helpline": _practice(barcelona, "Helpline", [VICTIMS], phase="recover"),
        "harbour": _practice(rotterdam, "Harbour drill", [CRISIS], phase="respond"),
        "members": _practice(stockholm, "Members roster", [CRISIS], phase="respond"),
        "group": _practice(barcelona, "Editors cell", [CROWDS], phase="protect"),
    }
    restrict_to_members(pages["members"])
    restriction = PageViewRestriction.objects.create(page=pages["group"], restriction_type="groups")
    restriction.groups.add(stockholm.editors_group)
    pages["study"] = ResearchPageFactory(
        parent=tree["research"],
        title="Crowd study",
        publication_date=datetime.date(2022, 3, 1),
        peer_reviewed=True,
        themes=[themes[CROWDS]],
        cities=[barcelona, rotterdam],  # public research naming a members-only city
    )
    pages["workshop"] = EventPageFactory(
        parent=tree["events"],
        title="Crowds workshop",
        start=datetime.datetime(2023, 4, 10, 9, tzinfo=datetime.UTC),
        end=datetime.datetime(2023, 4, 10, 17, tzinfo=datetime.UTC),
        host_city=stockholm,
        themes=[themes[CROWDS]],
    )
    _first_published({"stockholm": stockholm, "barcelona": barcelona, "rotterdam": rotterdam, **pages})
    return {"stockholm": stockholm, "barcelona": barcelona, "rotterdam": rotterdam, **pages, "users": _users(stockholm)}


def _first_published(pages):
    """Stewards and Helpline are new since 2025, Harbour drill too (members only); the rest,
    cities included, older."""
    new = {"stewards": 3, "helpline": 10, "harbour": 20}
    for name, page in pages.items():
        day = (
            JAN_2025 + datetime.timedelta(days=new[name])
            if name in new
            else datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC)
        )
        Page.objects.filter(pk=page.pk).update(first_published_at=day)
    dbindex.write([page.pk for page in pages.values()])


def _users(stockholm):
    users = {"anonymous": AnonymousUser()}
    for name, role in (("member", Role.NETWORK_MEMBER), ("editor", Role.CITY_EDITOR)):
        users[name] = get_user_model().objects.create_user(username=name, email=f"{name}@example.org")
        grant_role(users[name], role, stockholm if role == Role.CITY_EDITOR else None)
    return users


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker):
        home, cities, research, events = ensure_site_structure()
        yield _build({"home": home, "cities": cities, "research": research, "events": events})


def browse(user, **filters):
    return service.search("", SearchFilters(**filters), user, per_page=50)


def titles(results):
    return {hit.title for hit in results.hits}


def facet(results, name):
    return {value.value: value.count for value in next(f for f in results.facets if f.name == name).values}


class TestBrowsing:
    def test_filters_without_words_list_every_readable_match_newest_first(self, backend, corpus):
        anonymous = browse(corpus["users"]["anonymous"], themes=(CROWDS,))
        assert [hit.title for hit in anonymous.hits] == [
            "Crowds workshop",
            "Crowd study",
            "Bollards",
            "Market plan",
            "Stewards",
        ]
        assert anonymous.total == 5
        assert anonymous.backend == backend.name
        assert titles(browse(corpus["users"]["editor"], themes=(CROWDS,))) == titles(anonymous) | {"Editors cell"}

    def test_neither_words_nor_filters_find_nothing(self, backend, corpus):
        results = service.search("", SearchFilters(), corpus["users"]["member"])
        assert (results.total, results.hits) == (0, [])

    def test_filter_values_that_match_nothing_readable_are_ignored_so_nothing_is_browsed(self, backend, corpus):
        assert browse(AnonymousUser(), cities=("rotterdam",), phases=("sideways",)).total == 0
        assert browse(corpus["users"]["member"], cities=("rotterdam",)).total == 3  # the city, its drill, the study

    def test_phase_and_evidence_filter_and_count(self, backend, corpus):
        member = corpus["users"]["member"]
        protect = browse(member, phases=("protect",))
        assert titles(protect) == {"Bollards", "Market plan"}
        assert facet(protect, "evidence") == {"external-evaluation": 1, "internal-evaluation": 1}
        assert facet(browse(member, types=("practice",)), "phase") == {
            "prevent": 1,
            "protect": 2,
            "respond": 2,
            "recover": 1,
        }
        evaluated = browse(member, evidence=("external-evaluation", "peer-reviewed"))
        assert titles(evaluated) == {"Bollards", "Crowd study"}

    def test_new_since_a_moment_is_what_was_first_published_after_it_and_readable(self, backend, corpus):
        window = {"published_after": JAN_2025, "published_before": JAN_2025 + datetime.timedelta(days=10)}
        assert titles(browse(AnonymousUser(), **window)) == {"Stewards", "Helpline"}
        later = {"published_after": JAN_2025 + datetime.timedelta(days=10)}
        assert titles(browse(AnonymousUser(), **later)) == set()  # the bound itself is not after it
        assert titles(browse(corpus["users"]["member"], **later)) == {"Harbour drill"}
        words = service.search("helpline", SearchFilters(**window), AnonymousUser())
        assert [hit.title for hit in words.hits] == ["Helpline"]


def _cell_from_search(user, city, gap):
    """The theme facet of the search filtered to ``city`` with the gap map's own filters."""
    filters = replace(gap.filters, cities=(city,))
    return facet(service.search("", filters, user), "theme")


class TestGapMap:
    @pytest.mark.parametrize("reader", READERS)
    @pytest.mark.parametrize(
        "filters",
        [
            {},
            {"phases": ("protect", "respond")},
            {"evidence": ("external-evaluation", "peer-reviewed")},
            {"types": ("practice", "research", "event"), "years": (2021, 2023)},
        ],
        ids=["default", "phases", "evidence", "events-and-years"],
    )
    def test_every_cell_is_the_theme_count_of_the_search_filtered_to_its_city(self, backend, corpus, reader, filters):
        user = corpus["users"][reader]
        gap = service.gap_map(SearchFilters(**filters), user)
        assert gap.backend == backend.name
        assert gap.cities, "a gap map without cities checks nothing"
        for city, _title in gap.cities:
            expected = _cell_from_search(user, city, gap)
            assert {theme: gap.count(city, theme) for theme, _name in gap.themes if gap.count(city, theme)} == expected
        everywhere = service.search("", gap.filters, user)
        assert gap.total == everywhere.total
        assert gap.city_totals == {city: n for city, n in facet(everywhere, "city").items() if n}
        assert gap.theme_totals == {theme: n for theme, n in facet(everywhere, "theme").items() if n}

    def test_it_counts_only_what_the_reader_may_read(self, backend, corpus):
        users = corpus["users"]
        anonymous, member, editor = (service.gap_map(SearchFilters(), users[name]) for name in READERS)
        assert [slug for slug, _title in anonymous.cities] == ["barcelona", "stockholm"]
        assert [slug for slug, _title in member.cities] == ["barcelona", "rotterdam", "stockholm"]
        assert anonymous.count("barcelona", CROWDS) == 2  # the market plan and the study
        assert editor.count("barcelona", CROWDS) == 3  # and the cell of Stockholm's editors
        assert (anonymous.count("stockholm", CRISIS), member.count("stockholm", CRISIS)) == (1, 2)
        assert "rotterdam" not in anonymous.city_totals
        assert member.count("rotterdam", CROWDS) == 1  # the public study naming it
        assert (anonymous.total, member.total, editor.total) == (5, 7, 8)

    def test_a_resource_with_several_themes_counts_once_in_its_citys_total(self, backend, corpus):
        gap = service.gap_map(SearchFilters(types=("practice",)), corpus["users"]["anonymous"])
        assert (gap.count("stockholm", CROWDS), gap.count("stockholm", CRISIS)) == (2, 1)
        assert gap.city_totals["stockholm"] == 2  # Bollards (in both themes) and Stewards

    def test_axes_and_unknown_filters(self, backend, corpus):
        gap = service.gap_map(
            SearchFilters(cities=("barcelona",), themes=(CROWDS,), types=("city", "bogus"), phases=("<x>",)),
            corpus["users"]["member"],
        )
        assert gap.filters == SearchFilters(types=("practice", "research"))
        assert len(gap.themes) == Theme.objects.count()
        assert gap.total == 7  # the axes' values were not filters


class TestSearchPage:
    def test_a_filter_alone_lists_its_resources(self, backend, corpus, client):
        response = client.get("/search/", {"theme": CROWDS, "type": "practice"})
        assert response.status_code == 200
        assert set(hit_titles(response)) == {"Bollards", "Market plan", "Stewards"}
        assert "3 resources" in response.content.decode()
        assert facet_counts(response, "phase") == {"prevent": 1, "protect": 2}

    def test_unknown_filter_values_alone_show_the_search_prompt(self, backend, corpus, client):
        response = client.get("/search/", {"city": "rotterdam", "phase": "x" * 90})
        assert response.status_code == 200
        assert hit_titles(response) == []
        assert "Type a word or phrase to search" in response.content.decode()

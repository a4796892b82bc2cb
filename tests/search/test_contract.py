"""The search service's contract, the same on Elasticsearch and on the database.

One small corpus for the whole module (built once, rolled back at the end); each
test runs once per backend through the ``search_backend`` fixture.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from wagtail.models import PageViewRestriction

from home.site_structure import ensure_site_structure
from members.choices import Role
from members.roles import grant_role
from resources.models import Theme
from search import service
from search.service import SearchFilters
from tests.conftest import make_city, make_practice, restrict_to_members
from tests.factories import EventPageFactory, ResearchPageFactory
from tests.search.helpers import kept_for_module

CROWDS, CRISIS, VICTIMS, RADICALISATION = (
    "protection-of-crowded-places",
    "crisis-management-and-recovery",
    "victim-support",
    "prevention-of-radicalisation",
)
PUBLIC_BOLLARDS = {
    "Perimeter bollards for city squares",
    "Market safety plan",
    "Hostile vehicle attacks on pedestrian zones",
    "Bollards workshop",
    "Evacuation drill in the metro",
    "Stödcentrum för drabbade",
}
MEMBERS_ONLY = "Zephyrine protocol for bollards"
GROUP_ONLY = "Quillwort crisis cell roster"


def _practice(city, title, day, themes, **fields):
    page = make_practice(city, title, title.lower().replace(" ", "-")[:40], start_date=day, **fields)
    page.themes.set(Theme.objects.filter(slug__in=themes))
    page.save_revision().publish()
    return page


def _build(home_tree):
    stockholm = make_city(home_tree["cities"], "Stockholm", "stockholm")
    barcelona = make_city(home_tree["cities"], "Barcelona", "barcelona", country="ES")
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    pages = {
        "perimeter": _practice(
            stockholm,
            "Perimeter bollards for city squares",
            datetime.date(2019, 11, 1),
            [CROWDS],
            summary="Removable bollards protect squares during markets and concerts.",
        ),
        "market": _practice(
            barcelona,
            "Market safety plan",
            datetime.date(2020, 5, 1),
            [CROWDS],
            summary="Stewards keep the market open; bollards line the perimeter of the square.",
        ),
        "apart": _practice(
            stockholm,
            "Reconnaissance awareness",
            datetime.date(2021, 2, 1),
            [CRISIS],
            summary="Staff learn to spot hostile reconnaissance long before any vehicle arrives.",
        ),
        "drill": _practice(
            barcelona,
            "Evacuation drill in the metro",
            datetime.date(2018, 9, 1),
            [CRISIS],
            summary="A night-time evacuation drill with bollards closing the station square.",
        ),
        "swedish": _practice(
            stockholm,
            "Stödcentrum för drabbade",
            datetime.date(2017, 8, 1),
            [VICTIMS],
            language="sv",
            summary="Kommunen satte upp bollards vid torget och öppnade ett stödcentrum för drabbade.",
        ),
        "members": _practice(
            stockholm,
            MEMBERS_ONLY,
            datetime.date(2015, 6, 1),
            [RADICALISATION],
            summary="Members only: the zephyrine protocol for bollards at the arena.",
        ),
        "group": _practice(
            stockholm,
            GROUP_ONLY,
            datetime.date(2016, 6, 1),
            [RADICALISATION],
            summary="Editors only: the quillwort roster for bollards and the crisis cell.",
        ),
    }
    pages["research"] = ResearchPageFactory(
        parent=home_tree["research"],
        title="Hostile vehicle attacks on pedestrian zones",
        practitioner_summary="Hostile vehicle ramming is the threat that bollards answer.",
        publication_date=datetime.date(2022, 3, 1),
        themes=[themes[CROWDS], themes[CRISIS]],
        cities=[barcelona],
    )
    pages["event"] = EventPageFactory(
        parent=home_tree["events"],
        title="Bollards workshop",
        summary="A workshop on bollards and drills for square managers.",
        start=datetime.datetime(2023, 4, 10, 9, tzinfo=datetime.UTC),
        end=datetime.datetime(2023, 4, 10, 17, tzinfo=datetime.UTC),
        host_city=barcelona,
        themes=[themes[CROWDS]],
    )
    restrict_to_members(pages["members"])
    restriction = PageViewRestriction.objects.create(page=pages["group"], restriction_type="groups")
    restriction.groups.add(stockholm.editors_group)
    return {"stockholm": stockholm, "barcelona": barcelona, **pages, "users": _users(stockholm)}


def _users(stockholm):
    users = {"anonymous": AnonymousUser()}
    for name, role in (("outsider", None), ("member", Role.NETWORK_MEMBER), ("editor", Role.CITY_EDITOR)):
        users[name] = get_user_model().objects.create_user(username=name, email=f"{name}@example.org")
        if role:
            grant_role(users[name], role, stockholm if role == Role.CITY_EDITOR else None)
    return users


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker):
        home, cities, research, events = ensure_site_structure()
        yield _build({"home": home, "cities": cities, "research": research, "events": events})


def find(query, user=None, **kwargs):
    return service.search(query, SearchFilters(**kwargs.pop("filters", {})), user or AnonymousUser(), **kwargs)


def titles(results):
    return [hit.title for hit in results.hits]


def facet(results, name):
    return {value.label: value.count for value in next(f for f in results.facets if f.name == name).values}


class TestFinding:
    def test_a_title_match_ranks_first(self, backend):
        results = find("perimeter")
        assert titles(results) == ["Perimeter bollards for city squares", "Market safety plan"]
        assert results.backend == backend.name

    def test_a_hit_has_what_the_result_list_shows(self, backend, corpus):
        (hit,) = find("removable").hits
        assert hit.title == "Perimeter bollards for city squares"
        assert hit.url == corpus["perimeter"].url
        assert (hit.type, hit.type_label, hit.cities) == ("practice", "Practice", ["Stockholm"])
        assert hit.date == datetime.date(2019, 11, 1)
        assert "<mark>Removable</mark>" in hit.snippet
        assert not hit.members_only

    def test_a_phrase_needs_its_words_together(self, backend):
        assert titles(find('"hostile vehicle"')) == ["Hostile vehicle attacks on pedestrian zones"]
        assert set(titles(find("hostile vehicle"))) == {
            "Hostile vehicle attacks on pedestrian zones",
            "Reconnaissance awareness",
        }

    def test_an_excluded_word_removes_results(self, backend):
        assert set(titles(find("bollards -drill -drills"))) == PUBLIC_BOLLARDS - {
            "Evacuation drill in the metro",
            "Bollards workshop",
        }

    def test_every_word_is_needed(self, backend):
        assert titles(find("bollards concerts")) == ["Perimeter bollards for city squares"]

    def test_sort_by_date_gives_the_newest_first(self, backend):
        results = find("bollards", sort="date")
        dates = [hit.date for hit in results.hits]
        assert dates == sorted(dates, reverse=True)
        assert titles(results)[:2] == ["Bollards workshop", "Hostile vehicle attacks on pedestrian zones"]

    def test_snippets_escape_the_text_and_mark_the_words(self, backend):
        (hit,) = find("stödcentrum").hits
        assert "<mark>" in hit.snippet
        assert "<script" not in hit.snippet


class TestFacets:
    def test_counts_of_every_facet(self, backend):
        results = find("bollards")
        assert results.total == len(PUBLIC_BOLLARDS)
        assert facet(results, "type") == {"Practices": 4, "Research": 1, "Events": 1}
        assert facet(results, "city") == {"Stockholm": 2, "Barcelona": 4}
        assert facet(results, "theme")["Protection of crowded places"] == 4
        assert facet(results, "year") == {str(y): 1 for y in (2023, 2022, 2020, 2019, 2018, 2017)}
        assert facet(results, "lang") == {"English": 5, "Swedish": 1}

    def test_a_chosen_value_narrows_results_and_other_facets_but_not_its_own(self, backend):
        results = find("bollards", filters={"types": ("practice",)})
        assert results.total == 4
        assert facet(results, "type") == {"Practices": 4, "Research": 1, "Events": 1}
        assert facet(results, "city") == {"Stockholm": 2, "Barcelona": 2}
        chosen = [v.value for f in results.facets for v in f.values if v.selected]
        assert chosen == ["practice"]

    def test_values_of_one_facet_add_up_and_facets_combine(self, backend):
        either = find("bollards", filters={"types": ("practice", "event")})
        assert either.total == 5
        both = find("bollards", filters={"types": ("practice", "event"), "cities": ("barcelona",)})
        assert set(titles(both)) == {"Market safety plan", "Evacuation drill in the metro", "Bollards workshop"}

    def test_each_filter(self, backend, subtests):
        for filters, expected in [
            ({"cities": ("stockholm",)}, {"Perimeter bollards for city squares", "Stödcentrum för drabbade"}),
            ({"themes": (VICTIMS,)}, {"Stödcentrum för drabbade"}),
            ({"years": (2022,)}, {"Hostile vehicle attacks on pedestrian zones"}),
            ({"languages": ("sv",)}, {"Stödcentrum för drabbade"}),
            ({"types": ("research",)}, {"Hostile vehicle attacks on pedestrian zones"}),
        ]:
            with subtests.test(filters=filters):
                assert set(titles(find("bollards", filters=filters))) == expected

    def test_unknown_filter_values_are_ignored(self, backend):
        results = find("bollards", filters={"cities": ("atlantis",), "types": ("junk",), "years": (1,)})
        assert results.total == len(PUBLIC_BOLLARDS)
        assert results.filters == SearchFilters()


class TestPagination:
    def test_pages_out_of_range_are_clamped(self, backend, subtests):
        for asked, given in [(0, 1), (-1, 1), (2, 2), (3, 3), (4, 3), (10**9, 3)]:
            with subtests.test(page=asked):
                results = find("bollards", page=asked, per_page=2)
                assert (results.page, results.num_pages, results.total) == (given, 3, 6)
                assert len(results.hits) == 2

    def test_pages_reach_no_deeper_than_the_result_window(self, backend, settings):
        settings.SEARCH_MAX_RESULT_WINDOW = 4
        results = find("bollards", page=3, per_page=2)
        assert (results.page, results.num_pages, results.total, len(results.hits)) == (2, 2, 6, 2)

    def test_pages_do_not_overlap(self, backend):
        pages = [titles(find("bollards", page=n, per_page=2, sort="date")) for n in (1, 2, 3)]
        assert sorted(sum(pages, [])) == sorted(PUBLIC_BOLLARDS)

    def test_page_size_is_bounded(self, backend):
        assert find("bollards", per_page=500).per_page == 50


class TestHelpingTheReader:
    def test_a_misspelt_word_gets_a_suggestion(self, backend):
        assert find("bolards").suggestion == "bollards"

    def test_a_query_with_results_gets_no_suggestion(self, backend):
        assert find("bollards").suggestion is None

    def test_titles_are_suggested_as_the_reader_types(self, backend, corpus):
        suggestions = service.suggest("perim", AnonymousUser())
        assert suggestions == [
            {"title": "Perimeter bollards for city squares", "url": corpus["perimeter"].url, "type": "practice"}
        ]
        assert service.suggest("", AnonymousUser()) == []

    def test_related_resources_share_words_or_themes_but_not_the_page_itself(self, backend, corpus):
        related = [hit.title for hit in service.related(corpus["perimeter"], AnonymousUser())]
        assert "Market safety plan" in related
        assert "Perimeter bollards for city squares" not in related


# What each reader may see of the two restricted practices: the Stockholm editor
# is a network member and in the Stockholm editors' group.
SEES = {
    "anonymous": set(),
    "outsider": set(),
    "member": {MEMBERS_ONLY},
    "editor": {MEMBERS_ONLY, GROUP_ONLY},
}


class TestNeverRevealing:
    def test_restricted_items_only_for_those_who_may_read_them(self, backend, corpus, subtests):
        for reader, sees in SEES.items():
            with subtests.test(reader=reader):
                results = find("bollards", corpus["users"][reader], per_page=50)
                assert set(titles(results)) == PUBLIC_BOLLARDS | sees
                assert results.total == len(PUBLIC_BOLLARDS | sees)
                assert all(hit.members_only == (hit.title in {MEMBERS_ONLY, GROUP_ONLY}) for hit in results.hits)

    def test_facet_counts_and_snippets_only_from_readable_items(self, backend, corpus, subtests):
        for reader, sees in SEES.items():
            with subtests.test(reader=reader):
                results = find("bollards", corpus["users"][reader], per_page=50)
                years = facet(results, "year")
                assert ("2015" in years, "2016" in years) == (MEMBERS_ONLY in sees, GROUP_ONLY in sees)
                assert ("Prevention of radicalisation and violent extremism" in facet(results, "theme")) == bool(sees)
                assert sum(facet(results, "type").values()) == results.total
                snippets = " ".join(hit.snippet for hit in results.hits).lower()
                assert ("zephyrine" in snippets, "quillwort" in snippets) == (MEMBERS_ONLY in sees, GROUP_ONLY in sees)

    def test_their_words_find_complete_and_suggest_nothing(self, backend, corpus, subtests):
        for reader, sees in SEES.items():
            user = corpus["users"][reader]
            for word, title in (("zephyrine", MEMBERS_ONLY), ("quillwort", GROUP_ONLY)):
                with subtests.test(reader=reader, word=word):
                    visible = title in sees
                    assert titles(find(word, user)) == ([title] if visible else [])
                    assert [s["title"] for s in service.suggest(word[:5], user)] == ([title] if visible else [])
                    assert find(word[:-1] + "x", user).suggestion in ((word, None) if visible else (None,))

    def test_related_resources_are_readable_ones(self, backend, corpus, subtests):
        for reader, sees in SEES.items():
            with subtests.test(reader=reader):
                related = {hit.title for hit in service.related(corpus["perimeter"], corpus["users"][reader], limit=20)}
                assert related
                assert {MEMBERS_ONLY, GROUP_ONLY} & related <= sees

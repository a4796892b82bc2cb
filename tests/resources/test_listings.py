"""The three listings (/practices/, the research index, the events index):
filters that filter, junk that is ignored, pagination, privacy, no N+1."""

import datetime

import pytest
from django.utils import timezone

from resources.models import Theme
from tests.conftest import make_city, restrict_to_members
from tests.factories import EventPageFactory, PracticePageFactory, ResearchPageFactory

NEXT_YEAR = timezone.localdate().year + 1


def _next_year(month, day=1, hour=9):
    return timezone.make_aware(datetime.datetime(NEXT_YEAR, month, day, hour))


@pytest.fixture
def themes(db):
    return {slug: Theme.objects.get(slug=slug) for slug in ("victim-support", "community-resilience")}


@pytest.fixture
def catalogue(site_tree, stockholm, barcelona, themes):
    """Two public items and one members-only item in each listing, differing in
    every filter: Stockholm/victim support/English vs Barcelona/community resilience/Spanish."""
    victim, community = themes["victim-support"], themes["community-resilience"]
    PracticePageFactory(
        parent=stockholm,
        title="Stockholm drill",
        phase="protect",
        start_date=datetime.date(2021, 3, 1),
        themes=[victim],
    )
    PracticePageFactory(
        parent=barcelona,
        title="Barcelona outreach",
        phase="prevent",
        start_date=datetime.date(2019, 5, 1),
        language="es",
        themes=[community],
    )
    restrict_to_members(PracticePageFactory(parent=stockholm, title="Stockholm closed practice", themes=[victim]))

    ResearchPageFactory(
        parent=site_tree["research"],
        title="Stockholm study",
        publication_type="report",
        publication_date=datetime.date(2021, 6, 1),
        themes=[victim],
        cities=[stockholm],
    )
    ResearchPageFactory(
        parent=site_tree["research"],
        title="Barcelona thesis",
        publication_type="thesis",
        publication_date=datetime.date(2019, 2, 1),
        language="es",
        themes=[community],
        cities=[barcelona],
    )
    restrict_to_members(ResearchPageFactory(parent=site_tree["research"], title="Closed study", themes=[victim]))

    EventPageFactory(
        parent=site_tree["events"],
        title="Stockholm workshop",
        host_city=stockholm,
        start=_next_year(3),
        end=_next_year(3, hour=17),
        themes=[victim],
    )
    EventPageFactory(
        parent=site_tree["events"],
        title="Barcelona webinar",
        host_city=barcelona,
        format="online",
        online_link="https://meet.example.org/ctpn",
        start=_next_year(5),
        end=_next_year(5, hour=11),
        language="es",
        themes=[community],
    )
    restrict_to_members(EventPageFactory(parent=site_tree["events"], title="Closed meeting", themes=[victim]))
    return {
        "practices": ("/practices/", "Stockholm drill", "Barcelona outreach", "Stockholm closed practice"),
        "research": (site_tree["research"].url, "Stockholm study", "Barcelona thesis", "Closed study"),
        "events": (site_tree["events"].url, "Stockholm workshop", "Barcelona webinar", "Closed meeting"),
    }


LISTINGS = ["practices", "research", "events"]


def shown_titles(response):
    return [item.title for item in response.context["listing"].items]


class TestPrivacy:
    @pytest.mark.parametrize("listing", LISTINGS)
    def test_members_only_items_are_listed_and_counted_for_members_only(
        self, client, member, outsider, catalogue, listing
    ):
        url, stockholm_title, barcelona_title, closed_title = catalogue[listing]
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert stockholm_title in html
        assert barcelona_title in html
        assert closed_title not in html
        assert response.context["listing"].page.paginator.count == 2

        client.force_login(outsider)
        response = client.get(url)
        assert closed_title not in response.content.decode()
        assert response.context["listing"].page.paginator.count == 2

        client.force_login(member)
        response = client.get(url)
        assert closed_title in response.content.decode()
        assert "Members only" in response.content.decode()
        assert response.context["listing"].page.paginator.count == 3

    def test_members_only_city_is_not_offered_as_a_filter_to_the_public(
        self, client, member, site_tree, catalogue, subtests
    ):
        restrict_to_members(make_city(site_tree["cities"], "Hidden city", "hidden-city"))
        for listing in LISTINGS:
            url = catalogue[listing][0]
            with subtests.test(listing=listing):
                html = client.get(url).content.decode()
                assert "Stockholm" in html
                assert "Hidden city" not in html
                assert 'value="hidden-city"' not in html
        client.force_login(member)
        assert 'value="hidden-city"' in client.get("/practices/").content.decode()

    def test_drafts_are_never_listed(self, client, member, stockholm):
        PracticePageFactory(parent=stockholm, title="Unpublished draft", live=False)
        client.force_login(member)
        assert "Unpublished draft" not in client.get("/practices/").content.decode()


ONE_ITEM = {"practices": "practice", "research": "publication", "events": "upcoming event"}
FILTERS = {
    "practices": [{"city": "barcelona"}, {"theme": "community-resilience"}, {"type": "prevent"}, {"year": "2019"}],
    "research": [{"city": "barcelona"}, {"theme": "community-resilience"}, {"type": "thesis"}, {"year": "2019"}],
    "events": [{"city": "barcelona"}, {"theme": "community-resilience"}, {"type": "online"}],
}


class TestFiltersFilter:
    @pytest.mark.parametrize("listing", LISTINGS)
    def test_each_filter_keeps_only_the_matching_item(self, client, catalogue, subtests, listing):
        url, stockholm_title, barcelona_title, _closed = catalogue[listing]
        for params in [*FILTERS[listing], {"lang": "es"}]:
            with subtests.test(params=params):
                response = client.get(url, params)
                assert response.status_code == 200
                assert shown_titles(response) == [barcelona_title]
                html = response.content.decode()
                assert f"1 {ONE_ITEM[listing]} matching your filters" in html
                assert stockholm_title not in html
        with subtests.test("filters combine"):
            assert shown_titles(client.get(url, {"city": "stockholm", "theme": "victim-support"})) == [stockholm_title]
            assert shown_titles(client.get(url, {"city": "stockholm", "lang": "es"})) == []

    def test_year_filter_on_events(self, client, catalogue):
        url = catalogue["events"][0]
        assert len(shown_titles(client.get(url, {"year": str(NEXT_YEAR)}))) == 2
        assert shown_titles(client.get(url, {"city": "barcelona", "year": str(NEXT_YEAR)})) == ["Barcelona webinar"]
        assert shown_titles(client.get(url, {"year": "2000"})) == []

    def test_no_match_says_so(self, client, catalogue):
        response = client.get("/practices/", {"year": "2000"})
        assert response.status_code == 200
        assert "No practices match what you asked for." in response.content.decode()


JUNK = [
    "page=-1",
    "page=0",
    "page=abc",
    "page=1e9",
    "page=%00",
    "page=" + "9" * 5000,
    "year=99999",
    "year=abc",
    "year=%00",
    "year=" + "9" * 5000,
    "theme=unknown",
    "theme=%00",
    "city=nowhere",
    "city=%00",
    "city=" + "x" * 5000,
    "lang=xx",
    "lang=%00",
    "type=%3Cscript%3Ealert(1)%3C/script%3E",
    "type=%00",
    "when=%3Cscript%3Ealert(1)%3C/script%3E",
    "foo=%3Cscript%3Ealert(1)%3C/script%3E",
    "city=%3Cscript%3Ealert(1)%3C/script%3E",
    "page=1&page=abc&page=-5",
    "year=abc&year=99999",
    "theme=victim-support&theme=unknown",
]


BAD_FILTERS = [
    ("year=99999", "year"),
    ("year=abc", "year"),
    ("theme=unknown", "theme"),
    ("city=nowhere", "city"),
    ("lang=xx", "lang"),
    ("type=%3Cscript%3E", "type"),
    ("city=%00", "city"),
    ("theme=%00", "theme"),
]


class TestJunkParameters:
    @pytest.mark.parametrize("listing", LISTINGS)
    def test_junk_answers_the_first_page_with_every_public_item(self, client, catalogue, subtests, listing):
        url, stockholm_title, barcelona_title, _closed = catalogue[listing]
        for query in JUNK:
            with subtests.test(query=query[:60]):
                response = client.get(f"{url}?{query}")
                assert response.status_code == 200
                assert response.context["listing"].page.number == 1
                assert sorted(shown_titles(response)) == sorted([stockholm_title, barcelona_title])
                assert b"<script>alert(1)</script>" not in response.content

    @pytest.mark.parametrize("listing", LISTINGS)
    def test_a_bad_filter_is_reported_and_ignored(self, client, catalogue, subtests, listing):
        url, _stockholm, barcelona_title, _closed = catalogue[listing]
        for query, field in BAD_FILTERS:
            with subtests.test(query=query):
                response = client.get(f"{url}?{query}")
                assert response.status_code == 200
                assert field in response.context["listing"].form.errors
                assert "This filter was ignored." in response.content.decode()
        with subtests.test("a bad filter does not cancel a good one"):
            response = client.get(url, {"city": "barcelona", "year": "abc", "lang": "xx"})
            assert shown_titles(response) == [barcelona_title]


class TestPagination:
    @pytest.fixture
    def fifteen_practices(self, stockholm):
        for day in range(1, 16):
            PracticePageFactory(parent=stockholm, title=f"Practice {day:02d}", start_date=datetime.date(2020, 1, day))

    def test_first_and_second_page(self, client, fifteen_practices):
        first = client.get("/practices/")
        assert shown_titles(first) == [f"Practice {day:02d}" for day in range(15, 3, -1)]
        html = first.content.decode()
        assert "15 practices" in html
        assert "Page 1 of 2" in html
        assert 'href="?page=2"' in html

        second = client.get("/practices/", {"page": "2"})
        assert shown_titles(second) == ["Practice 03", "Practice 02", "Practice 01"]
        html = second.content.decode()
        assert "Page 2 of 2" in html
        assert "Showing 13–15." in html
        assert "Practice 15" not in html

    def test_past_the_end_lands_on_the_last_page_and_links_keep_the_filters(self, client, fifteen_practices):
        for page in ("3", "999999"):
            response = client.get("/practices/", {"page": page})
            assert response.status_code == 200
            assert response.context["listing"].page.number == 2
        html = client.get("/practices/", {"city": "stockholm", "page": "2"}).content.decode()
        assert 'href="?city=stockholm&amp;page=1"' in html


def _fill(site_tree, stockholm, barcelona, size):
    victim, community = Theme.objects.filter(slug__in=["victim-support", "community-resilience"])
    for number in range(size):
        practice = PracticePageFactory(parent=(stockholm, barcelona)[number % 2], themes=[victim, community])
        research = ResearchPageFactory(
            parent=site_tree["research"],
            themes=[victim, community],
            cities=[stockholm, barcelona],
            author_names=[("A. Author", ""), ("B. Author", "")],
        )
        event = EventPageFactory(parent=site_tree["events"], themes=[victim], host_city=stockholm)
        if number % 3 == 0:
            for page in (practice, research, event):
                restrict_to_members(page)


class TestNoNPlusOne:
    """The same query budget holds for 5 items and for 30 (a full page of 12)."""

    MAX_QUERIES = {"practices": 22, "research": 30, "events": 29}

    @pytest.mark.parametrize("size", [5, 30])
    def test_query_count_does_not_grow_with_items(
        self, client, member, site_tree, stockholm, barcelona, django_assert_max_num_queries, subtests, size
    ):
        _fill(site_tree, stockholm, barcelona, size)
        urls = {"practices": "/practices/", "research": site_tree["research"].url, "events": site_tree["events"].url}
        client.force_login(member)
        for listing, url in urls.items():
            with subtests.test(listing=listing):
                client.get(url)  # warm the per-process caches (content types, site root paths)
                with django_assert_max_num_queries(self.MAX_QUERIES[listing]):
                    response = client.get(url)
                assert len(response.context["listing"].items) == min(size, 12)

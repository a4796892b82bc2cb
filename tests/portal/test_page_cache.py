"""The page cache for anonymous visitors: fast for the public, never a leak.

A members-only response is never stored or served to anyone else, a signed-in
reader never gets the anonymous copy, and a publish or privacy change shows at once.
"""

import pytest
from django.core.cache import cache

from portal import page_cache
from tests.conftest import make_practice, restrict_to_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(stockholm):
    return make_practice(stockholm, "Evacuation drill", "evacuation-drill")


@pytest.fixture
def closed_practice(stockholm):
    page = make_practice(stockholm, "Closed call list", "closed-call-list")
    restrict_to_members(page)
    return page


def cache_state(response) -> str | None:
    return response.headers.get(page_cache.CACHE_HEADER)


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


class TestPublicPages:
    def test_second_anonymous_view_is_a_hit_without_queries(self, client, practice, django_assert_num_queries):
        first = client.get(practice.url)
        assert first.status_code == 200 and cache_state(first) == "miss"
        with django_assert_num_queries(0):
            second = client.get(practice.url)
        assert cache_state(second) == "hit"
        assert second.content == first.content
        assert {"public", f"max-age={page_cache.timeout()}"} <= directives(second)
        assert {"Cookie", "Accept-Language"} <= {v.strip() for v in second["Vary"].split(",")}

    def test_head_shares_the_get_entry(self, client, practice):
        client.get(practice.url)
        assert cache_state(client.head(practice.url)) == "hit"

    def test_listings_and_calendar_are_cached(self, client, practice, site_tree):
        for url in ("/practices/", "/events/calendar/", site_tree["events"].url, site_tree["research"].url):
            assert cache_state(client.get(url)) == "miss", url
            assert cache_state(client.get(url)) == "hit", url

    def test_a_publish_shows_on_the_next_view(self, client, practice):
        client.get(practice.url)
        practice.title = "Evacuation drill, revised"
        practice.save_revision().publish()
        response = client.get(practice.url)
        assert cache_state(response) == "miss"
        assert b"Evacuation drill, revised" in response.content

    def test_language_is_part_of_the_key(self, client, practice):
        english = client.get(practice.url, HTTP_ACCEPT_LANGUAGE="en")
        swedish = client.get(practice.url, HTTP_ACCEPT_LANGUAGE="sv")
        assert (cache_state(english), cache_state(swedish)) == ("miss", "miss")
        assert b'<html lang="sv">' in swedish.content and b'<html lang="en">' in english.content
        again = client.get(practice.url, HTTP_ACCEPT_LANGUAGE="sv")
        assert cache_state(again) == "hit" and again.content == swedish.content
        assert client.get(practice.url, HTTP_ACCEPT_LANGUAGE="en").content == english.content


class TestMembersOnly:
    def test_a_members_view_is_never_served_to_anonymous(self, client, member, closed_practice):
        client.force_login(member)
        seen = client.get(closed_practice.url)
        assert seen.status_code == 200 and b"Closed call list" in seen.content
        assert cache_state(seen) is None
        assert {"private", "no-store"} <= directives(seen)
        client.logout()
        client.cookies.clear()
        for _ in range(2):
            anonymous = client.get(closed_practice.url)
            assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
            assert b"Closed call list" not in anonymous.content

    def test_a_member_never_gets_the_anonymous_copy(self, client, member, practice, closed_practice):
        client.get("/practices/")
        assert cache_state(client.get("/practices/")) == "hit"
        client.force_login(member)
        response = client.get("/practices/")
        assert cache_state(response) is None
        assert b"Closed call list" in response.content and b"Members only" in response.content
        assert {"private", "no-store"} <= directives(response)

    def test_a_page_restricted_after_caching_is_not_served_from_cache(self, client, practice):
        client.get(practice.url)
        assert cache_state(client.get(practice.url)) == "hit"
        restrict_to_members(practice)
        response = client.get(practice.url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_a_signed_in_reader_of_a_public_page_gets_private_headers(self, client, member, practice):
        client.force_login(member)
        response = client.get(practice.url)
        assert cache_state(response) is None and {"private", "no-store"} <= directives(response)


class TestNeverStored:
    def test_the_sign_in_page_with_its_csrf_cookie(self, client):
        for _ in range(2):
            response = client.get("/accounts/login/")
            assert response.status_code == 200 and cache_state(response) is None
            assert "public" not in directives(response)

    def test_a_visitor_with_a_session_cookie_bypasses_the_cache(self, client, practice):
        client.get(practice.url)
        client.cookies["sessionid"] = "not-a-real-session"
        assert cache_state(client.get(practice.url)) is None

    def test_hostile_query_strings_neither_break_nor_poison(self, client, practice):
        hostile = [
            "q=%00%ff",
            "page=-1&page=999999999999999999999",
            "city=<script>alert(1)</script>",
            "x=" + "a" * 5000,
            "%E0%A4%A=broken",
            "theme=../../etc/passwd",
        ]
        for query in hostile:
            for _ in range(2):
                response = client.get(f"/practices/?{query}")
                assert response.status_code == 200, query
                assert b"<script>alert(1)</script>" not in response.content
        # The long one is served but not kept; none of them reached the plain list's entry.
        assert cache_state(client.get("/practices/?x=" + "a" * 5000)) is None
        assert cache_state(client.get("/practices/")) == "miss"

    def test_a_foreign_host_header_does_not_reach_the_cache(self, client, practice):
        assert client.get(practice.url, HTTP_HOST="evil.example").status_code == 400
        assert cache_state(client.get(practice.url)) == "miss"

    def test_entries_are_in_the_shared_cache_with_a_short_timeout(self, client, practice, settings):
        settings.PAGE_CACHE_SECONDS = 0
        client.get(practice.url)
        assert cache_state(client.get(practice.url)) != "hit"
        assert cache.get(page_cache.GENERATION_KEY) is not None


class TestApiHeaders:
    """The API is the same for every caller: a success may be kept a minute by anyone, an error by no one."""

    def test_a_success_is_public_for_a_minute_for_everyone(self, client, member, practice, closed_practice):
        anonymous = client.get("/api/v2/pages/")
        client.force_login(member)
        signed_in = client.get("/api/v2/pages/")
        for response in (anonymous, signed_in):
            assert response.status_code == 200
            assert {"public", "max-age=60"} <= directives(response)
            assert not {"private", "no-store"} & directives(response)
        assert signed_in.json() == anonymous.json()
        assert "Closed call list" not in signed_in.content.decode()

    def test_errors_are_not_stored(self, client, practice):
        for url in ("/api/v2/pages/?limit=abc", "/api/v2/pages/999999/", "/api/v2/documents/?offset=-1"):
            response = client.get(url)
            assert response.status_code in (400, 404), url
            assert {"private", "no-store"} <= directives(response), url
            assert "public" not in directives(response), url


class TestRemembered:
    """What every request reads and only writes change (the depths that carry restrictions,
    the menu, the facet labels) is kept beside the cached pages, per audience."""

    def test_a_restriction_at_a_new_depth_hides_the_page_at_once(self, client, member, practice, stockholm):
        make_practice(stockholm, "Shelter signage", "shelter-signage")
        assert "Evacuation drill" in client.get("/practices/?q=drill").text  # no depth restricted yet
        restrict_to_members(practice)
        assert "Evacuation drill" not in client.get("/practices/?q=drill").text
        assert "Evacuation drill" not in client.get("/search/?q=drill").text
        client.force_login(member)
        assert "Evacuation drill" in client.get("/practices/?q=drill").text

    def test_the_menu_and_city_names_follow_the_reader(self, client, member, site_tree, stockholm, barcelona):
        make_practice(barcelona, "Evacuation of the Rambla", "rambla-evacuation")
        restrict_to_members(site_tree["research"])
        restrict_to_members(barcelona)
        client.force_login(member)
        seen_by_member = client.get("/search/?q=evacuation").text
        assert 'href="/research/"' in seen_by_member and "Barcelona" in seen_by_member
        client.logout()
        seen_by_visitor = client.get("/search/?q=evacuation").text
        assert 'href="/research/"' not in seen_by_visitor and "Barcelona" not in seen_by_visitor
        client.force_login(member)
        assert "Barcelona" in client.get("/search/?q=evacuation").text

    def test_a_renamed_city_shows_its_new_name(self, client, practice, stockholm):
        client.get("/search/?q=drill")
        stockholm.title = "Stockholm region"
        stockholm.save_revision().publish()
        assert "Stockholm region" in client.get("/search/?q=drill").text

    def test_nothing_is_kept_when_the_page_cache_is_off(self, settings):
        settings.PAGE_CACHE_SECONDS = 0
        answers = iter(range(3))
        assert [page_cache.remember("k", lambda: next(answers)) for _ in range(2)] == [0, 1]
        settings.PAGE_CACHE_SECONDS = 60
        assert [page_cache.remember("k", lambda: next(answers)) for _ in range(2)] == [2, 2]

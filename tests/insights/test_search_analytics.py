"""Search analytics: searches on the search page counted per day, anonymised, kept for a bounded
time, and reported (page and CSV) to the secretariat only."""

from __future__ import annotations

import csv
import datetime
import io
import re
import threading
from html import unescape

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from insights import analytics
from insights.models import SearchQueryDay
from tests.conftest import make_practice, restore_migrated_data
from tests.members.test_invitation_admin import assert_refused, someone  # noqa: F401 (someone is a fixture)

REPORT = "/admin/search-analytics/"
CSV = "/admin/search-analytics/csv/"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def search(client, query, referer="", agent=BROWSER, **params):
    """A search from the search page's box, as a browser sends it."""
    headers = {"user-agent": agent} if agent else {}
    if referer:
        headers["referer"] = referer
    response = client.get("/search/", {"q": query, **params}, headers=headers)
    assert response.status_code == 200
    return response


def counts() -> dict[tuple[str, str], tuple[int, int]]:
    """{(audience, query): (searches, zero-result searches)} as stored for today."""
    rows = SearchQueryDay.objects.filter(day=timezone.localdate())
    return {(row.audience, row.query): (row.searches, row.zero_result_searches) for row in rows}


def text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def tables(response) -> list[list[str]]:
    """The report's two lists (most searched, most often found nothing): each row's text."""
    html = response.content.decode()
    found = re.findall(r'<table class="listing.*?<tbody>(.*?)</tbody>', html, flags=re.S)
    return [[text(row) for row in re.findall(r"<tr\b.*?</tr>", body, flags=re.S)] for body in found]


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def counted(query, searches, zero=0, *, day=0, audience="members"):
    return SearchQueryDay.objects.create(
        day=days_ago(day), audience=audience, query=query, searches=searches, zero_result_searches=zero
    )


@pytest.fixture(scope="module", autouse=True)
def _migrated_data_outlives_the_module(django_db_setup, django_db_blocker):
    """The concurrency test ends with a flush: put back what the migrations made."""
    yield
    restore_migrated_data(django_db_blocker)


@pytest.fixture
def harbour(stockholm):
    return make_practice(stockholm, "Harbour evacuation drill", "harbour-drill")


# -- Recording ------------------------------------------------------------------


class TestWhatIsCounted:
    def test_each_search_counts_with_whether_it_found_anything(self, client, harbour, member):
        search(client, "harbour")
        search(Client(), "Harbour!")  # another visitor: the same query once normalised
        search(client, "submarine cables")
        member_client = Client()
        member_client.force_login(member)
        search(member_client, "submarine cables")

        assert counts() == {
            ("public", "harbour"): (2, 0),
            ("public", "submarine cables"): (1, 1),
            ("members", "submarine cables"): (1, 1),
        }

    def test_on_elasticsearch_too(self, client, harbour, elasticsearch):
        elasticsearch.add(harbour)
        assert search(client, "evacuation").context["results"].backend == "elasticsearch"
        search(client, "evacuation")
        search(client, "tsunami")
        assert counts() == {("public", "evacuation"): (2, 0), ("public", "tsunami"): (1, 1)}

    def test_later_pages_refinements_and_the_admins_links_are_not_new_searches(self, client, harbour):
        search(client, "harbour")
        refine_from = "http://testserver/search/?q=harbour"
        search(client, "harbour", referer=refine_from, city="stockholm")  # a filter ticked
        search(client, "harbour", referer=refine_from, sort="newest")
        search(client, "harbour", page="2")
        search(client, "harbour", after="abc123")
        search(client, "harbour", referer="http://testserver/admin/search-analytics/")
        search(client, "ferry", referer=refine_from)  # a new query typed on the results page counts
        client.get("/search/suggest/", {"q": "harbour"}, headers={"user-agent": BROWSER})
        client.head("/search/", {"q": "harbour"}, headers={"user-agent": BROWSER})
        assert counts() == {("public", "harbour"): (1, 0), ("public", "ferry"): (1, 1)}

    @pytest.mark.parametrize(
        "agent",
        [
            "",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "curl/8.5.0",
            "python-requests/2.32",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0",
        ],
    )
    def test_bots_and_tools_are_not_counted(self, client, harbour, agent):
        search(client, "harbour", agent=agent)
        assert counts() == {}

    def test_a_signed_in_reader_repeating_a_search_counts_once_a_day(self, harbour, member, expert):
        member_client, expert_client = Client(), Client()
        member_client.force_login(member)
        expert_client.force_login(expert)
        for _ in range(3):
            search(member_client, "harbour")
        search(expert_client, "Harbour")
        assert counts() == {("members", "harbour"): (2, 0)}

    def test_an_empty_or_wordless_query_is_not_counted(self, client, harbour):
        for query in ("", "   ", "!!! ???", '"" -'):
            search(client, query)
        assert counts() == {}

    def test_a_hostile_referrer_is_ignored(self, client, harbour):
        for referer in ("http://[::1", "http://testserver/search/?q=%ZZ&q=", "\x7f" * 3000):
            search(client, "harbour", referer=referer)
        assert counts() == {("public", "harbour"): (3, 0)}

    def test_off_when_no_days_are_kept(self, client, harbour, settings):
        settings.SEARCH_ANALYTICS_DAYS = 0
        search(client, "harbour")
        assert not SearchQueryDay.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_searches_are_all_counted():
    """Eight requests counting the same new query at once: one row, eight searches (PostgreSQL)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time")
    day, barrier = timezone.localdate(), threading.Barrier(8)

    def count():
        barrier.wait()
        try:
            analytics._count(day, "public", "radicalisation", found_nothing=True)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counts() == {("public", "radicalisation"): (8, 8)}


# -- Anonymising ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ('Radicalisation: "Schools"!', "radicalisation schools"),
        ("mail anna.svensson@stockholm.se about drills", "mail [email] about drills"),
        ("contact:anna@example.org,", "[email]"),
        ("@anna_s threat", "[email] threat"),
        ("call +46 70 123 45 67 today", "call [number] today"),
        ("070-123 45 67", "[number]"),
        ("(020) 7946 0958 London", "[number] london"),
        ("19800101-1234 case", "[number] case"),
        ("personnummer 198001011234", "personnummer [number]"),
        ("DNI 12345678Z", "dni [number]"),
        ("SE45 5000 0000 0583 9825 7466", "se [number]"),
        ("see https://example.org/report?token=s3cret", "see [link]"),
        ("www.example.org/anna", "[link]"),
        ("ISO 22301 continuity", "iso 22301 continuity"),
        ("evaluation 2019-2021", "evaluation 2019 2021"),
        ("drills 2020 2021", "drills 2020 2021"),
        ("covid19 crowds", "covid19 crowds"),
    ],
)
def test_anonymise(typed, stored):
    assert analytics.anonymise(typed) == stored


def test_a_long_query_is_cut_at_a_word():
    stored = analytics.anonymise("preparedness " * 30)
    assert len(stored) <= 100
    assert stored.split() == ["preparedness"] * len(stored.split())


def test_an_email_address_in_a_search_is_never_stored_or_shown(client, harbour, secretariat_client):
    for _ in range(3):
        search(Client(), "harbour plan from Anna.Svensson@Stockholm.se")
    stored = list(SearchQueryDay.objects.values_list("query", flat=True))
    assert stored == ["harbour plan from [email]"]
    for path in (REPORT, CSV):
        body = secretariat_client.get(path).content.decode().lower()
        assert "harbour plan from [email]" in body
        assert "svensson" not in body and "stockholm.se" not in body


# -- Retention ------------------------------------------------------------------


class TestRetention:
    def test_the_command_deletes_days_older_than_kept(self, db, settings):
        settings.SEARCH_ANALYTICS_DAYS = 90
        counted("last kept day", 3, day=89)
        counted("one day too old", 3, day=90)
        counted("today", 3)
        out = io.StringIO()
        call_command("purge_search_analytics", stdout=out)
        assert set(SearchQueryDay.objects.values_list("query", flat=True)) == {"last kept day", "today"}
        assert f"Deleted 1 daily search count(s); kept from {days_ago(89):%Y-%m-%d} (90 days)" in out.getvalue()

    def test_the_first_search_of_a_day_deletes_them_too(self, client, harbour, settings):
        settings.SEARCH_ANALYTICS_DAYS = 30
        counted("old", 5, day=30)
        counted("kept", 5, day=29)
        search(client, "harbour")
        assert set(SearchQueryDay.objects.values_list("query", flat=True)) == {"kept", "harbour"}

    def test_days_no_longer_kept_are_never_reported(self, db, settings):
        counted("kept", 5, day=6)
        counted("too old", 5, day=7)  # not deleted yet
        settings.SEARCH_ANALYTICS_DAYS = 7
        report = analytics.report(analytics.Period(days_ago(30), days_ago(0)))
        assert [item.query for item in report.top] == ["kept"]
        assert report.searches == 5

    def test_with_none_kept_the_command_deletes_all(self, db, settings):
        counted("today", 2)
        settings.SEARCH_ANALYTICS_DAYS = 0
        call_command("purge_search_analytics", stdout=io.StringIO())
        assert not SearchQueryDay.objects.exists()


# -- The report -----------------------------------------------------------------


@pytest.fixture
def week(db):
    """A week of counts: members and public, some found nothing, one only once."""
    counted("radicalisation schools", 4, zero=1, day=0)
    counted("radicalisation schools", 3, zero=0, day=6, audience="public")
    counted("drone threat", 2, zero=2, day=1)
    counted("drone threat", 1, zero=1, day=2, audience="public")
    counted("crowded places", 5, zero=0, day=3)
    counted("lone actor", 1, zero=1, day=4)  # once: never listed
    counted("harbour", 9, zero=9, day=7)  # eight days ago: outside the last 7 days


class TestTheReport:
    def test_totals_and_both_lists_for_the_last_seven_days(self, secretariat_client, week):
        response = secretariat_client.get(REPORT, {"days": "7"})
        page = text(response.content.decode())
        assert "Searches 16" in page
        assert "Searches that found nothing 5 (31%)" in page
        assert "Different queries 4, of which 1 searched fewer than 2 times (not listed)" in page
        top, nothing_found = tables(response)
        assert top == [
            "radicalisation schools 7 1 14%",
            "crowded places 5 0 0%",
            "drone threat 3 3 100%",
        ]
        assert nothing_found == ["drone threat 3 3 100%", "radicalisation schools 7 1 14%"]
        assert "lone actor" not in page and "harbour" not in page

    def test_by_dates_and_audience(self, secretariat_client, week):
        members = secretariat_client.get(REPORT, {"start": days_ago(7), "end": days_ago(1), "audience": "members"})
        assert tables(members)[0] == ["harbour 9 9 100%", "crowded places 5 0 0%", "drone threat 2 2 100%"]
        public = secretariat_client.get(REPORT, {"start": days_ago(6), "end": days_ago(0), "audience": "public"})
        assert tables(public)[0] == ["radicalisation schools 3 0 0%"]  # drone threat: once by the public

    def test_the_threshold_is_a_setting(self, secretariat_client, week, settings):
        settings.SEARCH_ANALYTICS_MIN_SEARCHES = 5
        top, _ = tables(secretariat_client.get(REPORT, {"days": "7"}))
        assert top == ["radicalisation schools 7 1 14%", "crowded places 5 0 0%"]

    def test_queries_link_to_the_search_and_following_one_is_not_counted(self, secretariat_client, week, harbour):
        response = secretariat_client.get(REPORT, {"days": "7"})
        assert 'href="/search/?q=drone+threat"' in response.content.decode()
        search(secretariat_client, "drone threat", referer=f"http://testserver{REPORT}?days=7")
        assert counts().get(("members", "drone threat")) is None

    def test_a_query_with_a_placeholder_has_no_link(self, secretariat_client):
        counted("report by [email]", 3, zero=3)
        response = secretariat_client.get(REPORT)
        assert "report by [email] 3 3 100%" in tables(response)[1]
        assert "/search/?q=report" not in response.content.decode()

    def test_opened_without_a_period_it_shows_the_last_thirty_days(self, secretariat_client):
        counted("kept", 2, day=29)
        counted("older", 2, day=30)
        top = tables(secretariat_client.get(REPORT))[0]
        assert top == ["kept 2 0 0%"]

    def test_the_csv_holds_every_listed_query(self, secretariat_client, week):
        response = secretariat_client.get(CSV, {"days": "7"})
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        today = timezone.localdate()
        assert f'filename="search-analytics-{days_ago(6)}-to-{today}.csv"' in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
        assert list(csv.reader(io.StringIO(response.content.decode()))) == [
            ["query", "searches", "zero-result searches", "zero-result share (%)"],
            ["radicalisation schools", "7", "1", "14"],
            ["crowded places", "5", "0", "0"],
            ["drone threat", "3", "3", "100"],
        ]

    def test_the_pages_download_link_gives_the_same_period(self, secretariat_client, week):
        page = secretariat_client.get(REPORT, {"start": days_ago(3), "end": days_ago(1), "audience": "members"})
        link = unescape(re.search(r'href="(/admin/search-analytics/csv/\?[^"]*)"', page.content.decode())[1])
        rows = list(csv.reader(io.StringIO(secretariat_client.get(link).content.decode())))
        assert rows[1:] == [["crowded places", "5", "0", "0"], ["drone threat", "2", "2", "100"]]

    def test_says_so_when_off(self, secretariat_client, settings):
        settings.SEARCH_ANALYTICS_DAYS = 0
        assert "Search analytics are off" in text(secretariat_client.get(REPORT).content.decode())
        assert secretariat_client.get(CSV).status_code == 400


HOSTILE = [
    {"days": "abc"},
    {"days": "-1"},
    {"days": "99999999999999999999"},
    {"days": "365"},
    {"days": "", "start": "yesterday", "end": "today"},
    {"days": "", "start": "2026-02-30", "end": "2026-03-01"},
    {"days": "", "start": "0001-01-01", "end": "0001-01-02"},
    {"days": "", "start": "9999-12-31", "end": "9999-12-31"},
    {"days": "", "start": "99999-01-01"},
    {"days": "", "start": "x" * 10_000, "end": "\x00"},
    {"days": "", "start": "2026-01-01"},
    {"audience": "everyone'; drop table insights_searchqueryday; --"},
    {"days": "7", "audience": ["members", "<script>alert(1)</script>"]},
]


class TestHostileParameters:
    @pytest.mark.parametrize("params", HOSTILE)
    def test_a_form_error_on_the_page_and_400_for_the_csv(self, secretariat_client, week, params):
        page = secretariat_client.get(REPORT, params)
        assert page.status_code == 200
        assert 'class="error-message"' in page.content.decode() or "Choose a period" in page.content.decode()
        assert tables(page) == []
        assert "<script>alert(1)</script>" not in page.content.decode()
        download = secretariat_client.get(CSV, params)
        assert download.status_code == 400
        assert download["Content-Type"].startswith("text/plain")
        assert SearchQueryDay.objects.count() == 7

    def test_dates_in_the_wrong_order_or_the_future(self, secretariat_client, week):
        for start, end, message in [
            (days_ago(1), days_ago(3), "The period cannot end before it starts."),
            (days_ago(1), days_ago(-1), "The period cannot end after today."),
            (days_ago(90), days_ago(0), f"Searches are kept for 90 days: the earliest day is {days_ago(89)}."),
        ]:
            page = text(secretariat_client.get(REPORT, {"days": "", "start": start, "end": end}).content.decode())
            assert message in page


# -- Who may see it -------------------------------------------------------------


@pytest.mark.parametrize(
    "someone",
    ["stockholm_editor", "barcelona_editor", "stockholm_coordinator", "expert", "member", "outsider", None],
    indirect=True,
)
def test_only_the_secretariat_sees_the_analytics(someone, week):  # noqa: F811 (the imported fixture)
    client, kind = someone
    for path in (REPORT, f"{REPORT}?days=7", CSV, f"{CSV}?days=7"):
        response = client.get(path)
        assert_refused(response, kind)
        assert b"radicalisation" not in response.content


def test_the_reports_menu_offers_it_to_the_secretariat_only(client, secretariat, stockholm_coordinator):
    for user, shown in ((secretariat, True), (stockholm_coordinator, False)):
        client.force_login(user)
        assert (REPORT in client.get("/admin/").content.decode()) == shown


def test_the_secretariat_sees_it(secretariat_client, week):
    response = secretariat_client.get(REPORT)
    assert response.status_code == 200
    assert "Search analytics" in text(response.content.decode())

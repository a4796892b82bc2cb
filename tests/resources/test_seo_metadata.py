"""Canonical URLs, Open Graph and schema.org JSON-LD: on public pages, escaped,
and never on (or describing) members-only pages."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.admin_forms import practice_form
from tests.conftest import restrict_to_members
from tests.factories import EventPageFactory, PracticePageFactory, ResearchPageFactory

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
HOSTILE_TITLE = '</script><script>alert("x")</script> Drill & <b>bold</b>'


def json_ld(response) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(response.content.decode())]


def og(response, prop: str) -> str | None:
    match = re.search(rf'<meta property="og:{prop}" content="([^"]*)">', response.content.decode())
    return match.group(1) if match else None


def test_public_practice_has_canonical_open_graph_and_report(client, stockholm, theme):
    practice = PracticePageFactory(parent=stockholm, title="Stockholm drill", themes=[theme])
    response = client.get(practice.url)
    body = response.content.decode()
    assert f'<link rel="canonical" href="{practice.full_url}">' in body
    assert og(response, "url") == practice.full_url
    assert og(response, "title") == "Stockholm drill"
    assert og(response, "description") == "Stockholm drill: what the city did and learned."
    assert og(response, "type") == "article"
    assert og(response, "site_name") == "CTPN Knowledge Exchange"
    assert 'name="robots"' not in body
    [data] = json_ld(response)
    assert data["@type"] == "Report"
    assert data["name"] == "Stockholm drill"
    assert data["author"]["name"] == "Stockholm"
    assert data["keywords"] == [theme.name]


def test_research_is_a_scholarly_article_with_authors_date_and_doi(client, site_tree):
    research = ResearchPageFactory(
        parent=site_tree["research"],
        title="Resilience study",
        doi="10.1080/09546553.2020.1234567",
        author_names=[("Ana Researcher", "Uni A"), ("Bo Scholar", "Uni B")],
        publication_date=datetime.date(2020, 5, 1),
    )
    [data] = json_ld(client.get(research.url))
    assert data["@type"] == "ScholarlyArticle"
    assert [author["name"] for author in data["author"]] == ["Ana Researcher", "Bo Scholar"]
    assert data["datePublished"] == "2020-05-01"
    assert data["identifier"]["value"] == "10.1080/09546553.2020.1234567"
    assert data["sameAs"] == "https://doi.org/10.1080/09546553.2020.1234567"


def test_research_without_doi_has_no_identifier(client, site_tree):
    research = ResearchPageFactory(parent=site_tree["research"], title="Unregistered report")
    [data] = json_ld(client.get(research.url))
    assert "identifier" not in data


def test_event_has_dates_location_mode_and_organizer(client, site_tree, barcelona):
    start = timezone.make_aware(datetime.datetime(timezone.localdate().year + 1, 3, 2, 9))
    event = EventPageFactory(
        parent=site_tree["events"],
        title="Hybrid workshop",
        start=start,
        end=start + datetime.timedelta(hours=6),
        format="hybrid",
        online_link="https://meet.example.org/ctpn",
        venue="City Hall, Barcelona",
        host_city=barcelona,
        organiser="CTPN secretariat",
    )
    [data] = json_ld(client.get(event.url))
    assert data["@type"] == "Event"
    assert data["startDate"].startswith(f"{start.year}-03-02T09:00")
    assert data["endDate"].startswith(f"{start.year}-03-02T15:00")
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {place["@type"] for place in data["location"]} == {"Place", "VirtualLocation"}
    assert data["location"][0]["name"] == "City Hall, Barcelona"
    assert data["organizer"]["name"] == "CTPN secretariat"


def test_members_only_page_is_noindex_without_json_ld_or_description(member_client, stockholm):
    practice = PracticePageFactory(parent=stockholm, title="Closed drill", summary="Secret summary of the drill")
    restrict_to_members(practice)
    response = member_client.get(practice.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<meta name="robots" content="noindex">' in body
    assert "application/ld+json" not in body
    assert og(response, "description") is None
    assert f'<link rel="canonical" href="{practice.full_url}">' in body


def test_public_page_under_a_members_only_city_is_treated_as_members_only(member_client, stockholm):
    restrict_to_members(stockholm)
    practice = PracticePageFactory(parent=stockholm, title="Inherits the wall")
    body = member_client.get(practice.url).content.decode()
    assert "noindex" in body
    assert "application/ld+json" not in body


def test_hostile_title_cannot_break_out_of_json_ld(client, stockholm):
    practice = PracticePageFactory(parent=stockholm, title=HOSTILE_TITLE, slug="hostile")
    body = client.get(practice.url).content.decode()
    assert "<script>alert" not in body
    assert "<b>bold" not in body
    [data] = json_ld(client.get(practice.url))
    assert data["name"] == HOSTILE_TITLE  # the text survives, escaped only in transport


@pytest.mark.parametrize("path", ["/", "/practices/", "/search/?q=drill", "/accounts/login/"])
def test_every_page_has_canonical_open_graph_and_feed_links(client, stockholm, path):
    response = client.get(path)
    body = response.content.decode()
    canonical = "http://testserver" + path.split("?")[0] if path != "/" else stockholm.get_site().root_url + "/"
    assert f'<link rel="canonical" href="{canonical}">' in body
    for prop in ("title", "description", "type", "url", "site_name"):
        assert og(response, prop) is not None, prop
    assert 'type="application/rss+xml"' in body and 'href="/feeds/latest.rss"' in body
    assert 'href="/feeds/latest.atom"' in body


def test_public_city_page_links_its_own_feeds(client, stockholm):
    body = client.get(stockholm.url).content.decode()
    assert 'href="/feeds/city/stockholm.rss"' in body
    assert 'href="/feeds/city/stockholm.atom"' in body
    assert og(client.get(stockholm.url), "type") == "website"


def test_canonical_ignores_query_strings(client, stockholm):
    practice = PracticePageFactory(parent=stockholm, title="Drill")
    body = client.get(practice.url + "?utm_source=x&page=%00").content.decode()
    assert f'<link rel="canonical" href="{practice.full_url}">' in body


def test_admin_preview_of_an_unsaved_page_renders_without_metadata(secretariat_client, stockholm):
    url = reverse("wagtailadmin_pages:preview_on_add", args=["resources", "practicepage", stockholm.pk])
    data = practice_form(publish=False, title="Unsaved drill", slug="unsaved-drill")
    assert secretariat_client.post(url, data).json()["is_valid"]
    response = secretariat_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Unsaved drill" in body
    assert '<meta name="robots" content="noindex">' in body
    assert "application/ld+json" not in body

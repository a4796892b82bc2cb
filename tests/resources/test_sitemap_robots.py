"""sitemap.xml lists public live pages only (with lastmod); robots.txt points to it."""

import xml.etree.ElementTree as ET  # noqa: N817

import pytest

from tests.conftest import make_city, restrict_to_members
from tests.factories import PracticePageFactory

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def pages(site_tree, stockholm):
    oslo = make_city(site_tree["cities"], "Oslo", "oslo", country="NO")
    restrict_to_members(oslo)
    moved = PracticePageFactory(parent=stockholm, title="Moved away")
    moved.move(oslo, pos="last-child")
    moved.refresh_from_db()
    draft = PracticePageFactory(parent=stockholm, title="Draft", live=False)
    return {
        "public": PracticePageFactory(parent=stockholm, title="Open drill"),
        "closed": restrict_to_members(PracticePageFactory(parent=stockholm, title="Closed drill")).page,
        "child": PracticePageFactory(parent=oslo, title="Open child of a closed city"),
        "oslo": oslo,
        "moved": moved,
        "draft": draft,
        "stockholm": stockholm,
    }


def sitemap_urls(response) -> dict[str, str | None]:
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    return {url.findtext(f"{NS}loc"): url.findtext(f"{NS}lastmod") for url in root.iter(f"{NS}url")}


@pytest.mark.parametrize("signed_in", [False, True])
def test_sitemap_lists_only_public_live_pages(client, member, pages, signed_in):
    if signed_in:
        client.force_login(member)  # a member's cookies change nothing
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = sitemap_urls(response)
    assert pages["public"].full_url in urls
    assert pages["stockholm"].full_url in urls
    for hidden in ("closed", "child", "oslo", "moved", "draft"):
        assert pages[hidden].full_url not in urls, hidden


def test_sitemap_entries_carry_lastmod(client, pages):
    pages["public"].save_revision().publish()
    urls = sitemap_urls(client.get("/sitemap.xml"))
    assert urls[pages["public"].full_url]


@pytest.mark.parametrize("query", ["?p=abc", "?p=0", "?p=-5", "?p=99999", "?p=%00"])
def test_sitemap_junk_page_number_is_not_an_error(client, pages, query):
    assert client.get("/sitemap.xml" + query).status_code in (200, 404)


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    for path in ("/admin/", "/accounts/", "/search/suggest/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_uses_the_requests_host(client, db):
    response = client.get("/robots.txt", HTTP_HOST="localhost")
    assert "Sitemap: http://localhost/sitemap.xml" in response.content.decode().splitlines()


def test_robots_txt_refuses_a_foreign_host(client, db):
    # ALLOWED_HOSTS guards the absolute URL: no sitemap pointing at an attacker's host.
    assert client.get("/robots.txt", HTTP_HOST="evil.example").status_code == 400

"""The site's name and footer: on every page, read once per change rather than on every request,
and an editor's change shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import FooterSettings


def footer_url(site) -> str:
    return f"/admin/settings/home/footersettings/{site.pk}/"


def tables_read(client, url) -> str:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return " ".join(query["sql"] for query in queries.captured_queries)


@pytest.fixture
def site(site_tree):
    return Site.objects.get(root_page=site_tree["home"])


class TestFooter:
    def test_an_editors_footer_change_shows_at_once_to_a_visitor(self, client, secretariat_client, site):
        assert "European cities sharing" in client.get("/search/?q=drill").content.decode()
        assert "European cities sharing" in client.get("/").content.decode()
        data = {"about": "Cities preparing together.", "contact_email": "desk@ctpn.example.org", "host_city_note": ""}
        assert secretariat_client.post(footer_url(site), data).status_code == 302
        for url in ("/search/?q=drill", "/"):
            html = client.get(url).content.decode()
            assert "Cities preparing together." in html, url
            assert "European cities sharing" not in html, url
            assert 'href="mailto:desk@ctpn.example.org"' in html, url

    def test_a_footer_saved_in_code_shows_at_once_to_a_member(self, member_client, site):
        assert "European cities sharing" in member_client.get("/search/?q=drill").content.decode()
        footer = FooterSettings.for_site(site)
        footer.about = "Cities preparing together."
        footer.save()
        assert "Cities preparing together." in member_client.get("/search/?q=drill").content.decode()

    def test_a_renamed_site_shows_at_once(self, client, site):
        assert "· CTPN Knowledge Exchange</title>" in client.get("/search/?q=drill").content.decode()
        site.site_name = "Preparedness Exchange"
        site.save()
        assert "· Preparedness Exchange</title>" in client.get("/search/?q=drill").content.decode()


class TestReadOncePerChange:
    def test_a_visitors_search_page_reads_neither_site_nor_footer_again(self, client, site):
        client.get("/search/?q=drill")
        sql = tables_read(client, "/search/?q=evacuation")
        assert "wagtailcore_site" not in sql
        assert "home_footersettings" not in sql

    def test_a_members_search_page_reads_no_site_footer_permissions_or_session_row(self, member_client, site):
        member_client.get("/search/?q=drill")
        sql = tables_read(member_client, "/search/?q=evacuation")
        for table in ("wagtailcore_site", "home_footersettings", "auth_permission", "usersessions_usersession"):
            assert table not in sql, table

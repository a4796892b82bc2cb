"""The main navigation and footer links, editable in Wagtail settings."""

import re

import pytest
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.models import FooterLink, MainNavigationLink, NavigationSettings
from resources.demo.build import Tally, ensure_footer_links
from resources.demo.site import FOOTER_LINKS
from tests.conftest import make_practice, restrict_to_members


def main_nav(html: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav)


def footer_nav(html: str) -> list[str]:
    footer = re.search(r'<nav class="site-footer__links".*?</nav>', html, re.S)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', footer.group(0)) if footer else []


@pytest.fixture
def navigation(site_tree):
    return NavigationSettings.objects.create(site=Site.objects.get(root_page=site_tree["home"]))


def settings_url(site_tree) -> str:
    site = Site.objects.get(root_page=site_tree["home"])
    return f"/admin/settings/home/navigationsettings/{site.pk}/"


def settings_form(main=(), footer=()) -> dict:
    def links(rows):
        return inline_formset([{"label": label, "link_page": page, "link_url": url} for label, page, url in rows])

    return nested_form_data({"main_links": links(main), "footer_links": links(footer)})


class TestDefaultNavigation:
    def test_without_links_the_menu_lists_the_sections(self, client, navigation):
        html = client.get("/").content.decode()
        assert main_nav(html) == ["Member cities", "Research", "Events", "Practices"]
        assert footer_nav(html) == []


class TestConfiguredNavigation:
    @pytest.fixture
    def links(self, navigation, site_tree, stockholm):
        closed = make_practice(stockholm, "Closed practice", "closed")
        restrict_to_members(closed)
        rows = [
            ("Cities", site_tree["cities"], ""),
            ("Members' practice", closed, ""),
            ("About CTPN", None, "https://ctpn.example.org/about"),
        ]
        for order, (label, page, url) in enumerate(rows):
            MainNavigationLink.objects.create(
                setting=navigation, label=label, link_page=page, link_url=url, sort_order=order
            )
        FooterLink.objects.create(setting=navigation, label="Privacy", link_url="https://ctpn.example.org/privacy")
        FooterLink.objects.create(setting=navigation, label="Member news", link_page=closed, sort_order=1)
        return closed

    def test_editors_links_replace_the_sections(self, client, links):
        html = client.get("/").content.decode()
        assert main_nav(html) == ["Cities", "About CTPN", "Practices"]
        assert "Members&#x27; practice" not in html

    def test_members_get_links_to_members_only_pages(self, client, member, links):
        client.force_login(member)
        html = client.get("/").content.decode()
        assert "Members&#x27; practice" in main_nav(html)
        assert ("/cities/stockholm/closed/", "Member news") in footer_nav(html)

    def test_footer_shows_its_links(self, client, links):
        html = client.get("/").content.decode()
        assert footer_nav(html) == [("https://ctpn.example.org/privacy", "Privacy")]

    def test_deleting_a_link_takes_it_out_of_the_menu(self, client, links):
        assert "About CTPN" in main_nav(client.get("/").content.decode())
        MainNavigationLink.objects.get(label="About CTPN").delete()
        assert "About CTPN" not in main_nav(client.get("/").content.decode())

    def test_current_section_is_marked(self, client, links, site_tree):
        html = client.get(site_tree["cities"].url).content.decode()
        assert re.search(r'<a href="/cities/" aria-current="page">Cities</a>', html)


class TestSettingsForm:
    def test_secretariat_saves_a_page_link_and_an_external_link(self, secretariat_client, site_tree):
        data = settings_form(
            main=[("Cities", site_tree["cities"].pk, ""), ("Partner", "", "https://partner.example.org/")],
            footer=[("Privacy", "", "https://ctpn.example.org/privacy")],
        )
        assert "Partner" not in main_nav(secretariat_client.get("/").content.decode())
        response = secretariat_client.post(settings_url(site_tree), data)
        assert response.status_code == 302
        html = secretariat_client.get("/").content.decode()
        assert main_nav(html)[:2] == ["Cities", "Partner"], "the saved links show at once"
        setting = NavigationSettings.objects.get()
        assert [link.label for link in setting.main_links.all()] == ["Cities", "Partner"]
        assert [link.link_url for link in setting.footer_links.all()] == ["https://ctpn.example.org/privacy"]

    @pytest.mark.parametrize(
        "url",
        [
            "javascript:alert(document.cookie)",
            "JavaScript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "vbscript:msgbox(1)",
            "ftp://files.example.org/",
        ],
    )
    def test_hostile_addresses_are_refused(self, secretariat_client, site_tree, url):
        response = secretariat_client.post(settings_url(site_tree), settings_form(main=[("Click", "", url)]))
        assert response.status_code == 200
        assert not MainNavigationLink.objects.exists()
        assert "Enter a valid URL." in response.content.decode()

    def test_hostile_footer_address_is_refused(self, secretariat_client, site_tree):
        data = settings_form(footer=[("Click", "", "javascript:alert(1)")])
        response = secretariat_client.post(settings_url(site_tree), data)
        assert response.status_code == 200
        assert not FooterLink.objects.exists()

    @pytest.mark.parametrize("both", [True, False])
    def test_a_link_is_a_page_or_an_address(self, secretariat_client, site_tree, both):
        row = ("Cities", site_tree["cities"].pk, "https://example.org/") if both else ("Cities", "", "")
        response = secretariat_client.post(settings_url(site_tree), settings_form(main=[row]))
        assert response.status_code == 200
        assert "Choose either a page or an external address." in response.content.decode()
        assert not MainNavigationLink.objects.exists()

    def test_only_staff_with_permission_reach_the_settings(self, client, member, site_tree):
        client.force_login(member)
        response = client.post(settings_url(site_tree), settings_form(main=[("X", "", "https://x.example.org/")]))
        assert response.status_code in (302, 403)
        assert not MainNavigationLink.objects.exists()


class TestDemoFooterLinks:
    def test_demo_links_the_sections_once_and_keeps_an_editors_links(self, client, site_tree):
        site = Site.objects.get(root_page=site_tree["home"])
        for _ in range(2):
            ensure_footer_links(site, FOOTER_LINKS, site_tree, Tally())
        assert footer_nav(client.get("/").content.decode()) == [
            ("/cities/", "Member cities"),
            ("/research/", "Research"),
            ("/events/", "Events"),
        ]
        FooterLink.objects.all().delete()
        FooterLink.objects.create(
            setting=NavigationSettings.objects.get(), label="Own", link_url="https://x.example.org/"
        )
        ensure_footer_links(site, FOOTER_LINKS, site_tree, Tally())
        assert list(FooterLink.objects.values_list("label", flat=True)) == ["Own"]


class TestReturnAddress:
    def test_sign_in_and_language_forms_bring_the_reader_back(self, client, site_tree):
        html = client.get("/practices/?theme=resilience").content.decode()
        assert 'href="/accounts/login/?next=/practices/%3Ftheme%3Dresilience"' in html
        assert 'name="next" value="/practices/?theme=resilience"' in html

    def test_a_huge_query_string_is_not_echoed_back(self, client, site_tree):
        junk = "x" * 5000
        html = client.get(f"/practices/?q={junk}").content.decode()
        assert junk not in html
        assert 'href="/accounts/login/?next=/practices/"' in html

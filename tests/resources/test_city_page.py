"""CityIndexPage and CityPage: tree rules, the admin form, what readers see."""

import datetime

import pytest
from wagtail.models import Page

from resources.models import CityIndexPage, CityPage, HostingPeriod
from tests.admin_forms import add_url, assert_permission_denied, city_form, index_form
from tests.conftest import make_city, make_practice, restrict_to_members

CONTACT = "Call the duty officer on +46 8 123 456."


class TestWhereItLives:
    def test_cities_live_under_the_city_index_only(self, site_tree, stockholm):
        assert CityPage.can_create_at(site_tree["cities"])
        for wrong in (site_tree["home"], site_tree["research"], site_tree["events"], stockholm):
            assert not CityPage.can_create_at(wrong), wrong

    def test_one_city_index_under_home(self, site_tree):
        assert CityIndexPage.parent_page_types == ["home.HomePage"]
        assert not CityIndexPage.can_create_at(site_tree["home"]), "max_count is 1 and one exists"
        assert not CityIndexPage.can_exist_under(site_tree["events"])

    def test_secretariat_creates_the_city_index_when_missing(self, secretariat_client, site_tree):
        site_tree["cities"].delete()
        response = secretariat_client.post(add_url(CityIndexPage, site_tree["home"]), index_form("Cities", "c"))
        assert response.status_code == 302
        assert CityIndexPage.objects.child_of(site_tree["home"]).live().count() == 1

    @pytest.mark.parametrize("wrong", ["research", "events", "home"])
    def test_admin_refuses_a_city_under_a_wrong_parent(self, secretariat_client, site_tree, wrong):
        url = add_url(CityPage, site_tree[wrong])
        before = Page.objects.count()
        assert_permission_denied(secretariat_client.get(url))
        assert_permission_denied(secretariat_client.post(url, city_form()))
        assert Page.objects.count() == before


class TestAdminForm:
    def test_secretariat_creates_and_publishes_a_city(self, secretariat_client, site_tree):
        response = secretariat_client.post(add_url(CityPage, site_tree["cities"]), city_form())
        assert response.status_code == 302
        city = CityPage.objects.get(slug="rotterdam")
        assert city.live
        assert city.country == "NL"
        assert city.is_current_member

    def test_leaving_before_joining_is_refused(self, secretariat_client, site_tree):
        data = city_form(joined="2019-01-01", left="2018-06-01")
        response = secretariat_client.post(add_url(CityPage, site_tree["cities"]), data)
        assert response.status_code == 200
        assert "A city cannot leave before it joined." in response.content.decode()
        assert not CityPage.objects.exists()

    def test_latitude_out_of_range_is_refused(self, secretariat_client, site_tree):
        response = secretariat_client.post(add_url(CityPage, site_tree["cities"]), city_form(latitude="91"))
        assert response.status_code == 200
        assert "latitude" in response.context["form"].errors
        assert not CityPage.objects.exists()


class TestReading:
    @pytest.fixture
    def stockholm_with_practices(self, stockholm):
        stockholm.description = "<p>The Stockholm region works through SSR.</p>"
        stockholm.contact_details = f"<p>{CONTACT}</p>"
        stockholm.regional_body = "Samverkan Stockholmsregionen (SSR)"
        stockholm.save()
        HostingPeriod.objects.create(
            city=stockholm, start=datetime.date(2021, 1, 1), end=datetime.date(2022, 12, 31), sort_order=0
        )
        make_practice(stockholm, "Open practice", "open")
        restrict_to_members(make_practice(stockholm, "Closed practice", "closed"))
        return stockholm

    def test_city_page_shows_its_key_fields_and_public_practices(self, client, stockholm_with_practices):
        response = client.get(stockholm_with_practices.url)
        assert response.status_code == 200
        html = response.content.decode()
        for text in (
            "Stockholm",
            "Sweden",
            "The Stockholm region works through SSR.",
            "Samverkan Stockholmsregionen (SSR)",
            "Founding member",
            "1 January 2021",
            "Open practice",
        ):
            assert text in html, text
        assert "Closed practice" not in html
        assert [p.title for p in response.context["practices"]] == ["Open practice"]

    def test_contact_details_are_for_members_only(self, client, member, outsider, stockholm_with_practices):
        url = stockholm_with_practices.url
        assert CONTACT not in client.get(url).content.decode()
        client.force_login(outsider)
        assert CONTACT not in client.get(url).content.decode()
        client.force_login(member)
        html = client.get(url).content.decode()
        assert CONTACT in html
        assert "Closed practice" in html

    def test_city_index_lists_current_and_former_cities(self, client, site_tree, stockholm):
        make_city(site_tree["cities"], "Manchester", "manchester", country="GB", left=datetime.date(2022, 1, 1))
        response = client.get(site_tree["cities"].url)
        assert response.status_code == 200
        assert [c.title for c in response.context["current_cities"]] == ["Stockholm"]
        assert [c.title for c in response.context["former_cities"]] == ["Manchester"]
        html = response.content.decode()
        assert "Stockholm" in html
        assert "Manchester" in html

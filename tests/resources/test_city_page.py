"""CityIndexPage and CityPage: tree rules, the admin form, what readers see."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from home.models import HostingPeriod
from members.choices import ProfileVisibility, Role
from members.models import ExpertProfile
from members.profiles import ensure_expert_profile
from resources.models import CityIndexPage, CityPage, ResearchAuthor
from tests.admin_forms import add_url, assert_permission_denied, city_form, index_form
from tests.conftest import _with_role, make_city, make_practice, restrict_to_members
from tests.factories import EventPageFactory, ResearchPageFactory

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
        HostingPeriod.objects.create(city=stockholm, start=datetime.date(2021, 1, 1), end=datetime.date(2022, 12, 31))
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


def _expert_profile(django_user_model, email, name, visibility):
    profile = ensure_expert_profile(_with_role(django_user_model, email, Role.INVITED_EXPERT))
    profile.display_name, profile.visibility = name, visibility
    profile.save()
    return profile


def _research_by(site_tree, city, profile, title, *, members_only=False):
    page = ResearchPageFactory(parent=site_tree["research"], title=title, cities=[city], author_names=())
    ResearchAuthor.objects.create(page=page, name=profile.display_name, expert=profile)
    if members_only:
        restrict_to_members(page)
    return page


def _hosted_event(site_tree, city, title, days, *, members_only=False):
    start = timezone.now() + datetime.timedelta(days=days)
    event = EventPageFactory(parent=site_tree["events"], title=title, start=start, host_city=city)
    if members_only:
        restrict_to_members(event)
    return event


class TestCityListings:
    @pytest.fixture
    def city_with_everything(self, django_user_model, site_tree, stockholm, barcelona):
        _hosted_event(site_tree, stockholm, "Next exercise", 10)
        _hosted_event(site_tree, stockholm, "Members' workshop", 20, members_only=True)
        _hosted_event(site_tree, stockholm, "Old conference", -200)
        _hosted_event(site_tree, barcelona, "Barcelona meeting", 5)
        open_expert = _expert_profile(django_user_model, "ana@example.org", "Ana Open", ProfileVisibility.PUBLIC)
        members_expert = _expert_profile(django_user_model, "mo@example.org", "Mo Members", ProfileVisibility.MEMBERS)
        hidden_work = _expert_profile(django_user_model, "hw@example.org", "Hal Hidden", ProfileVisibility.PUBLIC)
        elsewhere = _expert_profile(django_user_model, "el@example.org", "Eve Elsewhere", ProfileVisibility.PUBLIC)
        _research_by(site_tree, stockholm, open_expert, "Open study")
        _research_by(site_tree, stockholm, members_expert, "Members' expert study")
        _research_by(site_tree, stockholm, hidden_work, "Closed study", members_only=True)
        _research_by(site_tree, barcelona, elsewhere, "Barcelona study")
        return stockholm

    def test_public_sees_public_events_upcoming_and_past(self, client, city_with_everything):
        response = client.get(city_with_everything.url)
        assert [e.title for e in response.context["upcoming_events"]] == ["Next exercise"]
        assert [e.title for e in response.context["past_events"]] == ["Old conference"]
        html = response.content.decode()
        assert "Events hosted by Stockholm" in html
        assert "Barcelona meeting" not in html
        assert "Members&#x27; workshop" not in html

    def test_member_sees_members_only_events(self, client, member, city_with_everything):
        client.force_login(member)
        response = client.get(city_with_everything.url)
        assert [e.title for e in response.context["upcoming_events"]] == ["Next exercise", "Members' workshop"]

    def test_public_sees_public_profiles_credited_on_public_research(self, client, city_with_everything):
        response = client.get(city_with_everything.url)
        assert [p.display_name for p in response.context["experts"]] == ["Ana Open"]
        html = response.content.decode()
        for hidden in ("Mo Members", "Hal Hidden", "Eve Elsewhere"):
            assert hidden not in html, hidden

    def test_an_expert_with_several_publications_is_listed_once(self, client, site_tree, city_with_everything):
        profile = ExpertProfile.objects.get(display_name="Ana Open")
        _research_by(site_tree, city_with_everything, profile, "Second open study")
        response = client.get(city_with_everything.url)
        assert [p.display_name for p in response.context["experts"]] == ["Ana Open"]

    def test_outsider_sees_only_what_the_public_sees(self, client, outsider, city_with_everything):
        client.force_login(outsider)
        response = client.get(city_with_everything.url)
        assert [p.display_name for p in response.context["experts"]] == ["Ana Open"]
        assert [e.title for e in response.context["upcoming_events"]] == ["Next exercise"]

    def test_member_sees_every_expert_linked_to_the_city(self, client, member, city_with_everything):
        client.force_login(member)
        response = client.get(city_with_everything.url)
        assert [p.display_name for p in response.context["experts"]] == ["Ana Open", "Hal Hidden", "Mo Members"]

    def test_city_without_events_says_so(self, client, stockholm):
        html = client.get(stockholm.url).content.decode()
        assert "Stockholm has not hosted any events listed here yet." in html

    def test_hosting_periods_are_listed(self, client, stockholm):
        HostingPeriod.objects.create(city=stockholm, start=datetime.date(2021, 1, 1), end=datetime.date(2022, 12, 31))
        HostingPeriod.objects.create(city=stockholm, start=datetime.date(2025, 1, 1))
        html = client.get(stockholm.url).content.decode()
        assert "31 December 2022" in html
        assert "the present" in html


class TestQueryCount:
    """Listings on a city page cost the same number of queries whatever their length."""

    def _add(self, django_user_model, site_tree, city, n):
        make_practice(city, f"Practice {n}", f"practice-{n}")
        _hosted_event(site_tree, city, f"Upcoming {n}", 10 + n)
        _hosted_event(site_tree, city, f"Past {n}", -10 - n)
        profile = _expert_profile(django_user_model, f"e{n}@example.org", f"Expert {n}", ProfileVisibility.PUBLIC)
        _research_by(site_tree, city, profile, f"Study {n}")

    def _queries(self, client, url) -> int:
        client.get(url)  # warm per-process caches (content types, site root paths)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    def test_queries_do_not_grow_with_the_listings(self, client, member, django_user_model, site_tree, stockholm):
        client.force_login(member)
        self._add(django_user_model, site_tree, stockholm, 1)
        few = self._queries(client, stockholm.url)
        for n in range(2, 6):
            self._add(django_user_model, site_tree, stockholm, n)
        response = client.get(stockholm.url)
        assert len(response.context["practices"]) == 5
        assert len(response.context["experts"]) == 5
        assert self._queries(client, stockholm.url) == few

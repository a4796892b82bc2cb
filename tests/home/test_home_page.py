"""The home page: one per site, and it never shows members-only items to the public."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.front_page import featured_resources, latest_practices
from home.models import FeaturedResource, HomePage
from home.site_structure import ensure_site_structure
from tests.admin_forms import add_url, assert_permission_denied, index_form
from tests.conftest import make_city, make_practice, restrict_to_members
from tests.factories import EventPageFactory, ResearchPageFactory


class TestWhereItLives:
    def test_home_page_goes_under_the_root_once(self, db):
        root = Page.get_first_root_node()
        assert HomePage.can_create_at(root)
        ensure_site_structure()
        assert not HomePage.can_create_at(root), "max_count is 1"

    def test_secretariat_creates_the_home_page_under_the_root(self, secretariat_client):
        root = Page.get_first_root_node()
        data = nested_form_data(
            {
                "title": "CTPN",
                "slug": "ctpn",
                "introduction": rich_text("<p>Cities sharing what they learn.</p>"),
                "featured": inline_formset([]),
                "action-publish": "action-publish",
            }
        )
        response = secretariat_client.post(add_url(HomePage, root), data)
        assert response.status_code == 302
        home = HomePage.objects.child_of(root).get()
        assert home.live
        assert "Cities sharing what they learn." in home.introduction

    def test_home_page_cannot_go_under_a_section(self, site_tree):
        for wrong in ("cities", "research", "events"):
            assert not HomePage.can_exist_under(site_tree[wrong])
        assert not HomePage.can_exist_under(site_tree["home"])

    def test_admin_refuses_a_second_home_page(self, secretariat_client, site_tree):
        root = Page.get_first_root_node()
        before = Page.objects.count()
        assert_permission_denied(secretariat_client.get(add_url(HomePage, root)))
        assert_permission_denied(secretariat_client.post(add_url(HomePage, root), index_form("Home 2", "home-2")))
        assert_permission_denied(secretariat_client.get(add_url(HomePage, site_tree["cities"])))
        assert Page.objects.count() == before

    def test_ensure_site_structure_is_idempotent(self, site_tree):
        before = Page.objects.count()
        home, cities, research, events = ensure_site_structure()
        assert Page.objects.count() == before
        assert (home, cities, research, events) == (
            site_tree["home"],
            site_tree["cities"],
            site_tree["research"],
            site_tree["events"],
        )

    def test_sections_are_the_allowed_children(self):
        assert {m._meta.model_name for m in HomePage.allowed_subpage_models()} == {
            "cityindexpage",
            "researchindexpage",
            "eventindexpage",
        }


@pytest.fixture
def front_page(site_tree, stockholm):
    """Public and members-only items in every block of the home page."""
    home = site_tree["home"]
    open_practice = make_practice(stockholm, "Open practice", "open-practice")
    closed_practice = make_practice(stockholm, "Closed practice", "closed-practice")
    restrict_to_members(closed_practice)
    open_research = ResearchPageFactory(parent=site_tree["research"], title="Open research")
    closed_research = ResearchPageFactory(parent=site_tree["research"], title="Closed research")
    restrict_to_members(closed_research)
    EventPageFactory(parent=site_tree["events"], title="Open event")
    restrict_to_members(EventPageFactory(parent=site_tree["events"], title="Closed event"))
    restrict_to_members(make_city(site_tree["cities"], "Hidden city", "hidden-city"))
    for order, page in enumerate((closed_research, open_research, closed_practice, open_practice)):
        FeaturedResource.objects.create(home=home, resource=page, sort_order=order)
    return home


CLOSED = ("Closed practice", "Closed research", "Closed event", "Hidden city")


class TestReading:
    def test_home_page_shows_its_introduction(self, client, site_tree):
        response = client.get("/")
        assert response.status_code == 200
        html = response.content.decode()
        assert site_tree["home"].title in html
        assert "The Counter Terrorism Preparedness Network brings European cities together" in html

    def test_anonymous_sees_no_members_only_item_anywhere(self, client, front_page):
        response = client.get("/")
        html = response.content.decode()
        for title in ("Open practice", "Open research", "Open event", "Stockholm"):
            assert title in html, title
        for title in CLOSED:
            assert title not in html, title
        assert [p.title for p in response.context["featured_resources"]] == ["Open research", "Open practice"]
        assert [p.title for p in response.context["latest_practices"]] == ["Open practice"]
        assert [e.title for e in response.context["upcoming_events"]] == ["Open event"]
        assert [c.title for c in response.context["member_cities"]] == ["Stockholm"]

    def test_member_sees_members_only_items(self, member_client, front_page):
        response = member_client.get("/")
        html = response.content.decode()
        for title in CLOSED:
            assert title in html, title
        assert [p.title for p in response.context["featured_resources"]] == [
            "Closed research",
            "Open research",
            "Closed practice",
            "Open practice",
        ]

    def test_unpublished_featured_item_is_not_shown(self, client, front_page):
        research = front_page.featured.get(resource__title="Open research").resource
        research.unpublish()
        assert "Open research" not in client.get("/").content.decode()

    def test_front_page_helpers_respect_privacy(self, front_page):
        anonymous = AnonymousUser()
        assert [p.title for p in featured_resources(front_page, anonymous)] == ["Open research", "Open practice"]
        assert [p.title for p in latest_practices(anonymous)] == ["Open practice"]

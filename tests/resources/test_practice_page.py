"""PracticePage: where it may live, what the admin accepts, who may read it."""

import datetime

import pytest
from wagtail.models import Page, Revision

from resources.models import PracticeAttachment, PracticePage
from tests.admin_forms import add_url, assert_permission_denied, edit_url, practice_form
from tests.conftest import make_practice, restrict_to_members
from tests.factories import make_document, members_only_collection


class TestWhereItLives:
    def test_allowed_under_a_city_only(self, site_tree, stockholm):
        assert PracticePage.can_create_at(stockholm)
        for wrong in ("home", "cities", "research", "events"):
            assert not PracticePage.can_create_at(site_tree[wrong]), wrong

    def test_has_no_children(self, stockholm):
        practice = make_practice(stockholm, "Leaf", "leaf")
        assert PracticePage.allowed_subpage_models() == []
        assert not PracticePage.can_create_at(practice)

    @pytest.mark.parametrize("wrong", ["research", "events", "cities", "home"])
    def test_admin_refuses_to_add_it_under_a_wrong_parent(self, secretariat_client, site_tree, wrong):
        url = add_url(PracticePage, site_tree[wrong])
        before = Page.objects.count()
        assert_permission_denied(secretariat_client.get(url))
        assert_permission_denied(secretariat_client.post(url, practice_form()))
        assert Page.objects.count() == before


class TestAdminForm:
    def test_secretariat_creates_and_publishes_a_practice(self, secretariat_client, stockholm):
        response = secretariat_client.post(add_url(PracticePage, stockholm), practice_form())
        assert response.status_code == 302
        practice = PracticePage.objects.child_of(stockholm).get(slug="table-top-exercise")
        assert practice.live
        assert practice.end_date == datetime.date(2021, 9, 30)
        assert practice.partner_list == ["Police", "Fire and rescue"]
        assert "The full report of the exercise." in str(practice.body)

    def test_ending_before_it_starts_is_refused_with_a_clear_error(self, secretariat_client, stockholm):
        data = practice_form(start_date="2021-09-01", end_date="2021-03-01")
        response = secretariat_client.post(add_url(PracticePage, stockholm), data)
        assert response.status_code == 200
        assert "The practice cannot end before it starts." in response.content.decode()
        assert response.context["form"].errors["end_date"]
        assert not PracticePage.objects.exists()

    def test_editing_the_dates_into_the_wrong_order_changes_nothing(self, secretariat_client, stockholm):
        practice = make_practice(stockholm, "Exercise", "exercise", end_date=datetime.date(2021, 12, 1))
        revisions = Revision.objects.for_instance(practice).count()
        data = practice_form(title="Exercise", slug="exercise", start_date="2021-03-01", end_date="2020-01-01")
        response = secretariat_client.post(edit_url(practice), data)
        assert response.status_code == 200
        assert "The practice cannot end before it starts." in response.content.decode()
        practice.refresh_from_db()
        assert practice.end_date == datetime.date(2021, 12, 1)
        assert Revision.objects.for_instance(practice).count() == revisions


class TestReading:
    def test_public_practice_shows_its_key_fields(self, client, stockholm, theme):
        practice = make_practice(
            stockholm,
            "Crowded places",
            "crowded",
            summary="Shopping centres trained their staff to spot hostile reconnaissance.",
            phase="protect",
            partners="Police\nShopping centre owners",
        )
        practice.themes.set([theme])
        practice.save()
        response = client.get(practice.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Crowded places" in html
        assert "Shopping centres trained their staff to spot hostile reconnaissance." in html
        assert "Stockholm" in html
        assert "Protect" in html
        assert "Shopping centre owners" in html
        assert theme.name in html

    def test_members_only_practice_sends_anonymous_readers_to_the_login_page(self, client, stockholm):
        practice = make_practice(stockholm, "Crowded places", "crowded")
        restrict_to_members(practice)
        response = client.get(practice.url)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={practice.url}"

    def test_member_reads_a_members_only_practice(self, member_client, stockholm):
        practice = make_practice(stockholm, "Crowded places", "crowded", summary="Only for the network.")
        restrict_to_members(practice)
        response = member_client.get(practice.url)
        assert response.status_code == 200
        assert "Only for the network." in response.content.decode()

    def test_signed_in_non_member_is_refused(self, client, outsider, stockholm):
        practice = make_practice(stockholm, "Crowded places", "crowded", summary="Only for the network.")
        restrict_to_members(practice)
        client.force_login(outsider)
        response = client.get(practice.url)
        assert response.status_code == 403
        assert b"Only for the network." not in response.content

    def test_draft_is_not_served(self, client, stockholm):
        practice = make_practice(stockholm, "Draft", "draft", live=False)
        assert client.get(practice.url).status_code == 404

    def test_members_only_attachment_is_listed_for_members_only(self, client, member, stockholm):
        practice = make_practice(stockholm, "Crowded places", "crowded")
        public_doc = make_document("Public checklist", "checklist.txt", b"public")
        private_doc = make_document("Internal call list", "call-list.txt", b"secret", members_only_collection())
        PracticeAttachment.objects.create(page=practice, document=public_doc, sort_order=0)
        PracticeAttachment.objects.create(page=practice, document=private_doc, sort_order=1)

        anonymous_html = client.get(practice.url).content.decode()
        assert "Public checklist" in anonymous_html
        assert "Internal call list" not in anonymous_html

        client.force_login(member)
        member_html = client.get(practice.url).content.decode()
        assert "Public checklist" in member_html
        assert "Internal call list" in member_html

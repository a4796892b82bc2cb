"""Per-city publishing: a city's editors work on their own city, never another's,
and what they write goes live once the secretariat approves it."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission, GroupPagePermission

from portal.access import NETWORK_MEMBERS_GROUP
from resources.models import CityPage, PracticePage
from resources.permissions import MEMBERS_ONLY_COLLECTION, editors_group_name
from tests.admin_forms import (
    SUBMIT,
    add_url,
    assert_permission_denied,
    city_form,
    edit_url,
    practice_form,
    workflow_action_url,
)
from tests.conftest import make_city, make_practice


@pytest.fixture
def stockholm_practice(stockholm):
    return make_practice(stockholm, "Stockholm exercise", "stockholm-exercise", summary="The original summary.")


def edit_practice_form(practice, **overrides):
    return practice_form(title=practice.title, slug=practice.slug, **overrides)


class TestCityCreationSetsUpEditors:
    def assert_city_set_up(self, city):
        group = Group.objects.get(name=f"{city.title} editors")
        page_permissions = GroupPagePermission.objects.filter(group=group)
        assert {p.page_id for p in page_permissions} == {city.pk}
        # No publish: the secretariat's review publishes.
        assert {p.permission.codename for p in page_permissions} == {"add_page", "change_page"}
        assert group.permissions.filter(codename="access_admin").exists()

        collection = Collection.get_first_root_node().get_children().get(name=city.title)
        private = collection.get_children().get(name=MEMBERS_ONLY_COLLECTION)
        restriction = CollectionViewRestriction.objects.get(collection=private)
        assert restriction.restriction_type == CollectionViewRestriction.GROUPS
        assert [g.name for g in restriction.groups.all()] == [NETWORK_MEMBERS_GROUP]
        assert not CollectionViewRestriction.objects.filter(collection=collection).exists()
        assert {p.collection_id for p in GroupCollectionPermission.objects.filter(group=group)} == {collection.pk}

    def test_adding_a_city_in_code(self, site_tree):
        self.assert_city_set_up(make_city(site_tree["cities"], "Paris", "paris", country="FR"))

    def test_adding_a_city_through_the_admin(self, secretariat_client, site_tree):
        response = secretariat_client.post(add_url(CityPage, site_tree["cities"]), city_form())
        assert response.status_code == 302
        self.assert_city_set_up(CityPage.objects.get(slug="rotterdam"))

    def test_each_city_gets_its_own_group(self, stockholm, barcelona):
        assert editors_group_name(stockholm) == "Stockholm editors"
        stockholm_group = Group.objects.get(name="Stockholm editors")
        assert not GroupPagePermission.objects.filter(group=stockholm_group, page=barcelona).exists()

    def test_saving_a_city_again_does_not_duplicate_anything(self, stockholm):
        stockholm.regional_body = "SSR"
        stockholm.save_revision().publish()
        assert Group.objects.filter(name="Stockholm editors").count() == 1
        assert Collection.objects.filter(name="Stockholm").count() == 1
        assert GroupPagePermission.objects.filter(group__name="Stockholm editors").count() == 2


class TestOtherCitysEditor:
    def test_cannot_open_another_citys_practice_in_the_editor(self, client, barcelona_editor, stockholm_practice):
        client.force_login(barcelona_editor)
        assert_permission_denied(client.get(edit_url(stockholm_practice)))

    def test_cannot_change_or_publish_another_citys_practice(self, client, barcelona_editor, stockholm_practice):
        client.force_login(barcelona_editor)
        data = edit_practice_form(stockholm_practice, summary="Defaced by Barcelona.")
        assert_permission_denied(client.post(edit_url(stockholm_practice), data))
        stockholm_practice.refresh_from_db()
        assert stockholm_practice.summary == "The original summary."
        assert not stockholm_practice.has_unpublished_changes

    def test_cannot_add_a_practice_under_another_city(self, client, barcelona_editor, stockholm):
        client.force_login(barcelona_editor)
        url = add_url(PracticePage, stockholm)
        assert_permission_denied(client.get(url))
        assert_permission_denied(client.post(url, practice_form()))
        assert not PracticePage.objects.exists()

    def test_permissions_say_the_same(self, barcelona_editor, stockholm_practice, barcelona):
        stockholm_permissions = stockholm_practice.permissions_for_user(barcelona_editor)
        assert not stockholm_permissions.can_edit()
        assert not stockholm_permissions.can_publish()
        assert barcelona.permissions_for_user(barcelona_editor).can_add_subpage()


def approve(client, page):
    """The secretariat approves the page's pending review in the admin."""
    page.refresh_from_db()
    response = client.post(workflow_action_url(page, "approve"), {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()


class TestOwnCitysEditor:
    def test_edits_a_practice_of_their_city_and_it_goes_live_once_approved(
        self, client, stockholm_editor, stockholm_practice, secretariat
    ):
        client.force_login(stockholm_editor)
        assert client.get(edit_url(stockholm_practice)).status_code == 200
        data = edit_practice_form(stockholm_practice, publish=False, summary="Updated by Stockholm.") | SUBMIT
        assert client.post(edit_url(stockholm_practice), data).status_code == 302
        stockholm_practice.refresh_from_db()
        assert stockholm_practice.summary == "The original summary."
        assert stockholm_practice.workflow_in_progress
        client.force_login(secretariat)
        approve(client, stockholm_practice)
        assert stockholm_practice.summary == "Updated by Stockholm."
        client.logout()
        assert "Updated by Stockholm." in client.get(stockholm_practice.url).content.decode()

    def test_adds_a_practice_under_their_city_as_a_draft_for_review(self, client, stockholm_editor, stockholm):
        client.force_login(stockholm_editor)
        response = client.post(add_url(PracticePage, stockholm), practice_form(publish=False) | SUBMIT)
        assert response.status_code == 302
        practice = PracticePage.objects.child_of(stockholm).get()
        assert not practice.live
        assert practice.workflow_in_progress
        assert practice.owner == stockholm_editor

    def test_publish_button_does_not_publish(self, client, stockholm_editor, stockholm, stockholm_practice):
        client.force_login(stockholm_editor)
        client.post(add_url(PracticePage, stockholm), practice_form(publish=True))
        assert not PracticePage.objects.child_of(stockholm).get(slug="table-top-exercise").live
        data = edit_practice_form(stockholm_practice, publish=True, summary="Published without review?")
        client.post(edit_url(stockholm_practice), data)
        stockholm_practice.refresh_from_db()
        assert stockholm_practice.summary == "The original summary."
        assert not stockholm_practice.permissions_for_user(stockholm_editor).can_publish()

    def test_cannot_add_a_city(self, client, stockholm_editor, site_tree):
        client.force_login(stockholm_editor)
        assert_permission_denied(client.post(add_url(CityPage, site_tree["cities"]), city_form()))
        assert not CityPage.objects.filter(slug="rotterdam").exists()


class TestRenamingACity:
    def test_group_and_collection_follow_the_new_name(self, stockholm, stockholm_editor):
        stockholm.title = "Stockholm region"
        stockholm.save_revision().publish()
        assert not Group.objects.filter(name="Stockholm editors").exists()
        group = Group.objects.get(name="Stockholm region editors")
        assert stockholm_editor.groups.filter(pk=group.pk).exists()
        assert GroupPagePermission.objects.filter(group=group, page=stockholm).count() == 2
        assert Collection.objects.filter(name="Stockholm region").count() == 1
        assert not Collection.objects.filter(name="Stockholm").exists()

    def test_editor_keeps_editing_after_the_rename(self, client, stockholm, stockholm_editor, stockholm_practice):
        stockholm.title = "Stockholm region"
        stockholm.save_revision().publish()
        client.force_login(stockholm_editor)
        assert client.get(edit_url(stockholm_practice)).status_code == 200


def test_editor_signs_in_at_the_admin_submits_and_the_public_reads_it_once_approved(
    client, stockholm_editor, stockholm, secretariat
):
    """The whole story: sign in from /admin/ with an email address and an authenticator code,
    submit a practice, the secretariat approves, the public reads it."""
    from tests.conftest import PASSWORD, totp_code

    assert client.get("/admin/login/")["Location"].startswith("/accounts/login/")
    client.post("/accounts/login/", {"login": stockholm_editor.email, "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(stockholm_editor)})
    assert client.get("/admin/").status_code == 200
    data = practice_form(publish=False, summary="Written by Stockholm's editor.") | SUBMIT
    client.post(add_url(PracticePage, stockholm), data)
    practice = PracticePage.objects.child_of(stockholm).get()
    client.logout()
    assert client.get(practice.url).status_code == 404
    client.force_login(secretariat)
    approve(client, practice)
    client.logout()
    assert "Written by Stockholm&#x27;s editor." in client.get(practice.url).content.decode()

"""Per-city publishing: a city's editors work on their own city, never another's."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission, GroupPagePermission

from portal.access import NETWORK_MEMBERS_GROUP
from resources.models import CityPage, PracticePage
from resources.permissions import MEMBERS_ONLY_COLLECTION, editors_group_name
from tests.admin_forms import add_url, assert_permission_denied, city_form, edit_url, practice_form
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
        assert {p.permission.codename for p in page_permissions} == {"add_page", "change_page", "publish_page"}
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
        assert GroupPagePermission.objects.filter(group__name="Stockholm editors").count() == 3


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


class TestOwnCitysEditor:
    def test_edits_and_publishes_a_practice_of_their_city(self, client, stockholm_editor, stockholm_practice):
        client.force_login(stockholm_editor)
        assert client.get(edit_url(stockholm_practice)).status_code == 200
        data = edit_practice_form(stockholm_practice, summary="Updated by Stockholm.")
        response = client.post(edit_url(stockholm_practice), data)
        assert response.status_code == 302
        stockholm_practice.refresh_from_db()
        assert stockholm_practice.live
        assert stockholm_practice.summary == "Updated by Stockholm."
        assert "Updated by Stockholm." in client.get(stockholm_practice.url).content.decode()

    def test_adds_and_publishes_a_practice_under_their_city(self, client, stockholm_editor, stockholm):
        client.force_login(stockholm_editor)
        response = client.post(add_url(PracticePage, stockholm), practice_form())
        assert response.status_code == 302
        practice = PracticePage.objects.child_of(stockholm).get()
        assert practice.live
        assert practice.owner == stockholm_editor

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
        assert GroupPagePermission.objects.filter(group=group, page=stockholm).count() == 3
        assert Collection.objects.filter(name="Stockholm region").count() == 1
        assert not Collection.objects.filter(name="Stockholm").exists()

    def test_editor_keeps_editing_after_the_rename(self, client, stockholm, stockholm_editor, stockholm_practice):
        stockholm.title = "Stockholm region"
        stockholm.save_revision().publish()
        client.force_login(stockholm_editor)
        assert client.get(edit_url(stockholm_practice)).status_code == 200


def test_editor_signs_in_at_the_admin_and_publishes(client, stockholm_editor, stockholm):
    """The whole story: sign in at /admin/ with an email address, publish, the public reads it."""
    from tests.conftest import PASSWORD

    response = client.post("/admin/login/", {"username": stockholm_editor.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post(add_url(PracticePage, stockholm), practice_form(summary="Published by Stockholm's editor."))
    practice = PracticePage.objects.child_of(stockholm).get()
    client.logout()
    assert "Published by Stockholm&#x27;s editor." in client.get(practice.url).content.decode()

"""The way into the Wagtail admin (Wagtail's user bar) on public pages: for those who can
reach the admin only, and without reading permissions for those who certainly cannot."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.access import network_members_group

USERBAR = "<wagtail-userbar"


@pytest.fixture
def access_admin(db):
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def shows_userbar(client) -> bool:
    return USERBAR in client.get("/search/?q=drill").content.decode()


def test_members_and_visitors_get_no_admin_link(client, member_client, site_tree):
    assert not shows_userbar(member_client)
    member_client.logout()
    assert not shows_userbar(client)


def test_coordinators_and_the_secretariat_get_it(client, stockholm_coordinator, secretariat, site_tree):
    for person in (stockholm_coordinator, secretariat):
        client.force_login(person)
        assert shows_userbar(client), person.email


def test_a_member_given_admin_access_through_a_group_gets_it_at_once(member_client, access_admin, site_tree):
    assert not shows_userbar(member_client)
    network_members_group().permissions.add(access_admin)
    assert shows_userbar(member_client)


def test_a_member_given_admin_access_directly_gets_it_at_once(member_client, member, access_admin, site_tree):
    assert not shows_userbar(member_client)
    member.user_permissions.add(access_admin)
    assert shows_userbar(member_client)


def test_a_members_page_reads_no_permissions(member_client, site_tree):
    shows_userbar(member_client)
    with CaptureQueriesContext(connection) as queries:
        assert not shows_userbar(member_client)
    assert not any("auth_permission" in query["sql"] for query in queries.captured_queries)

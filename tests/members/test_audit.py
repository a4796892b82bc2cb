"""The membership audit trail: what it records, and who may read it in the admin."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members import audit, invitations, roles
from members.choices import AuditAction, Role
from members.models import AuditEvent
from tests.members.test_invitation_admin import (  # noqa: F401 (someone is a fixture)
    OUTSIDERS,
    assert_refused,
    invite,
    listing_rows,
    someone,
    text,
)

AUDIT = "/admin/membership-audit/"


def audit_rows(client, **query) -> list[str]:
    response = client.get(AUDIT, query)
    assert response.status_code == 200
    return [text(row) for row in listing_rows(response)]


def today() -> str:
    return timezone.localdate().isoformat()


class TestTheAuditReport:
    def test_it_shows_invitations_and_role_changes_with_who_and_when(
        self, secretariat_client, secretariat, stockholm_coordinator, stockholm, django_user_model
    ):
        invitation, _ = invite("new.editor@example.org", city=stockholm, by=stockholm_coordinator)
        newcomer = django_user_model.objects.create_user(username="newcomer", email="new.editor@example.org")
        invitations.accept(invitation.pk, newcomer)
        unwanted, _ = invite("unwanted@example.org", role=Role.INVITED_EXPERT, by=secretariat)
        invitations.revoke(unwanted, actor=secretariat)
        roles.revoke_role(newcomer, Role.CITY_EDITOR, stockholm, actor=secretariat)

        rows = audit_rows(secretariat_client)[:6]
        expected = [  # newest first: (action, by, person)
            ("Role revoked", "secretariat@example.org", "new.editor@example.org"),
            ("Invitation revoked", "secretariat@example.org", "unwanted@example.org"),
            ("Invitation sent", "secretariat@example.org", "unwanted@example.org"),
            ("Role granted", "coordinator@stockholm.example.org", "new.editor@example.org"),
            ("Invitation accepted", "new.editor@example.org", "new.editor@example.org"),
            ("Invitation sent", "coordinator@stockholm.example.org", "new.editor@example.org"),
        ]
        for row, (action, actor, person) in zip(rows, expected, strict=True):
            assert row.startswith(today()), row
            assert f"{action} {actor} {person}" in row
        assert "City editor Stockholm" in rows[0]

    def test_system_actions_say_so(self, secretariat_client, member):
        audit.record(AuditAction.CITY_LEFT, subject_email=member.email, detail="Barcelona left the network")
        row = audit_rows(secretariat_client)[0]
        assert "Access ended: city left the network System member@example.org" in row
        assert "Barcelona left the network" in row

    def test_filter_by_action(self, secretariat_client, secretariat, stockholm):
        for email in ("one@example.org", "two@example.org", "three@example.org"):
            invitation, _ = invite(email, city=stockholm, by=secretariat)
        invitations.revoke(invitation, actor=secretariat)

        sent = audit_rows(secretariat_client, action=AuditAction.INVITATION_SENT)
        assert len(sent) == 3
        assert all("Invitation sent" in row for row in sent)
        (revoked,) = audit_rows(secretariat_client, action=AuditAction.INVITATION_REVOKED)
        assert "Invitation revoked secretariat@example.org three@example.org" in revoked

    def test_filter_by_date_range(self, secretariat_client, member):
        old = audit.record(AuditAction.ROLE_GRANTED, subject_email="old@example.org")
        audit.record(AuditAction.ROLE_GRANTED, subject_email="recent@example.org")
        when = timezone.make_aware(datetime(2021, 3, 15, 23, 30))
        AuditEvent.objects.filter(pk=old.pk).update(created=when)

        in_march = audit_rows(secretariat_client, created_from="2021-03-01", created_to="2021-03-15")
        assert [("old@example.org" in row) for row in in_march] == [True]
        assert in_march[0].startswith("2021-03-15 23:30")
        since_today = audit_rows(secretariat_client, created_from=today())
        assert not any("old@example.org" in row for row in since_today)
        assert any("recent@example.org" in row for row in since_today)

    def test_search_by_address(self, secretariat_client):
        audit.record(AuditAction.ROLE_GRANTED, subject_email="findme@example.org")
        audit.record(AuditAction.ROLE_GRANTED, subject_email="other@example.org")
        rows = audit_rows(secretariat_client, q="findme")
        assert [("findme@example.org" in row) for row in rows] == [True]

    def test_paginated_fifty_to_a_page(self, secretariat_client):
        for n in range(55):
            audit.record(AuditAction.ROLE_GRANTED, subject_email=f"person{n:02}@example.org")
        first, second = audit_rows(secretariat_client), audit_rows(secretariat_client, p=2)
        assert len(first) == 50
        assert "person54@example.org" in first[0]
        assert len(second) == AuditEvent.objects.count() - 50  # the 55, and the fixture's own role
        assert "person00@example.org" in second[-2]

    def test_hostile_query_strings_answer_plainly(self, secretariat_client):
        audit.record(AuditAction.ROLE_GRANTED, subject_email="someone@example.org")
        for query in ({"action": "drop table"}, {"created_from": "yesterday"}, {"city": "x"}, {"p": "-1"}, {"q": "%"}):
            assert secretariat_client.get(AUDIT, query).status_code == 200, query


@pytest.mark.parametrize("someone", [*OUTSIDERS, "stockholm_coordinator"], indirect=True)
def test_only_the_secretariat_reads_the_audit(someone):  # noqa: F811 (the imported fixture)
    client, kind = someone
    audit.record(AuditAction.ROLE_GRANTED, subject_email="secret@example.org")
    for path in (AUDIT, f"{AUDIT}results/"):
        response = client.get(path)
        assert_refused(response, kind)
        assert b"secret@example.org" not in response.content


def test_the_reports_menu_offers_the_audit_to_the_secretariat_only(client, secretariat, stockholm_coordinator):
    for user, shown in ((secretariat, True), (stockholm_coordinator, False)):
        client.force_login(user)
        assert (AUDIT in client.get(reverse("wagtailadmin_home")).content.decode()) == shown


# -- Settings > Users ---------------------------------------------------------


def edit_user_form(client, user, **changes) -> dict:
    """The user editor's form as it stands, with ``changes`` applied (booleans left out are False)."""
    form = client.get(reverse("wagtailusers_users:edit", args=[user.pk])).context["form"]
    data = {"first_name": "Test", "last_name": "Person"}
    for name in form.fields:
        value = changes.get(name, form.initial.get(name))
        if name == "groups":
            data[name] = [getattr(group, "pk", group) for group in value or []]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value:
            data[name] = value
    return data


def edit_user(client, user, **changes):
    response = client.post(reverse("wagtailusers_users:edit", args=[user.pk]), edit_user_form(client, user, **changes))
    assert response.status_code == 302, response.context["form"].errors
    return response


def role_events():
    return AuditEvent.objects.filter(action__in=[AuditAction.ROLE_GRANTED, AuditAction.ROLE_REVOKED]).order_by("pk")


def groups_of(user) -> list[Group]:
    return list(user.groups.all())


class TestWagtailsUserEditor:
    def test_adding_groups_is_recorded_as_roles_granted(self, secretariat_client, secretariat, member, stockholm):
        before = role_events().count()
        secretariat_group = Group.objects.get(name=roles.SECRETARIAT_GROUP)
        edit_user(secretariat_client, member, groups=[*groups_of(member), stockholm.editors_group, secretariat_group])

        events = list(role_events()[before:])
        assert [(e.action, e.role, e.city, e.actor, e.subject_email) for e in events] == [
            (AuditAction.ROLE_GRANTED, Role.SECRETARIAT, None, secretariat, member.email),
            (AuditAction.ROLE_GRANTED, Role.CITY_EDITOR, stockholm, secretariat, member.email),
        ]
        assert events[1].detail == 'Group "Stockholm editors" added in the user editor'
        row = audit_rows(secretariat_client)[0]
        assert 'Role granted secretariat@example.org member@example.org City editor Stockholm Group "Stockholm' in row

    def test_removing_a_group_is_recorded_and_ends_the_persons_sessions(
        self, secretariat_client, secretariat, stockholm_editor, stockholm
    ):
        editor_browser = Client()
        editor_browser.force_login(stockholm_editor)
        assert editor_browser.get(reverse("wagtailadmin_home")).status_code == 200
        before = role_events().count()

        kept = [group for group in groups_of(stockholm_editor) if group.pk != stockholm.editors_group_id]
        edit_user(secretariat_client, stockholm_editor, groups=kept)

        (event,) = role_events()[before:]
        assert (event.action, event.role, event.city, event.actor) == (
            AuditAction.ROLE_REVOKED,
            Role.CITY_EDITOR,
            stockholm,
            secretariat,
        )
        assert event.detail == 'Group "Stockholm editors" removed in the user editor'
        assert "_auth_user_id" not in editor_browser.session
        assert editor_browser.get(reverse("wagtailadmin_home")).status_code == 302

    def test_the_superuser_flag_is_recorded(self, secretariat_client, secretariat, member):
        before = role_events().count()
        edit_user(secretariat_client, member, is_superuser=True)
        edit_user(secretariat_client, member, is_superuser=False)

        events = list(role_events()[before:])
        assert [(e.action, e.role, e.actor) for e in events] == [
            (AuditAction.ROLE_GRANTED, Role.SECRETARIAT, secretariat),
            (AuditAction.ROLE_REVOKED, Role.SECRETARIAT, secretariat),
        ]
        assert "superuser" in events[0].detail

    def test_saving_without_a_role_change_records_nothing(self, secretariat_client, member):
        before = AuditEvent.objects.count()
        edit_user(secretariat_client, member, first_name="Renamed")
        assert AuditEvent.objects.count() == before

    def test_a_new_user_with_groups_is_recorded(self, secretariat_client, secretariat, stockholm):
        before = role_events().count()
        data = {
            "username": "fresh",
            "email": "fresh@example.org",
            "first_name": "Fresh",
            "last_name": "Person",
            "password1": "a long enough pass 123",
            "password2": "a long enough pass 123",
            "groups": [stockholm.members_group_id],
        }
        response = secretariat_client.post(reverse("wagtailusers_users:add"), data)
        assert response.status_code == 302, response.context["form"].errors

        (event,) = role_events()[before:]
        assert (event.action, event.role, event.city, event.actor, event.subject_email) == (
            AuditAction.ROLE_GRANTED,
            Role.NETWORK_MEMBER,
            stockholm,
            secretariat,
            "fresh@example.org",
        )


def test_events_keep_their_order_when_created_in_the_same_instant(secretariat_client):
    first = audit.record(AuditAction.ROLE_GRANTED, subject_email="first@example.org")
    second = audit.record(AuditAction.ROLE_GRANTED, subject_email="second@example.org")
    same = timezone.now() + timedelta(minutes=1)
    AuditEvent.objects.filter(pk__in=[first.pk, second.pk]).update(created=same)
    rows = audit_rows(secretariat_client)
    assert "second@example.org" in rows[0] and "first@example.org" in rows[1]

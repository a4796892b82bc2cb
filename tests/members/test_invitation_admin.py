"""Invitations in the Wagtail admin: who may invite whom, the listing, resend and revoke."""

import re
from datetime import timedelta
from html import unescape

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members import invitations
from members.choices import AuditAction, Role
from members.models import AuditEvent, Invitation
from tests.admin_forms import assert_permission_denied
from tests.conftest import enable_totp

LOGIN = "/accounts/login/"


def url(name, *args) -> str:
    return reverse(f"invitations:{name}", args=args)


def text(html: str) -> str:
    """The words a reader sees: tags and scripts dropped, whitespace folded."""
    html = re.sub(r"<(script|template)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def listing_rows(response) -> list[str]:
    """The rows of the admin listing table (``<table class="listing ...">``), as raw HTML."""
    html = response.content.decode()
    match = re.search(r'<table class="listing.*?<tbody>(.*?)</tbody>', html, flags=re.S)
    return re.findall(r"<tr\b.*?</tr>", match.group(1), flags=re.S) if match else []


def row_for(response, needle: str) -> str:
    found = [row for row in listing_rows(response) if needle in text(row)]
    assert len(found) == 1, f"{needle!r} in {len(found)} rows"
    return found[0]


def messages_of(response) -> list[str]:
    return [text(str(message)) for message in get_messages(response.wsgi_request)]


def link_key(message) -> str:
    """The token in an invitation email's link."""
    return re.search(r"[?&]key=([\w-]+)", message.body).group(1)


def invite(email, role=Role.CITY_EDITOR, city=None, by=None):
    return invitations.invite(email=email, role=role, city=city, invited_by=by)


def assert_refused(response, kind: str) -> None:
    """Wagtail's refusal: admin users go to the dashboard with "permission denied";
    people without admin access (and anonymous visitors) go to the sign-in page."""
    if kind == "dashboard":
        assert_permission_denied(response)
    else:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(LOGIN)


def invitation_form(**overrides) -> dict:
    data = {"email": "new.person@example.org", "role": Role.CITY_EDITOR, "city": "", "message": ""}
    data.update(overrides)
    return data


class TestSecretariatInvites:
    def test_the_invitation_is_emailed_with_a_working_link(self, secretariat_client, secretariat, stockholm):
        data = invitation_form(city=stockholm.pk, message="Welcome to the network.")
        response = secretariat_client.post(url("add"), data)

        assert response.status_code == 302
        assert response["Location"] == url("index")
        assert "Invitation sent to new.person@example.org." in messages_of(response)
        (message,) = mail.outbox
        assert message.to == ["new.person@example.org"]
        assert "Welcome to the network." in message.body
        invitation = invitations.pending_for_token(link_key(message))
        assert invitation is not None
        assert (invitation.email, invitation.role, invitation.city) == (data["email"], Role.CITY_EDITOR, stockholm)
        assert invitation.invited_by == secretariat

    def test_the_form_offers_every_role_and_every_city(self, secretariat_client, stockholm, barcelona):
        html = secretariat_client.get(url("add")).content.decode()
        for role in Role:
            assert f'value="{role.value}"' in html
        assert f'value="{stockholm.pk}"' in html
        assert f'value="{barcelona.pk}"' in html

    def test_an_existing_account_gets_the_role_at_once(self, secretariat_client, member, stockholm):
        response = secretariat_client.post(url("add"), invitation_form(email=member.email, city=stockholm.pk))

        assert response.status_code == 302
        assert any(m.startswith("Role added: member@example.org") for m in messages_of(response))
        assert member.groups.filter(pk=stockholm.editors_group_id).exists()
        (message,) = mail.outbox
        assert message.to == [member.email]
        assert "key=" not in message.body
        assert Invitation.objects.get(email=member.email).accepted_by == member

    # (changes to a valid form, the field that complains, what it says); "STOCKHOLM" is the city's id.
    MISTAKES = [
        ({"role": Role.CITY_EDITOR, "city": ""}, "city", "A city role needs a city."),
        ({"role": Role.CITY_COORDINATOR, "city": ""}, "city", "A city role needs a city."),
        ({"role": Role.SECRETARIAT}, "city", "This role is not tied to a city."),
        ({"role": Role.INVITED_EXPERT}, "city", "This role is not tied to a city."),
        ({"email": "not an address"}, "email", "Enter a valid email address."),
        ({"email": ""}, "email", "This field is required."),
        ({"email": "a" * 300 + "@example.org"}, "email", "at most 254 characters"),
        ({"role": "emperor"}, "role", "Select a valid choice."),
        ({"city": "99999"}, "city", "Select a valid choice."),
        ({"city": "<script>"}, "city", "Select a valid choice."),
        ({"message": "x" * 2001}, "message", "at most 2000 characters"),
        ({"message": "nul\x00byte"}, "message", "Null characters are not allowed."),
    ]

    def test_mistakes_are_shown_on_the_form(self, secretariat_client, stockholm):
        for changes, field, error in self.MISTAKES:
            data = invitation_form(**{"city": stockholm.pk, **changes})
            response = secretariat_client.post(url("add"), data)

            assert response.status_code == 200, changes
            assert error in response.context["form"].errors[field][0], changes
            assert "The invitation could not be sent" in text(response.content.decode())
        assert not Invitation.objects.exists()
        assert mail.outbox == []

    def test_a_second_pending_invitation_to_the_same_role_is_refused(self, secretariat_client, stockholm):
        invite("new.person@example.org", city=stockholm)
        mail.outbox.clear()
        response = secretariat_client.post(
            url("add"), invitation_form(email="New.Person@example.org", city=stockholm.pk)
        )

        assert response.status_code == 200
        assert "resend it instead" in response.context["form"].errors["email"][0]
        assert Invitation.objects.count() == 1
        assert mail.outbox == []

    def test_a_role_the_person_already_holds_is_refused(self, secretariat_client, stockholm_editor, stockholm):
        data = invitation_form(email=stockholm_editor.email, city=stockholm.pk)
        response = secretariat_client.post(url("add"), data)

        assert response.status_code == 200
        assert "already holds this role" in response.context["form"].errors["email"][0]
        assert not Invitation.objects.exists()


class TestCoordinatorInvites:
    def test_a_stockholm_coordinator_invites_a_stockholm_editor(
        self, coordinator_client, stockholm_coordinator, stockholm
    ):
        response = coordinator_client.post(url("add"), invitation_form(city=stockholm.pk))

        assert response.status_code == 302
        invitation = Invitation.objects.get()
        assert (invitation.role, invitation.city, invitation.invited_by) == (
            Role.CITY_EDITOR,
            stockholm,
            stockholm_coordinator,
        )
        (message,) = mail.outbox
        assert invitations.pending_for_token(link_key(message)) == invitation

    def test_the_form_offers_only_their_citys_roles(self, coordinator_client, stockholm, barcelona):
        form = coordinator_client.get(url("add")).context["form"]

        assert [value for value, _ in form.fields["role"].choices if value] == [
            Role.CITY_COORDINATOR,
            Role.CITY_EDITOR,
            Role.NETWORK_MEMBER,
        ]
        assert list(form.fields["city"].queryset) == [stockholm]

    def test_a_forged_post_for_another_city_or_role_is_refused(self, coordinator_client, stockholm, barcelona):
        forged = [  # (role, city, the field that refuses it)
            (Role.CITY_EDITOR, barcelona.pk, "city"),
            (Role.CITY_COORDINATOR, barcelona.pk, "city"),
            (Role.SECRETARIAT, "", "role"),
            (Role.SECRETARIAT, stockholm.pk, "role"),
            (Role.INVITED_EXPERT, "", "role"),
            (Role.NETWORK_MEMBER, "", "city"),
        ]
        for role, city, field in forged:
            response = coordinator_client.post(url("add"), invitation_form(role=role, city=city))

            assert response.status_code == 200, (role, city)
            assert field in response.context["form"].errors, (role, city)
        assert not Invitation.objects.exists()
        assert mail.outbox == []


def _four_invitations(django_user_model, stockholm, by):
    """One invitation in each state, oldest first: accepted, expired, revoked, pending."""
    accepted, _ = invite("accepted@example.org", city=stockholm, by=by)
    user = django_user_model.objects.create_user(username="accepted", email="accepted@example.org")
    invitations.accept(accepted.pk, user)
    expired, _ = invite("expired@example.org", city=stockholm, by=by)
    Invitation.objects.filter(pk=expired.pk).update(expires=timezone.now() - timedelta(days=1))
    revoked, _ = invite("revoked@example.org", city=stockholm, by=by)
    invitations.revoke(revoked, actor=by)
    pending, _ = invite("pending@example.org", city=stockholm, by=by)
    return accepted, expired, revoked, pending


class TestListing:
    def test_each_invitation_shows_its_status_and_the_actions_it_allows(
        self, secretariat_client, secretariat, stockholm, django_user_model
    ):
        accepted, expired, revoked, pending = _four_invitations(django_user_model, stockholm, secretariat)
        response = secretariat_client.get(url("index"))
        assert response.status_code == 200

        expected = {
            "accepted@example.org": ("Accepted", []),
            "expired@example.org": ("Expired", ["resend"]),
            "revoked@example.org": ("Revoked", []),
            "pending@example.org": ("Pending", ["resend", "revoke"]),
        }
        for invitation in (accepted, expired, revoked, pending):
            row = row_for(response, invitation.email)
            status, actions = expected[invitation.email]
            assert status in text(row)
            assert "City editor" in text(row) and "Stockholm" in text(row) and "secretariat@example.org" in text(row)
            for action in ("resend", "revoke"):
                assert (url(action, invitation.pk) in row) == (action in actions)
            assert "/edit/" not in row and "/delete/" not in row

    def test_newest_first(self, secretariat_client, secretariat, stockholm, django_user_model):
        _four_invitations(django_user_model, stockholm, secretariat)
        rows = [text(row) for row in listing_rows(secretariat_client.get(url("index")))]
        emails = [re.search(r"\S+@example\.org", row).group(0) for row in rows]
        assert emails == ["pending@example.org", "revoked@example.org", "expired@example.org", "accepted@example.org"]

    def test_filter_by_status(self, secretariat_client, secretariat, stockholm, django_user_model):
        _four_invitations(django_user_model, stockholm, secretariat)
        for status in ("pending", "accepted", "expired", "revoked"):
            for view in ("index", "index_results"):
                rows = listing_rows(secretariat_client.get(url(view), {"status": status}))
                assert [f"{status}@example.org" in text(row) for row in rows] == [True], (status, view)

    def test_filter_by_role_and_city(self, secretariat_client, secretariat, stockholm, barcelona):
        invite("sthlm.editor@example.org", city=stockholm, by=secretariat)
        invite("bcn.editor@example.org", city=barcelona, by=secretariat)
        invite("expert.person@example.org", role=Role.INVITED_EXPERT, by=secretariat)

        by_city = listing_rows(secretariat_client.get(url("index"), {"city": barcelona.pk}))
        assert ["bcn.editor@example.org" in text(row) for row in by_city] == [True]
        by_role = listing_rows(secretariat_client.get(url("index"), {"role": Role.INVITED_EXPERT}))
        assert ["expert.person@example.org" in text(row) for row in by_role] == [True]

    def test_hostile_query_strings_answer_plainly(self, secretariat_client, secretariat, stockholm):
        invite("someone@example.org", city=stockholm, by=secretariat)
        for query in ({"status": "bogus"}, {"city": "abc"}, {"role": "<b>"}, {"ordering": "token_hash"}, {"p": "999"}):
            for view in ("index", "index_results"):
                assert secretariat_client.get(url(view), query).status_code == 200, query

    def test_a_coordinator_never_sees_barcelonas_invitations(
        self, coordinator_client, secretariat, stockholm, barcelona
    ):
        invite("sthlm.editor@example.org", city=stockholm, by=secretariat)
        invite("bcn.editor@example.org", city=barcelona, by=secretariat)
        invite("expert.person@example.org", role=Role.INVITED_EXPERT, by=secretariat)

        for view in ("index", "index_results"):
            for query in ({}, {"city": barcelona.pk}, {"q": "bcn"}, {"status": "pending"}):
                response = coordinator_client.get(url(view), query)
                assert response.status_code == 200
                html = response.content.decode()
                assert "bcn.editor@example.org" not in html
                assert "expert.person@example.org" not in html
        rows = listing_rows(coordinator_client.get(url("index")))
        assert ["sthlm.editor@example.org" in text(row) for row in rows] == [True]

    def test_the_menu_shows_invitations_to_those_who_invite(
        self, client, secretariat, stockholm_coordinator, stockholm_editor
    ):
        for user, shown in ((secretariat, True), (stockholm_coordinator, True), (stockholm_editor, False)):
            client.force_login(user)
            html = client.get(reverse("wagtailadmin_home")).content.decode()
            assert (url("index") in html) == shown, user


class TestResendAndRevoke:
    def test_resend_asks_first(self, secretariat_client, secretariat, stockholm):
        invitation, token = invite("someone@example.org", city=stockholm, by=secretariat)
        mail.outbox.clear()
        response = secretariat_client.get(url("resend", invitation.pk))

        assert response.status_code == 200
        page = text(response.content.decode())
        assert "someone@example.org" in page and "The link sent earlier stops working" in page
        assert invitations.pending_for_token(token) == invitation
        assert mail.outbox == []

    def test_resend_sends_a_new_link_and_the_old_one_stops_working(self, secretariat_client, secretariat, stockholm):
        invitation, old = invite("someone@example.org", city=stockholm, by=secretariat)
        mail.outbox.clear()
        response = secretariat_client.post(url("resend", invitation.pk))

        assert response.status_code == 302
        assert response["Location"] == url("index")
        assert invitations.pending_for_token(old) is None
        (message,) = mail.outbox
        assert message.to == ["someone@example.org"]
        assert invitations.pending_for_token(link_key(message)) == invitation
        assert AuditEvent.objects.filter(action=AuditAction.INVITATION_RESENT, actor=secretariat).exists()

    def test_an_expired_invitation_can_be_sent_again(self, secretariat_client, secretariat, stockholm):
        invitation, _ = invite("late@example.org", city=stockholm, by=secretariat)
        Invitation.objects.filter(pk=invitation.pk).update(expires=timezone.now() - timedelta(days=1))
        mail.outbox.clear()
        secretariat_client.post(url("resend", invitation.pk))

        invitation.refresh_from_db()
        assert invitation.is_pending
        assert invitations.pending_for_token(link_key(mail.outbox[0])) == invitation

    def test_revoke_ends_the_link(self, secretariat_client, secretariat, stockholm):
        invitation, token = invite("someone@example.org", city=stockholm, by=secretariat)
        assert secretariat_client.get(url("revoke", invitation.pk)).status_code == 200
        assert invitations.pending_for_token(token) == invitation  # asking is not revoking

        response = secretariat_client.post(url("revoke", invitation.pk))
        assert response.status_code == 302
        assert invitations.pending_for_token(token) is None
        invitation.refresh_from_db()
        assert invitation.status == "revoked" and invitation.revoked_by == secretariat
        assert "Revoked" in text(row_for(secretariat_client.get(url("index")), "someone@example.org"))

    def test_accepted_or_revoked_invitations_are_left_alone(
        self, secretariat_client, secretariat, stockholm, django_user_model
    ):
        accepted, _, revoked, _ = _four_invitations(django_user_model, stockholm, secretariat)
        mail.outbox.clear()
        for state, invitation in (("accepted", accepted), ("revoked", revoked)):
            invitation.refresh_from_db()
            before = (invitation.token_hash, invitation.revoked_at, invitation.accepted_at)
            for action in ("resend", "revoke"):
                for method in (secretariat_client.get, secretariat_client.post):
                    response = method(url(action, invitation.pk))
                    assert response.status_code == 302
                    assert f"is {state}: it cannot be" in " ".join(messages_of(response))
            invitation.refresh_from_db()
            assert (invitation.token_hash, invitation.revoked_at, invitation.accepted_at) == before
        assert mail.outbox == []

    def test_an_expired_invitation_cannot_be_revoked(self, secretariat_client, secretariat, stockholm):
        invitation, _ = invite("late@example.org", city=stockholm, by=secretariat)
        Invitation.objects.filter(pk=invitation.pk).update(expires=timezone.now() - timedelta(days=1))
        secretariat_client.post(url("revoke", invitation.pk))
        invitation.refresh_from_db()
        assert invitation.revoked_at is None

    def test_an_unknown_invitation_is_not_found(self, secretariat_client):
        assert secretariat_client.post(url("revoke", 999999)).status_code == 404
        assert secretariat_client.get(url("resend", 999999)).status_code == 404

    def test_a_coordinator_resends_and_revokes_for_their_own_city(self, coordinator_client, secretariat, stockholm):
        invitation, old = invite("someone@example.org", city=stockholm, by=secretariat)
        mail.outbox.clear()

        assert coordinator_client.post(url("resend", invitation.pk)).status_code == 302
        assert invitations.pending_for_token(old) is None
        new = link_key(mail.outbox[0])
        assert coordinator_client.post(url("revoke", invitation.pk)).status_code == 302
        assert invitations.pending_for_token(new) is None

    def test_a_coordinator_cannot_touch_another_citys_invitation(
        self, coordinator_client, secretariat, barcelona, stockholm
    ):
        invitation, token = invite("bcn.editor@example.org", city=barcelona, by=secretariat)
        expert_invitation, expert_token = invite("expert.person@example.org", Role.INVITED_EXPERT, by=secretariat)
        mail.outbox.clear()

        for target in (invitation, expert_invitation):
            for action in ("resend", "revoke"):
                assert_refused(coordinator_client.get(url(action, target.pk)), "dashboard")
                assert_refused(coordinator_client.post(url(action, target.pk)), "dashboard")
        assert invitations.pending_for_token(token) == invitation
        assert invitations.pending_for_token(expert_token) == expert_invitation
        assert mail.outbox == []


# Everyone who does not manage invitations. Wagtail turns away those with admin
# access (editors; experts, who draft research) with "permission denied" on the
# dashboard, everyone else with the sign-in page.
OUTSIDERS = ["stockholm_editor", "expert", "member", "outsider", None]


@pytest.fixture
def someone(request, client, stockholm):
    """(client signed in as the named fixture user with an authenticator app, or anonymous; refusal kind).

    The site comes first: setting up the research index gives experts admin access."""
    if request.param is None:
        return client, "login"
    user = request.getfixturevalue(request.param)
    if not Authenticator.objects.filter(user=user).exists():
        enable_totp(user)  # so that the second-factor rule is not what refuses them
    client.force_login(user)
    return client, "dashboard" if user.has_perm("wagtailadmin.access_admin") else "login"


@pytest.mark.parametrize("someone", OUTSIDERS, indirect=True)
def test_everyone_else_is_refused_everywhere(someone, secretariat, stockholm):
    client, kind = someone
    invitation, token = invite("someone@example.org", city=stockholm, by=secretariat)
    mail.outbox.clear()
    requests = [
        ("get", url("index")),
        ("get", url("index_results")),
        ("get", url("add")),
        ("post", url("add")),
        ("get", url("resend", invitation.pk)),
        ("post", url("resend", invitation.pk)),
        ("post", url("revoke", invitation.pk)),
    ]
    for method, path in requests:
        data = invitation_form(city=stockholm.pk) if path == url("add") else {}
        assert_refused(getattr(client, method)(path, data), kind)

    assert Invitation.objects.count() == 1
    assert invitations.pending_for_token(token) == invitation
    assert mail.outbox == []


def test_invitations_are_never_edited_or_deleted(secretariat_client, secretariat, stockholm):
    invitation, token = invite("someone@example.org", city=stockholm, by=secretariat)
    for path in (f"/admin/invitations/edit/{invitation.pk}/", f"/admin/invitations/delete/{invitation.pk}/"):
        assert secretariat_client.post(path, {"email": "other@example.org"}).status_code == 404
    assert invitations.pending_for_token(token).email == "someone@example.org"

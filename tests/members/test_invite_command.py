"""manage.py invite: how the first Secretariat account is made, and how operators invite from a shell."""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command

from members.choices import Role
from members.models import Invitation
from members.roles import Grant, roles_of

NEW_PASSWORD = "a quite long passphrase 2026"
LINK = re.compile(r"http://testserver/invitation/\?key=\S+")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def invite(*args) -> str:
    out = StringIO()
    call_command("invite", *args, stdout=out)
    return out.getvalue()


class TestBootstrap:
    def test_first_secretariat_account_on_a_fresh_deployment(self, client, site_tree):
        assert not get_user_model().objects.exists()
        output = invite("head@host-city.example.org", "--role", "secretariat")
        link = LINK.search(output).group(0)
        assert link in mail.outbox[-1].body
        invitation = Invitation.objects.get()
        assert invitation.invited_by is None

        assert client.get(link)["Location"] == "/invitation/"
        client.post("/invitation/")
        response = client.post("/accounts/signup/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert response.status_code == 302
        user = get_user_model().objects.get(email="head@host-city.example.org")
        assert user.is_superuser
        assert roles_of(user) == [Grant(Role.SECRETARIAT)]
        # The admin asks the new secretariat for a second factor first.
        assert "/accounts/2fa/totp/activate/" in client.get("/admin/")["Location"]

    def test_city_by_slug_or_title_and_a_message(self, stockholm):
        invite("a@stockholm.example.org", "--role", "city_editor", "--city", "stockholm")
        invite("b@stockholm.example.org", "--role", "city-coordinator", "--city", "STOCKHOLM", "--message", "Hej!")
        assert [(i.role, i.city) for i in Invitation.objects.order_by("email")] == [
            (Role.CITY_EDITOR, stockholm),
            (Role.CITY_COORDINATOR, stockholm),
        ]
        assert "Hej!" in mail.outbox[-1].body

    def test_invited_by_a_coordinator_for_their_city(self, stockholm_coordinator, stockholm):
        invite(
            "c@stockholm.example.org",
            "--role",
            "network_member",
            "--city",
            "stockholm",
            "--invited-by",
            stockholm_coordinator.email,
        )
        assert Invitation.objects.get().invited_by == stockholm_coordinator


class TestExistingAccount:
    def test_existing_account_gets_the_role_and_no_link(self, member, stockholm):
        output = invite(member.email.upper(), "--role", "city_editor", "--city", "stockholm")
        assert "already has an account: role added" in output
        assert not LINK.search(output)
        assert Grant(Role.CITY_EDITOR, stockholm) in roles_of(member)


class TestErrors:
    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["x@example.org", "--role", "emperor"], "Unknown role"),
            (["x@example.org", "--role", "city_editor", "--city", "atlantis"], "Unknown city"),
            (["x@example.org", "--role", "city_editor"], "give --city"),
            (["x@example.org", "--role", "city_coordinator"], "give --city"),
            (["not-an-email", "--role", "network_member"], "Not a valid email address"),
            (["x@@example.org", "--role", "network_member"], "Not a valid email address"),
            (["x@example.org", "--role", "secretariat", "--city", "stockholm"], "not tied to a city"),
            (["x@example.org", "--role", "network_member", "--invited-by", "ghost@example.org"], "No active account"),
            (
                [
                    "x@example.org",
                    "--role",
                    "city_editor",
                    "--city",
                    "barcelona",
                    "--invited-by",
                    "coordinator@stockholm.example.org",
                ],
                "may not invite",
            ),
        ],
    )
    def test_clear_error_and_nothing_sent(self, stockholm, barcelona, stockholm_coordinator, args, message):
        with pytest.raises(CommandError, match=message):
            invite(*args)
        assert not Invitation.objects.exists()
        assert mail.outbox == []

    def test_a_city_that_left_cannot_be_invited_to(self, stockholm):
        stockholm.left = datetime.date(2020, 1, 1)
        stockholm.save_revision().publish()
        with pytest.raises(CommandError, match="left the network"):
            invite("x@example.org", "--role", "city_editor", "--city", "stockholm")
        assert not Invitation.objects.exists()

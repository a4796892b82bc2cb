"""The invited member's first day, in a real browser: open the invitation link,
choose a password, set up an authenticator app, sign in with it, read a
members-only practice."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator

from members import invitations
from members.choices import Role
from tests.conftest import make_practice, restrict_to_members, totp_code

NEW_PASSWORD = "a quite long passphrase 2026"
EMAIL = "new.member@stockholm.example.org"

# The live server needs committed data; serialized rollback puts back what
# migrations created (root page, groups, workflow) after the test's flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _wait_for_next_totp_period():
    """A TOTP code works once: sign in with the next period's code, not the one used to set it up."""
    time.sleep(30 - time.time() % 30 + 1)


def test_invited_member_joins_sets_up_totp_and_reads_members_only_practice(page, secretariat, stockholm):
    practice = make_practice(stockholm, "Closed-door exercise notes", "closed-door", summary="For members only.")
    restrict_to_members(practice)
    invitation, token = invitations.invite(
        email=EMAIL, role=Role.NETWORK_MEMBER, city=stockholm, invited_by=secretariat
    )

    page.goto(f"/invitation/?key={token}")
    assert token not in page.url
    page.get_by_role("button", name=re.compile("accept|continue", re.I)).click()
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.get_by_role("button", name=re.compile("sign up|create|join", re.I)).click()
    page.wait_for_load_state()
    assert page.get_by_text(EMAIL).first.is_visible()

    page.goto("/accounts/2fa/totp/activate/")
    secret = page.locator("[data-totp-secret]").inner_text().strip()
    page.fill("input[name=code]", totp_code(secret))
    page.get_by_role("button", name=re.compile("activate", re.I)).click()
    page.wait_for_load_state()
    assert Authenticator.objects.filter(user__email=EMAIL, type=Authenticator.Type.TOTP).exists()

    page.goto("/")
    page.get_by_role("button", name=re.compile("sign out", re.I)).click()
    page.goto(practice.url)
    assert "/accounts/login/" in page.url
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", NEW_PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    _wait_for_next_totp_period()
    page.fill("input[name=code]", totp_code(secret))
    page.get_by_role("button", name=re.compile("sign in|verify|continue", re.I)).click()
    page.wait_for_url(f"**{practice.url}")
    assert page.get_by_text("For members only.").first.is_visible()

"""An operator removes the second factor of someone who lost their phone and recovery codes."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from members.choices import AuditAction
from members.models import AuditEvent
from tests.conftest import totp_code
from tests.members.signin import post_code, post_password, signed_in_id


def test_reset_removes_the_authenticator_ends_sessions_and_asks_for_a_new_one(client, stockholm_editor):
    post_password(client, stockholm_editor.email)
    post_code(client, totp_code(stockholm_editor))
    assert signed_in_id(client) == str(stockholm_editor.pk)

    call_command("mfa_reset", stockholm_editor.email.upper(), reason="Lost phone, identity checked by phone call")

    assert not Authenticator.objects.filter(user=stockholm_editor).exists()
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")
    event = AuditEvent.objects.get(action=AuditAction.MFA_RESET)
    assert (event.subject_email, event.detail) == (stockholm_editor.email, "Lost phone, identity checked by phone call")


def test_unknown_address_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No account"):
        call_command("mfa_reset", "nobody@example.org")

"""The invitation life cycle: invite, send, resend, revoke, accept.

A token is 32 random bytes, URL-safe encoded. Only its SHA-256 is stored, so
the link in the email is the one copy of it. A token is single-use, expires
after ``MEMBERS_INVITATION_DAYS`` and can be revoked. The accept view takes it
from the link's query string (kept out of request-path logs) and trades it for
the invitation's id in the session at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from members import audit, roles
from members.choices import AuditAction, Role
from members.models import Invitation

TOKEN_BYTES = 32


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def accept_url(token: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL}{reverse('invitation_accept')}?key={token}"


def _expiry():
    return timezone.now() + timedelta(days=settings.MEMBERS_INVITATION_DAYS)


def existing_user(email: str):
    return get_user_model().objects.filter(email__iexact=email.strip()).first()


def _audit(action: AuditAction, invitation: Invitation, actor) -> None:
    audit.record(
        action,
        actor=actor,
        subject_email=invitation.email,
        role=invitation.role,
        city=invitation.city,
        invitation=invitation,
    )


def _send(invitation: Invitation, token: str) -> None:
    context = {"invitation": invitation, "url": accept_url(token), "site_name": settings.WAGTAIL_SITE_NAME}
    send_mail(
        subject=f"You are invited to the {settings.WAGTAIL_SITE_NAME}",
        message=render_to_string("members/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])


def _notify_role_added(user, grant: roles.Grant, invited_by) -> None:
    context = {"grant": grant, "invited_by": invited_by, "site_name": settings.WAGTAIL_SITE_NAME}
    send_mail(
        subject=f"A new role for you on the {settings.WAGTAIL_SITE_NAME}",
        message=render_to_string("members/email/role_added.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


@transaction.atomic
def invite(*, email: str, role: Role, city=None, invited_by=None, message: str = "") -> tuple[Invitation, str | None]:
    """Invite ``email`` to ``role``. Returns the invitation and the token to put in a link.

    An existing account gets the role at once (and an email saying so): the
    invitation is recorded as accepted and no token is made.
    Raises PermissionDenied if ``invited_by`` may not invite to this role.
    """
    if invited_by is not None and not roles.can_invite(invited_by, role, city):
        raise PermissionDenied("You may not invite people to this role.")
    email = email.strip()
    token, token_hash = _new_token()
    invitation = Invitation(
        email=email, role=role, city=city, invited_by=invited_by, message=message, token_hash=token_hash
    )
    invitation.expires = _expiry()
    invitation.full_clean()
    invitation.save()
    user = existing_user(email)
    if user is not None:
        _accept(invitation, user)
        _notify_role_added(user, roles.Grant(role, city), invited_by)
        return invitation, None
    _send(invitation, token)
    _audit(AuditAction.INVITATION_SENT, invitation, invited_by)
    return invitation, token


@transaction.atomic
def resend(invitation: Invitation, *, actor) -> str:
    """Send a fresh link; the old one stops working. Only pending or expired invitations."""
    if invitation.accepted_at or invitation.revoked_at:
        raise ValueError("Only a pending or expired invitation can be sent again.")
    token, invitation.token_hash = _new_token()
    invitation.expires = _expiry()
    invitation.save(update_fields=["token_hash", "expires"])
    _send(invitation, token)
    _audit(AuditAction.INVITATION_RESENT, invitation, actor)
    return token


@transaction.atomic
def revoke(invitation: Invitation, *, actor) -> None:
    if invitation.accepted_at:
        raise ValueError("An accepted invitation cannot be revoked; revoke the person's role instead.")
    if invitation.revoked_at:
        return
    invitation.revoked_at, invitation.revoked_by = timezone.now(), actor
    invitation.save(update_fields=["revoked_at", "revoked_by"])
    _audit(AuditAction.INVITATION_REVOKED, invitation, actor)


def addressed_to(invitation: Invitation, user) -> bool:
    """Whether ``user``'s account is the one the invitation was sent to."""
    return user.email.casefold() == invitation.email.casefold()


def pending_for_token(token) -> Invitation | None:
    """The pending invitation a token opens, or None for any bad token."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    return Invitation.objects.pending().filter(token_hash=hash_token(token)).select_related("city").first()


def pending_by_id(pk) -> Invitation | None:
    return Invitation.objects.pending().filter(pk=pk).select_related("city").first() if pk else None


def _accept(invitation: Invitation, user) -> None:
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    _audit(AuditAction.INVITATION_ACCEPTED, invitation, user)
    roles.grant_role(user, invitation.role, invitation.city, actor=invitation.invited_by, invitation=invitation)


@transaction.atomic
def accept(invitation_id: int, user) -> Invitation:
    """Accept a pending invitation for ``user``, once. Raises PermissionDenied otherwise.

    The row is locked, so two requests racing with one token cannot both win.
    The account's email must be the invited one.
    """
    invitation = Invitation.objects.select_for_update().filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_pending:
        raise PermissionDenied("This invitation is no longer valid.")
    if not addressed_to(invitation, user):
        raise PermissionDenied("This invitation is for another address.")
    _accept(invitation, user)
    return invitation

"""Data protection: a person's copy of their data, and deleting their account.

The export holds what the portal keeps about the person themselves, never
secrets (password hash, TOTP secret, recovery codes, session keys, invitation
token hashes) and never other people's addresses.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alerts import searches as saved_searches
from members import audit
from members.choices import AuditAction
from members.models import ExpertProfile, Invitation
from members.roles import SECRETARIAT_GROUP, is_secretariat, roles_of
from members.sessions import end_sessions
from resources.models import ResearchPage

DELETED = "(deleted account)"


class DeletionRefused(Exception):
    """The account cannot be deleted; the message says why."""


def export_personal_data(user) -> dict:
    """Everything the portal holds about ``user``, as JSON-ready data."""
    profile = ExpertProfile.objects.filter(user=user).prefetch_related("themes").first()
    return {
        "exported_at": timezone.now(),
        "account": _account(user),
        "expert_profile": _profile(profile),
        "invitations_received": [_invitation(inv) for inv in _received_invitations(user)],
        "invitations_sent": [
            _invitation(inv, with_email=False) for inv in user.invitations_sent.select_related("city")
        ],
        "research_authored": _authored(profile),
        "sessions": [
            {"ip": s.ip, "user_agent": s.user_agent, "signed_in": s.created_at, "last_seen": s.last_seen_at}
            for s in UserSession.objects.filter(user=user).order_by("-last_seen_at")
        ],
        "saved_searches": saved_searches.export(user),
        "two_factor_authentication": [
            {"type": a.get_type_display(), "added": a.created_at, "last_used": a.last_used_at}
            for a in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
    }


def _account(user) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "roles": [
            {"role": grant.role.value, "city": grant.city.title if grant.city else None} for grant in roles_of(user)
        ],
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def _profile(profile: ExpertProfile | None) -> dict | None:
    if profile is None:
        return None
    return {
        "display_name": profile.display_name,
        "affiliation": profile.affiliation,
        "themes": [theme.name for theme in profile.themes.all()],
        "bio": profile.bio,
        "orcid": profile.orcid,
        "visibility": profile.visibility,
        "updated": profile.updated,
    }


def _addresses_q(user, field: str) -> Q:
    """Matches ``field`` against any of the person's addresses, whatever the case."""
    addresses = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)} - {""}
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(**{f"{field}__iexact": address})
    return query


def _received_invitations(user):
    return Invitation.objects.filter(Q(accepted_by=user) | _addresses_q(user, "email")).select_related("city")


def _invitation(invitation: Invitation, *, with_email=True) -> dict:
    # A sent invitation's address is the invitee's, not the exporter's: left out.
    data = {"email": invitation.email} if with_email else {}
    data.update(
        role=invitation.role,
        city=invitation.city.title if invitation.city_id else None,
        message=invitation.message,
        created=invitation.created,
        expires=invitation.expires,
        accepted_at=invitation.accepted_at,
        revoked_at=invitation.revoked_at,
        status=invitation.status,
    )
    return data


def _authored(profile: ExpertProfile | None) -> list[dict]:
    if profile is None:
        return []
    pages = ResearchPage.objects.filter(authors__expert=profile).distinct().order_by("-publication_date", "title")
    return [
        {"title": page.title, "url": page.get_full_url() if page.live else None, "live": page.live} for page in pages
    ]


def deletion_refusal(user) -> str:
    """Why ``user`` may not delete their account now, or "" if they may."""
    if not is_secretariat(user) or _secretariat_accounts().exclude(pk=user.pk).exists():
        return ""
    return _(
        "You are the last active Secretariat account. Invite another person to the Secretariat "
        "before deleting yours, so that someone can still run the network."
    )


def _secretariat_accounts():
    return get_user_model().objects.filter(Q(is_superuser=True) | Q(groups__name=SECRETARIAT_GROUP), is_active=True)


@transaction.atomic
def delete_account(user) -> None:
    """Delete ``user`` with their profile, addresses, authenticators and sessions.

    The audit trail keeps its events without the person's address; research
    pages they wrote keep the author's name (the link to the profile goes).
    """
    # Lock the secretariat's rows so that two of its last members cannot both leave at once.
    list(_secretariat_accounts().select_for_update(of=("self",)))
    if reason := deletion_refusal(user):
        raise DeletionRefused(reason)
    held = "; ".join(str(grant) for grant in roles_of(user))
    audit.forget_person(user)
    _forget_invitations(user)
    audit.record(AuditAction.ACCOUNT_DELETED, subject_email=DELETED, detail=f"Roles held: {held or 'none'}")
    end_sessions(user)
    user.delete()


def _forget_invitations(user) -> None:
    """Invitations addressed to the person lose the address; pending ones can no longer be accepted."""
    received = Invitation.objects.filter(Q(accepted_by=user) | _addresses_q(user, "email"))
    received.pending().update(revoked_at=timezone.now())
    received.update(email=DELETED)

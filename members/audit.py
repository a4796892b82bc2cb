"""The membership audit trail: invitations and role changes, with who and when."""

from members.choices import AuditAction
from members.models import AuditEvent


def record(action: AuditAction, *, actor=None, subject_email="", role="", city=None, invitation=None, detail=""):
    """Write one audit event. ``actor`` is None when the system acted (e.g. a city's term ended)."""
    return AuditEvent.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=getattr(actor, "email", "") or "",
        subject_email=subject_email,
        role=role or "",
        city=city,
        invitation=invitation,
        detail=detail[:255],
    )


def forget_person(user) -> None:
    """On account deletion: keep the events, drop the person's address from them."""
    AuditEvent.objects.filter(actor=user).update(actor_label="(deleted account)")
    AuditEvent.objects.filter(subject_email__iexact=user.email).update(subject_email="(deleted account)")

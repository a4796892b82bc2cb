"""What starts offboarding: an account switched off, a city's membership ending.

Connected in MembersConfig.ready(). Both fire however the change is made (the
Wagtail admin, a shell, a management command); see members.offboarding for what
ending access does.
"""

from django.utils import timezone

from members import offboarding

ACTOR_ATTRIBUTE = "_offboarding_actor"


def note_actor(request, user):
    """Wagtail's "before_edit_user" hook: remember who is editing the account, for the audit trail."""
    setattr(user, ACTOR_ATTRIBUTE, request.user)


def _may_change(update_fields, field: str) -> bool:
    return update_fields is None or field in update_fields


def user_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    """Note whether the account was active before this save (skipped for saves that
    cannot change it, such as allauth's last_login update)."""
    instance._was_active = (
        not raw
        and instance.pk is not None
        and _may_change(update_fields, "is_active")
        and sender.objects.filter(pk=instance.pk, is_active=True).exists()
    )


def user_saved(sender, instance, raw=False, **kwargs):
    """An account switched from active to inactive: audit it and end its sessions."""
    if instance.__dict__.pop("_was_active", False) and not instance.is_active:
        offboarding.deactivated(instance, actor=getattr(instance, ACTOR_ATTRIBUTE, None))


def city_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A city saved with a leaving date that has come: its people lose their city roles now.
    A date still ahead takes effect on the first request after it (MembershipMiddleware)."""
    if raw or not _may_change(update_fields, "left"):
        return
    if instance.left is not None and instance.left <= timezone.localdate():
        offboarding.city_left(instance)

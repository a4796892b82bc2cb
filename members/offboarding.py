"""Ending access: deactivated accounts and cities that left the network."""

from django.db.models import Q
from django.utils import timezone

from members import roles
from members.choices import AuditAction
from members.sessions import end_sessions
from portal.access import user_groups
from resources.models import CityPage


def departed_cities(user):
    """Cities the user holds a role in whose membership has ended (left date today or earlier).
    Asked on every signed-in request: the user's groups are those already read for it."""
    groups = [group.pk for group in user_groups(user)]
    if not groups:
        return CityPage.objects.none()
    return CityPage.objects.filter(left__lte=timezone.localdate()).filter(
        Q(editors_group__in=groups) | Q(coordinators_group__in=groups) | Q(members_group__in=groups)
    )


def end_city_roles(user, cities) -> None:
    """Revoke every role the user holds in ``cities``; their sessions end."""
    city_ids = {city.pk for city in cities}
    for grant in roles.roles_of(user):
        if grant.city is not None and grant.city.pk in city_ids:
            roles.revoke_role(user, grant.role, grant.city, action=AuditAction.CITY_LEFT)


def city_left(city) -> None:
    """A city's membership has ended: its people lose their city roles now."""
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(groups__in=city.group_ids).distinct()
    for user in people:
        end_city_roles(user, [city])


def deactivated(user, *, actor=None) -> None:
    """An account was switched off: record it and end its sessions."""
    from members import audit

    audit.record(AuditAction.USER_DEACTIVATED, actor=actor, subject_email=user.email)
    end_sessions(user)

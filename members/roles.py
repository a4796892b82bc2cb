"""Roles and the groups that carry them.

Access is decided by Django groups (Wagtail privacy restricts pages to
groups); a role is a named bundle of groups. Every role includes "Network
members", which is what members-only content is restricted to. City roles
also put the person in their city's groups, so a coordinator can see "their
city's people" and a city leaving the network ends its people's access.

Granting and revoking go through this module so that each change is audited
and revoked access ends the person's sessions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from members import audit
from members.choices import CITY_OPTIONAL_ROLES, CITY_ROLES, AuditAction, Role
from members.sessions import end_sessions
from portal.access import NETWORK_MEMBERS_GROUP, user_groups
from portal.page_cache import remember
from resources.models import CityPage

SECRETARIAT_GROUP = "Secretariat"
EXPERTS_GROUP = "Invited expert"
# Roles carried by one group of their own, not tied to a city.
GLOBAL_ROLE_GROUPS = {Role.SECRETARIAT: SECRETARIAT_GROUP, Role.INVITED_EXPERT: EXPERTS_GROUP}
# A city's groups, highest role first: a person's role in a city is the first whose group they are in.
CITY_ROLE_GROUPS = (
    (Role.CITY_COORDINATOR, "coordinators_group_id"),
    (Role.CITY_EDITOR, "editors_group_id"),
    (Role.NETWORK_MEMBER, "members_group_id"),
)
# The roles a City coordinator hands out and takes away, in the cities they coordinate.
COORDINATED_ROLES = CITY_ROLES | CITY_OPTIONAL_ROLES


@dataclass(frozen=True)
class Grant:
    role: Role
    city: CityPage | None = None

    def __str__(self):
        label = str(Role(self.role).label)  # the label is a lazy translation; __str__ must return str
        return f"{label}, {self.city.title}" if self.city else label


def _role_groups(role: Role, city: CityPage | None) -> list[Group]:
    """The groups a role puts a person in."""
    names = [NETWORK_MEMBERS_GROUP]
    fields = []
    if role == Role.SECRETARIAT:
        names.append(SECRETARIAT_GROUP)
    elif role == Role.INVITED_EXPERT:
        names.append(EXPERTS_GROUP)
    elif role == Role.CITY_COORDINATOR:
        fields = ["coordinators_group", "editors_group", "members_group"]
    elif role == Role.CITY_EDITOR:
        fields = ["editors_group", "members_group"]
    elif role == Role.NETWORK_MEMBER and city is not None:
        fields = ["members_group"]
    groups = list(Group.objects.filter(name__in=names))
    groups += [getattr(city, field) for field in fields if getattr(city, field) is not None]
    return groups


def roles_of(user) -> list[Grant]:
    """The roles a person holds now, read back from their groups."""
    return roles_of_many([user])[user.pk]


def roles_of_many(users) -> dict[int, list[Grant]]:
    """The roles of each of ``users`` by id, in three queries however many there are."""
    memberships = Group.user_set.through.objects.filter(user__in=[user.pk for user in users])
    group_ids = defaultdict(set)
    for user_id, group_id in memberships.values_list("user_id", "group_id"):
        group_ids[user_id].add(group_id)
    every_group = set().union(*group_ids.values())
    names = dict(Group.objects.filter(pk__in=every_group).values_list("pk", "name"))
    cities = list(
        CityPage.objects.filter(
            Q(coordinators_group__in=every_group) | Q(editors_group__in=every_group) | Q(members_group__in=every_group)
        ).order_by("title")
    )
    return {user.pk: _grants(group_ids[user.pk], {names[pk] for pk in group_ids[user.pk]}, cities) for user in users}


def _grants(group_ids: set[int], names: set[str], cities: list[CityPage]) -> list[Grant]:
    """One person's roles: global ones by group name, then one per city (the highest it gives)."""
    grants = [Grant(role) for role, name in GLOBAL_ROLE_GROUPS.items() if name in names]
    for city in cities:
        role = next((role for role, field in CITY_ROLE_GROUPS if getattr(city, field) in group_ids), None)
        if role is not None:
            grants.append(Grant(role, city))
    if not grants and NETWORK_MEMBERS_GROUP in names:
        grants.append(Grant(Role.NETWORK_MEMBER))
    return grants


def has_admin_access(user) -> bool:
    """Whether the person can reach the Wagtail admin (and so must use a second factor)."""
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def may_have_admin_access(user) -> bool:
    """False for someone who certainly cannot reach the Wagtail admin, without reading their
    permissions; True for anyone ``has_admin_access`` has to be asked about.

    Only a superuser, or someone given ``wagtailadmin.access_admin`` directly or through one
    of their groups, can hold it (the portal's backends are Django's ModelBackend). Who holds
    it is kept with the page cache: any change to permissions or groups bumps its generation.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    holders = remember("admin-access-holders", _admin_access_holders)
    return user.pk in holders["users"] or any(group.pk in holders["groups"] for group in user_groups(user))


def _admin_access_holders() -> dict[str, frozenset[int]]:
    permission = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    users = get_user_model().objects.filter(user_permissions__in=permission)
    groups = Group.objects.filter(permissions__in=permission)
    return {
        "users": frozenset(users.values_list("pk", flat=True)),
        "groups": frozenset(groups.values_list("pk", flat=True)),
    }


def coordinated_cities(user):
    """The cities whose people this user may invite and offboard."""
    if not user.is_authenticated or not user.is_active:
        return CityPage.objects.none()
    return CityPage.objects.filter(coordinators_group__in=user.groups.all(), left__isnull=True).order_by("title")


def is_secretariat(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.groups.filter(name=SECRETARIAT_GROUP).exists())
    )


def coordinator_manages(role: Role, city: CityPage | None, coordinated_city_ids) -> bool:
    """Whether a City coordinator of ``coordinated_city_ids`` may hand out or take away this role."""
    return role in COORDINATED_ROLES and city is not None and city.pk in coordinated_city_ids


def can_invite(user, role: Role, city: CityPage | None) -> bool:
    """The secretariat invites anyone to any role; a coordinator only to their own city's roles."""
    if is_secretariat(user):
        return True
    return coordinator_manages(role, city, set(coordinated_cities(user).values_list("pk", flat=True)))


@transaction.atomic
def grant_role(user, role: Role, city: CityPage | None = None, *, actor=None, invitation=None) -> None:
    """Put a person in the role's groups (and make the secretariat superusers), audited."""
    user.groups.add(*_role_groups(role, city))
    if role == Role.SECRETARIAT and not user.is_superuser:
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
    if role == Role.INVITED_EXPERT:
        from members.profiles import ensure_expert_profile

        ensure_expert_profile(user)
    audit.record(
        AuditAction.ROLE_GRANTED, actor=actor, subject_email=user.email, role=role, city=city, invitation=invitation
    )


@transaction.atomic
def revoke_role(user, role: Role, city: CityPage | None = None, *, actor=None, action=AuditAction.ROLE_REVOKED):
    """Take a role away: drop the groups no remaining role needs, and end the person's sessions."""
    remaining = [grant for grant in roles_of(user) if (grant.role, grant.city) != (role, city)]
    keep = {group.pk for grant in remaining for group in _role_groups(grant.role, grant.city)}
    user.groups.remove(*[group for group in _role_groups(role, city) if group.pk not in keep])
    if role == Role.SECRETARIAT and user.is_superuser:
        user.is_superuser = False
        user.save(update_fields=["is_superuser"])
    audit.record(action, actor=actor, subject_email=user.email, role=role, city=city)
    end_sessions(user)


def revoke_all(user, *, actor=None, action=AuditAction.ROLE_REVOKED) -> None:
    for grant in roles_of(user):
        revoke_role(user, grant.role, grant.city, actor=actor, action=action)

"""Members in the Wagtail admin: invitations, people, the membership audit, and auditing Wagtail's user editor."""

from django.contrib.auth.models import Group
from django.db.models import Q
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from members import audit, roles
from members.admin_people import PeopleViewSet
from members.admin_views import (
    AuditReportView,
    InvitationViewSet,
    audit_menu_item,
    audit_policy,
    invitation_policy,
)
from members.choices import AuditAction, Role
from members.models import AuditEvent, Invitation
from members.sessions import end_sessions
from portal.access import NETWORK_MEMBERS_GROUP
from resources.models import CityPage

# Policies first: Wagtail refuses a custom policy once it has made a fallback one.
register_permission_policy(Invitation, invitation_policy)
register_permission_policy(AuditEvent, audit_policy)


@hooks.register("register_admin_viewset")
def register_invitations():
    return InvitationViewSet()


@hooks.register("register_admin_viewset")
def register_people():
    return PeopleViewSet()


@hooks.register("register_admin_urls")
def register_audit_report():
    return AuditReportView.urlpatterns()


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return audit_menu_item()


# -- Role changes made in Settings > Users ------------------------------------
# Roles are groups, so editing a user's groups (or the superuser flag) there
# changes their roles without passing through members.roles: record it here.

SNAPSHOT_ATTR = "_members_memberships_before"
GLOBAL_ROLES = {
    roles.SECRETARIAT_GROUP: Role.SECRETARIAT,
    roles.EXPERTS_GROUP: Role.INVITED_EXPERT,
    NETWORK_MEMBERS_GROUP: Role.NETWORK_MEMBER,
}


def _memberships(user) -> tuple[frozenset, bool]:
    return frozenset(user.groups.values_list("pk", flat=True)), user.is_superuser


def _role_of_group(group) -> tuple[str, CityPage | None]:
    """The role (and city) a group stands for, or ("", None) for any other group."""
    if group.name in GLOBAL_ROLES:
        return GLOBAL_ROLES[group.name], None
    q = Q(coordinators_group=group) | Q(editors_group=group) | Q(members_group=group)
    city = CityPage.objects.filter(q).first()
    if city is None:
        return "", None
    return next(role for role, field in roles.CITY_ROLE_GROUPS if getattr(city, field) == group.pk), city


def _record_groups(action, actor, user, group_ids, verb: str) -> None:
    for group in Group.objects.filter(pk__in=group_ids).order_by("name"):
        role, city = _role_of_group(group)
        detail = f'Group "{group.name}" {verb} in the user editor'
        audit.record(action, actor=actor, subject_email=user.email, role=role, city=city, detail=detail)


def record_user_editor_changes(actor, user, before, after) -> None:
    """Audit each group added or removed, and a change of the superuser flag."""
    (groups_before, super_before), (groups_after, super_after) = before, after
    _record_groups(AuditAction.ROLE_GRANTED, actor, user, groups_after - groups_before, "added")
    _record_groups(AuditAction.ROLE_REVOKED, actor, user, groups_before - groups_after, "removed")
    if super_before != super_after:
        action = AuditAction.ROLE_GRANTED if super_after else AuditAction.ROLE_REVOKED
        verb = "granted" if super_after else "removed"
        detail = f"Administrator (superuser) status {verb} in the user editor"
        audit.record(action, actor=actor, subject_email=user.email, role=Role.SECRETARIAT, detail=detail)
    lost_access = groups_before - groups_after or (super_before and not super_after)
    if lost_access and user.pk != actor.pk:
        # As members.roles.revoke_role does: revoked access ends the person's sessions.
        end_sessions(user)


@hooks.register("before_edit_user")
def remember_memberships(request, user):
    # Runs on GET too; only a saved form reaches after_edit_user.
    setattr(request, SNAPSHOT_ATTR, _memberships(user))


@hooks.register("after_edit_user")
def audit_edited_user(request, user):
    before = getattr(request, SNAPSHOT_ATTR, None)
    if before is not None:
        record_user_editor_changes(request.user, user, before, _memberships(user))


@hooks.register("after_create_user")
def audit_created_user(request, user):
    record_user_editor_changes(request.user, user, (frozenset(), False), _memberships(user))

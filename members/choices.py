from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles a person can hold in the network (see ARCHITECTURE.md, "Who uses it")."""

    SECRETARIAT = "secretariat", _("Secretariat")
    CITY_COORDINATOR = "city_coordinator", _("City coordinator")
    CITY_EDITOR = "city_editor", _("City editor")
    NETWORK_MEMBER = "network_member", _("Network member")
    INVITED_EXPERT = "invited_expert", _("Invited expert")


# Roles that belong to one member city; the invitation must name it.
CITY_ROLES = frozenset({Role.CITY_COORDINATOR, Role.CITY_EDITOR})
# Roles that may name a city (a network member on a city's staff) or not.
CITY_OPTIONAL_ROLES = frozenset({Role.NETWORK_MEMBER})


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class ProfileVisibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can read the profile")
    MEMBERS = "members", _("Members only")


class AuditAction(models.TextChoices):
    INVITATION_SENT = "invitation_sent", _("Invitation sent")
    INVITATION_RESENT = "invitation_resent", _("Invitation sent again")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
    INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_REVOKED = "role_revoked", _("Role revoked")
    USER_DEACTIVATED = "user_deactivated", _("Account deactivated")
    CITY_LEFT = "city_left", _("Access ended: city left the network")
    ACCOUNT_DELETED = "account_deleted", _("Account deleted by its owner")
    MFA_RESET = "mfa_reset", _("Second factor removed by an operator")

from django.db import models


class Role(models.TextChoices):
    """The roles a person can hold in the network (see ARCHITECTURE.md, "Who uses it")."""

    SECRETARIAT = "secretariat", "Secretariat"
    CITY_COORDINATOR = "city_coordinator", "City coordinator"
    CITY_EDITOR = "city_editor", "City editor"
    NETWORK_MEMBER = "network_member", "Network member"
    INVITED_EXPERT = "invited_expert", "Invited expert"


# Roles that belong to one member city; the invitation must name it.
CITY_ROLES = frozenset({Role.CITY_COORDINATOR, Role.CITY_EDITOR})
# Roles that may name a city (a network member on a city's staff) or not.
CITY_OPTIONAL_ROLES = frozenset({Role.NETWORK_MEMBER})


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"


class ProfileVisibility(models.TextChoices):
    PUBLIC = "public", "Public: anyone can read the profile"
    MEMBERS = "members", "Members only"


class AuditAction(models.TextChoices):
    INVITATION_SENT = "invitation_sent", "Invitation sent"
    INVITATION_RESENT = "invitation_resent", "Invitation sent again"
    INVITATION_ACCEPTED = "invitation_accepted", "Invitation accepted"
    INVITATION_REVOKED = "invitation_revoked", "Invitation revoked"
    ROLE_GRANTED = "role_granted", "Role granted"
    ROLE_REVOKED = "role_revoked", "Role revoked"
    USER_DEACTIVATED = "user_deactivated", "Account deactivated"
    CITY_LEFT = "city_left", "Access ended: city left the network"
    ACCOUNT_DELETED = "account_deleted", "Account deleted by its owner"
    MFA_RESET = "mfa_reset", "Second factor removed by an operator"

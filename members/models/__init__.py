from .audit import AuditEvent
from .invitations import Invitation
from .profiles import ExpertProfile

__all__ = ["AuditEvent", "ExpertProfile", "Invitation"]

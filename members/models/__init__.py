from .audit import AuditEvent
from .calendar_feed import CalendarFeedToken
from .invitations import Invitation
from .profiles import ExpertProfile

__all__ = ["AuditEvent", "CalendarFeedToken", "ExpertProfile", "Invitation"]

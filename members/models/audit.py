from django.conf import settings
from django.db import models

from members.choices import AuditAction, Role


class AuditEvent(models.Model):
    """Who did what to whose membership, and when. Written by members.audit only."""

    action = models.CharField(max_length=32, choices=AuditAction.choices)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(
        max_length=254, blank=True, help_text="The actor's email when it happened (the system, if empty)."
    )
    subject_email = models.CharField(max_length=254, blank=True, help_text="The person the event is about.")
    role = models.CharField(max_length=32, blank=True, choices=Role.choices)
    city = models.ForeignKey("resources.CityPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    invitation = models.ForeignKey(
        "members.Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    detail = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = "membership audit event"

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.get_action_display()}: {self.subject_email}"

"""Members' registrations for events: registered, on the waiting list, or cancelled."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from resources.choices import RegistrationStatus


class Registration(models.Model):
    """One person's place (or place in the queue) at one event.

    Cancelled registrations are kept, so a person who cancels and comes back
    gets a new row: only one *active* registration per person and event.
    """

    event = models.ForeignKey(
        "resources.EventPage", on_delete=models.CASCADE, related_name="registrations", help_text="The event."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        help_text="The person who registered.",
    )
    status = models.CharField(
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
        help_text="Waiting registrations move up, in order, when a place frees.",
    )
    created = models.DateTimeField(auto_now_add=True, help_text="When the person registered.")
    updated = models.DateTimeField(auto_now=True, help_text="Last change of status.")

    class Meta:
        verbose_name = "event registration"
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="one_active_registration_per_person",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created"], name="registration_queue")]

    def __str__(self):
        return f"{self.user} at {self.event_id}: {self.get_status_display()}"

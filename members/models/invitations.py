from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from members.choices import CITY_ROLES, InvitationStatus, Role


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires__gt=timezone.now())

    def with_status(self, status: str):
        now = timezone.now()
        if status == InvitationStatus.PENDING:
            return self.pending()
        if status == InvitationStatus.ACCEPTED:
            return self.filter(accepted_at__isnull=False)
        if status == InvitationStatus.REVOKED:
            return self.filter(accepted_at__isnull=True, revoked_at__isnull=False)
        if status == InvitationStatus.EXPIRED:
            return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires__lte=now)
        return self


class Invitation(models.Model):
    """An invitation to join the network in one role.

    Only a hash of the token is stored: the link in the email is the only copy
    of the token itself. See members.invitations for the life cycle.
    """

    email = models.EmailField(help_text="The address the invitation is sent to; the account will use it.")
    role = models.CharField(max_length=32, choices=Role.choices)
    city = models.ForeignKey(
        "resources.CityPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        help_text="Required for city coordinators and editors; optional for network members.",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    message = models.TextField(blank=True, max_length=2000, help_text="A personal note, included in the email.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When the latest email went out.")
    expires = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = "invitation"

    def __str__(self):
        return f"{self.email} as {self.get_role_display()}" + (f", {self.city}" if self.city_id else "")

    def clean(self):
        super().clean()
        if self.role in CITY_ROLES and not self.city_id:
            raise ValidationError({"city": "A city role needs a city."})
        if self.role in {Role.SECRETARIAT, Role.INVITED_EXPERT} and self.city_id:
            raise ValidationError({"city": "This role is not tied to a city."})

    @property
    def status(self) -> str:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.expires <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    def get_status_display(self) -> str:
        return InvitationStatus(self.status).label

    @property
    def is_pending(self) -> bool:
        return self.status == InvitationStatus.PENDING

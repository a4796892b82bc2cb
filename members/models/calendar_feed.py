"""A member's personal calendar feed: a secret URL their calendar app polls."""

import secrets

from django.conf import settings
from django.db import models


def _hash(token: str) -> str:
    # The invitations' SHA-256 helper; imported late because members.invitations imports these models.
    from members.invitations import hash_token

    return hash_token(token)


class CalendarFeedTokenQuerySet(models.QuerySet):
    def for_token(self, token: str):
        """The live token row for ``token`` (a plain string from a URL), or None."""
        if not token or len(token) > 200:
            return None
        return self.select_related("user").filter(token_hash=_hash(token)).first()


class CalendarFeedToken(models.Model):
    """The secret of one member's personal iCalendar feed.

    Only a hash is stored: the URL is shown once, when the token is made.
    Revoking deletes the row, so the old URL answers 404 from then on.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_token")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(auto_now=True, help_text="When the current feed URL was made.")

    objects = CalendarFeedTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "calendar feed token"

    def __str__(self):
        return f"Calendar feed of {self.user}"

    @classmethod
    def issue(cls, user) -> str:
        """Make (or replace) the user's token; returns the only copy of the plain token."""
        token = secrets.token_urlsafe(32)
        cls.objects.update_or_create(user=user, defaults={"token_hash": _hash(token)})
        return token

    @classmethod
    def revoke(cls, user) -> None:
        cls.objects.filter(user=user).delete()

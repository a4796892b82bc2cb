"""A member's saved searches: a search they keep, and whether new matches are emailed to them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from alerts.choices import Frequency

MAX_NAME_LENGTH = 100
MAX_QUERY_STRING_LENGTH = 2000


class SavedSearch(models.Model):
    """One search of one person: its query and facets as the search page's query string.

    ``covered_until`` is the end of the last window the alert emails have looked at: the next
    email lists what was first published after it. It moves in the same transaction as the
    email is sent (alerts.digest), so a window is never sent twice nor skipped.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        help_text="Whose search this is; deleting the account deletes it.",
    )
    name = models.CharField(max_length=MAX_NAME_LENGTH, help_text="The person's own name for the search.")
    query_string = models.CharField(
        max_length=MAX_QUERY_STRING_LENGTH,
        help_text="The search as the search page's query string (q and facets), cleaned; without page or sort.",
    )
    frequency = models.CharField(
        max_length=16,
        choices=Frequency,
        default=Frequency.WEEKLY,
        help_text="How often new matches are emailed.",
    )
    created = models.DateTimeField(auto_now_add=True, help_text="When the search was saved.")
    covered_until = models.DateTimeField(
        default=timezone.now, help_text="New matches are those first published after this moment."
    )
    last_sent_at = models.DateTimeField(null=True, blank=True, help_text="When the last alert email was sent.")

    class Meta:
        verbose_name = "saved search"
        verbose_name_plural = "saved searches"
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["frequency", "covered_until"], name="alerts_due_idx")]

    def __str__(self):
        return f"{self.name} ({self.user})"

    def search_url(self) -> str:
        return f"{reverse('search')}?{self.query_string}"

    def frequency_changed(self, previous: str) -> None:
        """Switching emails on starts from now: what appeared while they were off is not sent."""
        if previous == Frequency.OFF and self.frequency != Frequency.OFF:
            self.covered_until = timezone.now()

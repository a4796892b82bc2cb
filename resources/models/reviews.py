"""How often practices are reviewed, and the reminders sent about them (resources.reviews)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_REVIEW_MONTHS = 12


@register_setting(icon="calendar-check")
class PracticeReviewSettings(BaseSiteSetting):
    """The review period the secretariat sets for the whole network."""

    review_months = models.PositiveSmallIntegerField(
        "review period (months)",
        default=DEFAULT_REVIEW_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="A practice is due for review this many calendar months after it was last verified "
        "(or first published, if never verified). It then appears on its city editors' dashboard "
        "and in the monthly reminder email.",
    )

    panels = [FieldPanel("review_months")]

    class Meta:
        verbose_name = "practice reviews"

    def __str__(self):
        return f"Practice reviews every {self.review_months} months"


class ReviewReminder(models.Model):
    """A month's reminder to one city's editors: at most one per city and calendar month."""

    city = models.ForeignKey(
        "resources.CityPage",
        on_delete=models.CASCADE,
        related_name="review_reminders",
        help_text="The city whose editors were reminded.",
    )
    month = models.DateField(help_text="The first day of the calendar month the reminder was for.")
    sent_at = models.DateTimeField(default=timezone.now, help_text="When the emails went out.")
    practices = models.PositiveIntegerField(help_text="How many practices were due for review.")
    recipients = models.PositiveIntegerField(help_text="How many people the reminder was sent to.")

    class Meta:
        verbose_name = "review reminder"
        constraints = [models.UniqueConstraint(fields=["city", "month"], name="one_review_reminder_per_city_month")]

    def __str__(self):
        return f"{self.city.title}, {self.month:%B %Y}"

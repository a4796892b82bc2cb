from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    """How often a saved search's new matches are emailed (alerts.digest says when each is due)."""

    IMMEDIATE = "immediate", _("As soon as something new matches")
    WEEKLY = "weekly", _("Once a week")
    OFF = "off", _("No email")

"""Fixed vocabularies of the search app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExtractionStatus(models.TextChoices):
    OK = "ok", _("Text extracted")
    FAILED = "failed", _("Could not be read")
    TOO_LARGE = "too_large", _("Over the size limits")
    UNSUPPORTED = "unsupported", _("Not a PDF, DOCX or text file")

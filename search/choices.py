"""Fixed vocabularies of the search app."""

from django.db import models


class ExtractionStatus(models.TextChoices):
    OK = "ok", "Text extracted"
    FAILED = "failed", "Could not be read"
    TOO_LARGE = "too_large", "Over the size limits"
    UNSUPPORTED = "unsupported", "Not a PDF, DOCX or text file"

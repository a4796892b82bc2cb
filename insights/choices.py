from django.db import models


class SearchAudience(models.TextChoices):
    """Who searched, as coarsely as is useful: members find members-only resources the public cannot."""

    MEMBERS = "members", "Network members"
    PUBLIC = "public", "Public"

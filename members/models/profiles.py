from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.choices import ProfileVisibility
from resources.validators import validate_orcid


class ExpertProfile(models.Model):
    """An invited expert's public face in the network; the expert edits it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile")
    display_name = models.CharField(max_length=150, help_text=_("Your name as readers see it."))
    affiliation = models.CharField(max_length=255, blank=True, help_text=_("University, institute or agency."))
    themes = models.ManyToManyField(
        "resources.Theme", blank=True, related_name="experts", help_text=_("The themes you can speak to.")
    )
    bio = models.TextField(blank=True, max_length=1500, help_text=_("A few sentences on your work (plain text)."))
    orcid = models.CharField(
        "ORCID iD", max_length=19, blank=True, validators=[validate_orcid], help_text=_("e.g. 0000-0002-1825-0097.")
    )
    visibility = models.CharField(
        max_length=16,
        choices=ProfileVisibility.choices,
        default=ProfileVisibility.MEMBERS,
        help_text=_("Who may read this profile. The expert directory itself is for members only."),
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]
        verbose_name = "expert profile"

    def __str__(self):
        return self.display_name

    @property
    def is_public(self) -> bool:
        return self.visibility == ProfileVisibility.PUBLIC

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

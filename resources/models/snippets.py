from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Theme(index.Indexed, models.Model):
    """A topic of the network's taxonomy; the secretariat maintains the list."""

    name = models.CharField(max_length=100, unique=True, help_text="As readers see it, e.g. 'Victim support'.")
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in addresses and filters.")
    description = models.TextField(blank=True, help_text="One or two sentences on what belongs under this theme.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "theme"
        verbose_name_plural = "themes"

    def __str__(self):
        return self.name

"""Field groups shared by several page types, each with its own panels."""

from django import forms
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from resources.choices import Language


class ResourcePage(Page):
    """A published item of the knowledge base: practice, research or event."""

    themes = ParentalManyToManyField(
        "resources.Theme",
        blank=True,
        related_name="+",
        help_text="Every theme the item speaks to; readers filter by these.",
    )
    language = models.CharField(
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text="The language the item is written in (ISO 639-1).",
    )

    classification_panels = [
        MultiFieldPanel(
            [FieldPanel("themes", widget=forms.CheckboxSelectMultiple), FieldPanel("language")],
            heading="Classification",
        )
    ]
    search_fields = [
        *Page.search_fields,
        index.FilterField("language"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    class Meta:
        abstract = True


class AttachmentBase(Orderable):
    """A Wagtail document attached to a page; privacy follows its collection."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Put members-only files in a members-only collection.",
    )
    caption = models.CharField(max_length=255, blank=True, help_text="Optional; the document title if empty.")

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.caption or self.document.title

    @property
    def label(self):
        return self.caption or self.document.title

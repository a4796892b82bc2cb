from django import forms
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from resources.api_fields import PublicPagesField, ThemesField
from resources.choices import EvidenceType, OpenAccess, PublicationType
from resources.validators import validate_doi, validate_orcid

from .mixins import AttachmentBase, ResourcePage


class ResearchIndexPage(Page):
    """Academic and independent research, filterable."""

    introduction = RichTextField(blank=True, features=["bold", "italic", "link"], help_text="Shown above the list.")

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResearchPage"]
    max_count = 1
    template = "resources/research_index_page.html"

    class Meta:
        verbose_name = "research index"

    def get_context(self, request, *args, **kwargs):
        from resources.listing import research_listing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = research_listing(request, self)
        return context


class ResearchPage(ResourcePage):
    """A piece of research contributed by an invited expert or a partner institution."""

    abstract = models.TextField(help_text="The abstract as published.")
    practitioner_summary = models.TextField(
        max_length=800, help_text="What a city practitioner should take from it, in plain words."
    )
    publication_type = models.CharField(max_length=20, choices=PublicationType.choices)
    venue = models.CharField(max_length=255, blank=True, help_text="Journal, publisher or institution.")
    publication_date = models.DateField(help_text="Date of publication (first of the month if only that is known).")
    doi = models.CharField(
        "DOI",
        max_length=255,
        blank=True,
        validators=[validate_doi],
        help_text="e.g. 10.1080/09546553.2020.1234567, without https://doi.org/.",
    )
    peer_reviewed = models.BooleanField(default=False)
    method = models.CharField(max_length=255, blank=True, help_text="e.g. interviews, case study, survey.")
    licence = models.CharField(max_length=100, blank=True, help_text="e.g. CC BY 4.0.")
    open_access = models.CharField(max_length=20, choices=OpenAccess.choices, default=OpenAccess.OPEN)
    cities = ParentalManyToManyField(
        "resources.CityPage",
        blank=True,
        related_name="research",
        help_text="Member cities the research concerns.",
    )

    content_panels = [
        *ResourcePage.content_panels,
        InlinePanel("authors", heading="Authors", label="Author", min_num=1),
        FieldPanel("abstract"),
        FieldPanel("practitioner_summary"),
        MultiFieldPanel(
            [
                FieldPanel("publication_type"),
                FieldPanel("venue"),
                FieldPanel("publication_date"),
                FieldPanel("doi"),
                FieldPanel("peer_reviewed"),
                FieldPanel("method"),
                FieldPanel("licence"),
                FieldPanel("open_access"),
            ],
            heading="Publication",
        ),
        *ResourcePage.classification_panels,
        FieldPanel("cities", widget=forms.CheckboxSelectMultiple),
        InlinePanel("files", heading="Files", label="File"),
    ]
    search_fields = [
        *ResourcePage.search_fields,
        index.SearchField("abstract"),
        index.SearchField("practitioner_summary", boost=1.5),
        index.SearchField("venue"),
        index.RelatedFields("authors", [index.SearchField("name"), index.SearchField("affiliation")]),
        index.FilterField("publication_type"),
        index.FilterField("publication_date"),
    ]
    api_fields = [
        APIField("practitioner_summary"),
        APIField("abstract"),
        APIField("cities", serializer=PublicPagesField()),
        APIField("themes", serializer=ThemesField()),
        APIField("language"),
        APIField("publication_type"),
        APIField("publication_date"),
        APIField("venue"),
        APIField("doi"),
        APIField("open_access"),
    ]
    parent_page_types = ["resources.ResearchIndexPage"]
    subpage_types = []
    template = "resources/research_page.html"

    class Meta:
        verbose_name = "research"
        verbose_name_plural = "research"

    @property
    def year(self):
        return self.publication_date.year if self.publication_date else None

    @property
    def evidence_type(self) -> str:
        """Peer-reviewed or not (EvidenceType)."""
        return (EvidenceType.PEER_REVIEWED if self.peer_reviewed else EvidenceType.OTHER_RESEARCH).value

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def summary(self):
        return self.practitioner_summary

    def get_context(self, request, *args, **kwargs):
        from portal.access import visible_pages
        from resources.listing import visible_attachments
        from search.service import related

        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = visible_attachments(self.files.all(), request.user)
        context["cities"] = visible_pages(self.cities.all(), request.user).order_by("title")
        context["related"] = related(self, request.user)
        return context


class ResearchAuthor(Orderable):
    page = ParentalKey(ResearchPage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(max_length=200)
    affiliation = models.CharField(max_length=255, blank=True, help_text="University, institute or agency.")
    orcid = models.CharField(
        "ORCID iD", max_length=19, blank=True, validators=[validate_orcid], help_text="e.g. 0000-0002-1825-0097."
    )
    expert = models.ForeignKey(
        "members.ExpertProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authorships",
        help_text="The author's expert profile in the network, if they have one.",
    )

    panels = [FieldPanel("name"), FieldPanel("affiliation"), FieldPanel("orcid"), FieldPanel("expert")]

    class Meta(Orderable.Meta):
        verbose_name = "author"

    def __str__(self):
        return self.name

    @property
    def orcid_url(self):
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""


class ResearchFile(AttachmentBase):
    page = ParentalKey(ResearchPage, on_delete=models.CASCADE, related_name="files")

    class Meta(AttachmentBase.Meta):
        verbose_name = "file"

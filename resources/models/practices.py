from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from resources.api_fields import PublicPageField, ThemesField
from resources.blocks import BaseStreamBlock
from resources.choices import EvaluationType, EvidenceType, Phase, PracticeStatus

from .mixins import AttachmentBase, ResourcePage

TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class PracticePage(ResourcePage):
    """A practitioner report: what a city did, how, and what it learned."""

    summary = models.TextField(max_length=600, help_text="Two or three sentences shown in listings and search.")
    body = StreamField(BaseStreamBlock(), blank=True, help_text="The full report.")
    phase = models.CharField(max_length=20, choices=Phase.choices, help_text="Where the practice sits in the cycle.")
    target_audiences = models.CharField(
        max_length=255, blank=True, help_text="Who the practice is for, e.g. 'venue operators, schools'."
    )
    partners = models.TextField(blank=True, help_text="Agencies and partners involved, one per line.")
    objectives = RichTextField(blank=True, features=TEXT_FEATURES)
    method = RichTextField(blank=True, features=TEXT_FEATURES, help_text="How the practice works, step by step.")
    resources_budget = models.TextField(blank=True, help_text="Staff, money and time it took.")
    outcomes = RichTextField(blank=True, features=TEXT_FEATURES, help_text="What changed, with figures if any.")
    evaluation = models.CharField(
        max_length=20,
        choices=EvaluationType.choices,
        default=EvaluationType.NONE,
        help_text="Whether and how the outcomes were evaluated.",
    )
    lessons_learned = RichTextField(blank=True, features=TEXT_FEATURES)
    transferability = RichTextField(
        blank=True, features=TEXT_FEATURES, help_text="What another city needs to do the same."
    )
    start_date = models.DateField(null=True, blank=True, help_text="When the practice began.")
    end_date = models.DateField(null=True, blank=True, help_text="When it ended; empty if ongoing.")
    status = models.CharField(max_length=20, choices=PracticeStatus.choices, default=PracticeStatus.ONGOING)
    last_verified = models.DateField(
        null=True, blank=True, help_text="When the city last confirmed this report is still accurate."
    )

    content_panels = [
        *ResourcePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("phase"),
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("last_verified"),
            ],
            heading="Status and dates",
        ),
        *ResourcePage.classification_panels,
        MultiFieldPanel(
            [FieldPanel("target_audiences"), FieldPanel("partners"), FieldPanel("resources_budget")],
            heading="Who and with what",
        ),
        FieldPanel("objectives"),
        FieldPanel("method"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("outcomes"), FieldPanel("evaluation")], heading="Outcomes"),
        FieldPanel("lessons_learned"),
        FieldPanel("transferability"),
        InlinePanel("attachments", heading="Attachments", label="Attachment"),
    ]
    search_fields = [
        *ResourcePage.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.SearchField("objectives"),
        index.SearchField("method"),
        index.SearchField("outcomes"),
        index.SearchField("lessons_learned"),
        index.SearchField("partners"),
        index.FilterField("phase"),
        index.FilterField("start_date"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("city", serializer=PublicPageField(source="get_parent")),
        APIField("themes", serializer=ThemesField()),
        APIField("language"),
        APIField("phase"),
        APIField("status"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("last_verified"),
    ]
    parent_page_types = ["resources.CityPage"]
    subpage_types = []
    template = "resources/practice_page.html"

    class Meta:
        verbose_name = "practice"
        verbose_name_plural = "practices"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The practice cannot end before it starts."})

    @property
    def year(self):
        return self.start_date.year if self.start_date else None

    @property
    def evidence_type(self) -> str:
        """What the report rests on, by how its outcomes were evaluated (EvidenceType)."""
        return {
            EvaluationType.INTERNAL: EvidenceType.INTERNAL_EVALUATION,
            EvaluationType.EXTERNAL: EvidenceType.EXTERNAL_EVALUATION,
        }.get(self.evaluation, EvidenceType.PRACTITIONER_REPORT).value

    @property
    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        from resources.listing import visible_attachments
        from search.service import related

        context = super().get_context(request, *args, **kwargs)
        context["city"] = self.get_parent().specific
        context["attachments"] = visible_attachments(self.attachments.all(), request.user)
        context["related"] = related(self, request.user)
        return context


class PracticeAttachment(AttachmentBase):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(AttachmentBase.Meta):
        verbose_name = "attachment"

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from resources.api_fields import PublicPageField, ThemesField
from resources.blocks import AgendaStreamBlock
from resources.choices import EventFormat

from .cities import CityPage
from .mixins import ResourcePage


class EventIndexPage(Page):
    """The network's events: upcoming first, then the archive."""

    introduction = RichTextField(blank=True, features=["bold", "italic", "link"], help_text="Shown above the list.")

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.EventPage"]
    max_count = 1
    template = "resources/event_index_page.html"

    class Meta:
        verbose_name = "events index"

    def get_context(self, request, *args, **kwargs):
        from resources.listing import event_listing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = event_listing(request, self)
        return context


class EventPage(ResourcePage):
    """A network meeting, workshop, exercise or webinar."""

    summary = models.TextField(max_length=600, help_text="Two or three sentences shown in listings.")
    start = models.DateTimeField(help_text="Start, in the venue's local time.")
    end = models.DateTimeField(help_text="End; must be after the start.")
    format = models.CharField(max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON)
    venue = models.CharField(max_length=255, blank=True, help_text="Venue name and address, for in-person events.")
    online_link = models.URLField(blank=True, help_text="Link to join, for online and hybrid events.")
    host_city = models.ForeignKey(
        "resources.CityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
        help_text="The member city hosting the event, if any.",
    )
    organiser = models.CharField(max_length=255, blank=True, help_text="Who runs it, e.g. 'CTPN secretariat'.")
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    agenda = StreamField(AgendaStreamBlock(), blank=True)
    registration_open = models.BooleanField(default=False, help_text="Let network members register on the event page.")
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Places available; leave blank for no limit. Once full, members join a waiting list.",
    )
    registration_closes = models.DateTimeField(
        null=True, blank=True, help_text="Optional: registration closes at this time (otherwise when the event ends)."
    )

    content_panels = [
        *ResourcePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("format"),
                FieldPanel("venue"),
                FieldPanel("online_link"),
                FieldPanel("host_city"),
                FieldPanel("organiser"),
            ],
            heading="When and where",
        ),
        *ResourcePage.classification_panels,
        FieldPanel("description"),
        FieldPanel("agenda"),
        InlinePanel("outputs", heading="Outputs presented", label="Output"),
        MultiFieldPanel(
            [FieldPanel("registration_open"), FieldPanel("capacity"), FieldPanel("registration_closes")],
            heading="Registration",
        ),
    ]
    search_fields = [
        *ResourcePage.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("description"),
        index.SearchField("venue"),
        index.SearchField("organiser"),
        index.FilterField("start"),
        index.FilterField("format"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("start"),
        APIField("end"),
        APIField("format"),
        APIField("venue"),
        APIField("host_city", serializer=PublicPageField()),
        APIField("themes", serializer=ThemesField()),
        APIField("language"),
    ]
    parent_page_types = ["resources.EventIndexPage"]
    subpage_types = []
    template = "resources/event_page.html"

    class Meta:
        verbose_name = "event"
        verbose_name_plural = "events"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "The event must end after it starts."})
        if self.format != EventFormat.IN_PERSON and not self.online_link:
            raise ValidationError({"online_link": "Online and hybrid events need a link to join."})

    @property
    def year(self):
        return timezone.localtime(self.start).year if self.start else None

    @property
    def is_upcoming(self):
        return self.end >= timezone.now()

    def get_context(self, request, *args, **kwargs):
        from portal.access import visible_pages
        from resources.listing import visible_outputs

        context = super().get_context(request, *args, **kwargs)
        context["outputs"] = visible_outputs(self, request.user)
        hosts = CityPage.objects.filter(pk=self.host_city_id)
        context["host_city"] = visible_pages(hosts, request.user).first() if self.host_city_id else None
        return context


class EventOutput(Orderable):
    """A practice or piece of research presented at the event."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="outputs")
    resource = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A practice or research page presented at the event.",
    )

    panels = [PageChooserPanel("resource", ["resources.PracticePage", "resources.ResearchPage"])]

    class Meta(Orderable.Meta):
        verbose_name = "output"

    def __str__(self):
        return self.resource.title

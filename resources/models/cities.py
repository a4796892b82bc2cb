from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from resources.choices import Country


class CityIndexPage(Page):
    """The list of member cities."""

    introduction = RichTextField(blank=True, features=["bold", "italic", "link"], help_text="Shown above the list.")

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.CityPage"]
    max_count = 1
    template = "resources/city_index_page.html"

    class Meta:
        verbose_name = "member cities index"

    def get_context(self, request, *args, **kwargs):
        from resources.listing import member_cities

        context = super().get_context(request, *args, **kwargs)
        context["current_cities"], context["former_cities"] = member_cities(self, request.user)
        return context


class CityPage(Page):
    """A member city (or region) of the network; its editors publish beneath it."""

    country = models.CharField(max_length=2, choices=Country.choices, help_text="ISO 3166 country.")
    founding_member = models.BooleanField(default=False, help_text="One of the cities that started CTPN in 2018.")
    joined = models.DateField(help_text="When the city joined the network.")
    left = models.DateField(null=True, blank=True, help_text="Only if the city has left the network.")
    regional_body = models.CharField(
        max_length=255,
        blank=True,
        help_text="The body the city takes part through, e.g. the Stockholm region's collaboration SSR.",
    )
    regional_body_description = models.TextField(
        blank=True, help_text="Who is in that body, e.g. 'some 40 organisations across the region'."
    )
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol", "h3"])
    contact_details = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Members only: never shown to the public, whatever the page's own privacy.",
    )
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Decimal degrees, e.g. 59.32932.",
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Decimal degrees, e.g. 18.06858.",
    )

    # Set by resources.permissions when the city is created; followed on renames.
    editors_group = models.ForeignKey(
        "auth.Group", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    coordinators_group = models.ForeignKey(
        "auth.Group", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    members_group = models.ForeignKey(
        "auth.Group", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    exclude_fields_in_copy = ["editors_group", "coordinators_group", "members_group", "collection"]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("country"),
                FieldPanel("founding_member"),
                FieldRowPanel([FieldPanel("joined"), FieldPanel("left")]),
                FieldPanel("regional_body"),
                FieldPanel("regional_body_description"),
            ],
            heading="Membership",
        ),
        FieldPanel("description"),
        FieldPanel("contact_details"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading="Coordinates"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("regional_body"),
        index.FilterField("country"),
    ]
    # Never contact_details: those are for members whatever the page's privacy.
    api_fields = [
        APIField("country"),
        APIField("founding_member"),
        APIField("joined"),
        APIField("left"),
        APIField("regional_body"),
        APIField("latitude"),
        APIField("longitude"),
    ]
    parent_page_types = ["resources.CityIndexPage"]
    subpage_types = ["resources.PracticePage"]
    template = "resources/city_page.html"

    class Meta:
        verbose_name = "member city"
        verbose_name_plural = "member cities"

    def clean(self):
        super().clean()
        if self.joined and self.left and self.left < self.joined:
            raise ValidationError({"left": "A city cannot leave before it joined."})

    @property
    def is_current_member(self):
        return self.left is None or self.left > timezone.localdate()

    @property
    def group_ids(self) -> set[int]:
        """The city's own groups: its editors, coordinators and members."""
        ids = (self.editors_group_id, self.coordinators_group_id, self.members_group_id)
        return {pk for pk in ids if pk}

    def get_context(self, request, *args, **kwargs):
        from resources.listing import city_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(city_page_context(self, request.user))
        return context

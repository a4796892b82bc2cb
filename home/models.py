from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


class HomePage(Page):
    """The front page: what the network is, what is new, what is coming up."""

    introduction = RichTextField(
        features=["bold", "italic", "link"], help_text="Two or three sentences on what the network is and offers."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        InlinePanel("featured", heading="Featured resources", label="Featured resource", max_num=6),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["resources.CityIndexPage", "resources.ResearchIndexPage", "resources.EventIndexPage"]
    max_count = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        from home.front_page import front_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(front_page_context(self, request.user))
        return context


class FeaturedResource(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured")
    resource = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Members-only items are shown only to members.",
    )

    panels = [PageChooserPanel("resource", ["resources.PracticePage", "resources.ResearchPage", "resources.EventPage"])]

    class Meta(Orderable.Meta):
        verbose_name = "featured resource"

    def __str__(self):
        return self.resource.title


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    """What the footer says on every page."""

    about = models.TextField(
        blank=True,
        default="The Counter Terrorism Preparedness Network: European cities sharing how they prepare for, "
        "prevent and respond to terrorism.",
        help_text="One or two sentences about the network.",
    )
    contact_email = models.EmailField(blank=True, help_text="The secretariat's public address.")
    host_city_note = models.CharField(
        max_length=255, blank=True, help_text="e.g. 'The secretariat is hosted by the Stockholm region, 2021-2022.'"
    )

    panels = [FieldPanel("about"), FieldPanel("contact_email"), FieldPanel("host_city_note")]

    class Meta:
        verbose_name = "footer"

    def __str__(self):
        return "Footer"

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from portal.page_cache import remember


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
        max_length=255,
        blank=True,
        help_text="Shown only while no hosting period runs: the footer names the current host city itself "
        "(Hosting periods, in the admin menu).",
    )

    panels = [FieldPanel("about"), FieldPanel("contact_email"), FieldPanel("host_city_note")]

    class Meta:
        verbose_name = "footer"

    @classmethod
    def for_request(cls, request):
        """The footer of the request's site, kept with the page cache: every page shows it, and
        only a save (which bumps the generation) changes it. The admin's form reads ``for_site``."""
        attribute = cls.get_cache_attr_name()
        site = Site.find_for_request(request)
        if site is None or hasattr(request, attribute):
            return super().for_request(request)
        setattr(request, attribute, remember(f"footer-settings:{site.pk}", lambda: cls.for_site(site)))
        return getattr(request, attribute)

    def __str__(self):
        return "Footer"


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """The main navigation and the footer links, as editors choose them.

    With no main links the navigation lists the home page's sections, as before.
    """

    panels = [
        InlinePanel("main_links", heading=_("Main navigation"), label=_("Link")),
        InlinePanel("footer_links", heading=_("Footer links"), label=_("Link")),
    ]

    class Meta:
        verbose_name = _("navigation")

    def __str__(self):
        return "Navigation"


class NavigationLink(Orderable):
    """A link to a page of this site or to an external http(s) address, with its label."""

    label = models.CharField(_("label"), max_length=60, help_text=_("The text readers see, e.g. 'Member cities'."))
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A page of this site; readers who may not see it do not get the link."),
    )
    # Only http(s): a javascript: or data: address would run in the reader's browser.
    link_url = models.URLField(
        _("external address"),
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Instead of a page: a full address starting with https://."),
    )

    panels = [FieldPanel("label"), PageChooserPanel("link_page"), FieldPanel("link_url")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose either a page or an external address."))


class MainNavigationLink(NavigationLink):
    setting = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="main_links")

    class Meta(NavigationLink.Meta):
        verbose_name = _("main navigation link")


class FooterLink(NavigationLink):
    setting = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="footer_links")

    class Meta(NavigationLink.Meta):
        verbose_name = _("footer link")


class HostingPeriod(models.Model):
    """A term during which a member city hosts the network and its secretariat.

    Terms never overlap, so at most one runs on any day and at most one is open-ended
    (an open-ended term overlaps every later one). Managed by the secretariat only
    (``home.wagtail_hooks``); shown in the footer, on the home page and on the city's page.
    """

    city = models.ForeignKey(
        "resources.CityPage",
        on_delete=models.PROTECT,
        related_name="hosting_terms",
        help_text="The member city hosting the network and its secretariat.",
    )
    start = models.DateField(help_text="First day of the term.")
    end = models.DateField(null=True, blank=True, help_text="Last day of the term; leave empty while it runs.")
    handover_notes = models.TextField(
        blank=True,
        max_length=5000,
        help_text="For the secretariat only, never shown on the site: what the next host should know.",
    )

    class Meta:
        verbose_name = "hosting period"
        ordering = ["start", "pk"]

    def __str__(self):
        return f"{self.city.title}, {self.term}"

    @property
    def term(self) -> str:
        """The years of the term, e.g. "2021-2022", "2025-" while it runs."""
        end = f"{self.end:%Y}" if self.end else ""
        return f"{self.start:%Y}" if end == f"{self.start:%Y}" else f"{self.start:%Y}-{end}"

    def last_day(self, today: datetime.date) -> datetime.date:
        """The term's last day, ``today`` for a term still running."""
        return self.end or today

    def overlapping(self):
        """Other terms sharing at least one day with this one."""
        others = HostingPeriod.objects.exclude(pk=self.pk)
        if self.end is not None:
            others = others.filter(start__lte=self.end)
        return others.filter(Q(end__isnull=True) | Q(end__gte=self.start)).select_related("city")

    def clean(self):
        super().clean()
        if self.start is None:
            return
        if self.end is not None and self.end <= self.start:
            raise ValidationError({"end": "A hosting term must end after it starts."})
        clash = self.overlapping().first()
        if clash is not None:
            hint = " Give it an end date first." if clash.end is None else ""
            raise ValidationError(f"This term overlaps the term of {clash}.{hint}")

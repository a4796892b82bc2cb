"""The fixed top of the content tree: Home, Member cities, Research, Events."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from home.models import HomePage

INTRODUCTION = (
    "<p>The Counter Terrorism Preparedness Network brings European cities together to share "
    "how they prepare for, prevent and respond to terrorism. Member cities publish their "
    "practices here, invited experts contribute research, and the network's events are "
    "listed with what was presented.</p>"
)


def _ensure_home() -> HomePage:
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    # Wagtail's installer leaves a "Welcome" page where the home page belongs.
    for page in root.get_children().exclude(content_type__model="homepage"):
        if page.slug == "home":
            page.delete()
    home = root.add_child(instance=HomePage(title="CTPN Knowledge Exchange", slug="home", introduction=INTRODUCTION))
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME
        )
    else:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    return home


def _ensure_index(home, model, title, slug, introduction):
    existing = model.objects.child_of(home).first()
    if existing:
        return existing
    index = home.add_child(instance=model(title=title, slug=slug, introduction=introduction, show_in_menus=True))
    index.save_revision().publish()
    return index


@transaction.atomic
def ensure_site_structure():
    """Create what is missing of the top of the tree (and the experts' permissions on
    the research index); change nothing that exists."""
    from resources.models import CityIndexPage, EventIndexPage, ResearchIndexPage
    from resources.permissions import ensure_research_contributors

    home = _ensure_home()
    cities = _ensure_index(
        home, CityIndexPage, "Member cities", "cities", "<p>The cities and regions that make up the network.</p>"
    )
    research = _ensure_index(
        home, ResearchIndexPage, "Research", "research", "<p>Research by the network's invited experts.</p>"
    )
    # Sites set up before experts could contribute get their permissions here.
    ensure_research_contributors(research)
    events = _ensure_index(
        home, EventIndexPage, "Events", "events", "<p>Meetings, workshops and exercises of the network.</p>"
    )
    return home, cities, research, events

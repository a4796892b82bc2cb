"""What the home page shows, always through the access helper."""

from django.db.models import Prefetch
from wagtail.models import Page

from home.city_map import city_map
from home.hosting import current_period, hosting_history
from portal.access import visible_pages
from resources.listing import load_cards, member_cities, prepare_cards, upcoming_events
from resources.models import (
    CityIndexPage,
    EventIndexPage,
    PracticePage,
    ResearchAuthor,
    ResearchIndexPage,
    ResearchPage,
)


def featured_resources(home, user) -> list[Page]:
    ids = [item.resource_id for item in home.featured.all()]
    visible = {page.pk: page for page in visible_pages(Page.objects.filter(pk__in=ids), user)}
    return load_cards((visible[pk] for pk in ids if pk in visible), user)


def latest_practices(user, limit=4) -> list[PracticePage]:
    return prepare_cards(
        visible_pages(PracticePage.objects.all(), user).order_by("-first_published_at", "-pk")[:limit], user
    )


def latest_research(user, limit=4) -> list[ResearchPage]:
    authors = Prefetch("authors", queryset=ResearchAuthor.objects.order_by("sort_order"))
    research = visible_pages(ResearchPage.objects.all(), user).prefetch_related("themes", authors)
    return prepare_cards(research.order_by("-first_published_at", "-pk")[:limit], user)


def front_page_context(home, user) -> dict:
    index = visible_pages(CityIndexPage.objects.child_of(home), user).first()
    current, _former = member_cities(index, user) if index else ([], [])
    hosting = current_period(user)
    return {
        "cities_index": index,
        "events_index": visible_pages(EventIndexPage.objects.child_of(home), user).first(),
        "research_index": visible_pages(ResearchIndexPage.objects.child_of(home), user).first(),
        "featured_resources": featured_resources(home, user),
        "latest_practices": latest_practices(user),
        "latest_research": latest_research(user),
        "upcoming_events": upcoming_events(user),
        "member_cities": current,
        "hosting": hosting,
        "hosting_history": hosting_history(user),
        "city_map": city_map(current, hosting.city if hosting else None),
    }

"""What the home page shows, always through the access helper."""

from wagtail.models import Page

from portal.access import visible_pages
from resources.listing import load_cards, member_cities, prepare_cards, upcoming_events
from resources.models import CityIndexPage, EventIndexPage, PracticePage


def featured_resources(home, user) -> list[Page]:
    ids = [item.resource_id for item in home.featured.all()]
    visible = {page.pk: page for page in visible_pages(Page.objects.filter(pk__in=ids), user)}
    return load_cards((visible[pk] for pk in ids if pk in visible), user)


def latest_practices(user, limit=4) -> list[PracticePage]:
    return prepare_cards(
        visible_pages(PracticePage.objects.all(), user).order_by("-first_published_at", "-pk")[:limit], user
    )


def front_page_context(home, user) -> dict:
    index = visible_pages(CityIndexPage.objects.child_of(home), user).first()
    current, _former = member_cities(index, user) if index else ([], [])
    return {
        "cities_index": index,
        "events_index": visible_pages(EventIndexPage.objects.child_of(home), user).first(),
        "featured_resources": featured_resources(home, user),
        "latest_practices": latest_practices(user),
        "upcoming_events": upcoming_events(user),
        "member_cities": current,
    }

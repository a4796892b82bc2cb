"""Listings of the knowledge base: filtering, pagination and access, once.

Every listing goes through ``visible_pages`` so that nothing a reader may not
see is counted or shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.access import is_network_member, mark_members_only, visible_documents, visible_pages
from resources.choices import EventFormat, Language, Phase, PublicationType
from resources.models import (
    CityPage,
    EventIndexPage,
    EventPage,
    PracticePage,
    ResearchAuthor,
    ResearchPage,
    Theme,
)

MIN_YEAR, MAX_YEAR = 1990, 2100
# Page ids are PostgreSQL integers: a larger number is no page, and asking for it is an error, not "no rows".
MAX_PAGE_ID = 2**31 - 1

# What a resource card shows beyond the page itself: (select_related, prefetch_related).
CARD_PREFETCHES = {
    PracticePage: ((), ("themes",)),
    ResearchPage: ((), ("themes", Prefetch("authors", queryset=ResearchAuthor.objects.order_by("sort_order")))),
    EventPage: (("host_city",), ("themes",)),
}


def parse_page_number(value) -> int:
    """A page number from user input; junk, zero and negatives mean page 1."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def paginate(request, queryset, per_page: int | None = None) -> PaginatorPage:
    """Paginate with a bounded page size; out-of-range pages land on the last page."""
    per_page = min(per_page or settings.LISTING_PAGE_SIZE, settings.LISTING_MAX_PAGE_SIZE)
    paginator = Paginator(queryset, per_page)
    number = min(parse_page_number(request.GET.get("page")), paginator.num_pages)
    return paginator.page(number)


class ListingFilterForm(forms.Form):
    """The query string of a listing. Invalid values are reported and ignored."""

    tab_fields: tuple[str, ...] = ()  # fields that pick a view rather than narrow the list

    city = forms.ModelChoiceField(
        queryset=CityPage.objects.none(), to_field_name="slug", required=False, empty_label=_("All")
    )
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.all(), to_field_name="slug", required=False, empty_label=_("All")
    )
    type = forms.ChoiceField(required=False, label=_("Type"))
    year = forms.IntegerField(required=False, min_value=MIN_YEAR, max_value=MAX_YEAR, label=_("Year"))
    lang = forms.ChoiceField(choices=[("", _("All")), *Language.choices], required=False, label=_("Language"))

    def __init__(self, data: QueryDict, user, type_choices, type_label=None):
        super().__init__({k: data.get(k) for k in self.base_fields if k in data})
        # Only cities the reader may see are offered (and accepted) as filters.
        self.fields["city"].queryset = visible_pages(CityPage.objects.all(), user).order_by("title")
        self.fields["type"].choices = [("", _("All")), *type_choices]
        if type_label:
            self.fields["type"].label = type_label

    def valid_filters(self) -> dict:
        """The filters that validated; a bad one is dropped, the rest still apply."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list."""
        return any(name not in self.tab_fields for name in self.valid_filters())


@dataclass
class Listing:
    form: ListingFilterForm
    page: PaginatorPage
    query_string: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def items(self):
        return self.page.object_list


def query_string_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _apply_filters(queryset: QuerySet, filters: dict, *, type_field: str, year_field: str, city_filter) -> QuerySet:
    if city := filters.get("city"):
        queryset = city_filter(queryset, city)
    if theme := filters.get("theme"):
        queryset = queryset.filter(themes=theme)
    if value := filters.get("type"):
        queryset = queryset.filter(**{type_field: value})
    if year := filters.get("year"):
        queryset = queryset.filter(**{f"{year_field}__year": year})
    if lang := filters.get("lang"):
        queryset = queryset.filter(language=lang)
    return queryset


def _build(request, queryset, form, **filter_options) -> Listing:
    queryset = _apply_filters(queryset, form.valid_filters(), **filter_options)
    page = paginate(request, queryset)
    page.object_list = prepare_cards(page.object_list, request.user)
    return Listing(form=form, page=page, query_string=query_string_without_page(request))


def attach_cities(pages) -> None:
    """Set ``practice.city`` on each practice among ``pages`` with one query (its parent CityPage)."""
    practices = [page for page in pages if isinstance(page, PracticePage)]
    if not practices:
        return
    cities = {city.path: city for city in CityPage.objects.all()}
    for practice in practices:
        practice.city = cities.get(practice.path[: -PracticePage.steplen])


def load_cards(pages, user) -> list:
    """The specific pages behind generic ``Page`` objects, in the same order, with
    what their cards show fetched in one query per page type."""
    from django.contrib.contenttypes.models import ContentType

    pages = list(pages)
    by_type: dict[int, list[int]] = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, []).append(page.pk)
    specific = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        queryset = model.objects.filter(pk__in=pks)
        if model in CARD_PREFETCHES:
            queryset = queryset.select_related(*CARD_PREFETCHES[model][0]).prefetch_related(*CARD_PREFETCHES[model][1])
        specific.update((page.pk, page) for page in queryset)
    return prepare_cards((specific[page.pk] for page in pages if page.pk in specific), user)


def prepare_cards(pages, user) -> list:
    """Everything a resource card shows beyond the page's own fields: the
    "Members only" badge and a practice's city. A few queries whatever the length."""
    pages = list(pages)
    mark_members_only(pages, user)
    attach_cities(pages)
    return pages


def practice_listing(request) -> Listing:
    form = ListingFilterForm(request.GET, request.user, Phase.choices, type_label=_("Phase"))
    queryset = (
        visible_pages(PracticePage.objects.all(), request.user)
        .prefetch_related("themes")
        .order_by("-start_date", "title")
    )
    return _build(
        request,
        queryset,
        form,
        type_field="phase",
        year_field="start_date",
        city_filter=lambda qs, city: qs.child_of(city),
    )


def research_listing(request, index=None) -> Listing:
    form = ListingFilterForm(request.GET, request.user, PublicationType.choices, type_label=_("Publication type"))
    queryset = visible_pages(ResearchPage.objects.all(), request.user)
    if index is not None:
        queryset = queryset.child_of(index)
    queryset = queryset.prefetch_related(
        "themes", Prefetch("authors", queryset=ResearchAuthor.objects.order_by("sort_order"))
    ).order_by("-publication_date", "title")
    return _build(
        request,
        queryset,
        form,
        type_field="publication_type",
        year_field="publication_date",
        city_filter=lambda qs, city: qs.filter(cities=city),
    )


class EventFilterForm(ListingFilterForm):
    tab_fields = ("when",)
    when = forms.ChoiceField(
        choices=[("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))], required=False, label=_("When")
    )


def event_listing(request, index=None) -> Listing:
    form = EventFilterForm(request.GET, request.user, EventFormat.choices, type_label=_("Format"))
    queryset = visible_pages(EventPage.objects.all(), request.user).select_related("host_city")
    if index is not None:
        queryset = queryset.child_of(index)
    when = form.valid_filters().pop("when", "upcoming")
    now = timezone.now()
    if when == "upcoming":
        queryset = queryset.filter(end__gte=now).order_by("start")
    elif when == "past":
        queryset = queryset.filter(end__lt=now).order_by("-start")
    else:
        queryset = queryset.order_by("-start")
    listing = _build(
        request,
        queryset.prefetch_related("themes"),
        form,
        type_field="format",
        year_field="start",
        city_filter=lambda qs, city: qs.filter(host_city=city),
    )
    listing.extra["when"] = when
    return listing


def member_cities(index, user) -> tuple[list[CityPage], list[CityPage]]:
    """Current and former member cities under ``index``, with hosting periods."""
    cities = visible_pages(CityPage.objects.child_of(index), user).prefetch_related("hosting_terms").order_by("title")
    current = [c for c in cities if c.left is None]
    former = [c for c in cities if c.left is not None]
    return current, former


def city_practices(city, user) -> list[PracticePage]:
    practices = (
        visible_pages(PracticePage.objects.child_of(city), user)
        .prefetch_related("themes")
        .order_by("-start_date", "title")
    )
    return prepare_cards(practices, user)


def visible_attachments(attachments, user) -> list:
    """The attachments whose documents ``user`` may download."""
    attachments = list(attachments.select_related("document"))
    if not attachments:
        return []
    from wagtail.documents import get_document_model

    allowed = set(
        visible_documents(
            get_document_model().objects.filter(pk__in=[a.document_id for a in attachments]), user
        ).values_list("pk", flat=True)
    )
    return [a for a in attachments if a.document_id in allowed]


def visible_outputs(event, user) -> list:
    from wagtail.models import Page

    ids = [output.resource_id for output in event.outputs.all()]
    return load_cards(visible_pages(Page.objects.filter(pk__in=ids), user).order_by("title"), user)


def upcoming_events(user, limit=3):
    now = timezone.now()
    return prepare_cards(
        visible_pages(EventPage.objects.filter(end__gte=now), user)
        .select_related("host_city")
        .order_by("start")[:limit],
        user,
    )


def city_events(city, user, past_limit=6) -> tuple[list[EventPage], list[EventPage]]:
    """Events ``city`` hosts: upcoming soonest first, and the latest past ones."""
    now = timezone.now()
    events = visible_pages(EventPage.objects.filter(host_city=city), user).select_related("host_city")
    events = events.prefetch_related("themes")
    upcoming = prepare_cards(events.filter(end__gte=now).order_by("start"), user)
    past = prepare_cards(events.filter(end__lt=now).order_by("-start")[:past_limit], user)
    return upcoming, past


def city_experts(city, user):
    """Expert profiles the reader may open, credited on research about ``city`` that the reader may see."""
    from members.profiles import profiles_visible_to  # members.profiles imports resource models

    research = visible_pages(ResearchPage.objects.filter(cities=city), user)
    return (
        profiles_visible_to(user)
        .filter(authorships__page__in=research.values("pk"))
        .prefetch_related("themes")
        .order_by("display_name")
        .distinct()  # an expert credited on several of the city's publications is listed once
    )


def city_page_context(city, user) -> dict:
    """Everything a city page lists, each in a fixed number of queries whatever its length."""
    upcoming, past = city_events(city, user)
    return {
        "practices": city_practices(city, user),
        "upcoming_events": upcoming,
        "past_events": past,
        "events_index": visible_pages(EventIndexPage.objects.all(), user).first(),
        "experts": city_experts(city, user),
        "show_contact_details": is_network_member(user),
    }

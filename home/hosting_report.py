"""The secretariat's handover report: what happened during one hosting period.

Resources are counted by when they were first published (``Page.first_published_at``),
events by when they start, invitations by when they were created and accounts by
when they were made, each from midnight on the term's first day to midnight after
its last day in the site's time zone (a term still running ends today). Everything
is counted, members-only and group-restricted content included: the report is for
the secretariat alone, who may see all of it (``home.admin_views``).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from wagtail.models import Page

from home.hosting import period_bounds, site_today, site_zone
from home.models import HostingPeriod
from members.choices import Role
from members.models import Invitation
from resources.choices import RegistrationStatus
from resources.models import CityPage, EventPage, PracticePage, ResearchPage

RESOURCE_TYPES = (
    ("practice", "Practice", PracticePage),
    ("research", "Research", ResearchPage),
    ("event", "Event", EventPage),
)
NO_CITY = "Network-wide (no city)"


@dataclass
class Resource:
    page: Page
    type_label: str
    cities: list[str]
    published: datetime.date


@dataclass
class HostingReport:
    period: HostingPeriod
    first_day: datetime.date
    last_day: datetime.date | None  # None: the term has not started
    resources: list[Resource] = field(default_factory=list)
    by_city: list[tuple[str, list[int], int]] = field(default_factory=list)
    by_type: dict[str, int] = field(default_factory=dict)
    events: list[EventPage] = field(default_factory=list)
    invitations: list[dict] = field(default_factory=list)
    invitations_sent: int = 0
    invitations_accepted: int = 0
    accounts_created: int = 0

    @property
    def type_labels(self) -> list[str]:
        return [label for _key, label, _model in RESOURCE_TYPES]


def _local_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(site_zone()).date()


def _city_paths() -> dict[str, str]:
    return dict(CityPage.objects.values_list("path", "title"))


def _practice_city(page: PracticePage, city_paths: dict[str, str]) -> list[str]:
    """The city a practice sits under: its parent page (practices live directly under their city)."""
    title = city_paths.get(page.path[: -Page.steplen])
    return [title] if title else []


def published_resources(since, until) -> list[Resource]:
    """Practices, research and events first published in [since, until), oldest first."""
    window = {"first_published_at__gte": since, "first_published_at__lt": until}
    city_paths = _city_paths()
    found = []
    for key, label, model in RESOURCE_TYPES:
        pages = model.objects.filter(**window)
        if key == "research":
            pages = pages.prefetch_related("cities")
        elif key == "event":
            pages = pages.select_related("host_city")
        for page in pages:
            found.append(Resource(page, label, _resource_cities(key, page, city_paths), page.first_published_at))
    found.sort(key=lambda item: (item.published, item.page.pk))
    for item in found:
        item.published = _local_date(item.published)
    return found


def _resource_cities(key: str, page, city_paths: dict[str, str]) -> list[str]:
    if key == "practice":
        return _practice_city(page, city_paths)
    if key == "research":
        return sorted(city.title for city in page.cities.all())
    return [page.host_city.title] if page.host_city_id else []


def tally_by_city(resources: list[Resource]) -> list[tuple[str, list[int], int]]:
    """(city, counts in RESOURCE_TYPES order, total) rows, busiest city first; research naming several
    cities counts once for each, research naming none under "network-wide"."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for item in resources:
        for city in item.cities or [NO_CITY]:
            counts[city][item.type_label] += 1
    labels = [label for _key, label, _model in RESOURCE_TYPES]
    rows = [(city, [per[label] for label in labels], sum(per.values())) for city, per in counts.items()]
    return sorted(rows, key=lambda row: (row[0] == NO_CITY, -row[2], row[0]))


def events_held(since, until) -> list[EventPage]:
    """Events starting in [since, until) that were ever published, with their registrations."""
    registered = Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED))
    waiting = Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING))
    events = EventPage.objects.filter(start__gte=since, start__lt=until, first_published_at__isnull=False)
    events = list(
        events.select_related("host_city").annotate(registered=registered, waiting=waiting).order_by("start", "pk")
    )
    for event in events:
        event.local_start = event.start.astimezone(site_zone())  # as counted, whatever the admin user's zone
    return events


def invitations_sent(since, until) -> list[dict]:
    """Invitations created in [since, until) by role and city, with how many were accepted."""
    rows = (
        Invitation.objects.filter(created__gte=since, created__lt=until)
        .values("role", "city__title")
        .annotate(sent=Count("pk"), accepted=Count("pk", filter=Q(accepted_at__isnull=False)))
        .order_by("role", "city__title")
    )
    labels = dict(Role.choices)
    return [
        {**row, "role": str(labels.get(row["role"], row["role"])), "city": row["city__title"] or ""} for row in rows
    ]


def build_report(period: HostingPeriod, today: datetime.date | None = None) -> HostingReport:
    today = today or site_today()
    since, until = period_bounds(period, today)
    last_day = (until - datetime.timedelta(days=1)).date() if until > since else None
    report = HostingReport(period=period, first_day=period.start, last_day=last_day)
    if last_day is None:
        return report
    report.resources = published_resources(since, until)
    report.by_city = tally_by_city(report.resources)
    report.by_type = dict.fromkeys(report.type_labels, 0) | Counter(r.type_label for r in report.resources)
    report.events = events_held(since, until)
    report.invitations = invitations_sent(since, until)
    report.invitations_sent = sum(row["sent"] for row in report.invitations)
    report.invitations_accepted = sum(row["accepted"] for row in report.invitations)
    joined = get_user_model().objects.filter(date_joined__gte=since, date_joined__lt=until)
    report.accounts_created = joined.count()
    return report

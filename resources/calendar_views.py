"""Events in calendars: one event's .ics, the public and personal feeds, the month grid.

Each surface narrows events with portal.access: the event file refuses like the
page does, the public feed is what an anonymous visitor may see, the personal
feed is what the token's owner may see now.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime
import re
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from members.models import CalendarFeedToken
from portal.access import is_members_only, is_network_member, refuse, user_can_view_page, visible_pages
from portal.page_cache import cache_public
from resources import ical
from resources.listing import MAX_YEAR, MIN_YEAR
from resources.models import EventPage

# Feeds carry every upcoming event and the recent past (calendar apps keep what they saw).
FEED_PAST_DAYS = 180
FEED_MAX_EVENTS = 500
MONTH_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII digits only, not any Unicode digit


def _ics_response(events, request, name: str, filename: str = "") -> HttpResponse:
    """A text/calendar response with ``events`` (EventPages) as VEVENTs."""
    vevents = [ical.from_event_page(page, page.get_full_url(request)) for page in events]
    response = HttpResponse(ical.calendar(vevents, name), content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _feed_events(user):
    """The events ``user`` may see, for a feed: upcoming and the recent past, soonest first."""
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    events = visible_pages(EventPage.objects.filter(end__gte=since), user)
    return events.order_by("start", "pk")[:FEED_MAX_EVENTS]


@require_safe
def event_ics(request, page_id: int):
    """One event as an .ics file, for readers who may view the event."""
    page = EventPage.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404("No such event.")
    if not user_can_view_page(request.user, page):
        return refuse(request)
    response = _ics_response([page], request, page.title, filename=f"{page.slug}.ics")
    if is_members_only(page):
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def public_feed(request):
    """The public events feed: always what an anonymous visitor may see, whoever asks."""
    return _ics_response(_feed_events(AnonymousUser()), request, "CTPN events")


@require_safe
def personal_feed(request, token: str):
    """A member's personal feed: the events the token's owner may see at this moment."""
    feed_token = CalendarFeedToken.objects.for_token(token)
    owner = feed_token.user if feed_token else None
    # Deactivated or offboarded owners lose the feed with their membership.
    if owner is None or not is_network_member(owner):
        raise Http404("No such feed.")
    response = _ics_response(_feed_events(owner), request, "CTPN events (members)")
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def parse_month(value) -> datetime.date:
    """The first day of the month in ``YYYY-MM``; anything else means the current month."""
    match = MONTH_PATTERN.fullmatch(str(value or "").strip())
    if match:
        year, month = int(match[1]), int(match[2])
        if MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12:
            return datetime.date(year, month, 1)
    return timezone.localdate().replace(day=1)


def _shift(first: datetime.date, months: int) -> datetime.date | None:
    """The first of the month ``months`` away, or None outside the years the calendar shows."""
    index = first.year * 12 + first.month - 1 + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, 1) if MIN_YEAR <= year <= MAX_YEAR else None


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    events: list = field(default_factory=list)


def _local_dates(page):
    """Every local date an event covers (an event ending at midnight does not cover the next day)."""
    start = timezone.localtime(page.start).date()
    end = timezone.localtime(page.end - datetime.timedelta(microseconds=1)).date()
    return (start + datetime.timedelta(days=n) for n in range(max((end - start).days, 0) + 1))


def month_weeks(first: datetime.date, user) -> list[list[Day]]:
    """The month's weeks (Monday first), each day holding the events ``user`` may see on it."""
    dates = month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    weeks = [[Day(date, date.month == first.month) for date in week] for week in dates]
    by_date = {day.date: day for week in weeks for day in week}
    grid_start = timezone.make_aware(datetime.datetime.combine(dates[0][0], datetime.time.min))
    grid_end = timezone.make_aware(datetime.datetime.combine(dates[-1][-1], datetime.time.max))
    events = visible_pages(EventPage.objects.filter(start__lte=grid_end, end__gt=grid_start), user)
    for page in events.order_by("start", "pk"):
        for date in _local_dates(page):
            if date in by_date:
                by_date[date].events.append(page)
    return weeks


@require_safe
@cache_public  # the same grid for every anonymous visitor
def event_calendar(request):
    """/events/calendar/?month=YYYY-MM: a month grid of the events the reader may see."""
    first = parse_month(request.GET.get("month"))
    weeks = month_weeks(first, request.user)
    context = {
        "month": first,
        "weeks": weeks,
        "weekdays": [day.date for day in weeks[0]],
        "previous_month": _shift(first, -1),
        "next_month": _shift(first, 1),
        "today": timezone.localdate(),
        "offers_personal_feed": is_network_member(request.user),
    }
    return render(request, "resources/event_calendar.html", context)

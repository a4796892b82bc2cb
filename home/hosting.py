"""Which city hosts the network, and when: what the site shows of the hosting periods.

A reader is told about a host city only if they may read its page (a members-only
city is not named to the public), as everywhere else on the site.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from home.models import HostingPeriod
from portal.access import remember_for, visible_pages
from resources.models import CityPage


def _visible(periods, user):
    return periods.filter(city__in=visible_pages(CityPage.objects.all(), user)).select_related("city")


def running_on(day: datetime.date):
    """The terms running on ``day`` (at most one: terms never overlap)."""
    return HostingPeriod.objects.filter(Q(end__isnull=True) | Q(end__gte=day), start__lte=day)


def current_period(user) -> HostingPeriod | None:
    """Today's term, if the reader may see its city.

    Kept with the page cache (any write to a hosting period or a page clears it); the
    date is part of the key, so the answer changes at midnight in the site's time zone.
    """
    today = site_today()
    return remember_for(
        user, f"hosting-current:{today}", lambda: _visible(running_on(today), user).order_by("-start").first()
    )


def hosting_history(user) -> list[HostingPeriod]:
    """Every term whose city the reader may see, oldest first."""
    return remember_for(user, "hosting-history", lambda: list(_visible(HostingPeriod.objects.all(), user)))


def site_zone() -> ZoneInfo:
    """The site's time zone: days of a term are counted there, whatever zone an admin user chose."""
    return ZoneInfo(settings.TIME_ZONE)


def site_today() -> datetime.date:
    return timezone.localdate(timezone=site_zone())


def period_bounds(period: HostingPeriod, today: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """What has happened of the term so far, as [from, until) aware datetimes: from midnight
    on its first day to midnight after its last day, or after ``today`` if earlier (a term
    still running), in the site's time zone. Empty for a term that has not started."""
    last = max(min(period.last_day(today), today), period.start - datetime.timedelta(days=1))
    start = datetime.datetime.combine(period.start, datetime.time.min, tzinfo=site_zone())
    until = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=site_zone())
    return start, until

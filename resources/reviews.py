"""Which practices are due for review, and for which city.

A live practice is due once its review date has come: the day ``months``
calendar months after it was last verified or, if it never was, after it was
first published. Where that month is shorter, the review date is its last day
(verified 31 March, one month: due from 30 April; verified 29 February 2024,
twelve months: due from 28 February 2025). Verified exactly ``months`` months
ago today is due today. A live practice with neither date is due at once.

The period is the secretariat's ``PracticeReviewSettings`` (Settings >
Practice reviews). Only the cities that are still members are asked: a city
that has left keeps its reports as they were.
"""

from __future__ import annotations

import calendar
import datetime
import enum
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce, TruncDate
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from resources.models import CityPage, PracticePage, PracticeReviewSettings, ReviewReminder
from resources.models.reviews import DEFAULT_REVIEW_MONTHS

logger = logging.getLogger(__name__)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months later (earlier if negative), or that month's last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def _is_month_end(day: datetime.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def latest_due_date(today: datetime.date, months: int) -> datetime.date:
    """The latest verification (or publication) date whose review date is ``today`` or earlier.

    ``add_months`` folds the end of a longer month onto the end of a shorter one, so on
    the last day of a month every later day of the month ``months`` back is due as well.
    """
    earlier = add_months(today, -months)
    if _is_month_end(today):
        earlier = earlier.replace(day=calendar.monthrange(earlier.year, earlier.month)[1])
    return earlier


def review_months(site: Site | None = None) -> int:
    """The review period for ``site`` (the default site if None)."""
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return DEFAULT_REVIEW_MONTHS
    return PracticeReviewSettings.for_site(site).review_months


@dataclass(frozen=True)
class DuePractice:
    page: PracticePage
    months: int

    @property
    def verified(self) -> datetime.date | None:
        return self.page.last_verified

    @property
    def counted_from(self) -> datetime.date | None:
        """Last verified, else first published, else None (due at once)."""
        return self.page.review_counted_from

    @property
    def review_date(self) -> datetime.date | None:
        return add_months(self.counted_from, self.months) if self.counted_from else None


@dataclass
class CityReviews:
    city: CityPage
    practices: list[DuePractice] = field(default_factory=list)

    def __len__(self):
        return len(self.practices)


def due_practices(today: datetime.date | None = None, months: int | None = None, within=None):
    """Live practices due for review, most overdue first (those with no date at all first).

    ``within`` narrows the search to a queryset of pages (e.g. those a user may edit).
    """
    today = today or timezone.localdate()
    months = review_months() if months is None else months
    practices = PracticePage.objects.live() if within is None else PracticePage.objects.live().filter(pk__in=within)
    counted_from = Coalesce("last_verified", TruncDate("first_published_at"))
    return (
        practices.annotate(review_counted_from=counted_from)
        .filter(Q(review_counted_from__isnull=True) | Q(review_counted_from__lte=latest_due_date(today, months)))
        .order_by(F("review_counted_from").asc(nulls_first=True), "title", "pk")
    )


def current_cities(today: datetime.date | None = None):
    today = today or timezone.localdate()
    return CityPage.objects.filter(Q(left__isnull=True) | Q(left__gt=today)).order_by("title")


def due_by_city(today=None, months=None, within=None) -> list[CityReviews]:
    """The due practices of each current member city that has any, cities by name."""
    months = review_months() if months is None else months
    cities = {city.path: CityReviews(city) for city in current_cities(today)}
    for page in due_practices(today, months, within):
        reviews = cities.get(page.path[: -Page.steplen])
        if reviews is not None:
            reviews.practices.append(DuePractice(page, months))
    return [reviews for reviews in cities.values() if reviews.practices]


def due_for_city(city: CityPage, today=None, months=None) -> list[DuePractice]:
    """The practices ``city``'s editors are asked to review (none if the city has left)."""
    within = Page.objects.child_of(city).values("pk")
    return next((r.practices for r in due_by_city(today, months, within) if r.city.pk == city.pk), [])


def due_for_user(user, today=None, months=None) -> list[CityReviews]:
    """Due practices of the cities whose practices ``user`` may edit (all of them for the secretariat)."""
    if not user.is_authenticated or not user.is_active:
        return []
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return due_by_city(today, months, editable.type(PracticePage).values("pk"))


# -- The monthly reminder email ------------------------------------------------


def recipients(city: CityPage) -> list:
    """The city's editors and coordinators with an active account and an address."""
    groups = [pk for pk in (city.editors_group_id, city.coordinators_group_id) if pk]
    users = get_user_model().objects.filter(groups__in=groups, is_active=True).exclude(email="")
    return list(users.distinct().order_by("email"))


def admin_url(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def _email(city: CityPage, practices: list[DuePractice], months: int) -> tuple[str, str]:
    context = {
        "city": city,
        "practices": [(due, admin_url(reverse("wagtailadmin_pages:edit", args=[due.page.pk]))) for due in practices],
        "months": months,
        "dashboard_url": admin_url(reverse("wagtailadmin_home")),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    count = len(practices)
    subject = f"{city.title}: {count} practice{pluralize(count)} to review on the {settings.WAGTAIL_SITE_NAME}"
    return subject, render_to_string("resources/email/review_reminder.txt", context)


class Outcome(enum.Enum):
    SENT = "emailed"
    WOULD_SEND = "would email"
    ALREADY_SENT = "already reminded this month"
    NOTHING_DUE = "nothing due"
    NOBODY_TO_TELL = "no active editor or coordinator to tell"
    FAILED = "sending failed, to be tried again at the next run"


@dataclass(frozen=True)
class ReminderResult:
    city: CityPage
    practices: int
    recipients: int
    outcome: Outcome


def _outcome(practices, people, city, month, dry_run) -> Outcome | None:
    """Why no reminder goes out, or None if it should."""
    if not practices:
        return Outcome.NOTHING_DUE
    if not people:
        return Outcome.NOBODY_TO_TELL
    if ReviewReminder.objects.filter(city=city, month=month).exists():
        return Outcome.ALREADY_SENT
    return Outcome.WOULD_SEND if dry_run else None


def remind_city(city: CityPage, today: datetime.date, months: int, *, dry_run=False) -> ReminderResult:
    """Email the city's editors its due practices, once per calendar month."""
    practices, people, month = due_for_city(city, today, months), recipients(city), today.replace(day=1)
    outcome = _outcome(practices, people, city, month, dry_run)
    if outcome is None:
        outcome = _send(city, month, practices, people, months)
    return ReminderResult(city, len(practices), len(people), outcome)


def _send(city, month, practices, people, months) -> Outcome:
    subject, body = _email(city, practices, months)
    try:
        with transaction.atomic():
            # The unique (city, month) row is the lock: a second run, even a concurrent one, stops here.
            # Should sending fail, the row goes with the rollback and the next run tries again.
            ReviewReminder.objects.create(city=city, month=month, practices=len(practices), recipients=len(people))
            messages = [EmailMessage(subject, body, to=[person.email]) for person in people]
            get_connection().send_messages(messages)
    except IntegrityError:
        return Outcome.ALREADY_SENT
    except OSError:  # smtplib's errors are OSErrors too
        logger.exception("Review reminder for %s could not be sent", city.title)
        return Outcome.FAILED
    return Outcome.SENT


def send_monthly_reminders(today: datetime.date | None = None, *, dry_run=False) -> list[ReminderResult]:
    """One reminder per current member city with practices due, unless already sent this month."""
    today = today or timezone.localdate()
    months = review_months()
    return [remind_city(city, today, months, dry_run=dry_run) for city in current_cities(today)]

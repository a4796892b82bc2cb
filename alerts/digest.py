"""Alert emails: what is new for each saved search since its last email, sent once.

``manage.py send_search_alerts`` (cron, every 10 minutes) calls ``send_due``. Each due
saved search is handled in a transaction of its own that locks its row: the search runs
as its owner at that moment (search.service applies their access as it is now), the
email is sent, and ``covered_until`` moves to the end of the window. A second run at the
same time skips a locked row and re-reads the window of one it gets, so nothing goes out
twice; a failed send rolls its own transaction back (the next run tries again) and leaves
the other searches' emails as they went.

The window ends ``ALERTS_SETTLE_SECONDS`` before the run, and never after a page that is
still waiting for its Elasticsearch update (search.tasks): a page is listed once it can
be found, however late the index catches up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from alerts.choices import Frequency
from alerts.models import SavedSearch
from alerts.searches import may_save, parse
from search.forms import FACET_PARAMS, filter_params
from search.service import SORTS, Hit, search

logger = logging.getLogger(__name__)

WEEK = timedelta(days=7)
SENT, NOTHING_NEW, NO_ACCESS, TAKEN = "sent", "nothing new", "no access", "taken"


@dataclass
class Digest:
    """One email's content: the newest ``hits`` of ``total`` new matches in (since, until]."""

    saved: SavedSearch
    since: datetime
    until: datetime
    hits: list[Hit] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.hits)


@dataclass
class Outcome:
    """What a run did, counted per saved search."""

    counts: dict[str, int] = field(default_factory=dict)
    failed: int = 0

    def add(self, result: str) -> None:
        self.counts[result] = self.counts.get(result, 0) + 1


def due(end: datetime):
    """The saved searches whose next window would end at ``end``: immediate ones with any time
    since their last window, weekly ones a week after it."""
    return SavedSearch.objects.filter(
        Q(frequency=Frequency.IMMEDIATE, covered_until__lt=end)
        | Q(frequency=Frequency.WEEKLY, covered_until__lte=end - WEEK)
    )


def send_due(now: datetime | None = None) -> Outcome:
    """Send every due saved search's email; one that fails is logged and tried on the next run."""
    end = window_end(now or timezone.now())
    latest = _latest_publication()
    outcome = Outcome()
    for pk in due(end).order_by("pk").values_list("pk", flat=True):
        try:
            outcome.add(send_one(pk, end, latest))
        except Exception:  # SMTP refused, search failed...: this search only, the others go on
            logger.exception("Alert email of saved search %s not sent; the next run tries again", pk)
            outcome.failed += 1
    return outcome


@transaction.atomic
def send_one(pk: int, end: datetime, latest: datetime | None = None) -> str:
    """Send one saved search's email for the window ending at ``end``, if it is still due.
    ``latest``: the last first publication of any page; none since the window began, no search."""
    locked = due(end).select_for_update(skip_locked=True, of=("self",)).select_related("user")
    saved = locked.filter(pk=pk).first()
    if saved is None:
        return TAKEN  # another run holds it or has just sent it
    result = NO_ACCESS
    if may_save(saved.user) and saved.user.email:
        result = NOTHING_NEW
        digest = collect(saved, end) if latest and latest > saved.covered_until else None
        if digest and digest.total:
            from alerts.emails import send_digest  # the email templates need the URL configuration

            send_digest(digest)
            result, saved.last_sent_at = SENT, timezone.now()
    saved.covered_until = end  # a window without access passes unsent: no flood when access returns
    saved.save(update_fields=["covered_until", "last_sent_at"])
    return result


def _latest_publication() -> datetime | None:
    from wagtail.models import Page

    return Page.objects.aggregate(latest=Max("first_published_at"))["latest"]


def collect(saved: SavedSearch, end: datetime) -> Digest:
    """The matches first published in the window, newest first, as the owner may see them now."""
    asked = parse(saved.query_string)
    filters = replace(asked.filters, published_after=saved.covered_until, published_before=end)
    digest = Digest(saved, since=saved.covered_until, until=end)
    per_page = min(settings.ALERTS_MAX_ITEMS, settings.SEARCH_MAX_PAGE_SIZE)
    page = 1
    while True:
        results = search(asked.query, filters, saved.user, page=page, sort=SORTS[1], per_page=per_page)
        if _widened(asked.filters, results.filters):
            return digest
        digest.hits += results.hits
        digest.total = results.total
        if len(digest.hits) >= settings.ALERTS_MAX_ITEMS or page >= results.num_pages:
            break
        page += 1
    digest.hits = digest.hits[: settings.ALERTS_MAX_ITEMS]
    return digest


def _widened(saved_filters, understood_filters) -> bool:
    """Whether the search dropped every value of a facet the search was narrowed by (a city
    the owner may no longer see, a theme deleted): the search would then match far more than
    was saved, so nothing is sent."""
    chosen = {name for name, _value in filter_params(saved_filters)}
    kept = {name for name, _value in filter_params(understood_filters)}
    return any(name in chosen and name not in kept for name in FACET_PARAMS)


def window_end(now: datetime) -> datetime:
    """Where this run's windows end: in whole milliseconds, as precise as Elasticsearch keeps
    dates, so both backends draw the line between two windows in the same place."""
    end = now - timedelta(seconds=settings.ALERTS_SETTLE_SECONDS)
    waiting = _first_unindexed()
    if waiting:
        end = min(end, waiting - timedelta(milliseconds=1))
    return end.replace(microsecond=end.microsecond // 1000 * 1000)


def _first_unindexed() -> datetime | None:
    """The earliest first publication among pages whose Elasticsearch update is still queued."""
    from wagtail.models import Page

    from search.tasks import queued_page_ids

    return Page.objects.filter(pk__in=queued_page_ids()).aggregate(first=Min("first_published_at"))["first"]

"""Search analytics: what readers search for and do not find, counted per day without who asked.

Recording (``record_search``, called once by the search page): a reader's new search
from the search page adds one to the day's count of its anonymised query, and to its
zero-result count when nothing was found. Not counted: later pages and refinements of
the same search (a filter, a sort: the page itself was the referrer), searches opened
from the admin (the report's own links), requests from bots and tools, and a signed-in
reader repeating the same query on the same day.

Anonymised (``anonymise``): addresses, links, phone numbers and long numbers become
placeholders, then only the lower-cased words remain, cut to ``MAX_QUERY_LENGTH``.
Stored is the day, the query, members or public, and two counts: never the person,
their address or session, or the time of day.

Reporting (``report``, ``listed_queries``): totals over a period and the queries
searched at least ``SEARCH_ANALYTICS_MIN_SEARCHES`` times in it. Retention: rows older
than ``SEARCH_ANALYTICS_DAYS`` days are deleted (``purge``: daily by the first search,
and by ``manage.py purge_search_analytics``), and never reported.
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import urlencode

from insights.choices import SearchAudience
from insights.models import MAX_QUERY_LENGTH, SearchQueryDay
from portal.access import is_network_member
from search.query import clean_query, words_of

logger = logging.getLogger(__name__)

EMAIL, LINK, NUMBER = "[email]", "[link]", "[number]"
PLACEHOLDER_RE = re.compile(r"(\[(?:email|link|number)\])")
LINK_RE = re.compile(r"\S*(?:https?:|www\.)\S*", re.IGNORECASE)
EMAIL_RE = re.compile(r"\S*@\S*")  # an address, or a handle: both name someone
# Digits in groups, as phone numbers, dates and identity numbers are written.
DIGIT_GROUPS_RE = re.compile(r"\+?\(?\d[\d\s().\-/]*\d")
LONG_NUMBER_RE = re.compile(r"\S*\d{6,}\S*")  # an identity, account or card number in one piece
MIN_GROUPED_DIGITS = 7  # the shortest phone numbers; "ISO 22301" and a year or two stay
YEAR_RE = re.compile(r"(?:19|20)\d\d")
# Tools and crawlers say so in their User-Agent; a browser always sends one.
BOT_RE = re.compile(
    r"bot|crawl|spider|slurp|scan|preview|monitor|headless|python|curl|wget|java|go-http|libwww|http-?client",
    re.IGNORECASE,
)
TOP = 50  # queries in each of the report's lists
SEEN_SECONDS = 24 * 60 * 60


# -- Anonymising --------------------------------------------------------------


def _redact_digit_groups(match: re.Match) -> str:
    """A phone or identity number written in groups; years ("2019-2021") are kept."""
    groups = re.findall(r"\d+", match.group())
    if sum(len(group) for group in groups) < MIN_GROUPED_DIGITS or all(YEAR_RE.fullmatch(g) for g in groups):
        return match.group()
    return f" {NUMBER} "


def _cut(text: str) -> str:
    """At most MAX_QUERY_LENGTH characters, ending on a whole word."""
    if len(text) <= MAX_QUERY_LENGTH:
        return text
    return text[: MAX_QUERY_LENGTH + 1].rsplit(" ", 1)[0][:MAX_QUERY_LENGTH]


def anonymise(query: str) -> str:
    """The query as stored: placeholders for what may identify someone, then its words, lower-cased."""
    text = clean_query(query)
    text = LINK_RE.sub(f" {LINK} ", text)
    text = EMAIL_RE.sub(f" {EMAIL} ", text)
    text = LONG_NUMBER_RE.sub(f" {NUMBER} ", text)  # first: the whole word, with any letters in it
    text = DIGIT_GROUPS_RE.sub(_redact_digit_groups, text)
    words = []
    for piece in PLACEHOLDER_RE.split(text):
        words.extend([piece] if PLACEHOLDER_RE.fullmatch(piece) else words_of(piece))
    return _cut(" ".join(words))


def has_placeholder(query: str) -> bool:
    return bool(PLACEHOLDER_RE.search(query))


# -- Recording ----------------------------------------------------------------


def enabled() -> bool:
    return settings.SEARCH_ANALYTICS_DAYS > 0


def _referrer(request) -> tuple[str, dict]:
    """The path and query parameters of the page the reader came from ("" if none or unreadable)."""
    try:
        parts = urlsplit(request.headers.get("Referer", ""))
        return parts.path, parse_qs(parts.query)
    except ValueError:  # a malformed address, such as "http://[x"
        return "", {}


def _is_new_search(request, asked) -> bool:
    """A reader's own search, not a later page, a refinement, the admin's link or a bot."""
    if not enabled() or request.method != "GET" or not asked.query or asked.page != 1 or asked.after:
        return False
    agent = request.headers.get("User-Agent", "")
    if not agent or BOT_RE.search(agent):
        return False
    path, params = _referrer(request)
    if path.startswith(reverse("wagtailadmin_home")):
        return False
    return not (path == reverse("search") and clean_query((params.get("q") or [""])[0]) == asked.query)


def _seen_today(request, day: datetime.date, query: str) -> bool:
    """Whether this session counted the query today already (kept in the cache for a day, hashed)."""
    session = getattr(request, "session", None)
    key = session.session_key if session is not None else None
    if not key:
        return False
    digest = salted_hmac("insights.search-analytics", f"{key}|{day}|{query}").hexdigest()
    return not cache.add(f"insights:searched:{digest}", True, timeout=SEEN_SECONDS)


def _count(day: datetime.date, audience: str, query: str, found_nothing: bool) -> None:
    """Add one search to the day's row, creating it if needed; safe when two requests race."""
    rows = SearchQueryDay.objects.filter(day=day, audience=audience, query=query)
    changes = {"searches": F("searches") + 1, "zero_result_searches": F("zero_result_searches") + int(found_nothing)}
    if rows.update(**changes):
        return
    try:
        with transaction.atomic():
            SearchQueryDay.objects.create(
                day=day, audience=audience, query=query, searches=1, zero_result_searches=int(found_nothing)
            )
    except IntegrityError:  # another request created it since the update
        rows.update(**changes)


def record_search(request, asked, results) -> None:
    """Count the search page's search ``asked`` (a search.forms.SearchRequest) and whether its
    ``results`` were empty, if it is a reader's new search. Never fails the search page."""
    if not _is_new_search(request, asked):
        return
    query, day = anonymise(asked.query), timezone.localdate()
    if not query:
        return
    audience = SearchAudience.MEMBERS if is_network_member(request.user) else SearchAudience.PUBLIC
    try:
        if _seen_today(request, day, query):  # the cache, too, is a database table in production
            return
        with transaction.atomic():
            _count(day, audience, query, found_nothing=results.total == 0)
            _purge_once_a_day(day)
    except DatabaseError as error:
        # Not the error itself: its text may quote the query.
        logger.warning("Search analytics: a search was not counted (%s)", type(error).__name__)


# -- Retention ----------------------------------------------------------------


def first_kept_day(today: datetime.date | None = None) -> datetime.date:
    """The oldest day still kept: today and the SEARCH_ANALYTICS_DAYS - 1 days before it."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=max(settings.SEARCH_ANALYTICS_DAYS, 1) - 1)


def purge(today: datetime.date | None = None) -> int:
    """Delete the counts of days no longer kept (every count when analytics are off); returns how many."""
    old = SearchQueryDay.objects.all()
    if enabled():
        old = old.filter(day__lt=first_kept_day(today))
    deleted, _ = old.delete()
    return deleted


def _purge_once_a_day(day: datetime.date) -> None:
    # So retention holds even where the cron job was forgotten; one cheap delete a day.
    if cache.add(f"insights:purged:{day}", True, timeout=SEEN_SECONDS):
        purge(day)


# -- Reporting ----------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    audience: str = ""  # a SearchAudience, or "" for everyone

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def audience_label(self) -> str:
        return SearchAudience(self.audience).label if self.audience else "Everyone"


@dataclass(frozen=True)
class QueryCount:
    query: str
    searches: int
    zero_result_searches: int

    @property
    def zero_result_share(self) -> int:
        """The percentage of the searches that found nothing, rounded."""
        return round(100 * self.zero_result_searches / self.searches) if self.searches else 0

    @property
    def search_url(self) -> str:
        """The search as a reader would run it; none for a query with placeholders (it means nothing)."""
        return "" if has_placeholder(self.query) else f"{reverse('search')}?{urlencode({'q': self.query})}"


@dataclass(frozen=True)
class Report:
    period: Period
    searches: int
    zero_result_searches: int
    queries: int  # distinct queries in the period
    unlisted_queries: int  # searched fewer than the threshold's times: not shown
    top: list[QueryCount]
    top_zero_results: list[QueryCount]

    @property
    def zero_result_share(self) -> int:
        return QueryCount("", self.searches, self.zero_result_searches).zero_result_share


def min_searches() -> int:
    return max(settings.SEARCH_ANALYTICS_MIN_SEARCHES, 1)


def _per_query(period: Period):
    """One row per query in the period (never before the first kept day): its two sums."""
    rows = SearchQueryDay.objects.filter(day__gte=max(period.start, first_kept_day()), day__lte=period.end)
    if period.audience:
        rows = rows.filter(audience=period.audience)
    return rows.values("query").annotate(
        searches_sum=Coalesce(Sum("searches"), 0), zero_sum=Coalesce(Sum("zero_result_searches"), 0)
    )


def listed_queries(period: Period):
    """The queries searched at least ``min_searches()`` times in the period, most searched first."""
    rows = _per_query(period).filter(searches_sum__gte=min_searches()).order_by("-searches_sum", "query")
    return (QueryCount(row["query"], row["searches_sum"], row["zero_sum"]) for row in rows.iterator())


def _query_counts(rows) -> list[QueryCount]:
    return [QueryCount(row["query"], row["searches_sum"], row["zero_sum"]) for row in rows[:TOP]]


def report(period: Period) -> Report:
    """Totals and the top queries of ``period``, in three grouped queries."""
    per_query = _per_query(period)
    totals = per_query.aggregate(
        searches=Coalesce(Sum("searches_sum"), 0),
        zero=Coalesce(Sum("zero_sum"), 0),
        queries=Count("query"),
        unlisted=Count("query", filter=Q(searches_sum__lt=min_searches())),
    )
    listed = per_query.filter(searches_sum__gte=min_searches())
    return Report(
        period=period,
        searches=totals["searches"],
        zero_result_searches=totals["zero"],
        queries=totals["queries"],
        unlisted_queries=totals["unlisted"],
        top=_query_counts(listed.order_by("-searches_sum", "query")),
        top_zero_results=_query_counts(listed.filter(zero_sum__gt=0).order_by("-zero_sum", "-searches_sum", "query")),
    )

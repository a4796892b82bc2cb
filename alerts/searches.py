"""Saved searches as the rest of the portal sees them: what is stored, how it reads, who may save."""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby

from django.core.exceptions import SuspiciousOperation
from django.http import QueryDict

from alerts.models import SavedSearch
from portal.access import is_network_member
from search.forms import SearchRequest, filter_params
from search.service import SORTS, tidy

MAX_PER_USER = 50
MAX_RAW_LENGTH = 20_000  # a query string as a form posts it, before cleaning; longer is refused unread


class NotASearch(ValueError):
    """The text is not a search that can be saved: nothing in it to search for."""


class SearchTooLong(NotASearch):
    """The text is longer, or has more parameters, than a search form sends."""


def may_save(user) -> bool:
    """Saved searches and their emails are for people with network access."""
    return user.is_authenticated and user.is_active and is_network_member(user)


def parse(query_string: str) -> SearchRequest:
    """The search a stored query string holds (never fails: search.forms tidies what it reads)."""
    return SearchRequest.from_query_dict(QueryDict(query_string))


def clean(raw: str, user) -> str:
    """The query string to store for ``raw``: the query and the facet values ``user`` may use,
    without page, cursor or sort. Raises NotASearch when nothing is left to search for."""
    if len(raw) > MAX_RAW_LENGTH:
        raise SearchTooLong
    try:
        asked = parse(raw)
    except SuspiciousOperation as error:  # more parameters than Django reads
        raise SearchTooLong from error
    filters = tidy(asked.query, asked.filters, user, 1, SORTS[0], None).filters
    cleaned = SearchRequest(query=asked.query, filters=filters)
    if not cleaned.query and not cleaned.filtered:
        raise NotASearch
    return cleaned.query_string()


def stored_form(query_string: str) -> str:
    """A search page's query string as it is stored: without page, cursor or sort."""
    asked = parse(query_string)
    return SearchRequest(query=asked.query, filters=asked.filters).query_string()


def newest_first_url(saved: SavedSearch) -> str:
    """The saved search on the search page, newest first (where an email's "and more" leads)."""
    from django.urls import reverse

    return f"{reverse('search')}?{replace(parse(saved.query_string), sort=SORTS[1]).query_string()}"


def describe(query_string: str, vocabulary) -> str:
    """The search in words: “harbour” · Stockholm, Barcelona · Practices · 2021.
    ``vocabulary``: search.backends.Vocabulary of the reader (labels of the values they may see)."""
    asked = parse(query_string)
    parts = [f"“{asked.query}”"] if asked.query else []
    for name, pairs in groupby(filter_params(asked.filters), key=lambda pair: pair[0]):
        labels = vocabulary.labels(name)
        parts.append(", ".join(str(labels.get(value, value)) for _name, value in pairs))
    return " · ".join(parts)


def default_name(query_string: str, vocabulary) -> str:
    from alerts.models import MAX_NAME_LENGTH

    text = describe(query_string, vocabulary)
    return text if len(text) <= MAX_NAME_LENGTH else text[: MAX_NAME_LENGTH - 1] + "…"


def export(user) -> list[dict]:
    """The person's saved searches, for their copy of their data (members.personal_data)."""
    return [
        {
            "name": saved.name,
            "search": saved.query_string,
            "emails": saved.frequency,
            "saved": saved.created,
            "last_email": saved.last_sent_at,
        }
        for saved in SavedSearch.objects.filter(user=user).order_by("created")
    ]

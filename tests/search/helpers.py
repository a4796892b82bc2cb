"""Helpers of the search tests: reading pages as a browser would, and content kept for a whole module."""

from __future__ import annotations

import datetime
import html
import re
import socket
from contextlib import contextmanager

from django.db import transaction
from django.test import Client

from tests.factories import PracticePageFactory


def hit_titles(response) -> list[str]:
    """The titles of the hits on the page, in order."""
    return [hit.title for hit in response.context["results"].hits]


def facet_counts(response, name: str) -> dict[str, int]:
    """{value: count} of one facet, e.g. facet_counts(response, "city") == {"stockholm": 3}."""
    for facet in response.context["results"].facets:
        if facet.name == name:
            return {option.value: option.count for option in facet.values}
    return {}


def checked_boxes(response) -> set[tuple[str, str]]:
    """The ticked checkboxes of the filter form, as (name, value), read from the HTML."""
    found = set()
    for tag in re.findall(r"<input [^>]*type=\"checkbox\"[^>]*>", response.content.decode()):
        if " checked" in tag:
            found.add((re.search(r'name="([^"]*)"', tag)[1], html.unescape(re.search(r'value="([^"]*)"', tag)[1])))
    return found


def links(response) -> list[str]:
    """Every href on the page, unescaped."""
    return [html.unescape(href) for href in re.findall(r'href="([^"]*)"', response.content.decode())]


def client_for(request, role: str) -> Client:
    """A fresh client, signed in as the fixture named ``role`` unless it is "anonymous"."""
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def closed_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def many_practices(city, word: str, count: int) -> list:
    """``count`` practices whose titles contain ``word``, each started in its own month."""
    return [
        PracticePageFactory(
            parent=city,
            title=f"{word.title()} practice {number:02d}",
            summary=f"A {word} practice.",
            start_date=datetime.date(2010 + number // 12, number % 12 + 1, 1),
        )
        for number in range(count)
    ]


@contextmanager
def kept_for_module(django_db_blocker):
    """Content created in this block is seen by every test of a module and rolled back after the
    last one: each test's own transaction nests inside this one (as Django's setUpTestData does)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)

"""The harness's steps that need Django, run in a child process against one run's database:

    python -m bench.steps load N      the corpus, in bulk
    python -m bench.steps session     a signed-in network member's session key and some page addresses
    python -m bench.steps sample      addresses of pages spread over the corpus, for the load scenario
    python -m bench.steps took        Elasticsearch's own ``took`` for the bodies the portal sends
    python -m bench.steps save        what publishing one page and writing its document cost
    python -m bench.steps queries     SQL queries of each listing with 10 and with 50 items a page

Each prints one JSON object on its last line.
"""

from __future__ import annotations

import json
import os
import statistics
import sys

import django

from bench.corpus import COMMON_TERM, PHRASE, RARE_TERM, TYPO
from portal.settings.base import SEARCH_PAGE_SIZE as PAGE_SIZE  # plain constants: no Django needed

# The fixed query mix: (name, query string of the portal's search page).
QUERIES = [
    ("rare", f"q={RARE_TERM}"),
    ("common", f"q={COMMON_TERM}"),
    ("phrase", "q=" + "%22" + "+".join(PHRASE) + "%22"),
    ("facets", f"q={COMMON_TERM}&city=stockholm&lang=en"),
    ("browse", "city=stockholm&type=practice"),  # filters alone: every practice of one city, newest first
    ("typo", f"q={TYPO}"),
    ("deep", f"q={COMMON_TERM}&page=100"),
    ("jump", f"q={COMMON_TERM}&page=100"),
]
# Queries whose page is reached as a reader reaches it, by the "Next" link of the page before
# (which carries where it starts: search_after on Elasticsearch); "jump" types the page number.
BY_NEXT = {"deep"}
MEMBER_EMAIL = "bench-member@example.org"
TOOK_REPEATS = int(os.environ.get("BENCH_TOOK_REPEATS", "30"))


def member():
    from django.contrib.auth import get_user_model

    from portal.access import network_members_group

    user, _ = get_user_model().objects.get_or_create(username="bench-member", defaults={"email": MEMBER_EMAIL})
    user.groups.add(network_members_group())
    return user


def session() -> dict:
    """A session of the member, as the login view would store it, and addresses of sample pages."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from resources.models import EventPage, PracticePage

    user = member()
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    public = {"view_restrictions__isnull": True}
    return {
        "cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}",
        "practice": PracticePage.objects.live().filter(**public).order_by("pk").first().url,
        "event": EventPage.objects.live().filter(**public).order_by("pk").first().url,
    }


SAMPLE_SIZE = 40  # pages of each kind in the load scenario's mix


def _spread(queryset) -> list[str]:
    """The addresses of up to SAMPLE_SIZE pages of ``queryset``, evenly spread over it."""
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    chosen = ids[:: max(1, len(ids) // SAMPLE_SIZE)][:SAMPLE_SIZE]
    return [page.url for page in queryset.model.objects.filter(pk__in=chosen).order_by("pk")]


def sample() -> dict:
    """Public practices, research and events spread over the corpus, the member cities, and
    resources for network members only (which the signed-in member reads)."""
    from portal.access import network_members_group
    from resources.models import CityPage, EventPage, PracticePage, ResearchPage

    kinds = {"practice": PracticePage, "research": ResearchPage, "event": EventPage}
    public = {"view_restrictions__isnull": True}
    members = {"view_restrictions__groups": network_members_group()}
    found = {name: _spread(model.objects.live().filter(**public)) for name, model in kinds.items()}
    members_only = [_spread(model.objects.live().filter(**members)) for model in kinds.values()]
    found["members_only"] = [url for urls in members_only for url in urls[: SAMPLE_SIZE // 2]]
    found["city"] = _spread(CityPage.objects.live())
    return found


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


TOOK_WARMUP = 5


def _took(bodies: list[dict], repeats: int) -> list[list[int]]:
    """``took`` of each of ``bodies`` sent ``repeats`` times, in turns, after TOOK_WARMUP untimed
    sends of each: the steady state, as the pages under load see it, not the first reading of a
    field's data; in turns, so a node still warming up (the first size measured) weighs on
    each body alike."""
    from search import es

    client = es.client()
    for body in bodies:
        for _ in range(TOOK_WARMUP):
            client.search(index=es.alias(), **body)
    tooks = [[] for _ in bodies]
    for _ in range(repeats):
        for body, measured in zip(bodies, tooks, strict=True):
            measured.append(client.search(index=es.alias(), **body).body["took"])
    return tooks


def _body(name: str, query_string: str, user) -> dict:
    """The body the Elasticsearch backend builds for this search page, on the page it would show
    (reached by "Next" for the queries in BY_NEXT, as the harness fetches it over HTTP)."""
    from django.http import QueryDict

    from search.backends import clamp_page
    from search.backends.elasticsearch import request_body
    from search.forms import SearchRequest
    from search.service import search

    asked = SearchRequest.from_query_dict(QueryDict(query_string))
    total = _took_total(request_body(asked.query, asked.filters, user, 1, asked.sort))
    page = clamp_page(asked.page, total, PAGE_SIZE) if total else 1
    after = None
    if name in BY_NEXT and page > 1:
        after = search(asked.query, asked.filters, user, page - 1, asked.sort).next_after
    return request_body(asked.query, asked.filters, user, page, asked.sort, after=after)


def _took_total(body: dict) -> int:
    from search import es

    return es.client().search(index=es.alias(), **body).body["hits"]["total"]["value"]


def took() -> dict:
    """p50 and p95 of ``took`` per query and reader, with and without highlighting."""
    from django.contrib.auth.models import AnonymousUser

    figures = {}
    for reader, user in (("anonymous", AnonymousUser()), ("member", member())):
        for name, query_string in QUERIES:
            body = _body(name, query_string, user)
            unmarked = {k: v for k, v in body.items() if k != "highlight"}
            with_marks, plain = _took([body, unmarked], TOOK_REPEATS)
            figures[f"{name}/{reader}"] = {
                "p50_ms": statistics.median(with_marks),
                "p95_ms": _percentile(with_marks, 0.95),
                "p95_no_highlight_ms": _percentile(plain, 0.95),
            }
    return figures


def save(repeats: int = 5) -> dict:
    """What saving one page costs: publishing a new revision (what the editor waits for, the
    database index included) and then writing its Elasticsearch document (what the worker does)."""
    import time

    from resources.models import PracticePage
    from search import es, indexing

    page = PracticePage.objects.live().order_by("pk").first()
    publish, write = [], []
    for number in range(repeats):
        page.summary = f"{page.summary.split(' Revised')[0]} Revised {number}."
        started = time.monotonic()
        page.save_revision().publish()
        publish.append((time.monotonic() - started) * 1000)
        if es.enabled():
            started = time.monotonic()
            indexing.write([page.pk])
            write.append((time.monotonic() - started) * 1000)
    figures = {"publish_median_ms": round(statistics.median(publish), 1)}
    if write:
        figures["index_write_median_ms"] = round(statistics.median(write), 1)
    return figures


# Listings whose page size follows LISTING_PAGE_SIZE or SEARCH_PAGE_SIZE ({limit}: the API's own).
LISTINGS = {
    "practice list": "/practices/",
    "research index": "/research/",
    "events": "/events/",
    "events past": "/events/?when=past",
    "search": f"/search/?q={COMMON_TERM}",
    "api pages": "/api/v2/pages/?limit={limit}&fields=*",
}


def _count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warms per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return len(captured)


def queries() -> dict:
    """Queries of each listing with 10 and 50 items a page, anonymous and as a member; the page cache off."""
    from django.test import Client, override_settings

    counts = {}
    for reader in ("anonymous", "member"):
        client = Client(HTTP_HOST="127.0.0.1")
        if reader == "member":
            client.force_login(member())
        for size in (10, 50):
            sizes = {"LISTING_PAGE_SIZE": size, "LISTING_MAX_PAGE_SIZE": size, "SEARCH_PAGE_SIZE": size}
            with override_settings(**sizes, SEARCH_MAX_PAGE_SIZE=size, WAGTAILAPI_LIMIT_MAX=size, PAGE_CACHE_SECONDS=0):
                for name, url in LISTINGS.items():
                    counts.setdefault(f"{name}/{reader}", {})[str(size)] = _count_queries(
                        client, url.format(limit=size)
                    )
    return counts


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")
    django.setup()
    step = argv[0]
    if step == "load":
        from bench.load import load

        result = load(int(argv[1]))
    elif step == "session":
        result = session()
    elif step == "sample":
        result = sample()
    elif step == "took":
        result = took()
    elif step == "save":
        result = save()
    elif step == "queries":
        result = queries()
    else:
        raise SystemExit(f"unknown step {step!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])

"""The connection to Elasticsearch and the names of the index and its alias.

Elasticsearch is switched on by ``ELASTICSEARCH_URL``: one address (a node, or a
load balancer in front of a cluster), or a cluster's nodes separated by commas;
without it the portal searches its database. Readers always query the alias; the
documents live in a versioned index ``<alias>-<timestamp>`` behind it, so a
rebuild can fill a new index and swap the alias in one step.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils import timezone
from elasticsearch import Elasticsearch


def enabled() -> bool:
    return bool(nodes(settings.ELASTICSEARCH["URL"]))


def nodes(url: str) -> list[str]:
    """The addresses in ``ELASTICSEARCH_URL``: "http://a:9200" or "http://a:9200,http://b:9200"."""
    return [address.strip() for address in url.split(",") if address.strip()]


def alias() -> str:
    return settings.ELASTICSEARCH["INDEX"]


def next_alias() -> str:
    """Points at the index a rebuild is filling, so updates made meanwhile reach it too."""
    return f"{alias()}-next"


def new_index_name() -> str:
    return f"{alias()}-{timezone.now():%Y%m%d%H%M%S%f}"


def client() -> Elasticsearch:
    config = settings.ELASTICSEARCH
    return _client(
        config["URL"], config["API_KEY"], config["USERNAME"], config["PASSWORD"], config["CA_CERTS"], config["TIMEOUT"]
    )


@cache
def _client(url, api_key, username, password, ca_certs, timeout) -> Elasticsearch:
    hosts = nodes(url)
    # With several nodes, a request one of them cannot answer (connection refused or reset,
    # or a 429/502/503/504) goes to the next, and the failed node is left out for a while
    # (1 s, doubling up to 30 s). A single address fails at once and the caller falls back.
    # A timeout is not retried: a slow query would only be slow again elsewhere.
    options = {"request_timeout": timeout, "max_retries": len(hosts) - 1, "retry_on_timeout": False}
    if api_key:
        options["api_key"] = api_key
    elif username:
        options["basic_auth"] = (username, password)
    if ca_certs:
        options["ca_certs"] = ca_certs
    return Elasticsearch(hosts, **options)


def health() -> str:
    """ "ok", "unavailable", or "off" when the portal searches its database."""
    if not enabled():
        return "off"
    try:
        state = client().options(request_timeout=3).cluster.health(index=alias(), timeout="2s")
    except Exception:  # any failure means readers get the database fallback
        return "unavailable"
    # Red: a primary shard of the index has no node, so searches fail and fall back.
    # Yellow (a replica missing) still answers every search.
    return "unavailable" if state["status"] == "red" else "ok"

"""The index's life: rebuilding it behind the alias, and checking it against the database.

A rebuild fills a new versioned index while readers keep searching the old one
through the alias. The ``-next`` alias points at the new index meanwhile, so
the updates the worker makes during the rebuild reach it too
(``indexing.write_targets``); external versions keep an update from being
overwritten by the rebuild's older read of the same page. When the new index is
full, one ``update_aliases`` call moves the alias, then the old indexes go.

``compare`` reads page ids and fingerprints from both sides (no page text is
built) and reports what is missing, stale or extra; ``repair`` rewrites those.
"""

from __future__ import annotations

import logging
import re
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from elasticsearch.helpers import scan
from wagtail.models import Page

from search import es
from search.indexing import (
    actions_for,
    create_index,
    documents_for,
    fingerprint,
    indexed_pages,
    send,
    with_related,
    write,
)

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
# Elasticsearch indexes concurrent bulk requests on separate write threads (one per core).
BULKS_IN_FLIGHT = 2
# While a new index fills, nobody reads it: no periodic refresh (each one writes a small
# segment), no fsync per bulk request (a build that dies is started again), no replicas
# (they would index every document a second time; they copy the finished segments instead).
BUILDING = {"refresh_interval": "-1", "translog.durability": "async", "number_of_replicas": 0}
Progress = Callable[[int, int], None]


def rebuild(progress: Progress | None = None, batch_size: int = BATCH_SIZE) -> tuple[str, int]:
    """Build a new index from the database and swap the alias to it; returns (index name, pages read)."""
    client = es.client()
    name = es.new_index_name()
    create_index(name)
    client.indices.put_settings(index=name, settings={"index": BUILDING})
    # Moving (not adding) the alias also drops it from the index of a rebuild that died half-way.
    client.indices.update_aliases(actions=_move_alias(es.next_alias(), name))
    count = load(name, progress, batch_size)
    finish_building(name)
    actions = _move_alias(es.alias(), name) + [{"remove": {"index": name, "alias": es.next_alias()}}]
    client.indices.update_aliases(actions=actions)
    delete_old_indexes(keep=name)
    return name, count


def _move_alias(alias: str, index: str) -> list[dict]:
    """update_aliases actions that take ``alias`` off wherever it is and put it on ``index``."""
    holders = indexes_behind(alias)
    return [{"remove": {"index": old, "alias": alias}} for old in holders] + [{"add": {"index": index, "alias": alias}}]


def indexes_behind(alias: str) -> list[str]:
    client = es.client()
    return sorted(client.indices.get_alias(name=alias)) if client.indices.exists_alias(name=alias) else []


def finish_building(index: str) -> None:
    """Give ``index`` its everyday settings back (ELASTICSEARCH_REPLICAS replicas), make it
    searchable, and wait for the merges the bulk load started and for the replicas, so that
    readers come to a settled index held on as many nodes as the one it replaces."""
    everyday = dict.fromkeys(BUILDING) | {"number_of_replicas": settings.ELASTICSEARCH["REPLICAS"]}
    es.client().indices.put_settings(index=index, settings={"index": everyday})
    es.client().indices.refresh(index=index)
    wait_for_merges(index)
    wait_for_replicas(index)


# Merging the segments of a bulk load goes on after it: at 100,000 pages one merge of 65,000
# documents ran for over a minute, and searches meanwhile share the cores with it.
MERGE_WAIT_SECONDS = 900


def wait_for_merges(index: str, seconds: float = MERGE_WAIT_SECONDS, poll: float = 1.0) -> bool:
    """Wait until no merge runs on ``index`` (at most ``seconds``); True when none does."""
    deadline = time.monotonic() + seconds
    while True:
        stats = es.client().indices.stats(index=index, metric="merge")
        if not stats["_all"]["primaries"]["merges"]["current"]:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(poll)


# The replicas copy the finished index's files (they do not index the documents again).
REPLICA_WAIT_SECONDS = 600


def wait_for_replicas(index: str, seconds: float = REPLICA_WAIT_SECONDS) -> bool:
    """Wait until every replica of ``index`` is started (its health is green; at most
    ``seconds``). False, with a warning, when the cluster has too few nodes to hold them
    or they are not all there in time: the index answers from its primary meanwhile."""
    replicas = settings.ELASTICSEARCH["REPLICAS"]
    if not replicas:
        return True
    client = es.client()
    nodes = client.cluster.health()["number_of_data_nodes"]
    if nodes <= replicas:
        logger.warning(
            "%s: ELASTICSEARCH_REPLICAS=%s needs %s data nodes, the cluster has %s; its replicas wait for more",
            index,
            replicas,
            replicas + 1,
            nodes,
        )
        return False
    health = client.options(request_timeout=seconds + 30).cluster.health(
        index=index, wait_for_status="green", timeout=f"{int(seconds)}s"
    )
    if health["timed_out"]:
        logger.warning("%s did not get all its replicas in %s s; they are still being copied", index, seconds)
    return not health["timed_out"]


def load(index: str, progress: Progress | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Write every indexable page into ``index``, ``batch_size`` pages per bulk request.

    Bulk requests are in flight while the next batch is read and built: Elasticsearch
    indexes (on up to BULKS_IN_FLIGHT write threads) while Python works."""
    ids = list(indexed_pages().order_by("pk").values_list("pk", flat=True))
    with ThreadPoolExecutor(max_workers=BULKS_IN_FLIGHT, thread_name_prefix="bulk") as sender:
        in_flight: deque[tuple[int, Future]] = deque()
        for start in range(0, len(ids), batch_size):
            actions = _batch_actions(index, ids[start : start + batch_size])
            if len(in_flight) == BULKS_IN_FLIGHT:
                _wait(in_flight, progress, len(ids))
            in_flight.append((min(start + batch_size, len(ids)), sender.submit(send, actions, to_aliases=False)))
        while in_flight:
            _wait(in_flight, progress, len(ids))
    return len(ids)


def _wait(in_flight, progress: Progress | None, total: int) -> None:
    done, request = in_flight.popleft()
    request.result()  # raises what the bulk request raised
    _report(progress, done, total)


def _batch_actions(index: str, ids: list[int]) -> list[dict]:
    version = time.time_ns() // 1000  # read time: a later update of a page wins over this read
    documents = documents_for(Page.objects.filter(pk__in=ids).specific())
    return list(actions_for({pk: doc for pk, doc in documents.items() if doc is not None}, [index], version))


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress:
        progress(done, total)


def delete_old_indexes(keep: str) -> None:
    """Delete the versioned indexes other than ``keep`` and one a newer rebuild is filling."""
    client = es.client()
    pattern = re.compile(re.escape(es.alias()) + r"-\d+")
    filling = set(indexes_behind(es.next_alias()))
    old = [name for name in client.indices.get_alias(index=f"{es.alias()}-*") if pattern.fullmatch(name)]
    old = [name for name in old if name != keep and name not in filling]
    if old:
        client.indices.delete(index=",".join(old))


@dataclass
class Comparison:
    """How the index differs from the database, by page id."""

    expected: int  # pages the index should hold
    indexed: int  # documents it holds
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)

    @property
    def differences(self) -> list[int]:
        return sorted(self.missing + self.stale + self.extra)

    @classmethod
    def of(cls, expected: dict[int, str], indexed: dict[int, str]) -> Comparison:
        """From fingerprints by page id: what the database says against what an index holds."""
        return cls(
            expected=len(expected),
            indexed=len(indexed),
            missing=sorted(expected.keys() - indexed.keys()),
            stale=sorted(pk for pk in expected.keys() & indexed.keys() if expected[pk] != indexed[pk]),
            extra=sorted(indexed.keys() - expected.keys()),
        )


def database_fingerprints() -> dict[int, str]:
    """Fingerprint of every page that should be in the index."""
    pages = with_related(indexed_pages().specific())
    return {page.pk: value for page in pages if (value := fingerprint(page))}


def index_fingerprints() -> dict[int, str]:
    """Fingerprint of every document in the index, read with a scroll."""
    if not es.client().indices.exists_alias(name=es.alias()):
        return {}
    hits = scan(es.client(), index=es.alias(), query={"_source": ["fingerprint"]}, size=1000)
    return {int(hit["_id"]): hit["_source"].get("fingerprint", "") for hit in hits}


def compare() -> Comparison:
    return Comparison.of(database_fingerprints(), index_fingerprints())


def repair(page_ids: list[int], batch_size: int = BATCH_SIZE) -> None:
    """Rewrite these pages: index the missing and stale, delete the extra."""
    for start in range(0, len(page_ids), batch_size):
        write(page_ids[start : start + batch_size], refresh=True)

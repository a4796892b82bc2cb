"""A 3-node Elasticsearch cluster with one replica: losing a node loses no search result.

The module starts a cluster of its own on loopback (bin/es-cluster-up, free ports), loads
the demo network and rebuilds the index into it, then kills the node that holds the
index's primary shard and searches again through the portal's search service, which
knows the three nodes' addresses (ELASTICSEARCH_URL) and must skip the dead one.
Restarted, the node rejoins and the cluster returns to green; the times go to docs/reliability.md.
Slow (three node starts and one restart); deselect with ``-m "not cluster"``.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from search import es
from search.service import FALLBACK_NOTICE, SearchFilters, search

pytestmark = [pytest.mark.cluster, pytest.mark.django_db]

NODES = 3
START_SECONDS = 300
GREEN_SECONDS = 300
# What readers search for: common and rare words, several languages, with and without filters.
SEARCHES = [
    ("exercise", SearchFilters()),
    ("exercise", SearchFilters(types=("practice",))),
    ("crisis communication", SearchFilters()),
    ("victims", SearchFilters()),
    ("radicalisation", SearchFilters(types=("research",))),
    ("online threats", SearchFilters()),
    ("vehicle", SearchFilters()),
    ("krisledning", SearchFilters()),
    ("víctimas", SearchFilters()),
]


class Cluster:
    """The nodes bin/es-cluster-up starts on free ports in a directory of their own."""

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="ctpn-es-cluster-"))
        http, transport = free_ports(NODES), free_ports(NODES)
        self.env = {
            **os.environ,
            "ES_CLUSTER_DIR": str(self.directory),
            "ES_CLUSTER_NAME": f"ctpn-test-cluster-{os.getpid()}",
            "ES_CLUSTER_HTTP_PORTS": ",".join(map(str, http)),
            "ES_CLUSTER_TRANSPORT_PORTS": ",".join(map(str, transport)),
        }
        self.names = [f"{self.env['ES_CLUSTER_NAME']}-{n}" for n in range(1, NODES + 1)]
        self.urls = dict(zip(self.names, (f"http://127.0.0.1:{port}" for port in http), strict=True))

    def up(self) -> None:
        """Start every node that is not running, and return once all have joined."""
        script = Path(settings.BASE_DIR) / "bin" / "es-cluster-up"
        done = subprocess.run([script], env=self.env, capture_output=True, text=True, timeout=START_SECONDS)  # noqa: S603
        assert done.returncode == 0, done.stderr

    def kill(self, name: str) -> None:
        """SIGKILL: the node dies as on a power cut, without leaving the cluster politely."""
        pid = int((self.directory / f"node-{self.names.index(name) + 1}" / "es.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while running(pid):
            assert time.monotonic() < deadline, f"{name} survived SIGKILL"
            time.sleep(0.05)

    def down(self) -> None:
        script = Path(settings.BASE_DIR) / "bin" / "es-cluster-down"
        subprocess.run([script, self.directory], timeout=START_SECONDS, check=False)  # noqa: S603
        shutil.rmtree(self.directory, ignore_errors=True)


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


def running(pid: int) -> bool:
    """The process exists and is not a zombie (dead, waiting for its parent to collect it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def cluster():
    cluster = Cluster()
    try:
        cluster.up()
        yield cluster
    finally:
        cluster.down()


@dataclass(frozen=True)
class Seen:
    """What a reader gets for one search: the total, every hit over every page, the facet counts."""

    total: int
    page_ids: frozenset[int]
    facets: tuple


def everything_found(query: str, filters: SearchFilters, user) -> Seen:
    """Every page of results through the portal's search service, which must answer from Elasticsearch."""
    page, after, ids = 1, None, []
    while True:
        results = search(query, filters, user, page=page, per_page=settings.SEARCH_MAX_PAGE_SIZE, after=after)
        assert results.backend == "elasticsearch" and not results.fell_back, (query, filters)
        ids += [hit.page_id for hit in results.hits]
        if not results.next_after:
            break
        page, after = page + 1, results.next_after
    facets = tuple((facet.name, value.value, value.count) for facet in results.facets for value in facet.values)
    assert len(ids) == results.total  # every hit was reached
    return Seen(results.total, frozenset(ids), facets)


def seen_by(readers: dict) -> dict:
    return {
        (reader, query, filters): everything_found(query, filters, user)
        for reader, user in readers.items()
        for query, filters in SEARCHES
    }


def health(**wait) -> dict:
    return es.client().options(request_timeout=GREEN_SECONDS + 30).cluster.health(**wait)


@pytest.fixture
def demo_network(cluster, settings, uncached):
    """The demo content, indexed into the cluster with one replica, the cluster green."""
    # A busy machine (three nodes beside the suite's) can take more than 5 s to create an index.
    urls = ",".join(cluster.urls.values())
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": urls, "REPLICAS": 1, "TIMEOUT": 30}
    call_command("seed_demo", stdout=io.StringIO())
    call_command("search_index", "rebuild", stdout=io.StringIO(), stderr=io.StringIO())
    assert health(wait_for_status="green", timeout=f"{GREEN_SECONDS}s")["status"] == "green"


def primary_holder() -> str:
    (index,) = es.client().indices.get_alias(name=es.alias())
    shards = es.client().cat.shards(index=index, format="json")
    assert sorted(shard["prirep"] for shard in shards) == ["p", "r"]  # one primary, one replica
    assert len({shard["node"] for shard in shards}) == 2  # on two nodes
    return next(shard["node"] for shard in shards if shard["prirep"] == "p")


def test_losing_a_node_loses_no_search_result(cluster, demo_network, member, client, caplog, drill):
    readers = {"anonymous": AnonymousUser(), "member": member}
    before = seen_by(readers)
    assert not [key for key, seen in before.items() if key[0] == "member" and not seen.total]  # each finds something
    members_see_more = [key for key in before if key[0] == "member" and before[key] != before[("anonymous", *key[1:])]]
    assert members_see_more  # members-only resources are among the results

    victim = primary_holder()
    killed = time.monotonic()
    cluster.kill(victim)

    # At once, before the cluster has noticed, and once it has: the same results. The
    # portal sends its requests to the nodes in turn, so it met the dead one and went on.
    assert seen_by(readers) == before
    assert f"{cluster.urls[victim]})> has failed" in caplog.text
    response = client.get("/search/", {"q": "exercise"})
    assert response.status_code == 200 and FALLBACK_NOTICE not in response.content.decode()
    while health()["number_of_nodes"] == NODES:
        assert time.monotonic() - killed < GREEN_SECONDS, "the cluster never noticed the node had gone"
        time.sleep(0.2)
    noticed = time.monotonic() - killed
    assert health()["status"] in ("yellow", "green")  # the replica took over: no shard is lost
    assert seen_by(readers) == before
    assert client.get("/healthz").json()["status"] == "ok"

    restarted = time.monotonic()
    cluster.up()
    joined = time.monotonic() - restarted
    state = health(wait_for_status="green", wait_for_nodes=NODES, timeout=f"{GREEN_SECONDS}s")
    green = time.monotonic() - restarted
    assert state["status"] == "green" and state["number_of_nodes"] == NODES
    assert seen_by(readers) == before

    drill.figure("searches compared with those before the kill (visitor and member)", 3 * len(before))
    drill.figure("node killed", f"{victim}, holding the primary (kill -9)")
    drill.figure("searches that changed or failed", 0)
    drill.figure("dead node dropped by the cluster after", f"{noticed:.1f} s")
    drill.figure("restarted node rejoined after", f"{joined:.1f} s")
    drill.figure("cluster green after the restart", f"{green:.1f} s")

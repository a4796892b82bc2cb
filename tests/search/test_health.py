"""/healthz tells a monitor whether the database and search answer, without naming any content."""

import socket

import pytest

from search import es


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_embedded_default_reports_database_search(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "search": {"backend": "database", "status": "ok", "queued_updates": 0},
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_elasticsearch_up(client, elasticsearch):
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["search"]["backend"] == "elasticsearch"
    assert body["search"]["status"] == "ok"


@pytest.mark.django_db
def test_elasticsearch_down_is_degraded_not_down(client, settings):
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": f"http://127.0.0.1:{closed_port()}"}
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["search"]["status"] == "unavailable"


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_an_index_without_its_primary_shard_is_degraded(client, settings):
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": settings.TEST_ELASTICSEARCH_URL, "INDEX": "ctpn-red"}
    nowhere = {"index.routing.allocation.require._name": "no-such-node", "number_of_replicas": 0}
    es.client().indices.create(index="ctpn-red-1", settings=nowhere, aliases={"ctpn-red": {}}, wait_for_active_shards=0)
    try:
        body = client.get("/healthz").json()
    finally:
        es.client().indices.delete(index="ctpn-red-1")
    assert body["status"] == "degraded"
    assert body["search"] == {"backend": "elasticsearch", "status": "unavailable", "queued_updates": 0}

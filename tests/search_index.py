"""Search backends for tests, in every folder (a plugin of tests/conftest.py): the real
Elasticsearch at ELASTICSEARCH_URL (`make test` starts one), with an index of this test run's
own, emptied before each test that asks for it; ``search_backend`` runs a test on each backend,
``backend`` over the test module's own ``corpus`` fixture."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import override_settings
from elasticsearch.helpers import bulk

from search import es, indexing


class SearchIndex:
    """The test's view of the index: put pages in it as the worker would, then search."""

    def add(self, *pages) -> None:
        indexing.write([page.pk for page in pages], refresh=True)

    def add_all(self) -> None:
        indexing.write(indexing.indexed_pages().values_list("pk", flat=True), refresh=True)


@pytest.fixture
def requests_sent(elasticsearch, monkeypatch):
    """Every request the portal sends to Elasticsearch from now on, as (method, path); the real
    server answers each one."""
    transport = es.client().transport
    sent, send = [], transport.perform_request

    def recording(method, target, *args, **kwargs):
        sent.append((method, target.split("?")[0]))
        return send(method, target, *args, **kwargs)

    monkeypatch.setattr(transport, "perform_request", recording)
    return sent


@pytest.fixture
def elasticsearch(settings):
    """Switch the portal to Elasticsearch for one test, on an empty index."""
    url = getattr(settings, "TEST_ELASTICSEARCH_URL", "")
    if not url:
        pytest.fail("Elasticsearch tests need ELASTICSEARCH_URL; `make test` starts a node and sets it.")
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": url}
    _empty_index()
    yield SearchIndex()
    _session_indexes.add(settings.ELASTICSEARCH["INDEX"])


_session_indexes: set[str] = set()


def _empty_index() -> None:
    """An index with no documents: the one of the last test emptied in place when it is
    the only one behind the alias (much faster than a new index), else a new one."""
    client = es.client()
    behind_alias = client.indices.get_alias(name=es.alias()) if client.indices.exists_alias(name=es.alias()) else {}
    others = client.indices.get(index=f"{es.alias()}-*", ignore_unavailable=True, allow_no_indices=True)
    if len(behind_alias) == 1 and set(others) == set(behind_alias):
        # (The minimal distribution has no delete-by-query: delete the few documents by id.)
        hits = client.search(index=es.alias(), size=10_000, source=False, query={"match_all": {}})["hits"]["hits"]
        actions = [{"_op_type": "delete", "_index": hit["_index"], "_id": hit["_id"]} for hit in hits]
        bulk(client, actions, refresh=True, raise_on_error=False)
    else:
        indexing.delete_all_indexes()
        indexing.ensure_index()


@pytest.fixture(scope="session", autouse=True)
def _remove_test_indexes():
    """Leave no index of this run behind on the server."""
    yield
    url = getattr(django_settings, "TEST_ELASTICSEARCH_URL", "")
    for index in _session_indexes:
        with override_settings(ELASTICSEARCH={**django_settings.ELASTICSEARCH, "URL": url, "INDEX": index}):
            indexing.delete_all_indexes()


@pytest.fixture(params=["database", "elasticsearch"])
def search_backend(request):
    """Run a test once on each backend; the Elasticsearch run starts from an empty index
    and indexes every indexable page when the test calls ``search_backend.sync()``."""
    if request.param == "elasticsearch":
        index = request.getfixturevalue("elasticsearch")
        return Backend("elasticsearch", index.add_all)
    return Backend("database", lambda: None)


@pytest.fixture
def backend(db, corpus, search_backend):
    """Each backend in turn over the module's own ``corpus`` fixture, indexed."""
    search_backend.sync()
    return search_backend


class Backend:
    def __init__(self, name, sync):
        self.name = name
        self.sync = sync

    def __repr__(self):
        return self.name


def pytest_collection_modifyitems(items):
    """Mark every test that uses Elasticsearch, so a run without it can leave them out (-m "not elasticsearch")."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_backend = callspec is not None and callspec.params.get("search_backend") == "elasticsearch"
        if on_backend or "elasticsearch" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.elasticsearch)

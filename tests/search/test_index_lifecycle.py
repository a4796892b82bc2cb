"""manage.py search_index: rebuild behind the alias while searches keep answering,
and status / update comparing the index with the database."""

from __future__ import annotations

import io
import threading

import pytest
from django.core.management import CommandError, call_command

from search import es, indexing, lifecycle
from tests.conftest import make_practice, restrict_to_members
from tests.search.worker import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def practices(elasticsearch, stockholm):
    pages = [make_practice(stockholm, f"Practice {n}", f"practice-{n}") for n in range(12)]
    run_worker()
    return pages


def versioned_indexes() -> list[str]:
    return sorted(es.client().indices.get(index=f"{es.alias()}-*"))


def search_index(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("search_index", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


class SearchLoop(threading.Thread):
    """Searches the alias over and over, noting every total and error, until stopped."""

    def __init__(self):
        super().__init__(daemon=True)
        self.totals, self.errors, self.stopping = [], [], threading.Event()

    def run(self):
        while not self.stopping.is_set():
            try:
                response = es.client().search(index=es.alias(), query={"match": {"title_en": "practice"}})
                self.totals.append(response["hits"]["total"]["value"])
            except Exception as error:  # any failure is what the test looks for
                self.errors.append(error)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.join()


def test_rebuild_swaps_the_alias_while_searches_keep_answering(practices):
    old_indexes = versioned_indexes()
    with SearchLoop() as loop:
        out, err = search_index("rebuild")
    assert loop.errors == []
    assert len(loop.totals) > 5 and set(loop.totals) == {12}  # every practice, every time
    assert "13/13 pages" in err and "docs/s" in out  # the practices and their city

    behind_alias = list(es.client().indices.get_alias(name=es.alias()))
    assert versioned_indexes() == behind_alias and behind_alias != old_indexes
    assert not es.client().indices.exists_alias(name=es.next_alias())


def test_updates_made_during_a_rebuild_reach_the_new_index(practices):
    """A page changed after the rebuild read it: the worker's update goes to the new index
    too (through the -next alias), and the rebuild's older read does not overwrite it."""
    first = practices[0]

    def change_first_page(done, total):
        if done == 4:
            first.title = "Changed while rebuilding"
            first.save_revision().publish()
            run_worker()

    lifecycle.rebuild(change_first_page, batch_size=4)
    es.client().indices.refresh(index=es.alias())
    assert es.client().get(index=es.alias(), id=first.pk)["_source"]["title_en"] == "Changed while rebuilding"

    # Once the rebuild is over, an update does not recreate the -next alias as an index.
    indexing.write([first.pk])
    assert not es.client().indices.exists(index=es.next_alias())
    assert len(versioned_indexes()) == 1


def test_rebuild_creates_the_index_when_there_is_none(practices):
    indexing.delete_all_indexes()
    search_index("rebuild")
    assert es.client().count(index=es.alias())["count"] == 13


def test_status_reports_missing_stale_and_extra_pages_and_update_repairs_them(practices, stockholm):
    out, _ = search_index("status")
    assert "Missing: 0\nStale: 0\nExtra: 0" in out

    # Changes whose queued updates the worker has not run yet.
    missing = make_practice(stockholm, "New practice", "new-practice")
    stale = practices[1]
    stale.title = "Retitled"
    stale.save_revision().publish()
    extra = practices[2]
    extra.unpublish()

    with pytest.raises(CommandError, match="differs from the database on 3 pages"):
        search_index("status")
    out, _ = search_index("update")
    assert f"Missing: 1 (page ids {missing.pk})" in out
    assert f"Stale: 1 (page ids {stale.pk})" in out
    assert f"Extra: 1 (page ids {extra.pk})" in out
    assert out.endswith("Missing: 0\nStale: 0\nExtra: 0\n")
    assert "Missing: 0\nStale: 0\nExtra: 0" in search_index("status")[0]


def test_a_changed_audience_makes_a_page_stale(practices, stockholm):
    """Privacy is part of what status compares, not only the page's own revision."""
    restrict_to_members(stockholm)
    comparison = lifecycle.compare()
    assert len(comparison.stale) == 13 and not comparison.missing and not comparison.extra


def test_database_option_rebuilds_the_database_index_beside_elasticsearch(practices):
    """With Elasticsearch on, --database reaches the database's own index and leaves Elasticsearch's alone."""
    from search.models import IndexEntry

    IndexEntry.objects.all().delete()
    before = versioned_indexes()
    out, _err = search_index("rebuild", "--database")
    assert "Rebuilt the database index: 13 pages" in out  # the city and its 12 practices
    assert IndexEntry.objects.count() == 13
    assert versioned_indexes() == before
    out, _err = search_index("status", "--database")
    assert "Database: 13 pages to index; index: 13 documents" in out and "Missing: 0" in out


@pytest.fixture
def one_replica(settings, practices):
    """ELASTICSEARCH_REPLICAS=1 on the suite's single node; the index gets none again afterwards."""
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "REPLICAS": 1}
    yield
    es.client().indices.put_settings(index=es.alias(), settings={"index": {"number_of_replicas": 0}})


def test_a_rebuild_wanting_more_replicas_than_nodes_finishes_and_says_so(one_replica, caplog):
    """One node cannot hold a replica: the rebuild does not wait for one, warns, and the index answers."""
    out, _ = search_index("rebuild")
    (index,) = versioned_indexes()
    assert "Rebuilt" in out
    assert es.client().indices.get_settings(index=index)[index]["settings"]["index"]["number_of_replicas"] == "1"
    assert f"{index}: ELASTICSEARCH_REPLICAS=1 needs 2 data nodes, the cluster has 1" in caplog.text
    assert es.client().count(index=es.alias())["count"] == 13

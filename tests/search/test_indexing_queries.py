"""Writing many pages to the index reads the database a fixed number of times, however
many pages there are: restrictions, themes, cities and attachment text are read per batch."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from resources.models import PracticeAttachment
from search import dbindex, indexing
from tests.conftest import make_practice, restrict_to_members
from tests.factories import EventPageFactory, ResearchPageFactory, make_document, members_only_collection

pytestmark = pytest.mark.django_db


def _pages(city, tree, count: int, files) -> list[int]:
    """``count`` pages of each kind, each practice with an open and a members-only file."""
    ids = []
    for n in range(count):
        practice = make_practice(city, f"Practice {n}", f"practice-{n}", start_date=datetime.date(2020, 1, 1))
        for document in files:
            PracticeAttachment.objects.create(page=practice, document=document)
        research_page = ResearchPageFactory(parent=tree["research"], title=f"Research {n}")
        research_page.cities.add(city)
        event = EventPageFactory(parent=tree["events"], title=f"Event {n}", host_city=city)
        ids += [practice.pk, research_page.pk, event.pk]
    return ids


def _queries_to_build(ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as queries:
        documents = indexing.documents_for(Page.objects.filter(pk__in=ids).specific())
    assert all(documents.values())
    return len(queries)


def test_documents_for_many_pages_cost_the_same_queries_as_for_a_few(site_tree, stockholm):
    restrict_to_members(stockholm)
    files = [
        make_document("Open plan", "open.txt", b"The kestrel team opens the gates."),
        make_document("Roster", "roster.txt", b"Quillwort roster.", members_only_collection()),
    ]
    ids = _pages(stockholm, site_tree, 17, files)
    indexing.documents_for(Page.objects.filter(pk__in=ids).specific())  # extract the files' text once
    few, many = _queries_to_build(ids[:10]), _queries_to_build(ids)
    assert few == many
    document = indexing.documents_for(Page.objects.filter(pk=ids[0]).specific())[ids[0]]
    assert document["audiences"] == ["members"]
    assert [entry["audiences"] for entry in document["files"]] == [["members"], ["members"]]
    assert "kestrel" in document["files"][0]["text_en"]


def _queries_to_write_rows(ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as queries:
        dbindex.write(ids)
    return len(queries)


def test_database_index_rows_for_many_pages_cost_the_same_queries_as_for_a_few(site_tree, stockholm):
    files = [make_document("Open plan", "open.txt", b"The kestrel team opens the gates.")]
    ids = _pages(stockholm, site_tree, 17, files)
    indexing.documents_for(Page.objects.filter(pk__in=ids).specific())  # extract the file's text once
    assert _queries_to_write_rows(ids[:10]) == _queries_to_write_rows(ids)
    assert "kestrel" in dbindex.IndexEntry.objects.get(page_id=ids[0]).attachments


def _publish_queries(page, number: int) -> list[str]:
    """The SQL of publishing a new revision of ``page``, as an editor does."""
    page.summary = f"Revised {number}."
    with CaptureQueriesContext(connection) as queries:
        page.save_revision().publish()
    return [query["sql"] for query in queries.captured_queries]


def _practices(city, first: int, count: int) -> list:
    return [make_practice(city, f"Practice {n}", f"practice-{n}") for n in range(first, first + count)]


def test_publishing_a_page_runs_the_same_queries_however_many_pages_there_are(site_tree, stockholm):
    page, *_ = _practices(stockholm, 0, 3)
    _publish_queries(page, 0)  # the first revision
    few = len(_publish_queries(page, 1))
    _practices(stockholm, 3, 30)
    assert len(_publish_queries(page, 2)) == few
    assert list(Page.objects.search("Practice 0")) == [Page.objects.get(pk=page.pk)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's query plans")
def test_no_query_of_a_publish_reads_a_whole_search_index(site_tree, stockholm):
    """With sequential scans priced out, a plan still scans a table only if no index serves the query:
    such a query costs more with every page the site holds. (The page tables are left out here: in a
    freshly migrated test database PostgreSQL may not use some of their indexes yet.)"""
    page, *_ = _practices(stockholm, 0, 5)
    _publish_queries(page, 0)
    statements = [sql for sql in _publish_queries(page, 1) if sql.lstrip().startswith(("SELECT", "UPDATE", "DELETE"))]
    growing = ("wagtailsearch_indexentry", "search_indexentry", "search_indexvalue")
    scans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for sql in statements:
            cursor.execute(f"EXPLAIN {sql}")
            plan = " ".join(row[0] for row in cursor.fetchall())
            scans += [(table, sql) for table in growing if f"Seq Scan on {table} " in plan + " "]
    assert scans == []

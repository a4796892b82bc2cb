"""The durable queue of index updates (django-tasks, database backend "search").

A task carries page ids only; the worker (``manage.py db_worker --backend search
--queue-name search``) brings the index in line with whatever those pages are
when it runs. When Elasticsearch cannot be reached the task queues itself again
for later (10 s, doubling up to 5 minutes) and ends normally, so an outage
delays updates but loses none.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.utils import timezone
from django_tasks import task
from elasticsearch import ApiError, TransportError

from search import dbindex, es, indexing

logger = logging.getLogger(__name__)

RETRY_FIRST_SECONDS = 10
RETRY_MAX_SECONDS = 300
# Ids per task: a change near the top of the tree (a move, a privacy change)
# becomes several tasks of bounded size rather than one huge one.
IDS_PER_TASK = 500


def enqueue(page_ids: Iterable[int], written: Iterable[int] = ()) -> None:
    """Rewrite these pages in the database's search index now, and queue an Elasticsearch
    update for them, both in the caller's transaction (so they happen if and only if the
    change is committed; search.dbindex says why the database's is not left to a worker).
    ``written``: pages the caller has just written to the database's index itself."""
    ids = sorted(set(page_ids))
    dbindex.write(set(ids) - set(written))
    if not es.enabled():
        return
    for start in range(0, len(ids), IDS_PER_TASK):
        update_index.enqueue(ids[start : start + IDS_PER_TASK])


def unreachable(error: Exception) -> bool:
    """Whether ``error`` means Elasticsearch is down or overloaded (try again) rather than a bug."""
    if isinstance(error, ApiError):
        return error.status == 429 or error.status >= 500
    return isinstance(error, TransportError | indexing.IndexUnavailable)


def retry_delay(attempt: int) -> int:
    return min(RETRY_FIRST_SECONDS * 2**attempt, RETRY_MAX_SECONDS)


@task(backend="search", queue_name="search")
def update_index(page_ids: list[int], attempt: int = 0) -> int:
    """Index or delete each page as it is now; returns how many pages were written."""
    if not es.enabled():
        return 0
    try:
        indexing.write(page_ids)
    except Exception as error:
        if not unreachable(error):
            raise
        delay = retry_delay(attempt)
        reason = type(error).__name__
        logger.warning("Elasticsearch unavailable (%s); %d page updates retried in %d s", reason, len(page_ids), delay)
        later = update_index.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
        later.enqueue(page_ids, attempt=attempt + 1)
        return 0
    dbindex.write(page_ids)  # with the attachment text just extracted
    return len(page_ids)

"""The durable queue of index updates (django-tasks, database backend "search").

A task carries page ids only; the worker (``manage.py db_worker --backend search
--queue-name search``) brings the index in line with whatever those pages are
when it runs. When Elasticsearch cannot be reached the task queues itself again
for later (10 s, doubling up to 5 minutes) and ends normally, so an outage
delays updates but loses none. A task whose worker died while running it (killed,
out of memory, machine lost) stays ``RUNNING``, and django-tasks-db never runs it
again: ``requeue_stalled`` puts it back, and every worker calls it (see
search/management/commands/db_worker.py).
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
from collections.abc import Iterable

from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from elasticsearch import ApiError, TransportError

from search import dbindex, es, indexing

logger = logging.getLogger(__name__)

RETRY_FIRST_SECONDS = 10
RETRY_MAX_SECONDS = 300
# Ids per task: a change near the top of the tree (a move, a privacy change)
# becomes several tasks of bounded size rather than one huge one.
IDS_PER_TASK = 500
# A task RUNNING this long is taken for one whose worker died, wherever that worker ran:
# far longer than an update of IDS_PER_TASK pages takes, and running again an update
# that was merely slow does no harm.
STALLED_SECONDS = 15 * 60


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


def queued_page_ids() -> set[int]:
    """Pages whose Elasticsearch update is queued or running: what searches may not find yet.
    None without Elasticsearch (the database's index is written with the page, ``enqueue``)."""
    if not es.enabled():
        return set()
    queued = DBTaskResult.objects.filter(
        task_path=update_index.module_path, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )
    return {pk for args in queued.values_list("args_kwargs", flat=True) for pk in _page_ids(args)}


def _page_ids(args_kwargs: dict) -> list[int]:
    """The page ids of one queued ``update_index(page_ids, attempt)`` call."""
    args, kwargs = args_kwargs.get("args") or [], args_kwargs.get("kwargs") or {}
    ids = args[0] if args else kwargs.get("page_ids", [])
    return [pk for pk in ids if isinstance(pk, int)]


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


def worker_id() -> str:
    """An id for a worker process that says where it runs: ``<host>:<pid>:<random>``
    (django-tasks-db keeps the ids of the workers that ran a task in its row)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(12)}"


def is_dead(worker: str, mine: str) -> bool:
    """Whether ``worker`` (an id from ``worker_id``) ran on this machine in a process that has gone."""
    host, _, rest = worker.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname()[:40] or not pid.isdigit() or worker == mine:
        return False
    if int(pid) == os.getpid():  # an earlier worker with the pid now mine (a restarted container)
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, under another user
        return False
    return False


def requeue_stalled(backend: str, mine: str) -> int:
    """Put back in the queue the tasks a dead worker left RUNNING: at once when it ran on
    this machine, else after STALLED_SECONDS. Returns how many."""
    running = DBTaskResult.objects.filter(backend_name=backend, status=TaskResultStatus.RUNNING)
    cutoff = timezone.now() - datetime.timedelta(seconds=STALLED_SECONDS)
    stalled = [
        row.pk
        for row in running.only("pk", "started_at", "worker_ids")
        if row.started_at < cutoff or (row.worker_ids and is_dead(row.worker_ids[-1], mine))
    ]
    # Still RUNNING: a task that has just finished keeps its result.
    count = running.filter(pk__in=stalled).update(status=TaskResultStatus.READY) if stalled else 0
    if count:
        logger.warning("%d tasks left running by a worker that died are queued again", count)
    return count

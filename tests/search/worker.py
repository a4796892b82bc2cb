"""Run the real index worker (``db_worker``: django-tasks-db's, with search's requeue of stalled tasks) in a test."""

from __future__ import annotations

import time
from unittest import mock

from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from search import es


def queued():
    """Index updates waiting in the queue (due now or later)."""
    return DBTaskResult.objects.filter(backend_name="search", status=TaskResultStatus.READY)


def run_worker(*, wait: bool = False, refresh: bool = True) -> None:
    """Run ``db_worker --backend search --queue-name search --batch``: every due task, then return.

    The worker closes "old" database connections between tasks, which inside a
    test's transaction would close the test's own; Django's test client keeps
    them open the same way (it disconnects close_old_connections for its requests).
    ``wait``: first sleep until the queued retries are due; ``refresh``: make the
    worker's writes visible to searches (off while Elasticsearch is down).
    """
    if wait and (later := queued().order_by("run_after").values_list("run_after", flat=True).last()):
        time.sleep(max(0.0, (later - timezone.now()).total_seconds()))
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker", "--backend", "search", "--queue-name", "search", "--batch", "--no-startup-delay", verbosity=0
        )
    if refresh and es.enabled():
        es.client().indices.refresh(index=es.alias())

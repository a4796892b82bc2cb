"""manage.py db_worker: django-tasks-db's worker, which also puts back in the queue the
tasks a worker that died left RUNNING (search.tasks.requeue_stalled).

It takes the library's command's place (as django.contrib.staticfiles does Django's
runserver), so every way the worker is started gets it: when it starts, and then every
minute while it runs, it requeues the tasks of its backend that a dead worker on this
machine left, and those RUNNING for longer than search.tasks.STALLED_SECONDS.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import DatabaseError, connection
from django_tasks_db.management.commands import db_worker

from search.tasks import requeue_stalled, worker_id

logger = logging.getLogger(__name__)

CHECK_SECONDS = 60


class Command(db_worker.Command):
    help = "Run the database task worker; tasks a dead worker left running are queued again."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_id())

    def handle(self, *args, backend_name, worker_id, batch, **options):
        requeue_stalled(backend_name, worker_id)
        if not batch:  # a --batch run ends when the queue is empty, and checks once
            watch = threading.Thread(target=check_every_minute, args=(backend_name, worker_id), daemon=True)
            watch.start()
        super().handle(*args, backend_name=backend_name, worker_id=worker_id, batch=batch, **options)


def check_every_minute(backend_name: str, worker_id: str) -> None:
    """For as long as the worker runs: a worker on another machine may die at any time."""
    while True:
        time.sleep(CHECK_SECONDS)
        try:
            requeue_stalled(backend_name, worker_id)
        except DatabaseError:
            logger.warning("Could not check for tasks left running by a dead worker", exc_info=True)
        finally:
            connection.close()  # this thread's own connection

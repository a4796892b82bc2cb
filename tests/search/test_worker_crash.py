"""The index worker killed in the middle of a batch: on restart every queued update is
applied, and applied once.

The worker is the real one (``manage.py db_worker``) in a process of its own, on this
test's database and Elasticsearch index, so the test is transactional (the worker must
see the queued updates committed). It is killed with SIGKILL while it runs an update,
which django-tasks-db leaves RUNNING; the worker started next puts it back in the queue
(search.tasks.requeue_stalled) and runs the rest.
"""

from __future__ import annotations

import datetime
import io
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from search import es, tasks
from tests.conftest import make_practice, restore_migrated_data
from tests.portal.test_hardening import database_url
from tests.search.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PRACTICES = 100
REVISED = 30
WAIT_SECONDS = 180


def start_worker() -> subprocess.Popen:
    """``manage.py db_worker`` for the search queue, as bin/serve starts it, on this test's
    database and index."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": database_url(),
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH["URL"],
        "ELASTICSEARCH_INDEX": settings.ELASTICSEARCH["INDEX"],
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    command = [sys.executable, "manage.py", "db_worker", "--backend", "search", "--queue-name", "search"]
    command += ["--no-reload", "--no-startup-delay", "--interval", "0.2", "--verbosity", "0"]
    return subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)  # noqa: S603 - fixed arguments


def statuses() -> dict[str, int]:
    rows = DBTaskResult.objects.filter(backend_name="search")
    return {status: rows.filter(status=status).count() for status in TaskResultStatus.values}


def wait_for(condition, worker: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert worker.poll() is None, f"the worker exited ({worker.returncode}) before {what}"
        assert time.monotonic() < deadline, f"no {what} within {WAIT_SECONDS} s: {statuses()}"
        time.sleep(0.02)


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()
        worker.wait(timeout=30)


def kill_while_running(total: int) -> DBTaskResult:
    """Start the worker and SIGKILL it while it runs an update, once a third of the batch is
    done; returns that update. Should the kill land between two updates, start it again."""
    for _ in range(3):
        worker = start_worker()
        try:
            wait_for(
                lambda: (s := statuses())[TaskResultStatus.SUCCESSFUL] >= total // 3 and s[TaskResultStatus.RUNNING],
                worker,
                "third of the batch done",
            )
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=30)
        finally:
            stop(worker)
        if interrupted := DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).first():
            return interrupted
    pytest.fail("the worker was never killed in the middle of an update")


@pytest.fixture(scope="module", autouse=True)
def _migrated_data_outlives_the_module(django_db_setup, django_db_blocker):
    """The tests are transactional and end with a flush: put back what the migrations made."""
    yield
    restore_migrated_data(django_db_blocker)


@pytest.fixture
def batch(elasticsearch, stockholm):
    """Many queued updates: new practices, then a second version of some of them."""
    practices = [make_practice(stockholm, f"Exercise {n}", f"exercise-{n}") for n in range(PRACTICES)]
    for practice in practices[:REVISED]:
        practice.title = f"{practice.title}, revised"
        practice.save_revision().publish()
    return [stockholm, *practices]


def test_a_worker_killed_mid_batch_loses_no_update_and_repeats_only_the_one_it_was_running(batch, drill):
    total = DBTaskResult.objects.filter(backend_name="search").count()
    assert statuses()[TaskResultStatus.READY] == total >= PRACTICES + REVISED

    interrupted = kill_while_running(total)
    at_kill = statuses()
    assert at_kill[TaskResultStatus.READY] > 0
    drill.figure("updates queued", f"{total} tasks (one page each)")
    drill.figure("killed after", f"{at_kill[TaskResultStatus.SUCCESSFUL]} of {total} tasks, one of them running")

    restarted = start_worker()
    started = time.monotonic()
    try:
        wait_for(lambda: statuses()[TaskResultStatus.SUCCESSFUL] == total, restarted, "empty queue")
        drained = time.monotonic() - started
    finally:
        stop(restarted)
    drill.figure("queue drained after restart", f"{drained:.1f} s (worker start included)")

    # Every update ran to the end once; the one the dead worker was running, once more.
    rows = list(DBTaskResult.objects.filter(backend_name="search"))
    assert len(rows) == total, "no update was queued twice"
    assert {row.status for row in rows} == {TaskResultStatus.SUCCESSFUL}
    assert all(row.return_value == len(row.args_kwargs["args"][0]) for row in rows)
    ran_twice = [row for row in rows if len(row.worker_ids) > 1]
    assert [row.pk for row in ran_twice] == [interrupted.pk]
    assert ran_twice[0].worker_ids[0] == interrupted.worker_ids[0] != ran_twice[0].worker_ids[1]
    drill.figure("updates run again after the restart", len(ran_twice))

    # Each page's latest version is in the index, written by the last update naming it.
    client = es.client()
    client.indices.refresh(index=es.alias())
    assert_latest_versions(batch, rows, client)
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    assert "Missing: 0\nStale: 0\nExtra: 0" in out.getvalue()
    drill.figure("search_index status after restart", "Missing: 0 Stale: 0 Extra: 0")


def assert_latest_versions(pages, rows, client) -> None:
    """Each document has the page's current title, one copy per page, and its write time
    (the external version, in microseconds) inside the run of the last update naming it:
    nothing wrote it again afterwards."""
    last_run = {}
    for row in sorted(rows, key=lambda row: row.finished_at):
        for pk in row.args_kwargs["args"][0]:
            last_run[pk] = row
    hits = client.search(index=es.alias(), size=1000, version=True, query={"match_all": {}})["hits"]["hits"]
    assert sorted(int(hit["_id"]) for hit in hits) == sorted(page.pk for page in pages)
    for hit in hits:
        page = next(page for page in pages if page.pk == int(hit["_id"]))
        page.refresh_from_db()
        assert hit["_source"]["title_en"] == page.title
        run = last_run[page.pk]
        written = datetime.datetime.fromtimestamp(hit["_version"] / 1e6, tz=datetime.UTC)
        assert run.started_at <= written <= run.finished_at, (page.title, written, run.started_at, run.finished_at)


def test_a_task_left_running_elsewhere_is_queued_again_after_the_timeout(elasticsearch, stockholm):
    practice = make_practice(stockholm, "Evacuation drill", "evacuation-drill")
    DBTaskResult.objects.filter(backend_name="search").delete()  # only the three below
    for _ in range(3):
        tasks.update_index.enqueue([practice.pk])
    long_ago = timezone.now() - datetime.timedelta(seconds=tasks.STALLED_SECONDS + 60)
    alive_here = f"{socket.gethostname()[:40]}:{os.getppid()}:x"  # this test's parent process
    lost, elsewhere, here = DBTaskResult.objects.order_by("enqueued_at")
    for row, started, worker in (
        (lost, long_ago, "elsewhere:4242:x"),
        (elsewhere, timezone.now(), "elsewhere:4242:x"),
        (here, timezone.now(), alive_here),
    ):
        row.status, row.started_at, row.worker_ids = TaskResultStatus.RUNNING, started, [worker]
        row.save()

    run_worker()

    for row in (lost, elsewhere, here):
        row.refresh_from_db()
    assert lost.status == TaskResultStatus.SUCCESSFUL and len(lost.worker_ids) == 2
    assert elsewhere.status == TaskResultStatus.RUNNING, "a task running on another machine for a minute is left alone"
    assert here.status == TaskResultStatus.RUNNING, "so is one a live process on this machine runs"
    assert es.client().get(index=es.alias(), id=practice.pk)["_source"]["title_en"] == "Evacuation drill"

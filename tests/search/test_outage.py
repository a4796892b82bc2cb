"""Elasticsearch stops: readers get database results with a notice, editors keep
publishing, and the queued index updates land once it is back.

This module starts an Elasticsearch node of its own (bin/elasticsearch-up), so it
can stop and restart it without disturbing the shared one. Slow (two node
starts); deselect with ``-m "not outage"``.
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
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from resources.demo.pdf import render_pdf
from resources.models import PracticeAttachment
from search import es, indexing
from search.service import FALLBACK_NOTICE, SearchFilters, search
from tests.conftest import make_practice, restrict_to_members
from tests.factories import EventPageFactory, ResearchPageFactory, make_document
from tests.search.worker import queued, run_worker

pytestmark = [pytest.mark.outage, pytest.mark.django_db]

START_SECONDS = 180


class Node:
    """One Elasticsearch node on a fixed port and data directory, stopped and started at will."""

    def __init__(self):
        self.data_dir = Path(tempfile.mkdtemp(prefix="ctpn-es-outage-"))
        self.port = free_port()
        self.url = ""

    def start(self) -> None:
        env = {**os.environ, "ES_DATA_DIR": str(self.data_dir), "ES_PORT": str(self.port)}
        script = Path(settings.BASE_DIR) / "bin" / "elasticsearch-up"
        done = subprocess.run(  # noqa: S603 - the project's own script
            [script], env=env, capture_output=True, text=True, timeout=START_SECONDS, check=True
        )
        self.url = done.stdout.strip().splitlines()[-1]

    def stop(self) -> None:
        pid_file = self.data_dir / "es.pid"
        if not pid_file.exists():
            return
        pid = int(pid_file.read_text())
        os.kill(pid, signal.SIGTERM)
        for _ in range(300):  # until the process has gone, and with it the port
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def node():
    node = Node()
    node.start()
    yield node
    node.stop()
    shutil.rmtree(node.data_dir, ignore_errors=True)


@pytest.fixture
def network(node, settings, site_tree, stockholm, barcelona):
    """A small network (cities, practices, one members-only, a PDF, research, an event),
    indexed by the worker on the module's own node."""
    # A node just started on a busy machine can take more than the usual 5 s to create an
    # index; a stopped node refuses connections at once whatever the timeout.
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": node.url, "TIMEOUT": 30}
    indexing.ensure_index()
    stockholm.save_revision().publish()
    barcelona.save_revision().publish()
    drill = make_practice(stockholm, "Shelter drill", "shelter-drill")
    guide = make_document("Drill guide", "guide.pdf", render_pdf("Drill guide", [("", ["Storerooms as shelters."])]))
    PracticeAttachment.objects.create(page=drill, document=guide)
    restrict_to_members(make_practice(barcelona, "Closed exercise", "closed-exercise"))
    ResearchPageFactory(parent=site_tree["research"], title="Sheltering in crowded places", cities=[stockholm])
    EventPageFactory(parent=site_tree["events"], title="Annual meeting", host_city=barcelona)
    for page in (drill, *site_tree.values()):
        page.save_revision().publish()
    run_worker()
    call_command("search_index", "status", stdout=io.StringIO())  # raises if anything is missing
    yield drill
    if es.client().ping():
        indexing.delete_all_indexes()


def test_an_outage_delays_index_updates_and_loses_none(node, network, client):
    practice = network
    node.stop()

    # Publishing still works; its index update waits in the queue.
    practice.title = "Shelter drill, revised after the exercise"
    practice.save_revision().publish()
    run_worker(refresh=False)
    retry = queued().get()
    assert retry.args_kwargs == {"args": [[practice.pk]], "kwargs": {"attempt": 1}}

    # Readers are answered from the database, and told so.
    results = search("shelter drill", SearchFilters(), AnonymousUser())
    assert results.fell_back and results.backend == "database"
    assert practice.pk in [hit.page_id for hit in results.hits]
    response = client.get("/search/", {"q": "shelter drill"})
    assert response.status_code == 200 and FALLBACK_NOTICE in response.content.decode()

    # Back up: the worker catches up once the retry is due, and the index matches the database.
    node.start()
    run_worker(wait=True)
    assert not queued().exists()
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    assert "Missing: 0\nStale: 0\nExtra: 0" in out.getvalue()
    assert es.client().get(index=es.alias(), id=practice.pk)["_source"]["title_en"] == practice.title

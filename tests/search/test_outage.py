"""Elasticsearch stops: readers get database results with a notice, editors keep
publishing, and the queued index updates land once it is back.

This module starts an Elasticsearch node of its own (bin/elasticsearch-up), so it
can stop and restart it without disturbing the shared one: once gracefully between
two steps, once with SIGKILL in the middle of a run of admin saves and searches
(the drill "es-outage" of docs/reliability.md). Slow (three node starts); deselect
with ``-m "not outage"``.
"""

from __future__ import annotations

import contextlib
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
from django.test import Client
from elasticsearch import TransportError

from resources.demo.pdf import render_pdf
from resources.models import PracticeAttachment, PracticePage
from search import es, indexing
from search.service import FALLBACK_NOTICE, SearchFilters, search
from tests.admin_forms import edit_url, practice_form
from tests.conftest import make_practice, restrict_to_members
from tests.factories import EventPageFactory, ResearchPageFactory, make_document
from tests.search.worker import queued, run_worker

pytestmark = [pytest.mark.outage, pytest.mark.django_db]

START_SECONDS = 180
ROUNDS = 8  # saves and searches; the node is killed before round KILLED_BEFORE
KILLED_BEFORE = 4


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

    def kill(self) -> None:
        """SIGKILL: the node dies at once, as on a power cut or the kernel's out-of-memory killer."""
        pid_file = self.data_dir / "es.pid"
        pid = int(pid_file.read_text())
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while running(pid):
            assert time.monotonic() < deadline, "the node survived SIGKILL"
            time.sleep(0.05)
        pid_file.unlink()  # a node stopped gracefully removes its pid file; a killed one cannot


def running(pid: int) -> bool:
    """The process exists and is not a zombie (dead, waiting for its parent to collect it)."""
    try:
        return "(zombie)" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


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
    # (Not ``ping()``: it asks for GET /, which the test distribution answers with 405.)
    with contextlib.suppress(TransportError):  # a node a failed test left down
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


class Run:
    """The drill's requests: an editor saving pages in the admin, a visitor and a member searching."""

    def __init__(self, editor, member):
        self.editor, self.visitor, self.member = (Client(raise_request_exception=False) for _ in range(3))
        self.editor.force_login(editor)
        self.member.force_login(member)
        self.statuses: list[int] = []
        self.saves_in_outage = self.database_answers = 0

    def save(self, page, title: str) -> None:
        """Publish a new title through the admin's edit form, as an editor does."""
        response = self.editor.post(edit_url(page), practice_form(title=title, slug=page.slug))
        self.statuses.append(response.status_code)
        assert response.status_code == 302, response.status_code  # back to the listing: saved
        page.refresh_from_db()
        assert page.live and page.title == title and not page.has_unpublished_changes

    def search(self, client, words: str) -> tuple[list[str], bool]:
        """The titles found, and whether the database answered (with the notice)."""
        response = client.get("/search/", {"q": words})
        self.statuses.append(response.status_code)
        assert response.status_code == 200, response.status_code
        results = response.context["results"]
        assert results.fell_back == (FALLBACK_NOTICE in response.content.decode())
        self.database_answers += results.fell_back
        return [hit.title for hit in results.hits], results.fell_back


def test_elasticsearch_killed_during_saves_and_searches(node, network, settings, stockholm, secretariat, member, drill):
    settings.SEARCH_FALLBACK_SECONDS = 5  # so that searches go back to the node soon after it is back
    public = make_practice(stockholm, "Flood barrier rehearsal", "flood-barrier-rehearsal")
    closed = PracticePage.objects.get(slug="closed-exercise")
    public.save_revision().publish()
    run_worker()
    run = Run(secretariat, member)

    for round_ in range(ROUNDS):
        down = round_ >= KILLED_BEFORE
        if round_ == KILLED_BEFORE:
            node.kill()
        run.save(public, f"Flood barrier rehearsal, round {round_}")
        run.save(closed, f"Closed exercise, round {round_}")
        run.saves_in_outage += 2 * down
        run_worker(refresh=not down)  # while the node is down its updates go back in the queue

        found, fell_back = run.search(run.visitor, "round")
        assert fell_back == down
        assert public.title in found and closed.title not in found  # members-only: never to a visitor
        found, fell_back = run.search(run.member, "round")
        assert fell_back == down and {public.title, closed.title} <= set(found)
    assert queued().count() >= run.saves_in_outage

    starting = time.monotonic()
    node.start()
    restarted = time.monotonic()
    drill.figure("node restart (bin/elasticsearch-up until yellow)", f"{restarted - starting:.0f} s")
    run_worker(wait=True)
    assert not queued().exists()
    drained = time.monotonic() - restarted
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    assert "Missing: 0\nStale: 0\nExtra: 0" in out.getvalue()
    for page in (public, closed):
        assert es.client().get(index=es.alias(), id=page.pk)["_source"]["title_en"] == page.title
    found, fell_back = run.search(run.member, "round")  # the fallback period is over: the node answers
    assert not fell_back and {public.title, closed.title} <= set(found)

    errors = [status for status in run.statuses if status >= 500]
    drill.figure("5xx responses", len(errors))
    assert not errors
    drill.figure(
        "requests",
        f"{len(run.statuses)} (admin saves and searches, the node killed before round {KILLED_BEFORE + 1} of {ROUNDS})",
    )
    drill.figure("admin saves while the node was down", f"{run.saves_in_outage}, all published")
    drill.figure("searches answered from the database", f"{run.database_answers}, each with the notice")
    drill.figure("queue drained after the node was back", f"{drained:.1f} s (the queued retries were due)")

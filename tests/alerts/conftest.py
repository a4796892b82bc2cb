"""Saved searches and their alert emails, on both search backends (tests/search/conftest.py)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alerts.choices import Frequency
from alerts.models import SavedSearch
from search import indexing
from tests.factories import PracticePageFactory
from tests.search.worker import run_worker

HOUR = datetime.timedelta(hours=1)


def published(parent, title: str, ago: datetime.timedelta, **fields):
    """A practice first published ``ago`` before now."""
    moment = timezone.now() - ago
    return PracticePageFactory(
        parent=parent, title=title, first_published_at=moment, last_published_at=moment, **fields
    )


def saved_search(user, query_string: str, since: datetime.timedelta = 3 * HOUR, **fields) -> SavedSearch:
    """A saved search whose last window ended ``since`` ago."""
    fields.setdefault("frequency", Frequency.IMMEDIATE)
    return SavedSearch.objects.create(
        user=user,
        name=fields.pop("name", query_string),
        query_string=query_string,
        covered_until=timezone.now() - since,
        **fields,
    )


def run_alerts(*args) -> list:
    """Run the command as cron does; the emails it sent."""
    before = len(mail.outbox)
    call_command("send_search_alerts", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return mail.outbox[before:]


def listed(message) -> list[str]:
    """The titles an alert email lists, in order (read from its text part)."""
    return re.findall(r"^- (.+)$", message.body, flags=re.MULTILINE)


def emails_to(messages, user) -> list:
    return [message for message in messages if message.to == [user.email]]


class Index:
    """What the worker does after a change: the test's pages reach the search index."""

    def __init__(self, backend):
        self.backend = backend

    def sync(self) -> None:
        if self.backend.name == "elasticsearch":
            run_worker()  # the real worker empties the queue of index updates
            indexing.write(indexing.indexed_pages().values_list("pk", flat=True), refresh=True)
        assert not DBTaskResult.objects.filter(backend_name="search", status__in=["READY", "RUNNING"]).exists()


@pytest.fixture
def index(db, search_backend):
    return Index(search_backend)

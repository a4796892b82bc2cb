"""Two runs of send_search_alerts at the same time (cron overlapping a slow run) send nothing twice.

Transactional tests: each run has its own database connection, as two processes would.
"""

import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction

from alerts.models import SavedSearch
from tests.alerts.conftest import HOUR, listed, published, run_alerts, saved_search
from tests.conftest import restore_migrated_data

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Row locks are PostgreSQL's (production); SQLite, for one developer's `make run`, has none.
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite has no row locks"),
]


@pytest.fixture(scope="module", autouse=True)
def _migrated_data_outlives_the_module(django_db_setup, django_db_blocker):
    """Each test ends with a flush of every table (serialized_rollback reloads the migrations'
    data before the next one): after the last, put it back for the tests that follow."""
    yield
    restore_migrated_data(django_db_blocker)


def _run_in_thread(errors: list) -> threading.Thread:
    def run():
        try:
            call_command("send_search_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115
        except Exception as error:  # reported to the test below
            errors.append(error)
        finally:
            connection.close()

    return threading.Thread(target=run)


def test_a_search_another_run_is_sending_is_left_to_it(member, expert, stockholm):
    held = saved_search(member, "q=harbour")
    other = saved_search(expert, "q=harbour")
    published(stockholm, "Harbour drill", 2 * HOUR)
    errors = []

    with transaction.atomic():  # the first run, in the middle of sending to the member
        SavedSearch.objects.select_for_update().get(pk=held.pk)
        second = _run_in_thread(errors)
        second.start()
        second.join(timeout=120)

    assert not errors
    assert [message.to for message in mail.outbox] == [[expert.email]]
    assert SavedSearch.objects.get(pk=other.pk).last_sent_at is not None
    sent = run_alerts()  # the next run: the member's, once
    assert [message.to for message in sent] == [[member.email]]
    assert listed(sent[0]) == ["Harbour drill"]


def test_simultaneous_runs_send_each_email_once(django_user_model, stockholm):
    from members.choices import Role
    from tests.conftest import _with_role

    people = [_with_role(django_user_model, f"member{n}@example.org", Role.NETWORK_MEMBER) for n in range(12)]
    for user in people:
        saved_search(user, "q=harbour")
    published(stockholm, "Harbour drill", 2 * HOUR)
    errors = []

    runs = [_run_in_thread(errors) for _ in range(3)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(timeout=120)

    assert not errors
    assert sorted(message.to[0] for message in mail.outbox) == sorted(user.email for user in people)
    assert run_alerts() == []

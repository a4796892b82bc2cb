"""Two members asking for the last place at the same moment: one gets it, the other waits.

The requests run in two threads with their own database connections, so the
row lock in resources.registrations is what keeps the count right. The test is
transactional (the threads must see each other's commits).
"""

import threading

import pytest
from django.db import connection

from resources import registrations
from resources.choices import RegistrationStatus
from resources.models import Registration
from tests.factories import EventPageFactory
from tests.resources.test_event_registration import make_member

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def race(event, users):
    """Register every user at once; return what each call raised, if anything."""
    start = threading.Barrier(len(users))
    errors = []

    def register(user):
        try:
            start.wait(timeout=10)
            registrations.register(event, user)
        except Exception as error:  # reported by the test, not swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def test_two_members_racing_for_the_last_place(site_tree, stockholm, django_user_model):
    event = EventPageFactory(parent=site_tree["events"], registration_open=True, capacity=2, host_city=stockholm)
    first = make_member(django_user_model, "first@example.org")
    registrations.register(event, first)
    racers = [make_member(django_user_model, f"racer{n}@example.org") for n in (1, 2)]

    assert race(event, racers) == []

    outcome = sorted(Registration.objects.filter(user__in=racers).values_list("status", flat=True))
    assert outcome == [RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
    assert registrations.places_left(event) == 0

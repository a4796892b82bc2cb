"""Event registration: register, cancel, and promote from the waiting list.

Who may register is the views' question (network members who may read the
event, through portal.access); this module keeps the numbers right. Every
change locks the event's row first, so two people asking for the last place
at the same moment are served one after the other: one gets it, the other
joins the waiting list.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from resources.choices import RegistrationStatus
from resources.models import EventPage, Registration

ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)


class RegistrationClosed(Exception):
    """The event does not take registrations (now)."""


@dataclass(frozen=True)
class Standing:
    """What the event page tells one reader about registration."""

    is_open: bool
    places_left: int | None  # None: no limit
    registration: Registration | None
    waiting_position: int | None

    @property
    def is_full(self) -> bool:
        return self.places_left == 0


def is_open(event: EventPage, now=None) -> bool:
    """Registration is switched on, not past its closing time, and the event has not ended."""
    now = now or timezone.now()
    closes = min(filter(None, [event.registration_closes, event.end]), default=None)
    return event.registration_open and (closes is None or now < closes)


def places_left(event: EventPage) -> int | None:
    if event.capacity is None:
        return None
    taken = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    return max(event.capacity - taken, 0)


def active_registration(event: EventPage, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return event.registrations.filter(user=user, status__in=ACTIVE).first()


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person on the waiting list; None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    # Ties on the timestamp are broken by id, as in the queue's order.
    ahead = Q(created__lt=registration.created) | Q(created=registration.created, pk__lt=registration.pk)
    queue = Registration.objects.filter(event_id=registration.event_id, status=RegistrationStatus.WAITING)
    return queue.filter(ahead).count() + 1


def standing(event: EventPage, user) -> Standing:
    registration = active_registration(event, user)
    position = waiting_position(registration) if registration else None
    return Standing(is_open(event), places_left(event), registration, position)


def _locked(event: EventPage) -> EventPage:
    """The event re-read with its row locked until the transaction ends.

    ``of=("self",)`` locks the event's own table only, not Wagtail's page row,
    so editors saving the page are not held up.
    """
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


@transaction.atomic
def register(event: EventPage, user) -> Registration:
    """Give ``user`` a place, or a place on the waiting list when the event is full.

    Registering twice returns the existing registration.
    """
    event = _locked(event)
    existing = active_registration(event, user)
    if existing:
        return existing
    if not is_open(event):
        raise RegistrationClosed
    full = places_left(event) == 0
    status = RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED
    return Registration.objects.create(event=event, user=user, status=status)


@transaction.atomic
def cancel(event: EventPage, user) -> Registration | None:
    """Cancel ``user``'s registration (or waiting) and hand a freed place to the next in line."""
    event = _locked(event)
    registration = active_registration(event, user)
    if registration is None:
        return None
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated"])
    promote(event)
    return registration


def promote(event: EventPage) -> list[Registration]:
    """Move waiting people into free places, first come first served, and email them.

    Call inside a transaction that holds the event's lock. The emails go once the
    transaction commits, so nobody hears of a place that was rolled back.
    """
    free = places_left(event)
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).order_by("created", "pk")
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status", "updated"])
        transaction.on_commit(lambda r=registration: _tell_promoted(event, r))
    return promoted


def capacity_changed(sender, instance: EventPage, **kwargs) -> None:
    """On publish: places an editor added (or a limit removed) go to the waiting list at once."""
    with transaction.atomic():
        promote(_locked(instance))


def _tell_promoted(event: EventPage, registration: Registration) -> None:
    url = event.get_full_url() or ""
    send_mail(
        f"You have a place at {event.title}",
        f"A place has come free at {event.title} and it is yours: you are now registered.\n\n"
        f"If you cannot come, please cancel on the event page so the next person can go:\n{url}\n",
        None,
        [registration.user.email],
    )


def registrations_for_host(event: EventPage):
    """Registered and waiting people, in the order they registered."""
    # "registered" sorts before "waiting".
    return event.registrations.filter(status__in=ACTIVE).select_related("user").order_by("status", "created", "pk")

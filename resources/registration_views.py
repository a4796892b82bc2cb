"""Registering for an event, and the host's list of registrations (page and CSV).

Members register with a POST from the event page and come back to it with a
message (post/redirect/get). The list of registrations is for the event's host:
the secretariat and the host city's editors and coordinators.
"""

import csv
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.access import may_see_registrations, members_only, refuse, user_can_view_page
from resources import registrations
from resources.choices import RegistrationStatus
from resources.listing import MAX_PAGE_ID
from resources.models import EventPage

# Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _event(page_id: int, **filters) -> EventPage:
    event = EventPage.objects.filter(pk=page_id, **filters).first() if page_id <= MAX_PAGE_ID else None
    if event is None:
        raise Http404("No such event.")
    return event


def readable_event(view):
    """Resolve ``page_id`` to a live event the reader may see: 404 if none, refused if hidden from them."""

    @wraps(view)
    def wrapper(request, page_id: int):
        event = _event(page_id, live=True)
        if not user_can_view_page(request.user, event):
            return refuse(request)
        return view(request, event)

    return wrapper


def hosted_event(view):
    """Resolve ``page_id`` to an event whose registrations the user may see (published or not)."""

    @wraps(view)
    def wrapper(request, page_id: int):
        event = _event(page_id)
        if not may_see_registrations(request.user, event):
            return refuse(request)
        return view(request, event)

    return wrapper


def _back_to(event: EventPage):
    return redirect(f"{event.url}#registration")


@require_POST
@members_only
@readable_event
def register(request, event: EventPage):
    """A member takes a place, or joins the waiting list when the event is full."""
    try:
        registration = registrations.register(event, request.user)
    except registrations.RegistrationClosed:
        messages.error(request, _("Registration for this event is closed."))
        return _back_to(event)
    if registration.status == RegistrationStatus.WAITING:
        position = registrations.waiting_position(registration)
        messages.info(
            request, _("The event is full: you are number %(position)s on the waiting list.") % {"position": position}
        )
    else:
        messages.success(request, _("You are registered."))
    return _back_to(event)


@require_POST
@members_only
@readable_event
def cancel(request, event: EventPage):
    """A member gives up their place (or leaves the waiting list)."""
    if registrations.cancel(event, request.user):
        messages.success(request, _("Your registration is cancelled."))
    else:
        messages.info(request, _("You had no registration to cancel."))
    return _back_to(event)


@require_GET
@hosted_event
def registration_list(request, event: EventPage):
    """The host's view: who is registered and who is waiting."""
    context = {
        "event": event,
        "registrations": registrations.registrations_for_host(event),
        "places_left": registrations.places_left(event),
    }
    return TemplateResponse(request, "resources/event_registrations.html", context)


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


@require_GET
@hosted_event
def registration_csv(request, event: EventPage):
    """The same list as a CSV file for a spreadsheet."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registrations-{event.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["Name", "Email", "Status", "Registered"])
    for registration in registrations.registrations_for_host(event):
        user = registration.user
        created = timezone.localtime(registration.created).strftime("%Y-%m-%d %H:%M")
        row = [user.get_full_name(), user.email, registration.get_status_display(), created]
        writer.writerow([safe_cell(cell) for cell in row])
    return response

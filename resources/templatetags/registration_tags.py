"""The registration box on an event page."""

from django import template

from portal.access import is_network_member, may_see_registrations
from resources import registrations

register = template.Library()


@register.inclusion_tag("includes/event_registration.html", takes_context=True)
def event_registration(context, event):
    """Places left, the reader's own standing and the buttons to register or cancel."""
    request = context["request"]
    user = request.user
    standing = registrations.standing(event, user)
    return {
        "event": event,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        # Someone already registered keeps seeing (and can cancel) their place if registration is switched off.
        "standing": standing if event.registration_open or standing.registration else None,
        "may_register": is_network_member(user),
        "is_host": may_see_registrations(user, event),
    }

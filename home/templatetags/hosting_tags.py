"""The host city line in the footer of every page."""

from django import template

from home.hosting import current_period

register = template.Library()


@register.inclusion_tag("includes/host_city_footer.html", takes_context=True)
def host_city_footer(context, fallback_note: str = ""):
    """Today's host city and its term, for the reader; else the footer's own note, if any."""
    request = context.get("request")
    period = current_period(request.user) if request is not None and hasattr(request, "user") else None
    return {"period": period, "fallback_note": fallback_note, "request": request}

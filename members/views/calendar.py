"""The member's personal calendar feed: make, replace or revoke its secret URL."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from members.models import CalendarFeedToken
from portal.access import members_only


@never_cache
@members_only
@require_http_methods(["GET", "POST"])
def calendar_feed(request):
    """GET shows whether a feed URL exists; POST ``create`` shows a new one (once), ``revoke`` ends it."""
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "revoke":
        CalendarFeedToken.revoke(request.user)
        messages.success(request, _("Your calendar feed URL is revoked: calendar apps using it get nothing more."))
        return redirect("account_calendar")
    feed_url = None
    if action == "create":
        token = CalendarFeedToken.issue(request.user)
        feed_url = request.build_absolute_uri(reverse("events_personal_feed", args=[token]))
    existing = CalendarFeedToken.objects.filter(user=request.user).first()
    context = {"feed_url": feed_url, "existing": existing}
    return TemplateResponse(request, "members/account_calendar.html", context)

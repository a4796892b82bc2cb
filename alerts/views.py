"""A member's saved searches: save one from the search page, list, rename, change emails, delete;
and the unsubscribe link of the alert emails, which works without signing in."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from alerts import searches, tokens
from alerts.choices import Frequency
from alerts.forms import SavedSearchForm, SaveSearchForm
from alerts.models import SavedSearch
from portal.access import refuse
from search.backends import Vocabulary


def _network_access(view):
    """Saving and emails are for people with network access; others are refused as elsewhere."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not searches.may_save(request.user):
            return refuse(request)
        return view(request, *args, **kwargs)

    return wrapper


@never_cache
@_network_access
@require_POST
def save_search(request):
    """Save the search the search page shows; its errors get a page of their own."""
    form = SaveSearchForm(request.POST, user=request.user, vocabulary=Vocabulary.for_user(request.user))
    if not form.is_valid():
        return TemplateResponse(request, "alerts/save_search.html", {"form": form}, status=400)
    saved = form.save()
    messages.success(request, _saved_message(saved))
    return redirect(saved.search_url())


def _saved_message(saved: SavedSearch) -> str:
    if saved.frequency == Frequency.IMMEDIATE:
        return _("Search saved as “%(name)s”. New matches are emailed to you as they appear.") % {"name": saved.name}
    if saved.frequency == Frequency.WEEKLY:
        return _("Search saved as “%(name)s”. New matches are emailed to you once a week.") % {"name": saved.name}
    return _("Search saved as “%(name)s”, without emails.") % {"name": saved.name}


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def saved_search_list(request):
    """Every signed-in person sees and can delete their own saved searches, access or not."""
    saved = list(SavedSearch.objects.filter(user=request.user))
    vocabulary = Vocabulary.for_user(request.user)
    rows = [(item, searches.describe(item.query_string, vocabulary)) for item in saved]
    context = {"rows": rows, "may_save": searches.may_save(request.user), "limit": searches.MAX_PER_USER}
    return TemplateResponse(request, "alerts/saved_search_list.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def saved_search_edit(request, pk: int):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    form = SavedSearchForm(request.POST if request.method == "POST" else None, instance=saved)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("“%(name)s” is saved.") % {"name": saved.name})
        return redirect("alerts:list")
    description = searches.describe(saved.query_string, Vocabulary.for_user(request.user))
    context = {"form": form, "saved": saved, "description": description}
    return TemplateResponse(request, "alerts/saved_search_edit.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
@require_POST
def saved_search_delete(request, pk: int):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    saved.delete()
    messages.success(request, _("“%(name)s” is deleted.") % {"name": saved.name})
    return redirect("alerts:list")


@never_cache
@csrf_exempt  # the token is the proof; mail clients post RFC 8058's one-click without a cookie
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """GET asks to confirm (a link scanner opening it changes nothing); POST switches the emails off."""
    try:
        found = tokens.read_token(token)
    except tokens.TokenExpired:
        return TemplateResponse(request, "alerts/unsubscribe.html", {"state": "expired"}, status=400)
    saved = SavedSearch.objects.filter(pk=found[0], user_id=found[1]).first() if found else None
    if saved is None:
        return TemplateResponse(request, "alerts/unsubscribe.html", {"state": "invalid"}, status=404)
    if request.method == "POST":
        SavedSearch.objects.filter(pk=saved.pk).update(frequency=Frequency.OFF)
        return TemplateResponse(request, "alerts/unsubscribe.html", {"state": "done", "saved": saved})
    state = "already" if saved.frequency == Frequency.OFF else "confirm"
    return TemplateResponse(request, "alerts/unsubscribe.html", {"state": state, "saved": saved})

"""A short-lived page cache for anonymous visitors, and the Cache-Control every response gets.

What is cached: a GET or HEAD by a visitor with no session (no cookie other than the
language and CSRF ones), answered with a 200 that the code which knows marked public
(``cache_public``: a Wagtail page anonymous visitors may read, the practice list, the
event calendar), that set no cookie, used no CSRF token and does not vary on anything
but the language. Everything else passes through untouched, and every response to a
signed-in reader, or of a members-only page, says ``Cache-Control: private, no-store``.

The key is host, scheme, path, query string (hashed), interface language and a
*generation*; any change that can alter a public page (publish, unpublish, move,
delete, privacy, collections, documents, snippets, settings) bumps the generation,
so every earlier entry is unreachable at once (``bump_generation``, wired in
``connect_signals``). Entries expire after ``PAGE_CACHE_SECONDS`` in any case, which
also bounds how stale time-dependent parts ("upcoming events") get.
"""

from __future__ import annotations

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from wagtail import hooks

GENERATION_KEY = "page-cache:generation"
CACHE_HEADER = "X-Page-Cache"
MAX_QUERY_LENGTH = 2000  # longer query strings are served but not stored
# Vary values a cached copy may carry: the key already covers the language, and
# a cached copy is only ever served to a visitor without a session.
ALLOWED_VARY = {"cookie", "accept-language"}


def timeout() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def _mark(request, public: bool) -> None:
    request._page_cache_public = public


def cache_public(view):
    """Mark a view's answers as the same for every anonymous visitor (cacheable)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        _mark(request, True)
        return view(request, *args, **kwargs)

    return wrapper


@hooks.register("before_serve_page")
def mark_wagtail_page(page, request, serve_args, serve_kwargs):
    """A Wagtail page is cacheable when anonymous visitors may read it; else private."""
    from portal.access import is_public

    _mark(request, is_public(page, request.user))


# Generation


def generation() -> int:
    """The current generation; a fresh one if the cache lost it.

    A timestamp rather than a counter: should the cache evict the key, the new value
    can never equal an older one, so no stale entry comes back.
    """
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def remember(key: str, compute):
    """``compute()``, kept beside the cached pages: until the next change that bumps the
    generation, or the page cache's timeout. Not kept when the page cache is off.

    For what every request reads and only a write changes (the restricted depths, the
    menu, the facet labels); the key says whatever else the answer depends on (per
    reader: ``portal.access.remember_for``).
    """
    seconds = timeout()
    if not seconds:
        return compute()
    return cache.get_or_set(f"page-cache:{generation()}:remembered:{key}", compute, seconds)


def bump_generation(**kwargs) -> None:
    """Make every cached page unreachable (a signal receiver, hence ``**kwargs``)."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


# Writes that never change what an anonymous visitor is shown. Every other model's
# save or delete bumps the generation: a model added later is covered without
# anyone remembering to list it, at worst with a needless bump.
UNSEEN_BY_VISITORS = {
    "account.emailaddress",
    "account.emailconfirmation",
    "auth.permission",
    "contenttypes.contenttype",
    "django_tasks_database.dbtaskresult",
    "members.auditevent",
    "members.calendarfeedtoken",
    "members.invitation",
    "mfa.authenticator",
    "search.extractedtext",
    "sessions.session",
    "usersessions.usersession",
    "wagtailadmin.editingsession",
    "wagtailadmin.formstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflowstate",
    "wagtailimages.rendition",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtailusers.userprofile",
}
# Settings rows are created with their defaults on the first page view that reads
# them, which changes nothing shown; an editor's save does.
CREATED_ON_FIRST_VIEW = {"home.footersettings", "home.navigationsettings"}


def bump_on_write(sender, created=False, **kwargs) -> None:
    label = sender._meta.label_lower
    if label in UNSEEN_BY_VISITORS or (created and label in CREATED_ON_FIRST_VIEW):
        return
    bump_generation()


def connect_signals() -> None:
    """Publishing, unpublishing and moving pages, and any write to a model a visitor
    may see (pages, restrictions and their groups, collections, documents, snippets,
    profiles, settings, registrations) bump the generation."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_generation, dispatch_uid=f"page-cache-{id(signal)}")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_on_write, dispatch_uid=f"page-cache-write-{id(signal)}")


# Middleware


def _anonymous_request(request) -> bool:
    """GET/HEAD without any cookie that could make the answer personal."""
    harmless = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    return request.method in ("GET", "HEAD") and set(request.COOKIES) <= harmless


def cache_key(request) -> str | None:
    """The entry for this request, or None when it must not be looked up or stored."""
    if timeout() <= 0 or not _anonymous_request(request):  # PAGE_CACHE_SECONDS = 0 switches the cache off
        return None
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # the stack below answers it with a 400
    language = getattr(request, "LANGUAGE_CODE", None) or get_language()
    url = f"{request.scheme}://{host}{request.path}?{query}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    # HEAD is answered by the GET view: both share one entry.
    return f"page-cache:{generation()}:{language}:{digest}"


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _directives(response) -> set[str]:
    return {d.strip().split("=")[0].lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}


def _storable(request, response) -> bool:
    """Whether this answer is the same for every anonymous visitor (see the module docstring)."""
    if response.status_code != 200 or response.streaming or not getattr(request, "_page_cache_public", False):
        return False
    if response.cookies or response.has_header("Set-Cookie") or request.META.get("CSRF_COOKIE_USED"):
        return False
    if _signed_in(request):
        return False
    if _directives(response) & {"private", "no-store", "no-cache"}:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= ALLOWED_VARY


def _private(request, response) -> bool:
    """A members-only page, or any answer to a signed-in reader unless its view
    declared it the same for everyone (the public API says ``public`` itself)."""
    if getattr(request, "_page_cache_public", None) is False:
        return True
    return _signed_in(request) and "public" not in _directives(response)


def _public_headers(response) -> None:
    patch_cache_control(response, public=True, max_age=timeout())
    patch_vary_headers(response, ["Cookie", "Accept-Language"])


def _freeze(response) -> dict:
    return {"content": response.content, "headers": dict(response.items())}


def _thaw(stored: dict) -> HttpResponse:
    response = HttpResponse(stored["content"])
    for name, value in stored["headers"].items():
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serve and store anonymous public pages; mark personal responses private.

    Sits after LocaleMiddleware (the language is part of the key) and before
    everything that reads the session or the user, so a hit costs no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request)
        stored = cache.get(key) if key else None
        if stored is not None:
            response = _thaw(stored)
            response[CACHE_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if key and _storable(request, response):
            _public_headers(response)
            cache.set(key, _freeze(response), timeout())
            response[CACHE_HEADER] = "miss"
        elif _private(request, response):
            # Personal, or members-only: no browser history, proxy or CDN may keep it.
            patch_cache_control(response, private=True, no_store=True)
        return response

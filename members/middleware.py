"""Per-request membership rules: access ends when a city leaves, and admin users need a second
factor; and how often a session's "last seen" is written."""

import hashlib

from allauth.account.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from allauth.usersessions.middleware import UserSessionsMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import reverse

from members.offboarding import departed_cities, end_city_roles
from members.roles import has_admin_access
from members.views.login import with_next

ADMIN_PREFIX = "/admin/"


class MembershipMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            cities = list(departed_cities(user))
            if cities:
                end_city_roles(user, cities)
                logout(request)
            elif needs_totp(request):
                return to_totp_setup(request)
        return self.get_response(request)


def needs_totp(request) -> bool:
    """An admin user on an admin page without an authenticator app."""
    user = request.user
    return (
        request.path.startswith(ADMIN_PREFIX)
        and has_admin_access(user)
        and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
    )


def to_totp_setup(request):
    """allauth's TOTP set-up, coming back to the admin page asked for once it is done."""
    messages.info(request, "Set up an authenticator app before you use the admin.")
    back_to = request.get_full_path() if request.method == "GET" else ADMIN_PREFIX
    return redirect(with_next(reverse("mfa_activate_totp"), back_to))


class SessionActivityMiddleware(UserSessionsMiddleware):
    """allauth's session tracking (last seen, IP address, browser) written at most once every
    ``MEMBERS_SESSION_ACTIVITY_SECONDS`` per session rather than on every request.

    allauth writes the session's row on each request (five statements). Here a write is
    skipped while the cache says this session, from the same address and browser, was
    recorded less than the interval ago: the sessions screen's "last seen" is at most that
    stale, a new address or browser shows at once, and the screen itself always records.
    """

    def __call__(self, request):
        key = _activity_key(request)
        if key is not None and cache.get(key) and request.path != reverse("usersessions_list"):
            return self.get_response(request)  # recorded recently
        if key is not None:
            cache.set(key, True, settings.MEMBERS_SESSION_ACTIVITY_SECONDS)
        return super().__call__(request)


def _activity_key(request) -> str | None:
    """The cache key that marks this session as recently recorded; None when there is nothing to record."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or not user.is_authenticated or session is None or not session.session_key:
        return None
    client = "\0".join(
        [
            session.session_key,
            str(user.pk),
            get_adapter().get_client_ip(request),
            request.META.get("HTTP_USER_AGENT", ""),
        ]
    )
    return "members:session-seen:" + hashlib.sha256(client.encode("utf-8", "surrogateescape")).hexdigest()

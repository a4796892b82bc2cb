"""Per-request membership rules: access ends when a city leaves, and admin users need a second factor."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
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

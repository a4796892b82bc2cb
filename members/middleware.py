"""Per-request membership rules: access ends when a city leaves, and admin users need a second factor."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from members.offboarding import departed_cities, end_city_roles

ADMIN_PREFIX = "/admin/"


def has_admin_access(user) -> bool:
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")


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
            elif request.path.startswith(ADMIN_PREFIX) and has_admin_access(user) and not is_mfa_enabled(user):
                messages.info(request, "Set up an authenticator app before you use the admin.")
                return redirect(f"{reverse('mfa_activate_totp')}?next={ADMIN_PREFIX}")
        return self.get_response(request)

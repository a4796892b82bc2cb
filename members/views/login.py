"""Every way into an account goes through allauth's login (rate limits, second factor)."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request) -> str:
    """The request's ``next`` if it stays on this site, else ""."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    is_safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if is_safe else ""


def with_next(url: str, next_url: str) -> str:
    """``url`` carrying ``next_url`` on as its ``next`` parameter (when there is one)."""
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def to_allauth_login(request, *args, **kwargs):
    """Wagtail's own login views: send the visitor to allauth's, keeping a safe ``next``.

    Both GET and POST are redirected, so a password posted here is never checked.
    """
    return redirect(with_next(reverse("account_login"), safe_next(request)))

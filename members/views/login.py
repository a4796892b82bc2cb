"""Every way into an account goes through allauth's login (rate limits, second factor)."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


def to_allauth_login(request, *args, **kwargs):
    """Wagtail's and Django's own login views: send the visitor to allauth's, keeping a safe ``next``."""
    url = reverse("account_login")
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        url = f"{url}?{urlencode({'next': next_url})}"
    return redirect(url)

"""Signing in the way a person does: the password at allauth's login, then the app's code."""

from urllib.parse import urlsplit

from django.core.cache import cache

from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"
MFA_STEP = "/accounts/2fa/authenticate/"

# Redirect targets that leave the site in one browser or another.
OFF_SITE = [
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "http:evil.example",
    "javascript:alert(1)",
]


def post_password(client, email, password=PASSWORD, **data):
    return client.post(LOGIN, {"login": email, "password": password, **data})


def post_code(client, code):
    return client.post(MFA_STEP, {"code": code})


def signed_in_id(client):
    """The signed-in account's id as the session holds it, or None."""
    return client.session.get("_auth_user_id")


def stays_on_site(location: str) -> bool:
    """A redirect a browser would follow to this site only (a path, not scheme- or host-relative)."""
    parts = urlsplit(location)
    return not parts.scheme and not parts.netloc and location.startswith("/") and location[1:2] not in ("/", "\\")


def clear_cache():
    """allauth keeps rate-limit counts and used TOTP codes in the cache (locmem in tests, shared
    by every test in the process): start and leave each test clean."""
    cache.clear()

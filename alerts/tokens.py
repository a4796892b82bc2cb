"""The unsubscribe link's token: signed, so only the portal can make one.

It carries the saved search's id and its owner's id, signed with ``SECRET_KEY`` under a
salt of its own (a token signed for anything else in the portal is refused here), and
is valid for ``UNSUBSCRIBE_DAYS``: every alert email carries a fresh one. Whoever holds
the email may switch that one search's emails off, nothing more.
"""

from __future__ import annotations

from django.core import signing

SALT = "alerts.unsubscribe"
UNSUBSCRIBE_DAYS = 365
MAX_TOKEN_LENGTH = 200  # a real token is under 60 characters; longer is not worth checking


def make_token(saved_search) -> str:
    return signing.dumps([saved_search.pk, saved_search.user_id], salt=SALT)


class TokenExpired(Exception):
    """The token was genuine but is older than UNSUBSCRIBE_DAYS."""


def read_token(token: str) -> tuple[int, int] | None:
    """(saved search id, user id) of a genuine token, None for anything else.
    Raises TokenExpired for a genuine but expired one, so the page can say so."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        value = signing.loads(token, salt=SALT, max_age=UNSUBSCRIBE_DAYS * 86400)
    except signing.SignatureExpired as expired:
        raise TokenExpired from expired
    except signing.BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(type(part) is int for part in value)):
        return None
    return value[0], value[1]

"""The alert email: text and HTML, with one-click unsubscribe (RFC 8058) and a link to manage."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import ngettext

from alerts.searches import newest_first_url
from alerts.tokens import make_token


def absolute(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}" if path.startswith("/") else path


def unsubscribe_url(saved) -> str:
    return absolute(reverse("alerts:unsubscribe", args=[make_token(saved)]))


def build_digest_email(digest) -> EmailMultiAlternatives:
    saved = digest.saved
    unsubscribe = unsubscribe_url(saved)
    context = {
        "digest": digest,
        "saved": saved,
        "items": [(hit, absolute(hit.url)) for hit in digest.hits],
        "search_url": absolute(newest_first_url(saved)),
        "manage_url": absolute(reverse("alerts:list")),
        "unsubscribe_url": unsubscribe,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    subject = ngettext(
        "%(count)d new match for your saved search “%(name)s”",
        "%(count)d new matches for your saved search “%(name)s”",
        digest.total,
    ) % {"count": digest.total, "name": saved.name}
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),  # no line break from a name can reach the header
        body=render_to_string("alerts/email/digest.txt", context),
        to=[saved.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
        },
    )
    message.attach_alternative(render_to_string("alerts/email/digest.html", context), "text/html")
    return message


def send_digest(digest) -> None:
    build_digest_email(digest).send()

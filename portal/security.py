"""The Content Security Policy of every response, and the headers documents go out with.

Three policies (their directives are in settings, described in docs/deployment.md,
"Security headers"):

- public pages, accounts and the API: ``CONTENT_SECURITY_POLICY``; scripts and styles
  only from the portal's own static files, nothing inline, nothing from other sites;
- Wagtail's admin under ``/admin/``: ``ADMIN_CONTENT_SECURITY_POLICY``, which also
  allows inline scripts and styles, since the admin writes them into its pages (it
  is reached only by editors, signed in with a second factor);
- downloaded documents (Wagtail's serve view): ``DOCUMENT_POLICY``, nothing may run,
  load or be shown as a page of the portal; the file is always an attachment.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

ADMIN_PREFIX = "/admin/"
DOCUMENT_VIEW = "wagtaildocs_serve"
DOCUMENT_POLICY = "default-src 'none'; sandbox"


def _is_document(request, response) -> bool:
    """A file answered by the document view (not its redirect to sign in or its 403 page)."""
    match = getattr(request, "resolver_match", None)
    served = response.status_code < 300 or response.status_code == 304
    return match is not None and match.url_name == DOCUMENT_VIEW and served


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the policy by where the request goes."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts

    def process_response(self, request, response):
        if _is_document(request, response):
            # Wagtail sets "default-src 'none'"; sandbox also stops an HTML or SVG file opened
            # from the download list from running as a page of the portal.
            response["Content-Security-Policy"] = DOCUMENT_POLICY
            response["X-Content-Type-Options"] = "nosniff"
            disposition = response.get("Content-Disposition", "")
            if not disposition.startswith("attachment"):  # "inline; filename=..." keeps its name
                response["Content-Disposition"] = "attachment" + disposition.removeprefix("inline")
        return super().process_response(request, response)

"""The server error view (``handler500``): a database that does not answer is a 503, not a 500.

Django turns an exception raised anywhere, in a view or in a middleware (sessions, the
user, the page cache in production's database cache), into the ``handler500`` view's
response, calling it while the exception is being handled. When that exception is a
lost or refused database connection (``OperationalError``, ``InterfaceError``), the
answer is ``503 Service Unavailable`` with ``Retry-After``: the portal is fine and
will answer again as soon as the database does (``CONN_HEALTH_CHECKS`` replaces a
broken connection on the next request, without restarting the server). The page
needs no database: a standalone template rendered without the request's context
processors. Such a request is logged as one warning line, not a traceback.
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

# A PostgreSQL restart or failover is over in seconds to a minute.
RETRY_AFTER_SECONDS = 30
UNAVAILABLE_TEMPLATE = "503.html"


def database_error(error: BaseException | None) -> BaseException | None:
    """The lost or refused database connection behind ``error`` (itself or what it was
    raised from or while handling), or None."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, (OperationalError, InterfaceError)):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def server_error(request, template_name: str = "500.html"):
    """``handler500``: 503 when the database is out of reach, else Django's own 500 page."""
    error = database_error(sys.exc_info()[1])
    if error is None:
        return django_server_error(request, template_name)
    return database_unavailable(request, error)


def database_unavailable(request, error: BaseException) -> HttpResponse:
    # Each middleware the error passes through may call this view again: one line per request.
    if not getattr(request, "_database_unavailable_logged", False):
        request._database_unavailable_logged = True
        reason = (str(error).strip().splitlines() or [""])[0]
        logger.warning(
            "Database unavailable, %s %s answered 503 (%s: %s)",
            request.method,
            request.path,
            type(error).__name__,
            reason,
        )
    if request.path == reverse("healthz"):  # a monitor reads the same JSON as when the view answers
        response = JsonResponse({"status": "down", "database": "unavailable"}, status=503)
    else:
        response = HttpResponse(loader.render_to_string(UNAVAILABLE_TEMPLATE), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    # The warning above stands for django.request's error line with its traceback.
    response._has_been_logged = True
    return response

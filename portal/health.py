"""``/healthz``: what a load balancer or monitor asks.

200 while the database answers (search falls back to it when Elasticsearch is
down, so the portal still works: "degraded"); 503 when the database does not.
Never cached, and it names no content.
"""

from django.db import Error, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from search import es


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Error:  # DatabaseError, and InterfaceError for a connection the server closed
        return "unavailable"
    return "ok"


@never_cache
def healthz(request):
    database = _database()
    search = es.health()
    body = {"database": database, "search": {"backend": "elasticsearch" if es.enabled() else "database"}}
    body["search"]["status"] = search if es.enabled() else database
    if database == "ok":
        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, queue_name="search").count()
        body["search"]["queued_updates"] = waiting
    body["status"] = "down" if database != "ok" else ("degraded" if search == "unavailable" else "ok")
    return JsonResponse(body, status=503 if database != "ok" else 200)

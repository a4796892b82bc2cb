"""Wagtail's own search (the admin's search of pages, documents and snippets) on the
database, without the rescan of its whole index that each save made.

Wagtail's database backends give every entry a title norm (average title length divided
by the entry's) and, after writing any entry, recompute it: an average over the whole
table and an update of the rows found by a column with no index. Saving one page thus
cost more the larger the site. Here a save averages a fixed sample of the newest entries
and updates only the rows it wrote; ``update_index`` still refreshes every row at the end.
"""

from __future__ import annotations

from django.db.models import Avg, F
from django.db.models.functions import Length
from modelsearch.utils import get_content_type_pk
from wagtail.search.backends.database import SearchBackend as database_backend

# Entries averaged for a save's title norms: the norm only scales admin search ranking.
TITLE_SAMPLE = 1000


class NormsOfWrittenRows:
    """Mixin for the database backends' index classes."""

    def add_items(self, model, objs):
        objs = list(objs)
        self._written = (get_content_type_pk(model), [str(obj.pk) for obj in objs])
        try:
            super().add_items(model, objs)
        finally:
            self._written = None

    def _refresh_title_norms(self, full=False):
        written = getattr(self, "_written", None)
        if full or written is None:
            return super()._refresh_title_norms(full)
        content_type, ids = written
        titled = self.entries.annotate(title_length=Length("title")).filter(title_length__gt=0)
        average = titled.order_by("-pk")[:TITLE_SAMPLE].aggregate(Avg("title_length"))["title_length__avg"]
        titled.filter(content_type_id=content_type, object_id__in=ids).update(title_norm=average / F("title_length"))
        return None


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    """The backend Wagtail would pick for this database, its index class with ``NormsOfWrittenRows``."""
    backend = database_backend(params)
    base = getattr(backend, "index_class", None)
    if base is not None and hasattr(base, "_refresh_title_norms"):
        backend.index_class = type(base.__name__, (NormsOfWrittenRows, base), {})
    return backend

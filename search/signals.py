"""Keeping the index true: each change that alters what a page looks like in the
index, or who may find it, queues an update of the pages concerned.

The update is queued in the transaction of the change (``search.tasks.enqueue``)
and names pages only; the worker reads their state when it runs. Connected in
``SearchConfig.ready``; nothing happens while the portal searches its database.

| change                                    | pages updated                               |
|-------------------------------------------|---------------------------------------------|
| page published, unpublished, created live | the page                                    |
| page deleted                              | each deleted page (Django signals each row) |
| page moved, slug changed                  | the page and its descendants                |
| view restriction saved, deleted, groups   | the restricted page and its descendants     |
| city renamed, published or unpublished    | its practices, research about it, its events|
| document saved (replaced) or deleted      | pages attaching it                          |
| collection restriction saved, deleted     | pages attaching documents in the collection |
|                                           | or its descendants                          |
| theme renamed                             | pages with that theme                       |
"""

from __future__ import annotations

from functools import wraps

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from resources.models import CityPage, EventPage, PracticePage, ResearchPage
from search import es
from search.indexing import INDEXED_TYPES, pages_showing_city, pages_using_documents
from search.tasks import enqueue

# Fields whose change reaches beyond the page's own document (see page_saved).
WATCHED_FIELDS = ("title", "url_path", "live")


def when_enabled(handler):
    """Skip the handler (and its queries) while Elasticsearch is off."""

    @wraps(handler)
    def wrapper(*args, **kwargs):
        if es.enabled():
            handler(*args, **kwargs)

    return wrapper


def is_indexed_type(page) -> bool:
    return type(page) in INDEXED_TYPES


def subtree(page) -> list[int]:
    """The page and its descendants, of the indexed types."""
    pages = Page.objects.descendant_of(page, inclusive=True).type(*INDEXED_TYPES)
    return list(pages.values_list("pk", flat=True))


@when_enabled
def page_changed(sender, instance, **kwargs):
    """Published, unpublished or deleted: the page's own document."""
    if is_indexed_type(instance):
        enqueue([instance.pk])


@when_enabled
def page_moved(sender, instance, **kwargs):
    enqueue(subtree(instance))


@when_enabled
def page_saving(sender, instance, update_fields=None, **kwargs):
    """Note the watched fields as stored before the save, for page_saved to compare."""
    if not isinstance(instance, Page) or instance._state.adding:
        return
    if update_fields is not None and not set(update_fields) & {"slug", *WATCHED_FIELDS}:
        return
    instance._search_before = Page.objects.filter(pk=instance.pk).values(*WATCHED_FIELDS).first()


@when_enabled
def page_saved(sender, instance, created, **kwargs):
    """A page created live (not through a publish), or a change that reaches other pages:
    a new URL path moves its descendants too; a city's name is shown on other pages."""
    if not isinstance(instance, Page):
        return
    before = instance.__dict__.pop("_search_before", None)
    if created or before is None:
        enqueue([instance.pk] if created and instance.live and is_indexed_type(instance) else [])
        return
    ids = [instance.pk] if before["live"] != instance.live and is_indexed_type(instance) else []
    if before["url_path"] != instance.url_path:
        ids += subtree(instance)
    if isinstance(instance, CityPage) and (before["title"], before["live"]) != (instance.title, instance.live):
        ids += pages_showing_city(instance)
    enqueue(ids)


@when_enabled
def city_deleting(sender, instance, **kwargs):
    enqueue(pages_showing_city(instance))


def _restricted_pages(restrictions) -> list[int]:
    ids = []
    for page in Page.objects.filter(pk__in=[r.page_id for r in restrictions]):
        ids += subtree(page)
    return ids


def _restricted_documents(restrictions) -> list[int]:
    collections = Collection.objects.filter(pk__in=[r.collection_id for r in restrictions])
    documents = get_document_model().objects.none()
    for collection in collections:
        documents |= get_document_model().objects.filter(collection__path__startswith=collection.path)
    return pages_using_documents(documents.values_list("pk", flat=True))


@when_enabled
def page_restriction_changed(sender, instance, **kwargs):
    enqueue(_restricted_pages([instance]))


@when_enabled
def collection_restriction_changed(sender, instance, **kwargs):
    enqueue(_restricted_documents([instance]))


def _changed_restrictions(model, instance, action, pk_set):
    """The restrictions whose groups an m2m_changed signal reports changed."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return []
    if isinstance(instance, model):
        return [instance]
    return list(model.objects.filter(pk__in=pk_set or ()))  # from the group's side


@when_enabled
def page_restriction_groups_changed(sender, instance, action, pk_set=None, **kwargs):
    enqueue(_restricted_pages(_changed_restrictions(PageViewRestriction, instance, action, pk_set)))


@when_enabled
def collection_restriction_groups_changed(sender, instance, action, pk_set=None, **kwargs):
    restrictions = _changed_restrictions(CollectionViewRestriction, instance, action, pk_set)
    enqueue(_restricted_documents(restrictions))


@when_enabled
def document_changed(sender, instance, **kwargs):
    enqueue(pages_using_documents([instance.pk]))


@when_enabled
def theme_saved(sender, instance, created, **kwargs):
    if not created:
        themed = (model.objects.filter(themes=instance) for model in (PracticePage, ResearchPage, EventPage))
        enqueue(pk for pages in themed for pk in pages.values_list("pk", flat=True))

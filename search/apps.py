from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        connect_signals()


def connect_signals() -> None:
    """Queue index updates on every change that alters the index (see search.signals)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
    from wagtail.documents import get_document_model
    from wagtail.models import CollectionViewRestriction, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from resources.models import CityPage, Theme
    from search import signals
    from search.indexing import INDEXED_TYPES

    def connect(signal, handler, sender=None):
        signal.connect(handler, sender=sender, dispatch_uid=f"search.{handler.__name__}.{sender}")

    connect(page_published, signals.page_changed)
    connect(page_unpublished, signals.page_changed)
    connect(post_page_move, signals.page_moved)
    connect(pre_save, signals.page_saving)
    connect(post_save, signals.page_saved)
    for model in INDEXED_TYPES:
        connect(post_delete, signals.page_deleted, model)
    connect(pre_delete, signals.city_deleting, CityPage)
    for signal in (post_save, post_delete):
        connect(signal, signals.page_restriction_changed, PageViewRestriction)
        connect(signal, signals.collection_restriction_changed, CollectionViewRestriction)
    connect(m2m_changed, signals.page_restriction_groups_changed, PageViewRestriction.groups.through)
    connect(m2m_changed, signals.collection_restriction_groups_changed, CollectionViewRestriction.groups.through)
    connect(post_save, signals.document_changed, get_document_model())
    connect(pre_delete, signals.document_changed, get_document_model())
    connect(post_save, signals.theme_saved, Theme)

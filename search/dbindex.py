"""The database's own search index: one ``IndexEntry`` per findable page, with its audience
set as a column (``audience_key``) and its city and theme values as ``IndexValue`` rows, and
the engine's full-text index beside it (FTS5 on SQLite, a weighted tsvector with a GIN index
on PostgreSQL; migration 0002 of search, where triggers or a generated column keep them in
step with the entries).

What a row holds is decided by search.indexing, as for Elasticsearch: ``_metadata``
(type, cities, themes, language, date, audiences; None keeps the page out) and
``_content`` (summary, body). Attachment text is included only for files everyone who
may read the page may also open (a stricter file's words are left out, so they never
leak), and only text already extracted: a page is written here while its editor waits.

Kept true synchronously, in the transaction of the change: every change search.signals
notices calls ``write`` through ``search.tasks.enqueue``, with or without Elasticsearch,
so no worker is needed for the database search to be right (and the Elasticsearch
fallback reads a true index). When Elasticsearch is on, the worker also rewrites the
pages it indexed, which brings in attachment text it has just extracted.

``rebuild`` (``search_index rebuild --database``) refills everything in bulk, extracting
attachment text; ``compare`` checks fingerprints for ``status`` and ``update``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from wagtail.models import Page

from resources.models import ResearchPage
from search.attachments import extracted_text, stored_texts
from search.indexing import (
    _content,
    _fingerprint,
    _metadata,
    _set_audiences,
    _set_cities,
    clean_text,
    indexed_pages,
    page_files,
    with_related,
)
from search.lifecycle import Comparison, database_fingerprints
from search.models import ExtractedText, IndexEntry, IndexValue

BATCH_SIZE = 500
# facet name in IndexValue -> key of search.indexing's metadata, a list or one value (or None)
# (type, language and year are columns of the entry)
VALUE_KEYS = {"city": "cities", "theme": "themes", "phase": "phase", "evidence": "evidence"}
Progress = Callable[[int, int], None]


def audience_key(audiences: Iterable[str]) -> str:
    """An audience set as the entry stores it: one canonical string per set, so that
    the search can tell which of the few distinct sets a reader passes."""
    return " ".join(sorted(audiences))


def audience_set(key: str) -> frozenset[str]:
    return frozenset(key.split())


def _stored_text(document) -> str:
    """Text already extracted from the document's current file, or ""."""
    found = ExtractedText.objects.filter(document=document, file_hash=document.get_file_hash()).first()
    return found.text if found else ""


def _attachment_text(page, metadata: dict, extract: bool, texts: dict[int, str]) -> str:
    """Text of the files readable by everyone who may read the page (``texts``: already read, by document id)."""
    open_to_all = {entry["document_id"] for entry in metadata["files"] if entry["audiences"] == metadata["audiences"]}
    read = extracted_text if extract else _stored_text
    files = [document for document in page_files(page) if document.pk in open_to_all]
    return clean_text(*(texts[document.pk] if document.pk in texts else read(document) for document in files))


def entry_for(
    page, extract: bool = False, texts: dict[int, str] | None = None
) -> tuple[IndexEntry, list[IndexValue]] | None:
    """The row and values of ``page`` (from ``with_related``), or None when it must not be found.
    ``texts``: attachment text already read (``stored_texts``); others are read one by one."""
    found = _metadata(page)
    if found is None:
        return None
    metadata, _documents = found
    summary, body = _content(page)
    extra = clean_text(metadata["authors"], metadata["theme_names"])
    entry = IndexEntry(
        page_id=page.pk,
        type=metadata["type"],
        title=clean_text(page.title),
        title_sort=metadata["title_sort"],
        url_path=page.url_path,
        path=page.path,
        summary=clean_text(summary),
        body=clean_text(body, extra),
        attachments=_attachment_text(page, metadata, extract, texts or {}),
        language=metadata["language"],
        date=metadata["date"],
        year=metadata["year"],
        published_at=metadata["published"],
        fingerprint=_fingerprint(page, metadata),
        audiences=audience_key(metadata["audiences"]),
    )
    return entry, _values(page.pk, metadata)


def _values(page_id: int, metadata: dict) -> list[IndexValue]:
    pairs = [(facet, str(item)) for facet, key in VALUE_KEYS.items() for item in _listed(metadata[key])]
    return [IndexValue(entry_id=page_id, facet=facet, value=value) for facet, value in pairs]


def _listed(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _store(page_ids: list[int], pages: list[Page], extract: bool) -> int:
    """Replace the rows of ``page_ids`` by those of ``pages`` (from ``with_related``; the others are removed)."""
    entries, values = [], []
    # Attachment text in one query for the batch rather than one per file.
    texts = stored_texts([document for page in pages for document in page_files(page)])
    for page in pages:
        found = entry_for(page, extract, texts)
        if found:
            entries.append(found[0])
            values += found[1]
    with transaction.atomic():
        IndexValue.objects.filter(entry_id__in=page_ids).delete()
        IndexEntry.objects.filter(page_id__in=page_ids).delete()
        IndexEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
        IndexValue.objects.bulk_create(values, batch_size=5 * BATCH_SIZE)
    return len(entries)


def write(page_ids: Iterable[int], extract: bool = False) -> None:
    """Bring the rows of these pages in line with the database (write or remove each)."""
    page_ids = sorted(set(page_ids))
    for start in range(0, len(page_ids), BATCH_SIZE):
        batch = page_ids[start : start + BATCH_SIZE]
        _store(batch, with_related(Page.objects.filter(pk__in=batch).specific()), extract)


def remove(page_ids: list[int]) -> None:
    _store(page_ids, [], extract=False)


def write_page(page) -> None:
    """Write ``page`` as it is in memory, while it is being saved: its ParentalManyToMany values
    (themes, research cities) reach the database only after post_save, so reading it back would miss them."""
    page = page.specific
    if isinstance(page, ResearchPage):
        page.indexed_cities = sorted((city for city in page.cities.all() if city.live), key=lambda city: city.title)
    else:
        _set_cities(defaultdict(list, {type(page): [page]}))
    _set_audiences([page])
    _store([page.pk], [page], extract=False)


def rebuild(pages=None, progress: Progress | None = None, extract: bool = True) -> int:
    """Refill the index from ``pages`` (a Page queryset; every indexable page by default),
    in batches of bulk inserts, in one transaction (readers see the old rows until the end);
    returns the number of rows written."""
    with transaction.atomic():
        if pages is None:
            IndexValue.objects.all().delete()
            IndexEntry.objects.all().delete()
        written = _fill(indexed_pages() if pages is None else pages, progress, extract)
    _analyze()
    return written


def _analyze() -> None:
    """Fresh planner statistics after a bulk fill: without them the first searches pick plans
    for empty tables (as they would until autovacuum or SQLite's optimizer noticed)."""
    tables = [model._meta.db_table for model in (IndexEntry, IndexValue)]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _fill(pages, progress: Progress | None, extract: bool) -> int:
    ids = list(pages.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        written += _store(batch, with_related(Page.objects.filter(pk__in=batch).specific()), extract)
        if progress:
            progress(min(start + BATCH_SIZE, len(ids)), len(ids))
    return written


def compare() -> Comparison:
    """How the rows differ from what the database says they should be."""
    return Comparison.of(database_fingerprints(), dict(IndexEntry.objects.values_list("page_id", "fingerprint")))

"""From pages to Elasticsearch documents, and writing them.

``build_document`` decides what a page looks like in the index, or that it must
not be there at all (not live, not a resource, behind a password). ``write``
brings the index in line with the database for some pages: index or delete,
whatever the page's state is *now*, so an update can be applied twice, late or
out of order and the index still ends up true. Each write carries an external
version (the time the database was read) so an older read never overwrites a
newer one, including while a rebuild fills a new index.

``fingerprint`` sums up what a page's document holds without building its text
(both share ``_metadata``), so ``search_index status`` can check every page
cheaply; rebuilding and comparing live in search/lifecycle.py.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from elasticsearch.helpers import bulk
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from portal.access import audiences_for_documents, audiences_for_pages, combine
from resources.models import CityPage, EventPage, PracticeAttachment, PracticePage, ResearchFile, ResearchPage
from search import es
from search.attachments import extracted_text, stored_texts
from search.documents import FILE_TEXT_FIELD, ResourceDocument, text_field_name

INDEXED_TYPES = {PracticePage: "practice", ResearchPage: "research", EventPage: "event", CityPage: "city"}
# The highlighter marks matches with these; they are removed from indexed text.
PRIVATE_USE = dict.fromkeys(range(0xE000, 0xF900))


def indexed_pages():
    """Every page that may be in the index (live, of an indexed type)."""
    return Page.objects.live().type(*INDEXED_TYPES)


def clean_text(*parts) -> str:
    """Plain text (rich text goes through ``_rich`` first), in one line, without the highlight markers."""
    text = "\n".join(part for part in parts if part)
    return " ".join(text.translate(PRIVATE_USE).split())


def _rich(value) -> str:
    return get_text_for_indexing(value or "")


def _stream(page, name) -> str:
    field = page._meta.get_field(name)
    return " ".join(str(part) for part in field.get_searchable_content(getattr(page, name)))


def _content(page) -> tuple[str, str]:
    """(summary, body) of a page as plain text."""
    if isinstance(page, PracticePage):
        body = [_rich(page.objectives), _rich(page.method), _rich(page.outcomes), _rich(page.lessons_learned)]
        body += [_rich(page.transferability), page.target_audiences, page.partners, _stream(page, "body")]
        return page.summary, clean_text(*body)
    if isinstance(page, ResearchPage):
        return page.practitioner_summary, clean_text(page.abstract, page.venue, page.method)
    if isinstance(page, EventPage):
        return page.summary, clean_text(_rich(page.description), page.venue, page.organiser, _stream(page, "agenda"))
    return clean_text(_rich(page.description))[:600], clean_text(_rich(page.description), page.regional_body)


def _date(page):
    if isinstance(page, PracticePage):
        return page.start_date
    if isinstance(page, ResearchPage):
        return page.publication_date
    if isinstance(page, EventPage):
        return page.start.date()
    return None


def pages_showing_city(city) -> list[int]:
    """Ids of the pages whose documents carry ``city``'s name: its practices, research about it, events it hosts."""
    ids = list(Page.objects.child_of(city).type(PracticePage).values_list("pk", flat=True))
    ids += ResearchPage.objects.filter(cities=city).values_list("pk", flat=True)
    ids += EventPage.objects.filter(host_city=city).values_list("pk", flat=True)
    return ids


_DOCUMENTS = "document__collection"
# What each page type's document reads from related rows, fetched for a whole batch of pages at once.
RELATED = {
    PracticePage: ["themes", Prefetch("attachments", PracticeAttachment.objects.select_related(_DOCUMENTS))],
    ResearchPage: [
        "themes",
        "authors",
        Prefetch("files", ResearchFile.objects.select_related(_DOCUMENTS)),
        Prefetch("cities", CityPage.objects.live().order_by("title"), to_attr="indexed_cities"),
    ],
    EventPage: ["themes", "host_city"],
}


def with_related(pages: Iterable[Page]) -> list[Page]:
    """The (specific) pages with the rows their documents show read in a few queries for
    all of them rather than several per page; ``build_document`` and ``fingerprint`` expect this.

    Sets ``indexed_cities`` on each page (the member cities its document names) and
    ``indexed_audiences`` on each page and attached document (who may read it)."""
    pages = [page.specific for page in pages]
    by_type = defaultdict(list)
    for page in pages:
        by_type[type(page)].append(page)
    for model, lookups in RELATED.items():
        prefetch_related_objects(by_type[model], *lookups)
    _set_cities(by_type)
    _set_audiences(pages)
    return pages


def _set_audiences(pages: list[Page]) -> None:
    """Restrictions are read once for the whole batch, not per page and per file."""
    documents = [document for page in pages for document in page_files(page)]
    by_document = audiences_for_documents(documents)
    for document in documents:
        document.indexed_audiences = by_document[document.pk]
    by_page = audiences_for_pages(pages)
    for page in pages:
        page.indexed_audiences = by_page[page.pk]


def _set_cities(by_type: dict[type, list[Page]]) -> None:
    """``indexed_cities`` of practices (their parent city), events (a live host) and cities (themselves);
    research pages have theirs from the prefetch."""
    parent_paths = {page.path[: -Page.steplen] for page in by_type[PracticePage]}
    parents = {city.path: city for city in CityPage.objects.filter(path__in=parent_paths)}
    for page in by_type[PracticePage]:
        parent = parents.get(page.path[: -Page.steplen])
        page.indexed_cities = [parent] if parent else []
    for page in by_type[EventPage]:
        page.indexed_cities = [page.host_city] if page.host_city_id and page.host_city.live else []
    for page in by_type[CityPage]:
        page.indexed_cities = [page]


def page_files(page) -> list:
    """The documents attached to a page (read by ``with_related``)."""
    if isinstance(page, PracticePage):
        return [attachment.document for attachment in page.attachments.all()]
    if isinstance(page, ResearchPage):
        return [attachment.document for attachment in page.files.all()]
    return []


def pages_using_documents(document_ids: Iterable[int]) -> list[int]:
    """Ids of the pages that attach any of these documents."""
    document_ids = list(document_ids)
    ids = list(PracticeAttachment.objects.filter(document__in=document_ids).values_list("page_id", flat=True))
    ids += ResearchFile.objects.filter(document__in=document_ids).values_list("page_id", flat=True)
    return ids


def _files(page, audiences) -> tuple[list[dict], dict]:
    """The page's files that someone who may read the page may also download, as
    index entries without their text; and the documents by id."""
    files, documents = [], {}
    for document in page_files(page):
        file_audiences = combine(audiences, document.indexed_audiences)
        if not file_audiences:
            continue
        documents[document.pk] = document
        entry = {"document_id": document.pk, "title": document.title, "audiences": sorted(file_audiences)}
        files.append(entry | {"file_hash": document.get_file_hash()})
    return files, documents


def _metadata(page) -> tuple[dict, dict] | None:
    """What the index holds about ``page`` apart from its text, and its documents by id;
    None when the page must not be in the index (not live, not a resource, behind a password)."""
    if not page.live or type(page) not in INDEXED_TYPES:
        return None
    audiences = page.indexed_audiences
    if not audiences:  # a password restriction: never indexed
        return None
    cities = page.indexed_cities
    themes = list(page.themes.all()) if hasattr(page, "themes") else []
    date = _date(page)
    files, documents = _files(page, audiences)
    metadata = {
        "page_id": page.pk,
        "title_sort": page.title.casefold(),
        "type": INDEXED_TYPES[type(page)],
        "url": page.url_path,
        "cities": [city.slug for city in cities],
        "city_names": [city.title for city in cities],
        "countries": sorted({city.country for city in cities}),
        "themes": [theme.slug for theme in themes],
        "theme_names": " ".join(theme.name for theme in themes),
        "phase": getattr(page, "phase", None),
        "evidence": getattr(page, "evidence_type", None),
        "language": getattr(page, "language", "en"),
        "date": date,
        "year": date.year if date else None,
        "published": page.first_published_at,
        "authors": " ".join(a.name for a in page.authors.all()) if isinstance(page, ResearchPage) else "",
        "audiences": sorted(audiences),
        "files": files,
    }
    return metadata, documents


def _fingerprint(page, metadata: dict) -> str:
    # The page's text changes only with a new live revision, a file's text only with its hash.
    basis = [page.live_revision_id, page.title, metadata]
    return hashlib.sha256(json.dumps(basis, default=str, sort_keys=True).encode()).hexdigest()[:32]


def fingerprint(page) -> str | None:
    """Changes when anything the index holds for ``page`` changes; None when it must not be indexed.
    Cheap: reads no text, so `search_index status` can check every page. ``page`` comes from ``with_related``."""
    found = _metadata(page)
    return _fingerprint(page, found[0]) if found else None


def _with_text(entry: dict, document, language: str, texts: dict[int, str]) -> dict:
    """A file's index entry with its extracted text, in the field of the page's language."""
    text = clean_text(texts[document.pk] if document.pk in texts else extracted_text(document))
    return {k: v for k, v in entry.items() if k != "file_hash"} | {text_field_name(FILE_TEXT_FIELD, language): text}


def build_document(page, texts: dict[int, str] | None = None) -> dict | None:
    """The indexed form of ``page`` (from ``with_related``), or None when it must not be in the index.

    ``texts``: attachment text already read, by document id (``stored_texts``); others are read one by one."""
    found = _metadata(page)
    if found is None:
        return None
    metadata, documents = found
    language, (summary, body) = metadata["language"], _content(page)
    return metadata | {
        "fingerprint": _fingerprint(page, metadata),
        text_field_name("title", language): clean_text(page.title),
        text_field_name("summary", language): clean_text(summary),
        text_field_name("body", language): body,
        "files": [
            _with_text(entry, documents[entry["document_id"]], language, texts or {}) for entry in metadata["files"]
        ],
    }


def ensure_index() -> None:
    """Create a versioned index behind the alias if there is none yet."""
    client = es.client()
    if not client.indices.exists_alias(name=es.alias()):
        create_index(es.new_index_name(), aliases=[es.alias()])


def create_index(name: str, aliases: Iterable[str] = ()) -> None:
    """Create index ``name`` with the document's mapping, with ELASTICSEARCH_REPLICAS replicas."""
    index = ResourceDocument._index.clone(name)
    index.settings(**ResourceDocument.Index.settings | {"number_of_replicas": settings.ELASTICSEARCH["REPLICAS"]})
    index.create(using=es.client())
    for alias in aliases:
        es.client().indices.put_alias(index=name, name=alias)


def write_targets() -> list[str]:
    """The alias, and the index a rebuild is filling if one is."""
    client = es.client()
    targets = [es.alias()]
    if client.indices.exists_alias(name=es.next_alias()):
        targets.append(es.next_alias())
    return targets


def documents_for(pages: Iterable[Page]) -> dict[int, dict | None]:
    """Each page's indexed form by id (None: must not be in the index), in a fixed number of
    queries however many pages there are (attachments extracted for the first time aside)."""
    pages = with_related(pages)
    texts = stored_texts([document for page in pages for document in page_files(page)])
    return {page.pk: build_document(page, texts) for page in pages}


def actions_for(documents: dict[int, dict | None], targets: list[str], version: int):
    """Bulk actions writing ``documents`` (by page id) to each target; None deletes."""
    for pk, doc in documents.items():
        for target in targets:
            action = {"_index": target, "_id": pk, "version": version, "version_type": "external_gte"}
            yield action | ({"_op_type": "delete"} if doc is None else {"_op_type": "index", "_source": doc})


def write(page_ids: Iterable[int], *, refresh: bool = False) -> None:
    """Bring the index in line with the database for these pages (index or delete each).

    Raises IndexUnavailable, or elasticsearch's TransportError / ApiError, when
    Elasticsearch cannot take the update now (search.tasks tries again later).
    """
    page_ids = list(dict.fromkeys(page_ids))
    if not page_ids:
        return
    ensure_index()
    version = time.time_ns() // 1000
    # Pages no longer in the database keep None: their documents are deleted.
    documents = dict.fromkeys(page_ids) | documents_for(Page.objects.filter(pk__in=page_ids).specific())
    actions = list(actions_for(documents, write_targets(), version))
    send(actions, refresh=refresh)


class IndexUnavailable(Exception):
    """Elasticsearch refused updates for now (overloaded, recovering): worth trying again."""


def send(actions: list[dict], *, refresh: bool = False, to_aliases: bool = True) -> None:
    """Bulk-send ``actions``; writes that arrive late or twice are fine, anything else is an error.

    Writes to aliases require the alias to exist, so a write to one that has just
    gone (``-next`` at the end of a rebuild) cannot create a stray index of its name.
    """
    _, errors = bulk(es.client(), actions, raise_on_error=False, refresh=refresh, require_alias=to_aliases)
    errors = [e for e in errors if not _harmless(e)]
    if any(_status(e) == 429 or _status(e) >= 500 for e in errors):
        raise IndexUnavailable(f"Elasticsearch refused {len(errors)} index updates: {errors[:3]}")
    if errors:
        raise RuntimeError(f"Elasticsearch refused {len(errors)} index updates: {errors[:3]}")


def _status(error: dict) -> int:
    ((_op, info),) = error.items()
    return info.get("status", 0)


def _harmless(error: dict) -> bool:
    """A delete of a document that is not there, a write older than what the index
    holds, or a write to the ``-next`` alias after the rebuild that used it is done."""
    ((op, info),) = error.items()
    status = info.get("status")
    return (
        (op == "delete" and status == 404) or status == 409 or (status == 404 and info.get("_index") == es.next_alias())
    )


def delete_all_indexes() -> None:
    """Remove every index behind the alias (tests, and `search_index` when asked).

    Indexes are named one by one: clusters refuse wildcard deletes by default."""
    client = es.client()
    names = list(client.indices.get(index=f"{es.alias()}-*", ignore_unavailable=True, allow_no_indices=True))
    if names:
        client.indices.delete(index=",".join(names))

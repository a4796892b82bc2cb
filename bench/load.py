"""Load the synthetic corpus fast: rows in bulk instead of Wagtail's add_child per page.

Base ``Page`` rows get their treebeard path, depth and url_path computed here and
are bulk-created with the specific content type; the page type's own table is
then filled with ``executemany`` (Django's bulk_create refuses multi-table
inheritance), followed by privacy restrictions, themes, cities, authors and
attachments. Attachment text goes straight into the extraction cache
(``ExtractedText``), so indexing reads it without parsing a file. Pages have no
revisions: readers and the index read the live page rows.
"""

from __future__ import annotations

import datetime
import hashlib
import time
import uuid
from collections import Counter
from decimal import Decimal
from itertools import islice

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, PageViewRestriction

from bench import corpus
from home.site_structure import ensure_site_structure
from portal.access import network_members_group
from resources.choices import EventFormat, Phase, PublicationType
from resources.models import (
    CityPage,
    EventPage,
    PracticeAttachment,
    PracticePage,
    ResearchAuthor,
    ResearchFile,
    ResearchPage,
    Theme,
)
from search.choices import ExtractionStatus
from search.models import ExtractedText

BATCH = 1000
NAMED_GROUP = "Bench working group"
ATTACHMENT_NAME = "documents/bench-attachment.txt"
MODELS = {"practice": PracticePage, "research": ResearchPage, "event": EventPage}


def load(size: int) -> dict:
    """Create the site, its cities and ``size`` resources; returns counts and seconds."""
    started = time.monotonic()
    with transaction.atomic():
        tree = Tree.prepare()
        prepared = time.monotonic()
        kinds = Counter()
        resources = corpus.corpus(size, list(tree.themes))
        while batch := list(islice(resources, BATCH)):
            tree.add(batch)
            kinds.update(r.kind for r in batch)
        tree.finish()
    seconds = time.monotonic() - prepared
    return {
        "resources": size,
        "kinds": dict(kinds),
        "site_and_cities_seconds": round(prepared - started, 2),
        "seconds": round(seconds, 2),
        "pages_per_s": round(size / seconds),
    }


def ensure_cities(index: Page) -> dict[str, CityPage]:
    """The member cities, created the ordinary way (few; their groups come with them)."""
    cities = {}
    for slug, title, country, latitude, longitude in corpus.CITIES:
        city = CityPage.objects.filter(slug=slug).first()
        if city is None:
            city = CityPage(title=title, slug=slug, country=country, joined=datetime.date(2019, 1, 1))
            city.latitude, city.longitude = Decimal(str(latitude)), Decimal(str(longitude))
            city.description = f"<p>{title} is a member city of the network.</p>"
            index.add_child(instance=city)
            city.save_revision().publish()
        cities[slug] = city
    return cities


class Tree:
    """Where resources go and what they point at; adds batches of them."""

    @classmethod
    def prepare(cls) -> Tree:
        _home, cities_index, research, events = ensure_site_structure()
        tree = cls()
        tree.cities = ensure_cities(cities_index)
        tree.sections = {"research": research, "event": events}
        tree.themes = dict(Theme.objects.values_list("slug", "pk"))
        tree.groups = {
            "members": network_members_group().pk,
            "group": Group.objects.get_or_create(name=NAMED_GROUP)[0].pk,
        }
        tree.children = Counter({page.pk: page.numchild for page in [*tree.cities.values(), research, events]})
        tree.locale_id = Locale.get_default().pk
        tree.collection_id = Collection.get_first_root_node().pk
        tree.content_types = {kind: ContentType.objects.get_for_model(model).pk for kind, model in MODELS.items()}
        _write_attachment_file()
        return tree

    def parent(self, resource: corpus.Resource) -> Page:
        return self.cities[resource.city] if resource.kind == "practice" else self.sections[resource.kind]

    def base_page(self, resource: corpus.Resource) -> Page:
        parent = self.parent(resource)
        self.children[parent.pk] += 1
        published = timezone.make_aware(datetime.datetime.combine(resource.date, datetime.time(12)))
        return Page(
            title=resource.title,
            draft_title=resource.title,
            slug=resource.slug,
            content_type_id=self.content_types[resource.kind],
            path=Page._get_path(parent.path, parent.depth + 1, self.children[parent.pk]),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{resource.slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            locale_id=self.locale_id,
            translation_key=uuid.uuid4(),
        )

    def add(self, batch: list[corpus.Resource]) -> None:
        pages = Page.objects.bulk_create([self.base_page(resource) for resource in batch])
        for kind, model in MODELS.items():
            rows = [specific(r, p, self) for r, p in zip(batch, pages, strict=True) if r.kind == kind]
            insert_rows(model, rows)
        pairs = list(zip(batch, pages, strict=True))
        restrict(pairs, self.groups)
        relate(pairs, self)
        attach(pairs, self.collection_id)

    def finish(self) -> None:
        for pk, count in self.children.items():
            Page.objects.filter(pk=pk).update(numchild=count)


def _rich(text: str) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in text.split("\n\n"))


def specific(resource: corpus.Resource, page: Page, tree: Tree) -> Page:
    """The page type's own row for ``page`` (not saved)."""
    common = {"page_ptr_id": page.pk, "language": resource.language}
    if resource.kind == "practice":
        return PracticePage(
            **common, summary=resource.summary, method=_rich(resource.body), phase=Phase.PREVENT,
            start_date=resource.date, body=[],
        )  # fmt: skip
    if resource.kind == "research":
        return ResearchPage(
            **common, abstract=resource.body, practitioner_summary=resource.summary[:800],
            publication_type=PublicationType.REPORT, publication_date=resource.date,
        )  # fmt: skip
    start = timezone.make_aware(datetime.datetime.combine(resource.date, datetime.time(9)))
    return EventPage(
        **common, summary=resource.summary, description=_rich(resource.body), start=start,
        end=start + datetime.timedelta(hours=8), format=EventFormat.IN_PERSON, venue="City hall",
        host_city_id=tree.cities[resource.city].pk, agenda=[],
    )  # fmt: skip


def insert_rows(model, objects: list) -> None:
    """INSERT the model's own table rows (its local concrete fields) for ``objects``."""
    if not objects:
        return
    fields = model._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    rows = [[field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields] for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def restrict(pairs, groups: dict[str, int]) -> None:
    """Members-only and named-group resources, as Wagtail's privacy setting makes them."""
    chosen = [(page, groups[r.audience]) for r, page in pairs if r.audience != "public"]
    restrictions = PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page_id=page.pk, restriction_type=PageViewRestriction.GROUPS) for page, _ in chosen]
    )
    through = PageViewRestriction.groups.through
    through.objects.bulk_create(
        [through(pageviewrestriction_id=r.pk, group_id=g) for r, (_page, g) in zip(restrictions, chosen, strict=True)]
    )


def _links(model, name: str, pairs: list[tuple[int, int]]) -> None:
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    through.objects.bulk_create([through(**{source: a, target: b}) for a, b in pairs])


def relate(pairs, tree: Tree) -> None:
    """Themes of every resource, cities and an author of research."""
    for kind, model in MODELS.items():
        of_kind = [(r, page) for r, page in pairs if r.kind == kind]
        _links(model, "themes", [(page.pk, tree.themes[slug]) for r, page in of_kind for slug in r.themes])
    research = [(r, page) for r, page in pairs if r.kind == "research"]
    _links(ResearchPage, "cities", [(page.pk, tree.cities[slug].pk) for r, page in research for slug in r.cities])
    ResearchAuthor.objects.bulk_create(
        [ResearchAuthor(page_id=page.pk, name=f"Author {r.number % 97}", sort_order=0) for r, page in research]
    )


def _write_attachment_file() -> None:
    """One small file every synthetic document points at (their text is in the extraction cache)."""
    path = settings.MEDIA_ROOT / ATTACHMENT_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Synthetic attachment; its text is in the extraction cache.\n")


def attach(pairs, collection_id: int) -> None:
    """A document with long extracted text for the resources that have one."""
    chosen = [(r, page) for r, page in pairs if r.attachment and r.kind != "event"]
    hashes = [hashlib.sha1(str(r.number).encode(), usedforsecurity=False).hexdigest() for r, _ in chosen]
    documents = get_document_model().objects.bulk_create(
        [
            get_document_model()(
                title=f"Report {r.number}",
                file=ATTACHMENT_NAME,
                collection_id=collection_id,
                file_size=60,
                file_hash=file_hash,
            )  # fmt: skip
            for (r, _page), file_hash in zip(chosen, hashes, strict=True)
        ]
    )
    for kind, model in (("practice", PracticeAttachment), ("research", ResearchFile)):
        rows = [(page, d) for (r, page), d in zip(chosen, documents, strict=True) if r.kind == kind]
        model.objects.bulk_create([model(page_id=page.pk, document_id=d.pk, sort_order=0) for page, d in rows])
    ExtractedText.objects.bulk_create(
        [
            ExtractedText(document_id=d.pk, file_hash=d.file_hash, status=ExtractionStatus.OK, text=r.attachment)
            for (r, _page), d in zip(chosen, documents, strict=True)
        ]
    )

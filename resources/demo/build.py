"""Turn the demo data into pages, documents and settings; create only what is missing.

Every item has a natural key: a page is its parent plus its slug (Wagtail keeps
slugs unique among siblings), a document its title, a theme its slug. An item
that already exists is left exactly as it is, so whatever an editor changed
survives a second run; the rows that belong to a page (authors, attachments,
outputs, its privacy) are created only together with it. The hosting history is
created once, when no hosting period exists yet.
"""

from __future__ import annotations

import datetime
import secrets
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction, Revision

from home.models import FeaturedResource, FooterLink, FooterSettings, HostingPeriod, NavigationSettings
from members.choices import Role
from members.models import ExpertProfile
from members.profiles import ensure_expert_profile
from members.roles import Grant, grant_role, has_admin_access, roles_of
from portal.access import network_members_group
from resources.models import (
    CityPage,
    EventOutput,
    EventPage,
    PracticeAttachment,
    PracticePage,
    ResearchAuthor,
    ResearchFile,
    ResearchPage,
    Theme,
)
from resources.permissions import MEMBERS_ONLY_COLLECTION, city_collection, ensure_city_editors

from .pdf import render_pdf


class Tally:
    """How many items of each kind were created, and how many were already there."""

    def __init__(self):
        self.created, self.existing = Counter(), Counter()
        self.kinds: list[str] = []

    def add(self, kind: str, created: bool) -> None:
        if kind not in self.kinds:
            self.kinds.append(kind)
        (self.created if created else self.existing)[kind] += 1

    def rows(self) -> list[tuple[str, int, int]]:
        return [(kind, self.created[kind], self.existing[kind]) for kind in self.kinds]


def day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def moment(value: str, zone: str = settings.TIME_ZONE) -> datetime.datetime:
    """An aware datetime from "YYYY-MM-DDTHH:MM" local to ``zone``."""
    return datetime.datetime.fromisoformat(value).replace(tzinfo=ZoneInfo(zone))


def validate(page: Page) -> None:
    """Model validation of a saved page, its inline rows and its StreamFields."""
    page.full_clean()
    for relation in get_all_child_relations(type(page)):
        for child in getattr(page, relation.get_accessor_name()).all():
            child.full_clean(exclude=[relation.field.name])
    for field in type(page)._meta.concrete_fields:
        if isinstance(field, StreamField):
            field.stream_block.clean(getattr(page, field.name))


def restrict_to_members(page: Page) -> None:
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(network_members_group())


def backdate(page: Page, published: datetime.date) -> None:
    """Spread publication dates as if the items had been published over the years."""
    when = moment(f"{published.isoformat()}T10:00")
    Page.objects.filter(pk=page.pk).update(
        first_published_at=when, last_published_at=when, latest_revision_created_at=when
    )
    Revision.objects.filter(pk=page.latest_revision_id).update(created_at=when)
    page.first_published_at = page.last_published_at = page.latest_revision_created_at = when


@transaction.atomic
def publish_new(parent: Page, page: Page, *, members_only: bool = False, published: str | None = None) -> Page:
    """Add ``page`` under ``parent``, validate it, restrict it if asked, publish a revision."""
    parent.add_child(instance=page)
    validate(page)
    if members_only:
        restrict_to_members(page)
    page.save_revision().publish()
    page.refresh_from_db()  # publishing saved a copy made from the revision
    if published:
        backdate(page, day(published))
    return page


def ensure_revision(page: Page) -> None:
    """Publish a revision of a live page saved without one (as the fixed top of the tree is),
    so that it has a publication date and a history like every other page."""
    if page.live and page.live_revision_id is None and not page.has_unpublished_changes:
        page.save_revision().publish()
        page.refresh_from_db()


def find_child(parent: Page, model, slug: str):
    return model.objects.child_of(parent).filter(slug=slug).first()


def ensure_page(parent: Page, model, spec: dict, make, tally: Tally) -> Page:
    """The page with ``spec["slug"]`` under ``parent``; if missing, ``make(spec)`` is published there."""
    page = find_child(parent, model, spec["slug"])
    tally.add(str(model._meta.verbose_name_plural), page is None)
    if page:
        return page
    return publish_new(
        parent, make(spec), members_only=spec.get("members_only", False), published=spec.get("published")
    )


def themes(slugs: list[str]) -> list[Theme]:
    return list(Theme.objects.filter(slug__in=slugs))


# Cities


def city_page(spec: dict) -> CityPage:
    name, email = spec["contact"]
    latitude, longitude = spec["coordinates"]
    page = CityPage(
        title=spec["title"],
        slug=spec["slug"],
        country=spec["country"],
        founding_member=spec["founding_member"],
        joined=day(spec["joined"]),
        left=day(spec.get("left")),
        regional_body=spec["regional_body"],
        regional_body_description=spec["regional_body_description"],
        description=spec["description"],
        contact_details=f'<p>{name}<br/><a href="mailto:{email}">{email}</a></p>',
        latitude=latitude,
        longitude=longitude,
    )
    return page


def ensure_cities(index: Page, specs: list[dict], tally: Tally) -> dict[str, CityPage]:
    """Cities by slug; a new city page is dated from when the city joined."""
    cities = {
        spec["slug"]: ensure_page(index, CityPage, {"published": spec["joined"], **spec}, city_page, tally)
        for spec in specs
    }
    ensure_hosting(cities, specs, tally)
    return cities


def ensure_hosting(cities: dict[str, CityPage], specs: list[dict], tally: Tally) -> None:
    """The network's hosts, in order; only when none is recorded, so that no demo term
    can overlap one the secretariat entered."""
    terms = [(cities[spec["slug"]], start, end) for spec in specs for start, end in spec["hosting"]]
    existing = HostingPeriod.objects.exists()
    for city, start, end in sorted(terms, key=lambda term: term[1]):
        tally.add("hosting periods", not existing)
        if not existing:
            period = HostingPeriod(city=city, start=day(start), end=day(end))
            period.full_clean()
            period.save()


# Documents


def document_collection(city: CityPage, members_only: bool):
    collection = city_collection(city)
    if not members_only:
        return collection
    return collection.get_children().get(name=MEMBERS_ONLY_COLLECTION)


def create_document(spec: dict, city: CityPage):
    document = get_document_model()(
        title=spec["title"],
        collection=document_collection(city, spec["members_only"]),
        file=ContentFile(render_pdf(spec["title"], spec["sections"]), name=spec["filename"]),
    )
    document._set_document_file_metadata()
    document.full_clean()
    document.save()
    return document


def ensure_documents(specs: dict[str, dict], cities: dict[str, CityPage], tally: Tally) -> dict:
    """Documents by their key in the data; looked up by title, created from generated PDF bytes."""
    documents = {}
    for key, spec in specs.items():
        document = get_document_model().objects.filter(title=spec["title"]).first()
        tally.add("documents", document is None)
        documents[key] = document or create_document(spec, cities[spec["city"]])
    return documents


# Practices


def practice_page(spec: dict, documents: dict) -> PracticePage:
    page = PracticePage(
        title=spec["title"],
        slug=spec["slug"],
        language=spec.get("language", "en"),
        summary=spec["summary"],
        body=spec["body"],
        phase=spec["phase"],
        status=spec["status"],
        evaluation=spec["evaluation"],
        start_date=day(spec["start"]),
        end_date=day(spec.get("end")),
        last_verified=day(spec.get("last_verified")),
        target_audiences=spec["audiences"],
        partners="\n".join(spec["partners"]),
        resources_budget=spec["budget"],
        objectives=spec["objectives"],
        method=spec["method"],
        outcomes=spec["outcomes"],
        lessons_learned=spec["lessons"],
        transferability=spec["transferability"],
    )
    page.themes = themes(spec["themes"])
    page.attachments = [
        PracticeAttachment(document=documents[key], caption=caption) for key, caption in spec.get("attachments", [])
    ]
    return page


def ensure_practices(specs: list[dict], cities: dict, documents: dict, tally: Tally) -> None:
    for spec in specs:
        ensure_page(cities[spec["city"]], PracticePage, spec, lambda s: practice_page(s, documents), tally)


# Research


def research_page(spec: dict, cities: dict, documents: dict) -> ResearchPage:
    page = ResearchPage(
        title=spec["title"],
        slug=spec["slug"],
        language=spec.get("language", "en"),
        abstract=spec["abstract"],
        practitioner_summary=spec["practitioner_summary"],
        publication_type=spec["type"],
        venue=spec["venue"],
        publication_date=day(spec["date"]),
        doi=spec.get("doi", ""),
        peer_reviewed=spec["peer_reviewed"],
        method=spec["method"],
        licence=spec.get("licence", ""),
        open_access=spec.get("open_access", "open"),
    )
    page.themes = themes(spec["themes"])
    page.cities = [cities[slug] for slug in spec.get("cities", [])]
    page.authors = [ResearchAuthor(name=name, affiliation=aff, orcid=orcid) for name, aff, orcid in spec["authors"]]
    page.files = [ResearchFile(document=documents[key], caption=caption) for key, caption in spec.get("files", [])]
    return page


def ensure_research(index: Page, specs: list[dict], cities: dict, documents: dict, tally: Tally) -> None:
    for spec in specs:
        ensure_page(index, ResearchPage, spec, lambda s: research_page(s, cities, documents), tally)


# Events


def resolve(ref: str, sections: dict) -> Page | None:
    """A page from a reference such as "practice:stockholm/slug" or "research:slug"."""
    kind, _, path = ref.partition(":")
    if kind == "practice":
        city_slug, _, slug = path.partition("/")
        city = find_child(sections["cities"], CityPage, city_slug)
        return find_child(city, PracticePage, slug) if city else None
    if kind == "research":
        return find_child(sections["research"], ResearchPage, path)
    if kind == "event":
        return find_child(sections["events"], EventPage, path)
    raise ValueError(f"Unknown demo reference {ref!r}")


def event_page(spec: dict, cities: dict, sections: dict) -> EventPage:
    zone = spec["timezone"]
    page = EventPage(
        title=spec["title"],
        slug=spec["slug"],
        language=spec.get("language", "en"),
        summary=spec["summary"],
        start=moment(spec["start"], zone),
        end=moment(spec["end"], zone),
        format=spec["format"],
        venue=spec.get("venue", ""),
        online_link=spec.get("online_link", ""),
        host_city=cities.get(spec.get("host_city")),
        organiser=spec["organiser"],
        description=spec["description"],
        agenda=spec["agenda"],
    )
    page.themes = themes(spec["themes"])
    outputs = (resolve(ref, sections) for ref in spec.get("outputs", []))
    page.outputs = [EventOutput(resource=output) for output in outputs if output]
    return page


def ensure_events(sections: dict, specs: list[dict], cities: dict, tally: Tally) -> None:
    for spec in specs:
        ensure_page(sections["events"], EventPage, spec, lambda s: event_page(s, cities, sections), tally)


# Home page and footer


@transaction.atomic
def ensure_featured(home, refs: list[str], sections: dict, tally: Tally) -> None:
    """Feature the demo's picks, unless the home page already features something (an editor's choice)."""
    if home.featured.exists():
        for _ in home.featured.all():
            tally.add("featured resources", False)
        return
    home.featured = [FeaturedResource(resource=page) for page in (resolve(ref, sections) for ref in refs) if page]
    for _ in home.featured.all():
        tally.add("featured resources", True)
    if home.has_unpublished_changes:
        home.save()  # keep an editor's draft as the latest revision; the rows still go live
    else:
        home.save_revision().publish()


def _unset(footer: FooterSettings, name: str) -> bool:
    current = getattr(footer, name)
    return not current or current == FooterSettings._meta.get_field(name).get_default()


def ensure_footer(site, values: dict, tally: Tally) -> None:
    """Fill the footer fields that are empty (or still at the model default); never overwrite."""
    footer = FooterSettings.for_site(site)
    changed = [name for name, value in values.items() if _unset(footer, name) and getattr(footer, name) != value]
    for name in changed:
        setattr(footer, name, values[name])
    if changed:
        footer.save(update_fields=changed)
    tally.add("footer settings", bool(changed))


def ensure_footer_links(site, links: list[tuple[str, str]], sections: dict, tally: Tally) -> None:
    """Footer links to the demo's sections, unless an editor has set footer links already."""
    setting, _ = NavigationSettings.objects.get_or_create(site=site)
    if setting.footer_links.exists():
        tally.add("footer links", False)
        return
    for order, (label, section) in enumerate(links):
        FooterLink.objects.create(setting=setting, label=label, link_page=sections[section], sort_order=order)
        tally.add("footer links", True)


# Demo accounts


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    password: str
    admin: bool  # reaches /admin/, so sets up an authenticator app at the first visit


def demo_user(spec: dict, tally: Tally) -> tuple:
    """The account (created if missing, with a verified address) and a fresh random password."""
    email = spec["email"]
    user = get_user_model().objects.filter(username=email).first()
    tally.add("demo accounts", user is None)
    if user is None:
        user = get_user_model()(username=email, email=email, first_name=spec["first_name"], last_name=spec["last_name"])
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user, password


def ensure_role(user, role: Role, city: CityPage | None) -> Grant:
    """Grant the role through members.roles (groups, audit trail), unless the person holds it."""
    if city is not None:
        ensure_city_editors(city)
    grant = Grant(role, city)
    if grant not in roles_of(user):
        grant_role(user, role, city)
    return grant


def fill_profile(user, values: dict) -> ExpertProfile:
    """Give a blank expert profile the demo's details; once filled in (or edited), it stays as it is."""
    profile = ensure_expert_profile(user)
    if profile.affiliation or profile.bio:
        return profile
    for name, value in values.items():
        if name != "themes":
            setattr(profile, name, value)
    profile.full_clean(exclude=["themes"])
    profile.save()
    profile.themes.set(themes(values.get("themes", [])))
    return profile


def credit_expert(page: ResearchPage, name: str, profile: ExpertProfile) -> None:
    """Link the author rows naming the expert to their profile and make them the page's owner,
    as a published revision (the editor opens the latest revision); the page keeps its dates."""
    published = timezone.localtime(page.first_published_at).date()
    authors = list(page.authors.all())
    for author in authors:
        if author.name == name and author.expert_id is None:
            author.expert = profile
    page.authors = authors
    page.owner = profile.user
    page.save_revision().publish()
    page.refresh_from_db()
    backdate(page, published)


def ensure_authorship(name: str, profile: ExpertProfile) -> None:
    """Credit the expert on the demo research naming them; pages with an editor's draft are left alone."""
    pages = ResearchPage.objects.filter(authors__name=name, authors__expert__isnull=True).distinct()
    for page in pages:
        if not page.has_unpublished_changes:
            credit_expert(page, name, profile)


@transaction.atomic
def ensure_account(spec: dict, cities: dict, tally: Tally) -> DemoAccount:
    """The demo account of one role, holding that role, with a fresh password."""
    user, password = demo_user(spec, tally)
    grant = ensure_role(user, spec["role"], cities.get(spec.get("city")))
    if "profile" in spec:
        profile = fill_profile(user, spec["profile"])
        ensure_authorship(spec["author"], profile)
    user = get_user_model().objects.get(pk=user.pk)  # permissions as the new groups give them
    return DemoAccount(user.email, str(grant), password, has_admin_access(user))

"""Who may see what: the one place that answers it.

Wagtail's own privacy is the source of truth (PageViewRestriction on pages,
CollectionViewRestriction on documents). This module turns those restrictions
into *audience sets* so that every surface (page views, listings, search, home
page, documents) asks the same question the same way:

- a page's audiences: ``{"public"}``, ``{"members"}``, ``{"authenticated"}``
  or ``{"group:<id>", ...}``;
- a user's audiences: what the user belongs to, ``{"all"}`` added for superusers
  (Wagtail lets superusers through every group restriction).

A user may see a page when they pass every restriction on it and its
ancestors: for each, the page is public, or the user's audiences meet the
restriction's. ``page_audiences`` flattens the restrictions into one set for
badges and search filters; where nested group restrictions cannot be flattened
exactly, the flat set is the narrower one (it never lets more people in).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Substr
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction

from portal import page_cache

PUBLIC = "public"
MEMBERS = "members"
AUTHENTICATED = "authenticated"
ALL = "all"
NETWORK_MEMBERS_GROUP = "Network members"


def network_members_group() -> Group:
    """The group that members-only content is restricted to."""
    group, _ = Group.objects.get_or_create(name=NETWORK_MEMBERS_GROUP)
    return group


def _group_audience(group: Group) -> str:
    return MEMBERS if group.name == NETWORK_MEMBERS_GROUP else f"group:{group.pk}"


def restriction_audiences(restriction: BaseViewRestriction) -> frozenset[str]:
    """The audiences one Wagtail restriction lets through.

    Password restrictions are switched off in settings; should one exist anyway,
    it lets nobody through here, so its content is never listed or indexed.
    """
    if restriction.restriction_type == BaseViewRestriction.LOGIN:
        return frozenset({AUTHENTICATED})
    if restriction.restriction_type == BaseViewRestriction.GROUPS:
        return frozenset(_group_audience(g) for g in restriction.groups.all())
    return frozenset()


def combine(outer: frozenset[str], inner: frozenset[str]) -> frozenset[str]:
    """Audiences that pass both of two nested restrictions.

    Anything a group restriction lets through is also signed in, so
    ``authenticated`` narrows to the other set; two group sets narrow to what
    they share (conservative: a user must hold one group allowed by both).
    """
    for wide in (PUBLIC, AUTHENTICATED):
        if wide in outer:
            return inner
        if wide in inner:
            return outer
    return outer & inner


def page_requirements(page: Page) -> list[frozenset[str]]:
    """One audience set per restriction on ``page`` and its ancestors; a reader must pass each."""
    return [restriction_audiences(r) for r in page.get_view_restrictions().prefetch_related("groups")]


def document_requirements(document) -> list[frozenset[str]]:
    """One audience set per restriction on the document's collection and its ancestors."""
    restrictions = document.collection.get_view_restrictions().prefetch_related("groups")
    return [restriction_audiences(r) for r in restrictions]


def _flatten(requirements: Iterable[frozenset[str]]) -> frozenset[str]:
    audiences = frozenset({PUBLIC})
    for requirement in requirements:
        audiences = combine(audiences, requirement)
    return audiences


def page_audiences(page: Page) -> frozenset[str]:
    """Who may read ``page``, flattened into one set (see the module docstring)."""
    return _flatten(page_requirements(page))


def document_audiences(document) -> frozenset[str]:
    """Who may download ``document``, flattened into one set."""
    return _flatten(document_requirements(document))


def _ancestor_paths(paths: Iterable[str], steplen: int) -> set[str]:
    """Every tree path on the way to each of ``paths``, the paths themselves included."""
    return {path[:end] for path in paths for end in range(steplen, len(path) + 1, steplen)}


def _restrictions_above(restrictions, node: str, paths: set[str], steplen: int) -> list[tuple[str, frozenset[str]]]:
    """(path, audiences) of each restriction on any of ``paths`` or above them, in two queries."""
    found = restrictions.filter(**{f"{node}__path__in": _ancestor_paths(paths, steplen)})
    found = found.select_related(node).prefetch_related("groups")
    return [(getattr(r, node).path, restriction_audiences(r)) for r in found]


def _audiences_below(restrictions: list[tuple[str, frozenset[str]]], path: str) -> frozenset[str]:
    return _flatten(audiences for above, audiences in restrictions if path.startswith(above))


def audiences_for_pages(pages: Iterable[Page]) -> dict[int, frozenset[str]]:
    """``page_audiences`` of many pages by id, their restrictions read once for all of them."""
    pages = list(pages)
    restrictions = _restrictions_above(PageViewRestriction.objects, "page", {p.path for p in pages}, Page.steplen)
    return {page.pk: _audiences_below(restrictions, page.path) for page in pages}


def audiences_for_documents(documents: Iterable) -> dict[int, frozenset[str]]:
    """``document_audiences`` of many documents by id (their collections already read)."""
    from wagtail.models import Collection, CollectionViewRestriction

    documents = list(documents)
    paths = {document.collection.path for document in documents}
    restrictions = _restrictions_above(CollectionViewRestriction.objects, "collection", paths, Collection.steplen)
    return {document.pk: _audiences_below(restrictions, document.collection.path) for document in documents}


def user_groups(user) -> list[Group]:
    """The groups of a signed-in ``user``; read once per request (cached on the user object)."""
    cached = getattr(user, "_portal_groups", None)
    if cached is None:
        cached = user._portal_groups = list(user.groups.all())
    return cached


def audiences_for_user(user) -> frozenset[str]:
    """Every audience ``user`` belongs to; cached on the user object per request."""
    cached = getattr(user, "_portal_audiences", None)
    if cached is not None:
        return cached
    audiences = {PUBLIC}
    if user is not None and user.is_authenticated and user.is_active:
        audiences.add(AUTHENTICATED)
        audiences.update(_group_audience(g) for g in user_groups(user))
        if user.is_superuser:
            audiences.add(ALL)
    result = frozenset(audiences)
    if user is not None:
        user._portal_audiences = result
    return result


def remember_for(user, name: str, compute):
    """``compute()``, something drawn from the pages ``user`` may read, kept with the page cache
    (``page_cache.remember``) for every reader with the same audiences: they see the same pages."""
    return page_cache.remember(f"{name}:{'|'.join(sorted(audiences_for_user(user)))}", compute)


def can_view(user_audiences: frozenset[str], audiences: frozenset[str]) -> bool:
    return PUBLIC in audiences or (ALL in user_audiences and bool(audiences)) or bool(user_audiences & audiences)


def passes_all(user_audiences: frozenset[str], requirements: Iterable[frozenset[str]]) -> bool:
    return all(can_view(user_audiences, requirement) for requirement in requirements)


def user_can_view_page(user, page: Page) -> bool:
    return passes_all(audiences_for_user(user), page_requirements(page))


def user_can_view_document(user, document) -> bool:
    return passes_all(audiences_for_user(user), document_requirements(document))


def is_members_only(page: Page) -> bool:
    return PUBLIC not in page_audiences(page)


def is_network_member(user) -> bool:
    """Whether ``user`` may read what is shown to network members only (such as city contact details)."""
    return can_view(audiences_for_user(user), frozenset({MEMBERS}))


def refuse(request):
    """How every surface turns a reader away: anonymous to sign in, signed in to the 403 page."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.get_full_path())


def members_only(view):
    """A view for network members only; everyone else is refused as above."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_network_member(request.user):
            return refuse(request)
        return view(request, *args, **kwargs)

    return wrapper


def _blocking_restrictions(user):
    """The page restrictions ``user`` does not pass, as a queryset (read by the database, row by row)."""
    user_audiences = audiences_for_user(user)
    restrictions = PageViewRestriction.objects.all()
    if AUTHENTICATED not in user_audiences:
        return restrictions
    group_links = PageViewRestriction.groups.through.objects.filter(pageviewrestriction_id=OuterRef("pk"))
    if ALL not in user_audiences:  # a superuser passes every group restriction that lets anyone in
        group_links = group_links.filter(group__user=user)
    return restrictions.exclude(restriction_type=BaseViewRestriction.LOGIN).exclude(
        Q(restriction_type=BaseViewRestriction.GROUPS) & Exists(group_links)
    )


def _restricted_depths(user) -> list[int]:
    """Tree depths at which pages carry a restriction; read once per request, and kept until
    pages or restrictions change (``page_cache.remember``)."""
    cached = getattr(user, "_portal_restricted_depths", None)
    if cached is None:
        cached = page_cache.remember("restricted-depths", _read_restricted_depths)
        if user is not None:
            user._portal_restricted_depths = cached
    return cached


def _read_restricted_depths() -> list[int]:
    return sorted(PageViewRestriction.objects.values_list("page__depth", flat=True).order_by().distinct())


def visible_pages(queryset, user, searchable: bool = False):
    """Narrow a page queryset to what ``user`` may read: live, and not behind a
    restriction the user does not pass.

    One condition whatever the number of restrictions: a page is left out when a
    restriction the user does not pass sits on the page or an ancestor, found by
    the ancestor's path (a prefix of the page's, at a depth where restrictions are).
    ``searchable`` gives the same condition in a form Wagtail's own search accepts.
    """
    queryset = queryset.live()
    depths = _restricted_depths(user)
    if not depths:
        return queryset
    above = Q()
    for depth in depths:
        above |= Q(page__path=Substr(OuterRef("path"), 1, depth * Page.steplen))
    hidden = Exists(_blocking_restrictions(user).filter(above))
    if searchable:  # Wagtail's search on a queryset (the API's ?search=) takes filters on fields only
        return queryset.exclude(pk__in=Page.objects.filter(hidden).values("pk"))
    return queryset.exclude(hidden)


def visible_documents(queryset, user):
    """Narrow a document queryset to what ``user`` may download.

    The closed collections are excluded by id, a filter Wagtail's own search also takes
    (the API's ?search=), not by path, which it does not."""
    from wagtail.models import Collection, CollectionViewRestriction

    user_audiences = audiences_for_user(user)
    closed = Q()
    for restriction in CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups"):
        if not can_view(user_audiences, restriction_audiences(restriction)):
            closed |= Q(path__startswith=restriction.collection.path)
    if not closed:
        return queryset
    return queryset.exclude(collection__in=list(Collection.objects.filter(closed).values_list("pk", flat=True)))


def choosable_pages(queryset, user):
    """Narrow the admin's page chooser to what ``user`` may read on the site and what they may
    edit (their drafts too): the chooser lists titles, so it lists no others."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    readable = visible_pages(Page.objects.all(), user).values("pk")
    editable = PagePermissionPolicy().explorable_instances(user).values("pk")
    return queryset.filter(Q(pk__in=readable) | Q(pk__in=editable))


def public_pages(queryset, searchable: bool = False):
    """Narrow a page queryset to what an anonymous visitor may read.

    Feeds, the sitemap and the API are the same for everyone (they are cached
    and copied), so they list this, whoever asks. ``searchable``: see ``visible_pages``.
    """
    return visible_pages(queryset, AnonymousUser(), searchable)


def public_documents(queryset):
    """Narrow a document (or image) queryset to what an anonymous visitor may download."""
    return visible_documents(queryset, AnonymousUser())


def _public_by_path(paths: Iterable[str], user=None) -> dict[str, bool]:
    """Whether pages at ``paths`` are open to anonymous visitors (no restriction on them or
    above), in one query for the paths not yet known; kept on the request's user."""
    known = getattr(user, "_portal_public_by_path", None)
    if known is None:
        known = {}
        if user is not None:
            user._portal_public_by_path = known
    unknown = set(paths) - known.keys()
    if unknown:
        ancestors = _ancestor_paths(unknown, Page.steplen)
        restricted = set(
            PageViewRestriction.objects.filter(page__path__in=ancestors).values_list("page__path", flat=True)
        )
        for path in unknown:
            known[path] = restricted.isdisjoint(_ancestor_paths([path], Page.steplen))
    return known


def is_public(page: Page, user=None) -> bool:
    """Whether anonymous visitors may read ``page``: no restriction on it or above.

    Pass the request's user to reuse what this request has already read.
    """
    return _public_by_path([page.path], user)[page.path]


def note_public(pages, user) -> None:
    """Read at once whether each of ``pages`` is public, so ``is_public`` on them runs no query."""
    _public_by_path([page.path for page in pages], user)


def mark_members_only(pages, user) -> None:
    """Set ``page.members_only`` (not public) on each page, for badges."""
    pages = list(pages)
    public = _public_by_path([page.path for page in pages], user)
    for page in pages:
        page.members_only = not public[page.path]


def may_see_registrations(user, event) -> bool:
    """Who sees an event's registrations: the secretariat, and the editors and
    coordinators of the event's host city."""
    from members.roles import is_secretariat  # members.roles imports this module

    if is_secretariat(user):
        return True
    city = event.host_city
    if city is None:
        return False
    hosts = {f"group:{pk}" for pk in (city.editors_group_id, city.coordinators_group_id) if pk}
    return bool(audiences_for_user(user) & hosts)

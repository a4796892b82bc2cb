"""Per-city publishing: each city's editors work on their own subtree only.

Creating a CityPage creates its three groups: "<City> editors" with add and
edit on that city's pages (publishing goes through the "Secretariat review"
workflow), "<City> coordinators" (editors who also invite and offboard the
city's people) and "<City> members" (the city's staff). It also creates a
document collection for the city (with a members-only collection inside it)
that the editors may add to and edit. The city keeps a link to all of them, so
renaming the city renames them too.

Invited experts contribute research the same way: the "Invited expert" group
may add pages under the research index (Wagtail lets a page's owner edit it,
and nobody else's) and upload files to the "Research" collection; the
secretariat's review workflow publishes.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission, GroupPagePermission

from portal.access import network_members_group

PAGE_PERMISSIONS = ("add_page", "change_page")
COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
)
MEMBERS_ONLY_COLLECTION = "Members only"
RESEARCH_COLLECTION = "Research"
EXPERT_COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
)


CITY_GROUPS = {"editors_group": "editors", "coordinators_group": "coordinators", "members_group": "members"}


def editors_group_name(city) -> str:
    return f"{city.title} editors"


def city_group_name(city, field: str) -> str:
    return f"{city.title} {CITY_GROUPS[field]}"


def _rename(obj, name: str, model) -> None:
    """Follow a city rename, unless another object already has the new name."""
    if obj.name != name and not model.objects.filter(name=name).exclude(pk=obj.pk).exists():
        obj.name = name
        obj.save(update_fields=["name"])


def _city_group(city, field: str) -> Group:
    pk = getattr(city, f"{field}_id")
    group = Group.objects.filter(pk=pk).first() if pk else None
    if group is None:
        group, _ = Group.objects.get_or_create(name=city_group_name(city, field))
    _rename(group, city_group_name(city, field), Group)
    return group


def _members_only_collection(collection: Collection) -> Collection:
    private = collection.get_children().filter(name=MEMBERS_ONLY_COLLECTION).first()
    if private is None:
        private = collection.add_child(name=MEMBERS_ONLY_COLLECTION)
        restriction = CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(network_members_group())
    return private


def city_collection(city) -> Collection:
    """The city's document collection, with a members-only collection inside."""
    collection = Collection.objects.filter(pk=city.collection_id).first() if city.collection_id else None
    if collection is None:
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=city.title).first() or root.add_child(name=city.title)
    _rename(collection, city.title, Collection)
    _members_only_collection(collection)
    return collection


def _admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def _grant_editing(group: Group, city, collection: Collection) -> None:
    group.permissions.add(_admin_access())
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=city, permission=permission)
    # Publishing is the secretariat's, through the review workflow (older cities had it).
    GroupPagePermission.objects.filter(group=group, permission__codename="publish_page").delete()
    for app_label, codename in COLLECTION_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


@transaction.atomic
def ensure_city_editors(city) -> Group:
    """Create (or complete, or rename) the city's groups, the editors'
    permissions and the city's collection. Idempotent; returns the editors group."""
    groups = {field: _city_group(city, field) for field in CITY_GROUPS}
    collection = city_collection(city)
    _grant_editing(groups["editors_group"], city, collection)
    # Coordinators reach the admin to invite their city's people; they edit
    # pages as members of the editors group too.
    groups["coordinators_group"].permissions.add(_admin_access())
    links = {f"{field}_id": group.pk for field, group in groups.items()} | {"collection_id": collection.pk}
    if any(getattr(city, name) != value for name, value in links.items()):
        # update() rather than save(): no new revision, no second signal.
        type(city).objects.filter(pk=city.pk).update(**links)
        for name, value in links.items():
            setattr(city, name, value)
    return groups["editors_group"]


def _in_step(city) -> bool:
    """Whether the city's group and collection exist and carry its current name."""
    names = {getattr(city, f"{field}_id"): city_group_name(city, field) for field in CITY_GROUPS}
    in_step = set(Group.objects.filter(pk__in=[pk for pk in names if pk]).values_list("pk", "name"))
    return in_step == set(names.items()) and Collection.objects.filter(pk=city.collection_id, name=city.title).exists()


def city_saved(sender, instance, created, raw=False, **kwargs):
    """Set up a new city's editors; follow a rename. Other saves cost two small queries."""
    if not raw and (created or not _in_step(instance)):
        ensure_city_editors(instance)


# Invited experts


def research_collection() -> Collection:
    """The collection for research files, with a members-only collection inside."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=RESEARCH_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=RESEARCH_COLLECTION)
    _members_only_collection(collection)
    return collection


@transaction.atomic
def ensure_research_contributors(index) -> Group:
    """Let invited experts draft research under ``index`` and upload its files. Idempotent.

    "add" without "change" or "publish": Wagtail lets them edit only the pages they
    own, and what they submit is published by the secretariat's review workflow.
    """
    from members.roles import EXPERTS_GROUP

    group, _ = Group.objects.get_or_create(name=EXPERTS_GROUP)
    group.permissions.add(_admin_access())
    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    GroupPagePermission.objects.get_or_create(group=group, page=index, permission=add_page)
    collection = research_collection()
    for app_label, codename in EXPERT_COLLECTION_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    return group


def research_index_saved(sender, instance, created, raw=False, **kwargs):
    """A new research index opens to invited experts."""
    if created and not raw:
        ensure_research_contributors(instance)

"""Per-city publishing: each city's editors work on their own subtree only.

Creating a CityPage creates the "<City> editors" group with add/edit/publish
on that city's pages, and a document collection for the city (with a
members-only collection inside it) that the group may add to and edit. The
city keeps a link to both, so renaming the city renames them too.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission, GroupPagePermission

from portal.access import network_members_group

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
)
MEMBERS_ONLY_COLLECTION = "Members only"


def editors_group_name(city) -> str:
    return f"{city.title} editors"


def _rename(obj, name: str, model) -> None:
    """Follow a city rename, unless another object already has the new name."""
    if obj.name != name and not model.objects.filter(name=name).exclude(pk=obj.pk).exists():
        obj.name = name
        obj.save(update_fields=["name"])


def _editors_group(city) -> Group:
    group = Group.objects.filter(pk=city.editors_group_id).first() if city.editors_group_id else None
    if group is None:
        group, _ = Group.objects.get_or_create(name=editors_group_name(city))
    _rename(group, editors_group_name(city), Group)
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


@transaction.atomic
def ensure_city_editors(city) -> Group:
    """Create (or complete, or rename) the city's editors group, its permissions
    and its collection. Idempotent."""
    group = _editors_group(city)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=city, permission=permission)
    collection = city_collection(city)
    for app_label, codename in COLLECTION_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    if (city.editors_group_id, city.collection_id) != (group.pk, collection.pk):
        # update() rather than save(): no new revision, no second signal.
        type(city).objects.filter(pk=city.pk).update(editors_group=group, collection=collection)
        city.editors_group_id, city.collection_id = group.pk, collection.pk
    return group


def _in_step(city) -> bool:
    """Whether the city's group and collection exist and carry its current name."""
    return (
        Group.objects.filter(pk=city.editors_group_id, name=editors_group_name(city)).exists()
        and Collection.objects.filter(pk=city.collection_id, name=city.title).exists()
    )


def city_saved(sender, instance, created, raw=False, **kwargs):
    """Set up a new city's editors; follow a rename. Other saves cost two small queries."""
    if not raw and (created or not _in_step(instance)):
        ensure_city_editors(instance)

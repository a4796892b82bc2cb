"""The leak matrix's world: one item of every kind of content, one person in every role, and
the table of who may read what (tests/portal/test_leak_matrix.py looks at it from outside).

Every item carries a marker word of its own in its title, summary, body, slug, attachment
text and file name, so that a response leaks an item exactly when its marker is in it.
"""

from __future__ import annotations

from dataclasses import dataclass

import wagtail_factories
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page

from home.site_structure import ensure_site_structure
from members.choices import Role
from members.models import CalendarFeedToken
from members.roles import revoke_role
from resources.models import PracticeAttachment, Theme
from resources.permissions import city_collection
from tests.conftest import _user, _with_role, make_city, make_practice, restrict_to_members
from tests.factories import EventPageFactory, make_document, members_only_collection
from tests.members.signin import post_password

SHARED_WORD = "lighthouse"  # in every page item's text: one search finds them all


@dataclass(frozen=True)
class Item:
    marker: str
    kind: str  # practice, city, event, revision, document, image
    city: str = ""  # the city slug a page item is filed under in search facets


ITEMS = {
    "public": Item("kumquat", "practice", "stockholm"),
    "members": Item("marzipan", "practice", "stockholm"),
    "group": Item("hazelnut", "practice", "stockholm"),
    "restricted_parent": Item("saffron", "city", "saffron-bay"),
    "unsaved_child": Item("tamarind", "practice", "saffron-bay"),
    "moved": Item("juniper", "practice", "saffron-bay"),
    "draft": Item("paprika", "practice", "stockholm"),
    "unpublished": Item("cardamom", "practice", "stockholm"),
    "draft_change": Item("nutmeg", "revision"),  # a saved, unpublished change to the public practice
    "public_event": Item("pistachio", "event", "stockholm"),
    "members_event": Item("almond", "event", "stockholm"),
    "group_event": Item("walnut", "event", "stockholm"),
    "public_document": Item("rhubarb", "document"),
    "private_document": Item("fennel", "document"),  # in a members-only collection
    "child_collection_document": Item("oregano", "document"),  # in a child of that collection
    "members_image": Item("cinnamon", "image"),  # on the members-only practice, in a members-only collection
    "public_image": Item("clove", "image"),
}

ROLES = (
    "anonymous",
    "deactivated",  # a member who was signed in when the account was switched off
    "offboarded",  # a member who was signed in when the role was revoked
    "outsider",  # signed in, in no group
    "member",
    "group_member",  # a member in a named group: the Stockholm members
    "expert",
    "stockholm_editor",
    "barcelona_editor",
    "secretariat",
)

# Who may read each item on the site (pages, listings, search, documents, personal calendar).
# Y: may, -: may not. "group" items are restricted to the Stockholm members group.
#                                  anon deac offb outs memb grpm expt sted bced secr
SITE_TABLE = """
public                              Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
members                             -    -    -    -    Y    Y    Y    Y    Y    Y
group                               -    -    -    -    -    Y    -    Y    -    Y
restricted_parent                   -    -    -    -    Y    Y    Y    Y    Y    Y
unsaved_child                       -    -    -    -    Y    Y    Y    Y    Y    Y
moved                               -    -    -    -    Y    Y    Y    Y    Y    Y
draft                               -    -    -    -    -    -    -    -    -    -
unpublished                         -    -    -    -    -    -    -    -    -    -
draft_change                        -    -    -    -    -    -    -    -    -    -
public_event                        Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
members_event                       -    -    -    -    Y    Y    Y    Y    Y    Y
group_event                         -    -    -    -    -    Y    -    Y    -    Y
public_document                     Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
private_document                    -    -    -    -    Y    Y    Y    Y    Y    Y
child_collection_document           -    -    -    -    Y    Y    Y    Y    Y    Y
members_image                       -    -    -    -    Y    Y    Y    Y    Y    Y
public_image                        Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
"""

# What may show in the Wagtail admin (page search, choosers, previews, history, revisions):
# what the person may read, and what they may edit (a Stockholm editor edits every Stockholm
# practice, drafts included; Stockholm's collections hold the public document and the image).
# One exception (DRAFT_TITLES): Wagtail's page chooser names a page by its latest draft title,
# so anyone with the admin who may read the public practice sees the title of its saved change.
#                                  anon deac offb outs memb grpm expt sted bced secr
ADMIN_TABLE = """
public                              -    -    -    -    -    -    Y    Y    Y    Y
members                             -    -    -    -    -    -    Y    Y    Y    Y
group                               -    -    -    -    -    -    -    Y    -    Y
restricted_parent                   -    -    -    -    -    -    Y    Y    Y    Y
unsaved_child                       -    -    -    -    -    -    Y    Y    Y    Y
moved                               -    -    -    -    -    -    Y    Y    Y    Y
draft                               -    -    -    -    -    -    -    Y    -    Y
unpublished                         -    -    -    -    -    -    -    Y    -    Y
draft_change                        -    -    -    -    -    -    Y    Y    Y    Y
public_event                        -    -    -    -    -    -    Y    Y    Y    Y
members_event                       -    -    -    -    -    -    Y    Y    Y    Y
group_event                         -    -    -    -    -    -    -    Y    -    Y
public_document                     -    -    -    -    -    -    Y    Y    Y    Y
private_document                    -    -    -    -    -    -    Y    Y    Y    Y
child_collection_document           -    -    -    -    -    -    Y    Y    Y    Y
members_image                       -    -    -    -    -    -    Y    Y    Y    Y
public_image                        -    -    -    -    -    -    Y    Y    Y    Y
"""

DRAFT_TITLES = {"draft_change"}

# Which pages each person may open in the page editor, and so its preview, history and revisions.
EDITS = {
    "stockholm_editor": {"public", "members", "group", "draft", "unpublished", "draft_change"},
    "secretariat": {key for key, item in ITEMS.items() if item.kind in ("practice", "city", "event", "revision")},
}


def parse_table(table: str) -> dict[str, frozenset[str]]:
    """{role: the items marked Y in its column}; every item and role appears exactly once."""
    rows = [line.split() for line in table.strip().splitlines()]
    assert [row[0] for row in rows] == list(ITEMS), "the table names every item, in order"
    assert all(len(row) == len(ROLES) + 1 and set(row[1:]) <= {"Y", "-"} for row in rows)
    return {role: frozenset(row[0] for row in rows if row[column] == "Y") for column, role in enumerate(ROLES, 1)}


SEES = parse_table(SITE_TABLE)
ADMIN_SEES = parse_table(ADMIN_TABLE)
MARKERS = {item.marker: key for key, item in ITEMS.items()}


def keys_of(kind: str) -> set[str]:
    return {key for key, item in ITEMS.items() if item.kind == kind}


PAGE_KEYS = {key for key, item in ITEMS.items() if item.kind in ("practice", "city", "event")}


def markers_in(text: str) -> set[str]:
    """The items whose marker is anywhere in ``text``."""
    text = text.lower()
    return {key for marker, key in MARKERS.items() if marker in text}


# Building the world


def _texts(marker: str, noun: str) -> dict:
    return {
        "title": f"{marker.title()} {SHARED_WORD} {noun}",
        "slug": f"{marker}-{SHARED_WORD}",
        "summary": f"The {marker} {SHARED_WORD} {noun}: what was done and learned.",
    }


def _body(marker: str, noun: str = "drill", *blocks) -> list[dict]:
    paragraph = {"type": "paragraph", "value": f"<p>Notes on the {marker} {noun} by the {SHARED_WORD}.</p>"}
    return [paragraph, *blocks]


def _practice(city, key: str, theme, *blocks, live: bool = True):
    """A practice of ``key``'s item with a revision (so the admin has a history to show)."""
    marker = ITEMS[key].marker
    texts = _texts(marker, "drill")
    page = make_practice(
        city, texts["title"], texts["slug"], summary=texts["summary"], body=_body(marker, "drill", *blocks), live=live
    )
    page.themes.set([theme])
    page.save()
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def _event(events, key: str, city, theme):
    marker = ITEMS[key].marker
    texts = _texts(marker, "exercise")
    description = f"<p>Notes on the {marker} exercise by the {SHARED_WORD}.</p>"
    page = EventPageFactory(parent=events, host_city=city, themes=[theme], description=description, **texts)
    page.save_revision().publish()
    return page


def _document(key: str, collection):
    marker = ITEMS[key].marker
    title, content = f"{marker.title()} {SHARED_WORD} roster", f"The {marker} roster by the {SHARED_WORD}."
    document = make_document(title, f"{marker}-roster.txt", content.encode(), collection)
    document.get_file_hash()  # as an upload through the admin sets it: the download's ETag
    return document


def _image(key: str, collection):
    marker = ITEMS[key].marker
    return wagtail_factories.ImageFactory(
        title=f"{marker.title()} {SHARED_WORD} photo", collection=collection, file__filename=f"{marker}-photo.jpg"
    )


def restrict_to_group(page, group):
    restriction = restrict_to_members(page)
    restriction.groups.set([group])


def build_content() -> dict:
    """Every item, hidden the way its name says, in the order that exercises the signals."""
    _home, cities, _research, events = ensure_site_structure()
    theme = Theme.objects.get(slug="victim-support")
    stockholm = make_city(cities, "Stockholm", "stockholm", founding_member=True)
    barcelona = make_city(cities, "Barcelona", "barcelona", country="ES", founding_member=True)
    saffron = make_city(
        cities, "Saffron Bay", "saffron-bay", country="NO", description=f"<p>Saffron Bay by the {SHARED_WORD}.</p>"
    )
    documents = {
        "public_document": _document("public_document", city_collection(stockholm)),
        "private_document": _document("private_document", members_only_collection()),
    }
    documents["child_collection_document"] = _document(
        "child_collection_document", documents["private_document"].collection.add_child(name="Sub-folder")
    )
    private_images = city_collection(stockholm).get_children().get()  # Stockholm's "Members only"
    images = {
        "members_image": _image("members_image", private_images),
        "public_image": _image("public_image", city_collection(stockholm)),
    }
    pages = {"restricted_parent": saffron}
    pages["unsaved_child"] = _practice(saffron, "unsaved_child", theme)
    pages["moved"] = _practice(stockholm, "moved", theme)
    restrict_to_members(saffron)  # its practice is not saved again
    Page.objects.get(pk=pages["moved"].pk).move(Page.objects.get(pk=saffron.pk), pos="last-child")
    pages["public"] = _public_practice(stockholm, theme, documents)
    image = images["members_image"]
    image_block = {"type": "image", "value": {"image": image.pk, "decorative": False, "alt_text": image.title}}
    pages["members"] = _practice(stockholm, "members", theme, image_block)
    restrict_to_members(pages["members"])
    pages["group"] = _practice(stockholm, "group", theme)
    restrict_to_group(pages["group"], stockholm.members_group)
    pages["draft"] = _practice(stockholm, "draft", theme, live=False)
    pages["unpublished"] = _practice(stockholm, "unpublished", theme)
    Page.objects.get(pk=pages["unpublished"].pk).specific.unpublish()
    pages["public_event"] = _event(events, "public_event", stockholm, theme)
    pages["members_event"] = _event(events, "members_event", stockholm, theme)
    restrict_to_members(pages["members_event"])
    pages["group_event"] = _event(events, "group_event", stockholm, theme)
    restrict_to_group(pages["group_event"], stockholm.members_group)
    pages = {key: Page.objects.get(pk=page.pk).specific for key, page in pages.items()}
    return {"pages": pages, "documents": documents, "images": images, "cities": (stockholm, barcelona, saffron)}


def _public_practice(stockholm, theme, documents):
    """The public practice: its files are of every privacy (one linked in its body too), and a
    change to it is saved but not published."""
    page = _practice(stockholm, "public", theme)
    for document in documents.values():
        PracticeAttachment.objects.create(page=page, document=document)
    link = {"type": "document", "value": {"document": documents["private_document"].pk, "title": ""}}
    page.body = _body(ITEMS["public"].marker, "drill", link)
    page.save_revision().publish()
    draft = _texts(ITEMS["draft_change"].marker, "drill")
    page.title, page.summary = draft["title"], draft["summary"]
    page.save_revision()  # saved for review, not published
    return page


# The people


def build_people(stockholm, barcelona) -> dict:
    """One account per role; the deactivated and offboarded ones signed in (with the password,
    as a person does) before losing access, their browsers kept."""
    users = get_user_model()
    people = {
        "outsider": _user(users, "outsider@example.org"),
        "member": _with_role(users, "member@example.org", Role.NETWORK_MEMBER),
        "group_member": _with_role(users, "staff@stockholm.example.org", Role.NETWORK_MEMBER, stockholm),
        "expert": _with_role(users, "expert@example.org", Role.INVITED_EXPERT, mfa=True),
        "stockholm_editor": _with_role(users, "editor@stockholm.example.org", Role.CITY_EDITOR, stockholm, mfa=True),
        "barcelona_editor": _with_role(users, "editor@barcelona.example.org", Role.CITY_EDITOR, barcelona, mfa=True),
        "secretariat": _with_role(users, "secretariat@example.org", Role.SECRETARIAT, mfa=True),
        "deactivated": _with_role(users, "left@example.org", Role.NETWORK_MEMBER),
        "offboarded": _with_role(users, "offboarded@example.org", Role.NETWORK_MEMBER),
    }
    tokens = {role: CalendarFeedToken.issue(user) for role, user in people.items() if role != "outsider"}
    browsers = {}
    for role in ("deactivated", "offboarded"):
        browsers[role] = Client()
        assert post_password(browsers[role], people[role].email).status_code == 302
    people["deactivated"].is_active = False
    people["deactivated"].save()
    revoke_role(people["offboarded"], Role.NETWORK_MEMBER)
    return {"users": people, "tokens": tokens, "browsers": browsers}

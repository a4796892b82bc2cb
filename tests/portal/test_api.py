"""The public API (/api/v2/): only what an anonymous visitor may read, for
everyone, bounded paging, read-only. Every read runs twice: without cookies
and with a network member's session (the API ignores the session)."""

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from wagtail.models import Collection, PageViewRestriction

from tests.conftest import make_city, make_practice, restrict_to_members
from tests.factories import EventPageFactory, make_document, members_only_collection

HIDDEN = "Classified"


@pytest.fixture(params=["anonymous", "member"])
def api(request, client):
    """A client without cookies, or signed in as a network member."""
    if request.param == "member":
        client.force_login(request.getfixturevalue("member"))
    return client


def get(client, url, **params):
    return client.get(url, params, HTTP_ACCEPT="application/json")


@pytest.fixture
def pages(site_tree, stockholm, member, theme):
    """One public practice and every way a page can be hidden; the member may read most of them."""
    barcelona = make_city(site_tree["cities"], f"{HIDDEN} Barcelona", "barcelona", country="ES")
    restrict_to_members(barcelona)
    inner_circle = Group.objects.create(name="Inner circle")
    member.groups.add(inner_circle)
    group_only = make_practice(stockholm, f"{HIDDEN} group only", "group-only")
    restriction = PageViewRestriction.objects.create(page=group_only, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(inner_circle)
    moved = make_practice(stockholm, f"{HIDDEN} moved", "moved")
    moved.move(barcelona, pos="last-child")
    unpublished = make_practice(stockholm, f"{HIDDEN} unpublished", "unpublished")
    unpublished.unpublish()
    public = make_practice(stockholm, "Open drill for venues", "open-drill", language="sv")
    public.themes.add(theme)
    public.save()
    members_only = make_practice(stockholm, f"{HIDDEN} members", "members")
    restrict_to_members(members_only)
    hidden = [
        barcelona,
        members_only,
        group_only,
        make_practice(barcelona, f"{HIDDEN} public child", "public-child"),
        moved,
        make_practice(stockholm, f"{HIDDEN} draft", "draft", live=False),
        unpublished,
    ]
    return {"public": public, "hidden": hidden, "stockholm": stockholm, "barcelona": barcelona}


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


class TestPages:
    def test_listing_has_public_pages_only_and_counts_only_them(self, api, pages):
        response = get(api, "/api/v2/pages/", type="resources.PracticePage")
        assert titles(response) == ["Open drill for venues"]
        assert response.json()["meta"]["total_count"] == 1
        assert HIDDEN not in get(api, "/api/v2/pages/", limit=50).content.decode()

    def test_search_finds_public_pages_only(self, api, pages):
        assert get(api, "/api/v2/pages/", search=HIDDEN).json() == {"meta": {"total_count": 0}, "items": []}
        assert titles(get(api, "/api/v2/pages/", search="drill")) == ["Open drill for venues"]

    def test_tree_filters_show_public_pages_only(self, api, pages, site_tree):
        assert titles(get(api, "/api/v2/pages/", child_of=pages["stockholm"].pk)) == ["Open drill for venues"]
        descendants = get(api, "/api/v2/pages/", descendant_of=site_tree["home"].pk, limit=50)
        assert "Open drill for venues" in titles(descendants)
        assert HIDDEN not in descendants.content.decode()

    def test_restricted_parent_cannot_be_listed_under_or_found(self, api, pages):
        for param in ("child_of", "descendant_of"):
            response = get(api, "/api/v2/pages/", **{param: pages["barcelona"].pk})
            assert response.status_code == 400
            assert HIDDEN not in response.content.decode()
        assert get(api, "/api/v2/pages/find/", html_path="/cities/barcelona/").status_code == 404
        assert get(api, "/api/v2/pages/find/", html_path="/cities/stockholm/open-drill/").status_code == 302

    def test_detail_of_every_hidden_page_is_404(self, api, pages):
        for page in pages["hidden"]:
            response = get(api, f"/api/v2/pages/{page.pk}/")
            assert response.status_code == 404, page.title
            assert HIDDEN not in response.content.decode()
            assert get(api, "/api/v2/pages/find/", id=page.pk).status_code == 404

    def test_detail_of_public_practice_has_its_fields(self, api, pages):
        data = get(api, f"/api/v2/pages/{pages['public'].pk}/").json()
        assert data["summary"].startswith("Open drill for venues")
        assert data["city"]["title"] == "Stockholm"
        assert data["themes"] == [{"slug": "victim-support", "name": "Victim support"}]
        assert data["language"] == "sv"
        assert data["start_date"] == "2021-03-01"

    def test_public_event_does_not_name_a_restricted_host_city(self, api, pages, site_tree):
        event = EventPageFactory(parent=site_tree["events"], title="Open workshop", host_city=pages["barcelona"])
        data = get(api, f"/api/v2/pages/{event.pk}/").json()
        assert data["host_city"] is None
        assert HIDDEN not in str(data)


@pytest.fixture
def documents(db):
    private = members_only_collection()
    return {
        "public": make_document("Public checklist", "checklist.txt", b"open"),
        "private": make_document(f"{HIDDEN} call list", "call-list.txt", b"secret", private),
        "nested": make_document(f"{HIDDEN} nested", "nested.txt", b"secret", private.add_child(name="Sub")),
    }


class TestDocuments:
    def test_listing_has_public_documents_only(self, api, documents):
        response = get(api, "/api/v2/documents/")
        assert titles(response) == ["Public checklist"]
        assert response.json()["meta"]["total_count"] == 1
        assert response.json()["items"][0]["meta"]["download_url"].endswith(documents["public"].url)

    def test_private_documents_never_appear(self, api, documents):
        for document in (documents["private"], documents["nested"]):
            assert get(api, f"/api/v2/documents/{document.pk}/").status_code == 404
        listing = get(api, "/api/v2/documents/", search=HIDDEN).content.decode()
        listing += get(api, "/api/v2/documents/", limit=50).content.decode()
        assert HIDDEN not in listing
        assert documents["private"].url not in listing
        assert documents["nested"].url not in listing


def test_images_in_a_private_collection_are_not_listed(api, db):
    wagtail_factories.ImageFactory(title="Public map", collection=Collection.get_first_root_node())
    private = wagtail_factories.ImageFactory(title=f"{HIDDEN} photo", collection=members_only_collection())
    assert titles(get(api, "/api/v2/images/")) == ["Public map"]
    assert get(api, f"/api/v2/images/{private.pk}/").status_code == 404


ENDPOINTS = ["/api/v2/pages/", "/api/v2/documents/", "/api/v2/images/"]
HOSTILE = [
    {"limit": "-1"},
    {"limit": "1e9"},
    {"limit": "51"},
    {"limit": "abc"},
    {"limit": ""},
    {"limit": "9" * 40},
    {"offset": "-1"},
    {"offset": "1e9"},
    {"offset": "10001"},
    {"offset": "9" * 40},
    {"offset": "1.5"},
    {"id": "abc"},
    {"nonsense": "1"},
    {"order": "no_such_field"},
    {"search": "a", "search_operator": "xor"},
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("params", HOSTILE)
def test_hostile_parameters_are_400_with_a_message(client, db, endpoint, params):
    url = endpoint + "find/" if "id" in params else endpoint
    response = get(client, url, **params)
    assert response.status_code == 400
    assert response.json()["message"]


@pytest.mark.parametrize(
    "params",
    [
        {"child_of": "9" * 30},
        {"descendant_of": "-4"},
        {"type": "resources.NoSuchPage"},
        {"type": "resources.PracticePage", "themes": "abc"},
        {"type": "resources.EventPage", "start": "yesterday"},
        {"type": "resources.PracticePage", "start_date": "2021-13-45"},
        {"type": "resources.PracticePage", "fields": "city(title)"},
        {"fields": "no_such_field"},
        {"translation_of": "abc"},
        {"ancestor_of": "abc"},
        {"order": "random", "offset": "1"},
    ],
)
def test_hostile_page_filters_are_400(client, db, params):
    response = get(client, "/api/v2/pages/", **params)
    assert response.status_code == 400
    assert response.json()["message"]


@pytest.mark.parametrize(
    "params",
    [
        {"type": "resources.PracticePage", "fields": "themes(*)"},
        {"locale": "zz"},
    ],
)
def test_odd_page_parameters_get_wagtails_answer_not_an_error(client, db, params):
    """Wagtail ignores these or answers 404: either way JSON, never a server error."""
    response = get(client, "/api/v2/pages/", **params)
    assert response.status_code in (200, 400, 404)
    assert isinstance(response.json(), dict)


def test_bounds_themselves_are_accepted(client, site_tree):
    assert get(client, "/api/v2/pages/", limit=50, offset=10000).json()["items"] == []
    assert get(client, "/api/v2/pages/", limit=0).status_code == 200
    assert get(client, f"/api/v2/pages/{'9' * 30}/").status_code == 404


def test_the_api_is_read_only(api, site_tree):
    urls = [*ENDPOINTS, f"/api/v2/pages/{site_tree['home'].pk}/"]
    for url in urls:
        assert get(api, url).status_code == 200
        for method in ("post", "put", "patch", "delete"):
            response = getattr(api, method)(url, {}, content_type="application/json")
            assert response.status_code == 405, (method, url)

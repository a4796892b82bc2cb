"""Nothing a reader may not read shows through search, over HTTP, on both backends.

Every reader searches for a public, a members-only and a Stockholm-group-only
resource, and for a word that is only in a members-only attachment of a public
page. What they may not read must not show in the hits, the total, the facet
counts, the snippets, the "did you mean" suggestion, the autocomplete or the
"Related resources" of a public page; what they may read must.
"""

import datetime
from collections import Counter

import pytest
from wagtail.models import PageViewRestriction

from resources.models import PracticeAttachment, Theme
from tests.conftest import make_city, make_practice, restrict_to_members
from tests.factories import ResearchPageFactory, make_document, members_only_collection
from tests.search.helpers import client_for, facet_counts, hit_titles

# key -> (title, the word of its title no other resource has, type, cities, year, language)
ITEMS = {
    "public": ("Quayside evacuation plan", "evacuation", "practice", ["stockholm"], 2021, "en"),
    "signage": ("Quayside signage", "signage", "practice", ["stockholm"], 2022, "en"),
    "members": ("Obsidian quayside drill", "obsidian", "practice", ["barcelona"], 2017, "en"),
    "group": ("Vermilion quayside assessment", "vermilion", "research", ["stockholm"], 2016, "fr"),
}
PUBLIC = {"public", "signage"}
NETWORK = PUBLIC | {"members"}
EVERYTHING = NETWORK | {"group"}
SEES = {
    "anonymous": PUBLIC,
    "outsider": PUBLIC,  # signed in, in no group
    "member": NETWORK,
    "barcelona_editor": NETWORK,  # an editor of another city than the group's
    "stockholm_editor": EVERYTHING,  # in the Stockholm members group
    "secretariat": EVERYTHING,
}
# Only in a members-only file attached to the public "signage" practice.
FILE_WORD = "cobalt"


def on_the_theme(page):
    """Put ``page`` on the theme every resource here shares (so they are related)."""
    page.themes.set([Theme.objects.get(slug="victim-support")])
    page.save()  # parental many-to-many values are written on save
    return page


def practice(city, key, summary):
    title, _word, _type, _cities, year, language = ITEMS[key]
    slug = title.lower().replace(" ", "-")
    start = datetime.date(year, 4, 1)
    return on_the_theme(make_practice(city, title, slug, summary=summary, start_date=start, language=language))


@pytest.fixture
def content(site_tree, stockholm, barcelona):
    """Four resources on one theme, all about a quayside."""
    pages = {
        "public": practice(stockholm, "public", "Quayside evacuation with ferries."),
        "signage": practice(stockholm, "signage", "Quayside signs and wayfinding."),
        "members": practice(barcelona, "members", "Quayside drill with obsidian markers."),
        "group": ResearchPageFactory(
            parent=site_tree["research"],
            title=ITEMS["group"][0],
            practitioner_summary="Quayside findings in vermilion ink.",
            publication_date=datetime.date(2016, 4, 1),
            language="fr",
            cities=[stockholm],
            themes=[Theme.objects.get(slug="victim-support")],
        ),
    }
    restrict_to_members(pages["members"])
    restriction = PageViewRestriction.objects.create(page=pages["group"], restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(stockholm.members_group)
    document = make_document(
        "Signage contractors", "contractors.txt", b"The cobalt contractors.", members_only_collection()
    )
    PracticeAttachment.objects.create(page=pages["signage"], document=document)
    return pages


def expected_facets(keys) -> dict[str, Counter]:
    items = [ITEMS[key] for key in keys]
    return {
        "type": Counter(item[2] for item in items),
        "city": Counter(city for item in items for city in item[3]),
        "year": Counter(str(item[4]) for item in items),
        "lang": Counter(item[5] for item in items),
    }


def hidden_words(keys) -> list[str]:
    """Titles and words of the resources a reader may not see."""
    return [text.lower() for key in EVERYTHING - set(keys) for text in ITEMS[key][:2]]


def assert_search_shows_only(client, keys):
    response = client.get("/search/", {"q": "quayside"})
    html = response.content.decode().lower()
    assert response.context["results"].total == len(keys)
    assert set(hit_titles(response)) == {ITEMS[key][0] for key in keys}
    for name, counts in expected_facets(keys).items():
        assert facet_counts(response, name) == counts, name
    for word in hidden_words(keys):
        assert word not in html, word


def assert_words_find_only(client, keys):
    """Searching a word only a hidden resource has finds nothing, counts nothing, suggests nothing."""
    for key, (title, word, *_rest) in ITEMS.items():
        results = client.get("/search/", {"q": word}).context["results"]
        visible = key in keys
        assert (results.total, [hit.title for hit in results.hits]) == ((1, [title]) if visible else (0, [])), word
        assert any(facet.values for facet in results.facets) == visible, word
        misspelt = client.get("/search/", {"q": word[:-2] + word[-1]}).context["results"]
        assert (misspelt.suggestion == word) == visible, word


def assert_autocomplete_offers_only(client, keys):
    for key, (title, word, *_rest) in ITEMS.items():
        response = client.get("/search/suggest/", {"q": word[:5]})
        offered = [item["title"] for item in response.json()["results"]]
        assert offered == ([title] if key in keys else []), word


def assert_related_shows_only(client, page, keys):
    """The public page's "Related resources" (the others share its theme and words) list only what the
    reader may read; the members-only one is listed for those who may, so the check means something."""
    response = client.get(page.url)
    html = response.content.decode().lower()
    titles = {hit.title for hit in response.context["related"]}
    assert titles <= {ITEMS[key][0] for key in keys}
    assert (ITEMS["members"][0] in titles) == ("members" in keys)
    for word in hidden_words(keys):
        assert word not in html, word


def assert_file_text_found_only(client, keys, backend):
    """A word only in the members-only file of a public page finds that page only for those who may open it."""
    response = client.get("/search/", {"q": FILE_WORD})
    results = response.context["results"]
    if "members" not in keys:
        assert results.total == 0
        assert not any(facet.values for facet in results.facets)
        assert "contractors" not in response.content.decode()
    elif backend.name == "elasticsearch":  # the database backend does not read files
        assert hit_titles(response) == [ITEMS["signage"][0]]
        assert "<mark>cobalt</mark>" in response.content.decode()


def test_each_reader_sees_only_what_they_may_read(request, content, search_backend, subtests):
    search_backend.sync()
    for role, keys in SEES.items():
        with subtests.test(role=role):
            client = client_for(request, role)
            assert_search_shows_only(client, keys)
            assert_words_find_only(client, keys)
            assert_autocomplete_offers_only(client, keys)
            assert_related_shows_only(client, content["public"], keys)
            assert_file_text_found_only(client, keys, search_backend)


@pytest.fixture
def rotterdam(site_tree):
    """A third city, where the later changes happen."""
    return make_city(site_tree["cities"], "Rotterdam", "rotterdam", country="NL")


@pytest.fixture
def neighbour(stockholm):
    """A public practice on the same theme, whose "Related resources" might show the changed page."""
    return practice(stockholm, "public", "Quayside evacuation with ferries.")


def lantern_in(city):
    return on_the_theme(
        make_practice(city, "Lantern quayside checklist", "lantern", summary="Lanterns on the quayside.")
    )


def test_restricting_a_parent_hides_its_unchanged_children(request, neighbour, rotterdam, search_backend, subtests):
    lantern_in(rotterdam)
    search_backend.sync()
    assert client_for(request, "anonymous").get("/search/", {"q": "lantern"}).context["results"].total == 1

    restrict_to_members(rotterdam)  # the practice itself is not saved again
    search_backend.sync()  # what the index worker does for the city and its descendants
    for role, keys in SEES.items():
        with subtests.test(role=role):
            assert_lantern_shown(client_for(request, role), neighbour, "members" in keys)


def test_moving_a_public_page_under_a_restricted_one_hides_it(
    request, stockholm, neighbour, rotterdam, search_backend, subtests
):
    restrict_to_members(rotterdam)
    lantern = lantern_in(stockholm)
    search_backend.sync()
    assert client_for(request, "anonymous").get("/search/", {"q": "lantern"}).context["results"].total == 1

    lantern.move(rotterdam, pos="last-child")
    search_backend.sync()
    for role, keys in SEES.items():
        with subtests.test(role=role):
            assert_lantern_shown(client_for(request, role), neighbour, "members" in keys)


def assert_lantern_shown(client, neighbour, may_read: bool):
    """The lantern practice, now members-only, in search, autocomplete and the neighbour's related resources."""
    response = client.get("/search/", {"q": "lantern"})
    results = response.context["results"]
    assert results.total == int(may_read)
    assert ("rotterdam" in facet_counts(response, "city")) == may_read
    assert ("Lantern quayside checklist" in response.content.decode()) == may_read
    if may_read:
        assert results.hits[0].members_only
    offered = [item["title"] for item in client.get("/search/suggest/", {"q": "lante"}).json()["results"]]
    assert offered == (["Lantern quayside checklist"] if may_read else [])
    assert ("Lantern quayside checklist" in client.get(neighbour.url).content.decode()) == may_read

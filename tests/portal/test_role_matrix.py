"""Every role, from the outside: what each person sees and may change.

One members-only practice, one public practice, a members-only document and a
city's contact details, looked at as anonymous, a signed-in outsider, a member,
an expert, the editors of two cities and the secretariat.
"""

import pytest

from tests.admin_forms import edit_url, practice_form
from tests.conftest import make_practice, restrict_to_members
from tests.factories import make_document, members_only_collection

SECRET_TITLE = "Members-only drill at the central station"
SECRET_BYTES = b"members-only call list"
CONTACT = "duty-officer@stockholm.example.org"

READERS = ["member", "expert", "stockholm_editor", "barcelona_editor", "secretariat"]


@pytest.fixture
def content(stockholm):
    stockholm.contact_details = f"<p>{CONTACT}</p>"
    stockholm.save_revision().publish()
    secret = make_practice(stockholm, SECRET_TITLE, "secret-drill", summary="Reconnaissance drill, members only.")
    restrict_to_members(secret)
    public = make_practice(stockholm, "Open venue checklist", "open-checklist", summary="Reconnaissance checklist.")
    document = make_document("Call list", "call-list.txt", SECRET_BYTES, members_only_collection())
    return {"secret": secret, "public": public, "document": document, "city": stockholm}


def as_role(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def read(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
class TestPeopleOutsideTheNetwork:
    def test_members_only_practice_is_refused(self, client, request, content, role):
        response = as_role(client, request, role).get(content["secret"].url)
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert SECRET_TITLE not in response.content.decode()

    def test_members_only_items_are_nowhere_in_lists_counts_or_search(self, client, request, content, role):
        client = as_role(client, request, role)
        # Counts first: a second anonymous view of a listing comes from the page cache, without a context.
        assert client.get("/practices/").context["listing"].page.paginator.count == 1
        assert client.get("/search/?q=reconnaissance").context["results"].total == 1
        for url in ["/practices/", content["city"].url, "/", "/search/?q=reconnaissance"]:
            assert SECRET_TITLE not in client.get(url).content.decode(), url

    def test_members_only_document_and_contacts_are_withheld(self, client, request, content, role):
        client = as_role(client, request, role)
        assert SECRET_BYTES not in read(client.get(content["document"].url))
        assert CONTACT not in client.get(content["city"].url).content.decode()

    def test_public_practice_is_readable(self, client, request, content, role):
        assert as_role(client, request, role).get(content["public"].url).status_code == 200


@pytest.mark.parametrize("role", READERS)
class TestNetworkReaders:
    def test_members_only_practice_is_readable(self, client, request, content, role):
        response = as_role(client, request, role).get(content["secret"].url)
        assert response.status_code == 200
        assert SECRET_TITLE in response.content.decode()

    def test_lists_counts_and_search_include_it(self, client, request, content, role):
        client = as_role(client, request, role)
        assert client.get("/practices/").context["listing"].page.paginator.count == 2
        assert client.get("/search/?q=reconnaissance").context["results"].total == 2
        assert SECRET_TITLE in client.get(content["city"].url).content.decode()

    def test_members_only_document_and_contacts_are_shown(self, client, request, content, role):
        client = as_role(client, request, role)
        assert read(client.get(content["document"].url)) == SECRET_BYTES
        assert CONTACT in client.get(content["city"].url).content.decode()


@pytest.mark.parametrize(
    ("role", "may_edit"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("member", False),
        ("expert", False),
        ("barcelona_editor", False),
        ("stockholm_editor", True),
        ("stockholm_coordinator", True),
        ("secretariat", True),
    ],
)
def test_who_may_open_a_stockholm_practice_in_the_editor(client, request, content, role, may_edit):
    response = as_role(client, request, role).get(edit_url(content["secret"]))
    assert (response.status_code == 200) is may_edit


@pytest.mark.parametrize(
    ("role", "may_publish"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("member", False),
        ("expert", False),
        ("barcelona_editor", False),
        ("stockholm_editor", False),  # edits, but publishing goes through the secretariat's review
        ("stockholm_coordinator", False),
        ("secretariat", True),
    ],
)
def test_who_may_publish_a_change_to_a_stockholm_practice(client, request, content, role, may_publish):
    practice = content["secret"]
    data = practice_form(title=practice.title, slug=practice.slug, summary=f"Changed by {role}.")
    as_role(client, request, role).post(edit_url(practice), data)
    practice.refresh_from_db()
    assert (practice.summary == f"Changed by {role}.") is may_publish

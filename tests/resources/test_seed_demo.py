"""seed_demo: a full demo network, safe to run twice, accounts only in DEBUG."""

import io
import re
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageViewRestriction,
)

from home.models import FeaturedResource, HostingPeriod
from members.choices import Role
from members.models import AuditEvent, ExpertProfile
from members.roles import Grant, roles_of
from portal.access import document_audiences, is_members_only, user_can_view_page
from resources.models import (
    CityPage,
    EventOutput,
    EventPage,
    PracticeAttachment,
    PracticePage,
    ResearchAuthor,
    ResearchFile,
    ResearchPage,
)

DEMO_DOMAIN = "@demo.ctpn.example"
COUNTED = [
    Page,
    CityPage,
    PracticePage,
    ResearchPage,
    EventPage,
    get_document_model(),
    Collection,
    get_user_model(),
    Group,
    PageViewRestriction,
    CollectionViewRestriction,
    GroupPagePermission,
    GroupCollectionPermission,
    FeaturedResource,
    HostingPeriod,
    PracticeAttachment,
    ResearchAuthor,
    ResearchFile,
    EventOutput,
    ExpertProfile,
    AuditEvent,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def demo_passwords(output: str) -> dict[str, str]:
    """The table of demo accounts the command prints: email -> password."""
    return dict(re.findall(rf"^(\S+{re.escape(DEMO_DOMAIN)})\s.*?(\S+)\s*$", output, flags=re.MULTILINE))


@dataclass
class SeedRuns:
    without_debug: dict[str, int]
    without_debug_output: str
    first: dict[str, int]
    second: dict[str, int]
    second_output: str


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once with DEBUG off, then twice with DEBUG on, once for the whole module,
    inside a transaction rolled back at the end; each test runs in its own savepoint."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(DEBUG=False):
                without_debug_output = seed()
                without_debug = counts()
            with override_settings(DEBUG=True):
                seed()
                first = counts()
                second_output = seed()
            yield SeedRuns(without_debug, without_debug_output, first, counts(), second_output)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.usefixtures("db")
class TestSeedDemo:
    def test_second_run_creates_nothing(self, seeded):
        assert seeded.second == seeded.first

    def test_a_run_with_debug_on_adds_only_the_accounts(self, seeded):
        added = {name for name, count in seeded.first.items() if count != seeded.without_debug[name]}
        assert added == {"User", "ExpertProfile", "AuditEvent"}

    def test_no_demo_accounts_without_debug(self, seeded):
        assert seeded.without_debug["User"] == 0
        assert demo_passwords(seeded.without_debug_output) == {}
        assert "Demo accounts skipped: DEBUG is off." in seeded.without_debug_output
        assert seeded.without_debug["PracticePage"] >= 30

    def test_a_whole_network(self, seeded):
        second = seeded.second
        assert second["CityPage"] >= 10
        assert second["PracticePage"] >= 30
        assert second["ResearchPage"] >= 15
        assert second["EventPage"] >= 8
        for model in (CityPage, PracticePage, ResearchPage, EventPage):
            assert not model.objects.not_live().exists(), f"draft {model.__name__} in the demo"

    def test_mix_of_public_and_members_only(self, seeded):
        for model in (PracticePage, ResearchPage, EventPage):
            flags = [is_members_only(page) for page in model.objects.live()]
            assert any(flags), f"no members-only {model.__name__}"
            assert not all(flags), f"no public {model.__name__}"
        audiences = [document_audiences(document) for document in get_document_model().objects.all()]
        assert {"public"} in audiences
        assert {"members"} in audiences

    def test_pdf_attachment_text_can_be_extracted(self, seeded):
        pdfs = get_document_model().objects.filter(file__endswith=".pdf")
        assert pdfs.exists()
        for document in pdfs:
            with document.open_file() as handle:
                reader = PdfReader(io.BytesIO(handle.read()))
            text = " ".join(page.extract_text() for page in reader.pages)
            assert len(text.split()) > 20, document.title
            first_word = document.title.split()[0].strip(":,")
            assert first_word in text, document.title

    def test_every_city_has_its_editors(self, seeded):
        """Editors add and change their city's pages; publishing is the secretariat's review."""
        for city in CityPage.objects.all():
            group = Group.objects.get(name=f"{city.title} editors")
            codenames = set(
                GroupPagePermission.objects.filter(group=group, page=city).values_list(
                    "permission__codename", flat=True
                )
            )
            assert codenames == {"add_page", "change_page"}

    def test_demo_accounts_exist_in_debug_and_can_sign_in(self, client, seeded):
        passwords = demo_passwords(seeded.second_output)
        users = get_user_model().objects.filter(email__endswith=DEMO_DOMAIN)
        assert users.count() >= 6
        assert set(passwords) == set(users.values_list("email", flat=True))
        member = "member@demo.ctpn.example"
        response = client.post("/accounts/login/", {"login": member, "password": passwords[member]})
        assert response.status_code == 302
        assert "_auth_user_id" in client.session

    def test_demo_accounts_hold_their_roles(self, seeded):
        def grants(email):
            return roles_of(get_user_model().objects.get(email=email))

        stockholm, barcelona = CityPage.objects.get(slug="stockholm"), CityPage.objects.get(slug="barcelona")
        assert grants("secretariat@demo.ctpn.example") == [Grant(Role.SECRETARIAT)]
        assert grants("coordinator.stockholm@demo.ctpn.example") == [Grant(Role.CITY_COORDINATOR, stockholm)]
        assert grants("editor.stockholm@demo.ctpn.example") == [Grant(Role.CITY_EDITOR, stockholm)]
        assert grants("editor.barcelona@demo.ctpn.example") == [Grant(Role.CITY_EDITOR, barcelona)]
        assert grants("expert@demo.ctpn.example") == [Grant(Role.INVITED_EXPERT)]
        assert grants("member@demo.ctpn.example") == [Grant(Role.NETWORK_MEMBER, stockholm)]
        assert get_user_model().objects.get(email="secretariat@demo.ctpn.example").is_superuser
        granted = AuditEvent.objects.filter(subject_email__endswith=DEMO_DOMAIN, action="role_granted")
        assert granted.count() == 6, "a second run grants nothing again"

    def test_demo_expert_is_credited_on_their_research_and_owns_it(self, seeded):
        expert = get_user_model().objects.get(email="expert@demo.ctpn.example")
        profile = expert.expert_profile
        assert profile.display_name == "Pieter de Wolf"
        assert profile.is_public
        pages = ResearchPage.objects.filter(authors__expert=profile).distinct()
        assert pages.count() == 2
        for page in pages:
            assert page.live and not page.has_unpublished_changes
            assert page.owner == expert
            assert page.permissions_for_user(expert).can_edit()
            assert not page.permissions_for_user(expert).can_publish()
            # The link is in the revision the editor opens, not only in the live rows.
            assert [a.expert_id for a in page.get_latest_revision_as_object().authors.all() if a.expert_id] == [
                profile.pk
            ]

    def test_output_says_which_accounts_set_up_an_authenticator(self, seeded):
        rows = {
            line.split()[0]: line
            for line in seeded.second_output.splitlines()
            if line.split() and line.split()[0].endswith(DEMO_DOMAIN)
        }
        assert " yes " in rows["secretariat@demo.ctpn.example"]
        assert " yes " in rows["editor.stockholm@demo.ctpn.example"]
        assert " yes " not in rows["member@demo.ctpn.example"]
        assert "set up an authenticator app (TOTP) at their first visit to /admin/" in seeded.second_output

    def test_demo_pages_render(self, client, seeded, subtests):
        """A public and a members-only page of every type, and the listings, open with demo
        content: for a member always, for the public exactly when the page is public."""
        samples = {}
        for page in Page.objects.live().filter(depth__gt=1).specific():
            samples.setdefault((type(page), is_members_only(page)), page)
        urls = ["/practices/", "/search/?q=exercise"] + [page.url for page in samples.values()]
        member = get_user_model().objects.get(email="member@demo.ctpn.example")
        for page in samples.values():
            with subtests.test(page=page.url):
                expected = 200 if user_can_view_page(AnonymousUser(), page) else 302
                assert client.get(page.url).status_code == expected
        client.force_login(member)
        for url in urls:
            with subtests.test(url=url, user="member"):
                assert client.get(url).status_code == 200
